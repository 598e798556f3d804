//! Colours come from the theme field that matches the meaning, and the
//! NO_COLOR theme draws no colour at all.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::tui::theme::Theme;

use super::render::{find_in_row, render, rows};
use super::scenes;

/// Every field a different colour, so a wrong field cannot pass by
/// sharing a colour with the right one.
fn distinct_theme() -> Theme {
    let mut theme = Theme::monochrome();
    for (index, name) in Theme::FIELDS.iter().enumerate() {
        if let Some(style) = theme.field_mut(name) {
            *style = Style::new().fg(Color::Indexed(16 + index as u8));
        }
    }
    theme
}

fn fg_of(buffer: &Buffer, at: (u16, u16), len: usize) -> Vec<Color> {
    (0..len as u16)
        .map(|dx| buffer[(at.0 + dx, at.1)].fg)
        .collect()
}

fn assert_word_colour(buffer: &Buffer, row_marker: &str, word: &str, expected: Style) {
    let at = find_in_row(buffer, row_marker, word).unwrap_or_else(|| {
        panic!(
            "`{word}` not on a row with `{row_marker}`:\n{}",
            rows(buffer).join("\n")
        )
    });
    let wanted = expected.fg.unwrap_or(Color::Reset);
    assert_eq!(
        fg_of(buffer, at, word.chars().count()),
        vec![wanted; word.chars().count()],
        "colour of `{word}`"
    );
}

#[test]
fn out_of_sync_value_uses_sync_drift() {
    let theme = distinct_theme();
    for (width, height) in [(80, 24), (160, 48)] {
        let buffer = render(&scenes::apps(width, height), &theme);
        assert_word_colour(&buffer, "bump api", "OutOfSync", theme.sync_drift);
        assert_word_colour(&buffer, "raise worker", "Synced", theme.sync_ok);
    }
}

#[test]
fn degraded_health_uses_health_bad() {
    let theme = distinct_theme();
    let buffer = render(&scenes::apps(80, 24), &theme);
    assert_word_colour(&buffer, "worker", "Degraded", theme.health_bad);
    assert_word_colour(&buffer, "gateway", "Progressing", theme.health_progress);
    assert_word_colour(&buffer, "frontend", "‖ 23m", theme.paused);
    assert_word_colour(&buffer, "gateway", "pin", theme.pinned);
}

#[test]
fn diff_lines_use_diff_add_and_diff_remove() {
    let theme = distinct_theme();
    // Unified at 80 columns, side by side at 160.
    for (width, height) in [(80, 24), (160, 48)] {
        let mut state = scenes::app_view(width, height);
        scenes::act(&mut state, crate::tui::action::Action::PrevPane);
        let buffer = render(&state, &theme);
        assert_word_colour(&buffer, "image", "+        image", theme.diff_add);
        assert_word_colour(&buffer, "image", "-        image", theme.diff_remove);
        assert_word_colour(&buffer, "@@ -18,7", "@@ -18,7 +18,7 @@", theme.diff_header);
    }
}

#[test]
fn selected_row_uses_selection_style() {
    let theme = Theme::default();
    let buffer = render(&scenes::apps(80, 24), &theme);
    let (x, y) = find_in_row(&buffer, "grafana", "grafana").unwrap_or_default();
    assert_eq!(
        buffer[(x, y)].bg,
        theme.selection.bg.unwrap_or(Color::Reset)
    );
    let (x, y) = find_in_row(&buffer, "worker", "worker").unwrap_or_default();
    assert_eq!(
        buffer[(x, y)].bg,
        Color::Reset,
        "unselected rows have no background"
    );
}

#[test]
fn no_color_theme_draws_no_colour_but_keeps_meaning() {
    let theme = Theme::monochrome();
    for (name, scene) in scenes::ALL {
        for (width, height) in [(80, 24), (160, 48)] {
            let buffer = render(&scene(width, height), &theme);
            for cell in &buffer.content {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{name} {width}x{height}: cell `{}` has a colour",
                    cell.symbol()
                );
            }
        }
    }
    // Without colour the selection is still visible (reversed) and
    // failures still stand out (bold).
    let buffer = render(&scenes::apps(80, 24), &theme);
    let (x, y) = find_in_row(&buffer, "grafana", "grafana").unwrap_or_default();
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find_in_row(&buffer, "worker", "Degraded").unwrap_or_default();
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
}
