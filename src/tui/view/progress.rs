//! Progress of a sync or rollback: one line per object as it completes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, fit, inner, pane, paragraph, spinner};
use crate::tui::action::{Action, Mode};
use crate::tui::layout;
use crate::tui::model::{ChangeRow, Tone};
use crate::tui::overlay::ProgressView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// A symbol per tone so the outcome reads without colour.
fn symbol(tone: Tone, state: &State) -> &'static str {
    match tone {
        Tone::Good => "✓",
        Tone::Bad => "✗",
        Tone::Warn => "!",
        Tone::Progress => spinner(state.spinner),
        Tone::Paused => "‖",
        Tone::Neutral => "·",
    }
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, view: &ProgressView, theme: &Theme) {
    let outer = layout::big_dialog(body);
    frame.render_widget(Clear, outer);
    frame.render_widget(pane(format!(" {} ", view.title), true, theme), outer);
    let area = inner(outer);
    let cells = usize::from(area.width);
    let rows = usize::from(area.height.saturating_sub(1));
    let object_w = view
        .rows
        .iter()
        .map(|r| r.object.chars().count())
        .max()
        .unwrap_or(0)
        .min(cells / 2);
    let outcome_w = view
        .rows
        .iter()
        .map(|r| r.outcome.chars().count())
        .max()
        .unwrap_or(0)
        .min(16);
    let scroll = view.scroll.min(view.rows.len().saturating_sub(rows));
    let mut lines: Vec<Line> = view
        .rows
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|row| change_line(row, state, theme, object_w, outcome_w, cells))
        .collect();
    if view.rows.is_empty() && view.finished.is_none() {
        lines.push(Line::from(Span::styled(
            "waiting for the first result…",
            theme.muted,
        )));
    }
    lines.resize(rows, Line::default());
    lines.push(footer(state, view, theme, cells));
    frame.render_widget(paragraph(lines), area);
}

fn change_line<'a>(
    row: &ChangeRow,
    state: &State,
    theme: &Theme,
    object_w: usize,
    outcome_w: usize,
    cells: usize,
) -> Line<'a> {
    let style = theme.tone(row.tone);
    let mut spans = vec![
        Span::styled(format!("{} ", symbol(row.tone, state)), style),
        Span::styled(fit(&row.object, object_w + 2), theme.text),
        Span::styled(fit(&row.outcome, outcome_w + 2), style),
    ];
    if let Some(reason) = &row.reason {
        spans.push(Span::styled(reason.clone(), theme.muted));
    }
    fill_line(spans, cells, theme.text)
}

fn footer<'a>(state: &State, view: &ProgressView, theme: &Theme, cells: usize) -> Line<'a> {
    let close = state
        .keymap
        .key_label(Mode::Progress, Action::Back)
        .unwrap_or_else(|| "esc".to_string());
    let spans = match &view.finished {
        None => vec![
            Span::styled(
                format!("{} running… ", spinner(state.spinner)),
                theme.health_progress,
            ),
            Span::styled(
                format!("({} done; {close} hides, work continues)", view.rows.len()),
                theme.muted,
            ),
        ],
        Some(Ok(summary)) => vec![
            Span::styled(format!("✓ done: {summary} "), theme.health_good),
            Span::styled(format!("({close} closes)"), theme.muted),
        ],
        Some(Err(reason)) => vec![
            Span::styled(format!("✗ FAILED: {reason} "), theme.error),
            Span::styled(format!("({close} closes)"), theme.muted),
        ],
    };
    fill_line(spans, cells, theme.text)
}
