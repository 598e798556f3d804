//! The rows of the resources pane: each of the app's objects (from Git),
//! and below it, indented, what it owns in the cluster, with collapsed
//! nodes' subtrees and folded old ReplicaSets left out.

use std::collections::{BTreeSet, HashMap};

use super::model::{AppDetail, ResourceRef, ResourceRow};
use super::model_tree::{AppTree, TreeItem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneRow<'a> {
    /// One of the app's objects: `index` into the detail's resources.
    Root {
        index: usize,
        row: &'a ResourceRow,
        has_children: bool,
        collapsed: bool,
    },
    /// An object it owns.
    Owned {
        item: &'a TreeItem,
        has_children: bool,
        collapsed: bool,
    },
    /// Old ReplicaSets scaled to zero, counted in one row.
    Folded { depth: usize, count: usize },
}

impl PaneRow<'_> {
    /// The object the row stands for (none for a folded summary).
    pub fn reference(&self) -> Option<ResourceRef> {
        match self {
            PaneRow::Root { row, .. } => Some(row.reference()),
            PaneRow::Owned { item, .. } => Some(item.reference.clone()),
            PaneRow::Folded { .. } => None,
        }
    }

    pub fn depth(&self) -> usize {
        match self {
            PaneRow::Root { .. } => 0,
            PaneRow::Owned { item, .. } => item.depth,
            PaneRow::Folded { depth, .. } => *depth,
        }
    }
}

/// How the operator has shaped the tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeShape {
    pub collapsed: BTreeSet<ResourceRef>,
    /// Show old ReplicaSets scaled to zero instead of counting them.
    pub show_folded: bool,
}

pub fn pane_rows<'a>(
    detail: &'a AppDetail,
    tree: Option<&'a AppTree>,
    shape: &TreeShape,
) -> Vec<PaneRow<'a>> {
    let mut rows = Vec::with_capacity(detail.resources.len());
    // One pass over the items, not one per root: a frame of 200 roots and
    // 800 owned objects draws this every time.
    let mut by_root: HashMap<&ResourceRef, Vec<&TreeItem>> = HashMap::new();
    for item in tree.map_or(&[][..], |t| t.items.as_slice()) {
        by_root.entry(&item.root).or_default().push(item);
    }
    for (index, row) in detail.resources.iter().enumerate() {
        let reference = row.reference();
        let items: &[&TreeItem] = by_root.get(&reference).map_or(&[], Vec::as_slice);
        let collapsed = shape.collapsed.contains(&reference);
        rows.push(PaneRow::Root {
            index,
            row,
            has_children: !items.is_empty(),
            collapsed,
        });
        if !collapsed {
            owned_rows(items, shape, &mut rows);
        }
    }
    rows
}

fn owned_rows<'a>(items: &[&'a TreeItem], shape: &TreeShape, rows: &mut Vec<PaneRow<'a>>) {
    // Items deeper than this belong to a hidden node.
    let mut hidden_below: Option<usize> = None;
    for (i, item) in items.iter().enumerate() {
        if let Some(depth) = hidden_below {
            if item.depth > depth {
                continue;
            }
            hidden_below = None;
        }
        let has_children = items.get(i + 1).is_some_and(|next| next.depth > item.depth);
        if item.folded && !shape.show_folded {
            hidden_below = Some(item.depth);
            match rows.last_mut() {
                Some(PaneRow::Folded { depth, count }) if *depth == item.depth => *count += 1,
                _ => rows.push(PaneRow::Folded {
                    depth: item.depth,
                    count: 1,
                }),
            }
            continue;
        }
        let collapsed = has_children && shape.collapsed.contains(&item.reference);
        if collapsed {
            hidden_below = Some(item.depth);
        }
        rows.push(PaneRow::Owned {
            item,
            has_children,
            collapsed,
        });
    }
}
