//! apps/v1 Deployment, as Argo CD judges it:
//! gitops-engine `pkg/health/health_deployment.go`.

use serde_json::Value;

use super::fields::{condition, count_at, generation_not_observed, is_true_at, name};
use super::replicaset::desired_replicas;
use super::status::Health;

pub fn deployment(obj: &Value) -> Health {
    if is_true_at(obj, &["spec", "paused"]) {
        return Health::suspended("Deployment is paused");
    }
    // Until the controller has observed the latest spec, every status counter
    // below describes the previous rollout and would be misleading.
    if generation_not_observed(obj) {
        return Health::progressing(
            "Waiting for rollout to finish: observed deployment generation less than desired generation",
        );
    }
    if let Some(progressing) = condition(obj, "Progressing")
        && progressing.reason == "ProgressDeadlineExceeded"
    {
        return Health::degraded(format!(
            "Deployment {:?} exceeded its progress deadline",
            name(obj)
        ));
    }

    let desired = desired_replicas(obj);
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
