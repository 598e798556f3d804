//! Rollback, two ways. Pin: pause the app, apply the chosen commit, record
//! the pin (the agent holds it until resume). Revert: push a commit to the
//! tracked branch that restores the app's path as it was at the chosen
//! commit, so Git stays the truth; then sync it.

use crate::cluster::whoami;
use crate::engine::changeset::Change;
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::status::PinChange;

use super::{Engine, SyncRequest, SyncResult, blocking, pause, sync};

#[derive(Debug, Clone, Copy, Default)]
pub struct RollbackOptions {
    pub force: bool,
    /// Prune objects the chosen revision does not have (also when the app's policy says so).
    pub prune: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollbackMode {
    Pin,
    Revert,
}

pub async fn rollback(
    engine: &Engine,
    handle: &AppHandle,
    revision: &str,
    mode: RollbackMode,
    opts: RollbackOptions,
    on_change: &mut (dyn FnMut(&Change) + Send),
) -> Result<SyncResult, EngineError> {
    let app_id = handle.app.tracking_id();
    let src = handle.app.spec.source.clone();
    let repos = engine.repos.clone();
    let rev = revision.to_string();
    let target = blocking(&app_id, {
        let app_id = app_id.clone();
        let url = src.repo_url.clone();
        move || {
            let repo = repos.open(&url).map_err(|e| EngineError::git(&app_id, e))?;
            repo.fetch().map_err(|e| EngineError::git(&app_id, e))?;
            repo.resolve(&rev).map_err(|e| EngineError::git(&app_id, e))
        }
    })
    .await?;
    let target_sha = target.id.to_string();

    match mode {
        RollbackMode::Pin => {
            // Pause first, so an agent cannot roll forward between apply and pin.
            let reason = format!("rolled back to {}", target.short);
            let (paused, _) = pause::suspend(handle, None, Some(&reason)).await?;
            let pinned_handle = AppHandle {
                app: paused,
                ..handle.clone()
            };
            let req = SyncRequest {
                revision: Some(target_sha.clone()),
                force: opts.force,
                prune: opts.prune,
                label: format!("rollback (pin) to {}", target.short),
                pin: PinChange::Set(target_sha),
                // The commit is named exactly; the cache holding it is enough.
                allow_stale: true,
                ..Default::default()
            };
            sync(engine, &pinned_handle, &req, on_change).await
        }
        RollbackMode::Revert => {
            let actor = whoami(&handle.cluster)
                .await
                .map_err(|e| EngineError::cluster(&app_id, e))?;
            let repos = engine.repos.clone();
            let short = target.short.clone();
            let outcome = blocking(&app_id, {
                let app_id = app_id.clone();
                move || {
                    let repo = repos
                        .open(&src.repo_url)
                        .map_err(|e| EngineError::git(&app_id, e))?;
                    let head = repo
                        .resolve(&src.target_revision)
                        .map_err(|e| EngineError::git(&app_id, e))?;
                    let email = format!(
                        "{}@recon.invalid",
                        actor.replace(
                            |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '.',
                            "-"
                        )
                    );
                    let message = format!(
                        "Revert {} to {short}\n\nRolled back by {actor} with recon.",
                        src.path
                    );
                    repo.revert_path_to(
                        &src.target_revision,
                        &target_sha,
                        &src.path,
                        Some(&head.id.to_string()),
                        (actor.as_str(), email.as_str()),
                        &message,
                    )
                    .map_err(|e| EngineError::git(&app_id, e))
                }
            })
            .await?;
            let req = SyncRequest {
                revision: Some(outcome.commit.clone()),
                force: opts.force,
                prune: opts.prune,
                label: format!("rollback (revert) to {}", target.short),
                pin: PinChange::Clear,
                ..Default::default()
            };
            sync(engine, handle, &req, on_change).await
        }
    }
}
