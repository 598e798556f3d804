//! An Argo CD Application as a row: Argo CD's own sync status, health,
//! revision, whether auto-sync is on, and the operation it is running.

use super::model::{ArgoApp, IN_CLUSTER_SERVER};
use super::pause::{PAUSE_REASON_ANNOTATION, PAUSE_UNTIL_ANNOTATION, PAUSED_BY_ANNOTATION};
use crate::adapters::summary::{AppSummary, PauseSummary};
use crate::adapters::tool::Tool;
use crate::text::short_sha;

fn or_unknown(s: &str) -> String {
    if s.is_empty() {
        "Unknown".into()
    } else {
        s.to_string()
    }
}

/// The destination when it is another cluster than the one Argo CD runs in.
pub fn remote_destination(app: &ArgoApp) -> Option<String> {
    let d = &app.spec.destination;
    match (d.server.as_deref(), d.name.as_deref()) {
        (Some(s), _) if s != IN_CLUSTER_SERVER => Some(s.to_string()),
        (None, Some(n)) if n != "in-cluster" => Some(n.to_string()),
        _ => None,
    }
}

/// What the row says about Argo CD's operation: one requested or running,
/// or the last one when it failed.
pub fn operation_text(app: &ArgoApp) -> Option<String> {
    let state = app.operation_state();
    if let Some(s) = state.filter(|s| s.running()) {
        let rev = s
            .operation
            .pointer("/sync/revision")
            .and_then(|v| v.as_str())
            .map(|r| format!(" to {}", short_sha(r)))
            .unwrap_or_default();
        return Some(format!("{} sync{rev}", s.phase));
    }
    if app.operation.is_some() {
        return Some("sync requested".into());
    }
    state
        .filter(|s| matches!(s.phase.as_str(), "Failed" | "Error"))
        .map(|s| format!("last sync {}: {}", s.phase, s.message))
}

pub fn summarize(context: &str, app: &ArgoApp) -> AppSummary {
    let status = app.status.clone().unwrap_or_default();
    let source = app.primary_source();
    let paused = (app.has_automated() && !app.auto_sync()).then(|| PauseSummary {
        until: app.annotation(PAUSE_UNTIL_ANNOTATION).map(str::to_string),
        reason: app.annotation(PAUSE_REASON_ANNOTATION).map(str::to_string),
        by: app.annotation(PAUSED_BY_ANNOTATION).map(str::to_string),
    });
    AppSummary {
        tool: Tool::ArgoCd,
        context: context.to_string(),
        namespace: app.namespace().to_string(),
        name: app.name().to_string(),
        sync: or_unknown(&status.sync.status),
        health: or_unknown(&status.health.status),
        health_message: status.health.message.clone().unwrap_or_default(),
        // What runs: the last deployment, else what Argo CD compared against.
        revision: status
            .history
            .last()
            .map(|h| h.revision.clone())
            .or_else(|| status.sync.revision.clone())
            .filter(|r| !r.is_empty()),
        subject: None,
        target_revision: source
            .and_then(|s| s.target_revision.clone())
            .unwrap_or_else(|| "HEAD".into()),
        repo_url: source
            .map(|s| crate::git::redact_url(&s.repo_url))
            .unwrap_or_default(),
        path: source.and_then(|s| s.path.clone()).unwrap_or_default(),
        auto_sync: app.auto_sync(),
        paused,
        pinned: None,
        operation: operation_text(app),
        destination: remote_destination(app),
        destination_context: None,
        last_sync: status.history.last().map(|h| h.deployed_at.clone()),
        created: app
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| t.0.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(json: serde_json::Value) -> ArgoApp {
        serde_json::from_value(json).expect("app")
    }

    #[test]
    fn row_shows_argo_cds_status_and_a_running_operation() {
        let a = app(serde_json::json!({
            "metadata": {"name": "web", "namespace": "argocd"},
            "spec": {
                "source": {"repoURL": "https://u:tok@git.example/x.git", "path": "web", "targetRevision": "main"},
                "destination": {"server": "https://10.0.0.9:6443", "namespace": "web"},
                "syncPolicy": {"automated": {"prune": true}}
            },
            "status": {
                "sync": {"status": "OutOfSync", "revision": "0123456789abcdef"},
                "health": {"status": "Progressing"},
                "operationState": {"phase": "Running", "operation": {"sync": {"revision": "fedcba9876543210"}}}
            }
        }));
        let s = summarize("ops", &a);
        assert_eq!(s.tool, Tool::ArgoCd);
        assert_eq!(
            (s.sync.as_str(), s.health.as_str()),
            ("OutOfSync", "Progressing")
        );
        assert!(s.auto_sync && s.paused.is_none());
        assert_eq!(s.operation.as_deref(), Some("Running sync to fedcba9"));
        assert_eq!(s.destination.as_deref(), Some("https://10.0.0.9:6443"));
        assert!(!s.repo_url.contains("tok"), "{}", s.repo_url);
    }

    #[test]
    fn auto_sync_turned_off_reads_as_paused_with_who_and_why() {
        let a = app(serde_json::json!({
            "metadata": {"name": "web", "namespace": "argocd", "annotations": {
                PAUSED_BY_ANNOTATION: "alice", PAUSE_REASON_ANNOTATION: "migration"}},
            "spec": {"destination": {"server": IN_CLUSTER_SERVER},
                     "syncPolicy": {"automated": {"enabled": false, "selfHeal": true}}}
        }));
        let s = summarize("ops", &a);
        assert!(!s.auto_sync);
        let p = s.paused.expect("paused");
        assert_eq!(
            (p.by.as_deref(), p.reason.as_deref()),
            (Some("alice"), Some("migration"))
        );
        assert_eq!(s.destination, None);
        assert_eq!(s.sync, "Unknown");
    }
}
