//! The delete dialog: every object that will be deleted (cascade) or
//! released, who acts, and the app's name to type before enter deletes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, pane, paragraph, position, spinner, truncate, width};
use crate::tui::action::{Action, Mode};
use crate::tui::layout;
use crate::tui::overlay::DeleteDialog;
use crate::tui::state::State;
use crate::tui::theme::Theme;

fn key(state: &State, action: Action) -> String {
    state
        .keymap
        .key_label(Mode::Delete, action)
        .unwrap_or_else(|| "unbound".to_string())
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, dialog: &DeleteDialog, theme: &Theme) {
    let areas = layout::delete_dialog(body);
    frame.render_widget(Clear, areas.outer);
    let title = format!(" DELETE {}? ", dialog.app);
    let block = pane(title, true, theme).border_style(theme.danger);
    frame.render_widget(block, areas.outer);
    let cells = usize::from(areas.info.width);

    let actor = match (&dialog.plan, &dialog.error) {
        (_, Some(_)) => vec![Span::styled("cannot list the app's objects", theme.error)],
        (Some(plan), None) => vec![
            Span::styled("as ", theme.muted),
            Span::styled(plan.actor.clone(), theme.header),
        ],
        (None, None) => vec![Span::styled(
            format!("{} listing the app's objects…", spinner(state.spinner)),
            theme.muted,
        )],
    };
    let toggle = key(state, Action::ToggleCascade);
    let cascade = if dialog.cascade {
        Span::styled(
            format!("[x] cascade ({toggle}): its objects are DELETED first, then the Application"),
            theme.danger,
        )
    } else {
        Span::styled(
            format!(
                "[ ] cascade ({toggle}): the Application goes; its objects stay, no longer tracked"
            ),
            theme.text,
        )
    };
    let info = vec![
        fill_line(actor, cells, theme.text),
        fill_line(vec![cascade], cells, theme.text),
    ];
    frame.render_widget(paragraph(info), areas.info);

    let rows = usize::from(areas.list.height.saturating_sub(1));
    let list = match (&dialog.plan, &dialog.error) {
        (_, Some(error)) => vec![Line::from(Span::styled(format!("✗ {error}"), theme.error))],
        (None, None) => Vec::new(),
        (Some(plan), None) => {
            let count = plan.objects.len();
            let heading = if count == 0 {
                Span::styled("it tracks no objects in the cluster", theme.muted)
            } else if dialog.cascade {
                Span::styled(
                    format!(
                        "will DELETE {count} object(s){}:",
                        position(dialog.scroll, rows, count)
                    ),
                    theme.danger,
                )
            } else {
                Span::styled(
                    format!(
                        "will release {count} object(s), kept in the cluster{}:",
                        position(dialog.scroll, rows, count)
                    ),
                    theme.warn,
                )
            };
            let mut lines = vec![Line::from(heading)];
            let scroll = dialog.scroll.min(count.saturating_sub(rows));
            for object in plan.objects.iter().skip(scroll).take(rows) {
                lines.push(Line::from(Span::styled(format!("  {object}"), theme.text)));
            }
            lines
        }
    };
    frame.render_widget(paragraph(list), areas.list);

    let name = &dialog.app.name;
    let pcells = usize::from(areas.prompt.width);
    let typed = truncate(&dialog.typed.text, pcells.saturating_sub(3));
    let verdict = if dialog.name_typed() {
        Span::styled(
            format!("{} deletes {}", key(state, Action::Confirm), dialog.app),
            theme.danger,
        )
    } else {
        Span::styled(
            format!(
                "{} does nothing until the name matches · {} cancels",
                key(state, Action::Confirm),
                key(state, Action::Cancel)
            ),
            theme.muted,
        )
    };
    let prompt = vec![
        Line::from(vec![
            Span::styled("type the app's name, ", theme.text),
            Span::styled(name.clone(), theme.header),
            Span::styled(", to confirm:", theme.text),
        ]),
        Line::from(vec![
            Span::styled("> ", theme.header),
            Span::styled(typed, theme.input),
        ]),
        Line::from(verdict),
    ];
    frame.render_widget(paragraph(prompt), areas.prompt);
    let before: String = dialog
        .typed
        .text
        .chars()
        .take(dialog.typed.cursor)
        .collect();
    let x = areas.prompt.x + (2 + width(&before)).min(pcells.saturating_sub(1)) as u16;
    if areas.prompt.height > 1 {
        frame.set_cursor_position(Position::new(x, areas.prompt.y + 1));
    }
}
