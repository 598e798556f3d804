//! The resource tree: each of an app's objects with what it owns, found
//! through owner references (by uid below the app's own objects, whose uids
//! the caller need not know: an owner reference names kind and name too).

use std::collections::HashMap;

use serde_json::Value;

use super::reason::object_reason;
use crate::engine::health::fields::{array_at, at, int_at, str_at};
use crate::engine::health::{Health, assess};
use crate::engine::render::{ObjectKey, group_of};

/// Deeper than any real chain (CronJob → Job → Pod is three): a guard
/// against owner references that loop.
const MAX_DEPTH: usize = 6;

/// One of the app's own objects, as its status or drift report knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub key: ObjectKey,
    pub health: Option<Health>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    pub key: ObjectKey,
    pub health: Option<Health>,
    /// The cluster's one-line reason for the object's state.
    pub reason: String,
    /// An old ReplicaSet scaled to zero: kept, but folded away when shown.
    pub folded: bool,
    /// A Pod's phase (`Pending`), which says more than its health word.
    pub phase: Option<String>,
    pub created: Option<jiff::Timestamp>,
    pub children: Vec<TreeNode>,
}

impl TreeNode {
    /// Every node of this subtree, this one first (pre-order).
    pub fn walk(&self) -> Vec<(&TreeNode, usize)> {
        let mut out = Vec::new();
        fn visit<'a>(node: &'a TreeNode, depth: usize, out: &mut Vec<(&'a TreeNode, usize)>) {
            out.push((node, depth));
            for child in &node.children {
                visit(child, depth + 1, out);
            }
        }
        visit(self, 0, &mut out);
        out
    }
}

enum Parent {
    Object(usize),
    Root(usize),
}

/// The tree of every root, in the roots' order; owned objects whose owner
/// is neither a root nor another owned object are left out.
pub fn build(roots: &[Root], owned: &[Value]) -> Vec<TreeNode> {
    let by_uid: HashMap<&str, usize> = owned
        .iter()
        .enumerate()
        .filter_map(|(i, o)| Some((str_at(o, &["metadata", "uid"])?, i)))
        .collect();
    let mut under_object: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut under_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, object) in owned.iter().enumerate() {
        match parent_of(i, object, &by_uid, roots) {
            Some(Parent::Object(p)) => under_object.entry(p).or_default().push(i),
            Some(Parent::Root(r)) => under_root.entry(r).or_default().push(i),
            None => {}
        }
    }
    let tree = Tree {
        owned,
        under_object,
    };
    roots
        .iter()
        .enumerate()
        .map(|(r, root)| TreeNode {
            key: root.key.clone(),
            reason: root
                .health
                .as_ref()
                .map(|h| h.message.clone())
                .unwrap_or_default(),
            health: root.health.clone(),
            folded: false,
            phase: None,
            created: None,
            children: tree.nodes(under_root.get(&r).map_or(&[][..], Vec::as_slice), 1),
        })
        .collect()
}

struct Tree<'a> {
    owned: &'a [Value],
    under_object: HashMap<usize, Vec<usize>>,
}

impl Tree<'_> {
    fn nodes(&self, indices: &[usize], depth: usize) -> Vec<TreeNode> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let mut nodes: Vec<TreeNode> = indices
            .iter()
            .filter_map(|&i| {
                let object = &self.owned[i];
                let key = ObjectKey::from_value(object)?;
                let health = assess(object);
                let message = health.as_ref().map_or("", |h| h.message.as_str());
                let children = self
                    .under_object
                    .get(&i)
                    .map_or(Vec::new(), |c| self.nodes(c, depth + 1));
                Some(TreeNode {
                    reason: object_reason(object, message),
                    folded: is_old_replica_set(object),
                    phase: str_at(object, &["status", "phase"])
                        .filter(|_| key.kind == "Pod")
                        .map(str::to_string),
                    created: str_at(object, &["metadata", "creationTimestamp"])
                        .and_then(|t| t.parse().ok()),
                    key,
                    health,
                    children,
                })
            })
            .collect();
        nodes.sort_by(|a, b| {
            kind_rank(&a.key.kind)
                .cmp(&kind_rank(&b.key.kind))
                .then_with(|| b.created.cmp(&a.created))
                .then_with(|| a.key.name.cmp(&b.key.name))
        });
        nodes
    }
}

/// Workloads' own children first, then what serves them.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "ReplicaSet" | "ControllerRevision" => 0,
        "Job" => 1,
        "Pod" => 2,
        "EndpointSlice" => 3,
        _ => 4,
    }
}

/// The owner this object hangs under: its controller (else any owner) when
/// that is another owned object, else the root its owner reference names.
fn parent_of(
    index: usize,
    object: &Value,
    by_uid: &HashMap<&str, usize>,
    roots: &[Root],
) -> Option<Parent> {
    let mut owners: Vec<&Value> = array_at(object, &["metadata", "ownerReferences"])
        .iter()
        .collect();
    // The controller first: it is the owner that acts.
    owners.sort_by_key(|o| at(o, &["controller"]).and_then(Value::as_bool) != Some(true));
    let namespace = str_at(object, &["metadata", "namespace"]);
    for owner in owners {
        if let Some(&p) = str_at(owner, &["uid"]).and_then(|uid| by_uid.get(uid))
            && p != index
        {
            return Some(Parent::Object(p));
        }
        let kind = str_at(owner, &["kind"]);
        let name = str_at(owner, &["name"]);
        let group = str_at(owner, &["apiVersion"]).map(group_of);
        let root = roots.iter().position(|r| {
            Some(r.key.kind.as_str()) == kind
                && Some(r.key.name.as_str()) == name
                && Some(r.key.group.as_str()) == group
                // Owner references never cross namespaces; a cluster-scoped owner has none.
                && (r.key.namespace.is_none() || r.key.namespace.as_deref() == namespace)
        });
        if let Some(r) = root {
            return Some(Parent::Root(r));
        }
    }
    None
}

/// A ReplicaSet a Deployment has scaled to zero: history, not state.
fn is_old_replica_set(object: &Value) -> bool {
    str_at(object, &["kind"]) == Some("ReplicaSet")
        && int_at(object, &["spec", "replicas"]) == Some(0)
        && int_at(object, &["status", "replicas"]).unwrap_or(0) == 0
        && array_at(object, &["metadata", "ownerReferences"])
            .iter()
            .any(|o| str_at(o, &["kind"]) == Some("Deployment"))
}
