//! `update(state, msg) -> effects`: the only place the state changes.
//! Each mode has its own file; this one routes messages and keeps the
//! dirty flag honest.

use jiff::Timestamp;

use super::action::{Action, Mode};
use super::durations;
use super::layout;
use super::msg::{Effect, Msg};
use super::overlay::{HelpView, Overlay};
use super::state::{State, StatusKind, StatusLine};
use super::{update_app_view, update_apps, update_backend, update_dialogs, update_input};

/// Lines moved per mouse-wheel notch.
const WHEEL_LINES: usize = 3;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    if let Msg::Tick(now) = msg {
        on_tick(state, now);
        return Vec::new();
    }
    // Rows from the backend can be many and frequent: that handler marks
    // dirty itself instead of paying for a copy of the whole state.
    let before = (!matches!(msg, Msg::AppsUpdated { .. })).then(|| state.clone());
    let effects = match msg {
        Msg::Action(action) => {
            state.status = None;
            on_action(state, action)
        }
        Msg::Input(key) => update_input::on_text(state, &key),
        Msg::Resize { width, height } => {
            state.width = width;
            state.height = height;
            state.refresh_visible();
            Vec::new()
        }
        Msg::Scroll { down } => {
            let action = if down {
                Action::MoveDown
            } else {
                Action::MoveUp
            };
            (0..WHEEL_LINES)
                .flat_map(|_| route(state, action))
                .collect()
        }
        Msg::Tick(_) => Vec::new(),
        backend => update_backend::on_backend(state, backend),
    };
    if before.is_some_and(|before| *state != before) {
        state.dirty = true;
    }
    effects
}

fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return quit(state),
        Action::Help if !matches!(state.mode(), Mode::Help) && !state.mode().takes_text() => {
            state.overlays.push(Overlay::Help(HelpView::default()));
            return Vec::new();
        }
        _ => {}
    }
    state.quit_armed = false;
    route(state, action)
}

/// Hand the action to the handler of the current mode.
fn route(state: &mut State, action: Action) -> Vec<Effect> {
    match state.mode() {
        Mode::Apps => update_apps::on_action(state, action),
        Mode::AppView => update_app_view::on_action(state, action),
        Mode::Confirm => update_dialogs::on_confirm(state, action),
        Mode::Pause => update_dialogs::on_pause(state, action),
        Mode::Progress => update_dialogs::on_progress(state, action),
        Mode::Yaml | Mode::Help => update_dialogs::on_viewer(state, action),
        Mode::Filter => update_input::on_filter(state, action),
        Mode::Command => update_input::on_command(state, action),
        Mode::Global => Vec::new(),
    }
}

/// Quitting while a sync or rollback runs needs a second press: leaving
/// would abandon watching its result.
pub fn quit(state: &mut State) -> Vec<Effect> {
    if state.execution_running() && !state.quit_armed {
        state.quit_armed = true;
        set_error(
            state,
            "a sync/rollback is still running: quit again to leave without seeing its result",
        );
        return Vec::new();
    }
    vec![Effect::Quit]
}

fn on_tick(state: &mut State, now: Timestamp) {
    let before = clock_text(state);
    state.now = now;
    if state.busy() {
        state.spinner = state.spinner.wrapping_add(1);
        state.dirty = true;
    }
    if clock_text(state) != before {
        state.dirty = true;
    }
}

/// Everything on screen that depends on the clock, so a tick marks the
/// screen dirty only when one of these texts changes.
fn clock_text(state: &State) -> String {
    let now = state.now;
    let mut text = String::new();
    let app_view = state.app_view();
    if app_view.is_none() {
        // Only the rows on screen: the table shows their ages and time left.
        let viewport = layout::apps_rows(state.width, state.height);
        let offset = state.list.visible_offset(viewport, state.visible.len());
        for row in state
            .visible
            .iter()
            .skip(offset)
            .take(viewport)
            .filter_map(|&i| state.apps.get(i))
        {
            if let Some(at) = row.last_sync {
                text.push_str(&durations::age(at, now));
            }
            if let Some(until) = row.paused.as_ref().and_then(|p| p.until) {
                text.push_str(&durations::time_left(until, now));
            }
            text.push('|');
        }
    }
    for cluster in &state.clusters {
        if let Some(since) = cluster.stale_since {
            text.push_str(&durations::age(since, now));
        }
    }
    if let Some(detail) = app_view.and_then(|v| v.detail.as_ref()) {
        for commit in &detail.history {
            text.push_str(&durations::age(commit.time, now));
        }
    }
    text
}

pub fn set_error(state: &mut State, text: impl Into<String>) {
    state.status = Some(StatusLine {
        kind: StatusKind::Error,
        text: text.into(),
    });
}

pub fn set_info(state: &mut State, text: impl Into<String>) {
    state.status = Some(StatusLine {
        kind: StatusKind::Info,
        text: text.into(),
    });
}
