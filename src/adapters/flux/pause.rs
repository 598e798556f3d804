//! Suspend and resume the Flux way: `spec.suspend` (flux2
//! `cmd/flux/suspend.go`, `resume.go`). Who suspended, why and until when
//! go in the same recon annotations the Argo CD adapter uses, since Flux
//! has no fields for them. Resume also asks for a reconcile, as
//! `flux resume` does, so the Kustomization catches up at once, and takes
//! off the pin a rollback put on its GitRepository.

use std::time::Duration;

use serde_json::json;

use super::FluxHandle;
use super::model::{FluxKustomization, REQUESTED_AT_ANNOTATION};
use crate::adapters::error::AdapterError;
use crate::adapters::pause_notes;

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
            "metadata": {"annotations": pause_notes::set(&actor, reason, until.as_deref())},
            "spec": {"suspend": true}
        }))
        .await?;
    let details = pause_notes::details("suspended", until.as_deref(), reason);
    handle.record(&actor, "suspend", None, details).await;
    Ok((updated, actor, until))
}

pub async fn resume(handle: &FluxHandle) -> Result<(FluxKustomization, String), AdapterError> {
    handle.fresh().await?;
    let actor = handle.actor().await?;
    let mut annotations = pause_notes::cleared();
    // As `flux resume`: reconcile at once, not at the next interval.
    annotations.insert(
        REQUESTED_AT_ANNOTATION.into(),
        jiff::Timestamp::now().to_string().into(),
    );
    let updated = handle
        .patch(&json!({
            "metadata": {"annotations": annotations},
            "spec": {"suspend": false}
        }))
        .await?;
    handle
        .record(&actor, "resume", None, "suspend lifted".into())
        .await;
    // A rollback pinned the source: resuming follows its ref again.
    super::pin::unpin(handle, &actor).await?;
    Ok((updated, actor))
}
