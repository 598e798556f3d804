//! Diff rendering, unified or side by side, with line numbers. Used by the
//! app view's diff pane and the confirmation dialog.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::common::{fill_line, fit_right};
use crate::tui::model::{DiffKind, DiffLine};
use crate::tui::theme::Theme;

/// One screen row of a side-by-side diff.
enum SideRow<'a> {
    Header(&'a DiffLine),
    Pair(Option<&'a DiffLine>, Option<&'a DiffLine>),
}

/// Removed lines are shown beside the added lines that replace them.
fn side_rows(lines: &[DiffLine]) -> Vec<SideRow<'_>> {
    let mut rows = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        match line.kind {
            DiffKind::Header => {
                rows.push(SideRow::Header(line));
                index += 1;
            }
            DiffKind::Context => {
                rows.push(SideRow::Pair(Some(line), Some(line)));
                index += 1;
            }
            DiffKind::Removed | DiffKind::Added => {
                let removed_end = lines[index..]
                    .iter()
                    .position(|l| l.kind != DiffKind::Removed)
                    .map_or(lines.len(), |p| index + p);
                let added_end = lines[removed_end..]
                    .iter()
                    .position(|l| l.kind != DiffKind::Added)
                    .map_or(lines.len(), |p| removed_end + p);
                let removed = &lines[index..removed_end];
                let added = &lines[removed_end..added_end];
                for row in 0..removed.len().max(added.len()) {
                    rows.push(SideRow::Pair(removed.get(row), added.get(row)));
                }
                index = added_end;
            }
        }
    }
    rows
}

fn number_width(lines: &[DiffLine]) -> usize {
    let max = lines
        .iter()
        .flat_map(|l| [l.old_line, l.new_line])
        .flatten()
        .max()
        .unwrap_or(0);
    max.to_string().len().max(3)
}

fn content_style(kind: DiffKind, theme: &Theme) -> Style {
    match kind {
        DiffKind::Added => theme.diff_add,
        DiffKind::Removed => theme.diff_remove,
        DiffKind::Header => theme.diff_header,
        DiffKind::Context => theme.diff_context,
    }
}

fn sign(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::Added => "+",
        DiffKind::Removed => "-",
        DiffKind::Context | DiffKind::Header => " ",
    }
}

fn number(value: Option<usize>, cells: usize) -> String {
    fit_right(&value.map(|n| n.to_string()).unwrap_or_default(), cells)
}

/// Rows of the diff starting at `scroll`, each exactly `cells` wide.
pub fn render<'a>(
    lines: &[DiffLine],
    scroll: usize,
    rows: usize,
    cells: usize,
    side_by_side: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let digits = number_width(lines);
    if !side_by_side {
        return lines
            .iter()
            .skip(scroll)
            .take(rows)
            .map(|line| unified(line, digits, cells, theme))
            .collect();
    }
    let half = cells.saturating_sub(1) / 2;
    side_rows(lines)
        .into_iter()
        .skip(scroll)
        .take(rows)
        .map(|row| match row {
            SideRow::Header(line) => fill_line(
                vec![Span::styled(line.text.clone(), theme.diff_header)],
                cells,
                theme.text,
            ),
            SideRow::Pair(left, right) => {
                let mut spans = side(left, |l| l.old_line, digits, half, theme).spans;
                spans.push(Span::styled("│", theme.border));
                spans.extend(
                    side(
                        right,
                        |l| l.new_line,
                        digits,
                        cells.saturating_sub(half + 1),
                        theme,
                    )
                    .spans,
                );
                Line::from(spans)
            }
        })
        .collect()
}

fn unified<'a>(line: &DiffLine, digits: usize, cells: usize, theme: &Theme) -> Line<'a> {
    if line.kind == DiffKind::Header {
        return fill_line(
            vec![Span::styled(line.text.clone(), theme.diff_header)],
            cells,
            theme.text,
        );
    }
    let style = content_style(line.kind, theme);
    let spans = vec![
        Span::styled(
            format!(
                "{} {} ",
                number(line.old_line, digits),
                number(line.new_line, digits)
            ),
            theme.line_number,
        ),
        Span::styled(format!("{}{}", sign(line.kind), line.text), style),
    ];
    fill_line(spans, cells, theme.text)
}

fn side<'a>(
    line: Option<&DiffLine>,
    number_of: impl Fn(&DiffLine) -> Option<usize>,
    digits: usize,
    cells: usize,
    theme: &Theme,
) -> Line<'a> {
    let Some(line) = line else {
        return fill_line(Vec::new(), cells, theme.text);
    };
    // The number and its gap are one run of one style: fewer style changes
    // for the terminal on every scroll step.
    let spans = vec![
        Span::styled(
            format!("{} ", number(number_of(line), digits)),
            theme.line_number,
        ),
        Span::styled(
            format!("{}{}", sign(line.kind), line.text),
            content_style(line.kind, theme),
        ),
    ];
    fill_line(spans, cells, theme.text)
}

/// How many screen rows `lines` take in the given layout (for scrolling).
pub fn row_count(lines: &[DiffLine], side_by_side: bool) -> usize {
    if side_by_side {
        side_rows(lines).len()
    } else {
        lines.len()
    }
}
