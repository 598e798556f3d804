//! `update(state, msg) -> effects`: the only place the state changes.
//! Each mode has its own file; this one routes messages. The state is
//! changed in place: each handler marks the state dirty when it changes
//! something drawn (a test helper checks that none forgets, see
//! `tests/fixtures.rs`).

use jiff::Timestamp;

use super::action::{Action, Mode};
use super::durations;
use super::layout;
use super::msg::{Effect, Msg};
use super::overlay::{HelpView, Overlay};
use super::state::State;
use super::{
    update_app_view, update_apps, update_backend, update_batch, update_dialogs, update_input,
    update_lifecycle, update_logs,
};

/// Lines moved per mouse-wheel notch.
const WHEEL_LINES: usize = 3;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    if let Msg::Tick(now) = msg {
        on_tick(state, now);
        return Vec::new();
    }
    match msg {
        Msg::Action(action) => {
            state.clear_status();
            on_action(state, action)
        }
        Msg::Input(key) => update_input::on_text(state, &key),
        Msg::Resize { width, height } => {
            if (state.width, state.height) != (width, height) {
                state.width = width;
                state.height = height;
                state.refresh_visible();
                state.mark_dirty();
            }
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
    }
}

fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return state.quit(),
        Action::Help if !matches!(state.mode(), Mode::Help) && !state.mode().takes_text() => {
            state.overlays.push(Overlay::Help(HelpView::default()));
            state.mark_dirty();
            return Vec::new();
        }
        _ => {}
    }
    // Not drawn, but part of the state: marked so that "changed" and
    // "dirty" never disagree.
    if std::mem::take(&mut state.quit_armed) {
        state.mark_dirty();
    }
    route(state, action)
}

/// Hand the action to the handler of the current mode.
fn route(state: &mut State, action: Action) -> Vec<Effect> {
    match state.mode() {
        Mode::Apps => update_apps::on_action(state, action),
        Mode::AppView => update_app_view::on_action(state, action),
        Mode::Confirm => update_dialogs::on_confirm(state, action),
        Mode::Pause => update_dialogs::on_pause(state, action),
        Mode::Batch => update_batch::on_batch(state, action),
        Mode::Create => update_lifecycle::on_create(state, action),
        Mode::Delete => update_lifecycle::on_delete(state, action),
        Mode::Progress => update_dialogs::on_progress(state, action),
        Mode::Yaml | Mode::Help | Mode::Events => update_dialogs::on_viewer(state, action),
        Mode::Filter => update_input::on_filter(state, action),
        Mode::Command => update_input::on_command(state, action),
        Mode::Logs => update_logs::on_action(state, action),
        Mode::LogSearch => update_logs::on_search(state, action),
        Mode::Global => Vec::new(),
    }
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
