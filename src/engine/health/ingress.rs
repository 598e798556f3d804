//! networking.k8s.io/v1 Ingress, as Argo CD judges it:
//! gitops-engine `pkg/health/health_ingress.go`.

use serde_json::Value;

use super::service::load_balancer_address;
use super::status::Health;

/// Ingress controllers publish their address in `status.loadBalancer` once
/// they have picked the Ingress up; until then traffic does not reach it.
pub fn ingress(obj: &Value) -> Health {
    match load_balancer_address(obj) {
        Some(address) if address.is_empty() => Health::healthy(""),
        Some(address) => Health::healthy(format!("address {address}")),
        None => Health::progressing("Waiting for ingress address"),
    }
}
