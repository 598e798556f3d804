//! apps/v1 ReplicaSet, as Argo CD judges it:
//! gitops-engine `pkg/health/health_replicaset.go`.

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
        return Health::degraded(failure.message_or_reason());
    }

    let desired = desired_replicas(obj);
    let available = count_at(obj, &["status", "availableReplicas"]);
    if available < desired {
        return Health::progressing(format!(
            "Waiting for rollout to finish: {available} out of {desired} new replicas are available..."
        ));
    }
    Health::healthy(format!("{available} of {desired} replicas available"))
}

/// `spec.replicas`, or 1 when it is absent: the API server's default, so a
/// hand-written file is judged as the live object would be. (Argo CD skips
/// the replica checks instead; it only ever sees live objects, which always
/// carry the field.)
pub fn desired_replicas(obj: &Value) -> i64 {
    int_at(obj, &["spec", "replicas"]).unwrap_or(1)
}
