//! A one-line text input: the typed text and a cursor (counted in characters). Editing never panics,
//! whatever the text holds; the text is cleaned (`domain::text::clean`) only when a form is submitted.

/// An editing key, already resolved from the terminal's key event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Erase everything before the cursor (Ctrl-U).
    ClearToStart,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> Self {
        Self { text: text.to_string(), cursor: text.chars().count() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set(&mut self, text: &str) {
        *self = Self::new(text);
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    pub fn apply(&mut self, key: InputKey) {
        let len = self.text.chars().count();
        self.cursor = self.cursor.min(len);
        match key {
            InputKey::Char(c) if !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            InputKey::Char(_) => {}
            InputKey::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            InputKey::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            InputKey::Backspace | InputKey::Delete => {}
            InputKey::Left => self.cursor = self.cursor.saturating_sub(1),
            InputKey::Right => self.cursor = (self.cursor + 1).min(len),
            InputKey::Home => self.cursor = 0,
            InputKey::End => self.cursor = len,
            InputKey::ClearToStart => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_multibyte_text() {
        let mut t = TextInput::new("účet");
        t.apply(InputKey::Left);
        t.apply(InputKey::Backspace);
        assert_eq!(t.text(), "účt");
        t.apply(InputKey::Home);
        t.apply(InputKey::Char('Ž'));
        assert_eq!(t.text(), "Žúčt");
        t.apply(InputKey::End);
        t.apply(InputKey::Delete);
        t.apply(InputKey::Right);
        assert_eq!((t.text(), t.cursor()), ("Žúčt", 4));
        t.apply(InputKey::Left);
        t.apply(InputKey::ClearToStart);
        assert_eq!((t.text(), t.cursor()), ("t", 0));
    }
}
