use super::{case, check_all};

const ARGO_POD_RULE: &str = "argoproj/gitops-engine pkg/health/health_pod.go";

#[test]
fn pod() {
    check_all(
        ARGO_POD_RULE,
        &[
            case!("pod_running_ready.yaml" => Healthy, "2/2 containers ready"),
            case!("pod_running_not_ready.yaml" => Progressing, "1/2 containers ready"),
            case!("pod_running_restarted_not_ready.yaml" => Degraded, "container \"web\" is not ready and last terminated: OOMKilled"),
            case!("pod_running_no_ready_condition.yaml" => Progressing, "1/1 containers ready"),
            case!("pod_pending_unschedulable.yaml" => Progressing, "Pod is pending"),
            case!("pod_container_creating.yaml" => Progressing, "Pod is pending"),
            case!("pod_succeeded.yaml" => Healthy, "Pod completed"),
            case!("pod_failed_evicted.yaml" => Degraded, "The node was low on resource: memory"),
            case!("pod_failed_exit_code.yaml" => Degraded, "container \"report\" failed with exit code 2"),
            case!("pod_never_running.yaml" => Progressing, "Pod is running"),
            case!("pod_never_image_pull_back_off.yaml" => Progressing, "Pod is pending"),
            case!("pod_no_phase.yaml" => Unknown, "Pod has no phase"),
        ],
    );
}

#[test]
fn pod_stuck_containers_are_degraded_with_the_container_name() {
    check_all(
        ARGO_POD_RULE,
        &[
            case!("pod_crash_loop_back_off.yaml" => Degraded, "container \"web\": CrashLoopBackOff: back-off 5m0s"),
            case!("pod_image_pull_back_off.yaml" => Degraded, "container \"web\": ImagePullBackOff"),
            case!("pod_err_image_pull.yaml" => Degraded, "container \"web\": ErrImagePull"),
            case!("pod_create_container_config_error.yaml" => Degraded, "container \"web\": CreateContainerConfigError: secret \"web-db-credentials\" not found"),
            case!("pod_two_stuck_containers.yaml" => Degraded, "container \"proxy\": CrashLoopBackOff: back-off 1m20s"),
            case!("pod_two_stuck_containers.yaml" => Degraded, ", container \"web\": ImagePullBackOff"),
        ],
    );
}

/// `argocd.argoproj.io/ignore-restart-policy` (any value): a Running pod
/// with restartPolicy Never/OnFailure is judged as a long-running one.
#[test]
fn ignore_restart_policy_annotation() {
    check_all(
        ARGO_POD_RULE,
        &[
            case!("pod_ignore_restart_policy_ready.yaml" => Healthy, "1/1 containers ready"),
            case!("pod_ignore_restart_policy_restarted.yaml" => Degraded, "container \"worker\" is not ready and last terminated: OOMKilled"),
            // Without the annotation the same kind of pod stays Progressing.
            case!("pod_never_running.yaml" => Progressing, "Pod is running"),
        ],
    );
}
