//! Pause and resume the Argo CD way: automated sync off with
//! `spec.syncPolicy.automated.enabled: false`, which keeps prune and
//! selfHeal as they were (`docs/user-guide/auto_sync.md`; the controller
//! checks `SyncPolicy.IsAutomatedSyncEnabled`). Who paused, why and until
//! when are recorded in annotations, since Argo CD has no fields for them;
//! a timed pause is lifted by a recon agent running on that cluster.

use std::time::Duration;

use serde_json::json;

use super::ArgoHandle;
use super::model::ArgoApp;
use crate::adapters::error::AdapterError;

use crate::adapters::pause_notes;
pub use crate::adapters::pause_notes::{
    PAUSE_REASON_ANNOTATION, PAUSE_UNTIL_ANNOTATION, PAUSED_BY_ANNOTATION,
};

/// Turns automated sync off. Refused for an app without automated sync:
/// Argo CD would not sync it by itself anyway.
pub async fn pause(
    handle: &ArgoHandle,
    duration: Option<Duration>,
    reason: Option<&str>,
) -> Result<(ArgoApp, String, Option<String>), AdapterError> {
    let app = handle.fresh().await?;
    if !app.has_automated() {
        return Err(AdapterError::refused(
            &handle.name(),
            "automated sync is not configured, so Argo CD does not sync it by itself: there is nothing to pause",
        ));
    }
    let actor = handle.actor().await?;
    let until = crate::engine::ops::pause_until(duration)
        .map_err(|e| AdapterError::refused(&handle.name(), e))?;
    let updated = handle
        .patch(&json!({
            "metadata": {"annotations": pause_notes::set(&actor, reason, until.as_deref())},
            "spec": {"syncPolicy": {"automated": {"enabled": false}}}
        }))
        .await?;
    let details = pause_notes::details("automated sync off", until.as_deref(), reason);
    handle.record(&actor, "suspend", None, details).await;
    Ok((updated, actor, until))
}

/// Turns automated sync back on (the `enabled` field goes, which Argo CD
/// reads as on) and drops recon's pause annotations.
pub async fn resume(handle: &ArgoHandle) -> Result<(ArgoApp, String), AdapterError> {
    let app = handle.fresh().await?;
    if !app.has_automated() {
        return Err(AdapterError::refused(
            &handle.name(),
            "automated sync is not configured: there is nothing to resume (sync it by hand)",
        ));
    }
    let actor = handle.actor().await?;
    let updated = handle
        .patch(&json!({
            "metadata": {"annotations": pause_notes::cleared()},
            "spec": {"syncPolicy": {"automated": {"enabled": null}}}
        }))
        .await?;
    handle
        .record(&actor, "resume", None, "automated sync on".into())
        .await;
    Ok((updated, actor))
}

/// A pause whose time is up (recon's agent lifts it).
pub fn pause_expired(app: &ArgoApp, now: jiff::Timestamp) -> bool {
    !app.auto_sync()
        && app
            .annotation(PAUSE_UNTIL_ANNOTATION)
            .and_then(|u| u.parse::<jiff::Timestamp>().ok())
            .is_some_and(|until| until <= now)
}
