use super::{case, check_all};

#[test]
fn horizontal_pod_autoscaler() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_hpa.go",
        &[
            case!("hpa_healthy.yaml" => Healthy, "recommended size matches current size"),
            case!("hpa_unable_to_scale.yaml" => Degraded, "the HPA controller was unable to get the target's current scale"),
            // A Degraded condition after a True AbleToScale still wins
            // (gitops-engine testdata/hpa-v2-degraded-partially.yaml).
            case!("hpa_failed_get_metric.yaml" => Degraded, "the HPA was unable to compute the replica count"),
            case!("hpa_scaling_disabled.yaml" => Healthy, "recommended size matches current size"),
            case!("hpa_external_metric_failed.yaml" => Healthy, "the HPA controller was able to get the target's current scale"),
            case!("hpa_backoff.yaml" => Progressing, "Waiting to Autoscale"),
            case!("hpa_no_conditions.yaml" => Progressing, "Waiting to Autoscale"),
            case!("hpa_v1_annotation_degraded.yaml" => Degraded, "the HPA was unable to compute"),
            case!("hpa_v1_no_annotation.yaml" => Progressing, "Waiting to Autoscale"),
            case!("hpa_v1_bad_annotation.yaml" => Unknown, "failed to convert conditions annotation to typed"),
        ],
    );
}

#[test]
fn apiservice() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_apiservice.go",
        &[
            case!("apiservice_available.yaml" => Healthy, "Passed: all checks passed"),
            case!("apiservice_unavailable.yaml" => Progressing, "FailedDiscoveryCheck: failing or missing response from https://10.244.0.9:10250"),
            case!("apiservice_no_condition.yaml" => Progressing, "Waiting to be processed"),
        ],
    );
}

#[test]
fn custom_resource_definition() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_customresourcedefinition.go",
        &[
            case!("crd_established.yaml" => Healthy, "CRD is healthy"),
            // As in Argo CD, the message is the last problem condition's (Established here).
            case!("crd_names_not_accepted.yaml" => Degraded, "CRD names have not been accepted: not all names are accepted"),
            case!("crd_not_established.yaml" => Degraded, "CRD is not established: the initial names have been accepted"),
            case!("crd_no_conditions.yaml" => Progressing, "Status conditions not found"),
        ],
    );
}

/// Kinds Argo CD has no rule for, and that carry no Ready/Available condition.
#[test]
fn kinds_without_health() {
    check_all(
        "argoproj/gitops-engine pkg/health/health.go (GetHealthCheckFunc)",
        &[
            case!("configmap.yaml" => none),
            case!("secret.yaml" => none),
            case!("cluster_role.yaml" => none),
            case!("service_account.yaml" => none),
            case!("custom_deployment_crd.yaml" => none),
        ],
    );
}
