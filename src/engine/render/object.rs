//! A rendered manifest object and the identity used to match it with live objects.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One Kubernetes object produced by rendering an app's source.
#[derive(Clone, Debug, PartialEq)]
pub struct DesiredObject {
    /// Where the object came from: a repo-relative file path, or `kustomize:<path>`.
    pub source: String,
    /// 0-based index of the YAML document within `source` (List items share their List's index).
    pub doc_index: usize,
    /// The object itself, as JSON.
    pub object: Value,
}

impl DesiredObject {
    pub fn api_version(&self) -> Option<&str> {
        self.object.get("apiVersion").and_then(Value::as_str)
    }

    pub fn kind(&self) -> Option<&str> {
        self.object.get("kind").and_then(Value::as_str)
    }

    pub fn name(&self) -> Option<&str> {
        metadata_str(&self.object, "name")
    }

    /// The namespace, if set to a non-empty string.
    pub fn namespace(&self) -> Option<&str> {
        metadata_str(&self.object, "namespace").filter(|ns| !ns.is_empty())
    }

    /// The identity of the object. Rendering validates apiVersion, kind and name,
    /// so the empty-string fallbacks only apply to hand-built values.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::from_value(&self.object).unwrap_or_else(|| ObjectKey {
            group: group_of(self.api_version().unwrap_or_default()).to_string(),
            kind: self.kind().unwrap_or_default().to_string(),
            namespace: self.namespace().map(str::to_string),
            name: self.name().unwrap_or_default().to_string(),
        })
    }

    /// Human-readable location for error messages: `file (document N)`, N 1-based.
    pub fn location(&self) -> String {
        format!("{} (document {})", self.source, self.doc_index + 1)
    }
}

/// Identity of an object: group, kind, namespace (absent when cluster-scoped or unset) and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectKey {
    pub group: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl ObjectKey {
    /// Builds the key of any object (desired or live) that has apiVersion, kind and metadata.name.
    pub fn from_value(object: &Value) -> Option<ObjectKey> {
        let api_version = object.get("apiVersion").and_then(Value::as_str)?;
        let kind = object.get("kind").and_then(Value::as_str)?;
        let name = metadata_str(object, "name")?;
        let namespace = metadata_str(object, "namespace").filter(|ns| !ns.is_empty());
        Some(ObjectKey {
            group: group_of(api_version).to_string(),
            kind: kind.to_string(),
            namespace: namespace.map(str::to_string),
            name: name.to_string(),
        })
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.group.is_empty() {
            write!(f, "{}/", self.group)?;
        }
        write!(f, "{} ", self.kind)?;
        if let Some(namespace) = &self.namespace {
            write!(f, "{namespace}/")?;
        }
        write!(f, "{}", self.name)
    }
}

/// The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core).
pub fn group_of(api_version: &str) -> &str {
    match api_version.rsplit_once('/') {
        Some((group, _version)) => group,
        None => "",
    }
}

fn metadata_str<'a>(object: &'a Value, field: &str) -> Option<&'a str> {
    object.get("metadata")?.get(field)?.as_str()
}

/// Fills in the destination namespace for namespaced kinds that do not set one, and
/// removes any namespace from cluster-scoped kinds (the API server ignores it there,
/// so keeping it would make the object never match its live counterpart).
pub fn default_namespace(obj: &mut DesiredObject, ns: &str, is_namespaced: bool) {
    let Some(metadata) = obj
        .object
        .get_mut("metadata")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if !is_namespaced {
        metadata.remove("namespace");
        return;
    }
    let has_namespace = metadata
        .get("namespace")
        .and_then(Value::as_str)
        .is_some_and(|existing| !existing.is_empty());
    if !has_namespace {
        metadata.insert("namespace".to_string(), Value::String(ns.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn desired(object: Value) -> DesiredObject {
        DesiredObject {
            source: "app/x.yaml".to_string(),
            doc_index: 0,
            object,
        }
    }

    #[test]
    fn accessors_and_key_display() {
        let obj = desired(json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "shop"}
        }));
        assert_eq!(obj.api_version(), Some("apps/v1"));
        assert_eq!(obj.kind(), Some("Deployment"));
        assert_eq!(obj.name(), Some("web"));
        assert_eq!(obj.namespace(), Some("shop"));
        assert_eq!(obj.key().to_string(), "apps/Deployment shop/web");
        assert_eq!(obj.location(), "app/x.yaml (document 1)");
    }

    #[test]
    fn core_group_and_cluster_scoped_display() {
        let svc = desired(json!({"apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "web", "namespace": "shop"}}));
        assert_eq!(svc.key().to_string(), "Service shop/web");
        let role = desired(json!({"apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole", "metadata": {"name": "reader"}}));
        assert_eq!(
            role.key().to_string(),
            "rbac.authorization.k8s.io/ClusterRole reader"
        );
        assert_eq!(role.key().namespace, None);
    }

    #[test]
    fn empty_namespace_counts_as_absent() {
        let obj = desired(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c", "namespace": ""}}));
        assert_eq!(obj.namespace(), None);
        assert_eq!(obj.key().namespace, None);
    }

    #[test]
    fn default_namespace_fills_only_missing_and_strips_cluster_scoped() {
        let mut missing = desired(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c"}}));
        default_namespace(&mut missing, "dest", true);
        assert_eq!(missing.namespace(), Some("dest"));

        let mut explicit = desired(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c", "namespace": "mine"}}));
        default_namespace(&mut explicit, "dest", true);
        assert_eq!(explicit.namespace(), Some("mine"));

        let mut cluster = desired(json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "n", "namespace": "oops"}}));
        default_namespace(&mut cluster, "dest", false);
        assert_eq!(cluster.namespace(), None);
        assert!(cluster.object["metadata"].get("namespace").is_none());
    }
}
