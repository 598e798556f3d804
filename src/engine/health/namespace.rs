//! core/v1 Namespace.

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
