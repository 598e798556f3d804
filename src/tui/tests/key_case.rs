//! One row of the key table: a state, a key, the mode it is pressed in,
//! what the keymap must resolve it to, and a check of what `update` did.

use crate::tui::action::{Action, Mode};
use crate::tui::msg::Effect;
use crate::tui::state::State;

pub type Check = fn(&State, &[Effect]) -> bool;

pub enum Expect {
    Action(Action),
    Text,
}

pub struct Case {
    pub setup: fn() -> State,
    pub key: &'static str,
    pub mode: Mode,
    pub expect: Expect,
    pub check: Check,
}

pub const fn case(
    setup: fn() -> State,
    key: &'static str,
    mode: Mode,
    action: Action,
    check: Check,
) -> Case {
    Case {
        setup,
        key,
        mode,
        expect: Expect::Action(action),
        check,
    }
}

pub const fn text(setup: fn() -> State, key: &'static str, mode: Mode, check: Check) -> Case {
    Case {
        setup,
        key,
        mode,
        expect: Expect::Text,
        check,
    }
}
