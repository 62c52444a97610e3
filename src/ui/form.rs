//! Forms and prompts as a box over the view: per field its label and its text (a one-line field one
//! row, scrolled sideways so the cursor stays in view; a multi-line field several rows, wrapped at
//! words and scrolled up and down), and under each field its hint or, after a failed save, its error
//! in place, wrapped at words. The focused text field is drawn by `ratatui-textarea`, which places the
//! cursor by display width (`中`, `🙂` take two columns).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use super::{Theme, centered};
use crate::app::App;
use crate::app::form::{Form, FormKind};
use crate::keymap::Command;

/// Rows a multi-line field gets at most (it scrolls beyond).
const MULTILINE_ROWS: u16 = 8;

/// The label id of `command` in a form's footer, or `None` to leave it out: Enter says what it does
/// in this form (save, search, go, or a new line in a multi-line field); save and the editor show
/// only where Enter does not save.
pub fn footer_label(form: &Form, command: Command) -> Option<&'static str> {
    let multiline = form.focused().is_some_and(|f| f.multiline);
    match command {
        Command::Submit if multiline => Some("key-newline"),
        Command::Submit => Some(match form.kind {
            FormKind::Search => "key-submit-search",
            FormKind::Jump => "key-submit-jump",
            FormKind::CustomerFilter => "key-submit-filter",
            _ => command.label_id(),
        }),
        Command::Save | Command::Editor if !multiline => None,
        _ => Some(command.label_id()),
    }
}

/// The line at the bottom of the box: what Enter does here and how to leave.
fn footer_text(form: &Form) -> String {
    if form.focused().is_some_and(|f| f.multiline) {
        return crate::t!("form-footer-multiline");
    }
    match form.kind {
        FormKind::Search => crate::t!("form-footer-search"),
        FormKind::Jump => crate::t!("form-footer-prompt"),
        FormKind::CustomerFilter => crate::t!("form-footer-filter"),
        _ => crate::t!("form-footer"),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, _app: &App, form: &Form, theme: &Theme) {
    let label_w = form.fields.iter().map(|f| f.label.width()).max().unwrap_or(0) + 2;
    let width = 100.min(area.width);
    let inner_w = usize::from(width.saturating_sub(2));
    let indent = 2 + label_w;
    // Columns left for a field's text inside the borders, after the marker and the label.
    let text_w = inner_w.saturating_sub(indent).max(1);
    // Under each field: its error, else (focused) its hint, else a blank line.
    let under: Vec<Vec<Line>> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| match &f.error {
            Some(e) => super::format::wrap_words(&format!("✖ {e}"), text_w)
                .into_iter()
                .map(|l| Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(l, theme.error())]))
                .collect(),
            None if i == form.focus && !f.hint.is_empty() => super::format::wrap_words(&f.hint, text_w)
                .into_iter()
                .map(|l| Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(l, theme.dim())]))
                .collect(),
            None => vec![Line::raw("")],
        })
        .collect();
    let mut tail: Vec<Line> = Vec::new();
    if let Some(e) = &form.error {
        tail.extend(
            super::format::wrap_words(&format!("✖ {e}"), inner_w).into_iter().map(|l| Line::styled(l, theme.error())),
        );
    }
    tail.extend(
        super::format::wrap_words(&footer_text(form), inner_w).into_iter().map(|l| Line::styled(l, theme.dim())),
    );
    let fixed = 2 + form.fields.len() + under.iter().map(Vec::len).sum::<usize>() + tail.len();
    // What is left of the area goes to the multi-line fields (each at least one row).
    // The focused one gets up to MULTILINE_ROWS, the others up to three.
    let room = usize::from(area.height).saturating_sub(fixed) as u16;
    let multi = form.fields.iter().filter(|f| f.multiline).count().max(1) as u16;
    let share = room / multi;
    let rows = |i: usize, f: &crate::app::form::Field| {
        let most = if i == form.focus { MULTILINE_ROWS } else { 3 };
        if f.multiline { 1 + share.min(most - 1) } else { 1 }
    };
    let height =
        fixed as u16 - form.fields.len() as u16 + form.fields.iter().enumerate().map(|(i, f)| rows(i, f)).sum::<u16>();
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let title = format!(" {} ", form.title);
    frame.render_widget(Block::bordered().title(Line::styled(title, theme.title())).style(Style::new()), popup);
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    let mut y = inner.y;
    let mut cursor = None;
    let line_at = |frame: &mut Frame, y: u16, line: Line| {
        if y < inner.bottom() {
            frame.render_widget(line, Rect { x: inner.x, y, width: inner.width, height: 1 });
        }
    };
    for (i, (f, under)) in form.fields.iter().zip(under).enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { theme.key() } else { theme.title() };
        let marker = if focused { "▶ " } else { "  " };
        line_at(frame, y, Line::styled(format!("{marker}{}", super::format::pad(&f.label, label_w)), label_style));
        let h = rows(i, f).min(inner.bottom().saturating_sub(y));
        let text = Rect { x: inner.x + indent as u16, y, width: inner.width.saturating_sub(indent as u16), height: h };
        if h > 0 && text.width > 0 {
            if !f.choices.is_empty() {
                let mut spans = Vec::new();
                let shown: Vec<(String, String)> =
                    f.choices_shown().map(|(c, l)| (c.to_string(), l.to_string())).collect();
                let labels = fitted_choices(shown.iter().map(|(_, l)| l.as_str()).collect(), usize::from(text.width));
                for ((c, _), label) in shown.iter().zip(labels) {
                    let style = if c == f.value() { theme.selected() } else { theme.dim() };
                    spans.push(Span::styled(format!(" {label} "), style));
                    spans.push(Span::raw(" "));
                }
                frame.render_widget(Line::from(spans), text);
            } else if focused {
                let input = f.input.area();
                frame.render_widget(input, text);
                // Where the widget drew the cursor, for the terminal's own cursor (and input methods).
                let c = input.screen_cursor();
                let (top, left) = input.scroll_offset();
                let x = (c.col as u16).saturating_sub(left);
                let dy = (c.row as u16).saturating_sub(top);
                if x < text.width && dy < text.height {
                    cursor = Some(Position { x: text.x + x, y: text.y + dy });
                }
            } else if f.multiline {
                frame.render_widget(Paragraph::new(f.value()).wrap(Wrap { trim: false }), text);
            } else {
                let first = f.value().lines().next().unwrap_or("");
                frame.render_widget(Line::raw(super::format::columns(first, 0, usize::from(text.width))), text);
            }
        }
        y += rows(i, f);
        for l in under {
            line_at(frame, y, l);
            y += 1;
        }
    }
    for l in tail {
        line_at(frame, y, l);
        y += 1;
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// Choice labels shortened (the longest first, with `…`) until the row of them, each drawn as
/// ` label ` and a space, fits `width` columns: every choice stays on screen and can be read
/// (`add zdenek.maly@neznamy-zakaznik.cz as a con…   don't add` rather than losing `don't add`).
fn fitted_choices(labels: Vec<&str>, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut out: Vec<String> = labels.into_iter().map(str::to_string).collect();
    for _ in 0..out.len() {
        let total: usize = out.iter().map(|l| l.width() + 3).sum();
        let Some(excess) = total.checked_sub(width).filter(|e| *e > 0) else { break };
        let Some((i, w)) = out.iter().map(|l| l.width()).enumerate().max_by_key(|(_, w)| *w) else { break };
        out[i] = super::format::fit(&out[i], w.saturating_sub(excess).max(6));
    }
    out
}

#[cfg(test)]
mod choice_tests {
    #[test]
    fn choices_too_wide_for_the_row_shorten_the_longest_so_every_choice_shows() {
        let long = "přidat zdenek.maly@neznamy-zakaznik.cz jako kontakt";
        let fitted = super::fitted_choices(vec![long, "nepřidávat"], 64);
        assert_eq!(fitted[1], "nepřidávat", "the short choice whole");
        assert!(fitted[0].ends_with('…') && fitted[0].starts_with("přidat zdenek.maly@"), "{fitted:?}");
        let total: usize = fitted.iter().map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) + 3).sum();
        assert_eq!(total, 64, "{fitted:?}");
        // Choices that fit are left alone.
        assert_eq!(super::fitted_choices(vec!["request", "incident"], 64), ["request", "incident"]);
    }
}
