//! A text field's editing state: the typed text and a cursor, kept by `ratatui-textarea`'s `TextArea`
//! (the ratatui organisation's text area for ratatui 0.30: it steps over whole graphemes, measures in
//! display columns so `🙂` or `中` take two, scrolls to keep the cursor in view, and wraps a long line
//! of a multi-line field at word boundaries). Keys are mapped here, one by one, to the widget's editing
//! calls: the widget's own default key table (Emacs keys, undo on Ctrl-U) is never used, so a key does
//! what the help says. A one-line field never holds a newline; a multi-line one (a comment, a
//! description) does. The text is cleaned (`domain::text::clean`) only when a form is submitted.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// An editing key, already resolved from the terminal's key event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    /// Up a line in a multi-line field (on its first line: the previous field).
    Up,
    /// Down a line in a multi-line field (on its last line: the next field).
    Down,
    Home,
    End,
    /// A word back / forward (Ctrl-← / Ctrl-→, Alt-b / Alt-f).
    WordLeft,
    WordRight,
    /// Erase the word before the cursor (Ctrl-W, Alt-Backspace).
    DeleteWord,
    /// Erase everything before the cursor on its line (Ctrl-U).
    ClearToStart,
    /// Erase everything after the cursor on its line (Ctrl-K).
    ClearToEnd,
    /// A line break (Enter in a multi-line field); a one-line field ignores it.
    Newline,
}

#[derive(Debug, Clone)]
pub struct TextInput {
    area: TextArea<'static>,
    /// The lines joined with `\n`, kept in step with `area` (read far more often than written).
    text: String,
    multiline: bool,
}

impl Default for TextInput {
    fn default() -> Self {
        Self::new("")
    }
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.cursor() == other.cursor() && self.multiline == other.multiline
    }
}

impl Eq for TextInput {}

/// `\r\n` and a lone `\r` (what a terminal sends for a pasted line break) as `\n`.
fn newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl TextInput {
    /// A one-line field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Self {
        let lines: Vec<String> = newlines(text).split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        // The focused field shows its cursor as a reversed cell; no underlined cursor line.
        area.set_cursor_line_style(Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        let mut input = Self { area, text: String::new(), multiline: false };
        input.sync();
        input
    }

    /// Lets the text hold newlines; long lines wrap at word boundaries when drawn.
    pub fn set_multiline(&mut self, multiline: bool) {
        self.multiline = multiline;
        self.area.set_wrap_mode(if multiline { WrapMode::WordOrGlyph } else { WrapMode::None });
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    fn sync(&mut self) {
        self.text = self.area.lines().join("\n");
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as (line, character within the line), both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Replaces the text (the cursor goes to its end).
    pub fn set(&mut self, text: &str) {
        let multiline = self.multiline;
        *self = Self::new(text);
        self.set_multiline(multiline);
    }

    /// The editing widget, for drawing: it draws the text scrolled so the cursor is in view.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.area.lines().len()
    }

    /// Applies an editing key. `false`: the key had nothing to do here (Up on the first line, Down on
    /// the last, a newline in a one-line field), so the form may use it (move to another field).
    pub fn apply(&mut self, key: InputKey) -> bool {
        let a = &mut self.area;
        match key {
            InputKey::Char(c) if !c.is_control() => a.insert_char(c),
            InputKey::Char(_) => return false,
            InputKey::Backspace => {
                a.delete_char();
            }
            InputKey::Delete => {
                a.delete_next_char();
            }
            InputKey::Left => a.move_cursor(CursorMove::Back),
            InputKey::Right => a.move_cursor(CursorMove::Forward),
            InputKey::Up | InputKey::Down => {
                if !self.multiline {
                    return false;
                }
                let before = a.cursor();
                a.move_cursor(if key == InputKey::Up { CursorMove::Up } else { CursorMove::Down });
                if a.cursor() == before {
                    return false;
                }
            }
            InputKey::Home => a.move_cursor(CursorMove::Head),
            InputKey::End => a.move_cursor(CursorMove::End),
            InputKey::WordLeft => a.move_cursor(CursorMove::WordBack),
            InputKey::WordRight => a.move_cursor(CursorMove::WordForward),
            InputKey::DeleteWord => {
                a.delete_word();
            }
            InputKey::ClearToStart => {
                a.delete_line_by_head();
            }
            InputKey::ClearToEnd => {
                a.delete_line_by_end();
            }
            InputKey::Newline if self.multiline => a.insert_newline(),
            InputKey::Newline => return false,
        }
        self.sync();
        true
    }

    /// Inserts `text` at the cursor as it is (the caller decides what a field may hold): control
    /// characters other than a newline are dropped, a CR LF or lone CR becomes a newline, and a
    /// one-line field takes the lines joined by spaces.
    pub fn insert(&mut self, text: &str) {
        let text: String = newlines(text).chars().filter(|&c| c == '\n' || !c.is_control()).collect();
        let text = if self.multiline { text } else { text.replace('\n', " ") };
        self.area.insert_str(text);
        self.sync();
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
        assert_eq!((t.text(), t.cursor()), ("Žúčt", (0, 4)));
        t.apply(InputKey::Left);
        t.apply(InputKey::ClearToStart);
        assert_eq!((t.text(), t.cursor()), ("t", (0, 0)));
    }

    #[test]
    fn a_one_line_field_never_takes_a_newline_and_a_multi_line_one_does() {
        let mut one = TextInput::new("a");
        assert!(!one.apply(InputKey::Newline));
        assert!(!one.apply(InputKey::Up), "Up belongs to the form in a one-line field");
        one.insert("b\r\nc");
        assert_eq!(one.text(), "ab c");
        let mut many = TextInput::new("a");
        many.set_multiline(true);
        assert!(many.apply(InputKey::Newline));
        many.insert("b\rc");
        assert_eq!((many.text(), many.cursor()), ("a\nb\nc", (2, 1)));
        assert!(many.apply(InputKey::Up));
        assert!(many.apply(InputKey::Up));
        assert!(!many.apply(InputKey::Up), "on the first line Up is the previous field's");
        assert!(many.apply(InputKey::Down));
        many.apply(InputKey::End);
        many.apply(InputKey::DeleteWord);
        assert_eq!(many.text(), "a\n\nc");
    }
}
