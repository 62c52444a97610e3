//! Views: each reads `&App` and draws into a `Frame`. No IO, no clock (the time shown is `app.now`),
//! no store. Mirrors `app/`: `queue`, `detail`, `customers`, `board`, `form`, plus the chrome every
//! screen shares (tab bar, footer from the keymap, status bar, help overlay, too-small notice).
//!
//! Only visible rows are built: lists draw `window(rows)` slices of the app's state, never the whole.

mod board;
mod charts;
mod chrome;
mod customers;
mod detail;
mod form;
pub mod format;
mod queue;
mod statement;
mod status_bar;
pub mod theme;
mod triage;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Focus, View};
use crate::keymap::{Command, Keymap};
pub use theme::Theme;

/// The mark before the selected row of every list, besides reverse video: the selection shows
/// without colour (NO_COLOR) and to a screen reader too.
pub const SELECTED: &str = "›";

/// The smallest terminal the views fit: the classic 80 columns; 16 rows.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 16;

/// Whether a `width` × `height` terminal is below the minimum (the app is told, so keys do nothing).
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Rows a list shows in a terminal `height` rows tall (tab bar, footer, status bar, borders, header).
pub fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(6)).max(1)
}

pub fn draw(frame: &mut Frame, app: &App, keymap: &Keymap, theme: &Theme) {
    use chrome::{footer, help, tab_bar, too_small_notice};
    use status_bar::status_bar;
    let area = frame.area();
    if too_small(area.width, area.height) {
        too_small_notice(frame, area, keymap, theme);
        return;
    }
    let [tabs, main, footer_area, status_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    tab_bar(frame, tabs, app, theme);
    if app.detail.is_some() {
        detail::draw(frame, main, app, keymap, theme);
    } else if app.triage.is_some() {
        triage::draw(frame, main, app, keymap, theme);
    } else if app.statement.is_some() {
        statement::draw(frame, main, app, keymap, theme);
    } else {
        match app.view {
            View::Queue => queue::draw(frame, main, app, keymap, theme),
            View::Customers => customers::draw(frame, main, app, keymap, theme),
            View::Board => board::draw(frame, main, app, theme),
        }
    }
    if !status_bar(frame, status_area, footer_area, app, theme) {
        footer(frame, footer_area, app, keymap, theme);
    }
    if let Some(f) = &app.form {
        form::draw(frame, main, app, f, theme);
    }
    if app.help {
        help(frame, main, app, keymap, theme);
    }
    defuse(frame);
}

/// The last line of defence for untrusted text: text is cleaned when it enters the store, but a file
/// written by something else could still hold control characters or bidi overrides; none of them
/// reaches the terminal, whatever the view drew.
fn defuse(frame: &mut Frame) {
    let unsafe_char = |c: char| {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    for cell in &mut frame.buffer_mut().content {
        if cell.symbol().chars().any(unsafe_char) {
            let cleaned: String = cell.symbol().chars().filter(|c| !unsafe_char(*c)).collect();
            cell.set_symbol(if cleaned.is_empty() { " " } else { &cleaned });
        }
    }
}

/// The list row (an index into the shown list) under a click at `(x, y)` in a terminal of `size`, for
/// the list of the current view: the queue, the customers, or the board's breached / at-risk table.
pub fn list_row_at(app: &App, size: Rect, x: u16, y: u16) -> Option<usize> {
    if app.detail.is_some()
        || app.statement.is_some()
        || app.triage.is_some()
        || app.form.is_some()
        || app.help
        || too_small(size.width, size.height)
    {
        return None;
    }
    let main = Rect { x: 0, y: 1, width: size.width, height: size.height - 3 };
    // Inside the borders, below the header row.
    let (table, len, offset) = match app.view {
        View::Queue => {
            let rows = usize::from(main.height.saturating_sub(3)).max(1);
            let q = &app.queue;
            (main, q.len(), crate::app::queue::scrolled(q.offset(), q.selected_index(), rows, q.len()))
        }
        View::Customers => {
            // The contacts panel under the list takes its rows.
            let panel = if app.customer_mail.is_some() { customers::MAIL_PANEL_HEIGHT } else { 0 };
            let main = Rect { height: main.height.saturating_sub(panel), ..main };
            let rows = usize::from(main.height.saturating_sub(3)).max(1);
            let c = &app.customers;
            (main, c.lines.len(), crate::app::queue::scrolled(c.offset, c.selected, rows, c.lines.len()))
        }
        View::Board => {
            let (area, offset) = board::urgent_window(app, main);
            (area, app.board.urgent.len(), offset)
        }
    };
    let inside = x > table.x && x + 1 < table.right() && y >= table.y + 2 && y + 1 < table.bottom();
    let index = offset + usize::from(y.checked_sub(table.y + 2)?);
    (inside && index < len).then_some(index)
}

/// The first key bound to `command` in `focus`, for hints in text.
pub fn key_for(keymap: &Keymap, focus: Focus, command: Command) -> String {
    keymap
        .bindings(focus)
        .find(|b| b.command == command)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), ToString::to_string)
}

/// Draws a list as a table with its selection marked by `›` as well as by the theme's selection style (a
/// monochrome terminal or a screen reader has only the marker); `selected` counts from the first row
/// shown.
pub fn selectable_table<'a>(
    frame: &mut Frame,
    area: Rect,
    table: ratatui::widgets::Table<'a>,
    block: ratatui::widgets::Block<'a>,
    selected: usize,
    theme: &Theme,
) {
    let table = table
        .row_highlight_style(theme.selected())
        .highlight_symbol(SELECTED)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .block(block);
    let mut state = ratatui::widgets::TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// A `width` × `height` rectangle in the middle of `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
