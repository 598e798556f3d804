//! One key binding: the keys, the action, where it applies, how it is shown.
//! Below both the keymap and its defaults, so neither imports the other back.

use super::action::{Action, Mode};
use super::keys::KeyCombo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<KeyCombo>,
    pub action: Action,
    pub modes: Vec<Mode>,
    pub description: String,
    /// Short label for the hint bar; `None` keeps the binding out of it.
    pub hint: Option<String>,
    /// Changes the cluster or Git; refused in read-only mode, marked in help.
    pub dangerous: bool,
}
