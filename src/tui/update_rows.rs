//! Rows from the backend into the apps table: a tool's whole set for a
//! cluster, or the few rows that changed.

use super::model::{AppId, AppRow, AppTool, ClusterInfo};
use super::state::State;

pub fn apps_updated(state: &mut State, cluster: String, tool: AppTool, rows: Vec<AppRow>) {
    if state.cluster(&cluster).is_none() {
        state.clusters.push(ClusterInfo::reachable(cluster.clone()));
        state.mark_dirty();
    }
    let rows: Vec<AppRow> = rows
        .into_iter()
        .filter(|row| row.id.cluster == cluster && row.id.tool == tool)
        .collect();
    let unchanged = state
        .apps
        .iter()
        .filter(|row| row.id.cluster == cluster && row.id.tool == tool)
        .eq(rows.iter());
    if unchanged {
        return;
    }
    let selected = followed_selection(state);
    state
        .apps
        .retain(|row| row.id.cluster != cluster || row.id.tool != tool);
    state.apps.extend(rows);
    state.rows_version = super::state::RowsVersion::fresh();
    state.rebuild_visible(selected);
    state.mark_dirty();
}

pub fn rows_changed(
    state: &mut State,
    cluster: &str,
    tool: AppTool,
    changed: Vec<AppRow>,
    removed: &[AppId],
) {
    let ours = |id: &AppId| id.cluster == cluster && id.tool == tool;
    let selected = followed_selection(state);
    let mut any = false;
    for row in changed.into_iter().filter(|row| ours(&row.id)) {
        match state.apps.iter_mut().find(|r| r.id == row.id) {
            Some(existing) if *existing == row => {}
            Some(existing) => {
                *existing = row;
                any = true;
            }
            None => {
                state.apps.push(row);
                any = true;
            }
        }
    }
    let before = state.apps.len();
    state
        .apps
        .retain(|row| !(ours(&row.id) && removed.contains(&row.id)));
    any |= state.apps.len() != before;
    if any {
        state.rows_version = super::state::RowsVersion::fresh();
        state.rebuild_visible(selected);
        state.mark_dirty();
    }
}

/// The app the selection stays on as rows come and go: the selected one,
/// unless the selection is still on the first row, where it stays (at
/// start the clusters answer one by one; the first row then is whichever
/// came first, not a choice of the operator's).
fn followed_selection(state: &State) -> Option<AppId> {
    if state.list.selected == 0 {
        return None;
    }
    state.selected_app().map(|row| row.id.clone())
}
