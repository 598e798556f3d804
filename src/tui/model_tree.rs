//! The open app's resource tree as the console shows it: what each of the
//! app's objects owns (pre-order, below its root row), the Why line, and
//! the Events of the app's namespaces.

use std::collections::HashSet;

use jiff::Timestamp;

use super::model::{ResourceRef, Status};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppTree {
    /// Owned objects, each under the app object it belongs to.
    pub items: Vec<TreeItem>,
    /// The root cause of an unhealthy app, one line.
    pub why: Option<String>,
    /// Newest first.
    pub events: Vec<EventItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeItem {
    /// The app's object (a row of the resources pane) this hangs under.
    pub root: ResourceRef,
    /// 1 for what the root owns directly, 2 below that…
    pub depth: usize,
    pub reference: ResourceRef,
    pub health: Status,
    pub reason: String,
    /// An old ReplicaSet scaled to zero, hidden until asked for.
    pub folded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventItem {
    pub object: ResourceRef,
    pub warning: bool,
    pub reason: String,
    pub message: String,
    pub count: u64,
    pub last_seen: Option<Timestamp>,
    pub source: String,
}

impl AppTree {
    /// `object` and everything under it: all a root owns, or an owned
    /// object and the items after it that are deeper.
    pub fn subtree<'a>(&'a self, object: &'a ResourceRef) -> HashSet<&'a ResourceRef> {
        let mut refs: HashSet<&ResourceRef> = HashSet::new();
        refs.insert(object);
        match self.items.iter().position(|i| &i.reference == object) {
            Some(start) => {
                let depth = self.items[start].depth;
                let root = &self.items[start].root;
                refs.extend(
                    self.items[start + 1..]
                        .iter()
                        .take_while(|i| i.depth > depth && &i.root == root)
                        .map(|i| &i.reference),
                );
            }
            None => refs.extend(self.under(object).into_iter().map(|i| &i.reference)),
        }
        refs
    }

    /// The Events about `object` and everything under it, newest first.
    pub fn events_of(&self, object: &ResourceRef) -> Vec<&EventItem> {
        let refs = self.subtree(object);
        self.events
            .iter()
            .filter(|e| refs.contains(&e.object))
            .collect()
    }

    /// The items under `root`, in order.
    pub fn under(&self, root: &ResourceRef) -> Vec<&TreeItem> {
        self.items.iter().filter(|i| &i.root == root).collect()
    }
}
