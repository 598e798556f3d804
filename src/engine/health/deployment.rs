//! apps/v1 Deployment.

use serde_json::Value;

use super::fields::{condition, count_at, generation_not_observed, int_at, is_true_at};
use super::status::Health;

pub fn deployment(obj: &Value) -> Health {
    if is_true_at(obj, &["spec", "paused"]) {
        return Health::suspended("Deployment is paused");
    }
    // Until the controller has observed the latest spec, every status counter
    // below describes the previous rollout and would be misleading.
    if generation_not_observed(obj) {
        return Health::progressing("waiting for rollout to be observed");
    }
    if let Some(progressing) = condition(obj, "Progressing")
        && progressing.reason == "ProgressDeadlineExceeded"
    {
        let message = if progressing.message.is_empty() {
            "Deployment exceeded its progress deadline"
        } else {
            progressing.message
        };
        return Health::degraded(message);
    }

    let desired = int_at(obj, &["spec", "replicas"]).unwrap_or(1);
    let replicas = count_at(obj, &["status", "replicas"]);
    let updated = count_at(obj, &["status", "updatedReplicas"]);
    let available = count_at(obj, &["status", "availableReplicas"]);

    if updated < desired {
        return Health::progressing(format!(
            "Waiting for rollout to finish: {updated} out of {desired} new replicas have been updated..."
        ));
    }
    if replicas > updated {
        let old = replicas - updated;
        return Health::progressing(format!(
            "Waiting for rollout to finish: {old} old replicas are pending termination..."
        ));
    }
    if available < updated {
        return Health::progressing(format!(
            "Waiting for rollout to finish: {available} of {updated} updated replicas are available..."
        ));
    }
    Health::healthy(format!("{available} of {desired} replicas available"))
}
