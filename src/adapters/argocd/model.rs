//! Argo CD's `Application` (argoproj.io/v1alpha1), as much of it as recon
//! reads. Field names and meanings follow Argo CD v3's
//! `pkg/apis/application/v1alpha1/types.go`. recon never writes this struct
//! back whole: every change is a merge patch of the fields it means to set,
//! so the fields it does not model are never lost.

use std::borrow::Cow;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Resource;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const GROUP: &str = "argoproj.io";
pub const VERSION: &str = "v1alpha1";
/// Argo CD's controller removes this annotation once it has refreshed the app
/// (`pkg/apis/application/v1alpha1/types.go`: AnnotationKeyRefresh).
pub const REFRESH_ANNOTATION: &str = "argocd.argoproj.io/refresh";
/// `spec.destination.server` of the cluster Argo CD itself runs in.
pub const IN_CLUSTER_SERVER: &str = "https://kubernetes.default.svc";

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoApp {
    /// Read without `managedFields`: the console watches these by the
    /// thousand, and recon never writes an ArgoApp back whole.
    #[serde(
        default,
        deserialize_with = "crate::cluster::lean_meta::without_managed_fields"
    )]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ArgoSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArgoStatus>,
    /// A requested operation; the controller clears it when it is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Value>,
}

impl Resource for ArgoApp {
    type DynamicType = ();
    type Scope = k8s_openapi::NamespaceResourceScope;

    fn kind(_: &()) -> Cow<'_, str> {
        "Application".into()
    }
    fn group(_: &()) -> Cow<'_, str> {
        GROUP.into()
    }
    fn version(_: &()) -> Cow<'_, str> {
        VERSION.into()
    }
    fn plural(_: &()) -> Cow<'_, str> {
        "applications".into()
    }
    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ArgoSource>,
    /// Multi-source apps (`spec.sources`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ArgoSource>,
    #[serde(default)]
    pub destination: ArgoDestination,
    #[serde(default)]
    pub project: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_policy: Option<ArgoSyncPolicy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore_differences: Vec<ArgoIgnoreDifference>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoSource {
    #[serde(rename = "repoURL", default)]
    pub repo_url: String,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub target_revision: Option<String>,
    /// Set for a Helm chart from a chart repository (not a Git path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helm: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kustomize: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plugin: Option<Value>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoDestination {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoSyncPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated: Option<ArgoAutomated>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sync_options: Vec<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoAutomated {
    #[serde(default)]
    pub prune: bool,
    #[serde(default)]
    pub self_heal: bool,
    /// `false` turns automated sync off while keeping prune/selfHeal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoIgnoreDifference {
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub json_pointers: Vec<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoStatus {
    #[serde(default)]
    pub sync: ArgoSyncStatus,
    #[serde(default)]
    pub health: ArgoHealth,
    #[serde(default)]
    pub resources: Vec<ArgoResource>,
    #[serde(default)]
    pub history: Vec<ArgoRevisionHistory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_state: Option<ArgoOperationState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciled_at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ArgoCondition>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoSyncStatus {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub revision: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoHealth {
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoResource {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub namespace: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: String,
    /// Absent unless the controller runs with `--persist-resource-health`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<ArgoHealth>,
    #[serde(default)]
    pub requires_pruning: bool,
    #[serde(default)]
    pub sync_wave: i64,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoRevisionHistory {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub revision: String,
    #[serde(default)]
    pub deployed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_started_at: Option<String>,
    #[serde(default)]
    pub initiated_by: ArgoInitiator,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ArgoSource>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoInitiator {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default)]
    pub automated: bool,
}

impl ArgoInitiator {
    pub fn describe(&self) -> String {
        match (&self.username, self.automated) {
            (Some(u), _) if !u.is_empty() => u.clone(),
            (_, true) => "automated (Argo CD)".into(),
            _ => "unknown".into(),
        }
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoOperationState {
    #[serde(default)]
    pub operation: Value,
    /// Running, Terminating, Failed, Error or Succeeded.
    #[serde(default)]
    pub phase: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_result: Option<ArgoSyncResult>,
    #[serde(default)]
    pub started_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
}

impl ArgoOperationState {
    /// Whether the operation is still going (`synccommon.OperationPhase.Completed`).
    pub fn running(&self) -> bool {
        matches!(self.phase.as_str(), "Running" | "Terminating")
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoSyncResult {
    #[serde(default)]
    pub revision: String,
    #[serde(default)]
    pub resources: Vec<ArgoResourceResult>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ArgoResourceResult {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub namespace: String,
    #[serde(default)]
    pub name: String,
    /// Synced, SyncFailed, Pruned, PruneSkipped.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct ArgoCondition {
    #[serde(rename = "type", default)]
    pub type_: String,
    #[serde(default)]
    pub message: String,
}

impl ArgoApp {
    pub fn name(&self) -> &str {
        self.metadata.name.as_deref().unwrap_or_default()
    }

    pub fn namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or_default()
    }

    /// `<namespace>/<name>`.
    pub fn qualified_name(&self) -> String {
        format!("{}/{}", self.namespace(), self.name())
    }

    /// The one Git source recon can render (the first of `spec.sources`).
    pub fn primary_source(&self) -> Option<&ArgoSource> {
        self.spec.source.as_ref().or(self.spec.sources.first())
    }

    /// As Argo CD decides it: `automated != nil && (enabled == nil || *enabled)`
    /// (`SyncPolicy.IsAutomatedSyncEnabled`, types.go).
    pub fn auto_sync(&self) -> bool {
        self.spec
            .sync_policy
            .as_ref()
            .and_then(|p| p.automated.as_ref())
            .is_some_and(|a| a.enabled.unwrap_or(true))
    }

    /// Whether automated sync is configured at all (on or paused).
    pub fn has_automated(&self) -> bool {
        self.spec
            .sync_policy
            .as_ref()
            .is_some_and(|p| p.automated.is_some())
    }

    pub fn operation_state(&self) -> Option<&ArgoOperationState> {
        self.status.as_ref()?.operation_state.as_ref()
    }

    /// An operation is requested or still running: a new one would be refused
    /// by Argo CD's own API (`util/argo/argo.go` SetAppOperation).
    pub fn operation_in_progress(&self) -> bool {
        self.operation.is_some() || self.operation_state().is_some_and(|o| o.running())
    }

    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.metadata
            .annotations
            .as_ref()?
            .get(key)
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(policy: Value) -> ArgoApp {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "argocd"},
            "spec": {"destination": {}, "syncPolicy": policy}
        }))
        .expect("app")
    }

    #[test]
    fn auto_sync_follows_argo_cds_rule() {
        assert!(app(serde_json::json!({"automated": {}})).auto_sync());
        assert!(app(serde_json::json!({"automated": {"enabled": true}})).auto_sync());
        assert!(!app(serde_json::json!({"automated": {"enabled": false}})).auto_sync());
        assert!(!app(serde_json::json!({})).auto_sync());
        assert!(app(serde_json::json!({"automated": {"enabled": false}})).has_automated());
    }

    #[test]
    fn unknown_fields_are_ignored_and_operation_is_read() {
        let a: ArgoApp = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "argocd"},
            "spec": {"destination": {"server": IN_CLUSTER_SERVER}, "somethingNew": 1},
            "operation": {"sync": {"revision": "abc"}},
            "status": {"operationState": {"phase": "Succeeded"}, "health": {"status": "Healthy"}}
        }))
        .expect("app");
        assert!(a.operation_in_progress());
        assert_eq!(
            a.status.as_ref().map(|s| s.health.status.as_str()),
            Some("Healthy")
        );
    }
}
