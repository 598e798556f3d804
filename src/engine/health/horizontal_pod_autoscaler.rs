//! autoscaling HorizontalPodAutoscaler, as Argo CD judges it:
//! gitops-engine `pkg/health/health_hpa.go`. v2 objects carry their
//! conditions in `status.conditions`; autoscaling/v1 keeps the same
//! conditions as JSON in an annotation.

use serde_json::Value;

use super::fields::{Condition, annotation, conditions, conditions_in, str_at};
use super::status::Health;

const V1_CONDITIONS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/conditions";

const WAITING: &str = "Waiting to Autoscale";

/// The (type, reason) pairs Argo CD calls Degraded: the HPA cannot read or
/// update its target's scale, cannot read the resource metrics it scales on,
/// or its selector is broken. Other failures (external or object metrics)
/// are not among them.
const DEGRADED: [(&str, &str); 4] = [
    ("AbleToScale", "FailedGetScale"),
    ("AbleToScale", "FailedUpdateScale"),
    ("ScalingActive", "FailedGetResourceMetric"),
    ("ScalingActive", "InvalidSelector"),
];

/// Condition types whose `True` means the HPA is doing its job.
const HEALTHY_TYPES: [&str; 2] = ["AbleToScale", "ScalingLimited"];

pub fn horizontal_pod_autoscaler(obj: &Value) -> Health {
    if str_at(obj, &["apiVersion"]) == Some("autoscaling/v1") {
        let Some(text) = annotation(obj, V1_CONDITIONS_ANNOTATION) else {
            return Health::progressing(WAITING);
        };
        return match serde_json::from_str::<Vec<Value>>(text) {
            Ok(list) => judge(&conditions_in(&list)),
            Err(err) => Health::unknown(format!(
                "failed to convert conditions annotation to typed: {err}"
            )),
        };
    }
    judge(&conditions(obj))
}

/// A Degraded condition anywhere wins over a healthy one before it (an HPA
/// that can scale but cannot read its metrics is not Healthy); then the first
/// healthy condition gives the message.
fn judge(all: &[Condition<'_>]) -> Health {
    if let Some(broken) = all.iter().find(|c| is_degraded(c)) {
        return Health::degraded(broken.message_or_reason());
    }
    match all.iter().find(|c| is_healthy(c)) {
        Some(healthy) => Health::healthy(healthy.message),
        None => Health::progressing(WAITING),
    }
}

fn is_degraded(condition: &Condition<'_>) -> bool {
    DEGRADED
        .iter()
        .any(|&(type_, reason)| condition.type_ == type_ && condition.reason == reason)
}

fn is_healthy(condition: &Condition<'_>) -> bool {
    condition.is_true() && HEALTHY_TYPES.contains(&condition.type_)
}
