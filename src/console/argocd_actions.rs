//! Sync, rollback, pause and refresh of an Argo CD app from the console,
//! the Argo CD way (`crate::adapters::argocd`): the confirmation shows
//! recon's dry-run diff of what Argo CD would change and who will ask;
//! executing writes Argo CD's `operation` and follows `operationState`,
//! each resource result reported as Argo CD records it.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe, finish, op};
use super::in_flight::{InFlight, Op};
use super::map::{self, header};
use crate::adapters::argocd::ArgoHandle;
use crate::adapters::argocd::diff::diff;
use crate::adapters::argocd::model::ArgoResourceResult;
use crate::adapters::argocd::operate::{self, SyncSpec};
use crate::adapters::argocd::{pause, refresh};
use crate::engine::drift::DriftState;
use crate::engine::source::Fetch;
use crate::tui::{
    AppId, AppTool, ChangeRow, ConfirmPlan, Effect, Msg, PendingAction, PlanOptions, RollbackMode,
    Tone,
};

/// How long the console follows Argo CD's operation.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(300);

/// Carries out an Argo CD app's action effect; gives back every other effect.
pub fn route(inner: &Arc<Shared>, effect: Effect, tx: &UnboundedSender<Msg>) -> Option<Effect> {
    let is_argo = |app: &AppId| app.tool == AppTool::ArgoCd;
    let (inner, tx) = (inner.clone(), tx.clone());
    match effect {
        Effect::PlanSync {
            request_id,
            app,
            prune,
            force,
        } if is_argo(&app) => {
            tokio::spawn(async move {
                let r = plan(&inner, &app, None, prune, force).await;
                answer_plan(&tx, request_id, r);
            });
        }
        Effect::PlanRollback {
            request_id,
            app,
            revision,
            mode,
        } if is_argo(&app) => {
            tokio::spawn(async move {
                let r = plan(&inner, &app, Some(revision.clone()), false, false)
                    .await
                    .map(|mut p| {
                        p.title =
                            format!("roll back {} (Argo CD; auto-sync goes off first)", p.title);
                        p.action = PendingAction::Rollback { app, revision };
                        p.options.mode = mode;
                        p
                    });
                answer_plan(&tx, request_id, r);
            });
        }
        Effect::ExecuteSync {
            request_id,
            app,
            prune,
            force,
            confirmed_revision,
            ..
        } if is_argo(&app) => {
            let op = op(&app, "sync");
            inner.in_flight.clone().spawn(op, async move {
                // The commit the confirmation showed, exactly (Argo CD syncs it
                // even if the branch moved on since).
                let spec = SyncSpec {
                    revision: (!confirmed_revision.is_empty()).then_some(confirmed_revision),
                    prune,
                    force,
                    reason: "recon console sync".into(),
                };
                let r = run(&inner, &app, request_id, &tx, Run::Sync(spec)).await;
                finish(&tx, request_id, r);
            });
        }
        Effect::ExecuteRollback {
            request_id,
            app,
            revision,
            mode,
            prune,
            ..
        } if is_argo(&app) => {
            let op = op(&app, "rollback");
            inner.in_flight.clone().spawn(op, async move {
                let r = match mode {
                    RollbackMode::Revert => Err(format!(
                        "{app}: an Argo CD app rolls back through Argo CD; press m for pin"
                    )),
                    RollbackMode::Pin => {
                        run(
                            &inner,
                            &app,
                            request_id,
                            &tx,
                            Run::Rollback(revision, prune),
                        )
                        .await
                    }
                };
                finish(&tx, request_id, r);
            });
        }
        Effect::Suspend {
            request_id,
            app,
            duration,
            reason,
        } if is_argo(&app) => {
            let track = Some((inner.in_flight.clone(), op(&app, "suspend")));
            answer(track, &tx, request_id, async move {
                let h = inner.locate_argo(&app).await?;
                let (_, actor, until) = pause::pause(&h, duration, reason.as_deref())
                    .await
                    .map_err(|e| describe(&e))?;
                let until = until
                    .map(|u| {
                        format!(
                            " until {u} (a recon agent on {} lifts it)",
                            h.cluster.context
                        )
                    })
                    .unwrap_or_default();
                Ok(format!("{app}: Argo CD auto-sync off, by {actor}{until}"))
            });
        }
        Effect::Resume { request_id, app } if is_argo(&app) => {
            let track = Some((inner.in_flight.clone(), op(&app, "resume")));
            answer(track, &tx, request_id, async move {
                let h = inner.locate_argo(&app).await?;
                let (_, actor) = pause::resume(&h).await.map_err(|e| describe(&e))?;
                Ok(format!(
                    "{app}: Argo CD auto-sync on, by {actor}; Argo CD rolls forward"
                ))
            });
        }
        Effect::RefreshGit { request_id, app } if is_argo(&app) => {
            answer(None, &tx, request_id, async move {
                let h = inner.locate_argo(&app).await?;
                let actor = refresh::refresh(&h, false)
                    .await
                    .map_err(|e| describe(&e))?;
                Ok(format!("{app}: Argo CD asked to refresh, by {actor}"))
            });
        }
        other => return Some(other),
    }
    None
}

/// Runs an action in a task of its own (counted in flight when `track`
/// names it) and sends its outcome.
fn answer(
    track: Option<(InFlight, Op)>,
    tx: &UnboundedSender<Msg>,
    request_id: u64,
    action: impl std::future::Future<Output = Result<String, String>> + Send + 'static,
) {
    let tx = tx.clone();
    let task = async move {
        let result = action.await;
        finish(&tx, request_id, result);
    };
    match track {
        Some((in_flight, op)) => in_flight.spawn(op, task),
        None => {
            tokio::spawn(task);
        }
    }
}

fn answer_plan(tx: &UnboundedSender<Msg>, request_id: u64, plan: Result<ConfirmPlan, String>) {
    match plan {
        Ok(plan) => {
            let _ = tx.send(Msg::PlanReady { request_id, plan });
        }
        Err(e) => finish(tx, request_id, Err(e)),
    }
}

/// The confirmation: recon's dry-run diff of what Argo CD would change, the
/// objects Argo CD marks for pruning, and who will ask Argo CD.
async fn plan(
    inner: &Shared,
    app: &AppId,
    revision: Option<String>,
    prune: bool,
    force: bool,
) -> Result<ConfirmPlan, String> {
    let h = inner.locate_argo(app).await?;
    if h.app.operation_in_progress() {
        return Err(format!(
            "{app}: Argo CD is already running an operation; wait for it to end"
        ));
    }
    let actor = h.actor().await.map_err(|e| describe(&e))?;
    let fetch = if revision.is_some() {
        Fetch::IfMissing
    } else {
        Fetch::Always
    };
    let d = diff(&inner.engine, &inner.fleet, &h, revision.as_deref(), fetch)
        .await
        .map_err(|e| describe(&e))?;
    let mut lines = Vec::new();
    if let Some(server) = &d.target.remote {
        lines.push(header(format!(
            "objects read in {} ({server}), where Argo CD deploys them",
            d.target.cluster.context
        )));
    }
    let title = match &d.outcome {
        Ok(o) => {
            for obj in o
                .report
                .objects
                .iter()
                .filter(|o| o.state != DriftState::Synced)
            {
                lines.extend(map::object_diff(obj));
            }
            format!(
                "{app} → {} {} via Argo CD",
                o.source.short, o.source.subject
            )
        }
        Err(u) => {
            lines.push(header(format!("recon cannot show the diff: {}", u.why)));
            format!("{app} via Argo CD")
        }
    };
    let prune_list = h
        .app
        .status
        .as_ref()
        .map(|s| {
            s.resources
                .iter()
                .filter(|r| r.requires_pruning)
                .map(|r| format!("{}/{}/{}", r.kind, r.namespace, r.name))
                .collect()
        })
        .unwrap_or_default();
    let auto_prune = h
        .app
        .spec
        .sync_policy
        .as_ref()
        .and_then(|p| p.automated.as_ref())
        .is_some_and(|a| a.prune);
    Ok(ConfirmPlan {
        title,
        action: PendingAction::Sync { app: app.clone() },
        lines,
        prune: prune_list,
        options: PlanOptions {
            prune: prune || auto_prune,
            force,
            mode: RollbackMode::Pin,
            allow_stale: false,
        },
        actor,
        revision: d
            .outcome
            .as_ref()
            .map(|o| o.source.revision.clone())
            .unwrap_or_default(),
        stale: None,
    })
}

enum Run {
    Sync(SyncSpec),
    Rollback(String, bool),
}

fn change_row(r: &ArgoResourceResult) -> ChangeRow {
    let tone = match r.status.as_str() {
        "Synced" | "Pruned" => Tone::Good,
        "SyncFailed" => Tone::Bad,
        "PruneSkipped" => Tone::Warn,
        _ => Tone::Neutral,
    };
    let group = if r.group.is_empty() {
        String::new()
    } else {
        format!("{}/", r.group)
    };
    ChangeRow {
        object: format!("{group}{} {}/{}", r.kind, r.namespace, r.name),
        outcome: r.status.clone(),
        tone,
        reason: (!r.message.is_empty()).then(|| r.message.clone()),
    }
}

async fn run(
    inner: &Shared,
    app: &AppId,
    request_id: u64,
    tx: &UnboundedSender<Msg>,
    what: Run,
) -> Result<String, String> {
    let h: ArgoHandle = inner.locate_argo(app).await?;
    let (_, actor) = match &what {
        Run::Sync(spec) => operate::request_sync(&h, spec, "sync").await,
        Run::Rollback(rev, prune) => operate::request_rollback(&h, rev, *prune).await,
    }
    .map_err(|e| describe(&e))?;
    let progress_tx = tx.clone();
    let mut on_result = move |r: &ArgoResourceResult| {
        let _ = progress_tx.send(Msg::ChangeProgress {
            request_id,
            row: change_row(r),
        });
    };
    let state = operate::wait_operation(&h, OPERATION_TIMEOUT, &mut on_result)
        .await
        .map_err(|e| describe(&e))?;
    let summary = operate::outcome_line(&state, &actor);
    operate::succeeded(&h, &state).map_err(|_| summary.clone())?;
    Ok(match what {
        Run::Rollback(..) => format!("{summary}; auto-sync is off until you resume (p)"),
        Run::Sync(_) => summary,
    })
}
