//! Reconcile now, the way `flux reconcile kustomization --with-source`
//! does (flux2 `cmd/flux/reconcile.go`): set `reconcile.fluxcd.io/requestedAt`
//! on the GitRepository, wait until source-controller has handled that
//! request (`status.lastHandledReconcileAt` equals it) and judged the
//! current generation, then the same for the Kustomization. Flux refuses
//! nothing here; recon refuses a suspended object, as `flux reconcile` does,
//! since Flux would never handle the request.

use std::time::{Duration, Instant};

use serde_json::json;

use super::FluxHandle;
use super::model::{FluxCondition, FluxKustomization, REQUESTED_AT_ANNOTATION};
use crate::adapters::error::AdapterError;
use crate::cluster::typed;

const POLL: Duration = Duration::from_millis(500);

/// How a Kustomization's reconcile ended.
#[derive(Debug, Clone)]
pub struct Reconciled {
    pub ks: FluxKustomization,
    pub actor: String,
    /// `main@sha1:<sha>` as Flux reports it.
    pub applied_revision: Option<String>,
    /// Flux's message when Ready is False.
    pub failure: Option<String>,
}

/// The verdict on a request: Ready True/False at the current generation
/// after the request with `token` was handled; None while pending.
fn verdict<'a>(
    handled_at: Option<&str>,
    ready: Option<&'a FluxCondition>,
    token: &str,
) -> Option<&'a FluxCondition> {
    if handled_at != Some(token) {
        return None;
    }
    ready.filter(|c| c.status == "True" || c.status == "False")
}

fn annotation_patch(token: &str) -> serde_json::Value {
    json!({"metadata": {"annotations": {REQUESTED_AT_ANNOTATION: token}}})
}

fn timeout(handle: &FluxHandle, what: &str, limit: Duration) -> AdapterError {
    AdapterError::refused(
        &handle.name(),
        format!(
            "Flux did not handle the reconcile of {what} within {} s",
            limit.as_secs()
        ),
    )
}

pub async fn reconcile(handle: &FluxHandle, limit: Duration) -> Result<Reconciled, AdapterError> {
    let ks = handle.fresh().await?;
    if ks.spec.suspend {
        return Err(AdapterError::refused(
            &handle.name(),
            "the Kustomization is suspended, so Flux would not reconcile it (resume it first)",
        ));
    }
    let source = handle.source().await?;
    if source.spec.suspend {
        return Err(AdapterError::refused(
            &handle.name(),
            format!(
                "its source GitRepository {} is suspended",
                source.qualified_name()
            ),
        ));
    }
    let actor = handle.actor().await?;
    let started = Instant::now();
    let token = jiff::Timestamp::now().to_string();
    let (src_ns, src_name) = (source.namespace().to_string(), source.name().to_string());
    let src_label = format!("GitRepository {src_ns}/{src_name}");
    typed::merge_patch::<super::model::FluxGitRepository>(
        &handle.cluster,
        &src_ns,
        &src_name,
        &annotation_patch(&token),
    )
    .await
    .map_err(|e| AdapterError::cluster(&handle.name(), e))?;
    loop {
        let s = typed::get::<super::model::FluxGitRepository>(&handle.cluster, &src_ns, &src_name)
            .await
            .map_err(|e| AdapterError::cluster(&handle.name(), e))?
            .ok_or_else(|| AdapterError::refused(&handle.name(), format!("{src_label} is gone")))?;
        if let Some(c) = verdict(
            s.last_handled_reconcile_at(),
            s.current_condition("Ready"),
            &token,
        ) {
            if c.status == "False" {
                return Err(AdapterError::refused(
                    &handle.name(),
                    format!("{src_label} failed: {}", c.message),
                ));
            }
            break;
        }
        if started.elapsed() > limit {
            return Err(timeout(handle, &src_label, limit));
        }
        tokio::time::sleep(POLL).await;
    }
    handle.patch(&annotation_patch(&token)).await?;
    loop {
        let k = handle.fresh().await?;
        if let Some(c) = verdict(
            k.last_handled_reconcile_at(),
            k.current_condition("Ready"),
            &token,
        ) {
            let failure = (c.status == "False").then(|| c.message.clone());
            let applied_revision = k.last_applied_revision().map(str::to_string);
            let details = match &failure {
                Some(m) => format!("reconcile failed: {m}"),
                None => "reconciled".into(),
            };
            handle
                .record(&actor, "sync", applied_revision.as_deref(), details)
                .await;
            return Ok(Reconciled {
                ks: k,
                actor,
                applied_revision,
                failure,
            });
        }
        if started.elapsed() > limit {
            return Err(timeout(handle, "the Kustomization", limit));
        }
        tokio::time::sleep(POLL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready(status: &str) -> FluxCondition {
        FluxCondition {
            type_: "Ready".into(),
            status: status.into(),
            ..Default::default()
        }
    }

    #[test]
    fn only_a_handled_request_with_a_verdict_counts() {
        let t = "2026-12-02T01:00:00.123Z";
        assert!(verdict(Some("earlier"), Some(&ready("True")), t).is_none());
        assert!(verdict(Some(t), Some(&ready("Unknown")), t).is_none());
        assert!(verdict(Some(t), None, t).is_none());
        assert_eq!(
            verdict(Some(t), Some(&ready("False")), t).map(|c| c.status.as_str()),
            Some("False")
        );
    }
}
