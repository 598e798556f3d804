//! The help screen's text, generated from the keymap: bindings grouped by
//! the modes they apply to, dangerous ones flagged.

use super::action::Mode;
use super::keymap::{Keymap, keys_label};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Binding {
        keys: String,
        description: String,
        dangerous: bool,
    },
    Blank,
}

pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut groups: Vec<(&[Mode], Vec<HelpLine>)> = Vec::new();
    for binding in keymap.bindings().iter().filter(|b| !b.keys.is_empty()) {
        let line = HelpLine::Binding {
            keys: keys_label(&binding.keys),
            description: binding.description.clone(),
            dangerous: binding.dangerous,
        };
        match groups
            .iter_mut()
            .find(|(modes, _)| *modes == binding.modes.as_slice())
        {
            Some((_, lines)) => lines.push(line),
            None => groups.push((&binding.modes, vec![line])),
        }
    }
    let mut out = Vec::new();
    for (modes, lines) in groups {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        let title: Vec<&str> = modes.iter().map(|m| m.title()).collect();
        out.push(HelpLine::Heading(title.join(" · ")));
        out.extend(lines);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_action_appears_once_per_binding() {
        let keymap = Keymap::default();
        let help = lines(&keymap);
        let bindings = help
            .iter()
            .filter(|l| matches!(l, HelpLine::Binding { .. }))
            .count();
        let bound = keymap
            .bindings()
            .iter()
            .filter(|b| !b.keys.is_empty())
            .count();
        assert_eq!(bindings, bound);
        assert!(help.contains(&HelpLine::Binding {
            keys: "s".to_string(),
            description: "Sync the selected app (dry run first)".to_string(),
            dangerous: true,
        }));
    }
}
