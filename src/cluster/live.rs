//! Reading and writing objects of any kind: get (404 is "absent", every other
//! failure is an error), server-side apply (optionally dry-run), delete, list.

use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams};
use kube::core::DynamicObject;
use serde_json::Value;

use super::FIELD_MANAGER;
use super::contexts::Cluster;
use super::error::ClusterError;
use super::resolver::Resolved;

fn api(cluster: &Cluster, r: &Resolved, namespace: Option<&str>) -> Api<DynamicObject> {
    match (r.namespaced, namespace) {
        (true, Some(ns)) => Api::namespaced_with(cluster.client.clone(), ns, &r.resource),
        (true, None) => Api::default_namespaced_with(cluster.client.clone(), &r.resource),
        (false, _) => Api::all_with(cluster.client.clone(), &r.resource),
    }
}

fn describe(r: &Resolved, namespace: Option<&str>, name: &str) -> String {
    let group = if r.resource.group.is_empty() {
        String::new()
    } else {
        format!("{}/", r.resource.group)
    };
    match namespace.filter(|_| r.namespaced) {
        Some(ns) => format!("{group}{} {ns}/{name}", r.resource.kind),
        None => format!("{group}{} {name}", r.resource.kind),
    }
}

fn to_value(obj: DynamicObject) -> Result<Value, serde_json::Error> {
    serde_json::to_value(obj)
}

fn encode_err(cluster: &Cluster, what: String, e: serde_json::Error) -> ClusterError {
    ClusterError::Other {
        context: cluster.context.clone(),
        what,
        message: e.to_string(),
    }
}

/// The live object, or None when the API server says 404.
pub async fn get(
    cluster: &Cluster,
    r: &Resolved,
    namespace: Option<&str>,
    name: &str,
) -> Result<Option<Value>, ClusterError> {
    let what = format!("get {}", describe(r, namespace, name));
    match cluster
        .call(what.clone(), api(cluster, r, namespace).get(name))
        .await
    {
        Ok(obj) => to_value(obj)
            .map(Some)
            .map_err(|e| encode_err(cluster, what, e)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ApplyOptions {
    pub force: bool,
    pub dry_run: bool,
}

/// Server-side apply with field manager `recon`; returns the object the
/// server stored (or, in dry-run, would store).
pub async fn apply(
    cluster: &Cluster,
    r: &Resolved,
    namespace: Option<&str>,
    name: &str,
    object: &Value,
    opts: ApplyOptions,
) -> Result<Value, ClusterError> {
    let verb = if opts.dry_run {
        "dry-run apply"
    } else {
        "apply"
    };
    let what = format!("{verb} {}", describe(r, namespace, name));
    let mut params = PatchParams::apply(FIELD_MANAGER);
    params.force = opts.force;
    params.dry_run = opts.dry_run;
    let obj = cluster
        .call(
            what.clone(),
            api(cluster, r, namespace).patch(name, &params, &Patch::Apply(object)),
        )
        .await?;
    to_value(obj).map_err(|e| encode_err(cluster, what, e))
}

/// A JSON merge patch of one object of any kind.
pub async fn merge_patch(
    cluster: &Cluster,
    r: &Resolved,
    namespace: Option<&str>,
    name: &str,
    patch: &Value,
) -> Result<Value, ClusterError> {
    let what = format!("patch {}", describe(r, namespace, name));
    let obj = cluster
        .call(
            what.clone(),
            api(cluster, r, namespace).patch(name, &PatchParams::default(), &Patch::Merge(patch)),
        )
        .await?;
    to_value(obj).map_err(|e| encode_err(cluster, what, e))
}

/// Deletes with background propagation; an object already gone is fine.
pub async fn delete(
    cluster: &Cluster,
    r: &Resolved,
    namespace: Option<&str>,
    name: &str,
) -> Result<(), ClusterError> {
    let what = format!("delete {}", describe(r, namespace, name));
    match cluster
        .call(
            what,
            api(cluster, r, namespace).delete(name, &DeleteParams::background()),
        )
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}

/// All objects of one kind (in one namespace when namespaced and given).
pub async fn list(
    cluster: &Cluster,
    r: &Resolved,
    namespace: Option<&str>,
) -> Result<Vec<Value>, ClusterError> {
    let what = format!("list {}", describe(r, namespace, "*"));
    let list = cluster
        .call(
            what.clone(),
            api(cluster, r, namespace).list(&ListParams::default()),
        )
        .await?;
    list.items
        .into_iter()
        .map(|o| typed_value(r, o).map_err(|e| encode_err(cluster, what.clone(), e)))
        .collect()
}

/// An object of kind `r` as JSON, with its apiVersion and kind: items of a
/// list response (and of a watch's initial list) carry none, and nothing
/// downstream could tell what they are without them.
pub fn typed_value(r: &Resolved, mut o: DynamicObject) -> Result<Value, serde_json::Error> {
    o.types.get_or_insert_with(|| kube::core::TypeMeta {
        api_version: r.resource.api_version.clone(),
        kind: r.resource.kind.clone(),
    });
    to_value(o)
}
