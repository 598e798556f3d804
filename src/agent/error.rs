//! Why one app's reconcile failed, with a fixed reason for its condition.

use crate::agent::metrics::FailureReason;
use crate::engine::changeset::{ChangeSet, Outcome};
use crate::engine::error::EngineError;

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The sync ran but the API server refused some objects.
    #[error("app {app}: {summary}; refused: {refused}")]
    Apply {
        app: String,
        summary: String,
        /// Each refused object with the API server's reason.
        refused: String,
    },
}

impl AgentError {
    pub fn apply(app: &str, changes: &ChangeSet) -> Self {
        let refused: Vec<String> = changes
            .entries
            .iter()
            .filter(|c| c.outcome == Outcome::Failed)
            .map(|c| match &c.reason {
                Some(r) => format!("{} ({r})", c.object),
                None => c.object.to_string(),
            })
            .collect();
        Self::Apply {
            app: app.to_string(),
            summary: changes.summary(),
            refused: refused.join("; "),
        }
    }

    /// Why, as the metrics count it.
    pub fn failure(&self) -> FailureReason {
        match self {
            Self::Apply { .. } => FailureReason::Apply,
            Self::Engine(e) => FailureReason::of(e),
        }
    }

    /// The condition reason: one of a fixed set, so alerts can match it.
    pub fn reason(&self) -> &'static str {
        match self.failure() {
            FailureReason::Git => "GitFailed",
            FailureReason::Render => "RenderFailed",
            FailureReason::Apply => "ApplyFailed",
            FailureReason::Cluster => "ClusterUnavailable",
            FailureReason::Permission => "Forbidden",
            FailureReason::Conflict => "Conflict",
            FailureReason::Other => "Failed",
        }
    }

    /// The whole cause, each part once, for the condition and the log.
    pub fn message(&self) -> String {
        crate::error_chain::chain(self)
    }
}
