//! Watches, with backoff, of typed resources or of any resolved kind: the
//! console keeps its rows and its open app live through these.

use std::fmt::Debug;

use futures::Stream;
use kube::Resource;
use kube::api::Api;
use kube::core::{DynamicObject, PartialObjectMeta};
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};
use serde::de::DeserializeOwned;

use super::contexts::Cluster;
use super::resolver::Resolved;

pub type Events<K> = std::pin::Pin<Box<dyn Stream<Item = Result<Event<K>, watcher::Error>> + Send>>;

/// Every object of the type in every namespace.
pub fn all<K>(cluster: &Cluster) -> Events<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug
        + Send
        + 'static,
{
    within(cluster, None)
}

/// One named object.
pub fn one<K>(cluster: &Cluster, namespace: &str, name: &str) -> Events<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug
        + Send
        + 'static,
{
    let api: Api<K> = Api::namespaced(cluster.client.clone(), namespace);
    let cfg = watcher::Config::default().fields(&format!("metadata.name={name}"));
    Box::pin(watcher::watcher(api, cfg).default_backoff())
}

/// Every object of a resolved kind in one namespace (or cluster-wide).
pub fn scope(cluster: &Cluster, r: &Resolved, namespace: Option<&str>) -> Events<DynamicObject> {
    let api: Api<DynamicObject> = match namespace.filter(|_| r.namespaced) {
        Some(ns) => Api::namespaced_with(cluster.client.clone(), ns, &r.resource),
        None => Api::all_with(cluster.client.clone(), &r.resource),
    };
    Box::pin(watcher::watcher(api, watcher::Config::default()).default_backoff())
}

/// The metadata (names, annotations, managed fields) of every object of a
/// resolved kind: cheap enough to watch whole kinds for changes.
pub fn metadata_all(cluster: &Cluster, r: &Resolved) -> Events<PartialObjectMeta<DynamicObject>> {
    let api: Api<PartialObjectMeta<DynamicObject>> =
        Api::all_with(cluster.client.clone(), &r.resource);
    Box::pin(watcher::watcher(api, watcher::Config::default()).default_backoff())
}

/// Every object of the type in one namespace, or in all (`None`).
pub fn within<K>(cluster: &Cluster, namespace: Option<&str>) -> Events<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug
        + Send
        + 'static,
{
    let api: Api<K> = match namespace {
        Some(ns) => Api::namespaced(cluster.client.clone(), ns),
        None => Api::all(cluster.client.clone()),
    };
    Box::pin(watcher::watcher(api, watcher::Config::default()).default_backoff())
}
