//! Resources pane of the app view: KIND NAME SYNC HEALTH MESSAGE.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::common::{fill_line, fit, inner, pane, paragraph, placeholder, select, width};
use crate::tui::app_state::{AppView, DiffSource, Pane};
use crate::tui::model::ResourceRow;
use crate::tui::state::State;
use crate::tui::theme::Theme;

const SYNC_CELLS: usize = 10;
const HEALTH_CELLS: usize = 11;
const MESSAGE_MIN: usize = 12;
/// KIND and NAME shrink down to this before the message loses room.
const NAME_MIN: usize = 10;

/// Widths of KIND and NAME: their content, capped, then shrunk so the
/// message keeps some room.
fn name_widths(resources: &[ResourceRow], cells: usize) -> (usize, usize) {
    let longest = |f: fn(&ResourceRow) -> &str, cap| {
        resources
            .iter()
            .map(|r| width(f(r)))
            .max()
            .unwrap_or(4)
            .clamp(4, cap)
    };
    let mut kind = longest(|r| &r.kind, 24);
    let mut name = longest(|r| &r.name, 32);
    let fixed = 2 + SYNC_CELLS + 1 + HEALTH_CELLS + 1 + MESSAGE_MIN;
    let mut excess = (fixed + kind + 1 + name + 1).saturating_sub(cells);
    for column in [&mut kind, &mut name] {
        let cut = excess.min(column.saturating_sub(NAME_MIN));
        *column -= cut;
        excess -= cut;
    }
    (kind, name)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &AppView, theme: &Theme) {
    let focused = view.focus == Pane::Resources;
    let count = view.detail.as_ref().map_or(0, |d| d.resources.len());
    frame.render_widget(pane(format!(" resources ({count}) "), focused, theme), area);
    let body = inner(area);
    let cells = usize::from(body.width);
    let Some(detail) = &view.detail else {
        frame.render_widget(paragraph(placeholder(state, view, theme)), body);
        return;
    };
    let (kind_w, name_w) = name_widths(&detail.resources, cells);
    let header = vec![
        Span::raw("  "),
        Span::styled(fit("KIND", kind_w + 1), theme.column_header),
        Span::styled(fit("NAME", name_w + 1), theme.column_header),
        Span::styled(fit("SYNC", SYNC_CELLS + 1), theme.column_header),
        Span::styled(fit("HEALTH", HEALTH_CELLS + 1), theme.column_header),
        Span::styled("MESSAGE", theme.column_header),
    ];
    let mut lines = vec![fill_line(header, cells, theme.text)];
    let rows = usize::from(body.height.saturating_sub(1));
    let offset = view.resources.visible_offset(rows, detail.resources.len());
    for (index, resource) in detail.resources.iter().enumerate().skip(offset).take(rows) {
        let selected = index == view.resources.selected;
        let highlight = selected && focused;
        let shown = view.diff_source == DiffSource::Resource(index);
        // `›` marks the selection, `◆` the resource whose diff is shown.
        let gutter = match (selected, shown) {
            (true, true) => "›◆",
            (false, true) => " ◆",
            (true, false) => "› ",
            (false, false) => "  ",
        };
        let style = |s| select(s, highlight, theme);
        let spans = vec![
            Span::styled(gutter, style(theme.title)),
            Span::styled(fit(&resource.kind, kind_w), style(theme.text)),
            Span::styled(" ", style(theme.text)),
            Span::styled(fit(&resource.name, name_w), style(theme.text)),
            Span::styled(" ", style(theme.text)),
            Span::styled(
                fit(&resource.sync.text, SYNC_CELLS + 1),
                style(theme.sync_tone(resource.sync.tone)),
            ),
            Span::styled(
                fit(&resource.health.text, HEALTH_CELLS + 1),
                style(theme.tone(resource.health.tone)),
            ),
            Span::styled(resource.message.clone(), style(theme.muted)),
        ];
        lines.push(fill_line(spans, cells, style(theme.text)));
    }
    if detail.resources.is_empty() {
        lines.push(Line::from(Span::styled("no resources", theme.muted)));
    }
    frame.render_widget(paragraph(lines), body);
}
