//! The `Application` custom resource (`applications.recon.dev/v1alpha1`).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Annotation every applied object carries: `<namespace>/<name>` of its Application.
/// Prune only ever deletes objects whose annotation names this app.
pub const TRACKING_ANNOTATION: &str = "recon.dev/tracking-id";
/// Hash of the exact configuration recon last applied to an object. Lets
/// drift skip the dry run when nothing can have changed (see drift.rs).
/// Never set on Secrets: a fast hash over a secret value can be brute-forced.
pub const CONFIG_HASH_ANNOTATION: &str = "recon.dev/config-hash";
/// Ordering of objects within a sync (lower first; default 0).
pub const SYNC_WAVE_ANNOTATION: &str = "recon.dev/sync-wave";
/// The field manager of every server-side apply recon does (owned by the
/// cluster layer, which does the applying).
pub use crate::cluster::FIELD_MANAGER;
/// Finalizer of an Application whose deletion deletes its objects first.
pub const CASCADE_FINALIZER: &str = "recon.dev/cascade-delete";
/// Namespace `recon install` creates for Applications.
pub const SYSTEM_NAMESPACE: &str = "recon-system";
/// How many history entries the status keeps.
pub const HISTORY_LIMIT: usize = 10;

#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "recon.dev",
    version = "v1alpha1",
    kind = "Application",
    namespaced,
    status = "ApplicationStatus",
    shortname = "rapp",
    printcolumn = r#"{"name":"Sync","type":"string","jsonPath":".status.sync.status"}"#,
    printcolumn = r#"{"name":"Health","type":"string","jsonPath":".status.health.status"}"#,
    printcolumn = r#"{"name":"Revision","type":"string","jsonPath":".status.sync.revision"}"#,
    printcolumn = r#"{"name":"Suspended","type":"boolean","jsonPath":".spec.suspend"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSpec {
    pub source: Source,
    #[serde(default)]
    pub destination: Destination,
    #[serde(default)]
    pub sync_policy: SyncPolicy,
    /// Pause reconciliation: the agent leaves the app alone (drift is still reported).
    #[serde(default)]
    pub suspend: bool,
    /// RFC 3339 time after which a pause counts as over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend_reason: Option<String>,
    /// Identity that paused the app (recorded by recon, from SelfSubjectReview).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_by: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore_differences: Vec<IgnoreDifference>,
    /// Deleting the Application deletes the objects it tracks too (through
    /// the `recon.dev/cascade-delete` finalizer, honoured by the agent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cascade_delete: bool,
    /// How often the agent checks Git for this app (e.g. "30s", "5m");
    /// the agent's `--interval` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// https, ssh, git:// or file:// URL of the Git repository.
    #[serde(rename = "repoURL")]
    pub repo_url: String,
    /// Branch, tag or commit; HEAD when empty.
    #[serde(default = "default_revision")]
    pub target_revision: String,
    /// Directory (or file) inside the repository.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub render: RenderKind,
    /// How `render: helm` runs `helm template` (Argo CD's field names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helm: Option<HelmSource>,
}

/// The chart is `path`; these say how to render it, as Argo CD's
/// `source.helm` does.
#[derive(Serialize, Deserialize, Clone, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HelmSource {
    /// Release name the templates see as `.Release.Name`; the app's name when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_name: Option<String>,
    /// Values files, relative to the chart directory, applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_files: Vec<String>,
    /// Inline values (a YAML document), applied after the values files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<String>,
}

/// Inline values may hold secrets: debug output shows only their size.
impl std::fmt::Debug for HelmSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HelmSource")
            .field("release_name", &self.release_name)
            .field("value_files", &self.value_files)
            .field(
                "values",
                &self.values.as_ref().map(|v| format!("<{} bytes>", v.len())),
            )
            .finish()
    }
}

fn default_revision() -> String {
    "HEAD".into()
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RenderKind {
    #[default]
    Plain,
    Kustomize,
    /// `helm template` on the chart at `path`.
    Helm,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    /// Namespace for namespaced objects that do not name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SyncPolicy {
    /// Apply new commits of the target revision automatically.
    #[serde(default)]
    pub automated: bool,
    /// Delete tracked objects that are no longer in Git.
    #[serde(default)]
    pub prune: bool,
    /// Undo drift made in the cluster.
    #[serde(default)]
    pub self_heal: bool,
}

/// Fields to leave out of drift, as users know them from Argo CD.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IgnoreDifference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default)]
    pub json_pointers: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationStatus {
    #[serde(default)]
    pub sync: SyncState,
    #[serde(default)]
    pub health: HealthState,
    /// Set by a rollback (pin): the agent holds this revision until resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_revision: Option<String>,
    /// Newest first, at most HISTORY_LIMIT entries.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default)]
    pub resources: Vec<ResourceState>,
    #[serde(default)]
    pub conditions: Vec<AppCondition>,
    /// When drift was last computed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciled_at: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// Synced, OutOfSync or Unknown.
    #[serde(default = "unknown")]
    pub status: String,
    /// Commit the cluster was last synced to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// That commit's subject line, for tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HealthState {
    #[serde(default = "unknown")]
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

fn unknown() -> String {
    "Unknown".into()
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub revision: String,
    /// RFC 3339.
    pub deployed_at: String,
    /// Identity that ran the sync or rollback.
    pub initiator: String,
    /// e.g. "sync: 3 created, 1 configured", "rollback (pin)", "failed: ...".
    pub result: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourceState {
    #[serde(default)]
    pub group: String,
    /// API version within the group (lets a later run find the object to prune).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
    /// Synced, OutOfSync, Missing, Extra.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AppCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<String>,
}

impl Application {
    /// `<namespace>/<name>`: the value of the tracking annotation.
    pub fn tracking_id(&self) -> String {
        format!(
            "{}/{}",
            self.metadata.namespace.as_deref().unwrap_or_default(),
            self.metadata.name.as_deref().unwrap_or_default()
        )
    }

    /// Whether the pause is in force at `now` (an expired `suspendUntil` means resumed).
    pub fn is_suspended_at(&self, now: jiff::Timestamp) -> bool {
        if !self.spec.suspend {
            return false;
        }
        match self
            .spec
            .suspend_until
            .as_deref()
            .map(str::parse::<jiff::Timestamp>)
        {
            Some(Ok(until)) => now < until,
            // An unreadable time must not silently unpause an app someone paused.
            _ => true,
        }
    }

    pub fn pinned_revision(&self) -> Option<&str> {
        self.status
            .as_ref()
            .and_then(|s| s.pinned_revision.as_deref())
    }
}
