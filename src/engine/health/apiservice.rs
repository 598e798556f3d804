//! apiregistration.k8s.io/v1 APIService.

use serde_json::Value;

use super::fields::condition;
use super::status::Health;

/// An unavailable aggregated API (e.g. metrics-server down) breaks discovery
/// for every client, so False is Degraded rather than Progressing.
pub fn apiservice(obj: &Value) -> Health {
    match condition(obj, "Available") {
        Some(available) if available.is_true() => Health::healthy(""),
        Some(available) if available.is_false() => {
            let detail = available.message_or_reason();
            Health::degraded(if detail.is_empty() {
                "APIService is not available"
            } else {
                detail
            })
        }
        Some(_) => Health::progressing("APIService availability is unknown"),
        None => Health::progressing("Waiting for APIService to become available"),
    }
}
