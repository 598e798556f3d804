//! Text from Git and clusters carrying terminal escape sequences is drawn
//! escaped in every pane: the commit subject and author, the app's name and
//! revision subject, resource names and messages, diff lines, YAML lines
//! and error lines (issue 10).

use super::fixtures;
use super::render::{render, text};
use super::scenes;
use crate::tui::overlay::Overlay;
use crate::tui::state::{Screen, State};
use crate::tui::theme::Theme;

/// OSC 52: writes the clipboard of the terminal that obeys it.
const OSC52: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";

fn hostile(text: &str) -> String {
    format!("{text}{OSC52}")
}

/// Every drawn cell is free of control characters and the escape is
/// visible as text.
fn assert_escaped(state: &State, needle: &str) {
    let buffer = render(state, &Theme::default());
    for cell in buffer.content() {
        assert!(
            !cell.symbol().contains(char::is_control),
            "a control character reached the buffer: {:?}",
            cell.symbol()
        );
    }
    let shown = text(&buffer);
    assert!(
        shown.contains(&format!("{needle}\\u{{1b}}")),
        "{needle} with its escape not shown:\n{shown}"
    );
}

#[test]
fn the_apps_table_shows_a_hostile_subject_escaped() {
    let mut state = scenes::apps(160, 30);
    for row in &mut state.apps {
        row.revision_subject = hostile("subj");
    }
    assert_escaped(&state, "subj");
}

#[test]
fn the_app_view_shows_hostile_commits_resources_and_diffs_escaped() {
    let mut state = scenes::app_view(160, 40);
    let Screen::App(view) = &mut state.screen else {
        panic!("the scene is the app view");
    };
    let detail = view.detail.as_mut().expect("the detail is loaded");
    for commit in &mut detail.history {
        commit.subject = hostile("subj");
        commit.author = hostile("auth");
    }
    for resource in &mut detail.resources {
        resource.name = hostile("nm");
        resource.message = hostile("msg");
    }
    for lines in detail.resource_diffs.values_mut() {
        for line in lines.iter_mut() {
            line.text = hostile("dl");
        }
    }
    for line in &mut detail.app_diff {
        line.text = hostile("dl");
    }
    detail.drift_summary = hostile("sum");
    for needle in ["subj", "auth", "nm", "msg", "dl", "sum"] {
        assert_escaped(&state, needle);
    }
    // Side by side, too.
    let mut wide = state.clone();
    wide.width = 200;
    if let Screen::App(view) = &mut wide.screen {
        view.side_by_side = Some(true);
    }
    assert_escaped(&wide, "dl");
}

#[test]
fn yaml_and_errors_are_drawn_escaped() {
    let mut state = scenes::yaml(120, 30);
    for overlay in &mut state.overlays {
        if let Overlay::Yaml(view) = overlay {
            view.text = Some(format!("data:\n  note: {}\n", hostile("yl")));
            view.title = hostile("ttl");
        }
    }
    assert_escaped(&state, "yl");
    assert_escaped(&state, "ttl");
    let mut state = fixtures::apps_state(120, 30);
    state.set_error(hostile("err"));
    assert_escaped(&state, "err");
}
