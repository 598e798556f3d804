use super::{case, check_all};

/// A deliberate difference: Argo CD gives kinds without a rule no health
/// (GetHealthCheckFunc returns nil); recon reads their Ready/Available condition.
#[test]
fn generic_ready_or_available_condition() {
    check_all(
        "argoproj/gitops-engine pkg/health/health.go (GetHealthCheckFunc)",
        &[
            case!("generic_certificate_ready.yaml" => Healthy, "Certificate is up to date"),
            case!("generic_certificate_not_ready.yaml" => Degraded, "DoesNotExist: Issuing certificate as Secret does not exist"),
            case!("generic_kustomization_reconciling.yaml" => Progressing, "Progressing: Reconciliation in progress"),
            case!("generic_kustomization_stale_ready.yaml" => Progressing, "waiting for controller to observe the latest spec"),
            case!("generic_prometheus_unavailable.yaml" => Degraded, "NoPodReady: shard 0: pod prometheus-k8s-0"),
            case!("recon_application_ready.yaml" => Healthy, "All resources are synced and healthy"),
            case!("node_ready.yaml" => Healthy, "kubelet is posting ready status"),
        ],
    );
}
