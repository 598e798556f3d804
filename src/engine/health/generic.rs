//! Fallback for kinds without a dedicated rule (CRDs such as cert-manager
//! Certificates, Crossplane resources, recon's own Application, Nodes...):
//! most controllers publish a `Ready` or `Available` condition.

use serde_json::Value;

use super::fields::{Condition, condition, count_at, generation_not_observed, int_at};
use super::status::Health;

/// Condition types that summarise an object's overall health, in order of preference.
const SUMMARY_CONDITION_TYPES: [&str; 2] = ["Ready", "Available"];

/// None when the object has no summary condition: we cannot tell.
pub fn generic(obj: &Value) -> Option<Health> {
    let summary = SUMMARY_CONDITION_TYPES
        .iter()
        .find_map(|type_| condition(obj, type_))?;
    Some(from_summary(obj, &summary))
}

fn from_summary(obj: &Value, summary: &Condition<'_>) -> Health {
    let detail = summary.reason_and_message();
    match summary.status {
        "True" if is_stale(obj) => {
            Health::progressing("waiting for controller to observe the latest spec")
        }
        "True" => Health::healthy(summary.message),
        "False" => Health::degraded(if detail.is_empty() {
            format!("{} is False", summary.type_)
        } else {
            detail
        }),
        _ => Health::progressing(if detail.is_empty() {
            format!("{} is {}", summary.type_, or_unknown(summary.status))
        } else {
            detail
        }),
    }
}

/// A Ready=True written for an older generation says nothing about the
/// current spec. Only checked when the controller reports observedGeneration,
/// since many controllers never do.
fn is_stale(obj: &Value) -> bool {
    int_at(obj, &["status", "observedGeneration"]).is_some()
        && count_at(obj, &["metadata", "generation"]) > 0
        && generation_not_observed(obj)
}

fn or_unknown(status: &str) -> &str {
    if status.is_empty() { "Unknown" } else { status }
}
