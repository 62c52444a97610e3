//! Forms and prompts as a box over the view: one line per field (label, text with a cursor), and
//! under each field its hint or, after a failed save, its error in place.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Theme, centered};
use crate::app::App;
use crate::app::form::Form;

pub fn draw(frame: &mut Frame, area: Rect, _app: &App, form: &Form, theme: &Theme) {
    let mut lines = Vec::new();
    let mut cursor = None;
    let label_w = form.fields.iter().map(|f| f.label.width()).max().unwrap_or(0) + 2;
    let width = 100.min(area.width);
    // Columns left for a field's text inside the borders, after the marker and the label.
    let text_w = usize::from(width.saturating_sub(2)).saturating_sub(2 + label_w).max(1);
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { theme.key() } else { theme.title() };
        let marker = if focused { "▶ " } else { "  " };
        let mut spans = vec![Span::styled(format!("{marker}{}", super::format::pad(&f.label, label_w)), label_style)];
        let text = f.input.text();
        if f.choices.is_empty() {
            // Scrolled sideways so the cursor stays in view; measured in display columns.
            let skip = if focused { f.input.scroll(text_w) } else { 0 };
            let shown = f.input.shown();
            if skip > 0 {
                // The first column shows that the text goes on to the left.
                spans.push(Span::styled("…", theme.dim()));
                spans.push(Span::raw(super::format::columns(&shown, skip + 1, text_w - 1)));
            } else {
                spans.push(Span::raw(super::format::columns(&shown, 0, text_w)));
            }
            if focused {
                let x = 2 + label_w + f.input.display_cursor() - skip;
                cursor = Some((x as u16, lines.len() as u16));
            }
        } else {
            for (c, label) in f.choices_shown() {
                let style = if c == text { theme.selected() } else { theme.dim() };
                spans.push(Span::styled(format!(" {label} "), style));
                spans.push(Span::raw(" "));
            }
        }
        lines.push(Line::from(spans));
        let indent = " ".repeat(2 + label_w);
        match &f.error {
            Some(e) => lines.push(Line::from(vec![Span::raw(indent), Span::styled(format!("✖ {e}"), theme.error())])),
            None if focused && !f.hint.is_empty() => {
                lines.push(Line::from(vec![Span::raw(indent), Span::styled(f.hint.clone(), theme.dim())]))
            }
            None => lines.push(Line::raw("")),
        }
    }
    if let Some(e) = &form.error {
        // Wrapped: a refusal (a mail command's words) is read whole, also at 80 columns.
        for line in wrapped(&format!("✖ {e}"), usize::from(width.saturating_sub(2)).max(1)) {
            lines.push(Line::styled(line, theme.error()));
        }
    }
    lines.push(Line::styled(crate::t!("form-footer"), theme.dim()));
    let popup = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    let title = format!(" {} ", form.title);
    frame.render_widget(
        Paragraph::new(lines).style(Style::new()).block(Block::bordered().title(Line::styled(title, theme.title()))),
        popup,
    );
    if let Some((x, y)) = cursor {
        let p = Position { x: (popup.x + 1 + x).min(popup.right().saturating_sub(2)), y: popup.y + 1 + y };
        frame.set_cursor_position(p);
    }
}

/// `text` in lines of at most `width` display columns, broken at spaces (a longer word where the
/// line ends).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let need = if line.is_empty() { word.width() } else { line.width() + 1 + word.width() };
        if need <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if !line.is_empty() && line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}
