//! The cells of the apps table: its columns and what each shows of a row.

use ratatui::style::Style;
use ratatui::text::Span;

use super::common::shown;
use crate::tui::durations;
use crate::tui::model::AppRow;
use crate::tui::row_fields::{Field, RowHits};
use crate::tui::state::{SortColumn, State};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Cluster,
    Tool,
    Namespace,
    Name,
    Sync,
    Health,
    Marks,
    Revision,
    LastSync,
    /// Why an unhealthy app is unhealthy: only on wide terminals.
    Reason,
}

pub(super) const ALL: [Column; 10] = [
    Column::Cluster,
    Column::Tool,
    Column::Namespace,
    Column::Name,
    Column::Sync,
    Column::Health,
    Column::Marks,
    Column::Revision,
    Column::LastSync,
    Column::Reason,
];

impl Column {
    pub(super) fn label(self) -> &'static str {
        match self {
            Column::Cluster => "CLUSTER",
            Column::Tool => "TOOL",
            Column::Namespace => "NAMESPACE",
            Column::Name => "NAME",
            Column::Sync => "SYNC",
            Column::Health => "HEALTH",
            Column::Marks => "",
            Column::Revision => "REVISION",
            Column::LastSync => "LAST SYNC",
            Column::Reason => "REASON",
        }
    }

    pub(super) fn cap(self) -> usize {
        match self {
            Column::Cluster => 28,
            Column::Namespace => 18,
            Column::Tool => 6,
            Column::Name => 32,
            Column::Sync | Column::Health | Column::Marks => 13,
            Column::Revision | Column::Reason => usize::MAX,
            Column::LastSync => 9,
        }
    }

    pub(super) fn sorted_by(self, sort: SortColumn) -> bool {
        matches!(
            (self, sort),
            (Column::Cluster, SortColumn::Cluster)
                | (Column::Tool, SortColumn::Tool)
                | (Column::Namespace, SortColumn::Namespace)
                | (Column::Name, SortColumn::Name)
                | (Column::Sync, SortColumn::Sync)
                | (Column::Health, SortColumn::Health)
                | (Column::Revision, SortColumn::Revision)
                | (Column::LastSync, SortColumn::LastSync)
        )
    }
}

/// `text` in `style`, with the characters at `hits` (ascending character
/// positions) in `style` patched with the filter-match style.
fn highlighted<'a>(text: &str, style: Style, hits: &[usize], theme: &Theme) -> Vec<Span<'a>> {
    if hits.is_empty() {
        return vec![Span::styled(shown(text).into_owned(), style)];
    }
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (position, c) in text.chars().enumerate() {
        let hit = hits.binary_search(&position).is_ok();
        if hit != run_hit && !run.is_empty() {
            let run_style = if run_hit {
                style.patch(theme.filter_match)
            } else {
                style
            };
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_hit = hit;
        // Escaped here (not only when drawn) so the column is as wide as
        // what is drawn.
        let mut buffer = [0u8; 4];
        run.push_str(&shown(c.encode_utf8(&mut buffer)));
    }
    let run_style = if run_hit {
        style.patch(theme.filter_match)
    } else {
        style
    };
    spans.push(Span::styled(run, run_style));
    spans
}

/// The spans of one cell, before fitting to the column width.
pub(super) fn cell<'a>(
    column: Column,
    row: &AppRow,
    hits: Option<&RowHits>,
    state: &State,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let text = |text: &str, style: Style, field: Field| {
        let positions = hits.map_or(&[][..], |h| h.positions(field));
        highlighted(text, style, positions, theme)
    };
    match column {
        Column::Cluster => {
            let stale = state
                .cluster(&row.id.cluster)
                .is_some_and(|c| c.stale_since.is_some());
            let style = if stale { theme.stale } else { theme.text };
            let mut spans = text(&row.id.cluster, style, Field::Cluster);
            // A central Argo CD deploys elsewhere: show where, after an arrow.
            if let Some(dest) = &row.destination {
                spans.push(Span::styled(format!("→{dest}"), theme.muted));
            }
            spans
        }
        Column::Tool => text(row.id.tool.label(), theme.muted, Field::Tool),
        Column::Namespace => text(&row.id.namespace, theme.text, Field::Namespace),
        Column::Name => text(&row.id.name, theme.text, Field::Name),
        Column::Sync => text(&row.sync.text, theme.sync_tone(row.sync.tone), Field::Sync),
        Column::Health => text(&row.health.text, theme.tone(row.health.tone), Field::Health),
        Column::Marks => {
            let mut spans = Vec::new();
            if let Some(pause) = &row.paused {
                let left = pause
                    .until
                    .map(|until| format!(" {}", durations::time_left(until, state.now)));
                spans.push(Span::styled(
                    format!("‖{}", left.unwrap_or_default()),
                    theme.paused,
                ));
            }
            if row.pinned.is_some() {
                let gap = if spans.is_empty() { "" } else { " " };
                spans.push(Span::styled(format!("{gap}pin"), theme.pinned));
            }
            // The operation itself is told in the app view; the row only marks it.
            if row.operation.is_some() {
                let gap = if spans.is_empty() { "" } else { " " };
                spans.push(Span::styled(
                    format!("{gap}⟳ op"),
                    theme.tone(crate::tui::model::Tone::Progress),
                ));
            }
            spans
        }
        Column::Revision => {
            let mut spans = text(&row.revision_short, theme.text, Field::Revision);
            spans.push(Span::styled(" ", theme.muted));
            spans.extend(text(&row.revision_subject, theme.muted, Field::Subject));
            spans
        }
        Column::LastSync => {
            let text = row
                .last_sync
                .map_or_else(|| "-".to_string(), |at| durations::age(at, state.now));
            vec![Span::styled(text, theme.muted)]
        }
        Column::Reason => match state.reasons.get(&row.id) {
            Some(reason) => vec![Span::styled(shown(reason).into_owned(), theme.muted)],
            None => Vec::new(),
        },
    }
}

pub(super) fn cell_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}
