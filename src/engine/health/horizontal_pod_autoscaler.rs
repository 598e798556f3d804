//! autoscaling HorizontalPodAutoscaler (v2 conditions; v1 keeps the same
//! conditions as JSON in an annotation).

use serde_json::Value;

use super::fields::{Condition, conditions, conditions_in, int_at, str_at};
use super::status::Health;

/// autoscaling/v1 objects carry the v2 conditions serialized in this annotation.
const V1_CONDITIONS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/conditions";

pub fn horizontal_pod_autoscaler(obj: &Value) -> Health {
    let from_status = conditions(obj);
    let annotation_conditions = v1_annotation_conditions(obj);
    let all = if from_status.is_empty() {
        conditions_in(&annotation_conditions)
    } else {
        from_status
    };
    if all.is_empty() {
        return Health::progressing("Waiting to autoscale");
    }
    if let Some(broken) = all.iter().find(|c| is_degraded(c)) {
        return Health::degraded(broken.reason_and_message());
    }
    match int_at(obj, &["status", "currentReplicas"]) {
        Some(replicas) => Health::healthy(format!("{replicas} current replicas")),
        None => Health::healthy(""),
    }
}

/// The HPA cannot act: it cannot read or update the scale subresource, or it
/// cannot read the metrics it scales on.
fn is_degraded(condition: &Condition<'_>) -> bool {
    if !condition.is_false() {
        return false;
    }
    match condition.type_ {
        "AbleToScale" => true,
        "ScalingActive" => {
            condition.reason.starts_with("FailedGet") || condition.reason == "InvalidSelector"
        }
        _ => false,
    }
}

fn v1_annotation_conditions(obj: &Value) -> Vec<Value> {
    str_at(obj, &["metadata", "annotations", V1_CONDITIONS_ANNOTATION])
        .and_then(|text| serde_json::from_str::<Vec<Value>>(text).ok())
        .unwrap_or_default()
}
