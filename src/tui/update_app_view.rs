//! Actions in the app view (resources, diff and history panes).

use super::action::Action;
use super::app_state::{AppView, DiffSource, Pane};
use super::cursor::scroll_by;
use super::layout;
use super::msg::Effect;
use super::overlay::{EventsView, Overlay};
use super::state::{Screen, State};
use super::tree_rows::PaneRow;
use super::update_apps::start_command;
use super::update_requests;

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let (width, height) = (state.width, state.height);
    let Screen::App(view) = &mut state.screen else {
        return Vec::new();
    };
    let position = view.position();
    if move_in_pane(view, action, width, height) {
        let moved = view.position();
        state.mark_if_changed(position, moved);
        return Vec::new();
    }
    let app = view.app.clone();
    match action {
        Action::NextPane => view.focus = view.focus.next(),
        Action::PrevPane => view.focus = view.focus.prev(),
        Action::ToggleSideBySide => view.side_by_side = Some(!view.side_by_side(width)),
        Action::ShowAppDiff => {
            if !show_diff(view, DiffSource::App) {
                return Vec::new();
            }
        }
        Action::Open => return open_in_pane(state),
        Action::Back => {
            state.screen = Screen::Apps;
            state.requests.detail = None;
            state.requests.commit_diff = None;
        }
        Action::Command => start_command(state),
        Action::Sync => return update_requests::request_sync(state, app),
        Action::PauseResume => return update_requests::pause_or_resume(state, app),
        Action::Rollback => return rollback_to_selected(state),
        Action::DeleteApp => return super::update_lifecycle::request_delete(state, app),
        Action::ViewYaml | Action::ViewDesiredYaml => {
            let resource = view.selected_reference();
            let live = action == Action::ViewYaml;
            return update_requests::open_yaml(state, app, resource, live);
        }
        Action::ViewLogs => {
            let resource = view.selected_reference();
            return super::update_logs::open(state, app, resource);
        }
        Action::ViewEvents => {
            let Some(object) = view.selected_reference() else {
                return Vec::new();
            };
            state
                .overlays
                .push(Overlay::Events(EventsView { object, scroll: 0 }));
        }
        Action::ToggleCollapse => {
            if !super::update_tree::toggle_collapse(view, width, height) {
                return Vec::new();
            }
        }
        Action::ToggleFolded => {
            view.shape.show_folded = !view.shape.show_folded;
            super::update_tree::clamp_rows(view, width, height);
        }
        // The detail is reloaded when the fetch has finished (see
        // update_backend), so it shows what Git has now.
        Action::Refresh => {
            let request_id = state.requests.issue();
            state.requests.refresh = Some(request_id);
            state.set_info(format!("refreshing {app}…"));
            return vec![Effect::RefreshGit { request_id, app }];
        }
        _ => return Vec::new(),
    }
    // Each arm that falls through changed the view.
    state.mark_dirty();
    Vec::new()
}

/// Show `source` in the diff pane from its top; false when it was already
/// shown there (nothing changed).
fn show_diff(view: &mut AppView, source: DiffSource) -> bool {
    if view.diff_source == source && view.diff_scroll == 0 {
        return false;
    }
    view.diff_source = source;
    view.diff_scroll = 0;
    true
}

/// Movement keys go to the focused pane; true when the action was one.
fn move_in_pane(view: &mut AppView, action: Action, width: u16, height: u16) -> bool {
    let areas = layout::app_view_for(width, height, view.focus, view.why().is_some());
    let (delta, to_end): (isize, Option<bool>) = match action {
        Action::MoveUp => (-1, None),
        Action::MoveDown => (1, None),
        Action::PageUp => (-(pane_rows(view.focus, &areas) as isize), None),
        Action::PageDown => (pane_rows(view.focus, &areas) as isize, None),
        Action::Top => (0, Some(false)),
        Action::Bottom => (0, Some(true)),
        _ => return false,
    };
    let viewport = pane_rows(view.focus, &areas);
    let resources = view.pane_rows().len();
    let history = view.detail.as_ref().map_or(0, |d| d.history.len());
    let cursor_len = match view.focus {
        Pane::Resources => resources,
        Pane::History => history,
        // Side by side pairs removed and added lines: scroll in the rows drawn.
        Pane::Diff => super::view::diff::row_count(view.diff_lines(), view.side_by_side(width)),
    };
    let target = |selected: usize| match to_end {
        Some(true) => cursor_len.saturating_sub(1),
        Some(false) => 0,
        None => selected.saturating_add_signed(delta),
    };
    match view.focus {
        Pane::Resources => {
            let index = target(view.resources.selected);
            view.resources.select(index, cursor_len, viewport);
        }
        Pane::History => {
            let index = target(view.history.selected);
            view.history.select(index, cursor_len, viewport);
        }
        Pane::Diff => {
            let delta = match to_end {
                Some(true) => isize::MAX / 2,
                Some(false) => isize::MIN / 2,
                None => delta,
            };
            view.diff_scroll = scroll_by(view.diff_scroll, delta, cursor_len, viewport);
        }
    }
    true
}

fn pane_rows(pane: Pane, areas: &layout::AppAreas) -> usize {
    let area = match pane {
        Pane::Resources => areas.resources,
        Pane::Diff => areas.diff,
        Pane::History => areas.history,
    };
    // Tables in panes spend one row on their column header.
    let header = usize::from(pane == Pane::Resources);
    layout::inner_rows(area).saturating_sub(header).max(1)
}

/// Enter: a resource shows its own drift (again: back to the whole app);
/// a commit loads what it changed.
fn open_in_pane(state: &mut State) -> Vec<Effect> {
    let Screen::App(view) = &mut state.screen else {
        return Vec::new();
    };
    let Some(detail) = &view.detail else {
        return Vec::new();
    };
    match view.focus {
        Pane::Resources => {
            // Ok(index of a row from Git), Err(an owned object), None: a folded row.
            let picked = match view.pane_rows().get(view.resources.selected) {
                Some(PaneRow::Root { index, .. }) => Some(Ok(*index)),
                Some(PaneRow::Owned { item, .. }) => Some(Err(item.reference.to_string())),
                Some(PaneRow::Folded { .. }) => None,
                None => return Vec::new(),
            };
            let index = match picked {
                Some(Ok(index)) => index,
                Some(Err(what)) => {
                    state.set_info(format!(
                        "{what} is not in Git, so it has no drift: y live YAML, e events, l logs"
                    ));
                    return Vec::new();
                }
                None => {
                    view.shape.show_folded = true;
                    state.mark_dirty();
                    return Vec::new();
                }
            };
            let source = if view.diff_source == DiffSource::Resource(index) {
                DiffSource::App
            } else {
                DiffSource::Resource(index)
            };
            show_diff(view, source);
            state.mark_dirty();
            Vec::new()
        }
        Pane::History => {
            let Some(commit) = detail.history.get(view.history.selected) else {
                return Vec::new();
            };
            let (short, full) = (commit.short.clone(), commit.full.clone());
            let app = view.app.clone();
            show_diff(view, DiffSource::Commit { short, lines: None });
            state.mark_dirty();
            let request_id = state.requests.issue();
            state.requests.commit_diff = Some(request_id);
            vec![Effect::LoadCommitDiff {
                request_id,
                app,
                commit: full,
            }]
        }
        Pane::Diff => Vec::new(),
    }
}

fn rollback_to_selected(state: &mut State) -> Vec<Effect> {
    let Some(view) = state.app_view() else {
        return Vec::new();
    };
    let app = view.app.clone();
    if update_requests::refuse_if_readonly(state, "rollback", &app) {
        return Vec::new();
    }
    let Some(view) = state.app_view() else {
        return Vec::new();
    };
    let Some(commit) = view
        .detail
        .as_ref()
        .and_then(|d| d.history.get(view.history.selected))
    else {
        state.set_error("no commit selected: pick one in the history pane");
        return Vec::new();
    };
    if commit.deployed {
        let short = commit.short.clone();
        state.set_error(format!(
            "{short} is already deployed: select an older commit in history"
        ));
        return Vec::new();
    }
    let revision = commit.full.clone();
    update_requests::request_rollback(state, app, revision)
}
