//! One action on many apps at once: the incident "freeze everything" of the
//! console's selection and of `recon suspend -l team=shop --context a,b`.
//! Each app is acted on the way its own tool is (recon's `spec.suspend`,
//! Argo CD's automated sync, Flux's `spec.suspend`), each recorded in the
//! audit journal by that tool's own action, and each gets its own outcome:
//! one app failing never stops the others.

mod per_tool;
mod select;

use std::time::Duration;

use serde::Serialize;

use super::locate::Located;
use super::tool::Tool;
use crate::engine::ops::Engine;
use per_tool::{Acted, argo, flux, recon};
pub use select::{Matched, select};

/// What is done to every app of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchVerb {
    Suspend {
        duration: Option<Duration>,
        reason: Option<String>,
    },
    Resume,
    /// A sync to the head of each app's own target revision, without a
    /// dry run per app (the single-app sync shows one first).
    Sync {
        prune: bool,
        force: bool,
    },
}

impl BatchVerb {
    pub fn name(&self) -> &'static str {
        match self {
            BatchVerb::Suspend { .. } => "suspend",
            BatchVerb::Resume => "resume",
            BatchVerb::Sync { .. } => "sync",
        }
    }
}

/// How one app of a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchOutcome {
    Done,
    /// Nothing to do (already paused, not paused): not an error.
    Skipped,
    Failed,
}

impl BatchOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchOutcome::Done => "done",
            BatchOutcome::Skipped => "skipped",
            BatchOutcome::Failed => "failed",
        }
    }
}

/// One app's result: what happened and, in words, why or how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchResult {
    /// `context/namespace/name`.
    pub app: String,
    pub tool: Tool,
    pub outcome: BatchOutcome,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("no app matches the label selector `{selector}` in contexts {contexts}")]
    NoMatch { selector: String, contexts: String },
}

fn described(e: &(dyn std::error::Error + 'static)) -> String {
    crate::error_chain::chain(e)
}

/// Carries out `verb` on one app and says how it went. Already in the state
/// asked for (paused, not paused) is a skip, judged on the object as it is
/// now, not as a list showed it a moment ago.
pub async fn act(engine: &Engine, located: &Located, verb: &BatchVerb) -> BatchResult {
    let result = match located {
        Located::Recon(h) => recon(engine, h, verb).await,
        Located::ArgoCd(h) => argo(h, verb).await,
        Located::Flux(h) => flux(h, verb).await,
    };
    let (outcome, message) = match result {
        Ok(Acted::Done(text)) => (BatchOutcome::Done, text),
        Ok(Acted::Skipped(text)) => (BatchOutcome::Skipped, text),
        Err(text) => (BatchOutcome::Failed, text),
    };
    BatchResult {
        app: located.full_name(),
        tool: located.tool(),
        outcome,
        message,
    }
}

/// Acts on every app, at most `parallel` at a time, calling `on_result`
/// as each finishes (in the order they finish).
pub async fn act_all(
    engine: &Engine,
    apps: &[Located],
    verb: &BatchVerb,
    parallel: usize,
    mut on_result: impl FnMut(&BatchResult),
) -> Vec<BatchResult> {
    use futures::StreamExt;
    let mut results = Vec::with_capacity(apps.len());
    let mut running = futures::stream::iter(apps.iter().map(|a| act(engine, a, verb)))
        .buffer_unordered(parallel.max(1));
    while let Some(result) = running.next().await {
        on_result(&result);
        results.push(result);
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_plainly() {
        let json = |o: BatchOutcome| serde_json::to_string(&o).unwrap_or_default();
        assert_eq!(json(BatchOutcome::Done), r#""done""#);
        assert_eq!(json(BatchOutcome::Skipped), r#""skipped""#);
        assert_eq!(json(BatchOutcome::Failed), r#""failed""#);
        assert_eq!(
            BatchVerb::Suspend {
                duration: None,
                reason: None
            }
            .name(),
            "suspend"
        );
    }
}
