//! Resources pane of the app view: KIND NAME SYNC HEALTH MESSAGE.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app_view::placeholder;
use super::common::{fill_line, fit, inner, pane, select};
use crate::tui::app_state::{AppView, DiffSource, Pane};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &AppView, theme: &Theme) {
    let focused = view.focus == Pane::Resources;
    let count = view.detail.as_ref().map_or(0, |d| d.resources.len());
    frame.render_widget(pane(format!(" resources ({count}) "), focused, theme), area);
    let body = inner(area);
    let cells = usize::from(body.width);
    let Some(detail) = &view.detail else {
        frame.render_widget(Paragraph::new(placeholder(state, view, theme)), body);
        return;
    };
    let kind_w = detail
        .resources
        .iter()
        .map(|r| r.kind.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 22);
    let name_w = detail
        .resources
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    let sync_w = 10;
    let health_w = 11;
    let header = vec![
        Span::raw("  "),
        Span::styled(fit("KIND", kind_w + 1), theme.column_header),
        Span::styled(fit("NAME", name_w + 1), theme.column_header),
        Span::styled(fit("SYNC", sync_w + 1), theme.column_header),
        Span::styled(fit("HEALTH", health_w + 1), theme.column_header),
        Span::styled("MESSAGE", theme.column_header),
    ];
    let mut lines = vec![fill_line(header, cells, theme.text)];
    let rows = usize::from(body.height.saturating_sub(1));
    let offset = view.resources.visible_offset(rows, detail.resources.len());
    for (index, resource) in detail.resources.iter().enumerate().skip(offset).take(rows) {
        let selected = index == view.resources.selected;
        let highlight = selected && focused;
        let shown = view.diff_source == DiffSource::Resource(index);
        let gutter = match (selected, shown) {
            (_, true) => "◆ ",
            (true, false) => "› ",
            (false, false) => "  ",
        };
        let style = |s| select(s, highlight, theme);
        let spans = vec![
            Span::styled(gutter, style(theme.title)),
            Span::styled(fit(&resource.kind, kind_w + 1), style(theme.text)),
            Span::styled(fit(&resource.name, name_w + 1), style(theme.text)),
            Span::styled(
                fit(&resource.sync.text, sync_w + 1),
                style(theme.sync_tone(resource.sync.tone)),
            ),
            Span::styled(
                fit(&resource.health.text, health_w + 1),
                style(theme.tone(resource.health.tone)),
            ),
            Span::styled(resource.message.clone(), style(theme.muted)),
        ];
        lines.push(fill_line(spans, cells, style(theme.text)));
    }
    if detail.resources.is_empty() {
        lines.push(Line::from(Span::styled("no resources", theme.muted)));
    }
    frame.render_widget(Paragraph::new(lines), body);
}
