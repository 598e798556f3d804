//! Key names as written in keymap files (`s`, `ctrl-c`, `shift-tab`, `pgdn`)
//! and their normalised form, so a key from the terminal and a key from a
//! file compare equal.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalised: for characters the case carries
/// shift (`S`, not `shift-s`), and shift-tab is `BackTab` without modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyCombo {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        // Terminals report ctrl-letters in either case; keep one spelling.
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        KeyCombo { code, modifiers }
    }

    pub fn plain(code: KeyCode) -> Self {
        KeyCombo::new(code, KeyModifiers::NONE)
    }

    pub fn char(c: char) -> Self {
        KeyCombo::plain(KeyCode::Char(c))
    }

    pub fn ctrl(c: char) -> Self {
        KeyCombo::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        KeyCombo::new(event.code, event.modifiers)
    }

    /// A character that should be typed into a text field, if this key is one.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// Parse a key name such as `s`, `S`, `ctrl-c`, `shift-tab`, `pgdn`, `f5`.
    pub fn parse(text: &str) -> Result<KeyCombo, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is a key of its own, so only split on a dash followed by more.
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => modifiers |= KeyModifiers::CONTROL,
                "alt" | "meta" => modifiers |= KeyModifiers::ALT,
                "shift" => modifiers |= KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier `{prefix}` in key `{text}`")),
            }
            rest = tail;
        }
        let code = parse_code(rest).ok_or_else(|| format!("unknown key `{text}`"))?;
        Ok(KeyCombo::new(code, modifiers))
    }

    /// Short label shown in hints and help (`ctrl-c`, `S`, `pgdn`).
    pub fn label(&self) -> String {
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            label.push_str("shift-");
        }
        label.push_str(&code_label(self.code));
        label
    }
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

fn parse_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
        "minus" => KeyCode::Char('-'),
        _ => {
            let number = lower.strip_prefix('f')?.parse::<u8>().ok()?;
            if (1..=24).contains(&number) {
                KeyCode::F(number)
            } else {
                return None;
            }
        }
    };
    Some(code)
}

fn code_label(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".to_string(),
        KeyCode::Esc => "esc".to_string(),
        KeyCode::Tab => "tab".to_string(),
        KeyCode::BackTab => "shift-tab".to_string(),
        KeyCode::Backspace => "backspace".to_string(),
        KeyCode::Delete => "del".to_string(),
        KeyCode::Insert => "ins".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Home => "home".to_string(),
        KeyCode::End => "end".to_string(),
        KeyCode::PageUp => "pgup".to_string(),
        KeyCode::PageDown => "pgdn".to_string(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        let cases = [
            ("s", KeyCombo::char('s')),
            ("S", KeyCombo::char('S')),
            ("shift-s", KeyCombo::char('S')),
            ("ctrl-c", KeyCombo::ctrl('c')),
            ("ctrl-C", KeyCombo::ctrl('c')),
            ("shift-tab", KeyCombo::plain(KeyCode::BackTab)),
            ("pgdn", KeyCombo::plain(KeyCode::PageDown)),
            ("pgup", KeyCombo::plain(KeyCode::PageUp)),
            ("enter", KeyCombo::plain(KeyCode::Enter)),
            ("esc", KeyCombo::plain(KeyCode::Esc)),
            ("f5", KeyCombo::plain(KeyCode::F(5))),
            ("-", KeyCombo::char('-')),
            ("space", KeyCombo::char(' ')),
        ];
        for (name, expected) in cases {
            assert_eq!(KeyCombo::parse(name), Ok(expected), "key name {name}");
        }
    }

    #[test]
    fn rejects_unknown_names() {
        assert!(KeyCombo::parse("ctrl-").is_err());
        assert_eq!(
            KeyCombo::parse("ctrl--"),
            Ok(KeyCombo::new(KeyCode::Char('-'), KeyModifiers::CONTROL))
        );
        assert!(KeyCombo::parse("hyper-x").is_err());
        assert!(KeyCombo::parse("f99").is_err());
        assert!(KeyCombo::parse("pagedwn").is_err());
    }

    #[test]
    fn terminal_events_match_parsed_names() {
        let shift_s = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(KeyCombo::from_event(&shift_s), KeyCombo::char('S'));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            KeyCombo::from_event(&backtab),
            KeyCombo::plain(KeyCode::BackTab)
        );
    }

    #[test]
    fn labels_round_trip() {
        for name in [
            "s",
            "S",
            "ctrl-c",
            "shift-tab",
            "pgdn",
            "enter",
            "esc",
            "f5",
        ] {
            let key = KeyCombo::parse(name).map_err(|e| e.to_string());
            assert_eq!(key.map(|k| k.label()), Ok(name.to_string()));
        }
    }
}
