//! Helpers shared by the views: width-aware truncation, pane blocks,
//! the spinner, and the one way text reaches the screen.
//!
//! Text from Git and from clusters (commit messages, object names, health
//! messages, diff and YAML lines, errors quoting a server) may carry
//! control characters: an `ESC ] 52` sequence would write the operator's
//! clipboard, others move the cursor or retitle the window. Every view
//! draws its text through [`paragraph`] and its titles through [`pane`],
//! which show each control character as a `\u{1b}`-style escape; and
//! [`truncate`], [`fit`], [`width`] and [`fill_line`] measure the escaped
//! text, so columns line up with what is drawn. (ratatui itself drops
//! control characters from the buffer; escaping them here keeps them
//! visible instead of silently removed.)

use std::borrow::Cow;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use crate::tui::app_state::AppView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// ASCII so it renders in any terminal font.
const SPINNER: [&str; 4] = ["-", "\\", "|", "/"];

pub fn spinner(frame: usize) -> &'static str {
    SPINNER[frame % SPINNER.len()]
}

/// `text` as the terminal shows it: control characters escaped.
pub fn shown(text: &str) -> Cow<'_, str> {
    crate::text::printable(text)
}

/// The span with its control characters escaped (same style).
fn safe_span(span: &mut Span<'_>) {
    if let Cow::Owned(escaped) = shown(&span.content) {
        span.content = Cow::Owned(escaped);
    }
}

/// Every span of `line` escaped, its style and alignment kept.
fn safe_line(line: &mut Line<'_>) {
    line.spans.iter_mut().for_each(safe_span);
}

/// The paragraph every view draws its text with: each span's control
/// characters are escaped (see the module's documentation).
pub fn paragraph<'a>(text: impl Into<Text<'a>>) -> Paragraph<'a> {
    let mut text = text.into();
    text.lines.iter_mut().for_each(safe_line);
    Paragraph::new(text)
}

/// Display width of a string in terminal cells, as [`shown`] draws it.
pub fn width(text: &str) -> usize {
    Span::raw(shown(text)).width()
}

fn char_width(c: char) -> usize {
    let mut buffer = [0u8; 4];
    width(c.encode_utf8(&mut buffer))
}

/// Cut `text` to at most `max` cells, ending in `…` when cut.
/// Control characters count as their escapes.
pub fn truncate(text: &str, max: usize) -> String {
    let text = shown(text);
    if width(&text) <= max {
        return text.into_owned();
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

/// Fit in `cells`, eliding the middle: a pod's name keeps its unique tail
/// (`worker-5d8…-x2kzq`).
pub fn fit_middle(text: &str, cells: usize) -> String {
    let chars: Vec<char> = shown(text).chars().collect();
    if chars.len() <= cells || cells < 8 {
        return fit(text, cells);
    }
    let tail = ((cells - 1) / 2).min(6);
    let head = cells - 1 - tail;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    fit(&out, cells)
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
    let mut title = title.into();
    safe_line(&mut title);
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Plain)
        .border_style(border)
        .title(title.style(title_style))
}

/// Spans filling exactly `cells` with `spans`, truncated if too long,
/// padded with `fill` style otherwise. Keeps a selected row's background
/// continuous.
pub fn fill_line<'a>(spans: Vec<Span<'a>>, cells: usize, fill: Style) -> Line<'a> {
    let mut out = Vec::new();
    let mut used = 0;
    for mut span in spans {
        safe_span(&mut span);
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

    #[test]
    fn control_characters_are_measured_and_cut_as_their_escapes() {
        let name = "a\u{1b}]52;c;aGk=\u{7}b";
        assert_eq!(shown(name), "a\\u{1b}]52;c;aGk=\\u{7}b");
        assert_eq!(width(name), shown(name).chars().count());
        assert_eq!(truncate(name, 8), "a\\u{1b}…");
        assert_eq!(fit("\u{1b}", 8), "\\u{1b}  ");
        let line = fill_line(vec![Span::raw("x\u{9b}2J")], 12, Style::default());
        let drawn: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(drawn, "x\\u{9b}2J   ");
    }

    #[test]
    fn paragraphs_and_titles_escape_every_span() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::Widget;
        let area = Rect::new(0, 0, 40, 3);
        let mut buffer = Buffer::empty(area);
        let theme = Theme::default();
        pane(" t\u{1b}]0;x\u{7} ", false, &theme).render(area, &mut buffer);
        paragraph(Line::from(vec![Span::raw("m\u{1b}[2J"), Span::raw("\r!")]))
            .render(inner(area), &mut buffer);
        let rows: Vec<String> = (0..3)
            .map(|y| (0..40).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        assert!(rows[0].contains("t\\u{1b}]0;x\\u{7}"), "{rows:?}");
        assert!(rows[1].contains("m\\u{1b}[2J\\u{d}!"), "{rows:?}");
    }

    /// Every view draws through [`paragraph`]: a `Paragraph::new` elsewhere
    /// would draw text from a cluster unescaped.
    #[test]
    fn views_draw_text_only_through_paragraph() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/view");
        let entries = std::fs::read_dir(&dir).expect("the view sources are there");
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.file_name().is_some_and(|n| n == "common.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("a view source");
            assert!(
                !source.contains("Paragraph::new"),
                "{} builds a Paragraph itself; use common::paragraph",
                path.display()
            );
        }
    }
}
