use super::{case, check_all};

#[test]
fn service() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_service.go",
        &[
            case!("service_cluster_ip.yaml" => Healthy, ""),
            case!("service_load_balancer_pending.yaml" => Progressing, "Waiting for load balancer address"),
            case!("service_load_balancer_ready.yaml" => Healthy, "load balancer at a1b2c3d4e5f6-1234567890.elb.eu-west-1.amazonaws.com"),
        ],
    );
}

#[test]
fn ingress() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_ingress.go",
        &[
            case!("ingress_ready.yaml" => Healthy, "address 203.0.113.25"),
            case!("ingress_pending.yaml" => Progressing, "Waiting for ingress address"),
        ],
    );
}

#[test]
fn persistent_volume_claim() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_pvc.go",
        &[
            case!("pvc_bound.yaml" => Healthy, "Bound to pvc-e6f7a8b9"),
            case!("pvc_pending.yaml" => Progressing, "Waiting for volume to be bound"),
            case!("pvc_lost.yaml" => Degraded, "Bound volume was lost"),
            case!("pvc_no_phase.yaml" => Unknown, "PersistentVolumeClaim has no phase"),
        ],
    );
}
