//! A customer's month statement: every billing line with raw and rounded minutes (customers ask why
//! 7 minutes became 15) and its marks, then prepaid drawn and left, overage, fee and the totals beside
//! adjustments, corrections booked later and the upgrade suggestion. Money reads `1 234,50 Kč`. With
//! room for it (40 rows), a chart of the prepaid minutes used in the twelve months up to this one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};
use rust_decimal::Decimal;

use super::format::{fit, number_width};
use super::{Theme, key_for};
use crate::app::statement::StatementState;
use crate::app::{App, Focus};
use crate::domain::money::human;
use crate::i18n::words;
use crate::keymap::{Command, Keymap};
use crate::statements::StatementDoc;
use crate::t;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let Some(st) = &app.statement else { return };
    let k = |c| key_for(keymap, Focus::Statement, c);
    let steps =
        format!(" {} ", t!("statement-steps", keys = format!("{}/{}", k(Command::PrevMonth), k(Command::NextMonth))));
    let Some(d) = &st.doc else {
        let block = Block::bordered()
            .title(Line::styled(
                format!(
                    " {} ",
                    t!(
                        "statement-title",
                        month = crate::i18n::dates::statement_month(&st.month.to_string()),
                        customer = st.customer.name.as_str()
                    )
                ),
                theme.title(),
            ))
            .title_bottom(Line::styled(steps, theme.dim()));
        let text = vec![Line::raw(""), Line::raw(format!("  {}", t!("statement-nothing")))];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    // The notes beside the 42 columns of totals, inside their borders.
    let notes = notes(app, d, theme, usize::from(area.width.saturating_sub(42 + 2)));
    let bottom_h = (notes.len().max(7 + usize::from(!d.adjustments.is_empty())) as u16 + 2).min(area.height / 2);
    // The chart of the last twelve months where there is room for it (a 40-row terminal).
    let chart_h = if area.height >= CHART_FROM_HEIGHT { 11 } else { 0 };
    let [top, chart, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(chart_h), Constraint::Length(bottom_h)]).areas(area);
    lines_table(frame, top, app, st, d, &steps, theme);
    if chart_h > 0 {
        let title =
            format!(" {} ", t!("statement-chart-title", count = st.prepaid.len(), month = st.month.to_string()));
        super::charts::prepaid(frame, chart, &st.prepaid, theme, super::charts::titled(title, theme));
    }
    let [totals_area, notes_area] = Layout::horizontal([Constraint::Length(42), Constraint::Fill(1)]).areas(bottom);
    frame.render_widget(
        Paragraph::new(totals(app, d, theme))
            .block(Block::bordered().title(Line::styled(format!(" {} ", t!("statement-totals")), theme.title()))),
        totals_area,
    );
    let notes_w = usize::from(area.width.saturating_sub(42 + 2));
    let notes = fit_notes(notes, usize::from(bottom_h.saturating_sub(2)), notes_w, d, st, theme);
    frame.render_widget(
        Paragraph::new(notes)
            .block(Block::bordered().title(Line::styled(format!(" {} ", t!("statement-notes")), theme.title()))),
        notes_area,
    );
}

/// The notes' lines cut to `rows`: when they do not all fit, the last row says how many more lines
/// there are and where they are all listed (bb8 #7: a statement is where the lead checks that the
/// adjustments add up, and a cut list said nothing).
fn fit_notes<'a>(
    mut notes: Vec<Line<'a>>,
    rows: usize,
    width: usize,
    d: &StatementDoc,
    st: &StatementState,
    theme: &Theme,
) -> Vec<Line<'a>> {
    if notes.len() <= rows || rows == 0 {
        return notes;
    }
    let more = t!(
        "statement-notes-more",
        count = d.adjustments.len() + d.later_corrections.len(),
        customer = st.customer.name.as_str(),
        month = st.month.to_string()
    );
    let marker = super::format::wrap_words(&more, width.saturating_sub(1).max(1));
    notes.truncate(rows.saturating_sub(marker.len()));
    let room = rows - notes.len();
    notes.extend(marker.into_iter().take(room).map(|l| Line::styled(format!(" {l}"), theme.dim())));
    notes
}

/// The statement needs this many rows for the prepaid chart.
const CHART_FROM_HEIGHT: u16 = 30;

fn money(app: &App, amount: &str) -> String {
    human(amount.parse::<Decimal>().unwrap_or_default(), &app.settings.tariffs.currency)
}

/// Minutes in the statement's cells and totals box (the short form: `1:30 h` in Czech).
fn minutes(m: u32) -> String {
    words::minutes_short(i64::from(m))
}

fn lines_table(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    st: &StatementState,
    d: &StatementDoc,
    steps: &str,
    theme: &Theme,
) {
    let tier = crate::i18n::words::tier(&app.settings.tariffs, d.tier);
    let closed = if d.closed { format!("  {}", t!("statement-closed")) } else { String::new() };
    let title = Line::from(vec![
        // As the CLI's statement heads it (`Vyúčtování za březen 2026 — …`, bb5 #9).
        Span::styled(
            format!(
                " {}",
                t!(
                    "statement-head",
                    month = crate::i18n::dates::statement_month(&d.month.to_string()),
                    customer = d.customer.as_str(),
                    tier = tier
                )
            ),
            theme.title(),
        ),
        Span::styled(closed, theme.warn()),
        Span::raw(" "),
    ]);
    let block = Block::bordered().title(title).title_bottom(Line::styled(steps.to_string(), theme.dim()));
    if d.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(format!("  {}", t!("statement-no-work"))).style(theme.dim()).block(block),
            area,
        );
        return;
    }
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let scroll = st.scroll.min(d.lines.len().saturating_sub(rows));
    let right = |s: String| Cell::from(Line::from(s).right_aligned());
    let num_w = number_width(d.lines.iter().skip(scroll).take(rows).map(|l| l.ticket.as_str()));
    // Narrow (80 columns): the rate and the title give way and the kind shrinks, so that every
    // amount keeps its full width (a squeezed right-aligned cell would show `0,00 Kč` of `400,00 Kč`).
    let narrow = usize::from(area.width) < 2 + 77 + num_w + 9 + 8;
    // A no-contract customer's lines of one ticket differ only in the role: narrow, it comes first, so
    // that what tells them apart is what stays when the cell is cut (bb8 #13).
    let kind_of = |l: &crate::statements::LineDoc| match l.role {
        Some(role) if narrow => format!("{}: {}", words::role(role), words::kind(l.kind)),
        Some(role) => format!("{} ({})", words::kind(l.kind), words::role(role)),
        None => words::kind(l.kind),
    };
    let needed = {
        let shown = d.lines.iter().skip(scroll).take(rows).map(|l| UnicodeWidthStr::width(kind_of(l).as_str()));
        shown.chain([UnicodeWidthStr::width(t!("statement-col-kind").as_str())]).max().unwrap_or(0)
    };
    // Wide: the kind column is as wide as the kinds shown need (20 at most), the title takes the rest.
    // Narrow: at least 14, and whatever the fixed columns leave (borders, 46 for the six figures, the
    // spaces between eight columns), so that columns do not stay empty at the right while a kind is
    // cut (bb8 #13).
    let kind_w: usize = if narrow {
        let room = usize::from(area.width).saturating_sub(2 + 46 + num_w + 7);
        needed.min(room).max(14)
    } else {
        needed.min(20)
    };
    // Borders, the fixed columns (57 without the kind) and the spaces between the ten columns.
    let title_w = usize::from(area.width).saturating_sub(2 + 57 + kind_w + num_w + 9);
    let body: Vec<Row> = d
        .lines
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|l| {
            let kind = kind_of(l);
            let rounded = if l.rounded_minutes != l.raw_minutes { theme.warn() } else { ratatui::style::Style::new() };
            let marks: Vec<String> = l.marks.iter().map(|m| crate::i18n::words::statement_mark(m)).collect();
            let marks = if marks.is_empty() { String::new() } else { format!("[{}] ", marks.join(", ")) };
            let mut cells = vec![Cell::from(l.ticket.clone()), Cell::from(fit(&kind, kind_w))];
            if !narrow {
                cells.push(right(money(app, &l.rate)));
            }
            cells.extend([
                right(minutes(l.raw_minutes)),
                right(if l.free_minutes > 0 { minutes(l.free_minutes) } else { "—".into() }),
                right(minutes(l.rounded_minutes)).style(rounded),
                right(minutes(l.prepaid_minutes)),
                right(minutes(l.overage_minutes)),
                right(money(app, &l.amount)),
            ]);
            if !narrow {
                cells.push(Cell::from(Line::from(vec![
                    Span::styled(marks.clone(), theme.dim()),
                    Span::raw(fit(&l.title, title_w.saturating_sub(UnicodeWidthStr::width(marks.as_str())).max(4))),
                ])));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(num_w as u16), Constraint::Length(kind_w as u16)];
    if !narrow {
        widths.push(Constraint::Length(11));
    }
    widths.extend([
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(12),
    ]);
    if !narrow {
        widths.push(Constraint::Fill(1));
    }
    let mut header = vec![Cell::from(t!("view-ticket")), Cell::from(t!("statement-col-kind"))];
    if !narrow {
        header.push(right(t!("statement-col-rate")));
    }
    header.extend([
        right(t!("statement-col-raw")),
        right(t!("statement-col-free")),
        right(t!("statement-col-rounded")),
        right(t!("statement-col-prepaid")),
        right(t!("statement-col-overage")),
        right(t!("statement-col-amount")),
    ]);
    if !narrow {
        header.push(Cell::from(t!("col-title")));
    }
    let header = Row::new(header).style(theme.header());
    frame.render_widget(Table::new(body, widths).header(header).block(block), area);
}

fn totals<'a>(app: &App, d: &StatementDoc, theme: &Theme) -> Vec<Line<'a>> {
    let vat_pct = crate::i18n::words::vat_percent(&d.vat_rate);
    let row = |label: String, value: String| Line::raw(format!(" {}{value:>14}", super::format::pad(&label, 17)));
    let overage_style = if d.overage_minutes > 0 { theme.error() } else { ratatui::style::Style::new() };
    // What was drawn and what is left on two rows: one would not fit the box at 80 columns
    // (`8:15 h z 16:40 h (zbývá 8:25 h)`).
    let mut out = vec![
        row(
            t!("statement-prepaid-drawn"),
            t!("statement-prepaid-of", used = minutes(d.prepaid_used_minutes), prepaid = minutes(d.prepaid_minutes)),
        ),
        row(t!("statement-prepaid-left"), minutes(d.prepaid_left_minutes)),
        row(t!("statement-overage", minutes = minutes(d.overage_minutes)), money(app, &d.overage_amount))
            .style(overage_style),
        row(t!("statement-fee"), money(app, &d.fee)),
    ];
    if !d.adjustments.is_empty() {
        let sum: Decimal = d.adjustments.iter().map(|a| a.amount.parse::<Decimal>().unwrap_or_default()).sum();
        out.push(row(t!("statement-adjustments"), human(sum, &app.settings.tariffs.currency)));
    }
    out.extend([
        row(t!("statement-total-excl"), money(app, &d.total_excl_vat)),
        row(t!("statement-vat", rate = vat_pct), money(app, &d.vat)),
        row(t!("statement-total-incl"), money(app, &d.total_incl_vat)).style(theme.title()),
    ]);
    out
}

/// The notes under a statement, each broken at words to `width` columns with its continuation lines
/// indented under its text (` ▲ Upgrade suggested: …` / `   months running; …`), so the panel's height
/// can be counted from them and nothing is cut at its bottom.
fn notes<'a>(app: &App, d: &StatementDoc, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let plain = ratatui::style::Style::new();
    // (the mark before the text, the text, its style)
    let mut notes: Vec<(&str, String, ratatui::style::Style)> = Vec::new();
    for a in &d.adjustments {
        let text = t!(
            "statement-adjustment",
            amount = money(app, &a.amount),
            text = crate::i18n::words::correction(&a.description)
        );
        notes.push(("", text, plain));
    }
    if d.closed {
        notes.push(("", t!("statement-frozen"), theme.warn()));
        for a in &d.later_corrections {
            let text = t!(
                "statement-later-correction",
                amount = money(app, &a.amount),
                month = a.booked_month.as_str(),
                text = crate::i18n::words::correction(&a.description)
            );
            notes.push(("", text, plain));
        }
    }
    if let Some(to) = d.upgrade_to {
        let text = t!(
            "statement-upgrade",
            months = app.settings.tariffs.upgrade_after_months,
            tier = crate::i18n::words::tier(&app.settings.tariffs, to)
        );
        notes.push(("▲ ", text, theme.warn()));
    }
    if notes.is_empty() {
        notes.push(("", t!("statement-notes-none"), theme.dim()));
    }
    let mut out = Vec::new();
    for (mark, text, style) in notes {
        let indent = 1 + UnicodeWidthStr::width(mark);
        for (i, line) in super::format::wrap_words(&text, width.saturating_sub(indent)).into_iter().enumerate() {
            let lead = if i == 0 { format!(" {mark}") } else { " ".repeat(indent) };
            out.push(Line::styled(format!("{lead}{line}"), style));
        }
    }
    out
}
