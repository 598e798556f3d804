//! The app view: a title line and three panes (resources, diff, history).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::common::{fill_line, inner, pane, paragraph, placeholder, position, spinner};
use super::{diff, history, resources};
use crate::tui::app_state::{AppView, DiffSource, Pane};
use crate::tui::layout;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &AppView, theme: &Theme) {
    let areas = layout::app_view(area, view.focus, view.why().is_some());
    frame.render_widget(
        paragraph(title(state, view, theme, areas.title.width)),
        areas.title,
    );
    if let Some(why) = view.why() {
        let spans = vec![
            Span::styled(" why ", theme.error),
            Span::styled(why.to_string(), theme.text),
        ];
        frame.render_widget(
            paragraph(fill_line(spans, usize::from(areas.why.width), theme.text)),
            areas.why,
        );
    }
    resources::draw(frame, areas.resources, state, view, theme);
    draw_diff(frame, areas.diff, state, view, theme);
    history::draw(frame, areas.history, state, view, theme);
}

fn title<'a>(state: &State, view: &AppView, theme: &Theme, cells: u16) -> Line<'a> {
    let mut spans = vec![Span::styled(format!(" {} ", view.app), theme.title)];
    if let Some(row) = state.apps.iter().find(|row| row.id == view.app) {
        spans.push(Span::styled(
            format!(" {}", row.sync.text),
            theme.sync_tone(row.sync.tone),
        ));
        spans.push(Span::styled(
            format!(" {}", row.health.text),
            theme.tone(row.health.tone),
        ));
        if row.paused.is_some() {
            spans.push(Span::styled(" ‖ paused", theme.paused));
        }
        if let Some(pin) = &row.pinned {
            spans.push(Span::styled(format!(" pin {pin}"), theme.pinned));
        }
    }
    if let Some(detail) = &view.detail {
        if let Some(stale) = &detail.git_stale {
            spans.push(Span::styled(format!("  ⚠ {stale}"), theme.stale));
        }
        spans.push(Span::styled(
            format!("  {}", detail.drift_summary),
            theme.text,
        ));
        spans.push(Span::styled(
            format!("  branch {}  path {}", detail.branch, detail.source_path),
            theme.muted,
        ));
    }
    fill_line(spans, usize::from(cells), theme.text)
}

/// Message shown in a pane while the detail is missing.
fn draw_diff(frame: &mut Frame, area: Rect, state: &State, view: &AppView, theme: &Theme) {
    let focused = view.focus == Pane::Diff;
    let side_by_side = view.side_by_side(state.width);
    let layout_label = if side_by_side {
        "side by side"
    } else {
        "unified"
    };
    let body = inner(area);
    let lines = view.diff_lines();
    let rows = usize::from(body.height);
    let total = diff::row_count(lines, side_by_side);
    let scroll = view.diff_scroll.min(total.saturating_sub(rows));
    let position = position(scroll, rows, total);
    let title = format!(" {} · {layout_label}{position} ", view.diff_title());
    frame.render_widget(pane(title, focused, theme), area);
    let content = if view.detail.is_none() {
        vec![placeholder(state, view, theme)]
    } else if let DiffSource::Commit { lines: None, .. } = view.diff_source {
        vec![Line::from(Span::styled(
            format!("{} loading the commit…", spinner(state.spinner)),
            theme.muted,
        ))]
    } else if lines.is_empty() {
        let message = match view.diff_source {
            DiffSource::App => "no drift: the cluster matches Git",
            DiffSource::Resource(_) => "no drift for this resource",
            DiffSource::Commit { .. } => "this commit changed nothing under the app's path",
        };
        vec![Line::from(Span::styled(message, theme.muted))]
    } else {
        diff::render(
            lines,
            scroll,
            rows,
            usize::from(body.width),
            side_by_side,
            theme,
        )
    };
    frame.render_widget(paragraph(content), body);
}
