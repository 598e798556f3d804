//! Incremental self-heal: when someone else changed (or deleted) objects of
//! an automated, self-healing app, and its last measurement still describes
//! Git (same generation, same fetch, fetched within the freshness window),
//! only those objects are read, dry-run and, when drifted, applied. Any
//! doubt returns None and the caller reconciles the whole app.

use std::time::Duration;

use crate::agent::context::Ctx;
use crate::agent::decide::{Decision, auto_sync_request, decide};
use crate::agent::error::AgentError;
use crate::agent::measured::Measured;
use crate::engine::drift::DriftState;
use crate::engine::drift_one::measure_again;
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{SyncRequest, sync_measured};

/// What the incremental heal did.
pub enum Healed {
    /// The touched objects are equal to Git (an edit of an ignored field,
    /// or one already undone).
    InSync {
        revision: String,
    },
    Synced {
        revision: String,
        summary: String,
    },
}

pub async fn heal_touched(
    ctx: &Ctx,
    handle: &AppHandle,
    fresh: Duration,
    now: jiff::Timestamp,
) -> Result<Option<Healed>, AgentError> {
    let Some(tracked) = &ctx.tracked else {
        return Ok(None);
    };
    let app = &handle.app;
    let app_id = app.tracking_id();
    let touched = tracked.take_touched(&app_id);
    let policy = &app.spec.sync_policy;
    if touched.is_empty() || !policy.automated || !policy.self_heal || app.is_suspended_at(now) {
        return Ok(None);
    }
    let Some(mut m) = ctx.measured.take(&app_id) else {
        return Ok(None);
    };
    let still_git = m.generation == app.metadata.generation
        && ctx.gate.fetched_at(&app.spec.source.repo_url) == Some(m.fetched_at)
        && m.fetched_at.elapsed() < fresh
        && m.outcome.source.stale.is_none();
    // Only desired objects: a tracked object Git no longer has needs the whole app.
    let all_desired = touched.iter().all(|k| {
        m.outcome
            .desired
            .iter()
            .any(|o| &o.key == k && o.resolved.is_some())
    });
    if !still_git || !all_desired {
        return Ok(None);
    }
    let m_outcome = &mut m.outcome;
    measure_again(handle, &m_outcome.desired, &mut m_outcome.report, &touched).await?;
    let revision = m.outcome.source.revision.clone();
    let healthy = m.outcome.report.in_sync() && m.outcome.report.count(DriftState::Extra) == 0;
    if healthy || decide(app, &m.outcome.report) == Decision::Observe {
        ctx.measured.keep(&app_id, m);
        // Drifted without a reason to act cannot happen with self-heal on:
        // let the whole reconcile say what it is.
        return Ok(healthy.then_some(Healed::InSync { revision }));
    }
    let actor = ctx
        .actor()
        .await
        .map_err(|e| AgentError::Engine(EngineError::cluster(&app_id, e)))?;
    let req = SyncRequest {
        remeasure: Some(touched),
        ..auto_sync_request()
    };
    let synced = sync_measured(&ctx.engine, handle, &req, m.outcome, &actor, &mut |_| {}).await?;
    if synced.changes.failed() {
        return Err(AgentError::apply(&app_id, &synced.changes));
    }
    // The next edit starts from what was measured after this one.
    if let Some(after) = synced.after {
        let measured = Measured {
            outcome: after,
            ..m
        };
        ctx.measured.keep(&app_id, measured);
    }
    Ok(Some(Healed::Synced {
        revision,
        summary: synced.changes.summary(),
    }))
}
