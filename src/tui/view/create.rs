//! The create-app form: five text fields, the render choice and four
//! toggles; the cluster it creates in is in the title.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Wrap};

use super::common::{fit, inner, pane, paragraph, spinner, truncate, width};
use crate::tui::action::{Action, Mode};
use crate::tui::layout;
use crate::tui::model::SourceRender;
use crate::tui::overlay::{CreateDialog, CreateField};
use crate::tui::state::State;
use crate::tui::theme::Theme;

const LABEL_CELLS: usize = 16;
/// Cells kept right of a text field for its note.
const NOTE_CELLS: usize = 26;
/// Rows before the first field.
const FIELDS_TOP: u16 = 2;

fn key(state: &State, action: Action) -> String {
    state
        .keymap
        .key_label(Mode::Create, action)
        .unwrap_or_else(|| "unbound".to_string())
}

fn explain(field: CreateField) -> &'static str {
    match field {
        CreateField::Revision => "branch, tag or commit",
        CreateField::DestNamespace => "empty: the objects' own",
        CreateField::AutoSync => "apply new commits without asking",
        CreateField::Prune => "delete objects removed from Git",
        CreateField::SelfHeal => "undo changes made by hand",
        CreateField::CascadeDelete => "deleting the app deletes its objects",
        _ => "",
    }
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, dialog: &CreateDialog, theme: &Theme) {
    let outer = layout::create_dialog(body);
    frame.render_widget(Clear, outer);
    let title = format!(" create an app in {} ", dialog.cluster);
    frame.render_widget(pane(title, true, theme), outer);
    let area = inner(outer);
    let cells = usize::from(area.width);
    let value_cells = cells.saturating_sub(LABEL_CELLS);
    let mut lines = vec![
        Line::from(Span::styled(
            "The repository is fetched and the path rendered before the app is created.",
            theme.muted,
        )),
        Line::default(),
    ];
    for field in CreateField::ALL {
        let focused = dialog.focus == field;
        lines.push(field_line(dialog, field, focused, value_cells, theme));
    }
    lines.push(Line::default());
    let message = match (&dialog.request, &dialog.error) {
        (Some(_), _) => Line::from(Span::styled(
            format!(
                "{} creating {} in {}…",
                spinner(state.spinner),
                dialog.name.text.trim(),
                dialog.cluster
            ),
            theme.warn,
        )),
        (None, Some(error)) => Line::from(Span::styled(format!("✗ {error}"), theme.error)),
        (None, None) => Line::from(Span::styled(
            format!(
                "{}/{} move · {} toggles · {} creates · {} cancels",
                key(state, Action::NextField),
                key(state, Action::PrevField),
                key(state, Action::ToggleField),
                key(state, Action::Confirm),
                key(state, Action::Cancel),
            ),
            theme.muted,
        )),
    };
    let fields_end = FIELDS_TOP as usize + CreateField::ALL.len() + 1;
    frame.render_widget(paragraph(lines), area);
    // A refusal (a render error naming file and line) may be long: it
    // wraps over the rows left.
    let message_area = Rect::new(
        area.x,
        area.y + fields_end as u16,
        area.width,
        area.height.saturating_sub(fields_end as u16),
    );
    frame.render_widget(
        paragraph(message).wrap(Wrap { trim: true }),
        message_area.intersection(area),
    );
    if let Some(field) = dialog.text_field(dialog.focus) {
        let row = CreateField::ALL
            .iter()
            .position(|f| *f == dialog.focus)
            .unwrap_or_default() as u16;
        let before: String = field.text.chars().take(field.cursor).collect();
        let x = area.x + (LABEL_CELLS + width(&before)).min(cells.saturating_sub(1)) as u16;
        let y = area.y + FIELDS_TOP + row;
        if y < area.y + area.height {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

fn field_line<'a>(
    dialog: &CreateDialog,
    field: CreateField,
    focused: bool,
    cells: usize,
    theme: &Theme,
) -> Line<'a> {
    let label = Span::styled(fit(field.label(), LABEL_CELLS), theme.header);
    let marked = |style: Style| {
        if focused {
            style.patch(theme.selection)
        } else {
            style
        }
    };
    let mut spans = vec![label];
    if let Some(text) = dialog.text_field(field) {
        // Room for the longest note beside the field.
        let text_cells = cells.saturating_sub(NOTE_CELLS).min(48);
        let shown = truncate(&text.text, text_cells);
        let pad = text_cells.saturating_sub(width(&shown));
        let padding = if focused {
            " ".repeat(pad)
        } else {
            "_".repeat(pad)
        };
        let pad_style = if focused {
            theme.selection
        } else {
            theme.muted
        };
        spans.push(Span::styled(shown, marked(theme.input)));
        spans.push(Span::styled(padding, pad_style));
    } else if field == CreateField::Render {
        for choice in [SourceRender::Plain, SourceRender::Kustomize] {
            let on = dialog.render == choice;
            let text = if on {
                format!("(•) {}", choice.label())
            } else {
                format!("( ) {}", choice.label())
            };
            let style = if on { theme.text } else { theme.muted };
            spans.push(Span::styled(text, marked(style)));
            spans.push(Span::raw("  "));
        }
    } else if let Some(on) = dialog.toggle(field) {
        let style = if on { theme.warn } else { theme.text };
        spans.push(Span::styled(if on { "[x]" } else { "[ ]" }, marked(style)));
    }
    let note = explain(field);
    if !note.is_empty() {
        spans.push(Span::styled(format!("  {note}"), theme.muted));
    }
    Line::from(spans)
}
