//! core/v1 Service, as Argo CD judges it:
//! gitops-engine `pkg/health/health_service.go`.

use serde_json::Value;

use super::fields::{array_at, str_at};
use super::status::Health;

pub fn service(obj: &Value) -> Health {
    // Only LoadBalancer services depend on an external provisioner; every
    // other type is usable as soon as it exists.
    if str_at(obj, &["spec", "type"]) != Some("LoadBalancer") {
        return Health::healthy("");
    }
    match load_balancer_address(obj) {
        Some(address) => Health::healthy(format!("load balancer at {address}")),
        None => Health::progressing("Waiting for load balancer address"),
    }
}

/// The first IP or hostname in `status.loadBalancer.ingress`, shared by
/// Service and Ingress. An entry without either still counts as provisioned.
pub fn load_balancer_address(obj: &Value) -> Option<String> {
    let first = array_at(obj, &["status", "loadBalancer", "ingress"]).first()?;
    let address = ["ip", "hostname"]
        .iter()
        .find_map(|key| first.get(*key).and_then(Value::as_str))
        .unwrap_or("");
    Some(address.to_string())
}
