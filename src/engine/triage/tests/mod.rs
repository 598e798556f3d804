//! Tree, folding and Why on objects captured from `recon demo`'s clusters
//! (`kubectl get -o yaml`): staging's worker waits for a node with a GPU,
//! prod's worker was rolled back (one ReplicaSet scaled to zero), staging's
//! web is served by a Service with an EndpointSlice.

use serde_json::Value;

use super::*;
use crate::engine::health::{Health, HealthStatus, assess};
use crate::engine::render::ObjectKey;

/// Every object of a fixture (a YAML stream of objects).
fn objects(yaml: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(yaml)
        .map(|doc| {
            let value: serde_yaml::Value =
                serde::Deserialize::deserialize(doc).expect("fixture YAML");
            serde_json::to_value(value).expect("fixture as JSON")
        })
        .collect()
}

/// The fixture's objects of `kinds` as the app's roots (with their health
/// as the drift report gives it), the others as what they own, Events apart.
fn split(all: &[Value], root_kinds: &[&str]) -> (Vec<Root>, Vec<Value>, Vec<EventRecord>) {
    let mut roots = Vec::new();
    let mut owned = Vec::new();
    let mut events = Vec::new();
    for o in all {
        let kind = o["kind"].as_str().unwrap_or_default();
        if kind == "Event" {
            events.extend(parse_event(o));
        } else if root_kinds.contains(&kind) {
            roots.push(Root {
                key: ObjectKey::from_value(o).expect("a key"),
                health: assess(o),
            });
        } else {
            owned.push(o.clone());
        }
    }
    newest_first(&mut events);
    (roots, owned, events)
}

const PENDING: &str = include_str!("../fixtures/pending_worker.yaml");
const ROLLED_BACK: &str = include_str!("../fixtures/rolled_back_worker.yaml");
const SERVED: &str = include_str!("../fixtures/served_web.yaml");

fn shape(tree: &[TreeNode]) -> Vec<String> {
    tree.iter()
        .flat_map(|r| r.walk())
        .map(|(n, depth)| {
            let fold = if n.folded { " (folded)" } else { "" };
            format!("{}{} {}{fold}", "  ".repeat(depth), n.key.kind, n.key.name)
        })
        .collect()
}

#[test]
fn a_deployment_owns_its_replica_set_which_owns_the_pods() {
    let (roots, owned, _) = split(&objects(PENDING), &["Deployment"]);
    let tree = build(&roots, &owned);
    assert_eq!(
        shape(&tree),
        [
            "Deployment worker",
            "  ReplicaSet worker-6677898c46",
            "    Pod worker-6677898c46-6mbwh",
            "    Pod worker-6677898c46-7q85g",
            "    Pod worker-6677898c46-z8pdq",
        ]
    );
    let pod = &tree[0].children[0].children[0];
    assert_eq!(pod.phase.as_deref(), Some("Pending"));
    assert!(
        pod.reason
            .contains("didn't match Pod's node affinity/selector"),
        "the scheduler's condition message: {}",
        pod.reason
    );
}

#[test]
fn the_why_line_names_the_pending_pod_and_the_schedulers_reason() {
    let (roots, owned, events) = split(&objects(PENDING), &["Deployment"]);
    let why = why(&build(&roots, &owned), &events).expect("the worker is unhealthy");
    assert_eq!(why.key.kind, "Pod");
    assert_eq!(
        why.key.name, "worker-6677898c46-6mbwh",
        "the first of the deepest"
    );
    assert_eq!(why.state, "Pending");
    let line = why.to_string();
    assert!(
        line.starts_with("Pod worker-6677898c46-6mbwh Pending: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector"),
        "{line}"
    );
}

#[test]
fn events_of_the_pods_are_parsed_newest_first_with_warnings_marked() {
    let (_, _, events) = split(&objects(PENDING), &["Deployment"]);
    let failed: Vec<&EventRecord> = events
        .iter()
        .filter(|e| e.reason == "FailedScheduling")
        .collect();
    assert_eq!(failed.len(), 6, "two attempts for each of three pods");
    assert!(
        failed
            .iter()
            .all(|e| e.warning && e.kind == "Pod" && e.source.contains("scheduler"))
    );
    assert!(
        events.windows(2).all(|w| w[0].last_seen >= w[1].last_seen),
        "newest first"
    );
    let scaled = events
        .iter()
        .find(|e| e.reason == "ScalingReplicaSet")
        .expect("the rollout");
    assert!(!scaled.warning);
    assert_eq!(
        (scaled.kind.as_str(), scaled.name.as_str()),
        ("Deployment", "worker")
    );
}

#[test]
fn a_replica_set_scaled_to_zero_after_a_rollback_is_folded_and_ignored_by_why() {
    let (roots, owned, _) = split(&objects(ROLLED_BACK), &["Deployment"]);
    let tree = build(&roots, &owned);
    assert_eq!(
        shape(&tree),
        [
            "Deployment worker",
            "  ReplicaSet worker-564d44f488",
            "    Pod worker-564d44f488-6tphx",
            "    Pod worker-564d44f488-n7d9k",
            "    Pod worker-564d44f488-phcvf",
            "  ReplicaSet worker-6677898c46 (folded)",
        ]
    );
    assert_eq!(why(&tree, &[]), None, "a healthy app has no Why line");
}

#[test]
fn a_service_owns_its_endpoint_slice_and_objects_of_other_apps_stay_out() {
    let all = objects(SERVED);
    let (roots, owned, _) = split(&all, &["Deployment", "Service"]);
    let tree = build(&roots, &owned);
    let service = tree
        .iter()
        .find(|n| n.key.kind == "Service")
        .expect("the Service");
    assert_eq!(service.children.len(), 1);
    assert_eq!(service.children[0].key.kind, "EndpointSlice");
    // Without the Deployment among the roots, its ReplicaSet and pods belong to no root.
    let only_service: Vec<Root> = roots
        .into_iter()
        .filter(|r| r.key.kind == "Service")
        .collect();
    assert_eq!(shape(&build(&only_service, &owned)).len(), 2);
}

#[test]
fn a_root_without_children_is_its_own_cause() {
    let root = Root {
        key: ObjectKey {
            group: "apps".into(),
            kind: "StatefulSet".into(),
            namespace: Some("db".into()),
            name: "pg".into(),
        },
        health: Some(Health::new(HealthStatus::Degraded, "0 of 1 ready")),
    };
    let why = why(&build(&[root], &[]), &[]).expect("degraded");
    assert_eq!(why.to_string(), "StatefulSet pg Degraded: 0 of 1 ready");
}

#[test]
fn owner_references_that_loop_do_not_hang_the_tree() {
    let pod = |name: &str, uid: &str, owner: &str| {
        serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "x", "uid": uid,
                "ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "other", "uid": owner}]}
        })
    };
    let owned = [pod("a", "1", "2"), pod("b", "2", "1")];
    let root = Root {
        key: ObjectKey {
            group: String::new(),
            kind: "Pod".into(),
            namespace: Some("x".into()),
            name: "a".into(),
        },
        health: None,
    };
    // Neither hangs under the root (their owners are each other), and nothing loops.
    assert_eq!(shape(&build(&[root], &owned)), ["Pod a"]);
}

#[test]
fn only_the_states_the_why_line_looks_for_are_worth_explaining() {
    for health in ["Degraded", "Progressing", "Missing"] {
        assert!(worth_explaining(health), "{health}");
    }
    for health in ["Healthy", "Suspended", "Unknown", "", "degraded"] {
        assert!(!worth_explaining(health), "{health}");
    }
}
