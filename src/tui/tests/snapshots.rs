//! Every view and dialog at 80x24 and 160x48, as text.

use crate::tui::theme::Theme;

use super::render::{render, text};
use super::scenes::ALL;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn every_scene_at_both_sizes() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (name, scene) in ALL {
            for (width, height) in SIZES {
                let state = scene(width, height);
                let screen = text(&render(&state, &Theme::default()));
                insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
            }
        }
    });
}
