//! `sync conflicts` and `sync status` output, and picking the other side of a conflict.

use serde::Serialize;

use crate::cli::{CliError, CliResult, Context};
use crate::store::{Store, TicketChange};
use crate::t;

/// `sync conflicts --format json`: values as people read them (a promised date as RFC 3339, a time
/// entry's minutes or `removed`); `resolved` is null while open.
#[derive(Serialize)]
pub(super) struct ConflictJson {
    pub(super) id: String,
    pub(super) ticket: Option<String>,
    pub(super) customer: Option<String>,
    pub(super) field: String,
    pub(super) kept: Option<String>,
    pub(super) other: Option<String>,
    pub(super) detected_at: String,
    pub(super) resolved: Option<String>,
}

/// `sync status --format json`: `tag` is empty for the team file.
#[derive(Serialize)]
pub(super) struct StatusJson {
    pub(super) tag: String,
    pub(super) device: String,
    pub(super) last_synced_at: Option<String>,
    pub(super) unshared: i64,
    pub(super) open_conflicts: usize,
    pub(super) peers: Vec<PeerJson>,
}

#[derive(Serialize)]
pub(super) struct PeerJson {
    pub(super) tag: String,
    pub(super) device: String,
    pub(super) last_synced_at: String,
}

/// What a conflict is about, for people: the ticket or the customer.
pub(super) fn conflict_subject(c: &crate::store::Conflict) -> String {
    match (&c.ticket_number, &c.customer_name) {
        (Some(n), _) => t!("sync-conflict-ticket", ticket = n.as_str()),
        (None, Some(name)) => t!("sync-conflict-customer", name = name.as_str()),
        (None, None) => t!("sync-conflict-gone"),
    }
}

/// How a conflict was settled (stored as `kept` or `picked the other value`), as people read it.
pub(super) fn resolution(r: &str) -> String {
    match r {
        "kept" => t!("sync-resolution-kept"),
        "picked the other value" => t!("sync-resolution-other"),
        other => other.to_string(),
    }
}

/// Records the losing side of a conflict as a new change (so it wins by clock on every copy).
pub(super) fn pick_other(ctx: &Context, store: &mut Store, c: &crate::store::Conflict) -> CliResult {
    let value = c.other_value.clone();
    let text = || value.clone().unwrap_or_default();
    let ticket = &crate::domain::TicketId::new(c.ticket_id.clone().unwrap_or_default());
    match c.field.as_str() {
        "status" => {
            store.update_ticket(ticket, vec![TicketChange::Status(crate::cli::input::parsed(&text())?)], ctx.now)?
        }
        "kind" => {
            store.update_ticket(ticket, vec![TicketChange::Kind(crate::cli::input::parsed(&text())?)], ctx.now)?
        }
        "assignee" => store.update_ticket(ticket, vec![TicketChange::Assignee(value.clone())], ctx.now)?,
        "title" => store.update_ticket(ticket, vec![TicketChange::Title(text())], ctx.now)?,
        "description" => store.update_ticket(ticket, vec![TicketChange::Description(text())], ctx.now)?,
        "customer" => {
            // By the other side's id (two customers may read the same); by name for a conflict without it.
            let other = match &c.other_version {
                Some(id) => crate::domain::CustomerId::new(id.as_str()),
                None => store.require_customer(&text())?.id,
            };
            store.update_ticket(ticket, vec![TicketChange::Customer(other)], ctx.now)?
        }
        "resolve_by" => {
            let at = text().parse::<i64>().ok().and_then(|s| chrono::DateTime::from_timestamp(s, 0));
            let at = at.ok_or_else(|| CliError::Failure(t!("sync-pick-date-unreadable")))?;
            store.set_resolve_by(ticket, at, ctx.now)?;
        }
        "time entry" => {
            let version = c.other_version.as_deref().unwrap_or("removed");
            if !pick_other_entry_in_closed_month(ctx, store, c, version)? {
                store.restore_entry_version(&crate::domain::EntryId::new(c.subject.as_str()), version, ctx.now)?;
            }
        }
        "name" => store.rename_customer(&crate::domain::CustomerId::new(c.subject.as_str()), &text(), ctx.now)?,
        "contact" => {
            store.set_customer_contact(&crate::domain::CustomerId::new(c.subject.as_str()), &text(), ctx.now)?
        }
        "timer" => {
            return Err(CliError::input(t!("sync-pick-timer")));
        }
        field => match field.strip_prefix("tier from ").and_then(|m| m.parse::<crate::domain::YearMonth>().ok()) {
            Some(from) => {
                let tier = crate::cli::input::parsed(&text())?;
                store.set_tier(&crate::domain::CustomerId::new(c.subject.as_str()), from, tier, ctx.now)?;
            }
            None => return Err(CliError::Failure(t!("sync-unknown-field", field = field))),
        },
    }
    Ok(())
}

/// `--pick other` for a time entry whose month is closed: the other version is booked as a correction of
/// the closed month (priced at once on the team file, by the team file when it arrives otherwise), as
/// `time correct --correction` does, instead of being refused. Whether it was (false: the month is open).
fn pick_other_entry_in_closed_month(
    ctx: &Context,
    store: &mut Store,
    c: &crate::store::Conflict,
    version: &str,
) -> CliResult<bool> {
    let ticket_id = &crate::domain::TicketId::new(c.ticket_id.clone().unwrap_or_default());
    let current = store.time_entries(ticket_id)?.into_iter().find(|e| e.entry == c.subject);
    let other = match version {
        "removed" => None,
        id => store.entry_with_ticket(&crate::domain::EntryId::new(id))?.map(|(e, _)| e),
    };
    let Some(started) = current.as_ref().or(other.as_ref()).map(|e| e.started_at) else { return Ok(false) };
    let month = ctx.settings.calendar.month_of(started);
    if !store.is_month_closed(month)? {
        return Ok(false);
    }
    let Some(current) = current else {
        return Err(CliError::input(t!("sync-pick-entry-removed", month = month.to_string())));
    };
    let ticket = store.ticket(ticket_id)?.ok_or_else(|| CliError::Failure(t!("sync-pick-ticket-missing")))?;
    let add = match other {
        Some(o) => Some(crate::store::NewEntry {
            ticket_id: o.ticket_id,
            started_at: o.started_at,
            minutes: crate::domain::Minutes::new(o.minutes).map_err(crate::store::StoreError::from)?,
            role: o.role,
            technician: o.technician,
            note: o.note,
        }),
        None => None,
    };
    let by_desk = crate::statements::priced_by_desk(store)?;
    let (_, amount) = crate::statements::book_correction(store, &ctx.settings, &ticket, add, Some(&current), ctx.now)?;
    note!("{}", crate::cli::time::correction_message(ctx, amount, by_desk));
    Ok(true)
}
