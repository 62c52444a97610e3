//! The board's ticket panels: breached and at-risk tickets (a table), promises past their date.

use super::{first_row, fitted, item, panel_block, panel_name};
use crate::app::App;
use crate::app::board::Panel;
use crate::app::queue::{Item, scrolled};
use crate::domain::sla::SlaState;
use crate::t;
use crate::ui::Theme;
use crate::ui::format::{LEFT_WIDTH, fit, left_cell, number_width, when};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

pub(super) fn urgent_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
    crate::ui::selectable_table(frame, area, table, block, b.selected - offset, theme);
}

pub(super) fn overdue_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
                        format!("✖ {} ", t!("board-promised", by = crate::ui::format::pad(&by, 12))),
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
