//! Resources pane of the app view: the app's objects (KIND NAME SYNC HEALTH
//! MESSAGE) and, indented below each, what it owns in the cluster.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::common::{
    fill_line, fit, fit_middle, inner, pane, paragraph, placeholder, select, width,
};
use crate::tui::app_state::{AppView, DiffSource, Pane};
use crate::tui::model::{Status, Tone};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::tree_rows::PaneRow;

const SYNC_CELLS: usize = 10;
const HEALTH_CELLS: usize = 11;
const MESSAGE_MIN: usize = 12;
/// KIND and NAME shrink down to this before the message loses room.
const NAME_MIN: usize = 10;

/// What one row shows, whichever kind of row it is.
struct Cells<'a> {
    kind: String,
    name: Cow<'a, str>,
    sync: Option<&'a Status>,
    health: Option<&'a Status>,
    message: &'a str,
}

/// `tree`: some row owns something, so roots get a column for ▾ / ▸.
fn cells_of<'a>(row: &PaneRow<'a>, tree: bool) -> Cells<'a> {
    let marker = |has_children: bool, collapsed: bool| match (has_children, collapsed, tree) {
        (true, true, _) => "▸ ",
        (true, false, _) => "▾ ",
        (false, _, true) => "  ",
        (false, _, false) => "",
    };
    match row {
        PaneRow::Root {
            row,
            has_children,
            collapsed,
            ..
        } => Cells {
            kind: format!("{}{}", marker(*has_children, *collapsed), row.kind),
            name: Cow::Borrowed(&row.name),
            sync: Some(&row.sync),
            health: Some(&row.health),
            message: &row.message,
        },
        PaneRow::Owned {
            item,
            has_children,
            collapsed,
        } => Cells {
            kind: format!(
                "{}{}{}",
                "  ".repeat(item.depth),
                marker(*has_children, *collapsed),
                item.reference.kind
            ),
            name: Cow::Borrowed(&item.reference.name),
            sync: None,
            health: Some(&item.health),
            message: &item.reason,
        },
        // Drawn across the row (see `draw`); only its indent counts for widths.
        PaneRow::Folded { depth, .. } => Cells {
            kind: "  ".repeat(*depth),
            name: Cow::Borrowed(""),
            sync: None,
            health: None,
            message: "",
        },
    }
}

/// Widths of KIND and NAME: their content, capped, then shrunk so the
/// message keeps some room.
fn name_widths(rows: &[Cells<'_>], cells: usize) -> (usize, usize) {
    let longest = |f: &dyn Fn(&Cells<'_>) -> usize, cap: usize| {
        rows.iter().map(f).max().unwrap_or(4).clamp(4, cap)
    };
    let mut kind = longest(&|r| width(&r.kind), 28);
    let mut name = longest(&|r| width(&r.name), 36);
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
    let rows = view.pane_rows();
    let count = view.detail.as_ref().map_or(0, |d| d.resources.len());
    let owned = rows.len().saturating_sub(count);
    let title = if owned > 0 {
        format!(" resources ({count}, {owned} owned) ")
    } else {
        format!(" resources ({count}) ")
    };
    frame.render_widget(pane(title, focused, theme), area);
    let body = inner(area);
    let cells = usize::from(body.width);
    if view.detail.is_none() {
        frame.render_widget(paragraph(placeholder(state, view, theme)), body);
        return;
    }
    let tree = rows.iter().any(|r| !matches!(r, PaneRow::Root { .. }));
    let shown_rows: Vec<Cells<'_>> = rows.iter().map(|r| cells_of(r, tree)).collect();
    let (kind_w, name_w) = name_widths(&shown_rows, cells);
    let header = vec![
        Span::raw("  "),
        Span::styled(fit("KIND", kind_w + 1), theme.column_header),
        Span::styled(fit("NAME", name_w + 1), theme.column_header),
        Span::styled(fit("SYNC", SYNC_CELLS + 1), theme.column_header),
        Span::styled(fit("HEALTH", HEALTH_CELLS + 1), theme.column_header),
        Span::styled("MESSAGE", theme.column_header),
    ];
    let mut lines = vec![fill_line(header, cells, theme.text)];
    let viewport = usize::from(body.height.saturating_sub(1));
    let offset = view.resources.visible_offset(viewport, rows.len());
    for (index, (row, shown)) in rows
        .iter()
        .zip(&shown_rows)
        .enumerate()
        .skip(offset)
        .take(viewport)
    {
        let selected = index == view.resources.selected;
        let highlight = selected && focused;
        let diffed = matches!(row, PaneRow::Root { index, .. } if view.diff_source == DiffSource::Resource(*index));
        // `›` marks the selection, `◆` the resource whose diff is shown.
        let gutter = match (selected, diffed) {
            (true, true) => "›◆",
            (false, true) => " ◆",
            (true, false) => "› ",
            (false, false) => "  ",
        };
        let style = |s| select(s, highlight, theme);
        if let PaneRow::Folded { count, .. } = row {
            let noun = if *count == 1 {
                "ReplicaSet"
            } else {
                "ReplicaSets"
            };
            let spans = vec![
                Span::styled(gutter, style(theme.title)),
                Span::styled(
                    format!(
                        "{}  … {count} old {noun} scaled to zero (Z shows)",
                        shown.kind
                    ),
                    style(theme.muted),
                ),
            ];
            lines.push(fill_line(spans, cells, style(theme.text)));
            continue;
        }
        let owned_row = !matches!(row, PaneRow::Root { .. });
        let kind_style = if owned_row { theme.muted } else { theme.text };
        let blank = Status::new("", Tone::Neutral);
        let sync = shown.sync.unwrap_or(&blank);
        let health = shown.health.unwrap_or(&blank);
        let spans = vec![
            Span::styled(gutter, style(theme.title)),
            Span::styled(fit(&shown.kind, kind_w), style(kind_style)),
            Span::styled(" ", style(theme.text)),
            Span::styled(fit_middle(&shown.name, name_w), style(theme.text)),
            Span::styled(" ", style(theme.text)),
            Span::styled(
                fit(&sync.text, SYNC_CELLS + 1),
                style(theme.sync_tone(sync.tone)),
            ),
            Span::styled(
                fit(&health.text, HEALTH_CELLS + 1),
                style(theme.tone(health.tone)),
            ),
            Span::styled(shown.message.to_string(), style(theme.muted)),
        ];
        lines.push(fill_line(spans, cells, style(theme.text)));
    }
    if rows.is_empty() {
        lines.push(Line::from(Span::styled("no resources", theme.muted)));
    }
    frame.render_widget(paragraph(lines), body);
}
