//! The apps table. Columns shrink, then LAST SYNC and NAMESPACE are
//! dropped, when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::apps_cells::{ALL, Column, cell};
use super::common::{fill_line, paragraph, select, width};
use crate::tui::model::AppRow;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// From this width the table shows REASON (when some app has one).
const REASON_MIN_WIDTH: usize = 150;
/// REVISION's share while REASON takes the rest.
const REVISION_BESIDE_REASON: usize = 24;

/// The revision column never gets less than this while others still fit.
const REVISION_MIN: usize = 16;
/// Cluster and name shrink down to this before anything else happens.
const SHRINK_MIN: usize = 8;

fn several_tools(rows: &[(usize, &AppRow)]) -> bool {
    rows.first()
        .is_some_and(|(_, first)| rows.iter().any(|(_, r)| r.id.tool != first.id.tool))
}

/// Which columns are shown and how wide, for `total` cells.
fn plan_columns(
    rows: &[(usize, &AppRow)],
    state: &State,
    theme: &Theme,
    total: usize,
) -> Vec<(Column, usize)> {
    let gap = if total >= 120 { 2 } else { 1 };
    let measured = super::apps_widths::measured_widths(rows, state, theme);
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
    let mut finder = state.hit_finder();
    for (position, &(index, row)) in rows.iter().enumerate().skip(offset).take(viewport) {
        let selected = position == state.list.selected;
        let hits = state.hits(finder.as_mut(), index);
        let cells = columns
            .iter()
            .map(|(column, _)| {
                cell(*column, row, hits.as_ref(), state, theme)
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
