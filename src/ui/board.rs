//! The team lead board: breached and at-risk tickets (selectable), promises past their date, running
//! timers (forgotten ones flagged), open load per technician, customers near or over their prepaid
//! minutes, customers with overage months running (upgrade suggestions), and SLA compliance per tier:
//! a chart of the last twelve months when the terminal has the rows for it (40), else this month's
//! figures as text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use super::customers::{gauge, gauge_style};
use super::format::{elapsed, fit, left_cell, number_width, when};
use crate::app::App;
use crate::app::board::BoardState;
use crate::app::queue::{Item, scrolled};
use crate::domain::worktime::format_minutes;

fn item<'a>(app: &'a App, id: &str) -> Option<&'a Item> {
    app.queue.items.iter().find(|i| i.ticket.id == id)
}

/// The board's areas: (left column: urgent, overdue, reports, upgrades; right column).
fn areas(app: &App, area: Rect) -> ([Rect; 4], Rect) {
    let [left, right] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area);
    let overdue_h = (app.board.overdue.len().min(6) as u16 + 2).max(3);
    let reports_n = app.customers.lines.iter().filter(|l| l.reports_overdue > 0).count();
    let reports_h = (reports_n.min(5) as u16 + 2).max(3);
    let upgrades_n = app.customers.lines.iter().filter(|l| l.upgrade_to.is_some()).count();
    let upgrades_h = (upgrades_n.min(4) as u16 + 2).max(3);
    let left = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(overdue_h),
        Constraint::Length(reports_h),
        Constraint::Length(upgrades_h),
    ])
    .areas(left);
    (left, right)
}

/// The table of breached and at-risk tickets: its area and the first row it shows.
pub fn urgent_window(app: &App, area: Rect) -> (Rect, usize) {
    let ([urgent, _, _, _], _) = areas(app, area);
    let b = &app.board;
    let rows = usize::from(urgent.height.saturating_sub(3)).max(1);
    (urgent, scrolled(b.offset, b.selected, rows, b.urgent.len()))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let ([urgent, overdue, reports, upgrades], right) = areas(app, area);
    urgent_table(frame, urgent, app, theme);
    overdue_list(frame, overdue, app, theme);
    reports_box(frame, reports, app, theme);
    upgrades_box(frame, upgrades, app, theme);
    let b = &app.board;
    let timers_h = (b.timers.len().min(6) as u16 + 2).max(3);
    let load_h = (b.load.len().min(8) as u16 + 3).max(4);
    // The chart where there is room for it (a 40-row terminal), else this month's figures as text.
    let chart = right.height >= CHART_FROM_HEIGHT;
    let [timers, load, prepaid, compliance] = Layout::vertical([
        Constraint::Length(timers_h),
        Constraint::Length(load_h),
        Constraint::Fill(1),
        Constraint::Length(if chart { 13 } else { 6 }),
    ])
    .areas(right);
    timers_box(frame, timers, app, theme);
    load_box(frame, load, b, theme);
    prepaid_box(frame, prepaid, app, theme);
    if chart {
        let counting = if b.reading() { ", counting…" } else { "" };
        let title = format!("SLA compliance, last 12 months{counting}");
        super::charts::compliance(frame, compliance, &b.compliance.history, theme, &title);
    } else {
        compliance_box(frame, compliance, b, theme);
    }
}

fn urgent_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let block =
        Block::bordered().title(Line::styled(format!(" Breached and at risk ({}) ", b.urgent.len()), theme.title()));
    if b.urgent.is_empty() {
        frame.render_widget(Paragraph::new("  Nothing breached or at risk.").style(theme.good()).block(block), area);
        return;
    }
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = scrolled(b.offset, b.selected, rows, b.urgent.len());
    let shown: Vec<&Item> = b.urgent.iter().skip(offset).take(rows).filter_map(|id| item(app, id)).collect();
    let num_w = number_width(shown.iter().map(|i| i.ticket.number.as_str()));
    let body: Vec<Row> = shown
        .into_iter()
        .map(|i| {
            let style = theme.state(i.sla.state);
            Row::new(vec![
                Cell::from(format!("{} {}", Theme::symbol(i.sla.state), i.sla.state.label())).style(style),
                Cell::from(i.ticket.number.clone()),
                Cell::from(fit(&i.ticket.customer_name, 14)),
                Cell::from(fit(
                    &i.ticket.title,
                    usize::from(area.width).saturating_sub(2 + 10 + num_w + 14 + 10 + 9 + 5).max(4),
                )),
                Cell::from(fit(i.ticket.assignee.as_deref().unwrap_or("—"), 10)),
                Cell::from(Line::from(left_cell(&i.sla)).right_aligned()).style(style),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(10),
        Constraint::Length(num_w as u16),
        Constraint::Length(14),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(9),
    ];
    let header = Row::new(vec!["SLA", "#", "Customer", "Title", "Assignee", "Left"]).style(theme.header());
    let table = Table::new(body, widths).header(header).row_highlight_style(theme.selected()).block(block);
    let mut state = TableState::default().with_selected(Some(b.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}

fn overdue_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = if b.overdue.is_empty() {
        vec![Line::styled("  No promised resolution date has passed.", theme.good())]
    } else {
        b.overdue
            .iter()
            .filter_map(|id| item(app, id))
            .take(rows)
            .map(|i| {
                let by = i.ticket.resolve_by.map_or(String::new(), |r| when(&app.settings, r, app.now));
                Line::from(vec![
                    Span::styled(format!("✖ promised {by:<12} "), theme.error()),
                    Span::raw(format!(
                        "#{} {} — {}",
                        i.ticket.number,
                        fit(&i.ticket.title, 40),
                        i.ticket.assignee.as_deref().unwrap_or("unassigned")
                    )),
                ])
            })
            .collect()
    };
    let title = format!(" Promised resolution date passed ({}) ", b.overdue.len());
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}

fn reports_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let late: Vec<_> = app.customers.lines.iter().filter(|l| l.reports_overdue > 0).collect();
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = if late.is_empty() {
        vec![Line::styled("  No status report is overdue.", theme.good())]
    } else {
        late.iter()
            .take(rows)
            .map(|l| {
                Line::from(vec![
                    Span::styled(format!("✖ {} overdue ", l.reports_overdue), theme.error()),
                    Span::raw(format!(
                        "{} ({}, {} of {} done this year)",
                        fit(&l.customer.name, 30),
                        l.tier,
                        l.reports_done,
                        l.reports_quota
                    )),
                ])
            })
            .collect()
    };
    let title = format!(" Status reports overdue ({}) ", late.len());
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}

fn upgrades_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let n = app.settings.tariffs.upgrade_after_months;
    let upgrades = app.customers.upgrades(n);
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = if upgrades.is_empty() {
        vec![Line::styled(format!("  No customer has had overage {n} months running."), theme.dim())]
    } else {
        upgrades
            .iter()
            .take(rows)
            .map(|(l, to, months)| {
                let span = match (months.first(), months.last()) {
                    (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                    (Some(a), _) => a.to_string(),
                    _ => String::new(),
                };
                let tariffs = &app.settings.tariffs;
                Line::from(vec![
                    Span::styled(
                        format!("▲ {:<16} ", format!("{} → {}", tariffs.label(l.tier), tariffs.label(*to))),
                        theme.warn(),
                    ),
                    Span::raw(format!("{:<22} overage {span}", fit(&l.customer.name, 22))),
                ])
            })
            .collect()
    };
    let title = format!(" Upgrade suggested ({}) ", upgrades.len());
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}

fn timers_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let lines: Vec<Line> = if b.timers.is_empty() {
        vec![Line::styled("  No timers running.", theme.dim())]
    } else {
        b.timers
            .iter()
            .map(|t| {
                let forgotten = crate::domain::worktime::timer_forgotten(
                    t.started_at,
                    app.now,
                    app.settings.app.forgotten_timer_hours,
                );
                let text = format!(
                    "{:<8} {} #{} {}",
                    fit(&t.technician, 8),
                    elapsed(app.now - t.started_at),
                    t.ticket_number,
                    t.ticket_title
                );
                if forgotten {
                    Line::from(vec![Span::styled("! forgotten? ", theme.error()), Span::raw(text)])
                } else {
                    Line::from(vec![Span::styled("⏱ ", theme.timer()), Span::raw(text)])
                }
            })
            .collect()
    };
    let title = format!(" Running timers ({}) ", b.timers.len());
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}

fn load_box(frame: &mut Frame, area: Rect, b: &BoardState, theme: &Theme) {
    let mut load: Vec<_> = b.load.iter().collect();
    load.sort_by(|a, b| b.1.open.cmp(&a.1.open).then(a.0.cmp(b.0)));
    let body: Vec<Row> = load
        .into_iter()
        .map(|(who, l)| {
            Row::new(vec![
                Cell::from(who.clone().unwrap_or_else(|| "(unassigned)".into())),
                Cell::from(Line::from(l.open.to_string()).right_aligned()),
                Cell::from(Line::from(l.breached.to_string()).right_aligned()).style(if l.breached > 0 {
                    theme.error()
                } else {
                    Style::new()
                }),
                Cell::from(Line::from(l.at_risk.to_string()).right_aligned()).style(if l.at_risk > 0 {
                    theme.warn()
                } else {
                    Style::new()
                }),
            ])
        })
        .collect();
    let table =
        Table::new(body, [Constraint::Fill(1), Constraint::Length(5), Constraint::Length(8), Constraint::Length(7)])
            .header(Row::new(vec!["Open load", "open", "breached", "at risk"]).style(theme.header()))
            .block(Block::bordered().title(Line::styled(" Open load per technician ", theme.title())));
    frame.render_widget(table, area);
}

fn prepaid_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let near: Vec<_> = app.customers.lines.iter().filter(|l| l.near_prepaid()).collect();
    let rows = usize::from(area.height.saturating_sub(2));
    let progress = app.customers.progress(app.customer_count.max(0) as usize);
    let lines: Vec<Line> = if near.is_empty() && progress.is_some() {
        vec![Line::styled("  Summarising customers…", theme.dim())]
    } else if near.is_empty() {
        vec![Line::styled("  Every customer is well within prepaid minutes.", theme.good())]
    } else {
        near.iter()
            .take(rows)
            .map(|l| {
                let state = if l.overage_minutes > 0 {
                    format!("over +{}", format_minutes(i64::from(l.overage_minutes)))
                } else {
                    format!("near {}", gauge(l, 8))
                };
                Line::from(vec![
                    Span::raw(format!("{:<18} ", fit(&l.customer.name, 18))),
                    Span::styled(state, gauge_style(l, theme)),
                ])
            })
            .collect()
    };
    let title = match progress {
        Some((done, total)) => format!(" Near or over prepaid ({}, {done} of {total} summarised) ", near.len()),
        None => format!(" Near or over prepaid ({}) ", near.len()),
    };
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}

/// The board's right column needs this many rows for the compliance chart.
const CHART_FROM_HEIGHT: u16 = 30;

fn compliance_box(frame: &mut Frame, area: Rect, b: &BoardState, theme: &Theme) {
    let title = if b.reading() { " SLA compliance this month (counting…) " } else { " SLA compliance this month " };
    let lines: Vec<Line> = b
        .compliance
        .this_month
        .iter()
        .map(|c| {
            let (pct, style) = match c.percent() {
                Some(p) if p >= 95 => (format!("{p:>3} %"), theme.good()),
                Some(p) if p >= 80 => (format!("{p:>3} %"), theme.warn()),
                Some(p) => (format!("{p:>3} %"), theme.error()),
                None => ("  — ".to_string(), theme.dim()),
            };
            Line::from(vec![
                Span::raw(format!("  {:<9}", c.tier.as_str())),
                Span::styled(pct, style),
                Span::styled(format!("  met {} of {} due", c.met, c.due), theme.dim()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme.title()))), area);
}
