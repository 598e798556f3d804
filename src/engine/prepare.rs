//! Makes rendered objects ready for a cluster: resolves each kind through
//! discovery, fills in the destination namespace, and stamps the tracking
//! annotation. A kind whose CRD is part of the same app is not served yet:
//! it is kept, unresolved, so a sync can apply the CRD first.

use std::collections::HashMap;

use serde_json::Value;

use crate::cluster::{Cluster, ClusterError, Resolved, Resolver};
use crate::engine::app::{Application, CONFIG_HASH_ANNOTATION, TRACKING_ANNOTATION};
use crate::engine::error::EngineError;
use crate::engine::render::{DesiredObject, ObjectKey, default_namespace};

#[derive(Debug, Clone)]
pub struct PreparedObject {
    pub key: ObjectKey,
    /// `file (document N)` it came from.
    pub source: String,
    pub object: Value,
    /// None while the kind's CRD (part of this app) is not installed yet.
    pub resolved: Option<Resolved>,
}

impl PreparedObject {
    pub fn api_version(&self) -> &str {
        self.object
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    pub fn kind(&self) -> &str {
        &self.key.kind
    }
    pub fn is_crd(&self) -> bool {
        self.key.kind == "CustomResourceDefinition" && self.key.group == "apiextensions.k8s.io"
    }
    pub fn is_namespace(&self) -> bool {
        self.key.kind == "Namespace" && self.key.group.is_empty()
    }
}

/// The namespace the app's namespaced objects go to when they do not say.
pub fn destination_namespace(app: &Application) -> String {
    app.spec
        .destination
        .namespace
        .clone()
        .or_else(|| app.metadata.namespace.clone())
        .unwrap_or_else(|| "default".into())
}

/// group → (kind → namespaced) for the CRDs among the desired objects.
fn crds_in(objects: &[DesiredObject]) -> HashMap<(String, String), bool> {
    objects
        .iter()
        .filter(|o| o.kind() == Some("CustomResourceDefinition"))
        .filter_map(|o| {
            let spec = o.object.get("spec")?;
            let group = spec.get("group")?.as_str()?.to_string();
            let kind = spec.get("names")?.get("kind")?.as_str()?.to_string();
            let namespaced = spec.get("scope").and_then(Value::as_str) != Some("Cluster");
            Some(((group, kind), namespaced))
        })
        .collect()
}

/// Whose annotations the prepared objects carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stamp {
    /// recon applies them: tracking id and config hash.
    #[default]
    Recon,
    /// Another tool applies them (Argo CD): nothing of recon's is added, so
    /// the drift shown is the drift that tool would correct.
    Nothing,
}

pub async fn prepare(
    cluster: &Cluster,
    resolver: &Resolver,
    app: &Application,
    objects: Vec<DesiredObject>,
    stamp: Stamp,
) -> Result<Vec<PreparedObject>, EngineError> {
    let app_id = app.tracking_id();
    let ns = destination_namespace(app);
    let pending_crds = crds_in(&objects);
    let mut out = Vec::with_capacity(objects.len());
    for mut obj in objects {
        let api_version = obj.api_version().unwrap_or_default().to_string();
        let kind = obj.kind().unwrap_or_default().to_string();
        let group = crate::engine::render::group_of(&api_version).to_string();
        let (resolved, namespaced) = match resolver.resolve(cluster, &api_version, &kind).await {
            Ok(r) => {
                let namespaced = r.namespaced;
                (Some(r), namespaced)
            }
            Err(ClusterError::UnknownKind { .. })
                if pending_crds.contains_key(&(group.clone(), kind.clone())) =>
            {
                (None, pending_crds[&(group, kind)])
            }
            Err(ClusterError::UnknownKind {
                context,
                api_version,
                kind,
                ..
            }) => {
                return Err(EngineError::cluster(
                    &app_id,
                    ClusterError::UnknownKind {
                        context,
                        what: obj.location(),
                        api_version,
                        kind,
                    },
                ));
            }
            Err(e) => return Err(EngineError::cluster(&app_id, e)),
        };
        default_namespace(&mut obj, &ns, namespaced);
        if stamp == Stamp::Recon {
            stamp_tracking(&mut obj.object, &app_id);
            stamp_config_hash(&mut obj.object);
        }
        out.push(PreparedObject {
            key: obj.key(),
            source: obj.location(),
            object: obj.object,
            resolved,
        });
    }
    Ok(out)
}

fn stamp_tracking(object: &mut Value, app_id: &str) {
    let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let annotations = meta
        .entry("annotations")
        .or_insert_with(|| Value::Object(Default::default()));
    if !annotations.is_object() {
        *annotations = Value::Object(Default::default());
    }
    if let Some(map) = annotations.as_object_mut() {
        map.insert(
            TRACKING_ANNOTATION.to_string(),
            Value::String(app_id.to_string()),
        );
    }
}

fn stamp_config_hash(object: &mut Value) {
    if crate::engine::mask::is_secret(object) {
        return;
    }
    let hash = config_hash(object);
    if let Some(map) = object
        .get_mut("metadata")
        .and_then(|m| m.get_mut("annotations"))
        .and_then(Value::as_object_mut)
    {
        map.insert(CONFIG_HASH_ANNOTATION.to_string(), Value::String(hash));
    }
}

/// FNV-1a over the canonical JSON (serde_json sorts object keys).
pub fn config_hash(object: &Value) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in object.to_string().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// An annotation value of an object.
pub fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

/// The tracking id a live object carries, if any.
pub fn tracking_id_of(live: &Value) -> Option<&str> {
    live.get("metadata")?
        .get("annotations")?
        .get(TRACKING_ANNOTATION)?
        .as_str()
}
