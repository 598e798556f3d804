//! Two header lines: counts and modes, then every cluster with its status.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::common::{fill_line, paragraph, spinner};
use crate::tui::durations;
use crate::tui::model::{ClusterInfo, ClusterStatus};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let cells = usize::from(area.width);
    let lines = vec![
        fill_line(summary(state, theme), cells, theme.text),
        fill_line(clusters(state, theme, cells), cells, theme.text),
    ];
    frame.render_widget(paragraph(lines), area);
}

fn summary<'a>(state: &State, theme: &Theme) -> Vec<Span<'a>> {
    let counts = state.counts();
    let count_style = |n: usize, style| if n > 0 { style } else { theme.muted };
    let context = state.context.as_deref().unwrap_or("all");
    let mut spans = vec![
        Span::styled(" recon ", theme.title),
        Span::styled(format!(" ctx:{context} "), theme.header),
        Span::styled(format!(" {} apps", counts.total), theme.text),
        Span::styled(
            format!("  {} out-of-sync", counts.out_of_sync),
            count_style(counts.out_of_sync, theme.sync_drift),
        ),
        Span::styled(
            format!("  {} degraded", counts.degraded),
            count_style(counts.degraded, theme.health_bad),
        ),
        Span::styled(
            format!("  {} paused", counts.paused),
            count_style(counts.paused, theme.paused),
        ),
    ];
    if !state.selection.is_empty() {
        spans.push(Span::styled(
            format!("  {} selected", state.selection.len()),
            theme.danger,
        ));
    }
    if state.readonly {
        spans.push(Span::styled("  [READ-ONLY]", theme.danger));
    }
    if let Some(job) = &state.background {
        spans.push(Span::styled(
            format!("  {} {}", spinner(state.spinner), job.title),
            theme.health_progress,
        ));
    }
    spans
}

/// How much to say about each cluster; the most that fits is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Status and the reason it is not reachable.
    Full,
    /// Status word only.
    Short,
    /// Symbol and name only.
    Minimal,
}

fn clusters<'a>(state: &State, theme: &Theme, cells: usize) -> Vec<Span<'a>> {
    let build = |detail| {
        let mut spans = vec![Span::raw(" ")];
        for (index, cluster) in state.clusters.iter().enumerate() {
            if index > 0 {
                spans.push(Span::styled("  │  ", theme.border));
            }
            spans.extend(cluster_spans(cluster, state, theme, detail));
        }
        if state.clusters.is_empty() {
            spans.push(Span::styled("no clusters yet", theme.muted));
        }
        spans
    };
    let fits = |spans: &Vec<Span<'a>>| spans.iter().map(Span::width).sum::<usize>() <= cells;
    let full = build(Detail::Full);
    if fits(&full) {
        return full;
    }
    let short = build(Detail::Short);
    if fits(&short) {
        return short;
    }
    build(Detail::Minimal)
}

fn cluster_spans<'a>(
    cluster: &ClusterInfo,
    state: &State,
    theme: &Theme,
    detail: Detail,
) -> Vec<Span<'a>> {
    let (symbol, style, word, reason) = match &cluster.status {
        ClusterStatus::Reachable => ("●", theme.cluster_ok, None, None),
        ClusterStatus::Unreachable(reason) => {
            ("✗", theme.cluster_bad, Some("unreachable"), Some(reason))
        }
        ClusterStatus::Forbidden(reason) => {
            ("✗", theme.cluster_bad, Some("forbidden"), Some(reason))
        }
        ClusterStatus::Connecting => (
            spinner(state.spinner),
            theme.muted,
            Some("connecting"),
            None,
        ),
    };
    let mut spans = vec![
        Span::styled(format!("{symbol} "), style),
        Span::styled(cluster.name.clone(), style),
    ];
    if cluster.readonly {
        spans.push(Span::styled(" [ro]", theme.warn));
    }
    match (detail, word, reason) {
        (Detail::Full, Some(word), Some(reason)) => {
            spans.push(Span::styled(format!(" {word}: {reason}"), style))
        }
        (Detail::Full | Detail::Short, Some(word), _) => {
            spans.push(Span::styled(format!(" {word}"), style))
        }
        _ => {}
    }
    if let Some(since) = cluster.stale_since {
        let age = durations::age(since, state.now);
        spans.push(Span::styled(format!(" [stale {age}]"), theme.stale));
    }
    spans
}
