//! The two charts (ratatui's `Chart`): SLA compliance per tier over the last twelve months (the board:
//! a strip per tier, so no line hides another) and a customer's prepaid minutes per month against their
//! prepaid line (the statement: bars `█` and a line `•`, told apart by their markers, the legend a line
//! under the chart so it never hides a month). Both read the same with NO_COLOR. They draw what the app
//! computed; nothing is read here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};

use super::Theme;
use super::format::fit;
use crate::app::compliance::MonthCompliance;
use crate::domain::Tier;
use crate::statements::PrepaidMonth;

/// A tier's colour (not used with NO_COLOR: each tier has its own strip).
fn tier_color(tier: Tier) -> Color {
    match tier {
        Tier::Vip => Color::Magenta,
        Tier::Plus => Color::Cyan,
        _ => Color::Yellow,
    }
}

/// The block drawn, and its inside split into the chart and a legend line under it.
fn framed(frame: &mut Frame, area: Rect, block: Block) -> (Rect, Rect) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [chart, legend] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    (chart, legend)
}

/// Runs of consecutive months (a month without a value breaks the line rather than bridging it).
fn runs(points: &[(f64, f64)]) -> Vec<&[(f64, f64)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].0 - points[i - 1].0 > 1.5 {
            if start < i {
                out.push(&points[start..i]);
            }
            start = i;
        }
    }
    out
}

fn colored(theme: &Theme, color: Color) -> Style {
    if theme.mono { Style::new() } else { Style::new().fg(color) }
}

/// `2026-03` → `03/26`, short enough for an axis label.
fn short(m: crate::domain::YearMonth) -> String {
    let s = m.to_string();
    format!("{}/{}", &s[5..7], &s[2..4])
}

/// SLA compliance per tier: a strip per tier (so no line hides another, with or without colour), each
/// a line over the months that had tickets due, on one scale from a round ten at or below the lowest
/// month (at most 80 %) to 100 %, named in the title; beside each strip the tier and this month's
/// percent with met of due; the months under the strips. `name` names a tier for the reader.
pub fn compliance(
    frame: &mut Frame,
    area: Rect,
    history: &[MonthCompliance],
    theme: &Theme,
    title: &str,
    name: impl Fn(Tier) -> String,
) {
    let points: Vec<(Tier, Vec<(f64, f64)>)> = crate::app::compliance::TIERS
        .into_iter()
        .map(|tier| {
            let data = history
                .iter()
                .enumerate()
                .filter_map(|(i, m)| {
                    let c = m.tiers.iter().find(|c| c.tier == tier)?;
                    c.percent().map(|p| (i as f64, f64::from(p)))
                })
                .collect();
            (tier, data)
        })
        .collect();
    let lowest = points.iter().flat_map(|(_, d)| d.iter().map(|p| p.1)).fold(100.0_f64, f64::min);
    let floor = ((lowest / 10.0).floor() * 10.0).min(80.0);
    let block = titled(format!(" {title} ({floor:.0}–100 %) "), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1), Constraint::Fill(1), Constraint::Length(1)])
        .split(inner);
    let this_month = history.last();
    let n = history.len().max(1);
    const LABEL: u16 = 14;
    for ((tier, data), strip) in points.iter().zip(rows.iter()) {
        let style = colored(theme, tier_color(*tier));
        let [label, plot] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(*strip);
        let now = this_month.and_then(|m| m.tiers.iter().find(|c| c.tier == *tier));
        let (pct, counts) = match now {
            Some(c) if c.due > 0 => (format!("{} %", c.percent().unwrap_or(0)), format!("{}/{}", c.met, c.due)),
            _ => ("—".to_string(), String::new()),
        };
        let text = vec![
            Line::from(vec![
                Span::styled(super::format::pad(&fit(&name(*tier).to_uppercase(), 8), 9), style),
                Span::raw(pct),
            ]),
            Line::styled(counts, theme.dim()),
        ];
        frame.render_widget(Paragraph::new(text), label);
        let datasets: Vec<Dataset> = runs(data)
            .into_iter()
            .map(|run| {
                // A month alone (no neighbour to draw a line to) as a dot that can be seen.
                let (marker, kind) =
                    if run.len() == 1 { (Marker::Dot, GraphType::Scatter) } else { (Marker::Braille, GraphType::Line) };
                Dataset::default().marker(marker).graph_type(kind).style(style).data(run)
            })
            .collect();
        let chart = Chart::new(datasets)
            .style(theme.dim())
            .x_axis(Axis::default().bounds([0.0, (n - 1) as f64]))
            .y_axis(Axis::default().bounds([floor, 100.0]));
        frame.render_widget(chart, plot);
    }
    if let (Some(first), Some(last), Some(axis)) = (history.first(), history.last(), rows.get(3)) {
        let [_, months] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(*axis);
        let (a, b) = (short(first.month), short(last.month));
        let gap = usize::from(months.width).saturating_sub(a.len() + b.len());
        frame.render_widget(Paragraph::new(Line::styled(format!("{a}{}{b}", " ".repeat(gap)), theme.dim())), months);
    }
}

/// Billable minutes per month as bars (prepaid used plus overage) against the prepaid minutes as a
/// line; the legend gives the last month's figures.
pub fn prepaid(frame: &mut Frame, area: Rect, months: &[PrepaidMonth], theme: &Theme, block: Block) {
    let n = months.len().max(1);
    // Each bar is a few columns wide: points this far apart on the x axis fall in neighbouring columns
    // (the plot is the box less its borders and the y labels).
    let inner = usize::from(area.width.saturating_sub(9)).max(n);
    let cell = n as f64 / inner as f64;
    let bars: Vec<(f64, f64)> = months
        .iter()
        .enumerate()
        .filter(|(_, m)| m.used + m.overage > 0)
        .flat_map(|(i, m)| (-1..=1).map(move |k| (i as f64 + f64::from(k) * cell, f64::from(m.used + m.overage))))
        .collect();
    let line: Vec<(f64, f64)> = months.iter().enumerate().map(|(i, m)| (i as f64, f64::from(m.prepaid))).collect();
    let top = months.iter().map(|m| (m.used + m.overage).max(m.prepaid)).max().unwrap_or(0).max(1);
    let last = months.last();
    let used_label = match last {
        Some(m) if m.overage > 0 => {
            crate::t!(
                "chart-billable-over",
                month = m.month.to_string(),
                minutes = m.used + m.overage,
                over = m.overage
            )
        }
        Some(m) => crate::t!("chart-billable-month", month = m.month.to_string(), minutes = m.used),
        None => crate::t!("chart-billable"),
    };
    let prepaid_label = crate::t!("chart-prepaid", minutes = last.map_or(0, |m| m.prepaid));
    let over = months.iter().any(|m| m.overage > 0);
    let bar_style = if over && !theme.mono { Style::new().fg(Color::Red) } else { colored(theme, Color::Green) };
    let datasets = vec![
        Dataset::default().marker(Marker::Block).graph_type(GraphType::Bar).style(bar_style).data(&bars),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(colored(theme, Color::Cyan))
            .data(&line),
    ];
    let x_labels: Vec<Span> = match (months.first(), months.last()) {
        (Some(a), Some(b)) => vec![Span::raw(short(a.month)), Span::raw(short(b.month))],
        _ => Vec::new(),
    };
    let (area, legend_area) = framed(frame, area, block);
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([-0.5, n as f64 - 0.5]).labels(x_labels).style(theme.dim()))
        .y_axis(
            Axis::default()
                .bounds([0.0, f64::from(top)])
                .labels(vec![Span::raw("0"), Span::raw(crate::i18n::words::minutes_short(i64::from(top)))])
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
    let legend = Line::from(vec![
        Span::styled(format!("{used_label}   "), bar_style),
        Span::styled(prepaid_label, colored(theme, Color::Cyan)),
    ]);
    frame.render_widget(Paragraph::new(legend), legend_area);
}

/// A block with a bold title, as the other boxes have.
pub fn titled(title: String, theme: &Theme) -> Block<'static> {
    Block::bordered().title(Line::styled(title, theme.title()))
}
