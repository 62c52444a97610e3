//! Customers with this month's prepaid gauge, overage, open tickets, yearly allowances and the upgrade
//! suggestion. The gauge is text (`█████░░░`), so it prints in any terminal and reads without colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::{Theme, key_for};
use crate::app::customers::CustomerLine;
use crate::app::queue::scrolled;
use crate::app::{App, Focus};
use crate::domain::money::human;
use crate::domain::worktime::format_minutes;
use crate::keymap::{Command, Keymap};

/// `█████░░░ 45m/60m` (over: `████████ +30m`).
pub fn gauge(line: &CustomerLine, width: usize) -> String {
    let Some(r) = line.used_ratio() else { return "no prepaid minutes".into() };
    let full = (r * width as f64).round() as usize;
    let bar: String = "█".repeat(full) + &"░".repeat(width - full.min(width));
    format!("{bar} {}/{}", format_minutes(i64::from(line.used)), format_minutes(i64::from(line.prepaid)))
}

pub fn gauge_style(line: &CustomerLine, theme: &Theme) -> Style {
    if line.overage_minutes > 0 {
        theme.error()
    } else if line.near_prepaid() {
        theme.warn()
    } else {
        theme.good()
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let c = &app.customers;
    let month = c.month.map_or(String::new(), |m| m.to_string());
    let more = match c.progress(app.customer_count.max(0) as usize) {
        Some((done, total)) => format!(", summarising {done} of {total}…"),
        None => String::new(),
    };
    let title = format!(" Customers — {month} ({}{more}) ", app.customer_count);
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    if c.lines.is_empty() {
        let k = key_for(keymap, Focus::Customers, Command::NewCustomer);
        let text = vec![
            Line::raw(""),
            Line::from(vec![Span::raw("  No customers yet. "), Span::styled(k, theme.key()), Span::raw(" adds one.")]),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = scrolled(c.offset, c.selected, rows, c.lines.len());
    let cur = &app.settings.tariffs.currency;
    let body: Vec<Row> = c
        .lines
        .iter()
        .skip(offset)
        .take(rows)
        .map(|l| {
            let overage = if l.overage_minutes > 0 {
                format!("{} · {}", format_minutes(i64::from(l.overage_minutes)), human(l.overage_amount, cur))
            } else {
                "—".into()
            };
            let consult = if l.consultations_quota > 0 {
                format!("{}/{}", l.consultations_used, l.consultations_quota)
            } else {
                "—".into()
            };
            let reports = match (l.reports_quota, l.reports_overdue) {
                (0, _) => "—".to_string(),
                (q, 0) => format!("{}/{q}", l.reports_done),
                (q, n) => format!("{}/{q} ✖{n}", l.reports_done),
            };
            let upgrade = l.upgrade_to.map_or(String::new(), |t| format!("▲ to {t}"));
            Row::new(vec![
                Cell::from(super::format::fit(&l.customer.name, usize::from(area.width).saturating_sub(2 + 96).max(8))),
                Cell::from(l.tier.as_str()),
                Cell::from(gauge(l, 10)).style(gauge_style(l, theme)),
                Cell::from(if l.prepaid > 0 { format_minutes(i64::from(l.left)) } else { "—".into() }),
                Cell::from(overage).style(if l.overage_minutes > 0 { theme.error() } else { Style::new() }),
                Cell::from(Line::from(l.open_tickets.to_string()).right_aligned()),
                Cell::from(consult),
                Cell::from(reports).style(if l.reports_overdue > 0 { theme.error() } else { Style::new() }),
                Cell::from(upgrade).style(theme.warn()),
            ])
        })
        .collect();
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(20),
        Constraint::Length(7),
        Constraint::Length(24),
        Constraint::Length(4),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(10),
    ];
    let header =
        Row::new(vec!["Customer", "Tier", "Prepaid used", "Left", "Overage", "Open", "Consult", "Reports", "Upgrade"])
            .style(theme.header());
    let table = Table::new(body, widths).header(header).row_highlight_style(theme.selected()).block(block);
    let mut state = TableState::default().with_selected(Some(c.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}
