//! Drift: what differs between Git (desired) and the cluster (live), per object.
//!
//! Server mode asks the API server what the object would look like after our
//! apply (SSA dry-run), so defaults and admission mutations never show up as
//! false drift. Client mode compares only the fields Git sets, for identities
//! without patch rights. Secrets are masked before anything is compared or shown.

use futures::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::Value;

use crate::cluster::{Cluster, Resolver, live};
use crate::engine::app::{Application, CONFIG_HASH_ANNOTATION, FIELD_MANAGER};
use crate::engine::error::EngineError;
use crate::engine::health::{self, Health, HealthStatus};
use crate::engine::inventory::{ExtraObject, read_live};
use crate::engine::mask::{mask_secret_pair, scrub_message};
use crate::engine::normalize::{JsonPointerRule, desired_fields_only, normalize_for_compare};
use crate::engine::prepare::{PreparedObject, annotation};
use crate::engine::render::ObjectKey;
use crate::engine::textdiff::{unified_diff, yaml_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DriftState {
    Synced,
    OutOfSync,
    /// Desired but not in the cluster.
    Missing,
    /// Tracked in the cluster but no longer in Git (a prune candidate).
    Extra,
}

impl DriftState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Synced => "Synced",
            Self::OutOfSync => "OutOfSync",
            Self::Missing => "Missing",
            Self::Extra => "Extra",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DriftMode {
    #[default]
    Server,
    Client,
}

/// The drift of one object. `live` and `desired` are normalised and masked:
/// safe to print.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectDrift {
    pub key: ObjectKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub state: DriftState,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub diff: String,
    #[serde(skip)]
    pub live: Option<Value>,
    #[serde(skip)]
    pub desired: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<Health>,
    /// Why the predicted object could not be computed (the API server
    /// rejected the dry run): the object counts as out of sync.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The live object's `resourceVersion` it was compared at (None: not
    /// in the cluster): a watch's list tells by it what changed since.
    #[serde(skip)]
    pub live_version: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DriftReport {
    pub app: String,
    pub context: String,
    pub revision: String,
    pub objects: Vec<ObjectDrift>,
    /// App health: worst of its objects.
    pub health: Health,
}

impl DriftReport {
    pub fn in_sync(&self) -> bool {
        self.objects.iter().all(|o| o.state == DriftState::Synced)
    }
    pub fn count(&self, state: DriftState) -> usize {
        self.objects.iter().filter(|o| o.state == state).count()
    }
    /// Objects whose drift could not be computed, with why.
    pub fn errors(&self) -> Vec<String> {
        self.objects
            .iter()
            .filter_map(|o| o.error.as_ref().map(|e| format!("{}: {e}", o.key)))
            .collect()
    }
    /// All object diffs as one unified diff.
    pub fn unified(&self) -> String {
        self.objects.iter().map(|o| o.diff.as_str()).collect()
    }
}

pub struct DriftInput<'a> {
    pub cluster: &'a Cluster,
    pub resolver: &'a Resolver,
    pub app: &'a Application,
    pub revision: &'a str,
    pub desired: &'a [PreparedObject],
    pub mode: DriftMode,
    pub concurrency: usize,
}

pub async fn compute(
    input: DriftInput<'_>,
) -> Result<(DriftReport, Vec<ExtraObject>), EngineError> {
    let app_id = input.app.tracking_id();
    let view = read_live(input.cluster, input.resolver, input.app, input.desired).await?;
    let ignore = ignore_rules(input.app);

    let input = &input;
    // Futures built up front (not in a stream closure) so the whole diff stays
    // `Send` when the console runs it in a spawned task.
    let futures: Vec<_> = input
        .desired
        .iter()
        .map(|obj| {
            object_drift(
                input,
                &app_id,
                obj,
                view.live.get(&obj.key).cloned(),
                &ignore,
            )
        })
        .collect();
    let results: Vec<Result<ObjectDrift, EngineError>> = stream::iter(futures)
        .buffered(input.concurrency.max(1))
        .collect()
        .await;
    let mut objects = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    for extra in &view.extras {
        let (_, live_masked) = mask_secret_pair(
            None,
            Some(&without_config_hash(normalize_for_compare(
                &extra.live,
                &ignore,
            ))),
        );
        let live_yaml = live_masked.as_ref().map(yaml_of).unwrap_or_default();
        objects.push(ObjectDrift {
            key: extra.key.clone(),
            source: None,
            state: DriftState::Extra,
            diff: unified_diff(
                &live_yaml,
                "",
                &format!("live/{}", extra.key),
                "desired (absent)",
                3,
            ),
            live: live_masked,
            desired: None,
            health: health::assess(&extra.live),
            live_version: resource_version(&extra.live),
            error: None,
        });
    }
    let app_health = health::worst(objects.iter().filter_map(|o| o.health.as_ref()));
    let report = DriftReport {
        app: app_id,
        context: input.cluster.context.clone(),
        revision: input.revision.to_string(),
        objects,
        health: app_health,
    };
    Ok((report, view.extras))
}

/// The app's `ignoreDifferences` as the normaliser's rules.
pub(crate) fn ignore_rules(app: &Application) -> Vec<JsonPointerRule> {
    app.spec
        .ignore_differences
        .iter()
        .map(|d| JsonPointerRule {
            group: d.group.clone(),
            kind: d.kind.clone(),
            name: d.name.clone(),
            namespace: d.namespace.clone(),
            json_pointers: d.json_pointers.clone(),
        })
        .collect()
}

pub(crate) async fn object_drift(
    input: &DriftInput<'_>,
    app_id: &str,
    obj: &PreparedObject,
    live: Option<Value>,
    ignore: &[JsonPointerRule],
) -> Result<ObjectDrift, EngineError> {
    let Some(live) = live else {
        let (desired_masked, _) = mask_secret_pair(
            Some(&without_config_hash(normalize_for_compare(
                &obj.object,
                ignore,
            ))),
            None,
        );
        let desired_yaml = desired_masked.as_ref().map(yaml_of).unwrap_or_default();
        return Ok(ObjectDrift {
            key: obj.key.clone(),
            source: Some(obj.source.clone()),
            state: DriftState::Missing,
            diff: unified_diff(
                "",
                &desired_yaml,
                "live (absent)",
                &format!("desired/{}", obj.key),
                3,
            ),
            live: None,
            desired: desired_masked,
            health: Some(Health {
                status: HealthStatus::Missing,
                message: "not in the cluster".into(),
            }),
            live_version: None,
            error: None,
        });
    };
    let (predicted, live_cmp) = match (input.mode, &obj.resolved) {
        (DriftMode::Server, Some(_)) if unchanged_since_our_apply(obj, &live, ignore) => {
            let live_norm = normalize_for_compare(&live, ignore);
            (live_norm.clone(), live_norm)
        }
        (DriftMode::Server, Some(resolved)) => {
            let opts = live::ApplyOptions {
                force: true,
                dry_run: true,
            };
            let predicted = match live::apply(
                input.cluster,
                resolved,
                obj.key.namespace.as_deref(),
                &obj.key.name,
                &obj.object,
                opts,
            )
            .await
            {
                Ok(p) => p,
                // The cluster as a whole cannot answer: that is the command's error.
                Err(e) if e.is_unreachable() || e.is_forbidden() => {
                    return Err(EngineError::cluster(app_id, e));
                }
                // This object is refused: report it, keep the others.
                Err(e) => return Ok(rejected(obj, &live, &e.to_string())),
            };
            (
                normalize_for_compare(&predicted, ignore),
                normalize_for_compare(&live, ignore),
            )
        }
        _ => {
            let desired = normalize_for_compare(&obj.object, ignore);
            let live_fields = desired_fields_only(&normalize_for_compare(&live, ignore), &desired);
            (desired, live_fields)
        }
    };
    // The hash differs whenever Git changed; the real differences show anyway.
    let (predicted, live_cmp) = (
        without_config_hash(predicted),
        without_config_hash(live_cmp),
    );
    let (desired_masked, live_masked) = mask_secret_pair(Some(&predicted), Some(&live_cmp));
    let same = desired_masked == live_masked;
    let diff = if same {
        String::new()
    } else {
        unified_diff(
            &live_masked.as_ref().map(yaml_of).unwrap_or_default(),
            &desired_masked.as_ref().map(yaml_of).unwrap_or_default(),
            &format!("live/{}", obj.key),
            &format!("desired/{}", obj.key),
            3,
        )
    };
    Ok(ObjectDrift {
        key: obj.key.clone(),
        source: Some(obj.source.clone()),
        state: if same {
            DriftState::Synced
        } else {
            DriftState::OutOfSync
        },
        diff,
        live: live_masked,
        desired: desired_masked,
        health: health::assess(&live),
        live_version: resource_version(&live),
        error: None,
    })
}

fn rejected(obj: &PreparedObject, live: &Value, message: &str) -> ObjectDrift {
    ObjectDrift {
        key: obj.key.clone(),
        source: Some(obj.source.clone()),
        state: DriftState::OutOfSync,
        diff: String::new(),
        live: None,
        desired: None,
        health: health::assess(live),
        live_version: resource_version(live),
        error: Some(format!(
            "{} ({})",
            scrub_message(message, &obj.object),
            obj.source
        )),
    }
}

/// True when a server-side apply of `obj` would change nothing, decided
/// without asking the server: the live object carries the hash of exactly
/// this configuration (so recon's field set is unchanged), recon still
/// manages it by Apply, and every field Git sets still has Git's value. Any
/// doubt (formats the server rewrites, a changed configuration) returns false
/// and the caller asks the server with a dry run.
fn unchanged_since_our_apply(
    obj: &PreparedObject,
    live: &Value,
    ignore: &[JsonPointerRule],
) -> bool {
    let desired_hash = annotation(&obj.object, CONFIG_HASH_ANNOTATION);
    if desired_hash.is_none() || desired_hash != annotation(live, CONFIG_HASH_ANNOTATION) {
        return false;
    }
    let managed_by_our_apply = live
        .get("metadata")
        .and_then(|m| m.get("managedFields"))
        .and_then(Value::as_array)
        .is_some_and(|entries| {
            entries.iter().any(|e| {
                e.get("manager").and_then(Value::as_str) == Some(FIELD_MANAGER)
                    && e.get("operation").and_then(Value::as_str) == Some("Apply")
            })
        });
    if !managed_by_our_apply {
        return false;
    }
    let desired = normalize_for_compare(&obj.object, ignore);
    desired_fields_only(&normalize_for_compare(live, ignore), &desired) == desired
}

fn resource_version(live: &Value) -> Option<String> {
    live.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn without_config_hash(mut v: Value) -> Value {
    if let Some(map) = v
        .get_mut("metadata")
        .and_then(|m| m.get_mut("annotations"))
        .and_then(Value::as_object_mut)
    {
        map.remove(CONFIG_HASH_ANNOTATION);
        if map.is_empty()
            && let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut)
        {
            meta.remove("annotations");
        }
    }
    v
}
