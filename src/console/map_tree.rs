//! Engine triage results as the console's tree model: the app's objects'
//! roots from a drift report, and the tree, Why line and Events as rows.

use std::collections::HashSet;

use super::map::health_status;
use crate::engine::drift::DriftReport;
use crate::engine::render::ObjectKey;
use crate::engine::triage::{EventRecord, Root, TreeNode, Why};
use crate::tui::model::{ResourceRef, Status, Tone};
use crate::tui::model_tree::{AppTree, EventItem, TreeItem};

/// The app's objects, with the health the drift report gave them.
pub fn roots_of(report: &DriftReport) -> Vec<Root> {
    report
        .objects
        .iter()
        .map(|o| Root {
            key: o.key.clone(),
            health: o.health.clone(),
        })
        .collect()
}

fn reference(key: &ObjectKey) -> ResourceRef {
    ResourceRef {
        kind: key.kind.clone(),
        namespace: key.namespace.clone().unwrap_or_default(),
        name: key.name.clone(),
    }
}

/// The tree below each root, pre-order; Events only about objects in it.
pub fn app_tree(roots: &[TreeNode], why: Option<&Why>, events: &[EventRecord]) -> AppTree {
    let mut items = Vec::new();
    for root in roots {
        let root_ref = reference(&root.key);
        for (node, depth) in root.walk().into_iter().skip(1) {
            items.push(TreeItem {
                root: root_ref.clone(),
                depth,
                reference: reference(&node.key),
                health: node.health.as_ref().map_or_else(
                    || Status::new("-", Tone::Neutral),
                    |h| health_status(h.status.as_str()),
                ),
                reason: node.reason.clone(),
                folded: node.folded,
            });
        }
    }
    let in_tree: HashSet<(&str, &str, &str)> = roots
        .iter()
        .flat_map(|r| r.walk())
        .map(|(n, _)| {
            let k = &n.key;
            (
                k.kind.as_str(),
                k.namespace.as_deref().unwrap_or(""),
                k.name.as_str(),
            )
        })
        .collect();
    let events = events
        .iter()
        .filter(|e| in_tree.contains(&(e.kind.as_str(), e.namespace.as_str(), e.name.as_str())))
        .map(|e| EventItem {
            object: ResourceRef {
                kind: e.kind.clone(),
                namespace: e.namespace.clone(),
                name: e.name.clone(),
            },
            warning: e.warning,
            reason: e.reason.clone(),
            message: e.message.clone(),
            count: e.count,
            last_seen: e.last_seen,
            source: e.source.clone(),
        })
        .collect();
    AppTree {
        items,
        why: why.map(ToString::to_string),
        events,
    }
}
