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

/// Replaces the status subresource with the object's status; a 409 comes
/// back as `ClusterError::Rejected { code: 409 }` for the caller to retry.
pub async fn replace_status<K>(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    object: &K,
) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + serde::Serialize
        + Debug,
{
    let what = format!("update status of {} {namespace}/{name}", K::kind(&()));
    cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).replace_status(
                name,
                &kube::api::PostParams::default(),
                object,
            ),
        )
        .await
}

/// A server-side apply of a cluster-scoped typed object as `manager`, forced.
pub async fn apply_cluster_scoped<K>(
    cluster: &Cluster,
    name: &str,
    body: &serde_json::Value,
    manager: &str,
) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::ClusterResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let api: Api<K> = Api::all(cluster.client.clone());
    let what = format!("apply {} {name}", K::kind(&()));
    cluster
        .call(
            what,
            api.patch(
                name,
                &PatchParams::apply(manager).force(),
                &Patch::Apply(body),
            ),
        )
        .await
}

/// Waits until the CRD `name` is Established; false when `timeout` passes.
pub async fn wait_crd_established(
    cluster: &Cluster,
    name: &str,
    timeout: std::time::Duration,
) -> bool {
    use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
    let api: Api<CustomResourceDefinition> = Api::all(cluster.client.clone());
    let deadline = tokio::time::Instant::now() + timeout;
    while tokio::time::Instant::now() < deadline {
        if let Ok(Ok(crd)) = tokio::time::timeout(cluster.timeout, api.get(name)).await
            && crd
                .status
                .and_then(|s| s.conditions)
                .unwrap_or_default()
                .iter()
                .any(|c| c.type_ == "Established" && c.status == "True")
        {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    false
}

/// A server-side apply of a namespaced typed object as `manager`, forced.
pub async fn apply_namespaced<K>(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    body: &serde_json::Value,
    manager: &str,
) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let what = format!("apply {} {namespace}/{name}", K::kind(&()));
    cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).patch(
                name,
                &PatchParams::apply(manager).force(),
                &Patch::Apply(body),
            ),
        )
        .await
}

/// Deletes one object; `Ok(false)` when it was already gone.
pub async fn delete<K>(cluster: &Cluster, namespace: &str, name: &str) -> Result<bool, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let what = format!("delete {} {namespace}/{name}", K::kind(&()));
    match cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).delete(name, &Default::default()),
        )
        .await
    {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Creates the object; a 409 (it exists already) comes back as
/// `ClusterError::Rejected { code: 409 }`.
pub async fn create<K>(cluster: &Cluster, namespace: &str, object: &K) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + serde::Serialize
        + Debug,
{
    let name = object.meta().name.clone().unwrap_or_default();
    let what = format!("create {} {namespace}/{name}", K::kind(&()));
    cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).create(&kube::api::PostParams::default(), object),
        )
        .await
}

/// Replaces the object as read (its resourceVersion makes this a
/// compare-and-swap: a concurrent change comes back as a 409).
pub async fn replace<K>(cluster: &Cluster, namespace: &str, object: &K) -> Result<K, ClusterError>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + serde::Serialize
        + Debug,
{
    let name = object.meta().name.clone().unwrap_or_default();
    let what = format!("replace {} {namespace}/{name}", K::kind(&()));
    cluster
        .call(
            what,
            namespaced::<K>(cluster, namespace).replace(
                &name,
                &kube::api::PostParams::default(),
                object,
            ),
        )
        .await
}
