//! One result per object, shared by the CLI, the console and the agent.

use serde::Serialize;

use crate::engine::render::ObjectKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Created,
    Configured,
    Unchanged,
    Pruned,
    Skipped,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Configured => "configured",
            Self::Unchanged => "unchanged",
            Self::Pruned => "pruned",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub object: ObjectKey,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeSet {
    pub dry_run: bool,
    pub entries: Vec<Change>,
}

impl ChangeSet {
    pub fn failed(&self) -> bool {
        self.entries.iter().any(|c| c.outcome == Outcome::Failed)
    }

    /// The objects that failed, e.g. "apps/Deployment shop/web, ConfigMap
    /// shop/cfg" (names only: reasons stay in the entries).
    pub fn failed_objects(&self) -> String {
        let names: Vec<String> = self
            .entries
            .iter()
            .filter(|c| c.outcome == Outcome::Failed)
            .map(|c| c.object.to_string())
            .collect();
        names.join(", ")
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.entries.iter().filter(|c| c.outcome == outcome).count()
    }

    /// "2 created, 1 configured, 5 unchanged" (only non-zero counts).
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            Outcome::Created,
            Outcome::Configured,
            Outcome::Unchanged,
            Outcome::Pruned,
            Outcome::Skipped,
            Outcome::Failed,
        ]
        .into_iter()
        .filter_map(|o| match self.count(o) {
            0 => None,
            n => Some(format!("{n} {}", o.as_str())),
        })
        .collect();
        if parts.is_empty() {
            "nothing to do".into()
        } else {
            parts.join(", ")
        }
    }
}
