//! Actions in the dialogs and viewers: confirm, pause, progress, YAML, help.

use super::action::Action;
use super::cursor::scroll_by;
use super::help_content;
use super::layout;
use super::model::{ConfirmPlan, PendingAction};
use super::msg::Effect;
use super::overlay::{Overlay, PauseDialog, PauseField, ProgressView};
use super::state::State;
use super::update_requests::refuse_if_readonly;
use crate::text::short_sha;

/// Scroll delta for a movement action; `None` if it is not one.
fn scroll_delta(action: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::MoveUp => -1,
        Action::MoveDown => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

pub fn on_confirm(state: &mut State, action: Action) -> Vec<Effect> {
    let (width, height) = (state.width, state.height);
    let Some(Overlay::Confirm(dialog)) = state.overlays.last_mut() else {
        return Vec::new();
    };
    let rows = layout::confirm_diff_rows(width, height, dialog.plan.as_ref());
    if let Some(delta) = scroll_delta(action, rows) {
        let len = dialog.plan.as_ref().map_or(0, |p| p.lines.len());
        let before = dialog.scroll;
        dialog.scroll = scroll_by(dialog.scroll, delta, len, rows);
        let after = dialog.scroll;
        state.mark_if_changed(before, after);
        return Vec::new();
    }
    match action {
        Action::TogglePrune => dialog.options.prune = !dialog.options.prune,
        Action::ToggleForce => dialog.options.force = !dialog.options.force,
        Action::ToggleRollbackMode if matches!(dialog.pending, PendingAction::Rollback { .. }) => {
            dialog.options.mode = dialog.options.mode.toggled();
        }
        Action::Cancel | Action::Back => {
            state.overlays.pop();
            state.requests.plan = None;
        }
        Action::Confirm => return execute(state),
        _ => return Vec::new(),
    }
    state.mark_dirty();
    Vec::new()
}

/// Turn the confirmed plan into an execution and show its progress.
fn execute(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Confirm(dialog)) = state.overlays.last() else {
        return Vec::new();
    };
    let Some(plan) = dialog.plan.clone() else {
        state.set_info("waiting for the dry run to finish…");
        return Vec::new();
    };
    let options = dialog.options;
    // Git is down: the first `y` says so, the second applies the cache.
    if plan.stale.is_some() && !options.allow_stale {
        if let Some(Overlay::Confirm(dialog)) = state.overlays.last_mut() {
            dialog.options.allow_stale = true;
        }
        state.set_info("Git cannot be fetched: press y again to sync from the cached clone");
        return Vec::new();
    }
    let verb = match plan.action {
        PendingAction::Sync { .. } => "sync",
        PendingAction::Rollback { .. } => "rollback",
    };
    // The cluster may have turned read-only while the dialog was open.
    if refuse_if_readonly(state, verb, plan.action.app()) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.execute = Some(request_id);
    state.requests.plan = None;
    state.overlays.pop();
    state.overlays.push(Overlay::Progress(ProgressView {
        request_id,
        title: progress_title(&plan),
        rows: Vec::new(),
        finished: None,
        scroll: 0,
        follow: true,
    }));
    state.mark_dirty();
    let effect = match plan.action {
        PendingAction::Sync { app } => Effect::ExecuteSync {
            request_id,
            app,
            prune: options.prune,
            force: options.force,
            confirmed_revision: plan.revision.clone(),
            // What is pruned depends on the prune option: the list shown then.
            confirmed_prune: if options.prune {
                plan.prune.clone()
            } else {
                Vec::new()
            },
            allow_stale: options.allow_stale,
        },
        PendingAction::Rollback { app, revision } => Effect::ExecuteRollback {
            request_id,
            app,
            revision,
            mode: options.mode,
            prune: options.prune,
            force: options.force,
        },
    };
    vec![effect]
}

fn progress_title(plan: &ConfirmPlan) -> String {
    match &plan.action {
        PendingAction::Sync { app } => format!("syncing {app} as {}", plan.actor),
        PendingAction::Rollback { app, revision } => {
            let short = short_sha(revision);
            format!("rolling back {app} to {short} as {}", plan.actor)
        }
    }
}

pub fn on_pause(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::Pause(dialog)) = state.overlays.last_mut() else {
        return Vec::new();
    };
    match action {
        Action::NextField => {
            dialog.focus = match dialog.focus {
                PauseField::Duration => PauseField::Reason,
                PauseField::Reason => PauseField::Duration,
            };
            state.mark_dirty();
            Vec::new()
        }
        Action::Cancel | Action::Back => {
            state.overlays.pop();
            state.mark_dirty();
            Vec::new()
        }
        Action::Confirm => submit_pause(state),
        _ => Vec::new(),
    }
}

fn submit_pause(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Pause(dialog)) = state.overlays.last_mut() else {
        return Vec::new();
    };
    let duration = match dialog.duration.text.trim() {
        "" => None,
        text => match crate::duration_input::parse(text) {
            Ok(duration) => Some(duration),
            Err(message) => {
                dialog.error = Some(message);
                dialog.focus = PauseField::Duration;
                state.mark_dirty();
                return Vec::new();
            }
        },
    };
    let reason = Some(dialog.reason.text.trim().to_string()).filter(|r| !r.is_empty());
    let PauseDialog { app, batch, .. } = dialog.clone();
    state.overlays.pop();
    state.mark_dirty();
    if !batch.is_empty() {
        let action = super::batch::BatchAction::Pause { duration, reason };
        return super::update_batch::open(state, action);
    }
    if refuse_if_readonly(state, "pause", &app) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.pause = Some(request_id);
    state.set_info(format!("pausing {app}…"));
    vec![Effect::Suspend {
        request_id,
        app,
        duration,
        reason,
    }]
}

pub fn on_progress(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = layout::progress_rows(state.width, state.height);
    let Some(Overlay::Progress(view)) = state.overlays.last_mut() else {
        return Vec::new();
    };
    if let Some(delta) = scroll_delta(action, rows) {
        let before = (view.scroll, view.follow);
        view.scroll = scroll_by(view.scroll, delta, view.rows.len(), rows);
        view.follow = view.scroll + rows >= view.rows.len();
        let after = (view.scroll, view.follow);
        state.mark_if_changed(before, after);
        return Vec::new();
    }
    if !matches!(action, Action::Back | Action::Cancel) {
        return Vec::new();
    }
    if let Some(Overlay::Progress(view)) = state.overlays.pop() {
        state.mark_dirty();
        if view.finished.is_none() {
            state.background = Some(view);
            state.set_info("still running in the background: the result will show here");
        }
    }
    Vec::new()
}

/// Events the open Events viewer lists now.
fn events_len(state: &State) -> usize {
    match (state.app_view(), state.overlays.last()) {
        (Some(view), Some(Overlay::Events(events))) => view.events_of(&events.object).len(),
        _ => 0,
    }
}

/// What a key does in a viewer.
enum ViewerKey {
    /// Scrolled: the position before and after.
    Scroll(usize, usize),
    Close,
    Other,
}

/// Scrolls `scroll` through `len` lines shown `rows` at a time, or says the
/// key closes the viewer (one of `close`).
fn viewer_key(
    scroll: &mut usize,
    action: Action,
    len: usize,
    rows: usize,
    close: &[Action],
) -> ViewerKey {
    if let Some(delta) = scroll_delta(action, rows) {
        let before = *scroll;
        *scroll = scroll_by(before, delta, len, rows);
        ViewerKey::Scroll(before, *scroll)
    } else if close.contains(&action) {
        ViewerKey::Close
    } else {
        ViewerKey::Other
    }
}

/// YAML viewer, Events viewer and help screen: scroll and close.
pub fn on_viewer(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = layout::viewer_rows(state.width, state.height);
    let help_len = help_content::lines(&state.keymap).len();
    let events_len = events_len(state);
    let close = [Action::Back, Action::Cancel];
    let key = match state.overlays.last_mut() {
        Some(Overlay::Yaml(view)) => {
            let len = view.text.as_deref().map_or(0, |t| t.lines().count());
            viewer_key(&mut view.scroll, action, len, rows, &close)
        }
        // One row goes to the column header.
        Some(Overlay::Events(view)) => viewer_key(
            &mut view.scroll,
            action,
            events_len,
            rows.saturating_sub(1).max(1),
            &close,
        ),
        Some(Overlay::Help(view)) => viewer_key(
            &mut view.scroll,
            action,
            help_len,
            rows,
            &[Action::Back, Action::Cancel, Action::Help],
        ),
        _ => ViewerKey::Other,
    };
    match key {
        ViewerKey::Scroll(before, after) => state.mark_if_changed(before, after),
        ViewerKey::Close => {
            if let Some(Overlay::Yaml(_)) = state.overlays.pop() {
                state.requests.yaml = None;
            }
            state.mark_dirty();
        }
        ViewerKey::Other => {}
    }
    Vec::new()
}
