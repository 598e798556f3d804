//! YAML viewer with line numbers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, fit_right, inner, pane, paragraph, position, spinner};
use crate::tui::overlay::YamlView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, body: Rect, state: &State, view: &YamlView, theme: &Theme) {
    frame.render_widget(Clear, body);
    let area = inner(body);
    let cells = usize::from(area.width);
    let rows = usize::from(area.height);
    let total = view.text.as_deref().map_or(0, |t| t.lines().count());
    let where_ = position(view.scroll.min(total.saturating_sub(rows)), rows, total);
    let title = format!(" yaml: {}{where_} ", view.title);
    frame.render_widget(pane(title, true, theme), body);
    let lines = match (&view.text, &view.error) {
        (_, Some(error)) => vec![Line::from(Span::styled(format!("✗ {error}"), theme.error))],
        (None, None) => vec![Line::from(Span::styled(
            format!("{} loading…", spinner(state.spinner)),
            theme.muted,
        ))],
        (Some(text), None) => {
            let total = text.lines().count();
            let digits = total.to_string().len().max(3);
            let scroll = view.scroll.min(total.saturating_sub(rows));
            text.lines()
                .enumerate()
                .skip(scroll)
                .take(rows)
                .map(|(index, line)| {
                    let spans = vec![
                        Span::styled(
                            fit_right(&(index + 1).to_string(), digits),
                            theme.line_number,
                        ),
                        Span::raw(" "),
                        Span::styled(line.to_string(), yaml_style(line, theme)),
                    ];
                    fill_line(spans, cells, theme.text)
                })
                .collect()
        }
    };
    frame.render_widget(paragraph(lines), area);
}

/// Keys in the title style, comments muted, everything else plain.
fn yaml_style(line: &str, theme: &Theme) -> ratatui::style::Style {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        theme.muted
    } else if trimmed.starts_with("---") {
        theme.diff_header
    } else {
        theme.text
    }
}
