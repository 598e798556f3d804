//! The hint bar: the keys of the current mode, read from the keymap so it
//! always shows the user's real bindings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::common::{paragraph, width};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Hint;
use crate::tui::model::PendingAction;
use crate::tui::overlay::Overlay;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    frame.render_widget(
        paragraph(line(state, state.mode(), theme, area.width)),
        area,
    );
}

/// As many `key label` pairs as fit in `cells`, whole pairs only.
pub fn line<'a>(state: &State, mode: Mode, theme: &Theme, cells: u16) -> Line<'a> {
    let cells = usize::from(cells);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for hint in state
        .keymap
        .hints(mode)
        .into_iter()
        .filter(|h| applies(state, h.action))
    {
        let Hint {
            keys,
            label,
            dangerous,
            ..
        } = hint;
        let needed = width(&keys) + 1 + width(&label) + 2;
        if used + needed > cells {
            break;
        }
        used += needed;
        let key_style = if dangerous {
            theme.danger
        } else {
            theme.hint_key
        };
        spans.push(Span::styled(keys, key_style));
        spans.push(Span::styled(format!(" {label}  "), theme.hint_text));
    }
    Line::from(spans)
}

/// Hide hints for keys that do nothing in the current situation.
fn applies(state: &State, action: Action) -> bool {
    match action {
        Action::ToggleRollbackMode => matches!(
            state.overlays.last(),
            Some(Overlay::Confirm(dialog)) if matches!(dialog.pending, PendingAction::Rollback { .. })
        ),
        _ => true,
    }
}
