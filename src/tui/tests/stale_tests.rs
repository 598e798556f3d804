//! Answers to anything but the latest request of a kind are dropped.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::app_state::{DiffSource, Pane};
use crate::tui::msg::Msg;
use crate::tui::overlay::Overlay;
use crate::tui::state::State;

use super::fixtures::{self, api_id, select_app};
use super::probe::set_focus;
use super::scenes::{self, act, request_id};

#[test]
fn stale_detail_is_dropped_and_latest_kept() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let first = request_id(&act(&mut state, Action::Open));
    act(&mut state, Action::Back);
    let second = request_id(&act(&mut state, Action::Open));
    assert!(second > first, "request ids increase");
    update(
        &mut state,
        Msg::DetailLoaded {
            request_id: first,
            detail: fixtures::detail(),
        },
    );
    assert!(
        state.app_view().is_some_and(|v| v.detail.is_none()),
        "stale detail was shown"
    );
    update(
        &mut state,
        Msg::DetailLoaded {
            request_id: second,
            detail: fixtures::detail(),
        },
    );
    assert!(state.app_view().is_some_and(|v| v.detail.is_some()));
}

#[test]
fn stale_yaml_plan_progress_and_commit_diff_are_dropped() {
    let mut state = fixtures::app_view_state(80, 24);
    // YAML: the first viewer is closed, the second one must not get its text.
    let old_yaml = request_id(&act(&mut state, Action::ViewYaml));
    act(&mut state, Action::Back);
    let new_yaml = request_id(&act(&mut state, Action::ViewDesiredYaml));
    update(
        &mut state,
        Msg::Yaml {
            request_id: old_yaml,
            text: "old".into(),
        },
    );
    assert!(matches!(state.overlays.last(), Some(Overlay::Yaml(v)) if v.text.is_none()));
    update(
        &mut state,
        Msg::Yaml {
            request_id: new_yaml,
            text: "new".into(),
        },
    );
    assert!(
        matches!(state.overlays.last(), Some(Overlay::Yaml(v)) if v.text.as_deref() == Some("new"))
    );
    act(&mut state, Action::Back);

    // Plan: cancelled dialogs ignore late plans.
    let old_plan = request_id(&act(&mut state, Action::Sync));
    act(&mut state, Action::Cancel);
    update(
        &mut state,
        Msg::PlanReady {
            request_id: old_plan,
            plan: fixtures::sync_plan(),
        },
    );
    assert!(state.overlays.is_empty(), "a late plan reopened a dialog");

    // Commit diff: only the latest selected commit fills the pane.
    set_focus(&mut state, Pane::History);
    let first = request_id(&act(&mut state, Action::Open));
    act(&mut state, Action::MoveDown);
    let second = request_id(&act(&mut state, Action::Open));
    update(
        &mut state,
        Msg::CommitDiff {
            request_id: first,
            lines: fixtures::configmap_diff(),
        },
    );
    let source = |s: &State| s.app_view().map(|v| v.diff_source.clone());
    assert_eq!(
        source(&state),
        Some(DiffSource::Commit {
            short: "7c6d5e4".into(),
            lines: None
        })
    );
    update(
        &mut state,
        Msg::CommitDiff {
            request_id: second,
            lines: fixtures::deployment_diff(),
        },
    );
    assert_eq!(
        source(&state),
        Some(DiffSource::Commit {
            short: "7c6d5e4".into(),
            lines: Some(fixtures::deployment_diff())
        })
    );

    // Progress: rows for another execution are ignored.
    let mut state = scenes::progress(80, 24);
    let Some(Overlay::Progress(view)) = state.overlays.last() else {
        panic!("no progress view")
    };
    let (current, before) = (view.request_id, view.rows.len());
    update(
        &mut state,
        Msg::ChangeProgress {
            request_id: current - 1,
            row: fixtures::change_rows()[0].clone(),
        },
    );
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: current - 1,
            result: Ok("old".into()),
        },
    );
    let Some(Overlay::Progress(view)) = state.overlays.last() else {
        panic!("no progress view")
    };
    assert_eq!((view.rows.len(), &view.finished), (before, &None));
}
