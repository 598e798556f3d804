//! Suspend and resume the Flux way: `spec.suspend` (flux2
//! `cmd/flux/suspend.go`, `resume.go`). Who suspended, why and until when
//! go in the same recon annotations the Argo CD adapter uses, since Flux
//! has no fields for them. Resume also asks for a reconcile, as
//! `flux resume` does, so the Kustomization catches up at once.

use std::time::Duration;

use serde_json::json;

use super::FluxHandle;
use super::model::{FluxKustomization, REQUESTED_AT_ANNOTATION};
use crate::adapters::argocd::pause::{
    PAUSE_REASON_ANNOTATION, PAUSE_UNTIL_ANNOTATION, PAUSED_BY_ANNOTATION,
};
use crate::adapters::error::AdapterError;

pub async fn suspend(
    handle: &FluxHandle,
    duration: Option<Duration>,
    reason: Option<&str>,
) -> Result<(FluxKustomization, String, Option<String>), AdapterError> {
    handle.fresh().await?;
    let actor = handle.actor().await?;
    let until = crate::engine::ops::pause_until(duration)
        .map_err(|e| AdapterError::refused(&handle.name(), e))?;
    let updated = handle
        .patch(&json!({
            "metadata": {"annotations": {
                PAUSED_BY_ANNOTATION: actor,
                PAUSE_REASON_ANNOTATION: reason,
                PAUSE_UNTIL_ANNOTATION: until,
            }},
            "spec": {"suspend": true}
        }))
        .await?;
    let details = match (&until, reason) {
        (Some(u), Some(r)) => format!("suspended until {u}: {r}"),
        (Some(u), None) => format!("suspended until {u}"),
        (None, Some(r)) => format!("suspended: {r}"),
        (None, None) => "suspended".into(),
    };
    handle.record(&actor, "suspend", None, details).await;
    Ok((updated, actor, until))
}

pub async fn resume(handle: &FluxHandle) -> Result<(FluxKustomization, String), AdapterError> {
    handle.fresh().await?;
    let actor = handle.actor().await?;
    let updated = handle
        .patch(&json!({
            "metadata": {"annotations": {
                PAUSED_BY_ANNOTATION: null,
                PAUSE_REASON_ANNOTATION: null,
                PAUSE_UNTIL_ANNOTATION: null,
                REQUESTED_AT_ANNOTATION: jiff::Timestamp::now().to_string(),
            }},
            "spec": {"suspend": false}
        }))
        .await?;
    handle
        .record(&actor, "resume", None, "suspend lifted".into())
        .await;
    Ok((updated, actor))
}
