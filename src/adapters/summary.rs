//! One app of any tool as a list shows it: the same fields whatever the
//! tool, filled from what that tool's own object says. Only what a row
//! needs is kept, never the whole object.

use serde::Serialize;

use super::tool::Tool;
use crate::engine::app::Application;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSummary {
    pub tool: Tool,
    /// The kubeconfig context the app object lives in.
    pub context: String,
    pub namespace: String,
    pub name: String,
    /// The tool's own words: Synced, OutOfSync, Unknown…
    pub sync: String,
    pub health: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub health_message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub target_revision: String,
    pub repo_url: String,
    pub path: String,
    /// New commits are applied without anyone asking.
    pub auto_sync: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused: Option<PauseSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<String>,
    /// An operation the tool is running, e.g. "Running sync to 1a2b3c4".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Where the objects go when that is another cluster than the app's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The kubeconfig context that reaches `destination`, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_context: Option<String>,
    /// RFC 3339 of the last deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl AppSummary {
    /// `context/namespace/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}/{}", self.context, self.namespace, self.name)
    }
}

fn or_unknown(s: &str) -> String {
    if s.is_empty() {
        "Unknown".into()
    } else {
        s.to_string()
    }
}

/// A recon Application as a row.
pub fn of_recon(context: &str, app: &Application, now: jiff::Timestamp) -> AppSummary {
    let status = app.status.clone().unwrap_or_default();
    AppSummary {
        tool: Tool::Recon,
        context: context.to_string(),
        namespace: app.metadata.namespace.clone().unwrap_or_default(),
        name: app.metadata.name.clone().unwrap_or_default(),
        sync: or_unknown(&status.sync.status),
        health: or_unknown(&status.health.status),
        health_message: status.health.message.clone(),
        revision: status.sync.revision.clone(),
        subject: status.sync.subject.clone(),
        target_revision: app.spec.source.target_revision.clone(),
        repo_url: crate::git::redact_url(&app.spec.source.repo_url),
        path: app.spec.source.path.clone(),
        auto_sync: app.spec.sync_policy.automated,
        paused: app.is_suspended_at(now).then(|| PauseSummary {
            until: app.spec.suspend_until.clone(),
            reason: app.spec.suspend_reason.clone(),
            by: app.spec.suspended_by.clone(),
        }),
        pinned: status.pinned_revision.clone(),
        operation: None,
        destination: None,
        destination_context: None,
        last_sync: status.history.first().map(|h| h.deployed_at.clone()),
        created: app
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| t.0.to_string()),
    }
}
