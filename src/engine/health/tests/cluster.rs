use super::{case, check_all};

#[test]
fn horizontal_pod_autoscaler() {
    check_all(&[
        case!("hpa_healthy.yaml" => Healthy, "3 current replicas"),
        case!("hpa_unable_to_scale.yaml" => Degraded, "FailedGetScale: the HPA controller was unable to get the target's current scale"),
        case!("hpa_failed_get_metric.yaml" => Degraded, "FailedGetResourceMetric: the HPA was unable to compute the replica count"),
        case!("hpa_scaling_disabled.yaml" => Healthy, "0 current replicas"),
        case!("hpa_no_conditions.yaml" => Progressing, "Waiting to autoscale"),
        case!("hpa_v1_annotation_degraded.yaml" => Degraded, "FailedGetResourceMetric: the HPA was unable to compute"),
    ]);
}

#[test]
fn apiservice() {
    check_all(&[
        case!("apiservice_available.yaml" => Healthy, ""),
        case!("apiservice_unavailable.yaml" => Degraded, "failing or missing response from https://10.244.0.9:10250"),
        case!("apiservice_no_condition.yaml" => Progressing, "Waiting for APIService to become available"),
    ]);
}

#[test]
fn kinds_without_health() {
    check_all(&[
        case!("configmap.yaml" => none),
        case!("secret.yaml" => none),
        case!("cluster_role.yaml" => none),
        case!("service_account.yaml" => none),
        case!("custom_deployment_crd.yaml" => none),
    ]);
}
