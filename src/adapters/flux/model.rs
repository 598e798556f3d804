//! Flux's `Kustomization` (kustomize.toolkit.fluxcd.io/v1) and
//! `GitRepository` (source.toolkit.fluxcd.io/v1), as much of each as recon
//! reads. Field names follow kustomize-controller v1.9.6
//! `api/v1/kustomization_types.go` and source-controller v1.9.6
//! `api/v1/gitrepository_types.go`. recon never writes these structs back
//! whole: every change is a merge patch of the fields it means to set, so
//! the fields it does not model are never lost.

use std::borrow::Cow;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Resource;
use serde::{Deserialize, Serialize};

pub const KUSTOMIZE_GROUP: &str = "kustomize.toolkit.fluxcd.io";
pub const SOURCE_GROUP: &str = "source.toolkit.fluxcd.io";
pub const VERSION: &str = "v1";
/// `flux reconcile` sets this to ask for a reconcile now; the controller
/// copies the value to `status.lastHandledReconcileAt` once handled
/// (fluxcd/pkg apis/meta: ReconcileRequestAnnotation).
pub const REQUESTED_AT_ANNOTATION: &str = "reconcile.fluxcd.io/requestedAt";

/// One `metav1.Condition` as Flux writes it.
#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FluxCondition {
    #[serde(rename = "type", default)]
    pub type_: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
}

fn condition<'a>(conditions: &'a [FluxCondition], type_: &str) -> Option<&'a FluxCondition> {
    conditions.iter().find(|c| c.type_ == type_)
}

macro_rules! flux_resource {
    ($ty:ident, $kind:literal, $group:expr, $plural:literal) => {
        impl Resource for $ty {
            type DynamicType = ();
            type Scope = k8s_openapi::NamespaceResourceScope;

            fn kind(_: &()) -> Cow<'_, str> {
                $kind.into()
            }
            fn group(_: &()) -> Cow<'_, str> {
                $group.into()
            }
            fn version(_: &()) -> Cow<'_, str> {
                VERSION.into()
            }
            fn plural(_: &()) -> Cow<'_, str> {
                $plural.into()
            }
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }

        impl $ty {
            pub fn name(&self) -> &str {
                self.metadata.name.as_deref().unwrap_or_default()
            }
            pub fn namespace(&self) -> &str {
                self.metadata.namespace.as_deref().unwrap_or_default()
            }
            /// `namespace/name`.
            pub fn qualified_name(&self) -> String {
                format!("{}/{}", self.namespace(), self.name())
            }
            pub fn annotation(&self, key: &str) -> Option<&str> {
                self.metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(key))
                    .map(String::as_str)
            }
            /// The condition `type_` when Flux wrote it for the current
            /// generation: an older verdict says nothing of the spec now.
            pub fn current_condition(&self, type_: &str) -> Option<&FluxCondition> {
                let status = self.status.as_ref()?;
                let current = status.observed_generation.is_some()
                    && status.observed_generation == self.metadata.generation;
                condition(&status.conditions, type_).filter(|_| current)
            }
            pub fn condition(&self, type_: &str) -> Option<&FluxCondition> {
                condition(&self.status.as_ref()?.conditions, type_)
            }
            pub fn last_handled_reconcile_at(&self) -> Option<&str> {
                self.status.as_ref()?.last_handled_reconcile_at.as_deref()
            }
        }
    };
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct FluxKustomization {
    /// Read without `managedFields`: the console watches these by the thousand.
    #[serde(
        default,
        deserialize_with = "crate::cluster::lean_meta::without_managed_fields"
    )]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: KustomizationSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<KustomizationStatus>,
}

flux_resource!(
    FluxKustomization,
    "Kustomization",
    KUSTOMIZE_GROUP,
    "kustomizations"
);

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KustomizationSpec {
    #[serde(default)]
    pub suspend: bool,
    #[serde(default)]
    pub source_ref: SourceRef,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub interval: String,
    #[serde(default)]
    pub prune: bool,
    /// Sets the namespace of every namespaced object it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_namespace: Option<String>,
}

/// `spec.sourceRef`: the namespace defaults to the Kustomization's own.
#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct SourceRef {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KustomizationStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<FluxCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_applied_revision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempted_revision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_handled_reconcile_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inventory: Option<Inventory>,
    /// Snapshots of its last reconciles, newest first (fluxcd/pkg
    /// `apis/meta/history.go`; kustomize-controller puts the source
    /// revision in each one's metadata).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Snapshot>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    #[serde(default)]
    pub last_reconciled: String,
    #[serde(default)]
    pub last_reconciled_status: String,
    #[serde(default)]
    pub total_reconciliations: i64,
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct Inventory {
    #[serde(default)]
    pub entries: Vec<InventoryEntry>,
}

/// `id` is `<namespace>_<name>_<group>_<kind>`, `v` the version.
#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct InventoryEntry {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub v: String,
}

impl FluxKustomization {
    /// `namespace/name` of its source (the namespace defaults to its own).
    pub fn source_key(&self) -> (String, String) {
        let r = &self.spec.source_ref;
        let ns = r
            .namespace
            .clone()
            .unwrap_or_else(|| self.namespace().to_string());
        (ns, r.name.clone())
    }

    pub fn last_applied_revision(&self) -> Option<&str> {
        self.status
            .as_ref()?
            .last_applied_revision
            .as_deref()
            .filter(|r| !r.is_empty())
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct FluxGitRepository {
    /// Read without `managedFields`, as a Kustomization is.
    #[serde(
        default,
        deserialize_with = "crate::cluster::lean_meta::without_managed_fields"
    )]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: GitRepositorySpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<GitRepositoryStatus>,
}

flux_resource!(
    FluxGitRepository,
    "GitRepository",
    SOURCE_GROUP,
    "gitrepositories"
);

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct GitRepositorySpec {
    #[serde(default)]
    pub url: String,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<GitRef>,
    #[serde(default)]
    pub suspend: bool,
    #[serde(default)]
    pub interval: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct GitRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semver: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

impl GitRef {
    /// What the source follows, most specific first, as source-controller
    /// chooses (commit over name over semver over tag over branch).
    pub fn target(&self) -> Option<&str> {
        [
            &self.commit,
            &self.name,
            &self.semver,
            &self.tag,
            &self.branch,
        ]
        .into_iter()
        .find_map(|r| r.as_deref())
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GitRepositoryStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<FluxCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact: Option<Artifact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_handled_reconcile_at: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct Artifact {
    #[serde(default)]
    pub revision: String,
}

impl FluxGitRepository {
    pub fn artifact_revision(&self) -> Option<&str> {
        self.status
            .as_ref()?
            .artifact
            .as_ref()
            .map(|a| a.revision.as_str())
            .filter(|r| !r.is_empty())
    }
}

/// The commit of a Flux revision: `main@sha1:<sha>` (Flux v1), `sha1:<sha>`,
/// or the older `main/<sha>`; anything else as it is.
pub fn revision_sha(revision: &str) -> &str {
    if let Some((_, sha)) = revision.rsplit_once(':') {
        return sha;
    }
    match revision.rsplit_once('/') {
        Some((_, sha)) => sha,
        None => revision,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_in_every_flux_form_give_the_commit() {
        assert_eq!(revision_sha("main@sha1:0123abcd"), "0123abcd");
        assert_eq!(revision_sha("sha1:0123abcd"), "0123abcd");
        assert_eq!(revision_sha("main/0123abcd"), "0123abcd");
        assert_eq!(revision_sha("0123abcd"), "0123abcd");
    }

    #[test]
    fn an_old_generations_condition_is_not_current() {
        let ks: FluxKustomization = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "apps", "generation": 3},
            "spec": {"sourceRef": {"kind": "GitRepository", "name": "repo"}, "path": "./x"},
            "status": {"observedGeneration": 2,
                       "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded"}]}
        }))
        .expect("kustomization");
        assert!(ks.condition("Ready").is_some());
        assert!(ks.current_condition("Ready").is_none());
        assert_eq!(ks.source_key(), ("apps".into(), "repo".into()));
    }
}
