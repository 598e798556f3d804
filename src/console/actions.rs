//! Sync, rollback and pause from the console: a plan to confirm first (the
//! dry-run diff, what would be pruned, who will act), then the action, each
//! object's result reported as it completes.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, finish};
use super::map;
use crate::cluster::whoami;
use crate::engine::changeset::{Change, ChangeSet, Outcome};
use crate::engine::drift::DriftState;
use crate::engine::ops::{self, DiffOptions, RollbackOptions, SyncRequest, diff};
use crate::engine::plan::{self, Step};
use crate::engine::source::Fetch;
use crate::tui::{
    AppId, ChangeRow, ConfirmPlan, Msg, PendingAction, PlanOptions, RollbackMode, Tone,
};

fn err(e: impl std::error::Error + 'static) -> String {
    crate::error_chain::chain(&e)
}

/// The diff of the objects a plan would change, and the objects it would prune.
/// What the dialog and the app view say of Git standing in from its cache.
pub fn stale_text(stale: &crate::engine::source::StaleGit) -> String {
    format!(
        "the plan is from the cached clone, {}: {}",
        stale.age(jiff::Timestamp::now()),
        stale.error
    )
}

/// The app view's short mark of the same (the refresh's error says why).
pub fn stale_mark(stale: &crate::engine::source::StaleGit) -> String {
    format!(
        "Git unreachable: showing the cache, {}",
        stale.age(jiff::Timestamp::now())
    )
}

async fn preview(
    inner: &Shared,
    app: &AppId,
    revision: Option<String>,
    prune: bool,
) -> Result<(ConfirmPlan, bool), String> {
    let handle = inner.locate_recon(app).await?;
    let actor = whoami(&handle.cluster).await.map_err(err)?;
    let fetch = if revision.is_some() {
        Fetch::IfMissing
    } else {
        Fetch::Always
    };
    let outcome = diff(
        &inner.engine,
        &handle,
        &DiffOptions {
            revision,
            fetch,
            ..Default::default()
        },
    )
    .await
    .map_err(err)?;
    let prune = prune || handle.app.spec.sync_policy.prune;
    let id = handle.app.tracking_id();
    let plan = plan::build(
        &id,
        &outcome.report,
        &outcome.desired,
        &outcome.extras,
        prune,
    )
    .map_err(err)?;
    let mut lines = Vec::new();
    for c in
        crate::engine::conflicts::find(&handle.cluster, &outcome.report, &outcome.desired).await
    {
        lines.push(crate::tui::DiffLine {
            kind: crate::tui::DiffKind::Header,
            old_line: None,
            new_line: None,
            text: format!(
                "⚠ {} conflicts with field manager {}: press f to force ({})",
                c.key,
                c.managers.join(", "),
                c.message
            ),
        });
    }
    for o in outcome
        .report
        .objects
        .iter()
        .filter(|o| o.state != DriftState::Synced && o.state != DriftState::Extra)
    {
        lines.extend(map::object_diff(o));
    }
    let prune_list = plan
        .steps
        .iter()
        .filter(|s| matches!(s, Step::Prune(_)))
        .map(|s| s.key().to_string())
        .collect();
    let title = format!(
        "{} → {} {}",
        app, outcome.source.short, outcome.source.subject
    );
    let confirm = ConfirmPlan {
        title,
        action: PendingAction::Sync { app: app.clone() },
        lines,
        prune: prune_list,
        options: PlanOptions {
            prune,
            force: false,
            mode: RollbackMode::Pin,
            allow_stale: false,
        },
        actor,
        revision: outcome.source.revision.clone(),
        stale: outcome.source.stale.as_ref().map(stale_text),
    };
    Ok((confirm, prune))
}

pub async fn plan_sync(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    prune: bool,
    force: bool,
    tx: UnboundedSender<Msg>,
) {
    match preview(&inner, &app, None, prune).await {
        Ok((mut plan, _)) => {
            plan.options.force = force;
            let _ = tx.send(Msg::PlanReady { request_id, plan });
        }
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

pub async fn plan_rollback(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    revision: String,
    mode: RollbackMode,
    tx: UnboundedSender<Msg>,
) {
    match preview(&inner, &app, Some(revision.clone()), false).await {
        Ok((mut plan, _)) => {
            plan.title = format!("roll back {} ({})", plan.title, mode.label());
            plan.action = PendingAction::Rollback { app, revision };
            plan.options.mode = mode;
            let _ = tx.send(Msg::PlanReady { request_id, plan });
        }
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

pub(super) fn progress(tx: UnboundedSender<Msg>, request_id: u64) -> impl FnMut(&Change) + Send {
    move |c: &Change| {
        let tone = match c.outcome {
            Outcome::Created | Outcome::Configured | Outcome::Pruned => Tone::Good,
            Outcome::Unchanged => Tone::Neutral,
            Outcome::Skipped => Tone::Warn,
            Outcome::Failed => Tone::Bad,
        };
        let row = ChangeRow {
            object: c.object.to_string(),
            outcome: c.outcome.as_str().into(),
            tone,
            reason: c.reason.clone(),
        };
        let _ = tx.send(Msg::ChangeProgress { request_id, row });
    }
}

fn verdict(changes: &ChangeSet, actor: &str, short: &str) -> Result<String, String> {
    let summary = format!("{} at {short} as {actor}", changes.summary());
    match changes
        .entries
        .iter()
        .find(|c| c.outcome == Outcome::Failed)
    {
        None => Ok(summary),
        Some(first) => Err(format!(
            "{summary}; first failure: {} — {}",
            first.object,
            first.reason.as_deref().unwrap_or("?")
        )),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn execute_sync(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    (prune, force, allow_stale): (bool, bool, bool),
    confirmed: ops::ConfirmedPlan,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let req = SyncRequest {
            prune,
            force,
            allow_stale,
            // A confirmation is a contract: executed only while it is the plan.
            confirmed: (!confirmed.revision.is_empty()).then_some(confirmed),
            ..Default::default()
        };
        let mut on_change = progress(tx.clone(), request_id);
        match ops::sync(&inner.engine, &handle, &req, &mut on_change).await {
            Ok(r) => verdict(&r.changes, &r.actor, &r.short).map(Some),
            Err(crate::engine::error::EngineError::PlanChanged { what, .. }) => {
                // Show the new plan to confirm again, rather than only refusing.
                match preview(&inner, &app, None, prune).await {
                    Ok((mut plan, _)) => {
                        plan.options.force = force;
                        let _ = tx.send(Msg::PlanChanged {
                            request_id,
                            why: what,
                            plan,
                        });
                        Ok(None)
                    }
                    Err(e) => Err(format!(
                        "the plan changed ({what}); the new plan failed: {e}"
                    )),
                }
            }
            Err(e) => Err(err(e)),
        }
    }
    .await;
    match result {
        Ok(Some(summary)) => finish(&tx, request_id, Ok(summary)),
        Ok(None) => {}
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn execute_rollback(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    revision: String,
    mode: RollbackMode,
    prune: bool,
    force: bool,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let mode = match mode {
            RollbackMode::Pin => ops::RollbackMode::Pin,
            RollbackMode::Revert => ops::RollbackMode::Revert,
        };
        let mut on_change = progress(tx.clone(), request_id);
        let r = ops::rollback(
            &inner.engine,
            &handle,
            &revision,
            mode,
            RollbackOptions { force, prune },
            &mut on_change,
        )
        .await
        .map_err(err)?;
        verdict(&r.changes, &r.actor, &r.short)
    }
    .await;
    finish(&tx, request_id, result);
}

pub async fn suspend(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    duration: Option<Duration>,
    reason: Option<String>,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let (a, actor) = ops::suspend(&handle, duration, reason.as_deref())
            .await
            .map_err(err)?;
        let until = a
            .spec
            .suspend_until
            .map(|u| format!(" until {u}"))
            .unwrap_or_default();
        Ok(format!("{app} paused by {actor}{until}"))
    }
    .await;
    finish(&tx, request_id, result);
}

pub async fn resume(inner: Arc<Shared>, request_id: u64, app: AppId, tx: UnboundedSender<Msg>) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let (_, actor, pinned) = ops::resume(&handle).await.map_err(err)?;
        Ok(match pinned {
            Some(p) => format!(
                "{app} resumed by {actor}; it was pinned at {}, and now rolls forward to {}",
                crate::text::short_sha(&p),
                handle.app.spec.source.target_revision
            ),
            None => format!("{app} resumed by {actor}"),
        })
    }
    .await;
    finish(&tx, request_id, result);
}
