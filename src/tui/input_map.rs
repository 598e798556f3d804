//! Terminal events → messages, through the keymap of the current mode.

use crossterm::event::{Event, KeyEventKind, MouseEventKind};

use super::keymap::Resolved;
use super::keys::KeyCombo;
use super::msg::Msg;
use super::state::State;

pub fn event_to_msg(state: &State, event: &Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let combo = KeyCombo::from_event(key);
            match state.keymap.resolve(state.mode(), &combo) {
                Resolved::Action(action) => Some(Msg::Action(action)),
                Resolved::Text(key) => Some(Msg::Input(key)),
                Resolved::Unbound => None,
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}
