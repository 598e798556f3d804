//! The commits are shown as soon as Git answers, before the drift (which
//! waits for the cluster); the detail then takes over the pane.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::model::EarlyHistory;
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, select_app};
use super::render::{render, text};
use super::scenes::{self, act, request_id};

fn early() -> EarlyHistory {
    let detail = fixtures::detail();
    EarlyHistory {
        source_path: detail.source_path,
        rows: detail.history,
    }
}

#[test]
fn the_history_pane_shows_the_commits_before_the_drift_arrives() {
    let mut state = scenes::apps(120, 40);
    select_app(&mut state, &api_id());
    let id = request_id(&act(&mut state, Action::Open));
    let theme = Theme::default();
    let before = text(&render(&state, &theme));
    assert!(!before.contains("bump api to v2.3.1"), "{before}");

    update(
        &mut state,
        Msg::HistoryFirst {
            request_id: id,
            id: api_id(),
            history: early(),
        },
    );
    let shown = text(&render(&state, &theme));
    assert!(shown.contains("history of apps/payments/api"), "{shown}");
    assert!(shown.contains("bump api to v2.3.1"), "{shown}");
    assert!(
        !shown.contains("image and limits differ"),
        "the resources are not known yet: {shown}"
    );

    update(
        &mut state,
        Msg::DetailLoaded {
            request_id: id,
            detail: fixtures::detail(),
        },
    );
    let loaded = text(&render(&state, &theme));
    assert!(loaded.contains("bump api to v2.3.1"), "{loaded}");
    assert!(loaded.contains("Deployment"), "{loaded}");
}

#[test]
fn early_commits_of_another_request_or_after_the_detail_are_dropped() {
    let mut state = fixtures::app_view_state(120, 40);
    let theme = Theme::default();
    let mut other = early();
    other.rows.truncate(1);
    other.rows[0].subject = "from an old request".into();
    update(
        &mut state,
        Msg::HistoryFirst {
            request_id: 0,
            id: api_id(),
            history: other.clone(),
        },
    );
    // The detail is already shown: a late early answer changes nothing.
    let id = state.requests.detail.expect("the open app's request");
    update(
        &mut state,
        Msg::HistoryFirst {
            request_id: id,
            id: api_id(),
            history: other,
        },
    );
    let shown = text(&render(&state, &theme));
    assert!(!shown.contains("from an old request"), "{shown}");
    assert!(shown.contains("add HPA for api"), "{shown}");
}
