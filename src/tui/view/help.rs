//! Help screen generated from the keymap; dangerous actions marked `!`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, fit, inner, pane, paragraph, position};
use crate::tui::help_content::{self, HelpLine};
use crate::tui::overlay::HelpView;
use crate::tui::state::State;
use crate::tui::theme::Theme;

const KEY_CELLS: usize = 16;

pub fn draw(frame: &mut Frame, body: Rect, state: &State, view: &HelpView, theme: &Theme) {
    frame.render_widget(Clear, body);
    let area = inner(body);
    let cells = usize::from(area.width);
    let rows = usize::from(area.height);
    let content = help_content::lines(&state.keymap);
    let scroll = view.scroll.min(content.len().saturating_sub(rows));
    let where_ = position(scroll, rows, content.len());
    let title = format!(" help{where_} · ! = changes the cluster or Git (refused when read-only) ");
    frame.render_widget(pane(title, true, theme), body);
    let lines: Vec<Line> = content
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|line| match line {
            HelpLine::Heading(text) => fill_line(
                vec![Span::styled(text.clone(), theme.title)],
                cells,
                theme.text,
            ),
            HelpLine::Blank => Line::default(),
            HelpLine::Binding {
                keys,
                description,
                dangerous,
            } => {
                let (mark, key_style) = if *dangerous {
                    ("! ", theme.danger)
                } else {
                    ("  ", theme.hint_key)
                };
                let spans = vec![
                    Span::styled(mark, theme.danger),
                    Span::styled(fit(keys, KEY_CELLS), key_style),
                    Span::styled(description.clone(), theme.hint_text),
                ];
                fill_line(spans, cells, theme.text)
            }
        })
        .collect();
    frame.render_widget(paragraph(lines), area);
}
