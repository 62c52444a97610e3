//! The team lead board: breached and at-risk tickets (selectable), promises past their date, running
//! timers (forgotten ones flagged), open load per technician, customers near or over their prepaid
//! minutes, customers with overage months running (upgrade suggestions), and SLA compliance per tier:
//! a chart of the last twelve months when the terminal has the rows for it (40), else this month's
//! figures as text.

mod panels;
mod tickets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

use self::panels::{CHART_FROM_HEIGHT, compliance_box, load_box, prepaid_box, reports_box, timers_box, upgrades_box};
use self::tickets::{overdue_list, urgent_table};
use super::Theme;
use crate::app::App;
use crate::app::board::{Panel, PanelLens};
use crate::app::queue::{Item, scrolled};
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
