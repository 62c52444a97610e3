//! `helpdesk ticket show` as text: the ticket, its SLA line, the first response, comments and time
//! entries (JSON: `ticket_json.rs`).

use std::fmt::Write as _;

use super::calendar::format_instant;
use super::time::cut_note;
use super::{CliResult, Context};
use crate::i18n::words;
use crate::store::{Store, TicketRow};
use crate::t;
use crate::ticket_sla;

/// The text of `helpdesk ticket show`.
pub(super) fn show_ticket(store: &Store, ctx: &Context, t: TicketRow) -> CliResult<String> {
    let cal = &ctx.settings.calendar;
    let item = ticket_sla::item(store, &ctx.settings, t, ctx.now)?;
    let t = &item.ticket;
    let mut out = String::new();
    let w = &mut out;
    let label = |id: &str| format!("{:<10}", t!(id));
    let _ = writeln!(w, "{}  {}", t!("show-ticket", ticket = t.number.as_str()), t.title);
    let _ = writeln!(
        w,
        "{} {} ({})",
        label("show-customer"),
        t.customer_name,
        crate::i18n::words::tier(&ctx.settings.tariffs, item.tier)
    );
    let _ = writeln!(
        w,
        "{} {}",
        label("show-kind"),
        t!(
            "show-kind-status-assignee",
            kind = words::kind(t.kind),
            status = words::status(t.status),
            assignee = t.assignee.as_deref().unwrap_or("-")
        )
    );
    let _ = writeln!(w, "{} {}", label("show-received"), format_instant(cal, t.received_at));
    match item.sla.deadline {
        Some(d) => {
            let _ = writeln!(
                w,
                "{} {}",
                label("show-sla"),
                t!(
                    "show-sla-value",
                    state = words::sla_word(item.sla.state, t.first_response_at.is_some()),
                    deadline = format_instant(cal, d),
                    left = words::left(item.sla.left)
                )
            );
        }
        None => {
            let _ = writeln!(w, "{} {}", label("show-sla"), words::sla_state(crate::domain::sla::SlaState::NoSla));
        }
    }
    if t.kind == crate::domain::TicketKind::Change {
        let _ =
            writeln!(w, "{} {}", label("show-change"), crate::statements::entitlement_note(&ctx.settings, item.tier));
    }
    if let (Some(at), Some(by)) = (t.first_response_at, t.resolve_by) {
        let _ = writeln!(
            w,
            "{} {}",
            label("show-responded"),
            t!("show-responded-value", at = format_instant(cal, at), by = format_instant(cal, by))
        );
    }
    if !t.description.is_empty() {
        let _ = writeln!(w, "\n{}", t.description);
    }
    let comments = store.comments(&t.id)?;
    if !comments.is_empty() {
        let _ = writeln!(w, "\n{}", t!("show-comments"));
        for c in comments {
            let _ = writeln!(w, "  {} {}: {}", format_instant(cal, c.created_at), c.author, c.body);
        }
    }
    let entries = store.time_entries(&t.id)?;
    if !entries.is_empty() {
        let total: u32 = entries.iter().map(|e| e.minutes).sum();
        let _ = writeln!(w, "\n{}", t!("show-time-total", total = words::minutes(i64::from(total))));
        for e in entries {
            let note = cut_note(ctx, store, &e)?.unwrap_or_default();
            let _ = writeln!(
                w,
                "  {} {} {} ({}){}",
                format_instant(cal, e.started_at),
                words::minutes(i64::from(e.minutes)),
                words::person(&e.technician),
                words::role(e.role),
                if note.is_empty() { String::new() } else { format!(" — {note}") }
            );
        }
    }
    Ok(out)
}
