//! One ticket: facts and SLA line on top (for a change request, whether the contract includes product
//! modifications), the description, then the history (from the operation log) beside the time entries
//! (the selected one is what `E` corrects). `x` lays the SLA explanation over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, TableState, Wrap};

use super::format::{day_full, elapsed, full, when};
use super::{Theme, centered, key_for};
use crate::app::detail::DetailState;
use crate::app::{App, Focus};
use crate::domain::sla::{SlaState, format_left};
use crate::domain::tariff::Entitlement;
use crate::domain::ticket::Promise;
use crate::domain::worktime::format_minutes;
use crate::keymap::{Command, Keymap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let Some(d) = &app.detail else { return };
    let desc_lines = d.ticket.description.lines().count().clamp(1, 6) as u16;
    let [head, desc, rest] = Layout::vertical([
        Constraint::Length(6 + u16::from(d.entitlement.is_some()) + d.conflicts.len().min(3) as u16),
        Constraint::Length(desc_lines + 2),
        Constraint::Fill(1),
    ])
    .areas(area);
    header(frame, head, app, d, keymap, theme);
    let text =
        if d.ticket.description.is_empty() { "(no description)".to_string() } else { d.ticket.description.clone() };
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(Block::bordered().title(" Description ")),
        desc,
    );
    let [hist, entries] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
    history(frame, hist, app, d, theme);
    time_entries(frame, entries, app, d, theme);
    if d.show_explain {
        explain(frame, area, app, d, theme);
    }
}

fn header(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, keymap: &Keymap, theme: &Theme) {
    let t = &d.ticket;
    let s = &app.settings;
    let now = app.now;
    let k = |c| key_for(keymap, Focus::Detail, c);
    let facts = format!(
        "{} ({}) · {} · {} · assignee {} · received {}",
        t.customer_name,
        d.tier,
        t.kind,
        t.status,
        t.assignee.as_deref().unwrap_or("—"),
        full(s, t.received_at)
    );
    let style = theme.state(d.sla.state);
    let sym = super::Theme::symbol(d.sla.state);
    let sla = match (d.sla.state, d.sla.deadline) {
        (SlaState::NoSla, _) => format!("{sym} no SLA: no contract, no guaranteed response"),
        (SlaState::Met, Some(due)) => {
            format!("{sym} met: responded {} left before the deadline {}", format_left(d.sla.left), day_full(s, due))
        }
        (SlaState::Breached, Some(due)) if t.first_response_at.is_some() => {
            format!("{sym} breached: responded {} late (deadline {})", format_left(-d.sla.left), day_full(s, due))
        }
        (SlaState::Breached, Some(due)) => {
            format!("{sym} breached: {} overdue (deadline {})", format_left(-d.sla.left), day_full(s, due))
        }
        (SlaState::Paused, Some(due)) => format!(
            "{sym} paused: {} left, clock resumes {}; deadline {}",
            format_left(d.sla.left),
            d.sla.resumes_at.map_or(String::new(), |r| when(s, r, now)),
            day_full(s, due)
        ),
        (state, Some(due)) => {
            let resumes = d.sla.resumes_at.map_or(String::new(), |r| format!(" (paused, resumes {})", when(s, r, now)));
            format!("{sym} {}: {} left{resumes}, deadline {}", state.label(), format_left(d.sla.left), day_full(s, due))
        }
        (state, None) => format!("{sym} {}", state.label()),
    };
    let response = match (t.first_response_at, t.resolve_by) {
        (Some(at), Some(by)) => {
            let (mark, style) = match d.promise(now) {
                Some(Promise::Passed) => ("  ✖ promise passed", theme.error()),
                Some(Promise::Late) => ("  ✖ resolved after the promise", theme.error()),
                Some(Promise::Kept) => ("  ✔ promise kept", theme.good()),
                Some(Promise::Pending) | None => ("", theme.dim()),
            };
            Line::from(vec![
                Span::raw(format!("First response {} · resolution promised by {}", full(s, at), full(s, by))),
                Span::styled(mark, style),
            ])
        }
        _ => Line::from(vec![
            Span::raw("No first response yet — "),
            Span::styled(k(Command::Respond), theme.key()),
            Span::raw(" records it with a promised resolution date"),
        ]),
    };
    let timer = match &app.my_timer {
        Some(tm) if tm.ticket_id == t.id => Line::styled(
            format!("⏱ your timer is running: {} (since {})", elapsed(now - tm.started_at), full(s, tm.started_at)),
            theme.timer(),
        ),
        Some(tm) => Line::from(vec![
            Span::raw(format!("Your timer runs on #{}; ", tm.ticket_number)),
            Span::styled(k(Command::Timer), theme.key()),
            Span::raw(" moves it here"),
        ]),
        None => Line::from(vec![
            Span::raw(format!("Logged {} · ", format_minutes(i64::from(d.logged_minutes())))),
            Span::styled(k(Command::Timer), theme.key()),
            Span::raw(" starts your timer"),
        ]),
    };
    let mut lines = vec![
        Line::from(facts),
        Line::from(vec![
            Span::raw("SLA "),
            Span::styled(sla, style),
            Span::styled(format!("  ({} explains)", k(Command::Explain)), theme.dim()),
        ]),
        response,
        timer,
    ];
    if let Some((included, note)) = &d.entitlement {
        let (sym, style) = match included {
            Entitlement::No => ("⚠ ", theme.warn()),
            Entitlement::Partly => ("◐ ", theme.warn()),
            Entitlement::Yes => ("✔ ", theme.good()),
        };
        lines.push(Line::styled(format!("{sym}Change request: {note}"), style));
    }
    for c in d.conflicts.iter().take(3) {
        let short = &c.id[c.id.len().saturating_sub(8)..];
        lines.push(Line::styled(
            format!(
                "⚠ Sync conflict: {} kept `{}`, another copy had `{}` — `helpdesk sync resolve {short} --pick other|kept`",
                c.field,
                c.shown(c.kept_value.as_deref(), s.calendar.time_zone()),
                c.shown(c.other_value.as_deref(), s.calendar.time_zone()),
            ),
            theme.warn(),
        ));
    }
    let title = format!(" #{} {} ", t.number, t.title);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(title, theme.title()))),
        area,
    );
}

fn history(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    // Newest at the bottom: show the last entries that fit (lines wrap), unless scrolled back (PgUp).
    let end = d.history.len().saturating_sub(d.scroll);
    let mut start = end;
    let mut used = 0;
    while start > 0 {
        let h = &d.history[start - 1];
        let chars = 18 + h.who.chars().count() + h.text.chars().count();
        let height = chars.div_ceil(width).max(1);
        if used + height > rows {
            break;
        }
        used += height;
        start -= 1;
    }
    let lines: Vec<Line> = d.history[start..end]
        .iter()
        .map(|h| {
            Line::from(vec![
                Span::styled(format!("{} ", full(&app.settings, h.at)), theme.dim()),
                Span::styled(format!("{}: ", h.who), theme.title()),
                Span::raw(h.text.clone()),
            ])
        })
        .collect();
    let more = if start > 0 { format!(", {start} earlier: PgUp") } else { String::new() };
    let title = format!(" History ({}{more}) ", d.history.len());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(title)), area);
}

fn time_entries(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let title = format!(" Time entries — {} ", format_minutes(i64::from(d.logged_minutes())));
    let block = Block::bordered().title(title);
    if d.entries.is_empty() {
        frame.render_widget(Paragraph::new("None yet. e logs time; t times it.").style(theme.dim()).block(block), area);
        return;
    }
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = crate::app::queue::scrolled(0, d.entry_selected, rows, d.entries.len());
    let body: Vec<Row> = d
        .entries
        .iter()
        .skip(offset)
        .take(rows)
        .map(|e| {
            Row::new(vec![
                full(&app.settings, e.started_at),
                format_minutes(i64::from(e.minutes)),
                e.technician.clone(),
                e.note.clone(),
            ])
        })
        .collect();
    let table =
        Table::new(body, [Constraint::Length(16), Constraint::Length(7), Constraint::Length(10), Constraint::Fill(1)])
            .row_highlight_style(theme.selected())
            .block(block);
    let mut state = TableState::default().with_selected(Some(d.entry_selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}

fn explain(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, theme: &Theme) {
    let s = &app.settings;
    let mut lines = Vec::new();
    match &d.explanation {
        None => lines.push(Line::raw("No contract: no first-response deadline is guaranteed.")),
        Some(e) => {
            lines.push(Line::raw(format!("Received      {}", day_full(s, e.received))));
            lines.push(Line::raw(format!("Clock starts  {}", day_full(s, e.clock_start))));
            lines.push(Line::raw(format!("Budget        {} business hours ({} tier)", e.hours, d.tier)));
            lines.push(Line::raw(""));
            lines.push(Line::styled("Business hours counted", theme.title()));
            for c in &e.counted {
                let to = c.to.with_timezone(&s.calendar.time_zone()).format("%H:%M");
                lines.push(Line::raw(format!("  {} – {to}   {}", day_full(s, c.from), format_left(c.to - c.from))));
            }
            if !e.skipped.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Skipped", theme.title()));
                for k in &e.skipped {
                    lines.push(Line::raw(format!("  {}  {}", k.date.format("%a %Y-%m-%d"), k.reason)));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("Deadline      {}", day_full(s, e.deadline)), theme.title()));
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, 64, h);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(" Why this deadline — Esc/x closes ").title_style(theme.title())),
        popup,
    );
}
