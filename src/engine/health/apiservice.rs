//! apiregistration.k8s.io APIService, as Argo CD judges it:
//! gitops-engine `pkg/health/health_apiservice.go`.

use serde_json::Value;

use super::fields::condition;
use super::status::Health;

/// Only `Available=True` is Healthy; anything else is Progressing, as in Argo
/// CD: an aggregated API that is down (metrics-server restarting) usually
/// comes back by itself, and the message says why it is not available.
pub fn apiservice(obj: &Value) -> Health {
    match condition(obj, "Available") {
        Some(available) => {
            let message = format!("{}: {}", available.reason, available.message);
            if available.is_true() {
                Health::healthy(message)
            } else {
                Health::progressing(message)
            }
        }
        None => Health::progressing("Waiting to be processed"),
    }
}
