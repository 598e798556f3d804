//! The full-screen logs viewer: a status row (pod, container, follow,
//! previous, wrap, lines kept and dropped, search), then the log itself,
//! wrapped or cut at the edge, search matches highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, inner, pane, paragraph, spinner, width};
use crate::tui::log_buffer::MAX_LINES;
use crate::tui::logs_state::{LogsView, StreamState};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, body: Rect, state: &State, view: &LogsView, theme: &Theme) {
    frame.render_widget(Clear, body);
    let area = inner(body);
    let cols = usize::from(area.width).max(1);
    let rows = usize::from(area.height).saturating_sub(1).max(1);
    frame.render_widget(pane(title(view), true, theme), body);
    let mut lines = vec![status_row(state, view, cols, theme)];
    if view.buffer.is_empty() {
        lines.push(Line::from(Span::styled(empty_text(view), theme.muted)));
    } else {
        lines.extend(log_rows(view, cols, rows, theme));
    }
    frame.render_widget(paragraph(lines), area);
}

fn title(view: &LogsView) -> String {
    let mut title = format!(" logs: {}", view.resource);
    let names: Vec<&String> = view.pods.iter().map(|p| &p.name).collect();
    if let Some(pod) = &view.pod
        && view.resource.kind != "Pod"
    {
        title.push_str(&format!(" · pod {pod}{}", position_of(pod, &names)));
    }
    if let Some(container) = &view.container {
        let all: Vec<&String> = view.containers().iter().collect();
        title.push_str(&format!(" · {container}{}", position_of(container, &all)));
    }
    if view.previous {
        title.push_str(" (previous)");
    }
    title.push(' ');
    title
}

/// " (2/3)" when there is more than one to choose from.
fn position_of(name: &String, all: &[&String]) -> String {
    match all.iter().position(|a| *a == name) {
        Some(i) if all.len() > 1 => format!(" ({}/{})", i + 1, all.len()),
        _ => String::new(),
    }
}

fn empty_text(view: &LogsView) -> String {
    match &view.stream {
        StreamState::Connecting => String::new(),
        StreamState::Streaming if view.follow => {
            "no lines yet: waiting for the container to write".into()
        }
        _ => "the log is empty".into(),
    }
}

fn status_row<'a>(state: &State, view: &LogsView, cols: usize, theme: &Theme) -> Line<'a> {
    if let Some(field) = &view.typing {
        let spans = vec![
            Span::styled("search: /", theme.muted),
            Span::styled(field.text.clone(), theme.input),
            Span::styled("█", theme.input),
        ];
        return fill_line(spans, cols, theme.text);
    }
    let (stream, style) = match &view.stream {
        StreamState::Connecting => (
            format!("{} connecting…", spinner(state.spinner)),
            theme.muted,
        ),
        StreamState::Streaming if view.follow => ("● following".to_string(), theme.health_good),
        StreamState::Streaming => ("● reading".to_string(), theme.health_progress),
        StreamState::Ended(None) => ("■ ended".to_string(), theme.muted),
        StreamState::Ended(Some(error)) => (format!("✗ {error}"), theme.error),
    };
    let mut spans = vec![Span::styled(stream, style)];
    spans.push(Span::styled(
        format!(" · {}", lines(view.buffer.len())),
        theme.muted,
    ));
    if view.buffer.dropped() > 0 {
        spans.push(Span::styled(
            format!(
                " ({} older dropped: keeps the last {MAX_LINES})",
                view.buffer.dropped()
            ),
            theme.warn,
        ));
    }
    if view.wrap {
        spans.push(Span::styled(" · wrap", theme.muted));
    }
    if let Some(query) = &view.search {
        let found = view.buffer.matches(query).len();
        spans.push(Span::styled(
            format!(" · /{query}: {}", lines(found)),
            theme.info,
        ));
    }
    fill_line(spans, cols, theme.text)
}

fn lines(n: usize) -> String {
    if n == 1 {
        "1 line".to_string()
    } else {
        format!("{n} lines")
    }
}

/// The rows on screen: from the top line (the bottom screenful when stuck).
fn log_rows<'a>(view: &LogsView, cols: usize, rows: usize, theme: &Theme) -> Vec<Line<'a>> {
    let buffer = &view.buffer;
    let bottom = buffer.top_for_bottom(cols, rows, view.wrap);
    let top = if view.stick {
        bottom
    } else {
        view.top.min(bottom)
    };
    let mut out = Vec::with_capacity(rows);
    for index in top..buffer.len() {
        let Some(line) = buffer.get(index) else {
            break;
        };
        let current = view.current_match == Some(index);
        let cells = styled_cells(line, view.search.as_deref(), current, theme);
        for row in split_rows(&cells, cols, view.wrap) {
            if out.len() == rows {
                return out;
            }
            out.push(Line::from(row));
        }
    }
    out
}

/// Each character of `line` with its style: matches of `query` (smart
/// case, as the search finds them) highlighted, the current one selected.
fn styled_cells(
    line: &str,
    query: Option<&str>,
    current: bool,
    theme: &Theme,
) -> Vec<(char, Style)> {
    let chars: Vec<char> = line.chars().collect();
    let mut cells: Vec<(char, Style)> = chars.iter().map(|c| (*c, theme.text)).collect();
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return cells;
    };
    let fold = !query.chars().any(char::is_uppercase);
    let norm = |c: char| {
        if fold {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let needle: Vec<char> = query.chars().map(norm).collect();
    let hay: Vec<char> = chars.iter().map(|c| norm(*c)).collect();
    let mark = if current {
        theme.selection
    } else {
        theme.text.patch(theme.filter_match)
    };
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()] == needle[..] {
            for cell in &mut cells[at..at + needle.len()] {
                cell.1 = mark;
            }
            at += needle.len();
        } else {
            at += 1;
        }
    }
    cells
}

/// Cuts styled cells into rows `cols` wide (only the first when not
/// wrapping), joining runs of one style into spans.
fn split_rows<'a>(cells: &[(char, Style)], cols: usize, wrap: bool) -> Vec<Vec<Span<'a>>> {
    let mut rows: Vec<Vec<Span<'a>>> = vec![Vec::new()];
    let mut used = 0;
    let mut run = String::new();
    let mut run_style = None;
    let flush = |rows: &mut Vec<Vec<Span<'a>>>, run: &mut String, style: Option<Style>| {
        if let (Some(style), false) = (style, run.is_empty())
            && let Some(row) = rows.last_mut()
        {
            row.push(Span::styled(std::mem::take(run), style));
        }
    };
    for &(c, style) in cells {
        let mut buf = [0u8; 4];
        let w = width(c.encode_utf8(&mut buf));
        if used + w > cols {
            flush(&mut rows, &mut run, run_style);
            if !wrap {
                return rows;
            }
            rows.push(Vec::new());
            used = 0;
        }
        if run_style != Some(style) {
            flush(&mut rows, &mut run, run_style);
            run_style = Some(style);
        }
        run.push(c);
        used += w;
    }
    flush(&mut rows, &mut run, run_style);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(rows: &[Vec<Span<'_>>]) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn rows_wrap_at_the_width_or_are_cut_there() {
        let theme = Theme::default();
        let cells = styled_cells("abcdefghij", None, false, &theme);
        assert_eq!(
            text_of(&split_rows(&cells, 4, true)),
            ["abcd", "efgh", "ij"]
        );
        assert_eq!(text_of(&split_rows(&cells, 4, false)), ["abcd"]);
    }

    #[test]
    fn matches_are_highlighted_ignoring_case_unless_the_query_has_capitals() {
        let theme = Theme::default();
        let mark = theme.text.patch(theme.filter_match);
        let cells = styled_cells("Error and error", Some("error"), false, &theme);
        let marked: String = cells
            .iter()
            .filter(|(_, s)| *s == mark)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(marked, "Errorerror");
        let cells = styled_cells("Error and error", Some("Error"), true, &theme);
        let marked: String = cells
            .iter()
            .filter(|(_, s)| *s == theme.selection)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(marked, "Error");
    }
}
