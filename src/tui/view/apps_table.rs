//! The apps table. Columns shrink, then LAST SYNC and NAMESPACE are
//! dropped, when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::common::{fill_line, paragraph, select, shown, width};
use crate::tui::durations;
use crate::tui::model::AppRow;
use crate::tui::row_fields::{Field, RowHits};
use crate::tui::state::{SortColumn, State};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
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

/// From this width the table shows REASON (when some app has one).
const REASON_MIN_WIDTH: usize = 150;
/// REVISION's share while REASON takes the rest.
const REVISION_BESIDE_REASON: usize = 24;

const ALL: [Column; 10] = [
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

/// The revision column never gets less than this while others still fit.
const REVISION_MIN: usize = 16;
/// Cluster and name shrink down to this before anything else happens.
const SHRINK_MIN: usize = 8;

impl Column {
    fn label(self) -> &'static str {
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

    fn cap(self) -> usize {
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

    fn sorted_by(self, sort: SortColumn) -> bool {
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
fn cell<'a>(
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

fn cell_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}

fn several_tools(rows: &[(usize, &AppRow)]) -> bool {
    rows.first()
        .is_some_and(|(_, first)| rows.iter().any(|(_, r)| r.id.tool != first.id.tool))
}

thread_local! {
    /// The widest cell of each column for one `rows_version`.
    static MEASURED: std::cell::RefCell<Option<(u64, Vec<usize>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The widest cell of each column (in `ALL`'s order) over `rows`. Measured
/// once per `rows_version`, except the columns that change with the clock
/// (pause marks: few rows have any; LAST SYNC: as wide as its label).
fn measured_widths(rows: &[(usize, &AppRow)], state: &State, theme: &Theme) -> Vec<usize> {
    let widest = |column: Column, rows: &mut dyn Iterator<Item = &(usize, &AppRow)>| {
        rows.map(|&(index, row)| cell_width(&cell(column, row, state.hits(index), state, theme)))
            .max()
            .unwrap_or(0)
    };
    let version = state.rows_version.0;
    let cached = MEASURED.with_borrow(|m| {
        m.as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, w)| w.clone())
    });
    let mut widths = cached.unwrap_or_else(|| {
        let widths: Vec<usize> = ALL
            .iter()
            .map(|&column| match column {
                Column::Marks | Column::LastSync => 0,
                column => widest(column, &mut rows.iter()),
            })
            .collect();
        MEASURED.set(Some((version, widths.clone())));
        widths
    });
    for (column, w) in ALL.iter().zip(widths.iter_mut()) {
        *w = match column {
            Column::Marks => widest(
                Column::Marks,
                &mut rows.iter().filter(|(_, r)| {
                    r.paused.is_some() || r.pinned.is_some() || r.operation.is_some()
                }),
            ),
            Column::LastSync => Column::LastSync.cap(),
            _ => *w,
        };
    }
    widths
}

/// Which columns are shown and how wide, for `total` cells.
fn plan_columns(
    rows: &[(usize, &AppRow)],
    state: &State,
    theme: &Theme,
    total: usize,
) -> Vec<(Column, usize)> {
    let gap = if total >= 120 { 2 } else { 1 };
    let measured = measured_widths(rows, state, theme);
    let mut columns: Vec<(Column, usize)> = ALL
        .iter()
        .zip(measured)
        .map(|(&column, content)| {
            let label = width(column.label()) + usize::from(column.sorted_by(state.sort));
            (column, content.max(label).min(column.cap()))
        })
        .filter(|&(column, w)| column != Column::Marks || w > 0)
        .filter(|&(column, w)| column != Column::Reason || (w > 6 && total >= REASON_MIN_WIDTH))
        // One tool only, on a narrow screen: its name on every row says nothing.
        .filter(|&(column, _)| column != Column::Tool || total >= 100 || several_tools(rows))
        .collect();
    // The last column takes what is left: REASON when shown, else REVISION.
    let rest = if columns.iter().any(|(c, _)| *c == Column::Reason) {
        if let Some((_, w)) = columns.iter_mut().find(|(c, _)| *c == Column::Revision) {
            *w = (*w).min(REVISION_BESIDE_REASON);
        }
        Column::Reason
    } else {
        Column::Revision
    };
    let needed = |columns: &[(Column, usize)]| -> usize {
        let fixed: usize = columns
            .iter()
            .filter(|(c, _)| *c != rest)
            .map(|(_, w)| w)
            .sum();
        fixed + gap * columns.len().saturating_sub(1) + REVISION_MIN
    };
    for dropped in [Column::LastSync, Column::Namespace, Column::Tool] {
        if needed(&columns) > total {
            columns.retain(|(c, _)| *c != dropped);
        }
    }
    for shrinking in [Column::Name, Column::Cluster] {
        let excess = needed(&columns).saturating_sub(total);
        if let Some((_, w)) = columns.iter_mut().find(|(c, _)| *c == shrinking) {
            *w = w.saturating_sub(excess).max(SHRINK_MIN.min(*w));
        }
    }
    let used: usize = columns
        .iter()
        .filter(|(c, _)| *c != rest)
        .map(|(_, w)| w + gap)
        .sum();
    if let Some((_, w)) = columns.iter_mut().find(|(c, _)| *c == rest) {
        *w = total.saturating_sub(used);
    }
    columns
}

/// A table line; the gutter marks the cursor's row with `›` so it reads
/// without colour too, and, while apps are selected, each selected row
/// with `✓`.
fn line<'a>(
    gutter: &'static str,
    cells: Vec<Vec<Span<'a>>>,
    columns: &[(Column, usize)],
    gap: usize,
    fill: Style,
) -> Line<'a> {
    let mut spans = vec![Span::styled(gutter, fill)];
    for (index, (spans_of_cell, (_, w))) in cells.into_iter().zip(columns).enumerate() {
        if index > 0 {
            spans.push(Span::styled(" ".repeat(gap), fill));
        }
        spans.extend(fill_line(spans_of_cell, *w, fill).spans);
    }
    Line::from(spans)
}

/// The gutter of a row: cursor mark, then the selection mark while any
/// app is selected (a second cell only then).
fn gutter(cursor: bool, marked: Option<bool>) -> &'static str {
    match (cursor, marked) {
        (true, None) => "›",
        (false, None) => " ",
        (true, Some(true)) => "›✓",
        (false, Some(true)) => " ✓",
        (true, Some(false)) => "› ",
        (false, Some(false)) => "  ",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let marking = !state.selection.is_empty();
    let gutter_w = if marking { 2 } else { 1 };
    let total = usize::from(area.width).saturating_sub(gutter_w);
    let gap = if total >= 120 { 2 } else { 1 };
    let rows: Vec<(usize, &AppRow)> = state
        .visible
        .iter()
        .filter_map(|&i| state.apps.get(i).map(|row| (i, row)))
        .collect();
    let columns = plan_columns(&rows, state, theme, total);
    let headings = columns
        .iter()
        .map(|(column, _)| {
            let arrow = if column.sorted_by(state.sort) {
                "↓"
            } else {
                ""
            };
            vec![Span::styled(
                format!("{}{arrow}", column.label()),
                theme.column_header,
            )]
        })
        .collect();
    let mut lines = vec![line(
        gutter(false, marking.then_some(false)),
        headings,
        &columns,
        gap,
        theme.column_header,
    )];
    // Same as `layout::apps_rows`, which update uses for paging.
    let viewport = usize::from(area.height.saturating_sub(1));
    let offset = state.list.visible_offset(viewport, rows.len());
    for (position, &(index, row)) in rows.iter().enumerate().skip(offset).take(viewport) {
        let selected = position == state.list.selected;
        let cells = columns
            .iter()
            .map(|(column, _)| {
                cell(*column, row, state.hits(index), state, theme)
                    .into_iter()
                    .map(|span| {
                        let style = select(span.style, selected, theme);
                        span.style(style)
                    })
                    .collect()
            })
            .collect();
        let marked = marking.then(|| state.selection.contains(&row.id));
        lines.push(line(
            gutter(selected, marked),
            cells,
            &columns,
            gap,
            select(theme.text, selected, theme),
        ));
    }
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", empty_message(state)),
            theme.muted,
        )));
    }
    frame.render_widget(paragraph(lines), area);
}

fn empty_message(state: &State) -> String {
    if state.apps.is_empty() {
        "waiting for apps from the clusters…".to_string()
    } else if !state.filter.is_empty() {
        format!("no app matches the filter `{}`", state.filter)
    } else {
        "no apps in this context".to_string()
    }
}
