//! A text field's editing state: the typed text and a cursor. Editing is `tui-input`'s (it steps over
//! whole graphemes and measures in display columns, so `🙂` or `中` move and delete as one and the
//! cursor lands where the terminal draws it). A field may hold newlines only when it is multi-line
//! (a comment, a description); they are shown as `⏎`. The text is cleaned (`domain::text::clean`)
//! only when a form is submitted.

use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

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

/// How a newline is shown inside a one-line field.
pub const NEWLINE_MARK: &str = "⏎";

#[derive(Debug, Clone, Default)]
pub struct TextInput {
    input: Input,
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text() && self.cursor() == other.cursor()
    }
}

impl Eq for TextInput {}

impl TextInput {
    pub fn new(text: &str) -> Self {
        Self { input: Input::new(text.to_string()) }
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// The cursor position in characters (code points).
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    pub fn set(&mut self, text: &str) {
        *self = Self::new(text);
    }

    /// The text as a one-line field shows it (newlines as [`NEWLINE_MARK`]).
    pub fn shown(&self) -> String {
        self.text().replace('\n', NEWLINE_MARK)
    }

    /// The cursor's column in [`TextInput::shown`], in display columns (a wide character counts two).
    pub fn display_cursor(&self) -> usize {
        let before: String = self.text().chars().take(self.cursor()).collect();
        before.replace('\n', NEWLINE_MARK).width()
    }

    /// The display columns to skip so that the cursor stays inside a field `width` columns wide.
    pub fn scroll(&self, width: usize) -> usize {
        let width = width.max(1);
        let cursor = self.display_cursor();
        if cursor < width {
            return 0;
        }
        // Skip whole characters until the cursor (and one column after it) fits.
        let need = cursor + 1 - width;
        let mut skipped = 0;
        for c in self.shown().chars() {
            if skipped >= need {
                break;
            }
            skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        skipped
    }

    pub fn apply(&mut self, key: InputKey) {
        let req = match key {
            InputKey::Char(c) if !c.is_control() => InputRequest::InsertChar(c),
            InputKey::Char(_) => return,
            InputKey::Backspace => InputRequest::DeletePrevChar,
            InputKey::Delete => InputRequest::DeleteNextChar,
            InputKey::Left => InputRequest::GoToPrevChar,
            InputKey::Right => InputRequest::GoToNextChar,
            InputKey::Home => InputRequest::GoToStart,
            InputKey::End => InputRequest::GoToEnd,
            InputKey::ClearToStart => InputRequest::DeleteFromStart,
        };
        self.input.handle(req);
    }

    /// Inserts `text` at the cursor as it is (the caller decides what a field may hold): control
    /// characters other than a newline are dropped, a CR LF or lone CR becomes a newline.
    pub fn insert(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for c in text.chars() {
            if c == '\n' || !c.is_control() {
                self.input.handle(InputRequest::InsertChar(c));
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

    #[test]
    fn the_cursor_is_measured_in_display_columns() {
        let t = TextInput::new("úterý 🙂 😀 中文");
        assert_eq!(t.cursor(), 12);
        assert_eq!(t.display_cursor(), 16);
    }

    #[test]
    fn a_long_text_scrolls_so_the_cursor_stays_visible() {
        let mut t = TextInput::new(&"x".repeat(100));
        assert_eq!(t.scroll(40), 61);
        t.apply(InputKey::Home);
        assert_eq!(t.scroll(40), 0);
    }
}
