//! The mail triage: mail from unknown senders, oldest first (sender, subject, when it arrived), and
//! the selected mail's text below, so a person can tell whose it is before assigning it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Wrap};

use super::{Theme, format, key_for};
use crate::app::queue::scrolled;
use crate::app::{App, Focus};
use crate::i18n::words;
use crate::keymap::{Command, Keymap};
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let Some(tr) = &app.triage else { return };
    let title = format!(" {} ", t!("triage-title", count = tr.items.len()));
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    if tr.items.is_empty() {
        let back = key_for(keymap, Focus::Triage, Command::Back);
        let text = vec![
            Line::raw(""),
            Line::from(vec![
                Span::raw(format!("  {}  ", t!("triage-empty"))),
                Span::styled(back, theme.key()),
                Span::raw(format!(" {}", t!("key-back"))),
            ]),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    // The list above, the selected mail's text below (a third of the height, at least 5 rows).
    let preview_h = (area.height / 3).max(5).min(area.height.saturating_sub(6));
    let [list, preview] = Layout::vertical([Constraint::Fill(1), Constraint::Length(preview_h)]).areas(area);
    let rows = usize::from(list.height.saturating_sub(3)).max(1);
    let offset = scrolled(tr.offset, tr.selected, rows, tr.items.len());
    let from_w = 34.min(usize::from(list.width) / 3);
    // Borders, the `›` column, the fixed columns and the spaces between the four columns: the subject
    // gets the rest and ends with `…` when it is longer (never cut mid-letter by the table).
    let subject_w = usize::from(list.width).saturating_sub(2 + 1 + 16 + from_w + 12 + 3).max(4);
    let body: Vec<Row> = tr
        .items
        .iter()
        .skip(offset)
        .take(rows)
        .map(|i| {
            let from =
                if i.sender_name.is_empty() { i.sender.clone() } else { format!("{} <{}>", i.sender_name, i.sender) };
            Row::new(vec![
                app.settings.calendar.local_minute(i.received_at),
                format::fit(&from, from_w),
                words::kind(i.kind),
                format::fit(&i.subject, subject_w),
            ])
        })
        .collect();
    let header = Row::new(vec![
        t!("triage-col-received"),
        t!("triage-col-from"),
        t!("triage-col-kind"),
        t!("triage-col-subject"),
    ])
    .style(theme.header());
    let widths =
        [Constraint::Length(16), Constraint::Length(from_w as u16), Constraint::Length(12), Constraint::Fill(1)];
    super::selectable_table(frame, list, Table::new(body, widths).header(header), block, tr.selected - offset, theme);
    if let Some(item) = tr.selected_item() {
        let text: Vec<Line> =
            item.body.lines().take(usize::from(preview_h)).map(|l| Line::raw(l.to_string())).collect();
        let title = format!(" {} ", format::fit(&item.subject, usize::from(preview.width.saturating_sub(4))));
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(Line::styled(title, theme.dim()))),
            preview,
        );
    }
}
