//! Pause and resume: `spec.suspend` with who, why and until when.

use std::time::Duration;

use serde_json::json;

use crate::cluster::{typed, whoami};
use crate::engine::app::Application;
use crate::engine::audit::{self, AuditRecord};
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::status::{self, PinChange, StatusUpdate};

async fn patch_spec(
    handle: &AppHandle,
    spec: serde_json::Value,
) -> Result<Application, EngineError> {
    let app_id = handle.app.tracking_id();
    let ns = handle.app.metadata.namespace.clone().unwrap_or_default();
    let name = handle.app.metadata.name.clone().unwrap_or_default();
    let patch = json!({ "spec": spec });
    typed::merge_patch::<Application>(&handle.cluster, &ns, &name, &patch)
        .await
        .map_err(|e| EngineError::cluster(&app_id, e))
}

/// When a pause of `duration` from now ends (RFC 3339); `None` is until resumed.
pub fn pause_until(duration: Option<Duration>) -> Result<Option<String>, String> {
    let Some(d) = duration else { return Ok(None) };
    let span = jiff::SignedDuration::try_from(d).map_err(|e| format!("pause duration: {e}"))?;
    let t = jiff::Timestamp::now()
        .checked_add(span)
        .map_err(|e| format!("pause duration: {e}"))?;
    Ok(Some(t.to_string()))
}

/// Pauses reconciliation; returns the updated app and who paused it.
pub async fn suspend(
    handle: &AppHandle,
    duration: Option<Duration>,
    reason: Option<&str>,
) -> Result<(Application, String), EngineError> {
    let app_id = handle.app.tracking_id();
    let actor = whoami(&handle.cluster)
        .await
        .map_err(|e| EngineError::cluster(&app_id, e))?;
    let until = pause_until(duration).map_err(|e| EngineError::invalid(&app_id, e))?;
    let app = patch_spec(
        handle,
        json!({"suspend": true, "suspendUntil": until, "suspendReason": reason, "suspendedBy": actor}),
    )
    .await?;
    let mut rec = AuditRecord::new(&handle.cluster, &handle.app, &actor, "suspend");
    rec.details = match (&until, reason) {
        (Some(u), Some(r)) => format!("paused until {u}: {r}"),
        (Some(u), None) => format!("paused until {u}"),
        (None, Some(r)) => format!("paused: {r}"),
        (None, None) => "paused".into(),
    };
    audit::record(&handle.cluster, &handle.app, &rec).await;
    Ok((app, actor))
}

/// Resumes reconciliation and drops a rollback pin (the agent then rolls
/// forward to the target revision). Returns the pin that was dropped.
pub async fn resume(
    handle: &AppHandle,
) -> Result<(Application, String, Option<String>), EngineError> {
    let app_id = handle.app.tracking_id();
    let actor = whoami(&handle.cluster)
        .await
        .map_err(|e| EngineError::cluster(&app_id, e))?;
    let app = patch_spec(
        handle,
        json!({"suspend": false, "suspendUntil": null, "suspendReason": null, "suspendedBy": null}),
    )
    .await?;
    let pinned = handle.app.pinned_revision().map(str::to_string);
    if pinned.is_some() {
        let update = StatusUpdate {
            pin: PinChange::Clear,
            ..Default::default()
        };
        status::write(&handle.cluster, &app, None, &update)
            .await
            .map_err(|e| EngineError::cluster(&app_id, e))?;
    }
    let mut rec = AuditRecord::new(&handle.cluster, &handle.app, &actor, "resume");
    rec.details = match &pinned {
        Some(p) => format!(
            "resumed; pin at {p} dropped, rolls forward to {}",
            handle.app.spec.source.target_revision
        ),
        None => "resumed".into(),
    };
    audit::record(&handle.cluster, &handle.app, &rec).await;
    Ok((app, actor, pinned))
}
