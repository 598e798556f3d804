//! Actions on the apps list.

use super::action::Action;
use super::app_state::AppView;
use super::layout;
use super::msg::Effect;
use super::state::{InputKind, InputLine, Screen, State};
use super::text_field::TextField;
use super::{update_batch, update_requests};

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    if move_selection(state, action) {
        return Vec::new();
    }
    match action {
        Action::Open => open_selected(state),
        Action::ToggleSelect => {
            if let Some(id) = state.selected_app().map(|row| row.id.clone()) {
                state.selection.toggle(id);
                // Down one row, so space, space, space marks a run of apps.
                let len = state.visible.len();
                let viewport = layout::apps_rows(state.width, state.height);
                state.list.move_by(1, len, viewport);
                state.mark_dirty();
            }
            Vec::new()
        }
        Action::SelectShown => {
            let shown: Vec<_> = state
                .visible
                .iter()
                .filter_map(|&i| state.apps.get(i).map(|row| row.id.clone()))
                .collect();
            if state.selection.select_all(shown) > 0 {
                state.mark_dirty();
            }
            Vec::new()
        }
        Action::Back if !state.selection.is_empty() => {
            state.selection.clear();
            state.mark_dirty();
            Vec::new()
        }
        Action::Sync if !state.selection.is_empty() => {
            update_batch::open(state, super::batch::BatchAction::Sync)
        }
        Action::PauseResume if !state.selection.is_empty() => update_batch::pause_or_resume(state),
        Action::Back if !state.filter.is_empty() => {
            state.filter.clear();
            state.refresh_visible();
            state.mark_dirty();
            Vec::new()
        }
        Action::Filter => {
            state.input = Some(InputLine {
                kind: InputKind::Filter,
                field: TextField::with_text(state.filter.clone()),
            });
            state.mark_dirty();
            Vec::new()
        }
        Action::Command => {
            start_command(state);
            Vec::new()
        }
        Action::SortNext => {
            state.sort = state.sort.next();
            state.refresh_visible();
            state.mark_dirty();
            Vec::new()
        }
        Action::Sync => match state.selected_app() {
            Some(row) => update_requests::request_sync(state, row.id.clone()),
            None => Vec::new(),
        },
        Action::PauseResume => match state.selected_app() {
            Some(row) => update_requests::pause_or_resume(state, row.id.clone()),
            None => Vec::new(),
        },
        Action::CreateApp => super::update_lifecycle::open_create(state),
        Action::DeleteApp => match state.selected_app() {
            Some(row) => super::update_lifecycle::request_delete(state, row.id.clone()),
            None => Vec::new(),
        },
        Action::ViewYaml => match state.selected_app() {
            Some(row) => update_requests::open_yaml(state, row.id.clone(), None, true),
            None => Vec::new(),
        },
        Action::Refresh => match state.selected_app() {
            Some(row) => {
                let app = row.id.clone();
                let request_id = state.requests.issue();
                state.requests.refresh = Some(request_id);
                state.set_info(format!("refreshing {app}…"));
                vec![Effect::RefreshGit { request_id, app }]
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

pub fn start_command(state: &mut State) {
    state.input = Some(InputLine {
        kind: InputKind::Command,
        field: TextField::default(),
    });
    state.mark_dirty();
}

/// Movement keys on the list; true when the action was one.
pub fn move_selection(state: &mut State, action: Action) -> bool {
    let len = state.visible.len();
    let viewport = layout::apps_rows(state.width, state.height);
    let page = viewport.max(1) as isize;
    let before = state.list;
    match action {
        Action::MoveUp => state.list.move_by(-1, len, viewport),
        Action::MoveDown => state.list.move_by(1, len, viewport),
        Action::PageUp => state.list.move_by(-page, len, viewport),
        Action::PageDown => state.list.move_by(page, len, viewport),
        Action::Top => state.list.select(0, len, viewport),
        Action::Bottom => state.list.select(len.saturating_sub(1), len, viewport),
        _ => return false,
    }
    state.mark_if_changed(before, state.list);
    true
}

fn open_selected(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_app() else {
        return Vec::new();
    };
    let app = row.id.clone();
    let request_id = state.requests.issue();
    state.requests.detail = Some(request_id);
    state.screen = Screen::App(Box::new(AppView::new(app.clone())));
    state.mark_dirty();
    vec![Effect::LoadDetail { request_id, app }]
}
