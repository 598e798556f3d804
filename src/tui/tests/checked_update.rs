//! `update` as the tests call it: the real function, plus a check that the
//! dirty flag tells the truth. `update` changes the state in place and each
//! handler marks what it changed; a handler that forgets would leave a
//! stale screen, one that marks without changing would redraw for nothing.
//! Every test that sends a message checks both, at the cost of one clone
//! per message here instead of in the console.

use crate::tui::msg::{Effect, Msg};
use crate::tui::state::State;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    // A tick moves the clock without a redraw unless a text on screen
    // changes (message_tests checks that): the clock is not "a change".
    if matches!(msg, Msg::Tick(_)) {
        return crate::tui::update::update(state, msg);
    }
    let was_dirty = std::mem::replace(&mut state.dirty, false);
    let before = state.clone();
    let label = format!("{msg:?}");
    let effects = crate::tui::update::update(state, msg);
    let dirty = std::mem::replace(&mut state.dirty, false);
    let changed = *state != before;
    state.dirty = dirty;
    assert_eq!(
        state.dirty,
        changed,
        "update({label}): dirty={} but the state {}",
        state.dirty,
        if changed { "changed" } else { "did not change" }
    );
    state.dirty |= was_dirty;
    effects
}
