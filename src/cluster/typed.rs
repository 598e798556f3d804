//! Typed reads and merge patches of one resource type, with the cluster's
//! timeout and errors that name the context and the object. The engine and
//! the adapters reach typed resources through these, not through `kube::Api`
//! of their own.

use std::fmt::Debug;

use kube::Resource;
use kube::api::{Api, ListParams, ObjectList, Patch, PatchParams};
use serde::de::DeserializeOwned;

use super::contexts::Cluster;
use super::error::ClusterError;

fn namespaced<K>(cluster: &Cluster, namespace: &str) -> Api<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>,
{
    Api::namespaced(cluster.client.clone(), namespace)
}

/// Every object of the type in every namespace (`namespace: None`) or one.
pub async fn list<K>(
    cluster: &Cluster,
    namespace: Option<&str>,
    params: &ListParams,
) -> Result<ObjectList<K>, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let kind = K::kind(&());
    let api: Api<K> = match namespace {
        Some(ns) => namespaced(cluster, ns),
        None => Api::all(cluster.client.clone()),
    };
    let what = match namespace {
        Some(ns) => format!("list {kind} in {ns}"),
        None => format!("list {kind}"),
    };
    cluster.call(what, api.list(params)).await
}

/// One object; `Ok(None)` only when the API server says 404.
pub async fn get<K>(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
) -> Result<Option<K>, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let what = format!("get {} {namespace}/{name}", K::kind(&()));
    match cluster
        .call(what, namespaced::<K>(cluster, namespace).get(name))
        .await
    {
        Ok(obj) => Ok(Some(obj)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// A JSON merge patch (RFC 7386) of the fields given, nothing else.
pub async fn merge_patch<K>(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    patch: &serde_json::Value,
) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let what = format!("patch {} {namespace}/{name}", K::kind(&()));
    cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).patch(
                name,
                &PatchParams::default(),
                &Patch::Merge(patch),
            ),
        )
        .await
}
