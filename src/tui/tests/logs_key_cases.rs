//! The logs viewer's rows of the key table, and `l` in the app view.

use crate::tui::action::{Action, Mode};
use crate::tui::logs_state::LogsView;
use crate::tui::msg::Effect;
use crate::tui::overlay::Overlay;
use crate::tui::state::State;

use super::key_case::{Case, case, text};
use super::key_setups::{app_view, top};
use super::logs_scenes;

fn logs() -> State {
    logs_scenes::logs(80, 24)
}
fn searched() -> State {
    logs_scenes::logs_search(80, 24)
}
fn typing() -> State {
    logs_scenes::logs_typing(80, 24)
}
fn logs_view(state: &State) -> &LogsView {
    match top(state) {
        Some(Overlay::Logs(view)) => view,
        other => panic!("not in the logs viewer: {other:?}"),
    }
}

pub fn cases() -> Vec<Case> {
    use Action as A;
    use Mode as M;
    vec![
        case(app_view, "l", M::AppView, A::ViewLogs, |s, e| {
            matches!(top(s), Some(Overlay::Logs(_)))
                && matches!(e, [Effect::OpenLogs { resource, pod: None, container: None, follow: true, previous: false, .. }] if resource.kind == "Deployment" && resource.name == "api")
        }),
        case(logs, "f", M::Logs, A::ToggleFollow, |s, e| {
            !logs_view(s).follow
                && logs_view(s).buffer.is_empty()
                && matches!(
                    e,
                    [Effect::OpenLogs {
                        follow: false,
                        pod: Some(_),
                        ..
                    }]
                )
        }),
        case(logs, "p", M::Logs, A::TogglePrevious, |s, e| {
            logs_view(s).previous
                && matches!(e, [Effect::OpenLogs { previous: true, container: Some(c), .. }] if c == "api")
        }),
        case(logs, "c", M::Logs, A::NextContainer, |s, e| {
            logs_view(s).container.as_deref() == Some("envoy")
                && matches!(e, [Effect::OpenLogs { container: Some(c), .. }] if c == "envoy")
        }),
        case(logs, "P", M::Logs, A::NextPod, |s, e| {
            logs_view(s).pod.as_deref() == Some("api-7d9f8c6b5-q8w1z")
                && matches!(e, [Effect::OpenLogs { pod: Some(p), container: Some(c), .. }] if p == "api-7d9f8c6b5-q8w1z" && c == "api")
        }),
        case(logs, "w", M::Logs, A::ToggleWrap, |s, e| {
            logs_view(s).wrap && e.is_empty()
        }),
        case(logs, "/", M::Logs, A::Filter, |s, _| {
            s.mode() == Mode::LogSearch
        }),
        case(searched, "n", M::Logs, A::SearchNext, |s, _| {
            logs_view(s).current_match == Some(10)
        }),
        case(searched, "N", M::Logs, A::SearchPrev, |s, _| {
            logs_view(s).current_match == Some(32)
        }),
        case(logs, "k", M::Logs, A::MoveUp, |s, _| !logs_view(s).stick),
        case(logs, "up", M::Logs, A::MoveUp, |s, _| !logs_view(s).stick),
        case(logs, "g", M::Logs, A::Top, |s, _| {
            logs_view(s).top == 0 && !logs_view(s).stick
        }),
        case(searched, "G", M::Logs, A::Bottom, |s, _| logs_view(s).stick),
        case(searched, "j", M::Logs, A::MoveDown, |s, _| {
            logs_view(s).top == 1
        }),
        case(logs, "esc", M::Logs, A::Back, |s, e| {
            s.overlays.is_empty() && e == [Effect::StopLogs]
        }),
        case(logs, "q", M::Logs, A::Back, |s, e| {
            s.overlays.is_empty() && e == [Effect::StopLogs]
        }),
        // Typing a search: letters are text, Enter searches, Esc cancels.
        text(typing, "e", M::LogSearch, |s, _| {
            logs_view(s)
                .typing
                .as_ref()
                .is_some_and(|f| f.text == "upstre")
        }),
        text(typing, "q", M::LogSearch, |s, _| {
            logs_view(s)
                .typing
                .as_ref()
                .is_some_and(|f| f.text == "upstrq")
        }),
        case(typing, "enter", M::LogSearch, A::Confirm, |s, _| {
            logs_view(s).search.as_deref() == Some("upstr")
                && logs_view(s).current_match == Some(30)
                && s.mode() == Mode::Logs
        }),
        case(typing, "esc", M::LogSearch, A::Cancel, |s, _| {
            logs_view(s).search.is_none() && s.mode() == Mode::Logs
        }),
    ]
}
