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

/// A namespaced kind a watch can decode and hand to another task.
pub trait Watched:
    Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
    + Clone
    + DeserializeOwned
    + Debug
    + Send
    + 'static
{
}

impl<K> Watched for K where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug
        + Send
        + 'static
{
}

/// One named object.
pub fn one<K>(cluster: &Cluster, namespace: &str, name: &str) -> Events<K>
where
    K: Watched,
{
    let api: Api<K> = Api::namespaced(cluster.client.clone(), namespace);
    let cfg = watcher::Config::default().fields(&format!("metadata.name={name}"));
    Box::pin(watcher::watcher(api, cfg).backoff(RetrySoon::default()))
}

/// Every object of a resolved kind in one namespace (or cluster-wide).
/// Its list is a quorum read, not the watch cache (`resourceVersion=0`,
/// which kube sends only without a page limit anyway): the open app compares
/// each listed object's version with the one it last compared, so the list
/// must not be older than that.
pub fn scope(cluster: &Cluster, r: &Resolved, namespace: Option<&str>) -> Events<DynamicObject> {
    let api: Api<DynamicObject> = match namespace.filter(|_| r.namespaced) {
        Some(ns) => Api::namespaced_with(cluster.client.clone(), ns, &r.resource),
        None => Api::all_with(cluster.client.clone(), &r.resource),
    };
    Box::pin(watcher::watcher(api, watcher::Config::default()).backoff(RetrySoon::default()))
}

/// The metadata (names, annotations, managed fields) of every object of a
/// resolved kind: cheap enough to watch whole kinds for changes.
pub fn metadata_all(cluster: &Cluster, r: &Resolved) -> Events<PartialObjectMeta<DynamicObject>> {
    let api: Api<PartialObjectMeta<DynamicObject>> =
        Api::all_with(cluster.client.clone(), &r.resource);
    Box::pin(watcher::watcher(api, watcher::Config::default()).backoff(RetrySoon::default()))
}

/// Every object of the type in one namespace, or in all (`None`).
pub fn within<K>(cluster: &Cluster, namespace: Option<&str>) -> Events<K>
where
    K: Watched,
{
    let api: Api<K> = match namespace {
        Some(ns) => Api::namespaced(cluster.client.clone(), ns),
        None => Api::all(cluster.client.clone()),
    };
    Box::pin(watcher::watcher(api, watcher::Config::default()).backoff(RetrySoon::default()))
}

/// How a watch retries after its stream failed: 250 ms doubling to 2 s, not
/// kube's 800 ms to 30 s. An API server that restarts is back in the
/// console (and the agent) within about two seconds of answering again;
/// a failed attempt costs only a refused connection.
#[derive(Debug, Clone)]
pub struct RetrySoon {
    next: std::time::Duration,
}

const FIRST_RETRY: std::time::Duration = std::time::Duration::from_millis(250);
const LONGEST_RETRY: std::time::Duration = std::time::Duration::from_secs(2);

impl Default for RetrySoon {
    fn default() -> Self {
        Self { next: FIRST_RETRY }
    }
}

impl Iterator for RetrySoon {
    type Item = std::time::Duration;

    fn next(&mut self) -> Option<Self::Item> {
        let now = self.next;
        self.next = (now * 2).min(LONGEST_RETRY);
        Some(now)
    }
}

impl kube::runtime::utils::Backoff for RetrySoon {
    fn reset(&mut self) {
        self.next = FIRST_RETRY;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube::runtime::utils::Backoff;

    #[test]
    fn retries_double_to_two_seconds_and_start_over_after_a_success() {
        let mut b = RetrySoon::default();
        let waits: Vec<u128> = (0..6)
            .filter_map(|_| b.next())
            .map(|d| d.as_millis())
            .collect();
        assert_eq!(waits, vec![250, 500, 1000, 2000, 2000, 2000]);
        b.reset();
        assert_eq!(b.next().map(|d| d.as_millis()), Some(250));
    }
}
