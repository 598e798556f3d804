//! The agent: keeps each cluster's apps equal to Git. Every pass, for every
//! app: an expired pause is lifted; a paused or manual app only has its
//! drift and health measured into its status; an automated app is synced
//! when Git moved on, or when it drifted and self-heal is on.

mod decide;
pub mod metrics;

use std::time::Duration;

pub use decide::{Decision, decide};

use crate::engine::error::EngineError;
use crate::engine::fleet::{AppHandle, Fleet};
use crate::engine::ops::{DiffOptions, Engine, SyncRequest, diff, record, refresh, resume, sync};

/// Runs passes until cancelled (or one pass with `once`).
pub async fn run(engine: Engine, fleet: Fleet, interval: Duration, once: bool) {
    loop {
        pass(&engine, &fleet).await;
        if once {
            return;
        }
        tokio::time::sleep(interval).await;
    }
}

/// One reconciliation pass over every reachable cluster.
pub async fn pass(engine: &Engine, fleet: &Fleet) {
    lift_expired_argocd_pauses(fleet).await;
    for (member, listed) in fleet.members.iter().zip(fleet.list_apps().await) {
        let (Ok(cluster), Ok(apps)) = (&member.cluster, listed.apps) else {
            tracing::warn!(context = %member.context, "agent: cluster not readable this pass");
            continue;
        };
        for app in apps {
            let handle = AppHandle {
                cluster: cluster.clone(),
                resolver: member.resolver.clone(),
                app,
            };
            if let Err(e) = reconcile(engine, &handle).await {
                tracing::warn!(app = %handle.full_name(), error = %crate::error_chain::Chain(&e), "agent: reconcile failed");
            }
        }
    }
}

/// Reconciles one app; returns what it decided.
pub async fn reconcile(engine: &Engine, handle: &AppHandle) -> Result<Decision, EngineError> {
    let now = jiff::Timestamp::now();
    let mut handle = handle.clone();
    if let Some(decision) = finalize(&mut handle).await? {
        return Ok(decision);
    }
    if handle.app.spec.suspend && !handle.app.is_suspended_at(now) {
        let (app, _, _) = resume(&handle).await?;
        tracing::info!(app = %handle.full_name(), "agent: pause expired, resumed");
        handle.app = app;
    }
    if handle.app.is_suspended_at(now) || !handle.app.spec.sync_policy.automated {
        refresh(engine, &handle).await?;
        return Ok(Decision::Observe);
    }
    let outcome = diff(engine, &handle, &DiffOptions::default()).await?;
    let decision = decide(&handle.app, &outcome.report);
    match decision {
        Decision::Sync => {
            let req = SyncRequest {
                label: "auto-sync".into(),
                ..Default::default()
            };
            let result = sync(engine, &handle, &req, &mut |_| {}).await?;
            tracing::info!(app = %handle.full_name(), revision = %result.short, result = %result.changes.summary(), "agent: synced");
        }
        Decision::Observe => record(&handle, &outcome).await?,
    }
    Ok(decision)
}

/// The cascade-delete finalizer: added to apps that ask for it, dropped from
/// apps that no longer do, and carried out (objects first, then the
/// Application) for an app being deleted. `Some` when the app is gone.
async fn finalize(handle: &mut AppHandle) -> Result<Option<Decision>, EngineError> {
    use crate::engine::app::CASCADE_FINALIZER;
    let finalizers = handle.app.metadata.finalizers.clone().unwrap_or_default();
    let has = finalizers.iter().any(|f| f == CASCADE_FINALIZER);
    if handle.app.metadata.deletion_timestamp.is_some() {
        if has {
            crate::engine::ops::delete(handle, true, &mut |_| {}).await?;
            tracing::info!(app = %handle.full_name(), "agent: deleted with its objects (cascade finalizer)");
        }
        return Ok(Some(Decision::Observe));
    }
    let wanted = handle.app.spec.cascade_delete;
    if wanted != has {
        let mut next: Vec<String> = finalizers
            .into_iter()
            .filter(|f| f != CASCADE_FINALIZER)
            .collect();
        if wanted {
            next.push(CASCADE_FINALIZER.into());
        }
        let ns = handle.app.metadata.namespace.clone().unwrap_or_default();
        let name = handle.app.metadata.name.clone().unwrap_or_default();
        handle.app = crate::cluster::typed::merge_patch::<crate::engine::app::Application>(
            &handle.cluster,
            &ns,
            &name,
            &serde_json::json!({"metadata": {"finalizers": next}}),
        )
        .await
        .map_err(|e| EngineError::cluster(&handle.app.tracking_id(), e))?;
    }
    Ok(None)
}

/// Argo CD apps paused by recon for a while get automated sync back when
/// the time is up: recon's pause has no other keeper on those clusters.
async fn lift_expired_argocd_pauses(fleet: &Fleet) {
    use crate::adapters::argocd::{ArgoHandle, model::ArgoApp, pause};
    let now = jiff::Timestamp::now();
    for member in &fleet.members {
        let Ok(cluster) = &member.cluster else {
            continue;
        };
        let listed =
            crate::cluster::typed::list::<ArgoApp>(cluster, None, &Default::default()).await;
        let apps = match listed {
            Ok(l) => l.items,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                tracing::warn!(context = %member.context, error = %e, "agent: cannot list Argo CD apps");
                continue;
            }
        };
        for app in apps.into_iter().filter(|a| pause::pause_expired(a, now)) {
            let handle = ArgoHandle {
                cluster: cluster.clone(),
                resolver: member.resolver.clone(),
                app,
            };
            match pause::resume(&handle).await {
                Ok(_) => {
                    tracing::info!(app = %handle.full_name(), "agent: Argo CD pause expired, automated sync on")
                }
                Err(e) => {
                    tracing::warn!(app = %handle.full_name(), error = %e, "agent: cannot lift an expired Argo CD pause")
                }
            }
        }
    }
}
