//! The confirmation of one action on every selected app: each app, its
//! cluster and what will happen to it (acted on, skipped, refused, and why).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, fit, inner, pane, paragraph, position};
use crate::tui::action::{Action, Mode};
use crate::tui::batch::{BatchAction, BatchDialog, BatchItem, ItemPlan};
use crate::tui::layout;
use crate::tui::state::State;
use crate::tui::theme::Theme;

fn intro(action: &BatchAction) -> &'static str {
    match action {
        BatchAction::Pause { .. } => {
            "Each app is paused the way its tool pauses, as your identity in its cluster, and recorded in the audit journal."
        }
        BatchAction::Resume => {
            "Each app is resumed the way its tool resumes, and recorded in the audit journal."
        }
        BatchAction::Sync => {
            "Each app syncs to the head of its own target without a dry run (press esc and open one app for its diff)."
        }
    }
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, dialog: &BatchDialog, theme: &Theme) {
    let outer = layout::big_dialog(body);
    frame.render_widget(Clear, outer);
    let area = inner(outer);
    let cells = usize::from(area.width);
    let rows = usize::from(area.height.saturating_sub(3));
    let total = dialog.items.len();
    let scroll = dialog.scroll.min(total.saturating_sub(rows));
    let title = format!(
        " {} {total} selected app(s){} ",
        dialog.action.verb(),
        position(scroll, rows, total)
    );
    frame.render_widget(pane(title, true, theme), outer);
    let cluster_w = column_width(dialog, rows_cluster, 8, cells / 5);
    let app_w = column_width(dialog, rows_app, 3, cells * 2 / 5);
    let mut lines = vec![
        fill_line(
            vec![Span::styled(intro(&dialog.action), theme.muted)],
            cells,
            theme.text,
        ),
        fill_line(
            vec![
                Span::styled(fit("  CLUSTER", cluster_w + 4), theme.column_header),
                Span::styled(fit("APP", app_w + 2), theme.column_header),
                Span::styled("WHAT HAPPENS", theme.column_header),
            ],
            cells,
            theme.column_header,
        ),
    ];
    lines.extend(
        dialog
            .items
            .iter()
            .skip(scroll)
            .take(rows)
            .map(|item| item_line(item, cluster_w, app_w, cells, theme)),
    );
    lines.resize(rows + 2, Line::default());
    lines.push(footer(state, dialog, theme, cells));
    frame.render_widget(paragraph(lines), area);
}

fn rows_cluster(item: &BatchItem) -> String {
    item.app.cluster.clone()
}

fn rows_app(item: &BatchItem) -> String {
    format!(
        "{}/{} ({})",
        item.app.namespace,
        item.app.name,
        item.app.tool.label()
    )
}

fn column_width(
    dialog: &BatchDialog,
    text: fn(&BatchItem) -> String,
    min: usize,
    max: usize,
) -> usize {
    dialog
        .items
        .iter()
        .map(|i| super::common::width(&text(i)))
        .max()
        .unwrap_or(0)
        .max(min)
        .min(max.max(min))
}

fn item_line<'a>(
    item: &BatchItem,
    cluster_w: usize,
    app_w: usize,
    cells: usize,
    theme: &Theme,
) -> Line<'a> {
    // A symbol per plan so it reads without colour.
    let (symbol, style, text) = match &item.plan {
        ItemPlan::Act(text) => ("▸", theme.danger, text),
        ItemPlan::Skip(text) => ("·", theme.muted, text),
        ItemPlan::Refuse(text) => ("✗", theme.warn, text),
    };
    fill_line(
        vec![
            Span::styled(format!("{symbol} "), style),
            Span::styled(fit(&rows_cluster(item), cluster_w + 2), theme.text),
            Span::styled(fit(&rows_app(item), app_w + 2), theme.text),
            Span::styled(text.clone(), style),
        ],
        cells,
        theme.text,
    )
}

fn footer<'a>(state: &State, dialog: &BatchDialog, theme: &Theme, cells: usize) -> Line<'a> {
    let key = |action| {
        state
            .keymap
            .key_label(Mode::Batch, action)
            .unwrap_or_else(|| "?".to_string())
    };
    let (act, skip, refuse) = dialog.counts();
    let mut spans = vec![Span::styled(
        format!("{act} to {}", dialog.action.verb()),
        theme.danger,
    )];
    if skip > 0 {
        spans.push(Span::styled(format!(", {skip} skipped"), theme.muted));
    }
    if refuse > 0 {
        spans.push(Span::styled(format!(", {refuse} refused"), theme.warn));
    }
    spans.push(Span::styled(
        format!(
            "   {} {}  ·  {} cancel",
            key(Action::Confirm),
            dialog.action.verb(),
            key(Action::Cancel)
        ),
        theme.muted,
    ));
    fill_line(spans, cells, theme.text)
}
