//! The apps marked for one action on all of them (pause, resume or sync a
//! whole team's apps during an incident). Marked by identity, not by row
//! position, so rows arriving from the watches neither move nor lose a
//! mark; an app that is gone from every cluster is dropped.

use std::collections::BTreeSet;

use super::model::{AppId, AppRow};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    ids: BTreeSet<AppId>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn contains(&self, id: &AppId) -> bool {
        self.ids.contains(id)
    }

    /// The marked apps, in a stable order (cluster, namespace, name, tool).
    pub fn ids(&self) -> impl Iterator<Item = &AppId> {
        self.ids.iter()
    }

    /// Marks `id`, or unmarks it when marked; true when it is now marked.
    pub fn toggle(&mut self, id: AppId) -> bool {
        if self.ids.remove(&id) {
            return false;
        }
        self.ids.insert(id);
        true
    }

    /// Marks every app given; returns how many were not marked before.
    pub fn select_all(&mut self, ids: impl IntoIterator<Item = AppId>) -> usize {
        ids.into_iter()
            .filter(|id| self.ids.insert(id.clone()))
            .count()
    }

    /// Unmarks everything; true when something was marked.
    pub fn clear(&mut self) -> bool {
        let had = !self.ids.is_empty();
        self.ids.clear();
        had
    }

    /// Keeps only apps that still have a row; true when one was dropped.
    pub fn retain_present(&mut self, rows: &[AppRow]) -> bool {
        if self.ids.is_empty() {
            return false;
        }
        let present: BTreeSet<&AppId> = rows.iter().map(|r| &r.id).collect();
        let before = self.ids.len();
        self.ids.retain(|id| present.contains(id));
        self.ids.len() != before
    }
}
