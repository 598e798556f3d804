//! Every mutating action is recorded twice, naming the identity that acted:
//! as a Kubernetes Event on the Application (visible to `kubectl describe`)
//! and as one JSON line in a local audit journal. Neither ever holds a
//! Secret value: records carry object names, revisions and summaries only.

use std::io::Write;
use std::path::{Path, PathBuf};

use kube::Resource;
use kube::runtime::events::{Event, EventType, Recorder, Reporter};
use serde::Serialize;

use crate::cluster::Cluster;
use crate::engine::app::Application;

#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub time: String,
    pub actor: String,
    pub context: String,
    pub app: String,
    /// sync, suspend, resume, rollback-pin, rollback-revert.
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    pub result: AuditResult,
    pub details: String,
}

/// How the action ended. On disk `"result":"ok"` or
/// `"result":{"failed":"…"}`, so the journal stays readable with `jq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditResult {
    Ok,
    /// What failed: object names only, never a message that might echo a
    /// value.
    Failed(String),
}

impl AuditRecord {
    pub fn new(cluster: &Cluster, app: &Application, actor: &str, action: &str) -> Self {
        Self::named(cluster, &app.tracking_id(), actor, action)
    }

    /// For an app of any tool, named `<namespace>/<name>`.
    pub fn named(cluster: &Cluster, app: &str, actor: &str, action: &str) -> Self {
        Self {
            time: jiff::Timestamp::now().to_string(),
            actor: actor.to_string(),
            context: cluster.context.clone(),
            app: app.to_string(),
            action: action.to_string(),
            revision: None,
            result: AuditResult::Ok,
            details: String::new(),
        }
    }
}

/// `$RECON_AUDIT_LOG`, else `<XDG state dir>/recon/audit.jsonl`.
pub fn journal_path() -> PathBuf {
    if let Some(p) = std::env::var_os("RECON_AUDIT_LOG") {
        return PathBuf::from(p);
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("recon")
        .join("audit.jsonl")
}

/// Appends the record to the journal and publishes the Event. A failure to
/// record is logged, never fatal: the action itself already happened.
pub async fn record(cluster: &Cluster, app: &Application, rec: &AuditRecord) {
    record_on(cluster, &app.object_ref(&()), rec).await
}

/// As `record`, with the Event on any object (another tool's Application).
pub async fn record_on(
    cluster: &Cluster,
    object: &k8s_openapi::api::core::v1::ObjectReference,
    rec: &AuditRecord,
) {
    append_journal(rec);
    let note = format!("{} by {}: {}", rec.action, rec.actor, rec.details);
    let warning = matches!(rec.result, AuditResult::Failed(_));
    publish_event(
        cluster,
        object,
        &rec.actor,
        warning,
        event_reason(&rec.action),
        &rec.action,
        &note,
    )
    .await;
}

/// Publishes one Kubernetes Event on `object` (logged, never fatal).
pub async fn publish_event(
    cluster: &Cluster,
    object: &k8s_openapi::api::core::v1::ObjectReference,
    actor: &str,
    warning: bool,
    reason: &str,
    action: &str,
    note: &str,
) {
    let reporter = Reporter {
        controller: "recon".into(),
        instance: Some(actor.to_string()),
    };
    let recorder = Recorder::new(cluster.client.clone(), reporter);
    let event = Event {
        type_: if warning {
            EventType::Warning
        } else {
            EventType::Normal
        },
        reason: reason.into(),
        // Events cap the note at 1 KiB.
        note: Some(note.chars().take(1000).collect()),
        action: action.into(),
        secondary: None,
    };
    if let Err(e) = recorder.publish(&event, object).await {
        let name = object.name.as_deref().unwrap_or_default();
        tracing::warn!(error = %e, object = %name, "cannot record the Kubernetes Event");
    }
}

fn append(rec: &AuditRecord) -> std::io::Result<()> {
    append_to(&journal_path(), rec)
}

/// Only the journal, no Event: for records made when the cluster may be
/// what went away (an action interrupted on the way out).
pub fn append_journal(rec: &AuditRecord) {
    if let Err(e) = append(rec) {
        tracing::warn!(error = %e, path = %journal_path().display(), "cannot write the audit journal");
    }
}

/// One JSON line appended to the journal at `path`. A new journal is
/// created readable by its owner only (0600): it names who did what where.
fn append_to(path: &Path, rec: &AuditRecord) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_vec(rec).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(&line)
}

fn event_reason(action: &str) -> &'static str {
    match action {
        "sync" => "Synced",
        "suspend" => "Suspended",
        "resume" => "Resumed",
        "rollback-pin" => "RolledBack",
        "rollback-revert" => "Reverted",
        "refresh" => "Refreshed",
        _ => "Action",
    }
}

#[cfg(test)]
mod tests {
    use super::{AuditRecord, AuditResult, append_to};

    fn record() -> AuditRecord {
        AuditRecord {
            time: "2026-01-01T00:00:00Z".into(),
            actor: "op@host".into(),
            context: "prod".into(),
            app: "recon/api".into(),
            action: "sync".into(),
            revision: None,
            result: AuditResult::Ok,
            details: String::new(),
        }
    }

    #[test]
    fn a_new_journal_is_readable_by_its_owner_only() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("state/recon/audit.jsonl");
        append_to(&path, &record())?;
        append_to(&path, &record())?;
        let mode = std::fs::metadata(&path)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        let text = std::fs::read_to_string(&path)?;
        assert_eq!(text.lines().count(), 2, "{text}");
        Ok(())
    }

    #[test]
    fn results_read_plainly_in_the_journal() {
        let json = |r: &AuditResult| serde_json::to_string(r).unwrap_or_default();
        assert_eq!(json(&AuditResult::Ok), r#""ok""#);
        assert_eq!(
            json(&AuditResult::Failed("Deployment shop/web".into())),
            r#"{"failed":"Deployment shop/web"}"#
        );
    }
}
