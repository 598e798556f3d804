//! The Why line of an app from its status alone: its objects as the status
//! lists them, what they own read once from the cluster, and the cause.

use std::collections::BTreeSet;

use super::events::newest_first;
use super::gather::gather;
use super::tree::{Root, build};
use super::why::{Why, why};
use crate::cluster::{Cluster, ClusterError};
use crate::engine::app::Application;
use crate::engine::health::{Health, HealthStatus};
use crate::engine::render::ObjectKey;

/// The root cause of the app's health, or None when nothing is unhealthy.
pub async fn explain(cluster: &Cluster, roots: &[Root]) -> Result<Option<Why>, ClusterError> {
    let namespaces: BTreeSet<String> = roots
        .iter()
        .filter_map(|r| r.key.namespace.clone())
        .collect();
    let mut owned = gather(cluster, &namespaces).await?;
    newest_first(&mut owned.events);
    let tree = build(roots, &owned.objects);
    Ok(why(&tree, &owned.events))
}

/// The app's objects as its status lists them, with their health word.
pub fn roots_of_status(app: &Application) -> Vec<Root> {
    let Some(status) = &app.status else {
        return Vec::new();
    };
    status
        .resources
        .iter()
        .map(|r| Root {
            key: ObjectKey {
                group: r.group.clone(),
                kind: r.kind.clone(),
                namespace: r.namespace.clone().filter(|ns| !ns.is_empty()),
                name: r.name.clone(),
            },
            health: r
                .health
                .as_deref()
                .and_then(|h| serde_json::from_value::<HealthStatus>(h.into()).ok())
                .map(|status| Health::new(status, "")),
        })
        .collect()
}
