//! History pane: commits of the app's path with deployed (●), HEAD and pin
//! marks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::common::{fill_line, fit, inner, pane, paragraph, placeholder, select};
use crate::tui::app_state::{AppView, Pane};
use crate::tui::durations;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &AppView, theme: &Theme) {
    let focused = view.focus == Pane::History;
    // The commits come first when Git answers before the cluster does.
    let shown = match (&view.detail, &view.early_history) {
        (Some(detail), _) => Some((detail.source_path.as_str(), detail.history.as_slice())),
        (None, Some(early)) => Some((early.source_path.as_str(), early.rows.as_slice())),
        (None, None) => None,
    };
    let title = match shown {
        Some((path, _)) => format!(" history of {path} "),
        None => " history ".to_string(),
    };
    frame.render_widget(pane(title, focused, theme), area);
    let body = inner(area);
    let cells = usize::from(body.width);
    let Some((_, history)) = shown else {
        frame.render_widget(paragraph(placeholder(state, view, theme)), body);
        return;
    };
    let rows = usize::from(body.height);
    let offset = view.history.visible_offset(rows, history.len());
    let author_w = history
        .iter()
        .map(|c| c.author.chars().count())
        .max()
        .unwrap_or(0)
        .min(14);
    let mut lines = Vec::new();
    for (index, commit) in history.iter().enumerate().skip(offset).take(rows) {
        let selected = index == view.history.selected;
        let style = |s| select(s, selected && focused, theme);
        let gutter = if selected { "›" } else { " " };
        let deployed = if commit.deployed { "● " } else { "  " };
        let head = if commit.head { "HEAD " } else { "     " };
        let pin = if commit.pinned { "pin " } else { "    " };
        let mut spans = vec![
            Span::styled(gutter, style(theme.title)),
            Span::styled(deployed, style(theme.sync_ok)),
            Span::styled(format!("{} ", commit.short), style(theme.text)),
            Span::styled(head, style(theme.title)),
            Span::styled(pin, style(theme.pinned)),
            Span::styled(
                fit(&durations::age(commit.time, state.now), 4),
                style(theme.muted),
            ),
            Span::styled(fit(&commit.author, author_w + 1), style(theme.muted)),
            Span::styled(commit.subject.clone(), style(theme.text)),
        ];
        if let Some(note) = &commit.note {
            spans.push(Span::styled(format!("  {note}"), style(theme.muted)));
        }
        lines.push(fill_line(spans, cells, style(theme.text)));
    }
    if history.is_empty() {
        lines.push(Line::from(Span::styled(
            "no commits touch this path",
            theme.muted,
        )));
    }
    frame.render_widget(paragraph(lines), body);
}
