//! The logs viewer's behaviour through `update`: stale answers, sticking to
//! the bottom, the cap moving what is on screen, refusals.

use super::checked_update::update;
use super::fixtures;
use super::logs_scenes::{logs, logs_search};
use super::render::{render, rows};
use super::scenes::{act, request_id};
use crate::tui::action::Action;
use crate::tui::log_buffer::MAX_LINES;
use crate::tui::logs_state::{LogsView, StreamState};
use crate::tui::msg::{Effect, Msg};
use crate::tui::overlay::Overlay;
use crate::tui::state::State;
use crate::tui::theme::Theme;

fn view(state: &State) -> &LogsView {
    match state.overlays.last() {
        Some(Overlay::Logs(view)) => view,
        other => panic!("not in the logs viewer: {other:?}"),
    }
}

fn send_lines(state: &mut State, lines: Vec<String>) {
    let request_id = view(state).request_id;
    update(state, Msg::LogLines { request_id, lines });
}

fn screen(state: &State) -> String {
    rows(&render(state, &Theme::default())).join("\n")
}

#[test]
fn answers_to_an_older_stream_are_dropped() {
    let mut state = logs(80, 24);
    let old = view(&state).request_id;
    let effects = act(&mut state, Action::NextContainer);
    let new = request_id(&effects);
    assert_ne!(old, new);
    update(
        &mut state,
        Msg::LogLines {
            request_id: old,
            lines: vec!["from the old container".into()],
        },
    );
    assert!(
        view(&state).buffer.is_empty(),
        "an old stream's line was kept"
    );
    update(
        &mut state,
        Msg::LogLines {
            request_id: new,
            lines: vec!["from envoy".into()],
        },
    );
    assert_eq!(view(&state).buffer.get(0), Some("from envoy"));
}

#[test]
fn new_lines_stay_in_view_until_the_user_scrolls_up_and_again_after_g() {
    let mut state = logs(80, 24);
    send_lines(&mut state, vec!["NEWEST-ONE".into()]);
    assert!(screen(&state).contains("NEWEST-ONE"), "{}", screen(&state));
    act(&mut state, Action::Top);
    send_lines(&mut state, vec!["NEWEST-TWO".into()]);
    let shown = screen(&state);
    assert!(
        !shown.contains("NEWEST-TWO"),
        "scrolled up, yet moved: {shown}"
    );
    assert!(shown.contains("id=0 "), "{shown}");
    act(&mut state, Action::Bottom);
    assert!(screen(&state).contains("NEWEST-TWO"), "{}", screen(&state));
}

#[test]
fn lines_over_the_cap_are_dropped_and_what_is_on_screen_moves_with_them() {
    let mut state = logs(80, 24);
    act(&mut state, Action::Top);
    act(&mut state, Action::MoveDown);
    let shown_first = view(&state)
        .buffer
        .get(view(&state).top)
        .map(str::to_string);
    let extra: Vec<String> = (0..MAX_LINES).map(|i| format!("filler {i}")).collect();
    send_lines(&mut state, extra);
    let v = view(&state);
    assert_eq!(v.buffer.len(), MAX_LINES);
    assert_eq!(v.buffer.dropped(), 33, "the sample's 33 lines went first");
    // The line on top was dropped: the view stays at the start of what is kept.
    assert_eq!(v.top, 0);
    assert_ne!(v.buffer.get(0).map(str::to_string), shown_first);
    let shown = screen(&state);
    assert!(shown.contains("33 older dropped"), "{shown}");
}

#[test]
fn a_match_keeps_pointing_at_its_line_when_older_lines_are_dropped() {
    let mut state = logs_search(80, 24);
    act(&mut state, Action::SearchNext);
    let at = view(&state).current_match.expect("a match");
    let line = view(&state).buffer.get(at).map(str::to_string);
    send_lines(
        &mut state,
        (0..MAX_LINES - 40).map(|i| format!("x {i}")).collect(),
    );
    let v = view(&state);
    let dropped = usize::try_from(v.buffer.dropped()).expect("fits");
    assert_eq!(v.current_match, Some(at - dropped));
    assert_eq!(v.buffer.get(at - dropped).map(str::to_string), line);
}

#[test]
fn l_on_a_kind_without_logs_is_refused_without_a_request() {
    let mut state = fixtures::app_view_state(80, 24);
    if let Some(app) = state.app_view_mut() {
        app.resources.selected = 2; // the ConfigMap
    }
    let effects = act(&mut state, Action::ViewLogs);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(state.overlays.is_empty());
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("ConfigMap") && status.contains("no logs"),
        "{status}"
    );
}

#[test]
fn a_failed_stream_says_why_and_an_ended_one_says_so() {
    let mut state = logs(80, 24);
    let request_id = view(&state).request_id;
    update(
        &mut state,
        Msg::LogEnded {
            request_id,
            error: Some("previous terminated container \"api\" not found".into()),
        },
    );
    assert!(matches!(view(&state).stream, StreamState::Ended(Some(_))));
    assert!(
        screen(&state).contains("previous terminated container"),
        "{}",
        screen(&state)
    );
    let effects = act(&mut state, Action::ToggleFollow);
    assert!(matches!(
        effects[..],
        [Effect::OpenLogs { follow: false, .. }]
    ));
    let request_id = view(&state).request_id;
    update(
        &mut state,
        Msg::LogEnded {
            request_id,
            error: None,
        },
    );
    assert!(screen(&state).contains("■ ended"), "{}", screen(&state));
}

#[test]
fn log_text_reaches_the_screen_without_control_characters() {
    let state = logs(160, 48);
    let shown = screen(&state);
    assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
}

#[test]
fn a_search_without_matches_says_so() {
    let mut state = logs(80, 24);
    act(&mut state, Action::Filter);
    for c in "nothing-like-this".chars() {
        update(&mut state, Msg::Input(crate::tui::keys::KeyCombo::char(c)));
    }
    act(&mut state, Action::Confirm);
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("no line matches"), "{status}");
    assert_eq!(view(&state).current_match, None);
}
