//! Reads, once, what the app's objects own and the Events about them, from
//! the namespaces those objects live in. The console keeps the same kinds
//! live from watches; the CLI and the apps table's REASON column read them
//! here.

use std::collections::BTreeSet;

use futures::future::try_join_all;
use k8s_openapi::api::apps::v1::ReplicaSet;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Event, Pod};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use kube::api::{Api, ListParams};
use kube::core::{ApiResource, DynamicObject};
use serde_json::Value;

use super::events::{EventRecord, parse_event};
use crate::cluster::{Cluster, ClusterError};

/// The kinds an app's objects own, whose trees triage shows.
pub fn owned_kinds() -> [ApiResource; 4] {
    [
        ApiResource::erase::<ReplicaSet>(&()),
        ApiResource::erase::<Job>(&()),
        ApiResource::erase::<Pod>(&()),
        ApiResource::erase::<EndpointSlice>(&()),
    ]
}

/// Events, read and watched alongside the owned kinds.
pub fn event_kind() -> ApiResource {
    ApiResource::erase::<Event>(&())
}

/// Names of the owned kinds, for messages and the README.
pub const OWNED_KINDS: [&str; 4] = ["ReplicaSet", "Job", "Pod", "EndpointSlice"];

/// What the app's objects own, and the Events of their namespaces.
#[derive(Debug, Clone, Default)]
pub struct Owned {
    pub objects: Vec<Value>,
    pub events: Vec<EventRecord>,
}

/// A dynamic object as the JSON the health rules read, with the apiVersion
/// and kind a list's items lack.
pub fn as_live(resource: &ApiResource, object: DynamicObject) -> Option<Value> {
    let mut value = serde_json::to_value(object).ok()?;
    let map = value.as_object_mut()?;
    map.entry("apiVersion")
        .or_insert_with(|| Value::String(resource.api_version.clone()));
    map.entry("kind")
        .or_insert_with(|| Value::String(resource.kind.clone()));
    Some(value)
}

/// Lists every owned kind and the Events in each namespace; a failed read
/// fails the whole (a missing Pod must never look like "no pods").
pub async fn gather(
    cluster: &Cluster,
    namespaces: &BTreeSet<String>,
) -> Result<Owned, ClusterError> {
    let mut reads = Vec::new();
    for namespace in namespaces {
        for resource in owned_kinds().into_iter().chain([event_kind()]) {
            reads.push(list(cluster, resource, namespace.clone()));
        }
    }
    let mut owned = Owned::default();
    for (resource, items) in try_join_all(reads).await? {
        if resource.kind == "Event" {
            owned.events.extend(items.iter().filter_map(parse_event));
        } else {
            owned.objects.extend(items);
        }
    }
    Ok(owned)
}

async fn list(
    cluster: &Cluster,
    resource: ApiResource,
    namespace: String,
) -> Result<(ApiResource, Vec<Value>), ClusterError> {
    let api: Api<DynamicObject> =
        Api::namespaced_with(cluster.client.clone(), &namespace, &resource);
    let what = format!("list {} in {namespace}", resource.kind);
    let list = cluster.call(what, api.list(&ListParams::default())).await?;
    let items = list
        .items
        .into_iter()
        .filter_map(|o| as_live(&resource, o))
        .collect();
    Ok((resource, items))
}

/// One object of an owned kind (a Pod, a ReplicaSet…) by name, for its live
/// YAML; `Ok(None)` when the kind is not one triage shows or it is gone.
pub async fn get_owned(
    cluster: &Cluster,
    kind: &str,
    namespace: &str,
    name: &str,
) -> Result<Option<Value>, ClusterError> {
    let Some(resource) = owned_kinds().into_iter().find(|r| r.kind == kind) else {
        return Ok(None);
    };
    let api: Api<DynamicObject> =
        Api::namespaced_with(cluster.client.clone(), namespace, &resource);
    let what = format!("get {kind} {namespace}/{name}");
    let found = cluster.call(what, api.get_opt(name)).await?;
    Ok(found.and_then(|o| as_live(&resource, o)))
}
