//! core/v1 PersistentVolumeClaim, as Argo CD judges it:
//! gitops-engine `pkg/health/health_pvc.go`.

use serde_json::Value;

use super::fields::str_at;
use super::status::Health;

pub fn persistent_volume_claim(obj: &Value) -> Health {
    match str_at(obj, &["status", "phase"]).unwrap_or("") {
        "Bound" => {
            let volume = str_at(obj, &["spec", "volumeName"]).unwrap_or("");
            if volume.is_empty() {
                Health::healthy("Bound")
            } else {
                Health::healthy(format!("Bound to {volume}"))
            }
        }
        // Pending is normal with WaitForFirstConsumer storage classes too.
        "Pending" => Health::progressing("Waiting for volume to be bound"),
        "Lost" => Health::degraded("Bound volume was lost"),
        "" => Health::unknown("PersistentVolumeClaim has no phase"),
        other => Health::unknown(format!("PersistentVolumeClaim phase {other}")),
    }
}
