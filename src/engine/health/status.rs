//! The health vocabulary shared by every kind-specific rule.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How healthy a resource is.
///
/// The declaration order is the "worse than" order used to aggregate many
/// resources into one application health (Argo CD's order), so the derived
/// `Ord` is meaningful: `Healthy < Suspended < ... < Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HealthStatus {
    Healthy,
    Suspended,
    Progressing,
    Missing,
    Degraded,
    Unknown,
}

impl HealthStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HealthStatus::Healthy => "Healthy",
            HealthStatus::Suspended => "Suspended",
            HealthStatus::Progressing => "Progressing",
            HealthStatus::Missing => "Missing",
            HealthStatus::Degraded => "Degraded",
            HealthStatus::Unknown => "Unknown",
        }
    }
}

impl fmt::Display for HealthStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status plus a short, human message suitable for a terminal table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: HealthStatus,
    pub message: String,
}

impl Health {
    pub fn new(status: HealthStatus, message: impl Into<String>) -> Self {
        Health {
            status,
            message: message.into(),
        }
    }

    pub fn healthy(message: impl Into<String>) -> Self {
        Health::new(HealthStatus::Healthy, message)
    }

    pub fn suspended(message: impl Into<String>) -> Self {
        Health::new(HealthStatus::Suspended, message)
    }

    pub fn progressing(message: impl Into<String>) -> Self {
        Health::new(HealthStatus::Progressing, message)
    }

    pub fn degraded(message: impl Into<String>) -> Self {
        Health::new(HealthStatus::Degraded, message)
    }

    pub fn unknown(message: impl Into<String>) -> Self {
        Health::new(HealthStatus::Unknown, message)
    }
}

/// Aggregates resource healths into an application health: the worst status
/// wins and carries its message; on a tie the first one seen is kept so the
/// result is stable for a given resource order. No items means Healthy.
pub fn worst<'a>(items: impl IntoIterator<Item = &'a Health>) -> Health {
    let mut worst_seen: Option<&Health> = None;
    for item in items {
        match worst_seen {
            Some(current) if item.status <= current.status => {}
            _ => worst_seen = Some(item),
        }
    }
    worst_seen
        .cloned()
        .unwrap_or_else(|| Health::healthy(String::new()))
}
