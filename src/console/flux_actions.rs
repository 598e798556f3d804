//! Sync (reconcile) and pause of a Flux Kustomization from the console, the
//! Flux way (`crate::adapters::flux`): the confirmation shows recon's dry
//! run of what Flux would change at its source's artifact; executing asks
//! Flux to reconcile the GitRepository and then the Kustomization, and
//! follows their Ready conditions to the end.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe, finish, op};
use super::map::{self, header};
use crate::adapters::flux::{operate, pause, pin};
use crate::engine::drift::DriftState;
use crate::engine::ops::{DiffOptions, diff};
use crate::engine::prepare::Stamp;
use crate::engine::source::Fetch;
use crate::tui::{
    AppId, AppTool, ConfirmPlan, Effect, Msg, PendingAction, PlanOptions, RollbackMode,
};

/// How long the console follows Flux's reconcile.
const RECONCILE_TIMEOUT: Duration = Duration::from_secs(300);

/// Carries out a Flux app's action effect; gives back every other effect.
pub fn route(inner: &Arc<Shared>, effect: Effect, tx: &UnboundedSender<Msg>) -> Option<Effect> {
    let is_flux = |app: &AppId| app.tool == AppTool::Flux;
    let (inner, tx) = (inner.clone(), tx.clone());
    match effect {
        Effect::PlanSync {
            request_id, app, ..
        } if is_flux(&app) => {
            tokio::spawn(async move {
                match plan(&inner, &app).await {
                    Ok(plan) => {
                        let _ = tx.send(Msg::PlanReady { request_id, plan });
                    }
                    Err(e) => finish(&tx, request_id, Err(e)),
                }
            });
        }
        Effect::ExecuteSync {
            request_id, app, ..
        } if is_flux(&app) => {
            let op = op(&app, "sync");
            inner.in_flight.clone().spawn(op, async move {
                let r = reconcile(&inner, &app).await;
                finish(&tx, request_id, r);
            });
        }
        Effect::Suspend {
            request_id,
            app,
            duration,
            reason,
        } if is_flux(&app) => {
            let op = op(&app, "suspend");
            inner.in_flight.clone().spawn(op, async move {
                let r = async {
                    let h = inner.locate_flux(&app).await?;
                    let (_, actor, _) = pause::suspend(&h, duration, reason.as_deref())
                        .await
                        .map_err(|e| describe(&e))?;
                    Ok(format!("{app}: Flux suspended, by {actor}"))
                }
                .await;
                finish(&tx, request_id, r);
            });
        }
        Effect::Resume { request_id, app } if is_flux(&app) => {
            let op = op(&app, "resume");
            inner.in_flight.clone().spawn(op, async move {
                let r = async {
                    let h = inner.locate_flux(&app).await?;
                    let (_, actor) = pause::resume(&h).await.map_err(|e| describe(&e))?;
                    Ok(format!(
                        "{app}: Flux resumed, by {actor}; Flux reconciles it now"
                    ))
                }
                .await;
                finish(&tx, request_id, r);
            });
        }
        Effect::PlanRollback {
            request_id,
            app,
            revision,
            mode,
        } if is_flux(&app) => {
            tokio::spawn(async move {
                let plan = match mode {
                    RollbackMode::Pin => plan_pin(&inner, &app, &revision).await,
                    RollbackMode::Revert => Err(format!(
                        "{app}: a Flux app rolls back by pinning its GitRepository; press m for pin"
                    )),
                };
                match plan {
                    Ok(plan) => {
                        let _ = tx.send(Msg::PlanReady { request_id, plan });
                    }
                    Err(e) => finish(&tx, request_id, Err(e)),
                }
            });
        }
        Effect::ExecuteRollback {
            request_id,
            app,
            revision,
            ..
        } if is_flux(&app) => {
            let op = op(&app, "rollback");
            inner.in_flight.clone().spawn(op, async move {
                let r = roll_back(&inner, &app, &revision).await;
                finish(&tx, request_id, r);
            });
        }
        other => return Some(other),
    }
    None
}

/// The confirmation: what Flux would change, from recon's dry run.
async fn plan(inner: &Shared, app: &AppId) -> Result<ConfirmPlan, String> {
    let h = inner.locate_flux(app).await?;
    if h.ks.spec.suspend {
        return Err(format!(
            "{app}: the Kustomization is suspended; resume it (p) for Flux to reconcile"
        ));
    }
    let (src_ns, src_name) = h.ks.source_key();
    let prunes = if h.ks.spec.prune {
        "prunes what left Git (spec.prune)"
    } else {
        "prunes nothing (spec.prune is off)"
    };
    let said = vec![header(format!(
        "Flux reconciles GitRepository {src_ns}/{src_name}, then the Kustomization; it {prunes}"
    ))];
    let action = PendingAction::Sync { app: app.clone() };
    confirm(inner, &h, None, said, action, |short, subject| {
        format!("{app} → {short} {subject} via Flux")
    })
    .await
}

/// recon's dry run of what Flux would change (at `at`, else at the source's
/// artifact) as a confirmation: `said` first, then each object's drift.
/// Flux decides pruning by its own spec, so the dialog's prune stays off.
async fn confirm(
    inner: &Shared,
    h: &crate::adapters::flux::FluxHandle,
    at: Option<&str>,
    mut lines: Vec<crate::tui::DiffLine>,
    action: PendingAction,
    title: impl FnOnce(&str, &str) -> String,
) -> Result<ConfirmPlan, String> {
    let actor = h.actor().await.map_err(|e| describe(&e))?;
    let fetch = if at.is_some() {
        Fetch::IfMissing
    } else {
        Fetch::Always
    };
    let mut p = crate::adapters::flux::project::project(&inner.engine, h, fetch)
        .await
        .map_err(|e| describe(&e))?;
    if let Some(sha) = at {
        p.handle.app.spec.source.target_revision = sha.to_string();
    }
    let opts = DiffOptions {
        fetch: Fetch::IfMissing,
        stamp: Stamp::Nothing,
        ..Default::default()
    };
    let o = diff(&inner.engine, &p.handle, &opts)
        .await
        .map_err(|e| describe(&e))?;
    for obj in o
        .report
        .objects
        .iter()
        .filter(|o| o.state != DriftState::Synced)
    {
        lines.extend(map::object_diff(obj));
    }
    Ok(ConfirmPlan {
        title: title(&o.source.short, &o.source.subject),
        action,
        lines,
        prune: Vec::new(),
        options: PlanOptions {
            prune: false,
            force: false,
            mode: RollbackMode::Pin,
            allow_stale: false,
        },
        actor,
        revision: o.source.revision.clone(),
        stale: p.stale.as_ref().map(super::actions::stale_text),
    })
}

async fn reconcile(inner: &Shared, app: &AppId) -> Result<String, String> {
    let h = inner.locate_flux(app).await?;
    let done = operate::reconcile(&h, RECONCILE_TIMEOUT)
        .await
        .map_err(|e| describe(&e))?;
    let revision = done
        .applied_revision
        .as_deref()
        .map(|r| crate::text::short_sha(crate::adapters::flux::model::revision_sha(r)))
        .unwrap_or_else(|| "nothing".into());
    match done.failure {
        Some(why) => Err(format!(
            "{app}: Flux's reconcile by {} failed: {why}",
            done.actor
        )),
        None => Ok(format!(
            "{app}: reconciled by Flux as {}, applied {revision}",
            done.actor
        )),
    }
}

/// The confirmation of a rollback by pin: the drift at that commit, and
/// every other Kustomization of the same GitRepository (they move too).
async fn plan_pin(inner: &Shared, app: &AppId, revision: &str) -> Result<ConfirmPlan, String> {
    let h = inner.locate_flux(app).await?;
    let sha = pin::resolve_commit(&inner.engine, &h, revision)
        .await
        .map_err(|e| describe(&e))?;
    let others = pin::others_of_source(&h).await.map_err(|e| describe(&e))?;
    let (src_ns, src_name) = h.ks.source_key();
    let said = vec![
        header(format!(
            "Flux has no rollback: GitRepository {src_ns}/{src_name} is pinned to {} (resume unpins)",
            crate::text::short_sha(&sha)
        )),
        header(if others.is_empty() {
            "no other Kustomization uses that source".to_string()
        } else {
            format!(
                "⚠ these Kustomizations use it too and move with it: {}",
                others.join(", ")
            )
        }),
    ];
    let action = PendingAction::Rollback {
        app: app.clone(),
        revision: sha.clone(),
    };
    confirm(inner, &h, Some(&sha), said, action, |short, subject| {
        format!("roll back {app} to {short} {subject} via Flux")
    })
    .await
}

async fn roll_back(inner: &Shared, app: &AppId, revision: &str) -> Result<String, String> {
    let h = inner.locate_flux(app).await?;
    let sha = pin::resolve_commit(&inner.engine, &h, revision)
        .await
        .map_err(|e| describe(&e))?;
    let actor = pin::roll_back(&h, &sha, RECONCILE_TIMEOUT)
        .await
        .map_err(|e| describe(&e))?;
    Ok(format!(
        "{app}: rolled back to {} by Flux (source pinned by {actor}; p then resume unpins)",
        crate::text::short_sha(&sha)
    ))
}
