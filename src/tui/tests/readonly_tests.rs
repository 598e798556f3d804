//! Read-only (global and per cluster) refuses dangerous actions visibly.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::app_state::Pane;
use crate::tui::model::AppId;
use crate::tui::msg::{Effect, Msg};
use crate::tui::state::StatusKind;
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, select_app};
use super::probe::{set_focus, status_text};
use super::render::{render, rows};
use super::scenes::{self, act};

#[test]
fn readonly_refuses_dangerous_actions_with_a_message() {
    let mut state = scenes::apps(80, 24).with_readonly(true);
    select_app(&mut state, &api_id());
    for (action, verb) in [(Action::Sync, "sync"), (Action::PauseResume, "pause")] {
        let effects = act(&mut state, action);
        assert!(effects.is_empty(), "{verb} produced {effects:?}");
        assert!(state.overlays.is_empty(), "{verb} opened a dialog");
        let expected = format!("read-only: {verb} disabled for prod");
        assert_eq!(
            status_text(&state),
            Some((StatusKind::Error, expected.as_str()))
        );
    }
    // And it is visible on screen.
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(
        screen.contains("read-only: pause disabled for prod"),
        "{screen}"
    );
    assert!(screen.contains("[READ-ONLY]"), "{screen}");

    let mut state = fixtures::app_view_state(80, 24).with_readonly(true);
    set_focus(&mut state, Pane::History);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    let effects = act(&mut state, Action::Rollback);
    assert!(effects.is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: rollback disabled for prod"))
    );
}

#[test]
fn per_cluster_readonly_only_affects_that_cluster() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &AppId::new("dev", "tools", "grafana"));
    assert!(act(&mut state, Action::Sync).is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: sync disabled for dev"))
    );
    select_app(&mut state, &api_id());
    assert!(matches!(
        act(&mut state, Action::Sync)[..],
        [Effect::PlanSync { .. }]
    ));
}

#[test]
fn a_cluster_turning_readonly_blocks_a_confirm_already_open() {
    let mut state = scenes::confirm_sync(80, 24);
    let mut prod = fixtures::clusters().remove(0);
    prod.readonly = true;
    update(&mut state, Msg::ClusterStatusChanged(prod));
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: sync disabled for prod"))
    );
}
