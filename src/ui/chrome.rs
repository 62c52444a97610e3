//! The chrome every screen shares: the tab bar, the footer (from the keymap), the help overlay and the
//! too-small notice (the status bar is in `status_bar`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

use super::*;
use crate::app::{App, Focus, View};
use crate::domain::sla::SlaState;
use crate::keymap::{Command, Keymap};
use crate::t;

pub(super) fn too_small_notice(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme) {
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

pub(super) fn tab_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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

pub(super) fn footer(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
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

pub(super) fn help(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
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
