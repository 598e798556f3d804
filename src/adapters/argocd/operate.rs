//! Sync and roll back the Argo CD way: write `operation.sync` on the
//! Application, which Argo CD's controller picks up
//! (`controller/appcontroller.go` processRequestedAppOperation) and clears
//! when done, then follow `status.operationState` until it ends.
//! As Argo CD's own API does (`util/argo/argo.go` SetAppOperation), a new
//! operation is refused while one is set, the previous operationState is
//! cleared, and the write is conditional on the resourceVersion read.

use std::time::Duration;

use serde_json::{Value, json};

use super::ArgoHandle;
use super::model::{ArgoApp, ArgoOperationState, ArgoResourceResult};
use crate::adapters::error::AdapterError;
use crate::text::short_sha;

#[derive(Debug, Clone, Default)]
pub struct SyncSpec {
    /// A commit, branch or tag; the app's target revision when `None`.
    pub revision: Option<String>,
    pub prune: bool,
    /// Replace objects that cannot be patched (Argo CD's `--force`).
    pub force: bool,
    /// Shown in Argo CD as the operation's info.
    pub reason: String,
}

/// The `operation` Argo CD's Sync API would write for the same request
/// (`server/application/application.go` Sync): the app's own sync options
/// and retry, `initiatedBy` naming the identity.
pub fn operation(app: &ArgoApp, spec: &SyncSpec, actor: &str) -> Value {
    let sync_options = app
        .spec
        .sync_policy
        .as_ref()
        .map(|p| p.sync_options.clone())
        .unwrap_or_default();
    let mut sync = json!({
        "prune": spec.prune,
        "syncStrategy": {"hook": {"force": spec.force}},
    });
    if let Some(rev) = &spec.revision {
        sync["revision"] = json!(rev);
    }
    if !sync_options.is_empty() {
        sync["syncOptions"] = json!(sync_options);
    }
    json!({
        "initiatedBy": {"username": actor},
        "info": [{"name": "Reason", "value": spec.reason}],
        "sync": sync,
    })
}

/// Requests the sync; returns the Application as written and who acted.
pub async fn request_sync(
    handle: &ArgoHandle,
    spec: &SyncSpec,
    action: &str,
) -> Result<(ArgoApp, String), AdapterError> {
    let app = handle.fresh().await?;
    if app.operation_in_progress() {
        let what = app
            .operation_state()
            .filter(|s| s.running())
            .map(|s| format!("{}: {}", s.phase, s.message))
            .unwrap_or_else(|| "an operation is requested".into());
        return Err(AdapterError::OperationInProgress {
            app: handle.name(),
            what,
        });
    }
    let actor = handle.actor().await?;
    let patch = json!({
        // Conditional: a concurrent change makes the API server answer 409.
        "metadata": {"resourceVersion": app.metadata.resource_version},
        "operation": operation(&app, spec, &actor),
        "status": {"operationState": null},
    });
    let written = handle.patch(&patch).await?;
    let rev = spec
        .revision
        .as_deref()
        .map(short_sha)
        .unwrap_or_else(|| "target".into());
    handle
        .record(
            &actor,
            action,
            spec.revision.as_deref(),
            format!(
                "Argo CD sync requested to {rev} (prune {}, force {})",
                spec.prune, spec.force
            ),
        )
        .await;
    Ok((written, actor))
}

/// Follows the operation until Argo CD ends it, calling `on_result` once
/// for each resource result as it appears. The final state is returned
/// whatever its phase; an operation that does not end in `timeout` is an error.
pub async fn wait_operation(
    handle: &ArgoHandle,
    timeout: Duration,
    on_result: &mut (dyn FnMut(&ArgoResourceResult) + Send),
) -> Result<ArgoOperationState, AdapterError> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut reported = 0usize;
    let mut phase = String::from("requested");
    loop {
        let app = handle.fresh().await?;
        if let Some(state) = app.operation_state() {
            phase = state.phase.clone();
            if let Some(result) = &state.sync_result {
                for r in result.resources.iter().skip(reported) {
                    on_result(r);
                }
                reported = reported.max(result.resources.len());
            }
            if app.operation.is_none() && !state.running() && !state.phase.is_empty() {
                return Ok(state.clone());
            }
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(AdapterError::OperationTimeout {
                app: handle.name(),
                seconds: timeout.as_secs(),
                phase,
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// A finished operation in one line: `Argo CD Succeeded at 1a2b3c4 (asked
/// by alice): successfully synced (all tasks run)`.
pub fn outcome_line(state: &ArgoOperationState, actor: &str) -> String {
    let rev = state
        .sync_result
        .as_ref()
        .map(|r| crate::text::short_sha(&r.revision))
        .unwrap_or_default();
    format!(
        "Argo CD {} at {rev} (asked by {actor}): {}",
        state.phase, state.message
    )
}

/// A finished operation as an error unless it Succeeded.
pub fn succeeded(handle: &ArgoHandle, state: &ArgoOperationState) -> Result<(), AdapterError> {
    if state.phase == "Succeeded" {
        Ok(())
    } else {
        Err(AdapterError::OperationFailed {
            app: handle.name(),
            phase: state.phase.clone(),
            message: state.message.clone(),
        })
    }
}

/// Rollback as `argocd app rollback` does (`server/application/application.go`
/// Rollback): refused while auto-sync is on, so recon turns auto-sync off
/// first (recording who and why), then syncs to the chosen revision.
pub async fn request_rollback(
    handle: &ArgoHandle,
    revision: &str,
    prune: bool,
) -> Result<(ArgoApp, String), AdapterError> {
    let app = handle.fresh().await?;
    if app.operation_in_progress() {
        return Err(AdapterError::OperationInProgress {
            app: handle.name(),
            what: "an operation is requested or running".into(),
        });
    }
    if app.auto_sync() {
        let reason = format!("rolled back to {}", short_sha(revision));
        super::pause::pause(handle, None, Some(&reason)).await?;
    }
    let spec = SyncSpec {
        revision: Some(revision.to_string()),
        prune,
        force: false,
        reason: format!("recon rollback to {}", short_sha(revision)),
    };
    request_sync(handle, &spec, "rollback").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_carries_revision_prune_force_and_the_apps_sync_options() {
        let app: ArgoApp = serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "argocd"},
            "spec": {"destination": {}, "syncPolicy": {"syncOptions": ["CreateNamespace=true"]}}
        }))
        .expect("app");
        let op = operation(
            &app,
            &SyncSpec {
                revision: Some("abc".into()),
                prune: true,
                force: true,
                reason: "r".into(),
            },
            "alice",
        );
        assert_eq!(op["initiatedBy"]["username"], "alice");
        assert_eq!(op["sync"]["revision"], "abc");
        assert_eq!(op["sync"]["prune"], true);
        assert_eq!(op["sync"]["syncStrategy"]["hook"]["force"], true);
        assert_eq!(op["sync"]["syncOptions"][0], "CreateNamespace=true");
        let no_rev = operation(&app, &SyncSpec::default(), "bob");
        assert!(no_rev["sync"].get("revision").is_none());
    }
}
