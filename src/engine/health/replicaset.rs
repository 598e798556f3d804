//! apps/v1 ReplicaSet.

use serde_json::Value;

use super::fields::{condition, count_at, generation_not_observed, int_at};
use super::status::Health;

pub fn replicaset(obj: &Value) -> Health {
    if generation_not_observed(obj) {
        return Health::progressing(
            "Waiting for rollout to finish: observed replica set generation less than desired generation",
        );
    }
    // ReplicaFailure is set when pods cannot be created at all (quota,
    // admission webhooks, missing service account...).
    if let Some(failure) = condition(obj, "ReplicaFailure")
        && failure.is_true()
    {
        return Health::degraded(failure.reason_and_message());
    }

    let desired = int_at(obj, &["spec", "replicas"]).unwrap_or(1);
    let available = count_at(obj, &["status", "availableReplicas"]);
    if available < desired {
        return Health::progressing(format!(
            "Waiting for rollout to finish: {available} out of {desired} new replicas are available..."
        ));
    }
    Health::healthy(format!("{available} of {desired} replicas available"))
}
