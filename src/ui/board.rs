//! The team lead board: breached and at-risk tickets (selectable), promises past their date, running
//! timers (forgotten ones flagged), open load per technician, customers near or over their prepaid
//! minutes, customers with overage months running (upgrade suggestions), and SLA compliance per tier:
//! a chart of the last twelve months when the terminal has the rows for it (40), else this month's
//! figures as text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::Theme;
use super::customers::{gauge, gauge_style};
use super::format::{LEFT_WIDTH, elapsed, fit, left_cell, number_width, when};
use crate::app::App;
use crate::app::board::{Panel, PanelLens};
use crate::app::queue::{Item, scrolled};
use crate::domain::sla::SlaState;
use crate::t;

fn item<'a>(app: &'a App, id: &str) -> Option<&'a Item> {
    app.queue.items.iter().find(|i| i.ticket.id == id)
}

/// The board's panels and where each goes: in each column the panels are given rows in order of
/// importance (the focused one first): first a title line each, then their smallest useful height,
/// then what their content wants; rows left over go to the column's main list. A panel that got only
/// its title line shows as `▸ Title (n)`: `→` focuses it, and a focused panel always gets its rows.
fn layout(app: &App, area: Rect) -> Vec<(Panel, Rect)> {
    let lens = PanelLens::of(app).0;
    let [left, right] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area);
    let want = |p: Panel| -> (u16, u16) {
        let n = lens[p as usize] as u16;
        match p {
            Panel::Urgent | Panel::Load => (4, n.max(1) + 3),
            Panel::Compliance if right.height >= CHART_FROM_HEIGHT => (3, 13),
            _ => (3, n.max(1) + 2),
        }
    };
    let focus = app.board.panel;
    let mut out = Vec::new();
    // (column, panels in visual order, panels by importance, the panel that takes what is left)
    let columns = [
        (left, [Panel::Urgent, Panel::Overdue, Panel::Reports, Panel::Upgrades], Panel::Urgent),
        (right, [Panel::Timers, Panel::Load, Panel::Prepaid, Panel::Compliance], Panel::Prepaid),
    ];
    let importance = |p: Panel| match p {
        Panel::Urgent | Panel::Timers => 0,
        Panel::Overdue | Panel::Load => 1,
        Panel::Reports | Panel::Prepaid => 2,
        Panel::Upgrades | Panel::Compliance => 3,
    };
    for (col, panels, fill) in columns {
        let mut order: Vec<usize> = (0..panels.len()).collect();
        order.sort_by_key(|&i| (panels[i] != focus, importance(panels[i])));
        let mut h = [0u16; 4];
        let mut left_rows = col.height;
        for &i in &order {
            if left_rows > 0 {
                h[i] = 1;
                left_rows -= 1;
            }
        }
        for &i in &order {
            let extra = want(panels[i]).0 - 1;
            if h[i] == 1 && left_rows >= extra {
                h[i] += extra;
                left_rows -= extra;
            }
        }
        for &i in &order {
            if h[i] > 1 {
                let extra = want(panels[i]).1.saturating_sub(h[i]).min(left_rows);
                h[i] += extra;
                left_rows -= extra;
            }
        }
        if let Some(i) = panels.iter().position(|p| *p == fill)
            && h[i] > 1
        {
            h[i] += left_rows;
        }
        let rects = Layout::vertical(h.map(Constraint::Length)).split(col);
        out.extend(panels.iter().zip(rects.iter()).map(|(p, r)| (*p, *r)));
    }
    out
}

fn rect_of(layout: &[(Panel, Rect)], panel: Panel) -> Rect {
    layout.iter().find(|(p, _)| *p == panel).map_or_else(Rect::default, |(_, r)| *r)
}

/// The table of breached and at-risk tickets: its area and the first row it shows.
pub fn urgent_window(app: &App, area: Rect) -> (Rect, usize) {
    let urgent = rect_of(&layout(app, area), Panel::Urgent);
    let b = &app.board;
    let rows = usize::from(urgent.height.saturating_sub(3)).max(1);
    (urgent, scrolled(b.offset, b.selected, rows, b.urgent.len()))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    for (panel, rect) in layout(app, area) {
        if rect.height == 0 {
            continue;
        }
        if rect.height < 3 {
            let n = PanelLens::of(app).0[panel as usize];
            let style = if panel == b.panel { theme.key() } else { theme.dim() };
            frame.render_widget(
                Line::styled(format!("▸ {} ({n}) — {}", panel_name(panel), t!("board-arrow-shows")), style),
                rect,
            );
            continue;
        }
        match panel {
            Panel::Urgent => urgent_table(frame, rect, app, theme),
            Panel::Overdue => overdue_list(frame, rect, app, theme),
            Panel::Reports => reports_box(frame, rect, app, theme),
            Panel::Upgrades => upgrades_box(frame, rect, app, theme),
            Panel::Timers => timers_box(frame, rect, app, theme),
            Panel::Load => load_box(frame, rect, app, theme),
            Panel::Prepaid => prepaid_box(frame, rect, app, theme),
            Panel::Compliance if rect.height >= 13 => {
                let title = if b.reading() { t!("board-compliance-12-counting") } else { t!("board-compliance-12") };
                super::charts::compliance(frame, rect, &b.compliance.history, theme, &title, |t| {
                    super::format::tier(&app.settings, t).to_string()
                });
            }
            Panel::Compliance => compliance_box(frame, rect, app, theme),
        }
    }
}

/// A panel's lines cut to its inner width, each ending with `…` where it was cut.
fn fitted(lines: Vec<Line<'_>>, area: Rect) -> Vec<Line<'_>> {
    let width = usize::from(area.width.saturating_sub(2));
    lines.into_iter().map(|l| super::format::fit_line(l, width)).collect()
}

fn panel_name(p: Panel) -> String {
    t!(match p {
        Panel::Urgent => "board-urgent",
        Panel::Overdue => "board-overdue",
        Panel::Reports => "board-reports",
        Panel::Upgrades => "board-upgrades",
        Panel::Timers => "board-timers",
        Panel::Load => "board-load",
        Panel::Prepaid => "board-prepaid",
        Panel::Compliance => "board-compliance",
    })
}

/// A panel's block: its title with the count, which rows show when it does not show them all, and a
/// marker when it has the keys.
/// A narrow panel (80 columns) takes the short title when the long one would not fit.
fn panel_block<'a>(
    app: &App,
    panel: Panel,
    titles: (String, String),
    shown: (usize, usize, usize),
    area: Rect,
    theme: &Theme,
) -> Block<'a> {
    let (first, count, len) = shown;
    let range =
        if count < len && count > 0 { format!(" {}–{}/{len}", first + 1, first + count) } else { String::new() };
    let focused = app.board.panel == panel;
    let marker = if focused { "▶" } else { "" };
    let style = if focused { theme.key() } else { theme.title() };
    let long = format!("{marker} {}{range} ", titles.0);
    let text = if unicode_width::UnicodeWidthStr::width(long.as_str()) + 2 <= usize::from(area.width) {
        long
    } else {
        let n = if len > 0 { format!(" ({len})") } else { String::new() };
        format!("{marker} {}{}{range} ", titles.1, if range.is_empty() { n } else { String::new() })
    };
    Block::bordered().title(Line::styled(text, style))
}

/// The first row to show of `len` in `rows`, from the panel's scroll.
fn first_row(app: &App, panel: Panel, len: usize, rows: usize) -> usize {
    app.board.scroll[panel as usize].min(len.saturating_sub(rows))
}

fn urgent_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = scrolled(b.offset, b.selected, rows, b.urgent.len());
    let title = format!("{} ({})", panel_name(Panel::Urgent), b.urgent.len());
    let block = panel_block(
        app,
        Panel::Urgent,
        (title, t!("board-urgent-short")),
        (offset, rows.min(b.urgent.len() - offset.min(b.urgent.len())), b.urgent.len()),
        area,
        theme,
    );
    if b.urgent.is_empty() {
        frame.render_widget(
            Paragraph::new(format!("  {}", t!("board-urgent-none"))).style(theme.good()).block(block),
            area,
        );
        return;
    }
    // Narrow (80 columns): the state shrinks to its symbol and the assignee goes (the load panel has
    // it), so the title keeps a few words.
    let narrow = area.width < 60;
    let shown: Vec<&Item> = b.urgent.iter().skip(offset).take(rows).filter_map(|id| item(app, id)).collect();
    let num_w = number_width(shown.iter().map(|i| i.ticket.number.as_str()));
    // The state column is as wide as its longest word in the reader's language (10 in English).
    // (`late answer` only widens it when a breach answered late is on screen.)
    let state_w = [SlaState::Breached, SlaState::AtRisk]
        .map(|s| (s, false))
        .into_iter()
        .chain(shown.iter().map(|i| (i.sla.state, i.ticket.first_response_at.is_some())))
        .map(|(s, a)| 2 + unicode_width::UnicodeWidthStr::width(crate::i18n::words::sla_word(s, a).as_str()))
        .max()
        .unwrap_or(10);
    let (sla_w, cust_w, who_w) = if narrow { (2, 8, 0) } else { (state_w, 14, 10) };
    let gaps = if narrow { 4 } else { 5 };
    // One column less: the selection marker `›`.
    let title_w = usize::from(area.width).saturating_sub(3 + sla_w + num_w + cust_w + who_w + 9 + gaps).max(4);
    let body: Vec<Row> = shown
        .into_iter()
        .map(|i| {
            let style = theme.state(i.sla.state);
            let sla = if narrow {
                Theme::symbol(i.sla.state).to_string()
            } else {
                let answered = i.ticket.first_response_at.is_some();
                format!("{} {}", Theme::symbol(i.sla.state), crate::i18n::words::sla_word(i.sla.state, answered))
            };
            let mut cells = vec![
                Cell::from(sla).style(style),
                Cell::from(i.ticket.number.clone()),
                Cell::from(fit(&i.ticket.customer_name, cust_w)),
                Cell::from(fit(&i.ticket.title, title_w)),
            ];
            if !narrow {
                cells.push(Cell::from(fit(i.ticket.assignee.as_deref().unwrap_or("—"), who_w)));
            }
            cells.push(Cell::from(Line::from(left_cell(&i.sla)).right_aligned()).style(style));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(sla_w as u16),
        Constraint::Length(num_w as u16),
        Constraint::Length(cust_w as u16),
        Constraint::Fill(1),
    ];
    let sla = if narrow { String::new() } else { t!("col-sla") };
    let mut header = vec![sla, "#".to_string(), t!("col-customer"), t!("col-title")];
    if !narrow {
        widths.push(Constraint::Length(who_w as u16));
        header.push(t!("col-assignee"));
    }
    widths.push(Constraint::Length(LEFT_WIDTH as u16));
    header.push(t!("col-left"));
    let header = Row::new(header).style(theme.header());
    let table = Table::new(body, widths).header(header);
    super::selectable_table(frame, area, table, block, b.selected - offset, theme);
}

fn overdue_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Overdue, b.overdue.len(), rows);
    let lines: Vec<Line> = if b.overdue.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-overdue-none")), theme.good())]
    } else {
        b.overdue
            .iter()
            .skip(first)
            .filter_map(|id| item(app, id))
            .take(rows)
            .map(|i| {
                let by = i.ticket.resolve_by.map_or(String::new(), |r| when(&app.settings, r, app.now));
                Line::from(vec![
                    Span::styled(
                        format!("✖ {} ", t!("board-promised", by = super::format::pad(&by, 12))),
                        theme.error(),
                    ),
                    Span::raw(format!(
                        "#{} {} — {}",
                        i.ticket.number,
                        fit(&i.ticket.title, 40),
                        i.ticket.assignee.clone().unwrap_or_else(|| t!("ticket-unassigned"))
                    )),
                ])
            })
            .collect()
    };
    let title = format!("{} ({})", panel_name(Panel::Overdue), b.overdue.len());
    let block = panel_block(
        app,
        Panel::Overdue,
        (title, t!("board-overdue-short")),
        (first, lines.len(), b.overdue.len()),
        area,
        theme,
    );
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

fn reports_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
                        tier = super::format::tier(&app.settings, l.tier),
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

fn upgrades_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let n = app.settings.tariffs.upgrade_after_months;
    let upgrades = app.customers.upgrades(n);
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Upgrades, upgrades.len(), rows);
    let lines: Vec<Line> = if upgrades.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-upgrades-none", months = n)), theme.dim())]
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
                        super::format::pad(&fit(&l.customer.name, 22), 22),
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

fn timers_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
                    super::format::pad(&fit(&crate::i18n::words::person(&t.technician), 8), 8),
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

fn load_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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

fn prepaid_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let near: Vec<_> = app.customers.in_use().filter(|l| l.near_prepaid()).collect();
    let rows = usize::from(area.height.saturating_sub(2));
    let first = first_row(app, Panel::Prepaid, near.len(), rows);
    let progress = app.customers.progress(app.customer_count.max(0) as usize);
    let lines: Vec<Line> = if near.is_empty() && progress.is_some() {
        vec![Line::styled(format!("  {}", t!("board-prepaid-summarising")), theme.dim())]
    } else if near.is_empty() {
        vec![Line::styled(format!("  {}", t!("board-prepaid-none")), theme.good())]
    } else {
        let state_of = |l: &crate::app::customers::CustomerLine| {
            if l.overage_minutes > 0 {
                t!("board-prepaid-over", overage = crate::i18n::words::minutes_short(i64::from(l.overage_minutes)))
            } else if area.width < 50 {
                t!(
                    "board-prepaid-near-of",
                    used = crate::i18n::words::minutes_short(i64::from(l.used)),
                    prepaid = crate::i18n::words::minutes_short(i64::from(l.prepaid))
                )
            } else {
                t!("board-prepaid-near", gauge = gauge(l, 8))
            }
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
                    Span::raw(format!("{} ", super::format::pad(&fit(&l.customer.name, name_w), name_w))),
                    Span::styled(state, gauge_style(l, theme)),
                ])
            })
            .collect()
    };
    let title = match progress {
        Some((done, total)) => format!(
            "{} ({}, {})",
            panel_name(Panel::Prepaid),
            near.len(),
            t!("board-prepaid-progress", done = done, total = total)
        ),
        None => format!("{} ({})", panel_name(Panel::Prepaid), near.len()),
    };
    let shown = (first, lines.len(), near.len());
    let block = panel_block(app, Panel::Prepaid, (title, t!("board-prepaid-short")), shown, area, theme);
    frame.render_widget(Paragraph::new(fitted(lines, area)).block(block), area);
}

/// The board's right column needs this many rows for the compliance chart.
const CHART_FROM_HEIGHT: u16 = 30;

/// A tier's met and due counts in `room` columns: `  met 3930 of 5114` where the words fit, else the
/// counts alone (`  3930/5114`), so a count is never cut.
fn met_of(met: usize, due: usize, room: usize) -> String {
    let words = format!("  {}", t!("board-compliance-met", met = met, due = due));
    if unicode_width::UnicodeWidthStr::width(words.as_str()) <= room { words } else { format!("  {met}/{due}") }
}

fn compliance_box(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
        .map(|c| unicode_width::UnicodeWidthStr::width(super::format::tier(&app.settings, c.tier)))
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
                Span::raw(format!(" {} ", super::format::pad(super::format::tier(&app.settings, c.tier), tier_w))),
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
