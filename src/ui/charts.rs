//! The two charts (ratatui's `Chart`): SLA compliance per tier over the last twelve months (the board)
//! and a customer's prepaid minutes per month against their prepaid line (the statement). Each series
//! has its own marker as well as its colour, and the legend (a line under the chart, so it never hides
//! a month) shows the marker, so they read the same with NO_COLOR. They draw what the app computed;
//! nothing is read here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};

use super::Theme;
use crate::app::compliance::MonthCompliance;
use crate::domain::Tier;
use crate::statements::PrepaidMonth;

/// A series' marker, its symbol in the legend, and its colour (not used with NO_COLOR).
fn series(tier: Tier) -> (Marker, &'static str, Color) {
    match tier {
        Tier::Vip => (Marker::Block, "█", Color::Magenta),
        Tier::Plus => (Marker::Bar, "▄", Color::Cyan),
        _ => (Marker::Dot, "•", Color::Yellow),
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

/// SLA compliance per tier, one point per month that had tickets due; the legend gives this month's
/// percent (and met of due) per tier.
pub fn compliance(frame: &mut Frame, area: Rect, history: &[MonthCompliance], theme: &Theme, block: Block) {
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
    // The scale starts at a round ten at or below the lowest month (at most 80 %), so high compliance
    // is not a flat line at the top.
    let floor = ((lowest / 10.0).floor() * 10.0).min(80.0);
    let this_month = history.last();
    let mut datasets = Vec::new();
    let mut legend = Vec::new();
    for (tier, data) in &points {
        let (marker, symbol, color) = series(*tier);
        let style = colored(theme, color);
        for run in runs(data) {
            datasets.push(Dataset::default().marker(marker).graph_type(GraphType::Line).style(style).data(run));
        }
        let now = this_month.and_then(|m| m.tiers.iter().find(|c| c.tier == *tier)).and_then(|c| c.percent());
        let pct = now.map_or("—".to_string(), |p| format!("{p} %"));
        legend.push(Span::styled(format!("{symbol} {} {pct}  ", tier.as_str().to_uppercase()), style));
    }
    let n = history.len().max(1);
    let x_labels: Vec<Span> = match (history.first(), history.last()) {
        (Some(a), Some(b)) => vec![Span::raw(short(a.month)), Span::raw(short(b.month))],
        _ => Vec::new(),
    };
    let (area, legend_area) = framed(frame, area, block);
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, (n - 1) as f64]).labels(x_labels).style(theme.dim()))
        .y_axis(
            Axis::default()
                .bounds([floor, 100.0])
                .labels(vec![Span::raw(format!("{floor:.0}%")), Span::raw("100%")])
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
    frame.render_widget(Paragraph::new(Line::from(legend)), legend_area);
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
            format!("█ billable minutes ({}: {}, {} over)", m.month, m.used + m.overage, m.overage)
        }
        Some(m) => format!("█ billable minutes ({}: {})", m.month, m.used),
        None => "█ billable minutes".into(),
    };
    let prepaid_label = format!("• prepaid minutes ({})", last.map_or(0, |m| m.prepaid));
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
                .labels(vec![Span::raw("0"), Span::raw(format!("{top}m"))])
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
