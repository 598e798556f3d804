//! Helpers shared by the views: width-aware truncation, pane blocks,
//! the spinner.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::tui::app_state::AppView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// ASCII so it renders in any terminal font.
const SPINNER: [&str; 4] = ["-", "\\", "|", "/"];

pub fn spinner(frame: usize) -> &'static str {
    SPINNER[frame % SPINNER.len()]
}

/// Display width of a string in terminal cells.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

fn char_width(c: char) -> usize {
    let mut buffer = [0u8; 4];
    width(c.encode_utf8(&mut buffer))
}

/// Cut `text` to at most `max` cells, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Truncate and pad with spaces to exactly `cells` wide.
pub fn fit(text: &str, cells: usize) -> String {
    let mut out = truncate(text, cells);
    let pad = cells.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Right-align in `cells` (numbers).
pub fn fit_right(text: &str, cells: usize) -> String {
    let out = truncate(text, cells);
    let pad = cells.saturating_sub(width(&out));
    format!("{}{out}", " ".repeat(pad))
}

/// A bordered pane; the focused one gets the focused border style.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    let border = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let title_style = if focused {
        theme.border_focused
    } else {
        theme.title
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Plain)
        .border_style(border)
        .title(title.into().style(title_style))
}

/// Spans filling exactly `cells` with `spans`, truncated if too long,
/// padded with `fill` style otherwise. Keeps a selected row's background
/// continuous.
pub fn fill_line<'a>(spans: Vec<Span<'a>>, cells: usize, fill: Style) -> Line<'a> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= cells {
            used += w;
            out.push(span);
        } else {
            let room = cells - used;
            let text = truncate(&span.content, room);
            used += width(&text);
            out.push(Span::styled(text, span.style));
            break;
        }
    }
    if used < cells {
        out.push(Span::styled(" ".repeat(cells - used), fill));
    }
    Line::from(out)
}

/// ` · 3-20 of 64` when `total` lines do not fit in `rows`, else nothing:
/// shown in titles so the user knows there is more to scroll.
pub fn position(scroll: usize, rows: usize, total: usize) -> String {
    if total > rows && rows > 0 {
        format!(
            " · {}-{} of {total}",
            scroll + 1,
            (scroll + rows).min(total)
        )
    } else {
        String::new()
    }
}

/// Inner area of a bordered rectangle.
pub fn inner(area: Rect) -> Rect {
    Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

/// Selection style on top of a cell's own style when `selected`.
pub fn select(style: Style, selected: bool, theme: &Theme) -> Style {
    if selected {
        style.patch(theme.selection)
    } else {
        style
    }
}

/// What a pane shows before the app's detail arrives: why not, or a spinner.
pub fn placeholder<'a>(state: &State, view: &AppView, theme: &Theme) -> Line<'a> {
    match &view.error {
        Some(error) => Line::from(Span::styled(format!("✗ {error}"), theme.error)),
        None => Line::from(Span::styled(
            format!("{} loading…", spinner(state.spinner)),
            theme.muted,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_ellipsis_and_pads() {
        assert_eq!(truncate("payments-api", 8), "payment…");
        assert_eq!(truncate("api", 8), "api");
        assert_eq!(fit("api", 5), "api  ");
        assert_eq!(fit("payments", 5), "paym…");
        assert_eq!(fit_right("12", 4), "  12");
        assert_eq!(truncate("x", 0), "");
    }
}
