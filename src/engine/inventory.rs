//! The live side of an app: its desired objects as the cluster has them, and
//! the objects it tracks that Git no longer has (Extra). Live objects are
//! read with one list per kind and namespace rather than one get per object.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::cluster::{Cluster, Resolved, Resolver, live};
use crate::engine::app::Application;
use crate::engine::error::EngineError;
use crate::engine::prepare::{PreparedObject, tracking_id_of};
use crate::engine::render::ObjectKey;

/// A tracked live object that is not desired any more.
#[derive(Debug, Clone)]
pub struct ExtraObject {
    pub key: ObjectKey,
    pub resolved: Resolved,
    pub live: Value,
}

pub struct LiveView {
    pub live: HashMap<ObjectKey, Value>,
    pub extras: Vec<ExtraObject>,
}

/// Lists every (kind, namespace) the app's desired objects or its recorded
/// inventory touch, and sorts what it finds into live copies and extras.
pub async fn read_live(
    cluster: &Cluster,
    resolver: &Resolver,
    app: &Application,
    desired: &[PreparedObject],
) -> Result<LiveView, EngineError> {
    let app_id = app.tracking_id();
    // (apiVersion, kind) → namespaces to list (None = cluster-scoped).
    let mut scopes: BTreeMap<(String, String), BTreeSet<Option<String>>> = BTreeMap::new();
    for obj in desired.iter().filter(|o| o.resolved.is_some()) {
        scopes
            .entry((obj.api_version().to_string(), obj.kind().to_string()))
            .or_default()
            .insert(obj.key.namespace.clone());
    }
    for rec in app
        .status
        .as_ref()
        .map(|s| s.resources.as_slice())
        .unwrap_or_default()
    {
        let Some(version) = rec.version.as_deref() else {
            continue;
        };
        let api_version = if rec.group.is_empty() {
            version.to_string()
        } else {
            format!("{}/{version}", rec.group)
        };
        scopes
            .entry((api_version, rec.kind.clone()))
            .or_default()
            .insert(rec.namespace.clone());
    }

    let desired_keys: BTreeSet<&ObjectKey> = desired.iter().map(|o| &o.key).collect();
    let mut view = LiveView {
        live: HashMap::new(),
        extras: Vec::new(),
    };
    for ((api_version, kind), namespaces) in scopes {
        let resolved = match resolver.resolve(cluster, &api_version, &kind).await {
            Ok(r) => r,
            // A kind from the old inventory whose CRD is gone has nothing left to prune.
            Err(crate::cluster::ClusterError::UnknownKind { .. }) => continue,
            Err(e) => return Err(EngineError::cluster(&app_id, e)),
        };
        for ns in namespaces {
            let ns = ns.filter(|_| resolved.namespaced);
            let items = live::list(cluster, &resolved, ns.as_deref())
                .await
                .map_err(|e| EngineError::cluster(&app_id, e))?;
            for item in items {
                let Some(key) = ObjectKey::from_value(&item) else {
                    continue;
                };
                if desired_keys.contains(&key) {
                    view.live.insert(key, item);
                } else if tracking_id_of(&item) == Some(app_id.as_str())
                    && !view.extras.iter().any(|e| e.key == key)
                {
                    view.extras.push(ExtraObject {
                        key,
                        resolved: resolved.clone(),
                        live: item,
                    });
                }
            }
        }
    }
    view.extras.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(view)
}
