use super::{case, check_all};

#[test]
fn deployment() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_deployment.go",
        &[
            case!("deployment_healthy.yaml" => Healthy, "3 of 3 replicas available"),
            case!("deployment_paused.yaml" => Suspended, "Deployment is paused"),
            case!("deployment_generation_not_observed.yaml" => Progressing, "Waiting for rollout to finish: observed deployment generation less than desired generation"),
            case!("deployment_progress_deadline.yaml" => Degraded, "Deployment \"web\" exceeded its progress deadline"),
            case!("deployment_updating_replicas.yaml" => Progressing, "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."),
            case!("deployment_old_replicas_terminating.yaml" => Progressing, "Waiting for rollout to finish: 1 old replicas are pending termination..."),
            case!("deployment_replicas_unavailable.yaml" => Progressing, "Waiting for rollout to finish: 1 of 3 updated replicas are available..."),
        ],
    );
}

/// Argo CD's GetResourceHealth looks at deletionTimestamp before any rule,
/// except for its own hooks, which keep their finalizer until it has read them.
#[test]
fn pending_deletion() {
    check_all(
        "argoproj/gitops-engine pkg/health/health.go",
        &[
            case!("deployment_deleting.yaml" => Progressing, "Pending deletion"),
            case!("namespace_terminating.yaml" => Progressing, "Pending deletion"),
            case!("pod_hook_finalizer_deleting.yaml" => Healthy, ""),
        ],
    );
}

#[test]
fn statefulset() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_statefulset.go",
        &[
            case!("statefulset_healthy.yaml" => Healthy, "partitioned roll out complete: 3 new pods have been updated..."),
            case!("statefulset_generation_not_observed.yaml" => Progressing, "Waiting for statefulset spec update to be observed..."),
            case!("statefulset_pods_not_ready.yaml" => Progressing, "Waiting for 2 pods to be ready..."),
            // partition 0 (the API server's default) is judged by updated pods.
            case!("statefulset_rolling_update.yaml" => Progressing, "Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated..."),
            case!("statefulset_partition_in_progress.yaml" => Progressing, "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated..."),
            case!("statefulset_partition_complete.yaml" => Healthy, "partitioned roll out complete: 2 new pods have been updated..."),
            case!("statefulset_on_delete.yaml" => Healthy, "statefulset has 3 ready pods (0 updated)"),
            case!("statefulset_revisions_differ.yaml" => Progressing, "waiting for statefulset rolling update to complete 1 pods at revision postgres-7f4a8e2c1..."),
        ],
    );
}

#[test]
fn daemonset() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_daemonset.go",
        &[
            case!("daemonset_healthy.yaml" => Healthy, "4 of 4 pods available"),
            case!("daemonset_generation_not_observed.yaml" => Progressing, "Waiting for rollout to finish: observed daemon set generation less than desired generation"),
            case!("daemonset_updating.yaml" => Progressing, "rollout to finish: 2 out of 4 new pods have been updated..."),
            case!("daemonset_pods_unavailable.yaml" => Progressing, "rollout to finish: 3 of 4 updated pods are available..."),
            case!("daemonset_on_delete.yaml" => Healthy, "daemon set 1 out of 4 new pods have been updated"),
        ],
    );
}

#[test]
fn replicaset() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_replicaset.go",
        &[
            case!("replicaset_healthy.yaml" => Healthy, "3 of 3 replicas available"),
            case!("replicaset_generation_not_observed.yaml" => Progressing, "Waiting for rollout to finish: observed replica set generation less than desired generation"),
            case!("replicaset_replica_failure.yaml" => Degraded, "pods \"web-7d9f8b6c5d-\" is forbidden: exceeded quota"),
            case!("replicaset_unavailable.yaml" => Progressing, "Waiting for rollout to finish: 2 out of 3 new replicas are available..."),
        ],
    );
}
