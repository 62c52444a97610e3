//! Views: each reads `&App` and draws into a `Frame`. No IO, no clock (the time shown is `app.now`),
//! no store. Mirrors `app/`: `queue`, `detail`, `customers`, `board`, `form`, plus the chrome every
//! screen shares (tab bar, footer from the keymap, status bar, help overlay, too-small notice).
//!
//! Only visible rows are built: lists draw `window(rows)` slices of the app's state, never the whole.

mod board;
mod charts;
mod customers;
mod detail;
mod form;
pub mod format;
mod queue;
mod statement;
pub mod theme;
mod triage;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

use crate::app::{App, Focus, View};
use crate::domain::sla::SlaState;
use crate::keymap::{Command, Keymap};
use crate::t;
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

fn too_small_notice(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme) {
    let quit = key_for(keymap, Focus::Queue, Command::Quit);
    let text = vec![
        Line::styled(t!("small-title"), theme.title()),
        Line::from(t!(
            "small-size",
            size = format!("{}×{}", area.width, area.height),
            needed = format!("{MIN_WIDTH}×{MIN_HEIGHT}")
        )),
        Line::from(t!("small-enlarge")),
        Line::from(t!("small-keys-wait", quit = quit)),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn tab_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(" helpdesk ", theme.header()), Span::raw(" ")];
    for v in View::ALL {
        let style = if v == app.view && app.detail.is_none() && app.statement.is_none() && app.triage.is_none() {
            theme.active_tab()
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!(" {} ", v.title()), style));
        spans.push(Span::raw(" "));
    }
    if let Some(d) = &app.detail {
        spans.push(Span::styled(format!(" #{} ", d.ticket.number), theme.active_tab()));
    } else if app.triage.is_some() {
        spans.push(Span::styled(format!(" {} ", t!("view-triage")), theme.active_tab()));
    } else if let Some(st) = &app.statement {
        // The customer's name gives way (`…`) so the month always shows.
        let base: usize = spans.iter().map(|s| s.width()).sum();
        let month = st.month.to_string();
        let room = usize::from(area.width).saturating_sub(base + month.chars().count() + 3).max(4);
        spans.push(Span::styled(format!(" {} {month} ", format::fit(&st.customer.name, room)), theme.active_tab()));
    }
    let count = |s: SlaState| app.queue.items.iter().filter(|i| i.sla.state == s).count();
    let counts = t!(
        "tabs-counts",
        open = app.queue.items.len(),
        breached = count(SlaState::Breached),
        at_risk = count(SlaState::AtRisk),
    );
    let clock =
        crate::i18n::dates::format(&app.now.with_timezone(&app.settings.calendar.time_zone()), "%a %d.%m. %H:%M");
    // The tabs come first; the counts and the clock take what is left, shortest first to go: never
    // over the tabs (at least one space between).
    let left: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(left + 1);
    let right = [
        format!("{counts} · {clock} "),
        format!("{counts} "),
        format!("{} ", t!("tabs-open", open = app.queue.items.len())),
    ]
    .into_iter()
    .find(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) <= room)
    .unwrap_or_default();
    let right_w = unicode_width::UnicodeWidthStr::width(right.as_str()) as u16;
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)]).areas(area);
    frame.render_widget(Line::from(spans), l);
    frame.render_widget(Line::styled(right, theme.dim()), r);
}

fn footer(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let mut spans = Vec::new();
    let mut used = 0;
    // Help and quit first, so a narrow terminal still shows how to find the rest.
    let mut items = match &app.form {
        Some(form) => keymap.footer_with(Focus::Form, |c| form::footer_label(form, c)),
        None => keymap.footer(app.focus()),
    };
    let help = (key_for(keymap, app.focus(), Command::Help), crate::t!(Command::Help.label_id()));
    items.retain(|i| *i != help);
    if app.focus() != Focus::Form {
        items.insert(0, help);
    }
    for (key, label) in items {
        let text = format!(" {label}  ");
        let w = key.chars().count() + text.chars().count();
        if used + w > usize::from(area.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(text));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Draws the status bar; a message longer than its line takes the footer's line above too, broken
/// at a word (the footer comes back when the message goes). Returns whether it took the footer's line.
fn status_bar(frame: &mut Frame, area: Rect, above: Rect, app: &App, theme: &Theme) -> bool {
    // Segments: who, the copy's sync state, the timer, the message; each after a separator.
    let mut spans = Vec::new();
    if app.copy.read_only {
        spans.push(Span::styled(format!(" {} ", t!("status-read-only")), theme.error()));
        spans.push(Span::raw(" "));
    }
    spans.extend([
        Span::styled(format!(" {} ", crate::i18n::words::person(&app.me)), theme.active_tab()),
        Span::raw(" "),
    ]);
    // What gives way to a message that needs the whole line: everything after who is working.
    let who = spans.len();
    let sep = || Span::styled("│ ", theme.dim());
    if let Some(percent) = app.catching_up {
        // A long catch-up of the team replica (other desks' work arriving).
        spans.push(Span::styled(format!("{} ", t!("status-catching-up", percent = percent)), theme.dim()));
        spans.push(sep());
    }
    if let Some(since) = app.copy.offline_since {
        // A team replica whose server does not answer; it catches up by itself when the server is back.
        let zone = app.settings.calendar.time_zone();
        let mut text = crate::team::offline_note(since, app.now, zone, app.copy.unshared);
        if app.copy.conflicts > 0 {
            text.push_str(&format!(" · {}", t!("status-conflicts", count = app.copy.conflicts)));
        }
        spans.push(Span::styled(format!("{text} "), theme.error()));
        spans.push(sep());
    } else if app.copy.syncs() {
        let name = if app.copy.tag.is_empty() {
            t!("status-team-file")
        } else {
            t!("status-copy", tag = app.copy.tag.as_str())
        };
        let synced = app.copy.last_sync.map_or_else(
            || t!("status-never-synced"),
            |t| match (app.now - t).num_minutes() {
                m if m < 1 => t!("status-synced-now"),
                m => t!("status-synced-ago", ago = crate::i18n::words::minutes(m)),
            },
        );
        let mut text = format!("{name} · {synced} · {}", t!("status-unshared", count = app.copy.unshared));
        if app.copy.conflicts > 0 {
            text.push_str(&format!(" · {}", t!("status-conflicts", count = app.copy.conflicts)));
        }
        spans.push(Span::styled(text + " ", theme.dim()));
        spans.push(sep());
    }
    match &app.my_timer {
        Some(t) => {
            spans.push(Span::styled(
                format!(
                    "⏱ #{} {} {} ",
                    t.ticket_number,
                    format::fit(&t.ticket_title, 24),
                    format::elapsed(app.now - t.started_at)
                ),
                theme.timer(),
            ));
            if crate::domain::worktime::timer_forgotten(t.started_at, app.now, app.settings.app.forgotten_timer_hours) {
                spans.push(Span::styled(format!("{} ", t!("status-timer-forgotten")), theme.error()));
            }
        }
        None => spans.push(Span::styled(format!("{} ", t!("status-no-timer")), theme.dim())),
    }
    let mut took_above = false;
    if let Some(m) = &app.message {
        spans.push(sep());
        let style = if m.error { theme.error() } else { Style::new() };
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let room = usize::from(area.width).saturating_sub(used);
        let width = usize::from(area.width);
        if unicode_width::UnicodeWidthStr::width(m.text.as_str()) <= room {
            spans.push(Span::styled(m.text.clone(), style));
        } else {
            // Too long for one line: its start on the line above (whole width), the rest here, each
            // broken at a word; what still does not fit ends with `…` at a word.
            spans.pop();
            let lines = format::wrap_words(&m.text, width);
            let first = lines.first().cloned().unwrap_or_default();
            let rest = m.text.get(first.len()..).unwrap_or("").trim_start();
            frame.render_widget(Line::styled(first, style), above);
            if !rest.is_empty() {
                // A question waits for its answer, so a message is never cut while the timer and the
                // sync state could make room: they give way to its rest (they come back with it gone).
                let room = if unicode_width::UnicodeWidthStr::width(rest) + 2 > room {
                    spans.truncate(who);
                    width.saturating_sub(spans.iter().map(|s| s.width()).sum::<usize>() + 2)
                } else {
                    room
                };
                spans.push(sep());
                spans.push(Span::styled(format::fit_words(rest, room), style));
            }
            took_above = true;
        }
    }
    frame.render_widget(Line::from(spans), area);
    took_above
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

fn help(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    use unicode_width::UnicodeWidthStr;
    let focus = app.base_focus();
    // (key, what it does) by section; a section's title has no key.
    let mut entries: Vec<(Option<String>, String)> = vec![(None, t!("help-view", view = focus.title()))];
    entries.extend(keymap.help(focus).into_iter().map(|(k, h)| (Some(k), h)));
    entries.push((Some(String::new()), String::new()));
    entries.push((None, t!("help-in-forms")));
    entries.extend(keymap.help(Focus::Form).into_iter().map(|(k, h)| (Some(k), h)));
    entries.push((Some(t!("help-other-keys")), t!("help-other-keys-text")));
    if app.settings.app.mouse {
        entries.push((Some(String::new()), String::new()));
        entries.push((Some(t!("help-mouse")), t!("help-mouse-text")));
    }
    // As wide as the longest explanation needs (76 columns at least), within the screen; an
    // explanation still longer than its column goes on in the lines below it, broken at words.
    const KEY_W: u16 = 16;
    let longest = entries.iter().filter(|(k, _)| k.is_some()).map(|(_, h)| h.width()).max().unwrap_or(0);
    let width = (2 + KEY_W as usize + 1 + longest).clamp(76, usize::from(area.width).max(1)) as u16;
    let text_w = usize::from(width.saturating_sub(2 + KEY_W + 1)).max(10);
    let mut rows: Vec<Row> = Vec::new();
    for (key, text) in entries {
        let Some(key) = key else {
            rows.push(Row::new(vec![Line::styled(text, theme.title())]));
            continue;
        };
        for (i, line) in format::wrap_words(&text, text_w).into_iter().enumerate() {
            let key = if i == 0 { Line::styled(key.clone(), theme.key()) } else { Line::raw("") };
            rows.push(Row::new(vec![key, Line::from(line)]));
        }
    }
    let height = (rows.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    let visible = usize::from(height.saturating_sub(2));
    let scroll = app.help_scroll.min(rows.len().saturating_sub(visible));
    let title = if rows.len() > visible {
        format!(" {} ", t!("help-title-scrolled", first = scroll + 1, last = scroll + visible, count = rows.len()))
    } else {
        format!(" {} ", t!("help-title"))
    };
    let rows: Vec<Row> = rows.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, popup);
    let table = Table::new(rows, [Constraint::Length(KEY_W), Constraint::Fill(1)])
        .block(Block::bordered().title(title).title_style(theme.title()));
    frame.render_widget(table, popup);
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
