//! Selecting apps on the list (space, `a`, esc) and acting on all of them
//! with one confirmation (`p`, `s`).

use std::time::Duration;

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::batch::{BatchAction, ItemPlan};
use crate::tui::model::{AppId, AppTool, ChangeRow, Tone};
use crate::tui::msg::{Effect, Msg};
use crate::tui::overlay::Overlay;
use crate::tui::state::State;
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, select_app};
use super::render::{render, rows};
use super::scenes::{self, act, type_text};

fn selected_ids(state: &State) -> Vec<String> {
    state.selection.ids().map(ToString::to_string).collect()
}

fn frontend() -> AppId {
    AppId::new("prod", "web", "frontend")
}

fn grafana() -> AppId {
    AppId::new("dev", "tools", "grafana")
}

fn worker() -> AppId {
    AppId::new("prod", "payments", "worker")
}

fn three_selected(width: u16, height: u16) -> State {
    scenes::apps_selected(width, height)
}

#[test]
fn space_toggles_the_row_and_moves_down() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    act(&mut state, Action::ToggleSelect);
    assert_eq!(selected_ids(&state), ["prod/payments/api"]);
    assert_eq!(
        state.selected_app().map(|r| r.id.clone()),
        Some(worker()),
        "the cursor moves on, so space space space marks a run"
    );
    act(&mut state, Action::ToggleSelect);
    assert_eq!(
        selected_ids(&state),
        ["prod/payments/api", "prod/payments/worker"]
    );
    select_app(&mut state, &api_id());
    act(&mut state, Action::ToggleSelect);
    assert_eq!(
        selected_ids(&state),
        ["prod/payments/worker"],
        "space on a selected row unselects it"
    );
    let screen = rows(&render(&state, &Theme::default()));
    assert!(screen[0].contains("1 selected"), "{}", screen[0]);
    let worker_row = screen
        .iter()
        .find(|r| r.contains("worker"))
        .expect("worker row");
    assert!(worker_row.contains('✓'), "{worker_row}");
    let api_row = screen
        .iter()
        .find(|r| r.contains("payments") && r.contains("OutOfSync"))
        .expect("api row");
    assert!(!api_row.contains('✓'), "{api_row}");
}

#[test]
fn a_selects_every_row_the_filter_shows_and_esc_clears_the_selection_first() {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::Filter);
    type_text(&mut state, "payments");
    act(&mut state, Action::Confirm);
    act(&mut state, Action::SelectShown);
    let mut shown: Vec<String> = state
        .visible
        .iter()
        .map(|&i| state.apps[i].id.to_string())
        .collect();
    shown.sort();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(selected_ids(&state), shown);
    act(&mut state, Action::Back);
    assert!(state.selection.is_empty());
    assert_eq!(state.filter, "payments", "the first esc keeps the filter");
    act(&mut state, Action::Back);
    assert!(state.filter.is_empty());
}

#[test]
fn the_selection_survives_new_rows_and_drops_apps_that_are_gone() {
    let mut state = scenes::apps(80, 24);
    for id in [api_id(), worker()] {
        select_app(&mut state, &id);
        act(&mut state, Action::ToggleSelect);
    }
    // prod's rows arrive again: api changed, worker gone, a new app.
    let mut rows: Vec<_> = fixtures::apps()
        .into_iter()
        .filter(|r| r.id.cluster == "prod" && r.id != worker())
        .collect();
    rows[0].revision_short = "fffffff".into();
    rows.push(fixtures::row(
        "prod",
        "payments",
        "billing",
        fixtures::synced(),
        fixtures::healthy(),
    ));
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "prod".into(),
            tool: AppTool::Recon,
            rows,
        },
    );
    assert_eq!(selected_ids(&state), ["prod/payments/api"]);
    // Filtering does not unselect what it hides.
    act(&mut state, Action::Filter);
    type_text(&mut state, "grafana");
    assert_eq!(selected_ids(&state), ["prod/payments/api"]);
}

#[test]
fn pause_of_a_selection_asks_once_and_lists_each_app_with_what_happens() {
    let mut state = three_selected(80, 24);
    let effects = act(&mut state, Action::PauseResume);
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Overlay::Pause(dialog)) = state.overlays.last() else {
        panic!("the pause dialog asks for duration and reason first");
    };
    assert_eq!(dialog.batch.len(), 3);
    type_text(&mut state, "2h");
    act(&mut state, Action::NextField);
    type_text(&mut state, "incident 123");
    let effects = act(&mut state, Action::Confirm);
    assert!(
        effects.is_empty(),
        "nothing runs before the list is confirmed"
    );
    let Some(Overlay::Batch(dialog)) = state.overlays.last() else {
        panic!("then one confirmation for all of them");
    };
    let plans: Vec<(String, ItemPlan)> = dialog
        .items
        .iter()
        .map(|i| (i.app.to_string(), i.plan.clone()))
        .collect();
    assert_eq!(
        plans,
        [
            (
                "dev/tools/grafana".to_string(),
                ItemPlan::Refuse("read-only context: refused".into())
            ),
            (
                "prod/payments/api".to_string(),
                ItemPlan::Act("pause 2h 'incident 123'".into())
            ),
            (
                "prod/web/frontend".to_string(),
                ItemPlan::Skip("already paused: skipped".into())
            ),
        ]
    );
    let effects = act(&mut state, Action::Confirm);
    let [
        Effect::ExecuteBatch {
            request_id,
            apps,
            action,
        },
    ] = effects.as_slice()
    else {
        panic!("one batch request, got {effects:?}");
    };
    assert_eq!(apps, &[api_id()], "only the app that is acted on");
    assert_eq!(
        action,
        &BatchAction::Pause {
            duration: Some(Duration::from_secs(7200)),
            reason: Some("incident 123".into())
        }
    );
    // Each app's own outcome shows as it arrives.
    update(
        &mut state,
        Msg::ChangeProgress {
            request_id: *request_id,
            row: ChangeRow {
                object: "prod/payments/api".into(),
                outcome: "failed".into(),
                tone: Tone::Bad,
                reason: Some("forbidden: cannot patch applications".into()),
            },
        },
    );
    let Some(Overlay::Progress(view)) = state.overlays.last() else {
        panic!("results show in the progress view");
    };
    let outcomes: Vec<(&str, &str)> = view
        .rows
        .iter()
        .map(|r| (r.object.as_str(), r.outcome.as_str()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("dev/tools/grafana", "refused"),
            ("prod/web/frontend", "skipped"),
            ("prod/payments/api", "failed"),
        ]
    );
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("forbidden: cannot patch"), "{screen}");
}

#[test]
fn p_on_a_selection_that_is_all_paused_confirms_a_resume() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &frontend());
    act(&mut state, Action::ToggleSelect);
    act(&mut state, Action::PauseResume);
    let Some(Overlay::Batch(dialog)) = state.overlays.last() else {
        panic!("no pause dialog: every selected app is paused");
    };
    assert_eq!(dialog.action, BatchAction::Resume);
    assert_eq!(dialog.items[0].plan, ItemPlan::Act("resume".into()));
    act(&mut state, Action::Cancel);
    assert!(state.overlays.is_empty());
    assert_eq!(state.selection.len(), 1, "cancel keeps the selection");
}

#[test]
fn s_on_a_selection_confirms_a_sync_without_a_dry_run_per_app() {
    let mut state = scenes::apps(80, 24);
    for id in [api_id(), worker()] {
        select_app(&mut state, &id);
        act(&mut state, Action::ToggleSelect);
    }
    let effects = act(&mut state, Action::Sync);
    assert!(effects.is_empty(), "no PlanSync per app: {effects:?}");
    let Some(Overlay::Batch(dialog)) = state.overlays.last() else {
        panic!("the batch confirmation");
    };
    assert_eq!(dialog.action, BatchAction::Sync);
    assert!(
        matches!(&dialog.items[0].plan, ItemPlan::Act(text) if text.contains("no dry run") && text.contains("a1b2c3d")),
        "{:?}",
        dialog.items[0]
    );
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(effects.as_slice(), [Effect::ExecuteBatch { apps, action: BatchAction::Sync, .. }] if apps.len() == 2),
        "{effects:?}"
    );
}

#[test]
fn a_readonly_console_refuses_a_batch_at_once() {
    let mut state = scenes::apps_selected(80, 24).with_readonly(true);
    for action in [Action::PauseResume, Action::Sync] {
        assert!(act(&mut state, action).is_empty());
        assert!(state.overlays.is_empty(), "{action:?} opened a dialog");
        let status = state.status.as_ref().map(|s| s.text.clone());
        assert!(
            status
                .as_deref()
                .is_some_and(|s| s.starts_with("read-only")),
            "{status:?}"
        );
    }
}

#[test]
fn a_selection_of_only_refused_apps_runs_nothing() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &grafana());
    act(&mut state, Action::ToggleSelect);
    act(&mut state, Action::Sync);
    let effects = act(&mut state, Action::Confirm);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(state.overlays.is_empty());
    let status = state.status.as_ref().map(|s| s.text.clone());
    assert!(
        status
            .as_deref()
            .is_some_and(|s| s.contains("nothing to sync")),
        "{status:?}"
    );
}
