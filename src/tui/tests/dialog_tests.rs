//! Pause dialog, progress view and plan failures.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::model::AppId;
use crate::tui::msg::{Effect, Msg};
use crate::tui::overlay::Overlay;
use crate::tui::state::StatusKind;
use crate::tui::theme::Theme;

use super::fixtures::{api_id, select_app};
use super::probe::status_text;
use super::render::{render, rows};
use super::scenes::{self, act, request_id, type_text};

#[test]
fn pause_dialog_validates_the_duration() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    act(&mut state, Action::PauseResume);
    type_text(&mut state, "2x");
    assert!(act(&mut state, Action::Confirm).is_empty());
    let Some(Overlay::Pause(dialog)) = state.overlays.last() else {
        panic!("dialog closed on a bad duration")
    };
    assert!(
        dialog
            .error
            .as_deref()
            .is_some_and(|e| e.contains("e.g. 30m, 2h")),
        "{:?}",
        dialog.error
    );
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("invalid duration `2x`"), "{screen}");

    update(
        &mut state,
        Msg::Input(crate::tui::keys::KeyCombo::plain(KeyCode::Backspace)),
    );
    type_text(&mut state, "h30m");
    act(&mut state, Action::NextField);
    type_text(&mut state, "freeze");
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(
            &effects[..],
            [Effect::Suspend { app, duration: Some(d), reason: Some(r), .. }]
                if *app == api_id() && *d == Duration::from_secs(2 * 3600 + 1800) && r == "freeze"
        ),
        "{effects:?}"
    );
    assert!(state.overlays.is_empty());
}

#[test]
fn paused_apps_are_resumed_directly() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &AppId::new("prod", "web", "frontend"));
    let effects = act(&mut state, Action::PauseResume);
    let id = request_id(&effects);
    assert!(matches!(&effects[..], [Effect::Resume { .. }]));
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: id,
            result: Err("webhook denied".into()),
        },
    );
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.contains("webhook denied"))
    );
}

#[test]
fn progress_collects_rows_and_finishes() {
    let mut state = scenes::progress(80, 24);
    let Some(Overlay::Progress(view)) = state.overlays.last() else {
        panic!("no progress")
    };
    let id = view.request_id;
    assert_eq!(view.rows.len(), 4);
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: id,
            result: Ok("4 objects synced".into()),
        },
    );
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("done: 4 objects synced"), "{screen}");
}

#[test]
fn hidden_progress_reports_in_the_status_line_and_guards_quit() {
    let mut state = scenes::progress(80, 24);
    act(&mut state, Action::Back);
    assert!(state.background.is_some());
    let id = state
        .background
        .as_ref()
        .map(|v| v.request_id)
        .unwrap_or_default();
    // Starting another sync now would hide the first one's result.
    select_app(&mut state, &AppId::new("prod", "payments", "worker"));
    assert!(act(&mut state, Action::Sync).is_empty());
    // Quitting needs a second press while work runs.
    assert!(act(&mut state, Action::Quit).is_empty());
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.contains("quit again"))
    );
    assert_eq!(act(&mut state, Action::Quit), [Effect::Quit]);

    update(
        &mut state,
        Msg::ActionFinished {
            request_id: id,
            result: Err("timeout waiting for rollout".into()),
        },
    );
    assert!(state.background.is_none());
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.contains("FAILED") && t.contains("timeout"))
    );
}

#[test]
fn plan_failure_is_shown_in_the_dialog() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let id = request_id(&act(&mut state, Action::Sync));
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: id,
            result: Err("repo unreachable".into()),
        },
    );
    assert!(
        act(&mut state, Action::Confirm).is_empty(),
        "nothing to confirm without a plan"
    );
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(
        screen.contains("dry run failed: repo unreachable"),
        "{screen}"
    );
}

#[test]
fn a_changed_plan_replaces_the_progress_with_a_new_confirmation() {
    use crate::tui::msg::Msg;
    let mut state = crate::tui::tests::scenes::confirm_sync(160, 48);
    let effects =
        crate::tui::update::update(&mut state, Msg::Action(crate::tui::action::Action::Confirm));
    let Some(crate::tui::msg::Effect::ExecuteSync {
        request_id,
        confirmed_revision,
        ..
    }) = effects.first().cloned()
    else {
        panic!("confirm executes: {effects:?}");
    };
    assert!(
        !confirmed_revision.is_empty(),
        "the confirmed commit travels with the sync"
    );
    let mut plan = crate::tui::tests::fixtures::sync_plan();
    plan.revision = "ffffffffffffffffffffffffffffffffffffffff".into();
    crate::tui::update::update(
        &mut state,
        Msg::PlanChanged {
            request_id,
            why: "Git moved: a1b2c3d was confirmed, fffffff is the revision now".into(),
            plan,
        },
    );
    assert!(
        matches!(state.overlays.last(), Some(crate::tui::overlay::Overlay::Confirm(d)) if d.plan.as_ref().is_some_and(|p| p.revision.starts_with("fff"))),
        "a confirmation of the new plan is open: {:?}",
        state.overlays
    );
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("the plan changed") && s.text.contains("Git moved")),
        "and says what changed: {:?}",
        state.status
    );
}
