//! Pause dialog: optional duration and reason.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Wrap};

use super::common::{fit, inner, pane, paragraph, truncate, width};
use crate::tui::layout;
use crate::tui::overlay::{PauseDialog, PauseField};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;

const LABEL_CELLS: usize = 10;

pub fn draw(frame: &mut Frame, body: Rect, dialog: &PauseDialog, theme: &Theme) {
    let outer = layout::centered(body, 70, 9);
    frame.render_widget(Clear, outer);
    let title = match dialog.batch.len() {
        0 => format!(" pause {} ", dialog.app),
        n => format!(" pause {n} selected apps "),
    };
    frame.render_widget(pane(title, true, theme), outer);
    let area = inner(outer);
    let cells = usize::from(area.width);
    let field_cells = cells.saturating_sub(LABEL_CELLS + 1);
    let error = match &dialog.error {
        Some(error) => Line::from(Span::styled(format!("✗ {error}"), theme.error)),
        None => Line::from(Span::styled(
            "empty duration = paused until resumed by hand",
            theme.muted,
        )),
    };
    let lines = vec![
        Line::from(Span::styled(
            match dialog.app.tool {
                _ if !dialog.batch.is_empty() => {
                    "The same pause for each; the next screen lists every app first.".to_string()
                }
                // Argo CD has no timer of its own: say who keeps it.
                crate::tui::model::AppTool::ArgoCd => format!(
                    "Argo CD auto-sync off; a recon agent on {} turns it on when the time is up.",
                    dialog.app.cluster
                ),
                crate::tui::model::AppTool::Flux => {
                    "Suspend the Flux Kustomization (spec.suspend).".to_string()
                }
                crate::tui::model::AppTool::Recon => {
                    "Stop automated sync for this app.".to_string()
                }
            },
            theme.text,
        )),
        Line::default(),
        field_line(
            "duration",
            &dialog.duration,
            dialog.focus == PauseField::Duration,
            field_cells,
            theme,
        ),
        Line::from(Span::styled(
            format!("{}e.g. 30m, 2h, 1h30m", " ".repeat(LABEL_CELLS)),
            theme.muted,
        )),
        field_line(
            "reason",
            &dialog.reason,
            dialog.focus == PauseField::Reason,
            field_cells,
            theme,
        ),
    ];
    frame.render_widget(paragraph(lines), area);
    // The error may be long (it explains the format): let it wrap over the
    // last two rows.
    let message_area = Rect::new(
        area.x,
        area.y + 5,
        area.width,
        area.height.saturating_sub(5),
    );
    frame.render_widget(
        paragraph(error).wrap(Wrap { trim: true }),
        message_area.intersection(area),
    );
    let (row, field) = match dialog.focus {
        PauseField::Duration => (2, &dialog.duration),
        PauseField::Reason => (4, &dialog.reason),
    };
    let before: String = field.text.chars().take(field.cursor).collect();
    let x = area.x + (LABEL_CELLS + width(&before)).min(cells.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(x, area.y + row));
}

fn field_line<'a>(
    label: &str,
    field: &TextField,
    focused: bool,
    cells: usize,
    theme: &Theme,
) -> Line<'a> {
    let text = truncate(&field.text, cells);
    let pad = cells.saturating_sub(width(&text));
    // The focused field is highlighted; the other shows its extent with `_`.
    let (text_style, padding): (Style, String) = if focused {
        (theme.input.patch(theme.selection), " ".repeat(pad))
    } else {
        (theme.input, "_".repeat(pad))
    };
    let pad_style = if focused {
        theme.selection
    } else {
        theme.muted
    };
    Line::from(vec![
        Span::styled(fit(&format!("{label}:"), LABEL_CELLS), theme.header),
        Span::styled(text, text_style),
        Span::styled(padding, pad_style),
    ])
}
