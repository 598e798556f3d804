//! policy/v1 PodDisruptionBudget, as Argo CD judges it:
//! argo-cd `resource_customizations/policy/PodDisruptionBudget/health.lua`.

use serde_json::Value;

use super::fields::{at, conditions};
use super::status::Health;

/// Each condition in turn: a False one is Degraded at once, except
/// `InsufficientPods`, which Argo CD accepts (a budget on a deliberately
/// scaled-down workload; argo-cd issue 20171). Otherwise the last condition
/// seen names the Healthy state.
pub fn pod_disruption_budget(obj: &Value) -> Health {
    let mut health = Health::progressing("Waiting for status");
    if at(obj, &["status"]).is_none_or(Value::is_null) {
        return health;
    }
    for condition in conditions(obj) {
        let message = format!("PodDisruptionBudget has {}", condition.reason);
        if condition.is_false() && condition.reason != "InsufficientPods" {
            return Health::degraded(message);
        }
        health = Health::healthy(message);
    }
    health
}
