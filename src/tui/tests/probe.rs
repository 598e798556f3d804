//! Small readers of the state shared by the behaviour tests.

use crate::tui::app_state::Pane;
use crate::tui::state::{State, StatusKind};

pub fn set_focus(state: &mut State, pane: Pane) {
    match state.app_view_mut() {
        Some(view) => view.focus = pane,
        None => panic!("not in the app view"),
    }
}

pub fn status_text(state: &State) -> Option<(StatusKind, &str)> {
    state.status.as_ref().map(|s| (s.kind, s.text.as_str()))
}

pub fn visible_names(state: &State) -> Vec<String> {
    state
        .visible
        .iter()
        .map(|&i| state.apps[i].id.to_string())
        .collect()
}
