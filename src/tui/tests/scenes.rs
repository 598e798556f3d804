//! The states shown in snapshots, each reached through `update` the way a
//! user and the backend would get there.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::keys::KeyCombo;
use crate::tui::model::AppId;
use crate::tui::msg::{Effect, Msg, RequestId};
use crate::tui::state::State;

use super::fixtures::{self, api_id, select_app};

pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action))
}

pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Msg::Input(KeyCombo::char(c)));
    }
}

pub fn request_id(effects: &[Effect]) -> RequestId {
    effects
        .iter()
        .find_map(Effect::request_id)
        .unwrap_or_else(|| panic!("expected a request among {effects:?}"))
}

pub fn apps(width: u16, height: u16) -> State {
    fixtures::apps_state(width, height)
}

pub fn filter(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    act(&mut state, Action::Filter);
    type_text(&mut state, "pay");
    state
}

pub fn app_view(width: u16, height: u16) -> State {
    let mut state = fixtures::app_view_state(width, height);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::NextPane);
    act(&mut state, Action::NextPane);
    state
}

pub fn confirm_sync(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    select_app(&mut state, &api_id());
    let effects = act(&mut state, Action::Sync);
    let request_id = request_id(&effects);
    update(
        &mut state,
        Msg::PlanReady {
            request_id,
            plan: fixtures::sync_plan(),
        },
    );
    act(&mut state, Action::TogglePrune);
    state
}

pub fn confirm_rollback(width: u16, height: u16) -> State {
    let mut state = fixtures::app_view_state(width, height);
    act(&mut state, Action::PrevPane);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    let effects = act(&mut state, Action::Rollback);
    let Some(Effect::PlanRollback {
        request_id,
        revision,
        ..
    }) = effects.first().cloned()
    else {
        panic!("rollback must ask for a plan, got {effects:?}");
    };
    update(
        &mut state,
        Msg::PlanReady {
            request_id,
            plan: fixtures::rollback_plan(&revision),
        },
    );
    act(&mut state, Action::ToggleRollbackMode);
    state
}

pub fn pause(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    select_app(&mut state, &api_id());
    act(&mut state, Action::PauseResume);
    type_text(&mut state, "2h");
    act(&mut state, Action::NextField);
    type_text(&mut state, "deploy freeze INC-4512");
    state
}

pub fn progress(width: u16, height: u16) -> State {
    let mut state = confirm_sync(width, height);
    let effects = act(&mut state, Action::Confirm);
    let request_id = request_id(&effects);
    for row in fixtures::change_rows() {
        update(&mut state, Msg::ChangeProgress { request_id, row });
    }
    state
}

pub fn help(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    act(&mut state, Action::Help);
    state
}

pub fn yaml(width: u16, height: u16) -> State {
    let mut state = fixtures::app_view_state(width, height);
    let effects = act(&mut state, Action::ViewYaml);
    let request_id = request_id(&effects);
    update(
        &mut state,
        Msg::Yaml {
            request_id,
            text: fixtures::sample_yaml(),
        },
    );
    state
}

/// A refused sync on the read-only `dev` cluster.
pub fn error_line(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    select_app(&mut state, &AppId::new("dev", "tools", "grafana"));
    act(&mut state, Action::Sync);
    state
}

/// The create-app form filled in, focus on CASCADE DELETE.
pub fn create_form(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    select_app(&mut state, &api_id());
    act(&mut state, Action::CreateApp);
    type_text(&mut state, "shop");
    act(&mut state, Action::NextField);
    type_text(&mut state, "https://git.example.com/shop.git");
    act(&mut state, Action::NextField);
    type_text(&mut state, "deploy/prod");
    act(&mut state, Action::NextField);
    act(&mut state, Action::NextField);
    type_text(&mut state, "shop");
    act(&mut state, Action::NextField);
    act(&mut state, Action::ToggleField);
    act(&mut state, Action::NextField);
    act(&mut state, Action::ToggleField);
    act(&mut state, Action::NextField);
    act(&mut state, Action::NextField);
    act(&mut state, Action::NextField);
    act(&mut state, Action::ToggleField);
    state
}

/// The form after the backend refused: a render error naming file and line.
pub fn create_refused(width: u16, height: u16) -> State {
    let mut state = create_form(width, height);
    let effects = act(&mut state, Action::Confirm);
    let request_id = request_id(&effects);
    update(
        &mut state,
        Msg::ActionFinished {
            request_id,
            result: Err(fixtures::render_error()),
        },
    );
    state
}

/// The delete dialog with its objects listed, cascade on, part of the
/// name typed.
pub fn delete_dialog(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    select_app(&mut state, &api_id());
    let effects = act(&mut state, Action::DeleteApp);
    let request_id = request_id(&effects);
    update(
        &mut state,
        Msg::DeletePlanReady {
            request_id,
            plan: fixtures::delete_plan(),
        },
    );
    act(&mut state, Action::ToggleCascade);
    type_text(&mut state, "ap");
    state
}

/// api (to be acted on), frontend (already paused) and grafana (on the
/// read-only dev cluster) selected.
pub fn apps_selected(width: u16, height: u16) -> State {
    let mut state = apps(width, height);
    for id in [
        api_id(),
        AppId::new("prod", "web", "frontend"),
        AppId::new("dev", "tools", "grafana"),
    ] {
        select_app(&mut state, &id);
        act(&mut state, Action::ToggleSelect);
    }
    state
}

/// The one confirmation of a pause of those three: each app, its cluster
/// and what happens to it.
pub fn batch_confirm(width: u16, height: u16) -> State {
    let mut state = apps_selected(width, height);
    act(&mut state, Action::PauseResume);
    type_text(&mut state, "2h");
    act(&mut state, Action::NextField);
    type_text(&mut state, "incident 123");
    act(&mut state, Action::Confirm);
    state
}

pub type Scene = fn(u16, u16) -> State;

pub const ALL: &[(&str, Scene)] = &[
    ("apps", apps),
    ("filter", filter),
    ("app_view", app_view),
    ("confirm_sync", confirm_sync),
    ("confirm_rollback", confirm_rollback),
    ("pause", pause),
    ("progress", progress),
    ("help", help),
    ("yaml", yaml),
    ("error_line", error_line),
    ("create_form", create_form),
    ("create_refused", create_refused),
    ("delete_dialog", delete_dialog),
    ("logs", super::logs_scenes::logs),
    ("logs_search", super::logs_scenes::logs_search),
    ("logs_typing", super::logs_scenes::logs_typing),
    ("apps_selected", apps_selected),
    ("batch_confirm", batch_confirm),
    ("app_view_tree", super::tree_scenes::app_view_tree),
    ("events", super::tree_scenes::events),
];
