//! The Why line: the deepest unhealthy object under the app's worst object,
//! and the reason the cluster gives for it (container state, pod condition,
//! the latest Warning Event, else its health message).

use std::fmt;

use super::events::EventRecord;
use super::tree::TreeNode;
use crate::engine::health::HealthStatus;
use crate::engine::render::ObjectKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub key: ObjectKey,
    /// A Pod's phase, else the object's health: `Pending`, `Degraded`.
    pub state: String,
    pub reason: String,
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.key.kind, self.key.name, self.state)?;
        if !self.reason.is_empty() {
            write!(f, ": {}", self.reason)?;
        }
        Ok(())
    }
}

/// How bad a health is for the Why line; None for healthy-enough states.
fn severity(status: HealthStatus) -> Option<u8> {
    match status {
        HealthStatus::Degraded => Some(3),
        HealthStatus::Missing => Some(2),
        HealthStatus::Progressing => Some(1),
        HealthStatus::Healthy | HealthStatus::Suspended | HealthStatus::Unknown => None,
    }
}

/// Whether an app of this health (its tool's word) has a Why line to find:
/// the same states `why` looks for.
pub fn worth_explaining(health: &str) -> bool {
    serde_json::from_value::<HealthStatus>(health.into())
        .ok()
        .and_then(severity)
        .is_some()
}

fn node_severity(node: &TreeNode) -> Option<u8> {
    node.health.as_ref().and_then(|h| severity(h.status))
}

/// The root cause of the worst of `roots`, or None when none is unhealthy.
pub fn why(roots: &[TreeNode], events: &[EventRecord]) -> Option<Why> {
    // The first of the worst roots: the app's health comes from it.
    let worst = roots
        .iter()
        .filter_map(|r| Some((node_severity(r)?, r)))
        .fold(None::<(u8, &TreeNode)>, |best, (s, r)| match best {
            Some((b, _)) if b >= s => best,
            _ => Some((s, r)),
        })?
        .1;
    // Deepest first, then worst, then the first in tree order.
    let (node, _, _) = worst
        .walk()
        .into_iter()
        .filter(|(n, _)| !n.folded)
        .filter_map(|(n, depth)| Some((n, depth, node_severity(n)?)))
        .fold(None::<(&TreeNode, usize, u8)>, |best, c| match best {
            Some(b) if (b.1, b.2) >= (c.1, c.2) => Some(b),
            _ => Some(c),
        })?;
    let warning = latest_warning(&node.key, events);
    let reason = if node.key.kind == "Pod" && !node.reason.is_empty() {
        node.reason.clone()
    } else {
        warning.unwrap_or_else(|| node.reason.clone())
    };
    let state = node
        .phase
        .clone()
        .or_else(|| node.health.as_ref().map(|h| h.status.to_string()))
        .unwrap_or_default();
    Some(Why {
        key: node.key.clone(),
        state,
        reason,
    })
}

fn latest_warning(key: &ObjectKey, events: &[EventRecord]) -> Option<String> {
    events
        .iter()
        .filter(|e| e.warning && e.is_about(key))
        .max_by_key(|e| e.last_seen)
        .map(|e| format!("{}: {}", e.reason, e.message))
}
