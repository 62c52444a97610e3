//! One ticket: facts and SLA line on top (for a change request, whether the contract includes product
//! modifications), the description, then the history (from the operation log) beside the time entries
//! (the selected one is what `E` corrects). `x` lays the SLA explanation over it.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

use super::format::{day_full, elapsed, full, when};
use super::{Theme, centered, key_for};
use crate::app::detail::DetailState;
use crate::app::{App, Focus};
use crate::domain::sla::SlaState;
use crate::domain::tariff::Entitlement;
use crate::domain::ticket::Promise;
use crate::i18n::words;
use crate::keymap::{Command, Keymap};
use crate::t;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let Some(d) = &app.detail else { return };
    // Heights as ratatui wraps them at this width (words, wide characters), not characters ÷ width:
    // the header keeps every line, the description up to six, the history the rest.
    // (`line_count` adds the block's top and bottom but takes the width inside the side borders.)
    let inner_w = area.width.saturating_sub(2).max(1);
    let head_p = header(app, d, keymap, theme, inner_w);
    let head_h = (head_p.line_count(inner_w) as u16).min(area.height / 2);
    let text = if d.ticket.description.is_empty() { t!("detail-no-description") } else { d.ticket.description.clone() };
    // The words of the search the ticket was found by are marked here and in the history.
    let query = app.queue.search_query();
    let marked: Vec<Line> = text
        .lines()
        .map(|l| Line::from(super::format::marked(l, query, ratatui::style::Style::new(), theme.mark())))
        .collect();
    let desc_p = Paragraph::new(marked).wrap(Wrap { trim: false });
    // The description shows up to six lines; more are marked in its title, and `d` shows it whole
    // over the history, scrolled by ↑/↓ and PgUp/PgDn (finding #4: it was cut without a mark).
    let total = desc_p.line_count(inner_w);
    let key = key_for(keymap, Focus::Detail, Command::Description);
    if d.description_open {
        let [head, desc] = Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
        frame.render_widget(head_p, head);
        let rows = usize::from(desc.height.saturating_sub(2)).max(1);
        let from = d.description_scroll.min(total.saturating_sub(rows));
        let to = (from + rows).min(total);
        let title = t!("detail-description-open", from = from + 1, to = to, total = total, key = key.as_str());
        let p = desc_p
            .scroll((from.min(usize::from(u16::MAX)) as u16, 0))
            .block(Block::bordered().title(format!(" {title} ")));
        frame.render_widget(p, desc);
    } else {
        const SHOWN: usize = 6;
        let title = if total > SHOWN {
            t!("detail-description-more", shown = SHOWN, total = total, key = key.as_str())
        } else {
            t!("detail-description")
        };
        let desc_h = (total.min(SHOWN) as u16 + 2).max(3);
        let [head, desc, rest] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Length(desc_h), Constraint::Fill(1)]).areas(area);
        frame.render_widget(head_p, head);
        frame.render_widget(desc_p.block(Block::bordered().title(format!(" {title} "))), desc);
        let [hist, entries] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
        history(frame, hist, app, d, theme);
        time_entries(frame, entries, app, d, theme);
    }
    if d.show_explain {
        explain(frame, area, app, d, theme);
    }
}

/// The ticket's facts, SLA, first response and timer; `width`: the columns inside the borders.
fn header<'a>(app: &App, d: &DetailState, keymap: &Keymap, theme: &Theme, width: u16) -> Paragraph<'a> {
    let t = &d.ticket;
    let s = &app.settings;
    let now = app.now;
    let k = |c| key_for(keymap, Focus::Detail, c);
    let facts = t!(
        "detail-facts",
        customer = t.customer_name.as_str(),
        tier = super::format::tier(s, d.tier),
        kind = words::kind(t.kind),
        status = words::status(t.status),
        assignee = t.assignee.as_deref().unwrap_or("—"),
        received = full(s, t.received_at)
    );
    let style = theme.state(d.sla.state);
    let sym = super::Theme::symbol(d.sla.state);
    // The SLA line in sentences (`zbývá 1 h 30 min`), or with durations in their short form
    // (`1:30 h`) when the long one would not fit the line.
    let sla_with = |left: fn(chrono::Duration) -> String| match (d.sla.state, d.sla.deadline) {
        (SlaState::NoSla, _) => format!("{sym} {}", t!("detail-sla-none")),
        (SlaState::Met, Some(due)) if t.first_response_at.is_none() => {
            format!("{sym} {}", t!("detail-sla-met-closed", left = left(d.sla.left), deadline = day_full(s, due)))
        }
        (SlaState::Met, Some(due)) => {
            format!("{sym} {}", t!("detail-sla-met", left = left(d.sla.left), deadline = day_full(s, due)))
        }
        (SlaState::Breached, Some(due)) if t.closed_unanswered_at.is_some() => {
            format!("{sym} {}", t!("detail-sla-breached-closed", late = left(-d.sla.left), deadline = day_full(s, due)))
        }
        (SlaState::Breached, Some(due)) if t.first_response_at.is_some() => {
            format!("{sym} {}", t!("detail-sla-breached-late", late = left(-d.sla.left), deadline = day_full(s, due)))
        }
        (SlaState::Breached, Some(due)) => {
            format!("{sym} {}", t!("detail-sla-breached", late = left(-d.sla.left), deadline = day_full(s, due)))
        }
        (SlaState::Paused, Some(due)) => format!(
            "{sym} {}",
            t!(
                "detail-sla-paused",
                left = left(d.sla.left),
                resumes = d.sla.resumes_at.map_or(String::new(), |r| when(s, r, now)),
                deadline = day_full(s, due)
            )
        ),
        (state, Some(due)) => {
            let resumes = d
                .sla
                .resumes_at
                .map_or(String::new(), |r| format!(" {}", t!("detail-sla-resumes", when = when(s, r, now))));
            let left = t!("detail-sla-left", left = left(d.sla.left), resumes = resumes, deadline = day_full(s, due));
            format!("{sym} {}: {left}", words::sla_state(state))
        }
        (state, None) => format!("{sym} {}", words::sla_state(state)),
    };
    let hint = format!("  ({})", t!("detail-explain-key", key = k(Command::Explain)));
    let fits = |sla: &str| usize::from(width) >= 4 + sla.width() + hint.width();
    let sla = match (sla_with(crate::i18n::words::left), sla_with(crate::i18n::words::left_short)) {
        // The sentence form when it fits, else whichever is narrower (English `4h` is the narrower).
        (long, short) if fits(&long) || long.width() <= short.width() => long,
        (_, short) => short,
    };
    let response = match (t.first_response_at, t.resolve_by) {
        (Some(at), Some(by)) => {
            let (mark, style) = match d.promise(now) {
                Some(Promise::Passed) => (format!("  ✖ {}", t!("detail-promise-passed")), theme.error()),
                Some(Promise::Late) => (format!("  ✖ {}", t!("detail-promise-late")), theme.error()),
                Some(Promise::Kept) => (format!("  ✔ {}", t!("detail-promise-kept")), theme.good()),
                Some(Promise::Pending) | None => (String::new(), theme.dim()),
            };
            Line::from(vec![
                Span::raw(t!("detail-first-response", at = full(s, at), by = full(s, by))),
                Span::styled(mark, style),
            ])
        }
        _ => Line::from(vec![
            Span::raw(format!("{} — ", t!("detail-no-response"))),
            Span::styled(k(Command::Respond), theme.key()),
            Span::raw(format!(" {}", t!("detail-no-response-key"))),
        ]),
    };
    let timer = match &app.my_timer {
        Some(tm) if tm.ticket_id == t.id => Line::styled(
            format!(
                "⏱ {}",
                t!("detail-timer-running", ran = elapsed(now - tm.started_at), since = full(s, tm.started_at))
            ),
            theme.timer(),
        ),
        Some(tm) => Line::from(vec![
            Span::raw(format!("{}; ", t!("detail-timer-elsewhere", number = tm.ticket_number.as_str()))),
            Span::styled(k(Command::Timer), theme.key()),
            Span::raw(format!(" {}", t!("detail-timer-move"))),
        ]),
        None => Line::from(vec![
            Span::raw(format!(
                "{} · ",
                t!("detail-logged", duration = crate::i18n::words::minutes(i64::from(d.logged_minutes())))
            )),
            Span::styled(k(Command::Timer), theme.key()),
            Span::raw(format!(" {}", t!("detail-timer-start"))),
        ]),
    };
    let mut lines = vec![
        Line::from(facts),
        Line::from(vec![Span::raw("SLA "), Span::styled(sla, style), Span::styled(hint, theme.dim())]),
        response,
        timer,
    ];
    if let Some((included, note)) = &d.entitlement {
        let (sym, style) = match included {
            Entitlement::No => ("⚠ ", theme.warn()),
            Entitlement::Partly => ("◐ ", theme.warn()),
            Entitlement::Yes => ("✔ ", theme.good()),
        };
        lines.push(Line::styled(format!("{sym}{}", t!("detail-change-request", note = note.as_str())), style));
    }
    for c in d.conflicts.iter().take(3) {
        let short = &c.id[c.id.len().saturating_sub(8)..];
        lines.push(Line::styled(
            format!(
                "⚠ {} — `helpdesk sync resolve {short} --pick other|kept`",
                t!(
                    "detail-sync-conflict",
                    field = words::conflict_field(&c.field),
                    kept = words::conflict_value(c, c.kept_value.as_deref(), s.calendar.time_zone()),
                    other = words::conflict_value(c, c.other_value.as_deref(), s.calendar.time_zone())
                ),
            ),
            theme.warn(),
        ));
    }
    let title = format!(" #{} {} ", t.number, t.title);
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(Block::bordered().title(Line::styled(title, theme.title())))
}

fn history(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let rows = usize::from(area.height.saturating_sub(2));
    let width = area.width.saturating_sub(2).max(1);
    // The words of the search the ticket was found by are marked in its history.
    let query = app.queue.search_query();
    let line = |h: &crate::app::detail::HistoryLine| {
        let mut spans = vec![
            Span::styled(format!("{} ", full(&app.settings, h.at)), theme.dim()),
            Span::styled(format!("{}: ", crate::i18n::words::person(&h.who)), theme.title()),
        ];
        spans.extend(super::format::marked(&h.text, query, ratatui::style::Style::new(), theme.mark()));
        Line::from(spans)
    };
    // Newest at the bottom, unless scrolled back (PgUp): the entries above it that fit, each measured
    // as ratatui wraps it (by words, wide characters two columns), and the last one always whole: the
    // paragraph is scrolled so its bottom is the pane's bottom (an older entry may be cut at the top).
    let end = d.history.len().saturating_sub(d.scroll);
    let mut start = end;
    let mut used = 0;
    while start > 0 && used < rows {
        let h = &d.history[start - 1];
        used += Paragraph::new(line(h)).wrap(Wrap { trim: false }).line_count(width).max(1);
        start -= 1;
    }
    let lines: Vec<Line> = d.history[start..end].iter().map(line).collect();
    let cut = used.saturating_sub(rows);
    let earlier = start + usize::from(cut > 0);
    let more = if earlier > 0 { format!(", {}", t!("detail-history-earlier", count = earlier)) } else { String::new() };
    let later =
        if d.scroll > 0 { format!(", {}", t!("detail-history-later", count = d.scroll)) } else { String::new() };
    let title = format!(" {} ({}{more}{later}) ", t!("detail-history"), d.history.len());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(cut).unwrap_or(u16::MAX), 0))
            .block(Block::bordered().title(title)),
        area,
    );
}

/// An entry's note, and when its timer ran past the technician's next timer, what the timer said
/// (`cut from 1h 30m`: it holds only the time until the next timer started).
fn entry_note(e: &crate::store::TimeEntryRow) -> String {
    match e.ran {
        Some(ran) if e.note.is_empty() => t!("entry-cut-from", ran = crate::i18n::words::minutes(i64::from(ran))),
        Some(ran) => {
            format!("{} ({})", e.note, t!("entry-cut-from", ran = crate::i18n::words::minutes(i64::from(ran))))
        }
        None => e.note.clone(),
    }
}

fn time_entries(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let title =
        format!(" {} ", t!("detail-entries", duration = crate::i18n::words::minutes(i64::from(d.logged_minutes()))));
    let block = Block::bordered().title(title);
    if d.entries.is_empty() {
        frame.render_widget(
            Paragraph::new(t!("detail-entries-none")).wrap(Wrap { trim: true }).style(theme.dim()).block(block),
            area,
        );
        return;
    }
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = crate::app::queue::scrolled(0, d.entry_selected, rows, d.entries.len());
    // Narrow (80 columns): a short date, and the technician gives way to the note.
    let narrow = area.width < 40;
    let tz = app.settings.calendar.time_zone();
    // Borders, the `›` column, the fixed columns and the spaces between them: the note gets the rest
    // and ends with `…` when it is longer (never cut mid-word without a sign).
    let fixed = if narrow { 12 + 7 + 2 } else { 16 + 7 + 10 + 3 };
    let note_w = usize::from(area.width).saturating_sub(2 + 1 + fixed).max(4);
    let body: Vec<Row> = d
        .entries
        .iter()
        .skip(offset)
        .take(rows)
        .map(|e| {
            let note = super::format::fit(&entry_note(e), note_w);
            if narrow {
                Row::new(vec![
                    e.started_at.with_timezone(&tz).format("%d.%m. %H:%M").to_string(),
                    crate::i18n::words::minutes_short(i64::from(e.minutes)),
                    note,
                ])
            } else {
                Row::new(vec![
                    full(&app.settings, e.started_at),
                    crate::i18n::words::minutes_short(i64::from(e.minutes)),
                    super::format::fit(&crate::i18n::words::person(&e.technician), 10),
                    note,
                ])
            }
        })
        .collect();
    let widths = if narrow {
        vec![Constraint::Length(12), Constraint::Length(7), Constraint::Fill(1)]
    } else {
        vec![Constraint::Length(16), Constraint::Length(7), Constraint::Length(10), Constraint::Fill(1)]
    };
    super::selectable_table(frame, area, Table::new(body, widths), block, d.entry_selected - offset, theme);
}

fn explain(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let s = &app.settings;
    let mut lines = Vec::new();
    match &d.explanation {
        None => lines.push(Line::raw(t!("explain-no-contract"))),
        Some(e) => {
            // Labels padded to one column by display width (Czech labels are longer than English ones).
            let labels =
                [t!("explain-received"), t!("explain-clock-starts"), t!("explain-budget"), t!("explain-deadline")];
            let w = labels.iter().map(|l| unicode_width::UnicodeWidthStr::width(l.as_str())).max().unwrap_or(0) + 2;
            let label = |i: usize| super::format::pad(&labels[i], w);
            lines.push(Line::raw(format!("{}{}", label(0), day_full(s, e.received))));
            lines.push(Line::raw(format!("{}{}", label(1), day_full(s, e.clock_start))));
            let budget = t!("explain-budget-hours", hours = e.hours, tier = super::format::tier(s, d.tier));
            lines.push(Line::raw(format!("{}{budget}", label(2))));
            lines.push(Line::raw(""));
            lines.push(Line::styled(t!("explain-counted"), theme.title()));
            for (c, minutes) in e.counted.iter().zip(e.span_minutes()) {
                let to = c.to.with_timezone(&s.calendar.time_zone()).format("%H:%M");
                let took = crate::i18n::words::left(chrono::Duration::minutes(minutes));
                lines.push(Line::raw(format!("  {} – {to}   {took}", day_full(s, c.from))));
            }
            if !e.skipped.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(t!("explain-skipped"), theme.title()));
                for k in &e.skipped {
                    // The domain gives `weekend` or the holiday's English name; the calendar has both names.
                    let reason = match s.calendar.holiday_on(k.date).and_then(|h| h.in_year(k.date.year())) {
                        Some(h) => h.name_in(crate::i18n::language()).to_string(),
                        None => t!("explain-weekend"),
                    };
                    let day = format!(
                        "{} {}",
                        crate::i18n::dates::weekday_short(k.date.weekday()),
                        k.date.format("%Y-%m-%d")
                    );
                    lines.push(Line::raw(format!("  {day}  {reason}")));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("{}{}", label(3), day_full(s, e.deadline)), theme.title()));
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    // At least 64 columns, wider for a long line (a Czech holiday's name) where the screen allows.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 2;
    let popup = centered(area, widest.max(64).min(area.width), h);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", t!("explain-title"))).title_style(theme.title())),
        popup,
    );
}
