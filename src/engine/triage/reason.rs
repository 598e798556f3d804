//! The one line the cluster gives for an object's state: a container's
//! waiting or terminated reason, a failing pod condition, else its health
//! message. Full text, not shortened: the Why line shows it whole.

use serde_json::Value;

use crate::engine::health::fields::{array_at, str_at};

/// Why the object is in the state it is, in the cluster's own words.
pub fn object_reason(obj: &Value, health_message: &str) -> String {
    if str_at(obj, &["kind"]) == Some("Pod")
        && let Some(reason) = pod_reason(obj)
    {
        return reason;
    }
    health_message.to_string()
}

fn pod_reason(pod: &Value) -> Option<String> {
    let statuses = array_at(pod, &["status", "initContainerStatuses"])
        .iter()
        .chain(array_at(pod, &["status", "containerStatuses"]));
    for status in statuses {
        if let Some(text) = container_reason(status) {
            return Some(text);
        }
    }
    // A pod that cannot be scheduled, initialised or made ready says so in a condition.
    for kind in ["PodScheduled", "Initialized", "ContainersReady", "Ready"] {
        let failing = array_at(pod, &["status", "conditions"]).iter().find(|c| {
            str_at(c, &["type"]) == Some(kind) && str_at(c, &["status"]) == Some("False")
        });
        if let Some(c) = failing {
            let reason = str_at(c, &["reason"]).unwrap_or(kind);
            return Some(match str_at(c, &["message"]).filter(|m| !m.is_empty()) {
                Some(message) => message.trim().to_string(),
                None => reason.to_string(),
            });
        }
    }
    str_at(pod, &["status", "message"])
        .filter(|m| !m.is_empty())
        .map(str::to_string)
}

/// A container that waits (other than plain creation) or died with an error.
fn container_reason(status: &Value) -> Option<String> {
    let name = str_at(status, &["name"]).unwrap_or("?");
    if let Some(reason) = str_at(status, &["state", "waiting", "reason"])
        && reason != "ContainerCreating"
        && reason != "PodInitializing"
    {
        let message = str_at(status, &["state", "waiting", "message"]).unwrap_or("");
        return Some(join(&format!("container {name} {reason}"), message));
    }
    let terminated = |path: &[&str]| -> Option<String> {
        let reason = str_at(status, &[path, &["reason"]].concat())?;
        if reason == "Completed" {
            return None;
        }
        let message = str_at(status, &[path, &["message"]].concat()).unwrap_or("");
        Some(join(&format!("container {name} {reason}"), message))
    };
    terminated(&["state", "terminated"])
}

fn join(head: &str, message: &str) -> String {
    let message = message.trim();
    if message.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {message}")
    }
}
