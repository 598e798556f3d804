//! Kubernetes Events (core/v1, which also shows those written through
//! events.k8s.io/v1, as the scheduler does) reduced to what triage shows.

use serde_json::Value;

use crate::engine::health::fields::{at, int_at, str_at};
use crate::engine::render::ObjectKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    /// The object the Event is about (its group is unknown: Events name
    /// only apiVersion, which this keeps as the group).
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub warning: bool,
    pub reason: String,
    pub message: String,
    /// How many times it happened (a series counts each occurrence).
    pub count: u64,
    /// When it last happened.
    pub last_seen: Option<jiff::Timestamp>,
    /// Who reported it: `default-scheduler`, `kubelet`…
    pub source: String,
}

impl EventRecord {
    pub fn is_about(&self, key: &ObjectKey) -> bool {
        self.kind == key.kind
            && self.name == key.name
            && self.namespace == key.namespace.as_deref().unwrap_or_default()
    }
}

/// One Event, or None when it names no object.
pub fn parse_event(event: &Value) -> Option<EventRecord> {
    let involved = at(event, &["involvedObject"]).or_else(|| at(event, &["regarding"]))?;
    let time = |path: &[&str]| {
        str_at(event, path)
            .filter(|t| !t.is_empty())
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
    };
    let last_seen = time(&["series", "lastObservedTime"])
        .or_else(|| time(&["lastTimestamp"]))
        .or_else(|| time(&["eventTime"]))
        .or_else(|| time(&["metadata", "creationTimestamp"]));
    let count = int_at(event, &["series", "count"])
        .or_else(|| int_at(event, &["count"]))
        .filter(|c| *c > 0)
        .unwrap_or(1);
    let source = str_at(event, &["source", "component"])
        .filter(|s| !s.is_empty())
        .or_else(|| str_at(event, &["reportingComponent"]))
        .or_else(|| str_at(event, &["reportingController"]))
        .unwrap_or("");
    Some(EventRecord {
        kind: str_at(involved, &["kind"])?.to_string(),
        namespace: str_at(involved, &["namespace"]).unwrap_or("").to_string(),
        name: str_at(involved, &["name"])?.to_string(),
        warning: str_at(event, &["type"]) == Some("Warning"),
        reason: str_at(event, &["reason"]).unwrap_or("").to_string(),
        message: str_at(event, &["message"])
            .or_else(|| str_at(event, &["note"]))
            .unwrap_or("")
            .trim()
            .to_string(),
        count: u64::try_from(count).unwrap_or(1),
        last_seen,
        source: source.to_string(),
    })
}

/// Newest first; Events of the same moment by reason, so the order is stable.
pub fn newest_first(events: &mut [EventRecord]) {
    events.sort_by(|a, b| {
        b.last_seen
            .cmp(&a.last_seen)
            .then_with(|| a.reason.cmp(&b.reason))
            .then_with(|| a.name.cmp(&b.name))
    });
}
