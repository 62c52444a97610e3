//! The status bar: who is working, the copy's state, the running timer and the last message, on one
//! line that shrinks by priority instead of being clipped at the edge (bb5 #11).
//!
//! What stays longest, in order: the read-only mark (short), who, a catch-up's progress, the timer's
//! ticket number and elapsed time (`⏱ #12 0:12:34`, or that none runs), then the copy's sync state
//! (shortened step by step: `copy A · synced 3m ago · 2 unshared · 1 conflict` → `synced 3m ago · 2
//! unshared · 1 conflict` → `2 unshared · 1 conflict`; offline: `offline since 10:32 · …` → `offline ·
//! …`), then the long wordings (`no timer running`, `READ-ONLY: changes are not possible`), and last
//! the timer's ticket title, cut at a word with `…` (dropped when fewer than a few columns are left).
//! A message takes what is left, or the footer's line above too (see [`status_bar`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, format};
use crate::app::App;
use crate::t;

/// The timer's title is shown at most this wide (the message after it needs room too).
const TITLE_MAX: usize = 24;
/// A title that would get fewer columns than this is left out (a stub says nothing).
const TITLE_MIN: usize = 6;
const SEP: &str = "│ ";

/// One segment's wordings, longest first (the last is what it shrinks to; empty: it may vanish).
struct Part {
    texts: Vec<String>,
    style: Style,
    /// Which wording is shown (an index into `texts`).
    pick: usize,
    /// One of the bar's segments after who is working: drawn after a separator when another one is
    /// shown before it.
    sep: bool,
}

impl Part {
    fn new(texts: Vec<String>, style: Style, sep: bool) -> Self {
        let pick = texts.len().saturating_sub(1);
        Self { texts, style, pick, sep }
    }

    fn text(&self) -> &str {
        &self.texts[self.pick]
    }
}

/// The width of `parts` as drawn, with `parts[at]` in its wording `pick` (the separators counted).
fn width_with(parts: &[Part], at: usize, pick: usize) -> usize {
    let mut segment_before = false;
    let mut total = 0;
    for (n, p) in parts.iter().enumerate() {
        let text = if n == at { &p.texts[pick] } else { p.text() };
        if text.is_empty() {
            continue;
        }
        if p.sep && std::mem::replace(&mut segment_before, true) {
            total += SEP.width();
        }
        total += text.width();
    }
    total
}

/// The sync state's wordings, longest first; `None` when this file does not sync at all.
fn sync_texts(app: &App) -> Option<Vec<String>> {
    let copy = &app.copy;
    let conflicts = (copy.conflicts > 0).then(|| t!("status-conflicts", count = copy.conflicts));
    let join = |parts: &[Option<String>]| parts.iter().flatten().cloned().collect::<Vec<_>>().join(" · ");
    let unshared = (!copy.viewer).then(|| t!("status-unshared", count = copy.unshared));
    if let Some(since) = copy.offline_since {
        // A team replica whose server does not answer; it catches up by itself when the server is back.
        let zone = app.settings.calendar.time_zone();
        let note = crate::team::offline_note(since, app.now, zone, copy.unshared);
        let offline = Some(t!("status-offline"));
        return Some(vec![
            join(&[Some(note), conflicts.clone()]),
            join(&[offline.clone(), unshared.clone(), conflicts.clone()]),
            join(&[offline, conflicts]),
        ]);
    }
    if !copy.syncs() && !copy.team {
        return None;
    }
    let name = if copy.viewer {
        t!("status-viewer")
    } else if copy.tag.is_empty() {
        t!("status-team-file")
    } else {
        t!("status-copy", tag = copy.tag.as_str())
    };
    // A team replica whose background connection is up hears every other desk's push at once: it is
    // up to date, however long ago the last change arrived.
    let synced = if copy.team && app.team_online && app.catching_up.is_none() {
        t!("status-up-to-date")
    } else {
        copy.last_sync.map_or_else(
            || t!("status-never-synced"),
            |t| match (app.now - t).num_minutes() {
                m if m < 1 => t!("status-synced-now"),
                m => t!("status-synced-ago", ago = crate::i18n::words::minutes(m)),
            },
        )
    };
    let name = Some(name);
    let synced = Some(synced);
    let mut texts = vec![
        join(&[name.clone(), synced.clone(), unshared.clone(), conflicts.clone()]),
        join(&[synced, unshared.clone(), conflicts.clone()]),
        join(&[unshared, conflicts.clone()]),
    ];
    if copy.viewer {
        // The viewer's mark stays: it says why nothing can be changed.
        texts.push(join(&[name, conflicts]));
    } else {
        texts.push(join(&[conflicts]));
    }
    texts.dedup();
    Some(texts)
}

/// Draws the status bar; a message longer than its line takes the footer's line above too, broken
/// at a word (the footer comes back when the message goes). Returns whether it took the footer's line.
pub(super) fn status_bar(frame: &mut Frame, area: Rect, above: Rect, app: &App, theme: &Theme) -> bool {
    let width = usize::from(area.width);
    let mut parts: Vec<Part> = Vec::new();
    if app.copy.read_only {
        let texts = if app.copy.viewer {
            vec![format!(" {} ", t!("status-read-only-short"))]
        } else {
            vec![format!(" {} ", t!("status-read-only")), format!(" {} ", t!("status-read-only-short"))]
        };
        parts.push(Part::new(texts, theme.error(), false));
        parts.push(Part::new(vec![" ".into()], Style::new(), false));
    }
    // A viewer unnamed reads as nobody in particular: no name is shown for it.
    if !(app.copy.viewer && app.me == crate::domain::UNNAMED_TECHNICIAN) {
        parts.push(Part::new(vec![format!(" {} ", crate::i18n::words::person(&app.me))], theme.active_tab(), false));
        parts.push(Part::new(vec![" ".into()], Style::new(), false));
    }
    // What gives way to a message that needs the whole line: everything after who is working.
    let who = parts.len();
    if let Some(percent) = app.catching_up {
        // A long catch-up of the team replica (other desks' work arriving).
        parts.push(Part::new(vec![format!("{} ", t!("status-catching-up", percent = percent))], theme.dim(), true));
    }
    let sync = sync_texts(app).map(|texts| {
        let style = if app.copy.offline_since.is_some() { theme.error() } else { theme.dim() };
        let texts = texts.into_iter().map(|t| if t.is_empty() { t } else { format!("{t} ") }).collect();
        parts.push(Part::new(texts, style, true));
        parts.len() - 1
    });
    let mut timer_title = None;
    match &app.my_timer {
        Some(timer) => {
            let elapsed = format::elapsed(app.now - timer.started_at);
            parts.push(Part::new(vec![format!("⏱ #{} {elapsed} ", timer.ticket_number)], theme.timer(), true));
            timer_title = Some(parts.len() - 1);
            if crate::domain::worktime::timer_forgotten(
                timer.started_at,
                app.now,
                app.settings.app.forgotten_timer_hours,
            ) {
                parts.push(Part::new(vec![format!("{} ", t!("status-timer-forgotten"))], theme.error(), false));
            }
        }
        None => {
            let texts = vec![format!("{} ", t!("status-no-timer")), format!("{} ", t!("status-no-timer-short"))];
            parts.push(Part::new(texts, theme.dim(), true));
        }
    }
    // Every part at its shortest; then the sync state, then the other long wordings, as far as they fit.
    let order: Vec<usize> = sync.into_iter().chain((0..parts.len()).filter(|i| Some(*i) != sync)).collect();
    for i in order {
        while parts[i].pick > 0 && width_with(&parts, i, parts[i].pick - 1) <= width {
            parts[i].pick -= 1;
        }
    }
    // Last, the timer's ticket title, in what is left (and at most TITLE_MAX).
    if let (Some(i), Some(timer)) = (timer_title, &app.my_timer) {
        let room = width.saturating_sub(width_with(&parts, i, parts[i].pick) + 1).min(TITLE_MAX);
        // Whole words only: a title whose first word does not fit is left out.
        let first_word = timer.ticket_title.split(' ').next().unwrap_or_default();
        if room >= TITLE_MIN && (timer.ticket_title.width() <= room || first_word.width() < room) {
            let title = format::fit_words(&timer.ticket_title, room);
            let elapsed = format::elapsed(app.now - timer.started_at);
            parts[i].texts[0] = format!("⏱ #{} {title} {elapsed} ", timer.ticket_number);
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut who_spans = 0;
    let mut segment_before = false;
    for (n, p) in parts.iter().enumerate() {
        if n == who {
            who_spans = spans.len();
        }
        if p.text().is_empty() {
            continue;
        }
        if p.sep && std::mem::replace(&mut segment_before, true) {
            spans.push(Span::styled(SEP, theme.dim()));
        }
        spans.push(Span::styled(p.text().to_string(), p.style));
    }
    if who >= parts.len() {
        who_spans = spans.len();
    }
    let took_above = message(frame, area, above, app, theme, &mut spans, who_spans);
    frame.render_widget(Line::from(spans), area);
    took_above
}

/// Adds the last message to `spans` (the bar so far; the first `who` spans say who is working); a
/// message too long for what is left takes the line above too. Returns whether it did.
fn message(
    frame: &mut Frame,
    area: Rect,
    above: Rect,
    app: &App,
    theme: &Theme,
    spans: &mut Vec<Span>,
    who: usize,
) -> bool {
    let Some(m) = &app.message else { return false };
    let sep = || Span::styled(SEP, theme.dim());
    spans.push(sep());
    let style = if m.error { theme.error() } else { Style::new() };
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let width = usize::from(area.width);
    let room = width.saturating_sub(used);
    if m.text.width() <= room {
        spans.push(Span::styled(m.text.clone(), style));
        return false;
    }
    // Too long for one line: its start on the line above (whole width), the rest here, each broken at
    // a word; what still does not fit ends with `…` at a word.
    spans.pop();
    let lines = format::wrap_words(&m.text, width);
    let first = lines.first().cloned().unwrap_or_default();
    let rest = m.text.get(first.len()..).unwrap_or("").trim_start();
    frame.render_widget(Line::styled(first, style), above);
    if !rest.is_empty() {
        // A question waits for its answer, so a message is never cut while the timer and the sync
        // state could make room: they give way to its rest (they come back with it gone).
        let room = if rest.width() + 2 > room {
            spans.truncate(who);
            width.saturating_sub(spans.iter().map(|s| s.width()).sum::<usize>() + 2)
        } else {
            room
        };
        spans.push(sep());
        spans.push(Span::styled(format::fit_words(rest, room), style));
    }
    true
}
