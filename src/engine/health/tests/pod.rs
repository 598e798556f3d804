use super::{case, check_all};

#[test]
fn pod() {
    check_all(&[
        case!("pod_running_ready.yaml" => Healthy, "2/2 containers ready"),
        case!("pod_running_not_ready.yaml" => Progressing, "1/2 containers ready"),
        case!("pod_running_restarted_not_ready.yaml" => Degraded, "container \"web\" is not ready and last terminated: OOMKilled"),
        case!("pod_pending_unschedulable.yaml" => Progressing, "Pod is pending"),
        case!("pod_container_creating.yaml" => Progressing, "Pod is pending"),
        case!("pod_succeeded.yaml" => Healthy, "Pod completed"),
        case!("pod_failed_evicted.yaml" => Degraded, "The node was low on resource: memory"),
        case!("pod_failed_exit_code.yaml" => Degraded, "container \"report\" failed with exit code 2"),
        case!("pod_never_running.yaml" => Progressing, "Pod is running"),
        case!("pod_never_image_pull_back_off.yaml" => Progressing, "Pod is pending"),
    ]);
}

#[test]
fn pod_stuck_containers_are_degraded_with_the_container_name() {
    check_all(&[
        case!("pod_crash_loop_back_off.yaml" => Degraded, "container \"web\": CrashLoopBackOff: back-off 5m0s"),
        case!("pod_image_pull_back_off.yaml" => Degraded, "container \"web\": ImagePullBackOff"),
        case!("pod_err_image_pull.yaml" => Degraded, "container \"web\": ErrImagePull"),
        case!("pod_create_container_config_error.yaml" => Degraded, "container \"web\": CreateContainerConfigError: secret \"web-db-credentials\" not found"),
        case!("pod_invalid_image_name.yaml" => Degraded, "container \"web\": InvalidImageName"),
        case!("pod_init_crash_loop_back_off.yaml" => Degraded, "container \"wait-for-db\": CrashLoopBackOff"),
    ]);
}
