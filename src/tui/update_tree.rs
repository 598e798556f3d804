//! The resource tree's shape: collapsing a node, showing folded rows, and
//! keeping the selection on a row that still exists.

use super::app_state::AppView;
use super::layout;
use super::tree_rows::PaneRow;

/// Collapses or expands the selected row's subtree; false when the row owns
/// nothing (nothing changed).
pub fn toggle_collapse(view: &mut AppView, width: u16, height: u16) -> bool {
    let row = view.pane_rows().get(view.resources.selected).copied();
    let reference = match row {
        Some(PaneRow::Root {
            row, has_children, ..
        }) if has_children => row.reference(),
        Some(PaneRow::Owned {
            item, has_children, ..
        }) if has_children => item.reference.clone(),
        _ => return false,
    };
    if !view.shape.collapsed.remove(&reference) {
        view.shape.collapsed.insert(reference);
    }
    clamp_rows(view, width, height);
    true
}

/// After the rows changed: the selection stays within them and in view.
pub fn clamp_rows(view: &mut AppView, width: u16, height: u16) {
    let areas = layout::app_view_for(width, height, view.focus, view.why().is_some());
    let len = view.pane_rows().len();
    let viewport = layout::inner_rows(areas.resources).saturating_sub(1).max(1);
    view.resources.clamp(len, viewport);
}
