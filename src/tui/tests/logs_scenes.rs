//! The logs viewer's states for snapshots and key cases, reached through
//! `update` as the user and the backend would.

use super::checked_update::update;
use super::fixtures;
use super::scenes::{act, request_id, type_text};
use crate::tui::action::Action;
use crate::tui::logs_state::LogPod;
use crate::tui::msg::Msg;
use crate::tui::state::State;

pub fn sample_pods() -> Vec<LogPod> {
    vec![
        LogPod {
            name: "api-7d9f8c6b5-x2k4p".into(),
            containers: vec!["api".into(), "envoy".into()],
        },
        LogPod {
            name: "api-7d9f8c6b5-q8w1z".into(),
            containers: vec!["api".into(), "envoy".into()],
        },
    ]
}

/// A log with what logs carry: levels, a long line, and a line that tries
/// to retitle the terminal (it must show escaped).
pub fn sample_log() -> Vec<String> {
    let mut lines = Vec::new();
    for i in 0..30 {
        let level = if i % 7 == 3 { "ERROR" } else { "INFO" };
        lines.push(format!(
            "2026-12-02T06:{:02}:{:02}Z {level} request id={i} path=/v1/payments status={}",
            i / 6,
            (i * 7) % 60,
            if level == "ERROR" { 500 } else { 200 }
        ));
    }
    lines.push(format!(
        "2026-12-02T06:05:00Z WARN slow upstream: {}",
        "retrying payments-db.payments.svc.cluster.local:5432 after timeout; ".repeat(3)
    ));
    lines.push("2026-12-02T06:05:01Z INFO title \u{1b}]0;pwned\u{7} done\t(tab)".into());
    lines.push("2026-12-02T06:05:02Z ERROR upstream gave up".into());
    lines
}

/// `l` on the app view's Deployment; the backend found two pods and sent
/// the newest pod's log.
pub fn logs(width: u16, height: u16) -> State {
    let mut state = fixtures::app_view_state(width, height);
    let effects = act(&mut state, Action::ViewLogs);
    let request_id = request_id(&effects);
    update(
        &mut state,
        Msg::LogPods {
            request_id,
            pods: sample_pods(),
            pod: "api-7d9f8c6b5-x2k4p".into(),
            container: "api".into(),
        },
    );
    update(
        &mut state,
        Msg::LogLines {
            request_id,
            lines: sample_log(),
        },
    );
    state
}

/// The same, wrapped, after searching for "error".
pub fn logs_search(width: u16, height: u16) -> State {
    let mut state = logs(width, height);
    act(&mut state, Action::ToggleWrap);
    act(&mut state, Action::Filter);
    type_text(&mut state, "error");
    act(&mut state, Action::Confirm);
    state
}

/// Typing a search.
pub fn logs_typing(width: u16, height: u16) -> State {
    let mut state = logs(width, height);
    act(&mut state, Action::Filter);
    type_text(&mut state, "upstr");
    state
}
