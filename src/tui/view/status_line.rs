//! The bottom line: the `/` or `:` input while typing, otherwise the last
//! error or message.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::common::{paragraph, truncate, width};
use crate::tui::durations;
use crate::tui::model::ClusterStatus;
use crate::tui::state::{InputKind, State, StatusKind};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let cells = usize::from(area.width);
    let line = if let Some(input) = &state.input {
        let prompt = match input.kind {
            InputKind::Filter => "/",
            InputKind::Command => ":",
        };
        let before: String = input.field.text.chars().take(input.field.cursor).collect();
        let cursor_x = area.x + (1 + width(&before)).min(cells.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(cursor_x, area.y));
        Line::from(vec![
            Span::styled(prompt, theme.hint_key),
            Span::styled(
                truncate(&input.field.text, cells.saturating_sub(1)),
                theme.input,
            ),
        ])
    } else {
        match &state.status {
            Some(status) if status.kind == StatusKind::Error => Line::from(Span::styled(
                truncate(&format!(" ✗ {}", status.text), cells),
                theme.error,
            )),
            Some(status) => Line::from(Span::styled(
                truncate(&format!(" {}", status.text), cells),
                theme.info,
            )),
            None if !state.filter.is_empty() => Line::from(vec![
                Span::styled(" filter: ", theme.muted),
                Span::styled(
                    truncate(&state.filter, cells.saturating_sub(9)),
                    theme.input,
                ),
            ]),
            None => match cluster_notice(state) {
                Some(text) => Line::from(Span::styled(truncate(&text, cells), theme.warn)),
                None => Line::default(),
            },
        }
    };
    frame.render_widget(paragraph(line), area);
}

/// Why the selected app's cluster is not reachable: the header may be too
/// narrow to say it, and it matters before acting on that app.
fn cluster_notice(state: &State) -> Option<String> {
    let cluster = match state.app_view() {
        Some(view) => &view.app.cluster,
        None => &state.selected_app()?.id.cluster,
    };
    let info = state.cluster(cluster)?;
    let problem = match &info.status {
        ClusterStatus::Reachable | ClusterStatus::Connecting => return None,
        ClusterStatus::Unreachable(reason) => format!("unreachable: {reason}"),
        ClusterStatus::Forbidden(reason) => format!("forbidden: {reason}"),
    };
    let age = info
        .stale_since
        .map(|since| format!(" [stale {}]", durations::age(since, state.now)))
        .unwrap_or_default();
    Some(format!(" {cluster} {problem}{age}"))
}
