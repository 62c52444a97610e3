//! The queue table: only the rows in the visible window are built (the app keeps the window around the
//! selection), so drawing costs the same with 50 or 5,000 open tickets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::format::{LEFT_WIDTH, fit, left_cell, number_width, state_cell, tier, tier_width, when};
use super::{Theme, key_for};
use crate::app::queue::{ListSource, Sort, scrolled};
use crate::app::{App, Focus};
use crate::domain::sla::SlaState;
use crate::i18n::words;
use crate::keymap::{Command, Keymap};
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let q = &app.queue;
    let title = match &q.history {
        Some(h) => format!(
            " {} ",
            t!("queue-title-history", filter = q.describe(&app.settings.tariffs), count = h.items.len())
        ),
        None => {
            format!(
                " {} ",
                t!(
                    "queue-title",
                    filter = q.describe(&app.settings.tariffs),
                    shown = q.visible.len(),
                    count = q.items.len()
                )
            )
        }
    };
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    if q.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(empty_text(app, keymap, theme)).wrap(Wrap { trim: false }), inner);
        return;
    }
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = scrolled(q.offset(), q.selected_index(), rows, q.len());
    // Columns drop by priority as the terminal narrows: status first, then tier and the due time (the
    // countdown stays; the ticket shows its deadline), and customer and assignee shrink; the title
    // keeps at least a word.
    let wide = area.width >= 110;
    let narrow = area.width < 96;
    let (cust_w, who_w) = if narrow { (12, 8) } else { (14, 10) };
    let window = q.window(offset, rows);
    let num_w = number_width(window.iter().map(|i| i.ticket.number.as_str()));
    // The tier column fits the longest label in the reader's language (`bez smlouvy`).
    let tier_w = tier_width(&app.settings, 6);
    // Fixed columns (see `widths`) and the gaps between columns; the title gets the rest.
    let fixed = if wide {
        15 + num_w + 14 + tier_w + 10 + 8 + 9 + 13 + 8
    } else if narrow {
        15 + num_w + cust_w + who_w + 9 + 5
    } else {
        15 + num_w + 14 + tier_w + 10 + 9 + 13 + 7
    };
    // One column less: the selection marker `›` (see `selection`).
    let title_w = usize::from(area.width.saturating_sub(3)).saturating_sub(fixed).max(4);
    let now = app.now;
    let s = &app.settings;
    let body: Vec<Row> = window
        .into_iter()
        .map(|item| {
            let t = &item.ticket;
            let state_style = theme.state(item.sla.state);
            let due = match (item.sla.state, item.sla.deadline) {
                (SlaState::Met, _) => t.resolve_by.map(|r| format!("→{}", when(s, r, now))).unwrap_or_default(),
                (_, Some(d)) => when(s, d, now),
                (_, None) => String::new(),
            };
            let mut cells = vec![
                Cell::from(state_cell(s, &item.sla, t.first_response_at.is_some(), now)).style(state_style),
                Cell::from(t.number.clone()),
                Cell::from(fit(&t.customer_name, cust_w)),
            ];
            if !narrow {
                cells.push(Cell::from(tier(s, item.tier)));
            }
            let query = app.queue.search_query();
            cells.push(Cell::from(Line::from(super::format::marked(
                &fit(&t.title, title_w),
                query,
                ratatui::style::Style::new(),
                theme.mark(),
            ))));
            cells.push(Cell::from(fit(t.assignee.as_deref().unwrap_or("—"), who_w)));
            if wide {
                cells.push(Cell::from(words::status(t.status)));
            }
            cells.push(Cell::from(Line::from(left_cell(&item.sla)).right_aligned()).style(state_style));
            if !narrow {
                cells.push(Cell::from(due));
            }
            let row = Row::new(cells);
            // A breach still waiting for its answer is red from end to end; one answered late only in
            // its SLA and Left cells (nothing more can be done about its first response).
            if item.sla.state == SlaState::Breached && t.first_response_at.is_none() {
                row.style(state_style)
            } else {
                row
            }
        })
        .collect();
    // The column the queue is sorted by (when not by urgency) is marked `↓` in the header.
    let sorted =
        |label: String, by: Sort| if q.sort == by && q.history.is_none() { format!("{label}↓") } else { label };
    let mut widths = vec![Constraint::Length(15), Constraint::Length(num_w as u16), Constraint::Length(cust_w as u16)];
    let mut header =
        vec![t!("col-sla"), sorted("#".to_string(), Sort::Number), sorted(t!("col-customer"), Sort::Customer)];
    if !narrow {
        widths.push(Constraint::Length(tier_w as u16));
        header.push(t!("col-tier"));
    }
    widths.extend([Constraint::Fill(1), Constraint::Length(who_w as u16)]);
    header.extend([sorted(t!("col-title"), Sort::Title), sorted(t!("col-assignee"), Sort::Assignee)]);
    if wide {
        widths.push(Constraint::Length(8));
        header.push(t!("col-status"));
    }
    widths.push(Constraint::Length(LEFT_WIDTH as u16));
    header.push(t!("col-left"));
    if !narrow {
        widths.push(Constraint::Length(13));
        header.push(t!("col-due"));
    }
    let table = Table::new(body, widths).header(Row::new(header).style(theme.header()));
    super::selectable_table(frame, area, table, block, q.selected_index() - offset, theme);
}

fn empty_text(app: &App, keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    // A title, then what each key does from here.
    let notice = |title: String, hints: &[(Command, String)]| {
        let mut lines = vec![Line::raw(""), Line::styled(format!("  {title}"), theme.title()), Line::raw("")];
        lines.extend(hints.iter().map(|(c, text)| {
            let key = key_for(keymap, Focus::Queue, *c);
            Line::from(vec![Span::styled(format!("  {key:>5}  "), theme.key()), Span::raw(text.clone())])
        }));
        lines
    };
    if app.customer_count == 0 {
        let mut lines = notice(
            t!("empty-welcome"),
            &[
                (Command::NewCustomer, t!("empty-first-customer")),
                (Command::NewTicket, t!("empty-then-ticket")),
                (Command::Help, t!("empty-every-key")),
            ],
        );
        lines.extend([
            Line::raw(""),
            Line::raw(format!("  {}", t!("empty-demo"))),
            Line::styled("      helpdesk demo --db /tmp/demo.db && helpdesk --db /tmp/demo.db", theme.key()),
        ]);
        return lines;
    }
    if let Some(h) = &app.queue.history {
        let none = match &h.source {
            ListSource::Customer(c) => t!("empty-customer-no-tickets", name = fit(&c.name, 60)),
            ListSource::Search(q) => t!("empty-search-nothing", query = fit(q, 50)),
        };
        return notice(
            none,
            &[(Command::NewTicket, t!("empty-open-ticket")), (Command::Back, t!("empty-back-to-open"))],
        );
    }
    if app.queue.items.is_empty() {
        return notice(
            t!("empty-no-open"),
            &[(Command::NewTicket, t!("empty-open-ticket")), (Command::NextView, t!("empty-see-views"))],
        );
    }
    notice(
        t!("empty-no-match", filter = fit(&app.queue.describe(&app.settings.tariffs), 60)),
        &[(Command::FilterAll, t!("empty-show-all")), (Command::Search, t!("empty-search-again"))],
    )
}
