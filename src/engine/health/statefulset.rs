//! apps/v1 StatefulSet, as Argo CD judges it:
//! gitops-engine `pkg/health/health_statefulset.go`.

use serde_json::Value;

use super::fields::{at, count_at, generation_not_observed, int_at, str_at};
use super::replicaset::desired_replicas;
use super::status::Health;

pub fn statefulset(obj: &Value) -> Health {
    // observedGeneration 0 means the controller has never reported on this
    // object, so the counters below are not meaningful yet.
    if generation_not_observed(obj) || count_at(obj, &["status", "observedGeneration"]) == 0 {
        return Health::progressing("Waiting for statefulset spec update to be observed...");
    }

    let desired = desired_replicas(obj);
    let ready = count_at(obj, &["status", "readyReplicas"]);
    if ready < desired {
        return Health::progressing(format!(
            "Waiting for {} pods to be ready...",
            desired - ready
        ));
    }

    let updated = count_at(obj, &["status", "updatedReplicas"]);
    let strategy = str_at(obj, &["spec", "updateStrategy", "type"]);
    let rolling_update = at(obj, &["spec", "updateStrategy", "rollingUpdate"]);
    // The API server always fills in rollingUpdate.partition (0 by default),
    // so a live RollingUpdate StatefulSet is judged here, by updated pods,
    // and never by revisions; pods below the partition keep the old revision
    // on purpose.
    if strategy == Some("RollingUpdate") && rolling_update.is_some_and(Value::is_object) {
        if let Some(partition) = int_at(
            obj,
            &["spec", "updateStrategy", "rollingUpdate", "partition"],
        ) {
            let expected = desired - partition;
            if updated < expected {
                return Health::progressing(format!(
                    "Waiting for partitioned roll out to finish: {updated} out of {expected} new pods have been updated..."
                ));
            }
        }
        return Health::healthy(format!(
            "partitioned roll out complete: {updated} new pods have been updated..."
        ));
    }
    if strategy == Some("OnDelete") {
        // Pods are only replaced when someone deletes them, so an old
        // revision still running is the expected steady state.
        return Health::healthy(format!(
            "statefulset has {ready} ready pods ({updated} updated)"
        ));
    }

    let current_revision = str_at(obj, &["status", "currentRevision"]).unwrap_or("");
    let update_revision = str_at(obj, &["status", "updateRevision"]).unwrap_or("");
    if current_revision != update_revision {
        return Health::progressing(format!(
            "waiting for statefulset rolling update to complete {updated} pods at revision {update_revision}..."
        ));
    }
    let current = count_at(obj, &["status", "currentReplicas"]);
    Health::healthy(format!(
        "statefulset rolling update complete {current} pods at revision {current_revision}..."
    ))
}
