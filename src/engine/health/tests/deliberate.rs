//! Where recon judges differently from Argo CD on purpose; each case is one
//! entry of the README's list of deliberate differences, with the Argo CD
//! rule it departs from.

use super::{case, check_all};

#[test]
fn init_containers_and_invalid_image_names_count_as_stuck() {
    // Argo CD checks only app containers, for Err*/*Error/*BackOff reasons.
    check_all(
        "argoproj/gitops-engine pkg/health/health_pod.go",
        &[
            case!("pod_init_crash_loop_back_off.yaml" => Degraded, "container \"wait-for-db\": CrashLoopBackOff"),
            case!("pod_invalid_image_name.yaml" => Degraded, "container \"web\": InvalidImageName"),
        ],
    );
}

#[test]
fn job_failure_target_and_spec_suspend() {
    // Argo CD waits for Failed, and goes by the Suspended condition.
    check_all(
        "argoproj/gitops-engine pkg/health/health_job.go",
        &[
            case!("job_failure_target.yaml" => Degraded, "Job was active longer than specified deadline"),
            case!("job_resuming.yaml" => Progressing, "Job is running: 0 active"),
        ],
    );
}

#[test]
fn absent_replicas_count_as_one() {
    // Argo CD skips the replica checks when spec.replicas is absent.
    check_all(
        "argoproj/gitops-engine pkg/health/health_deployment.go",
        &[
            case!("deployment_default_replicas.yaml" => Healthy, "1 of 1 replicas available"),
            case!("deployment_default_replicas_not_updated.yaml" => Progressing, "0 out of 1 new replicas"),
        ],
    );
}

#[test]
fn namespaces_have_a_health() {
    // Argo CD has no rule for Namespaces.
    check_all(
        "argoproj/gitops-engine pkg/health/health.go (GetHealthCheckFunc)",
        &[
            case!("namespace_active.yaml" => Healthy, ""),
            case!("namespace_terminating_exported.yaml" => Progressing, "Namespace is terminating"),
        ],
    );
}
