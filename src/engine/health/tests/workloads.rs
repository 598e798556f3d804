use super::{case, check_all};

#[test]
fn deployment() {
    check_all(&[
        case!("deployment_healthy.yaml" => Healthy, "3 of 3 replicas available"),
        case!("deployment_paused.yaml" => Suspended, "Deployment is paused"),
        case!("deployment_generation_not_observed.yaml" => Progressing, "waiting for rollout to be observed"),
        case!("deployment_progress_deadline.yaml" => Degraded, "has timed out progressing"),
        case!("deployment_updating_replicas.yaml" => Progressing, "1 out of 3 new replicas have been updated"),
        case!("deployment_old_replicas_terminating.yaml" => Progressing, "1 old replicas are pending termination"),
        case!("deployment_replicas_unavailable.yaml" => Progressing, "1 of 3 updated replicas are available"),
        case!("deployment_default_replicas.yaml" => Healthy, "1 of 1 replicas available"),
        case!("deployment_default_replicas_not_updated.yaml" => Progressing, "0 out of 1 new replicas"),
        case!("deployment_deleting.yaml" => Progressing, "pending deletion"),
    ]);
}

#[test]
fn statefulset() {
    check_all(&[
        case!("statefulset_healthy.yaml" => Healthy, "rolling update complete: 3 pods at revision postgres-6b9c7d5f8"),
        case!("statefulset_generation_not_observed.yaml" => Progressing, "spec update to be observed"),
        case!("statefulset_pods_not_ready.yaml" => Progressing, "Waiting for 2 pods to be ready"),
        case!("statefulset_rolling_update.yaml" => Progressing, "1 of 3 pods at revision postgres-7f4a8e2c1"),
        case!("statefulset_partition_in_progress.yaml" => Progressing, "1 out of 2 new pods have been updated"),
        case!("statefulset_partition_complete.yaml" => Healthy, "partitioned roll out complete: 2 new pods"),
        case!("statefulset_on_delete.yaml" => Healthy, "statefulset has 3 ready pods"),
    ]);
}

#[test]
fn daemonset() {
    check_all(&[
        case!("daemonset_healthy.yaml" => Healthy, "4 of 4 pods available"),
        case!("daemonset_generation_not_observed.yaml" => Progressing, "observed daemon set generation less than desired"),
        case!("daemonset_updating.yaml" => Progressing, "2 out of 4 new pods have been updated"),
        case!("daemonset_pods_unavailable.yaml" => Progressing, "3 of 4 updated pods are available"),
        case!("daemonset_on_delete.yaml" => Healthy, "1 out of 4 new pods have been updated"),
    ]);
}

#[test]
fn replicaset() {
    check_all(&[
        case!("replicaset_healthy.yaml" => Healthy, "3 of 3 replicas available"),
        case!("replicaset_generation_not_observed.yaml" => Progressing, "observed replica set generation less than desired"),
        case!("replicaset_replica_failure.yaml" => Degraded, "FailedCreate: pods \"web-7d9f8b6c5d-\" is forbidden: exceeded quota"),
        case!("replicaset_unavailable.yaml" => Progressing, "2 out of 3 new replicas are available"),
    ]);
}
