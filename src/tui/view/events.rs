//! Events viewer: the Events of one object and everything under it in the
//! tree, newest first, Warnings marked, with count and age. It reads the
//! open app's tree each frame, so it is as live as the tree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, fit, fit_middle, fit_right, inner, pane, paragraph, position};
use crate::tui::durations::age;
use crate::tui::overlay::EventsView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

const AGE_CELLS: usize = 5;
const COUNT_CELLS: usize = 5;
const REASON_CELLS: usize = 18;
const OBJECT_CELLS: usize = 30;

pub fn draw(frame: &mut Frame, body: Rect, state: &State, view: &EventsView, theme: &Theme) {
    frame.render_widget(Clear, body);
    let area = inner(body);
    let cells = usize::from(area.width);
    let rows = usize::from(area.height.saturating_sub(1));
    let events = state
        .app_view()
        .map_or(Vec::new(), |app| app.events_of(&view.object));
    let warnings = events.iter().filter(|e| e.warning).count();
    let scroll = view.scroll.min(events.len().saturating_sub(rows));
    let title = format!(
        " events: {} and below · {} ({warnings} warning){} ",
        view.object,
        events.len(),
        position(scroll, rows, events.len())
    );
    frame.render_widget(pane(title, true, theme), body);
    let header = vec![
        Span::styled("  ", theme.column_header),
        Span::styled(fit_right("AGE", AGE_CELLS), theme.column_header),
        Span::styled(fit_right("COUNT", COUNT_CELLS + 1), theme.column_header),
        Span::raw(" "),
        Span::styled(fit("REASON", REASON_CELLS + 1), theme.column_header),
        Span::styled(fit("OBJECT", OBJECT_CELLS + 1), theme.column_header),
        Span::styled("MESSAGE", theme.column_header),
    ];
    let mut lines = vec![fill_line(header, cells, theme.text)];
    if events.is_empty() {
        let loaded = state.app_view().is_some_and(|v| v.tree.is_some());
        let text = if loaded {
            "no Events (the API server keeps them about an hour)"
        } else {
            "reading Events…"
        };
        lines.push(Line::from(Span::styled(text, theme.muted)));
    }
    for event in events.iter().skip(scroll).take(rows) {
        let (mark, tone) = if event.warning {
            ("⚠ ", theme.error)
        } else {
            ("  ", theme.text)
        };
        let ago = event
            .last_seen
            .map_or_else(|| "-".to_string(), |t| age(t, state.now));
        let object = format!("{}/{}", event.object.kind, event.object.name);
        let spans = vec![
            Span::styled(mark, tone),
            Span::styled(fit_right(&ago, AGE_CELLS), theme.muted),
            Span::styled(
                fit_right(&format!("x{}", event.count), COUNT_CELLS + 1),
                theme.muted,
            ),
            Span::raw(" "),
            Span::styled(fit(&event.reason, REASON_CELLS + 1), tone),
            Span::styled(fit_middle(&object, OBJECT_CELLS), theme.text),
            Span::raw(" "),
            Span::styled(event.message.clone(), theme.text),
        ];
        lines.push(fill_line(spans, cells, theme.text));
    }
    frame.render_widget(paragraph(lines), area);
}
