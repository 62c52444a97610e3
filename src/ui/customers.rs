//! Customers with this month's prepaid gauge, overage, open tickets, yearly allowances and the upgrade
//! suggestion. The gauge is text (`█████░░░`), so it prints in any terminal and reads without colour.

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::{Theme, key_for};
use crate::app::customers::CustomerLine;
use crate::app::queue::scrolled;
use crate::app::{App, Focus};
use crate::domain::money::human;
use crate::keymap::{Command, Keymap};
use crate::t;

/// `█████░░░ 45m used of 60m`: used of prepaid, in words, so it never runs into the `Left` beside it.
pub fn gauge(line: &CustomerLine, width: usize) -> String {
    let Some(r) = line.used_ratio() else { return t!("customers-no-prepaid") };
    let used = t!(
        "customers-used-of",
        used = crate::i18n::words::minutes_short(i64::from(line.used)),
        prepaid = crate::i18n::words::minutes_short(i64::from(line.prepaid))
    );
    format!("{} {used}", bar(r, width))
}

fn bar(ratio: f64, width: usize) -> String {
    let full = (ratio * width as f64).round() as usize;
    "█".repeat(full.min(width)) + &"░".repeat(width - full.min(width))
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
    // What is listed: archived customers count only while they are shown (bb5 #9).
    let listed = c.listed_of(app.customer_count, app.archived_customers);
    let more = match c.progress(listed) {
        Some((done, total)) => format!(", {}", t!("customers-summarising", done = done, total = total)),
        None => String::new(),
    };
    let title = format!(" {} — {month} ({}{more}) ", t!("view-customers"), listed);
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    if c.lines.is_empty() {
        let k = key_for(keymap, Focus::Customers, Command::NewCustomer);
        let text = vec![
            Line::raw(""),
            Line::from(vec![
                Span::raw(format!("  {} ", t!("customers-none"))),
                Span::styled(k, theme.key()),
                Span::raw(format!(" {}", t!("customers-none-key"))),
            ]),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let area = match &app.customer_mail {
        Some(mail) => {
            let [list, panel] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(MAIL_PANEL_HEIGHT)]).areas(area);
            mail_panel(frame, panel, mail, keymap, theme);
            list
        }
        None => area,
    };
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = scrolled(c.offset, c.selected, rows, c.lines.len());
    let cur = &app.settings.tariffs.currency;
    // Prepaid, used and left each in its own labelled column (a run-together "4h 30m/5h 30m" read as
    // "of 5h 30m"). Wide, the used column leads with a gauge; at 80 columns consultations, reports and
    // upgrades give way (the board lists overdue reports and upgrades) and overage is minutes only.
    let narrow = area.width < 110;
    // The tier column fits the longest label in the reader's language (`bez smlouvy`).
    let tier_w = super::format::tier_width(&app.settings, 5);
    let none = || "—".to_string();
    let overage_of = |l: &CustomerLine| match (l.overage_minutes, narrow) {
        (0, _) => none(),
        (m, true) => format!("+{}", crate::i18n::words::minutes_short(i64::from(m))),
        (m, false) => format!("{} · {}", crate::i18n::words::minutes_short(i64::from(m)), human(l.overage_amount, cur)),
    };
    // The overage column is as wide as the widest overage shown (`+164h 30m`, `164h 30m · 131 600,00 Kč`):
    // a figure is never cut; the name column gives way.
    let overage_w = c
        .lines
        .iter()
        .skip(offset)
        .take(rows)
        .map(|l| unicode_width::UnicodeWidthStr::width(overage_of(l).as_str()))
        .chain([unicode_width::UnicodeWidthStr::width(t!("customers-col-overage").as_str())])
        .max()
        .unwrap_or(0)
        .max(if narrow { 8 } else { 22 });
    let fixed = |used_w: usize| {
        if narrow {
            tier_w + 7 + used_w + 7 + overage_w + 4 + 6
        } else {
            tier_w + 7 + used_w + 7 + overage_w + 4 + 7 + 8 + 10 + 9
        }
    };
    // One column less: the selection marker `›`. The used column's gauge gives way before the names
    // shown would be cut below 24 columns (`Autoservis Černý Liberec` and `Autoservis Černý Plzeň`
    // stay apart).
    let name_w = |used_w: usize| usize::from(area.width).saturating_sub(3 + fixed(used_w)).max(8);
    let longest = c
        .lines
        .iter()
        .skip(offset)
        .take(rows)
        .map(|l| unicode_width::UnicodeWidthStr::width(l.customer.name.as_str()))
        .max()
        .unwrap_or(0);
    let gauged = !narrow && name_w(14) >= longest.min(24);
    let used_w = if gauged { 14 } else { 7 };
    let name_w = name_w(used_w);
    let body: Vec<Row> = c
        .lines
        .iter()
        .skip(offset)
        .take(rows)
        .map(|l| {
            let overage = overage_of(l);
            let consult = if l.consultations_quota > 0 {
                format!("{}/{}", l.consultations_used, l.consultations_quota)
            } else {
                none()
            };
            let reports = match (l.reports_quota, l.reports_overdue) {
                (0, _) => none(),
                (q, 0) => format!("{}/{q}", l.reports_done),
                (q, n) => format!("{}/{q} ✖{n}", l.reports_done),
            };
            let upgrade = l.upgrade_to.map_or(String::new(), |to| {
                format!("▲ {}", t!("customers-upgrade-to", tier = super::format::tier(&app.settings, to)))
            });
            let (prepaid, used, left) = match l.used_ratio() {
                None => (t!("customers-gauge-none"), none(), none()),
                Some(r) => {
                    let used = crate::i18n::words::minutes_short(i64::from(l.used));
                    let used = if gauged { format!("{} {used}", bar(r, 6)) } else { used };
                    (
                        crate::i18n::words::minutes_short(i64::from(l.prepaid)),
                        used,
                        crate::i18n::words::minutes_short(i64::from(l.left)),
                    )
                }
            };
            let mut cells = vec![
                Cell::from(super::format::fit(
                    &if l.customer.archived {
                        t!("customer-archived-mark", name = l.customer.name.as_str())
                    } else {
                        l.customer.name.clone()
                    },
                    name_w,
                )),
                Cell::from(super::format::tier(&app.settings, l.tier)),
                Cell::from(prepaid),
                Cell::from(used).style(gauge_style(l, theme)),
                Cell::from(left),
                Cell::from(overage).style(if l.overage_minutes > 0 { theme.error() } else { Style::new() }),
                Cell::from(Line::from(l.open_tickets.to_string()).right_aligned()),
            ];
            if !narrow {
                cells.extend([
                    Cell::from(consult),
                    Cell::from(reports).style(if l.reports_overdue > 0 { theme.error() } else { Style::new() }),
                    Cell::from(upgrade).style(theme.warn()),
                ]);
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Fill(1),
        Constraint::Length(tier_w as u16),
        Constraint::Length(7),
        Constraint::Length(used_w as u16),
        Constraint::Length(7),
        Constraint::Length(overage_w as u16),
        Constraint::Length(4),
    ];
    let mut header = vec![
        t!("col-customer"),
        t!("col-tier"),
        t!("customers-col-prepaid"),
        t!("customers-col-used"),
        t!("col-left"),
        t!("customers-col-overage"),
        t!("customers-col-open"),
    ];
    if !narrow {
        widths.extend([Constraint::Length(7), Constraint::Length(8), Constraint::Length(10)]);
        header.extend([t!("customers-col-consult"), t!("customers-col-reports"), t!("customers-col-upgrade")]);
    }
    let header = Row::new(header).style(theme.header());
    let table = Table::new(body, widths).header(header);
    super::selectable_table(frame, area, table, block, c.selected - offset, theme);
}

/// Rows of the panel under the customers list with the selected customer's contacts and domains.
pub const MAIL_PANEL_HEIGHT: u16 = 4;

/// `Contacts: jana@acme.cz Jana Nováková (cs) · …` and `Domains: acme.cz`, wrapped within the panel.
fn mail_panel(frame: &mut Frame, area: Rect, mail: &crate::app::mail::CustomerMail, keymap: &Keymap, theme: &Theme) {
    let contacts: Vec<String> = mail
        .contacts
        .iter()
        .map(|c| {
            if c.name.is_empty() {
                format!("{} ({})", c.email, c.lang.as_str())
            } else {
                format!("{} {} ({})", c.email, c.name, c.lang.as_str())
            }
        })
        .collect();
    let contacts = if contacts.is_empty() { t!("customer-mail-no-contacts") } else { contacts.join(" · ") };
    let domains = if mail.domains.is_empty() { t!("customer-mail-no-domains") } else { mail.domains.join(", ") };
    let text = vec![
        Line::from(vec![
            Span::styled(format!("{} ", t!("customer-mail-contacts")), theme.title()),
            Span::raw(contacts),
        ]),
        Line::from(vec![Span::styled(format!("{} ", t!("customer-mail-domains")), theme.title()), Span::raw(domains)]),
    ];
    // The keys that change them (not in the footer, which keeps room for quitting at 80 columns), each
    // after a separator: a key letter is no word of the sentence (Czech `a` is "and", bb5 #9).
    let mut title = vec![Span::styled(format!(" {} ", t!("customer-mail-title")), theme.dim())];
    for command in [Command::AddContact, Command::AddDomain, Command::RemoveMail] {
        title.push(Span::styled("· ", theme.dim()));
        title.push(Span::styled(key_for(keymap, Focus::Customers, command), theme.key()));
        title.push(Span::styled(format!(" {} ", t!(command.label_id())), theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(Block::bordered().title(Line::from(title))),
        area,
    );
}
