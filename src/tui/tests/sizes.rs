//! Narrow terminals drop columns in a set order, and no size makes any
//! view panic.

use crate::tui::state::State;
use crate::tui::theme::Theme;

use super::render::{render, rows};
use super::scenes::{self, ALL};

fn header_row(state: &State) -> String {
    rows(&render(state, &Theme::default()))[2].clone()
}

#[test]
fn apps_table_drops_last_sync_then_namespace() {
    let wide = header_row(&scenes::apps(160, 48));
    assert!(
        wide.contains("LAST SYNC") && wide.contains("NAMESPACE"),
        "{wide}"
    );
    let standard = header_row(&scenes::apps(80, 24));
    assert!(
        !standard.contains("LAST SYNC") && standard.contains("NAMESPACE"),
        "{standard}"
    );
    let narrow = header_row(&scenes::apps(60, 24));
    assert!(
        !narrow.contains("LAST SYNC") && !narrow.contains("NAMESPACE"),
        "{narrow}"
    );
    for column in ["CLUSTER", "NAME", "SYNC", "HEALTH", "REVISION"] {
        assert!(
            narrow.contains(column),
            "{column} missing at 60 columns: {narrow}"
        );
    }
}

#[test]
fn no_view_panics_at_any_size() {
    let sizes = [
        (1, 1),
        (10, 3),
        (20, 5),
        (40, 10),
        (79, 23),
        (139, 40),
        (140, 40),
        (250, 70),
    ];
    for (name, scene) in ALL {
        for (width, height) in sizes {
            let state = scene(width, height);
            let screen = rows(&render(&state, &Theme::default()));
            assert_eq!(
                screen.len(),
                usize::from(height),
                "{name} at {width}x{height}"
            );
        }
    }
}
