//! A one-line editable text (filter, command, dialog fields).

use crossterm::event::KeyCode;

use super::keys::KeyCombo;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextField {
    pub text: String,
    /// Cursor position in characters (not bytes).
    pub cursor: usize,
}

impl TextField {
    pub fn with_text(text: impl Into<String>) -> Self {
        let text = text.into();
        let cursor = text.chars().count();
        TextField { text, cursor }
    }

    /// Apply an editing key; returns whether the text or cursor changed.
    pub fn edit(&mut self, key: &KeyCombo) -> bool {
        let len = self.text.chars().count();
        let before = (self.text.len(), self.cursor);
        if let Some(c) = key.typed_char() {
            let at = self.byte_index(self.cursor);
            self.text.insert(at, c);
            self.cursor += 1;
            return true;
        }
        match key.code {
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_index(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => {}
        }
        before != (self.text.len(), self.cursor)
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(index, _)| index)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor() {
        let mut field = TextField::with_text("2h");
        assert!(field.edit(&KeyCombo::plain(KeyCode::Left)));
        assert!(field.edit(&KeyCombo::char('0')));
        assert_eq!(field.text, "20h");
        assert!(field.edit(&KeyCombo::plain(KeyCode::Backspace)));
        assert!(field.edit(&KeyCombo::plain(KeyCode::Backspace)));
        assert_eq!(field.text, "h");
        assert!(!field.edit(&KeyCombo::plain(KeyCode::Backspace)));
        assert!(field.edit(&KeyCombo::plain(KeyCode::Delete)));
        assert_eq!(field.text, "");
    }

    #[test]
    fn handles_multibyte_text() {
        let mut field = TextField::with_text("für");
        field.edit(&KeyCombo::plain(KeyCode::Backspace));
        field.edit(&KeyCombo::plain(KeyCode::Left));
        field.edit(&KeyCombo::plain(KeyCode::Backspace));
        assert_eq!(field.text, "ü");
    }
}
