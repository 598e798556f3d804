//! Keys → actions, as data. The same table generates the hint bar and the
//! help screen, so what is shown is always what is bound.

use crossterm::event::KeyCode;

use super::action::{Action, Mode};
use super::keys::KeyCombo;

pub use super::binding::Binding;

/// One entry of the hint bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: String,
    pub dangerous: bool,
    pub action: Action,
}

/// What a key means in a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// Typed into the active text field.
    Text(KeyCombo),
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: super::keymap_defaults::default_bindings(),
        }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The binding of `action` in exactly this mode (no global fallback).
    pub fn binding(&self, mode: Mode, action: Action) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.action == action && b.modes.contains(&mode))
    }

    fn lookup_in(&self, mode: Mode, key: &KeyCombo) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && b.keys.contains(key))
            .map(|b| b.action)
    }

    /// Mode bindings win; in text modes typed characters and editing keys go
    /// to the field; then global bindings (e.g. ctrl-c) apply.
    pub fn resolve(&self, mode: Mode, key: &KeyCombo) -> Resolved {
        if let Some(action) = self.lookup_in(mode, key) {
            return Resolved::Action(action);
        }
        if mode.takes_text() && (key.typed_char().is_some() || is_editing_key(key)) {
            return Resolved::Text(*key);
        }
        match self.lookup_in(Mode::Global, key) {
            Some(action) => Resolved::Action(action),
            None => Resolved::Unbound,
        }
    }

    /// Reverse map: the first key bound to `action` in `mode` (or globally),
    /// so hints and messages name the key the user really has.
    pub fn key_label(&self, mode: Mode, action: Action) -> Option<String> {
        self.binding(mode, action)
            .or_else(|| self.binding(Mode::Global, action))
            .and_then(|b| b.keys.first())
            .map(KeyCombo::label)
    }

    /// The hint bar of a mode: global hints (help) first, so they survive
    /// a narrow terminal, then the mode's own in table order.
    pub fn hints(&self, mode: Mode) -> Vec<Hint> {
        let global = self
            .bindings
            .iter()
            .filter(|b| b.modes.contains(&Mode::Global) && !mode.takes_text());
        let own = self.bindings.iter().filter(|b| b.modes.contains(&mode));
        global
            .chain(own)
            .filter(|b| !b.keys.is_empty())
            .filter_map(|b| {
                Some(Hint {
                    keys: keys_label(&b.keys),
                    label: b.hint.clone()?,
                    dangerous: b.dangerous,
                    action: b.action,
                })
            })
            .collect()
    }

    /// Rebind `action` in `mode` to `keys`, taking those keys away from any
    /// other action of that mode. Bindings shared with other modes are split
    /// so those modes keep their keys.
    pub fn set_keys(
        &mut self,
        mode: Mode,
        action: Action,
        keys: Vec<KeyCombo>,
    ) -> Result<(), String> {
        let Some(target) = self
            .bindings
            .iter()
            .position(|b| b.action == action && b.modes.contains(&mode))
        else {
            let available: Vec<&str> = self
                .bindings
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.modes.iter().map(|m| m.name()))
                .collect();
            return Err(format!(
                "action `{}` is not available in [{}] (available in: {})",
                action.name(),
                mode.name(),
                if available.is_empty() {
                    "none".to_string()
                } else {
                    available.join(", ")
                }
            ));
        };
        let target = self.isolate(target, mode);
        self.bindings[target].keys = keys.clone();
        while let Some(clash) = self.bindings.iter().position(|b| {
            b.action != action && b.modes.contains(&mode) && b.keys.iter().any(|k| keys.contains(k))
        }) {
            let clash = self.isolate(clash, mode);
            self.bindings[clash].keys.retain(|k| !keys.contains(k));
        }
        Ok(())
    }

    /// Make the binding at `index` apply to `mode` only, splitting off the
    /// other modes into a copy placed before it. Returns its new index.
    fn isolate(&mut self, index: usize, mode: Mode) -> usize {
        if self.bindings[index].modes == [mode] {
            return index;
        }
        let mut others = self.bindings[index].clone();
        others.modes.retain(|m| *m != mode);
        self.bindings[index].modes = vec![mode];
        self.bindings.insert(index, others);
        index + 1
    }
}

/// `k/↑` style label of all keys of a binding.
pub fn keys_label(keys: &[KeyCombo]) -> String {
    keys.iter()
        .map(KeyCombo::label)
        .collect::<Vec<_>>()
        .join("/")
}

fn is_editing_key(key: &KeyCombo) -> bool {
    matches!(
        key.code,
        KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End
    )
}
