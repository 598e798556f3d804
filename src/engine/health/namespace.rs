//! core/v1 Namespace. Argo CD has no rule for Namespaces (no health at
//! all); recon gives them one so that a Namespace stuck terminating shows in
//! the app's health.

use serde_json::Value;

use super::fields::str_at;
use super::status::Health;

pub fn namespace(obj: &Value) -> Health {
    match str_at(obj, &["status", "phase"]).unwrap_or("") {
        "Active" => Health::healthy(""),
        "Terminating" => Health::progressing("Namespace is terminating"),
        "" => Health::progressing("Namespace phase not reported yet"),
        other => Health::unknown(format!("Namespace phase {other}")),
    }
}
