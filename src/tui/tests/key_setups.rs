//! Starting states and small probes for the key table.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::app_state::AppView;
use crate::tui::msg::Msg;
use crate::tui::overlay::Overlay;
use crate::tui::state::{InputKind, State};

use super::fixtures::{self, api_id};
use super::scenes::{self, act, request_id, type_text};

pub fn apps_at(index: usize) -> State {
    let mut state = scenes::apps(80, 24);
    state.list.selected = index;
    state
}
pub fn apps_first() -> State {
    apps_at(0)
}
pub fn apps_third() -> State {
    apps_at(2)
}
pub fn apps_api() -> State {
    let mut state = scenes::apps(80, 24);
    fixtures::select_app(&mut state, &api_id());
    state
}
pub fn apps_filtered() -> State {
    let mut state = scenes::filter(80, 24);
    act(&mut state, Action::Confirm);
    state
}
pub fn app_view() -> State {
    fixtures::app_view_state(80, 24)
}
pub fn app_view_resource_diff() -> State {
    let mut state = app_view();
    act(&mut state, Action::Open);
    state
}
pub fn confirm_sync() -> State {
    scenes::confirm_sync(80, 24)
}
pub fn confirm_long() -> State {
    let mut state = apps_api();
    let effects = act(&mut state, Action::Sync);
    let mut plan = fixtures::sync_plan();
    plan.lines = (0..5).flat_map(|_| plan.lines.clone()).collect();
    update(
        &mut state,
        Msg::PlanReady {
            request_id: request_id(&effects),
            plan,
        },
    );
    state
}
pub fn confirm_rollback() -> State {
    scenes::confirm_rollback(80, 24)
}
pub fn pause() -> State {
    let mut state = apps_api();
    act(&mut state, Action::PauseResume);
    state
}
pub fn create_form() -> State {
    let mut state = apps_api();
    act(&mut state, Action::CreateApp);
    state
}
pub fn delete_dialog() -> State {
    let mut state = apps_api();
    let effects = act(&mut state, Action::DeleteApp);
    update(
        &mut state,
        Msg::DeletePlanReady {
            request_id: request_id(&effects),
            plan: fixtures::delete_plan(),
        },
    );
    state
}
pub fn filter() -> State {
    scenes::filter(80, 24)
}
pub fn command() -> State {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::Command);
    type_text(&mut state, "ctx prod");
    state
}
pub fn progress() -> State {
    scenes::progress(80, 24)
}
pub fn yaml() -> State {
    scenes::yaml(80, 24)
}
pub fn help() -> State {
    scenes::help(80, 24)
}
pub fn apps_selected() -> State {
    scenes::apps_selected(80, 24)
}
pub fn batch_confirm() -> State {
    scenes::batch_confirm(80, 24)
}

pub fn selected(state: &State) -> usize {
    state.list.selected
}
pub fn view(state: &State) -> &AppView {
    state
        .app_view()
        .unwrap_or_else(|| panic!("not in the app view"))
}
pub fn top(state: &State) -> Option<&Overlay> {
    state.overlays.last()
}
pub fn input_kind(state: &State) -> Option<InputKind> {
    state.input.as_ref().map(|i| i.kind)
}
pub fn confirm_scroll(state: &State) -> usize {
    match top(state) {
        Some(Overlay::Confirm(dialog)) => dialog.scroll,
        _ => usize::MAX,
    }
}
pub fn viewer_scroll(state: &State) -> usize {
    match top(state) {
        Some(Overlay::Yaml(view)) => view.scroll,
        Some(Overlay::Help(view)) => view.scroll,
        _ => usize::MAX,
    }
}
