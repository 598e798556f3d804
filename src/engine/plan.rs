//! A sync plan: typed steps in the order they must run. Namespaces and CRDs
//! come first, then `recon.dev/sync-wave`, then kind order; prunes run last,
//! in reverse.

use serde_json::Value;

use crate::engine::app::SYNC_WAVE_ANNOTATION;
use crate::engine::drift::{DriftReport, DriftState};
use crate::engine::error::EngineError;
use crate::engine::inventory::ExtraObject;
use crate::engine::prepare::PreparedObject;
use crate::engine::render::ObjectKey;

#[derive(Debug, Clone)]
pub enum Step {
    Create(PreparedObject),
    Update(PreparedObject),
    Prune(ExtraObject),
}

impl Step {
    pub fn key(&self) -> &ObjectKey {
        match self {
            Step::Create(o) | Step::Update(o) => &o.key,
            Step::Prune(e) => &e.key,
        }
    }
    pub fn verb(&self) -> &'static str {
        match self {
            Step::Create(_) => "create",
            Step::Update(_) => "update",
            Step::Prune(_) => "prune",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// Desired objects already equal to the cluster.
    pub unchanged: Vec<ObjectKey>,
    /// Extras left alone because prune is off.
    pub prune_skipped: Vec<ObjectKey>,
}

/// Kinds in the order they are applied (others come after, alphabetically).
const KIND_ORDER: &[&str] = &[
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleBinding",
    "Role",
    "RoleBinding",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
];

fn kind_rank(kind: &str) -> usize {
    KIND_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_ORDER.len())
}

/// The sync wave of an object (0 when absent); a malformed one is an error
/// naming the object, rather than a silent reorder.
pub fn wave_of(object: &Value, key: &ObjectKey) -> Result<i64, String> {
    match object
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(SYNC_WAVE_ANNOTATION))
    {
        None => Ok(0),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| {
            format!("{key}: annotation {SYNC_WAVE_ANNOTATION} must be an integer, got {s:?}")
        }),
        Some(other) => Err(format!(
            "{key}: annotation {SYNC_WAVE_ANNOTATION} must be a string, got {other}"
        )),
    }
}

/// (phase, wave, kind rank, key): phase 0 = Namespaces and CRDs.
pub type OrderKey = (u8, i64, usize, ObjectKey);

pub fn order_key(obj: &PreparedObject) -> Result<OrderKey, String> {
    let phase = if obj.is_namespace() || obj.is_crd() {
        0
    } else {
        1
    };
    Ok((
        phase,
        wave_of(&obj.object, &obj.key)?,
        kind_rank(obj.kind()),
        obj.key.clone(),
    ))
}

/// The order objects are deleted in: reverse kind order, so Deployments go
/// before the ConfigMaps they use, and Namespaces last.
pub fn prune_order(extras: &[ExtraObject]) -> Vec<&ExtraObject> {
    let mut prunes: Vec<&ExtraObject> = extras.iter().collect();
    prunes.sort_by(|a, b| (kind_rank(&b.key.kind), &b.key).cmp(&(kind_rank(&a.key.kind), &a.key)));
    prunes
}

pub fn build(
    app_id: &str,
    report: &DriftReport,
    desired: &[PreparedObject],
    extras: &[ExtraObject],
    prune: bool,
) -> Result<Plan, EngineError> {
    let mut plan = Plan::default();
    let mut applies: Vec<(OrderKey, Step)> = Vec::new();
    for obj in desired {
        let state = report
            .objects
            .iter()
            .find(|d| d.key == obj.key)
            .map(|d| d.state)
            .unwrap_or(DriftState::Missing);
        let order = order_key(obj).map_err(|m| EngineError::invalid(app_id, m))?;
        match state {
            DriftState::Synced => plan.unchanged.push(obj.key.clone()),
            DriftState::Missing => applies.push((order, Step::Create(obj.clone()))),
            DriftState::OutOfSync | DriftState::Extra => {
                applies.push((order, Step::Update(obj.clone())))
            }
        }
    }
    applies.sort_by(|a, b| a.0.cmp(&b.0));
    plan.steps = applies.into_iter().map(|(_, s)| s).collect();

    for extra in prune_order(extras) {
        if prune {
            plan.steps.push(Step::Prune(extra.clone()));
        } else {
            plan.prune_skipped.push(extra.key.clone());
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::drift::ObjectDrift;
    use crate::engine::health::Health;

    fn obj(api: &str, kind: &str, name: &str, wave: Option<&str>) -> PreparedObject {
        let mut meta = json!({"name": name, "namespace": "ns"});
        if let Some(w) = wave {
            meta["annotations"] = json!({ SYNC_WAVE_ANNOTATION: w });
        }
        if kind == "Namespace" || kind == "CustomResourceDefinition" {
            meta.as_object_mut().map(|m| m.remove("namespace"));
        }
        let object = json!({"apiVersion": api, "kind": kind, "metadata": meta});
        PreparedObject {
            key: ObjectKey::from_value(&object).expect("key"),
            source: "test.yaml (document 1)".into(),
            object,
            resolved: None,
        }
    }

    fn report(objs: &[PreparedObject], state: DriftState) -> DriftReport {
        DriftReport {
            app: "ns/app".into(),
            context: "c".into(),
            revision: "r".into(),
            objects: objs
                .iter()
                .map(|o| ObjectDrift {
                    key: o.key.clone(),
                    source: None,
                    state,
                    diff: String::new(),
                    live: None,
                    desired: None,
                    health: None,
                    live_version: None,
                    error: None,
                })
                .collect(),
            health: Health::healthy(""),
        }
    }

    fn names(plan: &Plan) -> Vec<String> {
        plan.steps
            .iter()
            .map(|s| format!("{} {}", s.verb(), s.key().name))
            .collect()
    }

    #[test]
    fn namespaces_and_crds_first_then_waves_then_kind_order() {
        let objs = vec![
            obj("apps/v1", "Deployment", "web", None),
            obj("v1", "ConfigMap", "late", Some("2")),
            obj("example.com/v1", "Widget", "w", None),
            obj("v1", "Service", "svc", None),
            obj(
                "apiextensions.k8s.io/v1",
                "CustomResourceDefinition",
                "widgets.example.com",
                Some("5"),
            ),
            obj("v1", "ConfigMap", "early", Some("-3")),
            obj("v1", "Namespace", "ns", None),
            obj("v1", "Secret", "creds", None),
        ];
        let plan = build(
            "ns/app",
            &report(&objs, DriftState::Missing),
            &objs,
            &[],
            false,
        )
        .expect("plan");
        assert_eq!(
            names(&plan),
            [
                "create ns",
                "create widgets.example.com",
                "create early",
                "create creds",
                "create svc",
                "create web",
                "create w",
                "create late"
            ]
        );
    }

    #[test]
    fn synced_objects_are_unchanged_and_out_of_sync_ones_updated() {
        let objs = vec![obj("v1", "ConfigMap", "a", None)];
        let plan = build(
            "ns/app",
            &report(&objs, DriftState::Synced),
            &objs,
            &[],
            true,
        )
        .expect("plan");
        assert!(plan.steps.is_empty());
        assert_eq!(plan.unchanged.len(), 1);
        let plan = build(
            "ns/app",
            &report(&objs, DriftState::OutOfSync),
            &objs,
            &[],
            true,
        )
        .expect("plan");
        assert_eq!(names(&plan), ["update a"]);
    }

    #[test]
    fn a_malformed_wave_is_an_error_naming_the_object() {
        let objs = vec![obj("v1", "ConfigMap", "bad", Some("soon"))];
        let err = build(
            "ns/app",
            &report(&objs, DriftState::Missing),
            &objs,
            &[],
            false,
        )
        .expect_err("invalid wave");
        let text = err.to_string();
        assert!(
            text.contains("ConfigMap ns/bad") && text.contains("soon") && text.contains("ns/app"),
            "{text}"
        );
    }

    #[test]
    fn prunes_run_last_in_reverse_kind_order_and_only_when_enabled() {
        let resolved = crate::cluster::Resolved {
            resource: kube::core::ApiResource::erase::<k8s_openapi::api::core::v1::ConfigMap>(&()),
            namespaced: true,
        };
        let extra = |api: &str, kind: &str, name: &str| {
            let o = obj(api, kind, name, None);
            ExtraObject {
                key: o.key,
                resolved: resolved.clone(),
                live: o.object,
            }
        };
        let extras = vec![
            extra("v1", "ConfigMap", "old-cm"),
            extra("apps/v1", "Deployment", "old-web"),
            extra("v1", "Namespace", "old-ns"),
        ];
        let objs = vec![obj("v1", "ConfigMap", "a", None)];
        let plan = build(
            "ns/app",
            &report(&objs, DriftState::Missing),
            &objs,
            &extras,
            true,
        )
        .expect("plan");
        assert_eq!(
            names(&plan),
            ["create a", "prune old-web", "prune old-cm", "prune old-ns"]
        );
        let plan = build(
            "ns/app",
            &report(&objs, DriftState::Missing),
            &objs,
            &extras,
            false,
        )
        .expect("plan");
        assert_eq!(names(&plan), ["create a"]);
        assert_eq!(plan.prune_skipped.len(), 3);
    }
}
