//! Ticks and the dirty flag, terminal events, mouse, errors, layout toggles.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use jiff::SignedDuration;

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::app_state::Pane;
use crate::tui::input_map::event_to_msg;
use crate::tui::model::AppTool;
use crate::tui::msg::{Effect, Msg};
use crate::tui::state::StatusKind;
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, now, select_app};
use super::probe::{set_focus, status_text};
use super::render::{render, rows};
use super::scenes::{self, act, request_id};

#[test]
fn dirty_only_when_something_visible_changes() {
    let mut state = scenes::apps(80, 24);
    assert!(!state.dirty);
    update(&mut state, Msg::Tick(now() + SignedDuration::from_secs(10)));
    assert!(
        !state.dirty,
        "a tick that changes no displayed time must not redraw"
    );
    act(&mut state, Action::MoveUp);
    assert!(!state.dirty, "moving up at the top changes nothing");
    update(&mut state, Msg::Tick(now() + SignedDuration::from_secs(60)));
    assert!(state.dirty, "ages changed from 5m to 6m");

    state.dirty = false;
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "prod".into(),
            tool: AppTool::Recon,
            rows: fixtures::apps()
                .into_iter()
                .filter(|r| r.id.cluster == "prod")
                .collect(),
        },
    );
    assert!(!state.dirty, "identical rows are not a change");
    act(&mut state, Action::MoveDown);
    assert!(state.dirty);

    // While something loads, ticks animate the spinner.
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    act(&mut state, Action::Open);
    state.dirty = false;
    let spinner = state.spinner;
    update(&mut state, Msg::Tick(now() + SignedDuration::from_secs(1)));
    assert!(state.dirty && state.spinner != spinner);
}

#[test]
fn terminal_events_become_messages_for_the_current_mode() {
    let state = scenes::apps(80, 24);
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    assert_eq!(
        event_to_msg(&state, &key(KeyCode::Char('s'), KeyModifiers::NONE)),
        Some(Msg::Action(Action::Sync))
    );
    assert_eq!(
        event_to_msg(&state, &key(KeyCode::Char('z'), KeyModifiers::NONE)),
        None
    );
    let mut release = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(event_to_msg(&state, &Event::Key(release)), None);
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 3,
        row: 5,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(
        event_to_msg(&state, &wheel),
        Some(Msg::Scroll { down: true })
    );
    assert_eq!(
        event_to_msg(&state, &Event::Resize(100, 30)),
        Some(Msg::Resize {
            width: 100,
            height: 30
        })
    );

    let filter = scenes::filter(80, 24);
    assert_eq!(
        event_to_msg(&filter, &key(KeyCode::Char('s'), KeyModifiers::NONE)),
        Some(Msg::Input(crate::tui::keys::KeyCombo::char('s')))
    );
}

#[test]
fn mouse_wheel_scrolls_the_focused_list() {
    let mut state = scenes::apps(80, 24);
    update(&mut state, Msg::Scroll { down: true });
    assert_eq!(state.list.selected, 3);
    let mut state = fixtures::app_view_state(80, 24);
    set_focus(&mut state, Pane::Diff);
    update(&mut state, Msg::Scroll { down: true });
    assert_eq!(state.app_view().map(|v| v.diff_scroll), Some(3));
}

#[test]
fn side_by_side_follows_width_until_toggled() {
    let mut state = fixtures::app_view_state(160, 48);
    assert!(
        state
            .app_view()
            .is_some_and(|v| v.side_by_side(state.width))
    );
    act(&mut state, Action::ToggleSideBySide);
    assert!(
        state
            .app_view()
            .is_some_and(|v| !v.side_by_side(state.width))
    );
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("· unified"), "{screen}");
}
#[test]
fn backend_errors_show_on_the_error_line_and_clear_on_the_next_key() {
    let mut state = scenes::apps(80, 24);
    update(
        &mut state,
        Msg::Error("lost watch on prod: too many requests".into()),
    );
    assert!(state.dirty);
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("✗ lost watch on prod"), "{screen}");
    act(&mut state, Action::MoveDown);
    assert_eq!(state.status, None);
}

#[test]
fn refresh_reloads_the_open_app_after_the_fetch() {
    let mut state = fixtures::app_view_state(80, 24);
    let refresh = request_id(&act(&mut state, Action::Refresh));
    let effects = update(
        &mut state,
        Msg::ActionFinished {
            request_id: refresh,
            result: Ok("fetched main at a1b2c3d".into()),
        },
    );
    let [
        Effect::LoadDetail {
            request_id: reload,
            app,
        },
    ] = &effects[..]
    else {
        panic!("expected a detail reload, got {effects:?}");
    };
    assert_eq!(*app, api_id());
    assert_eq!(state.requests.detail, Some(*reload));
    // A failed fetch says why, and reloads too: the app then shows Git's
    // cache, marked stale.
    let refresh = request_id(&act(&mut state, Action::Refresh));
    let effects = update(
        &mut state,
        Msg::ActionFinished {
            request_id: refresh,
            result: Err("auth failed".into()),
        },
    );
    assert!(
        matches!(&effects[..], [Effect::LoadDetail { app, .. }] if *app == api_id()),
        "{effects:?}"
    );
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.contains("auth failed"))
    );
}

#[test]
fn side_by_side_scrolls_in_drawn_rows_so_k_moves_right_after_bottom() {
    use crate::tui::model::{DiffKind, DiffLine};
    use crate::tui::state::Screen;
    let mut state = fixtures::app_view_state(160, 48);
    set_focus(&mut state, Pane::Diff);
    // 200 removed/added pairs: 400 diff lines, but 200 rows side by side.
    let lines: Vec<DiffLine> = (0..200)
        .flat_map(|i| {
            [
                DiffLine {
                    kind: DiffKind::Removed,
                    old_line: Some(i + 1),
                    new_line: None,
                    text: format!("old {i}"),
                },
                DiffLine {
                    kind: DiffKind::Added,
                    old_line: None,
                    new_line: Some(i + 1),
                    text: format!("new {i}"),
                },
            ]
        })
        .collect();
    if let Screen::App(view) = &mut state.screen
        && let Some(detail) = view.detail.as_mut()
    {
        detail.app_diff = lines;
    }
    act(&mut state, Action::Bottom);
    let bottom = state.app_view().map(|v| v.diff_scroll).unwrap_or_default();
    assert!(
        bottom < 200,
        "bottom is counted in side-by-side rows, got {bottom}"
    );
    act(&mut state, Action::MoveUp);
    assert_eq!(state.app_view().map(|v| v.diff_scroll), Some(bottom - 1));
}

#[test]
fn a_cluster_going_unreachable_redraws_the_header() {
    use crate::tui::model::{ClusterInfo, ClusterStatus};
    let mut state = scenes::apps(80, 24);
    assert!(!state.dirty);
    let name = state.clusters[0].name.clone();
    let down = ClusterInfo {
        status: ClusterStatus::Unreachable("connection refused".into()),
        ..state.clusters[0].clone()
    };
    update(&mut state, Msg::ClusterStatusChanged(down.clone()));
    assert!(state.dirty, "a changed cluster state must be drawn");
    state.dirty = false;
    update(&mut state, Msg::ClusterStatusChanged(down));
    assert!(!state.dirty, "the same state again changes nothing");
    assert!(
        state
            .clusters
            .iter()
            .any(|c| c.name == name && matches!(c.status, ClusterStatus::Unreachable(_)))
    );
}
