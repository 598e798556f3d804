//! One action on every selected app, from the console: each app located,
//! then paused, resumed or synced by its own tool (`crate::adapters::batch`,
//! the same code as `recon suspend -l`), a few at a time; each app's own
//! outcome is sent as it finishes, failures with their reason.

use std::sync::Arc;

use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, finish};
use crate::adapters::batch::{self, BatchOutcome, BatchResult, BatchVerb};
use crate::adapters::tool::Tool;
use crate::tui::{AppId, BatchAction, ChangeRow, Msg, Tone};

/// Apps acted on at once.
const PARALLEL: usize = 4;

fn verb_of(action: &BatchAction) -> BatchVerb {
    match action {
        BatchAction::Pause { duration, reason } => BatchVerb::Suspend {
            duration: *duration,
            reason: reason.clone(),
        },
        BatchAction::Resume => BatchVerb::Resume,
        BatchAction::Sync => BatchVerb::Sync {
            prune: false,
            force: false,
        },
    }
}

/// How the journal names a batch still running on the way out.
pub fn op(apps: &[AppId], action: &BatchAction) -> super::in_flight::Op {
    let mut contexts: Vec<&str> = apps.iter().map(|a| a.cluster.as_str()).collect();
    contexts.sort_unstable();
    contexts.dedup();
    super::in_flight::Op {
        context: contexts.join(","),
        app: apps
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        action: format!("batch-{}", action.verb()),
    }
}

async fn one(inner: &Shared, app: &AppId, verb: &BatchVerb) -> BatchResult {
    match inner.locate(app).await {
        Ok(located) => batch::act(&inner.engine, &located, verb).await,
        Err(why) => BatchResult {
            app: app.to_string(),
            tool: super::context::tool_of(app),
            outcome: BatchOutcome::Failed,
            message: why,
        },
    }
}

fn row(result: &BatchResult, action: &BatchAction) -> ChangeRow {
    let (outcome, tone) = match result.outcome {
        BatchOutcome::Done => (action.done_word(), Tone::Good),
        BatchOutcome::Skipped => ("skipped", Tone::Neutral),
        BatchOutcome::Failed => ("failed", Tone::Bad),
    };
    let tool = match result.tool {
        Tool::Recon => String::new(),
        other => format!(" ({other})"),
    };
    ChangeRow {
        object: format!("{}{tool}", result.app),
        outcome: outcome.into(),
        tone,
        reason: Some(result.message.clone()),
    }
}

pub async fn execute(
    inner: Arc<Shared>,
    request_id: u64,
    apps: Vec<AppId>,
    action: BatchAction,
    tx: UnboundedSender<Msg>,
) {
    let verb = verb_of(&action);
    // Each task owns what it needs: the stream runs inside a spawned task.
    let tasks = apps.into_iter().map(|app| {
        let (inner, verb) = (inner.clone(), verb.clone());
        async move { one(&inner, &app, &verb).await }
    });
    let mut running = futures::stream::iter(tasks).buffer_unordered(PARALLEL);
    let (mut done, mut skipped, mut failed) = (0, 0, Vec::new());
    while let Some(result) = running.next().await {
        match result.outcome {
            BatchOutcome::Done => done += 1,
            BatchOutcome::Skipped => skipped += 1,
            BatchOutcome::Failed => failed.push(result.app.clone()),
        }
        let _ = tx.send(Msg::ChangeProgress {
            request_id,
            row: row(&result, &action),
        });
    }
    let summary = format!(
        "{done} {}, {skipped} skipped, {} failed",
        action.done_word(),
        failed.len()
    );
    let result = if failed.is_empty() {
        Ok(summary)
    } else {
        Err(format!("{summary}: {}", failed.join(", ")))
    };
    finish(&tx, request_id, result);
}
