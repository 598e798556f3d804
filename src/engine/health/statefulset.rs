//! apps/v1 StatefulSet.

use serde_json::Value;

use super::fields::{count_at, generation_not_observed, int_at, str_at};
use super::status::Health;

pub fn statefulset(obj: &Value) -> Health {
    // observedGeneration 0 means the controller has never reported on this
    // object, so the counters below are not meaningful yet.
    if generation_not_observed(obj) || count_at(obj, &["status", "observedGeneration"]) == 0 {
        return Health::progressing("waiting for statefulset spec update to be observed");
    }

    let desired = int_at(obj, &["spec", "replicas"]).unwrap_or(1);
    let ready = count_at(obj, &["status", "readyReplicas"]);
    if ready < desired {
        return Health::progressing(format!(
            "Waiting for {} pods to be ready ({ready} of {desired} ready)",
            desired - ready
        ));
    }

    let strategy = str_at(obj, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate");
    if strategy == "OnDelete" {
        // Pods are only replaced when someone deletes them, so an old
        // revision still running is the expected steady state.
        return Health::healthy(format!("statefulset has {ready} ready pods"));
    }

    let updated = count_at(obj, &["status", "updatedReplicas"]);
    let partition = int_at(
        obj,
        &["spec", "updateStrategy", "rollingUpdate", "partition"],
    )
    .unwrap_or(0)
    .max(0);
    if partition > 0 {
        // Pods below the partition ordinal intentionally keep the old
        // revision, so revisions never converge: count updated pods instead.
        let expected = (desired - partition).max(0);
        if updated < expected {
            return Health::progressing(format!(
                "Waiting for partitioned roll out to finish: {updated} out of {expected} new pods have been updated..."
            ));
        }
        return Health::healthy(format!(
            "partitioned roll out complete: {updated} new pods have been updated"
        ));
    }

    let current_revision = str_at(obj, &["status", "currentRevision"]).unwrap_or("");
    let update_revision = str_at(obj, &["status", "updateRevision"]).unwrap_or("");
    if current_revision != update_revision {
        return Health::progressing(format!(
            "waiting for statefulset rolling update to complete: {updated} of {desired} pods at revision {update_revision}..."
        ));
    }
    Health::healthy(format!(
        "statefulset rolling update complete: {ready} pods at revision {update_revision}"
    ))
}
