//! The board's other panels: late reports, upgrade suggestions, running timers, load per technician, prepaid minutes and SLA compliance.

use super::{first_row, fitted, panel_block, panel_name};
use crate::app::App;
use crate::app::board::Panel;
use crate::t;
use crate::ui::Theme;
use crate::ui::customers::{gauge, gauge_style};
use crate::ui::format::{elapsed, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

pub(super) fn reports_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let late: Vec<_> = app.customers.in_use().filter(|l| l.reports_overdue > 0).collect();
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Reports, late.len(), rows);
    let lines: Vec<Line> = if late.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-reports-none")), theme.good())]
    } else {
        late.iter()
            .skip(first)
            .take(rows)
            .map(|l| {
                Line::from(vec![
                    Span::styled(
                        format!("✖ {} ", t!("board-reports-overdue", count = l.reports_overdue)),
                        theme.error(),
                    ),
                    Span::raw(t!(
                        "board-reports-line",
                        name = fit(&l.customer.name, 30),
                        tier = crate::ui::format::tier(&app.settings, l.tier),
                        done = l.reports_done,
                        quota = l.reports_quota
                    )),
                ])
            })
            .collect()
    };
    let title = format!("{} ({})", panel_name(Panel::Reports), late.len());
    let block = panel_block(
        app,
        Panel::Reports,
        (title, t!("board-reports-short")),
        (first, lines.len(), late.len()),
        area,
        theme,
    );
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

pub(super) fn upgrades_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let n = app.settings.tariffs.upgrade_after_months;
    let upgrades = app.customers.upgrades(n);
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Upgrades, upgrades.len(), rows);
    let lines: Vec<Line> = if upgrades.is_empty() {
        // Names the months looked at: this one and the last complete one (bb8 #5).
        let (last, month) =
            app.customers.month.map_or((String::new(), String::new()), |m| (m.prev().to_string(), m.to_string()));
        vec![Line::styled(
            format!("  {}", t!("board-upgrades-none", months = n, last = last, month = month)),
            theme.dim(),
        )]
    } else {
        upgrades
            .iter()
            .skip(first)
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
                        format!(
                            "▲ {:<16} ",
                            format!(
                                "{} → {}",
                                crate::i18n::words::tier(tariffs, l.tier),
                                crate::i18n::words::tier(tariffs, *to)
                            )
                        ),
                        theme.warn(),
                    ),
                    Span::raw(format!(
                        "{} {}",
                        crate::ui::format::pad(&fit(&l.customer.name, 22), 22),
                        t!("board-upgrade-overage", months = span)
                    )),
                ])
            })
            .collect()
    };
    let title = format!("{} ({})", panel_name(Panel::Upgrades), upgrades.len());
    let shown = (first, lines.len(), upgrades.len());
    let block = panel_block(app, Panel::Upgrades, (title, t!("board-upgrades-short")), shown, area, theme);
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

pub(super) fn timers_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Timers, b.timers.len(), rows);
    let lines: Vec<Line> = if b.timers.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-timers-none")), theme.dim())]
    } else {
        b.timers
            .iter()
            .skip(first)
            .take(rows)
            .map(|t| {
                let forgotten = crate::domain::worktime::timer_forgotten(
                    t.started_at,
                    app.now,
                    app.settings.app.forgotten_timer_hours,
                );
                let who = format!(
                    "{} {}",
                    crate::ui::format::pad(&fit(&crate::i18n::words::person(&t.technician), 8), 8),
                    elapsed(app.now - t.started_at)
                );
                let text = format!("{who} #{} {}", t.ticket_number, t.ticket_title);
                if forgotten {
                    // Who and how long first, then the question: in a narrow panel the title gives way.
                    Line::from(vec![
                        Span::styled(format!("! {who} {} ", t!("status-timer-forgotten")), theme.error()),
                        Span::raw(format!("#{} {}", t.ticket_number, t.ticket_title)),
                    ])
                } else {
                    Line::from(vec![Span::styled("⏱ ", theme.timer()), Span::raw(text)])
                }
            })
            .collect()
    };
    let title = format!("{} ({})", panel_name(Panel::Timers), b.timers.len());
    let shown = (first, lines.len(), b.timers.len());
    let block = panel_block(app, Panel::Timers, (title, t!("board-timers-short")), shown, area, theme);
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

pub(super) fn load_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let mut load: Vec<_> = b.load.iter().collect();
    // Busiest first; names in the reader's order (Czech collation in Czech, as they were in English).
    let order = crate::i18n::name_order();
    load.sort_by(|a, b| {
        let names = match order {
            crate::domain::collation::NameOrder::Czech => {
                let key = |n: &Option<String>| n.as_deref().map(|n| order.key(n));
                key(a.0).cmp(&key(b.0))
            }
            crate::domain::collation::NameOrder::Folded => a.0.cmp(b.0),
        };
        b.1.open.cmp(&a.1.open).then(names)
    });
    let rows = usize::from(area.height.saturating_sub(3));
    let len = load.len();
    let first = first_row(app, Panel::Load, len, rows);
    let body: Vec<Row> = load
        .into_iter()
        .skip(first)
        .take(rows)
        .map(|(who, l)| {
            Row::new(vec![
                Cell::from(who.clone().unwrap_or_else(|| format!("({})", t!("ticket-unassigned")))),
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
    let block = panel_block(
        app,
        Panel::Load,
        (panel_name(Panel::Load), t!("board-load-short")),
        (first, body.len(), len),
        area,
        theme,
    );
    let table = if area.width < 50 {
        // Narrow: the state symbols head the counts.
        let open_w = unicode_width::UnicodeWidthStr::width(t!("board-col-open").as_str()).max(4) as u16;
        Table::new(
            body,
            [Constraint::Fill(1), Constraint::Length(open_w), Constraint::Length(3), Constraint::Length(3)],
        )
        .header(
            Row::new(vec![t!("board-col-technician"), t!("board-col-open"), "✖".into(), "▲".into()])
                .style(theme.header()),
        )
    } else {
        Table::new(body, [Constraint::Fill(1), Constraint::Length(5), Constraint::Length(8), Constraint::Length(7)])
            .header(
                Row::new(vec![
                    t!("board-col-technician"),
                    t!("board-col-open"),
                    t!("board-col-breached"),
                    t!("board-col-at-risk"),
                ])
                .style(theme.header()),
            )
    }
    .block(block);
    frame.render_widget(table, area);
}

pub(super) fn prepaid_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Running timers' minutes count as used, marked `⏱` (bb8 #8).
    let running = |l: &crate::app::customers::CustomerLine| app.board.running_of(&l.customer.id);
    let near: Vec<_> = app.customers.in_use().filter(|l| l.near_prepaid_with(running(l))).collect();
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Prepaid, near.len(), rows);
    let progress = app.customers.progress(app.customers.listed_of(app.customer_count, app.archived_customers));
    let lines: Vec<Line> = if near.is_empty() && progress.is_some() {
        vec![Line::styled(format!("  {}", t!("board-prepaid-summarising")), theme.dim())]
    } else if near.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-prepaid-none")), theme.good())]
    } else {
        let state_booked = |l: &crate::app::customers::CustomerLine, r: u32, width: u16| {
            let over = l.over_with(r);
            if over > 0 {
                t!("board-prepaid-over", overage = crate::i18n::words::minutes_short(i64::from(over)))
            } else if width < 50 {
                t!(
                    "board-prepaid-near-of",
                    used = crate::i18n::words::minutes_short(i64::from(l.used.saturating_add(r))),
                    prepaid = crate::i18n::words::minutes_short(i64::from(l.prepaid))
                )
            } else {
                t!("board-prepaid-near", gauge = gauge(l, 8))
            }
        };
        let state_of = |l: &crate::app::customers::CustomerLine| {
            let r = running(l);
            let said = state_booked(l, r, area.width);
            if r > 0 { format!("{said} ⏱") } else { said }
        };
        let shown: Vec<(&crate::app::customers::CustomerLine, String)> =
            near.iter().skip(first).take(rows).map(|l| (*l, state_of(l))).collect();
        // The names give way to the figures (`přečerpáno +164h 30m` is never cut), down to 6 columns.
        let state_w = shown.iter().map(|(_, s)| unicode_width::UnicodeWidthStr::width(s.as_str())).max().unwrap_or(0);
        let longest = shown
            .iter()
            .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.customer.name.as_str()))
            .max()
            .unwrap_or(0);
        let name_w = usize::from(area.width).saturating_sub(2 + 1 + state_w).min(longest.min(32)).max(6);
        shown
            .into_iter()
            .map(|(l, state)| {
                Line::from(vec![
                    Span::raw(format!("{} ", crate::ui::format::pad(&fit(&l.customer.name, name_w), name_w))),
                    Span::styled(state, gauge_style(l, theme)),
                ])
            })
            .collect()
    };
    // The month the figures are of, named (bb8 #14: on the 1st they are never last month's unnamed).
    let name = match app.customers.month {
        Some(m) => format!("{} {m}", panel_name(Panel::Prepaid)),
        None => panel_name(Panel::Prepaid),
    };
    let title = match progress {
        Some((done, total)) => {
            format!("{name} ({}, {})", near.len(), t!("board-prepaid-progress", done = done, total = total))
        }
        None => format!("{name} ({})", near.len()),
    };
    let shown = (first, lines.len(), near.len());
    let block = panel_block(app, Panel::Prepaid, (title, t!("board-prepaid-short")), shown, area, theme);
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

/// The board's right column needs this many rows for the compliance chart.
pub(super) const CHART_FROM_HEIGHT: u16 = 30;

/// A tier's met and due counts in `room` columns: `  met 3930 of 5114` where the words fit, else the
/// counts alone (`  3930/5114`), so a count is never cut.
fn met_of(met: usize, due: usize, room: usize) -> String {
    let words = format!("  {}", t!("board-compliance-met", met = met, due = due));
    if unicode_width::UnicodeWidthStr::width(words.as_str()) <= room { words } else { format!("  {met}/{due}") }
}

pub(super) fn compliance_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let title = if b.reading() { t!("board-compliance-counting") } else { panel_name(Panel::Compliance) };
    let rows = usize::from(area.height.saturating_sub(2));
    let len = b.compliance.this_month.len();
    let first = first_row(app, Panel::Compliance, len, rows);
    // As wide as the longest label listed (only contracted tiers have an SLA to meet).
    let tier_w = b
        .compliance
        .this_month
        .iter()
        .map(|c| unicode_width::UnicodeWidthStr::width(crate::ui::format::tier(&app.settings, c.tier)))
        .max()
        .unwrap_or(0);
    let inner = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = b
        .compliance
        .this_month
        .iter()
        .skip(first)
        .take(rows)
        .map(|c| {
            let (pct, style) = match c.percent() {
                Some(p) if p >= 95 => (format!("{p:>3} %"), theme.good()),
                Some(p) if p >= 80 => (format!("{p:>3} %"), theme.warn()),
                Some(p) => (format!("{p:>3} %"), theme.error()),
                None => ("  — ".to_string(), theme.dim()),
            };
            Line::from(vec![
                Span::raw(format!(
                    " {} ",
                    crate::ui::format::pad(crate::ui::format::tier(&app.settings, c.tier), tier_w)
                )),
                Span::styled(pct, style),
                Span::styled(met_of(c.met, c.due, inner.saturating_sub(tier_w + 7)), theme.dim()),
            ])
        })
        .collect();
    let block = panel_block(
        app,
        Panel::Compliance,
        (title, t!("board-compliance-short")),
        (first, lines.len(), len),
        area,
        theme,
    );
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};

    #[test]
    fn compliance_counts_drop_their_words_rather_than_be_cut() {
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(met_of(12, 24, 20), "  12 z 24 včas");
        assert_eq!(met_of(3930, 5114, 12), "  3930/5114");
        let _en = Scoped::new(Language::English);
        assert_eq!(met_of(3930, 5114, 40), "  met 3930 of 5114");
    }
}
