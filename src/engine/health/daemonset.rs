//! apps/v1 DaemonSet, as Argo CD judges it:
//! gitops-engine `pkg/health/health_daemonset.go`.

use serde_json::Value;

use super::fields::{count_at, generation_not_observed, name, str_at};
use super::status::Health;

pub fn daemonset(obj: &Value) -> Health {
    if generation_not_observed(obj) {
        return Health::progressing(
            "Waiting for rollout to finish: observed daemon set generation less than desired generation",
        );
    }

    let desired = count_at(obj, &["status", "desiredNumberScheduled"]);
    let updated = count_at(obj, &["status", "updatedNumberScheduled"]);
    let available = count_at(obj, &["status", "numberAvailable"]);

    let strategy = str_at(obj, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate");
    if strategy == "OnDelete" {
        // Old pods stay until deleted by hand; that is the chosen steady state.
        return Health::healthy(format!(
            "daemon set {updated} out of {desired} new pods have been updated"
        ));
    }

    let daemonset_name = name(obj);
    if updated < desired {
        return Health::progressing(format!(
            "Waiting for daemon set {daemonset_name:?} rollout to finish: {updated} out of {desired} new pods have been updated..."
        ));
    }
    if available < desired {
        return Health::progressing(format!(
            "Waiting for daemon set {daemonset_name:?} rollout to finish: {available} of {desired} updated pods are available..."
        ));
    }
    Health::healthy(format!("{available} of {desired} pods available"))
}
