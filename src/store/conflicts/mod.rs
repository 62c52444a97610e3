//! Sync conflicts: two copies changed the same thing without either having seen the other's change.
//!
//! The clock decides the winner on every copy (README, "Working offline": the table of concurrent
//! changes); the losers are conflicts, so a person can keep the result or pick the other value. What
//! can conflict: a ticket field, the promised resolution date, a time entry (corrected or removed on two
//! copies, or a timer stopped on two), a customer's tier from a month, a customer's name or contact, and
//! a timer stopped without booking anything (two timers of one technician more than a day apart).
//!
//! Conflicts are derived from the changes themselves, not from who merged them: every change of such a
//! value names the value it replaced where it was made (`prev`; a time entry's version its `replaces`,
//! a removal the version it removed). A change that no other change replaced is a *leaf*; the value in
//! force is the newest leaf by clock, and every other leaf lost without its author having been seen:
//! it is a row of `contested`, kept in step as each change is applied. That set depends only on which
//! changes a copy holds, never on the order they arrived in or on the copy that first held both sides,
//! so every copy that holds the same changes lists the same conflicts, under the same ids. Settling
//! one (a `ConflictSettled` operation) settles it on every copy. A conflict whose losing value is the
//! value in force again (picked, or set alike by hand) has nothing left to decide and is not listed as
//! open.
//!
//! Changes written before schema 11 carry no `prev`: they never lose a conflict, and a newer one that
//! displaces such a change is not a conflict either. `sync_conflicts` keeps the conflicts recorded then.

mod entries;
mod listing;
mod twins;

pub use twins::{SAME_NAME, twin_notice};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::change::Change;
use super::codec::{hlc_text, id_text};
use super::oplog::op_at;
pub(super) use entries::{EntryNode, contend_entry, entry_in_force, timer_booked_nothing};

/// One conflict, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// The ticket it is about (also for a time entry: the entry's ticket).
    pub ticket_id: Option<String>,
    pub ticket_number: Option<String>,
    /// The customer it is about (tier, name, contact).
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    /// The id of the thing that changed: ticket, time entry, customer or timer.
    pub subject: String,
    /// `title`, `status`, `kind`, `assignee`, `description`, `resolve_by`, `time entry`, `name`,
    /// `contact`, `tier from YYYY-MM` or `timer`.
    pub field: String,
    /// The value in force now, on every copy (`resolve_by`: unix seconds; a time entry: its minutes or
    /// `removed`).
    pub kept_value: Option<String>,
    /// The value that lost, in the same form.
    pub other_value: Option<String>,
    /// For a time entry: the losing version's row id, or `removed`; for a ticket's customer: the other customer's id.
    pub other_version: Option<String>,
    /// When the losing change was made (conflicts recorded before schema 11: when they were detected).
    pub detected_at: DateTime<Utc>,
    /// `kept` or `picked the other value` once settled.
    pub resolved: Option<String>,
}

impl Conflict {
    /// One of the conflict's values (`kept_value` or `other_value`) as people read it: a promised date
    /// as a wall-clock time in `zone`, a time entry's minutes with their unit, text as it is.
    pub fn shown(&self, value: Option<&str>, zone: chrono_tz::Tz) -> String {
        let Some(value) = value else { return "(none)".into() };
        match self.field.as_str() {
            "resolve_by" => value
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map_or_else(|| value.to_string(), |t| crate::domain::calendar::local_minute(zone, t)),
            "time entry" if value != "removed" => format!("{value} min"),
            _ => value.to_string(),
        }
    }
}

/// A change of a value two copies can change concurrently, as it is applied.
pub(super) struct Contender<'a> {
    /// The ticket or customer whose value it is.
    pub subject: &'a str,
    pub field: &'a str,
    /// The ticket, or the customer, it is about (one of them).
    pub ticket: Option<&'a str>,
    pub customer: Option<&'a str>,
    /// The change's clock (state-table form).
    pub clock: &'a [u8],
    /// What it replaced where it was made (`Change::prev`).
    pub prev: Option<&'a str>,
    pub value: Option<String>,
}

/// What a contended value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Of {
    Ticket,
    Customer,
}

impl<'a> Contender<'a> {
    /// A change of `id`'s `field` at clock `h`, `id` a ticket's or a customer's (`of`); a customer's
    /// fields are its name, contact and `tier from …`.
    pub(super) fn new(
        of: Of,
        id: &'a str,
        field: &'a str,
        h: &'a [u8],
        prev: &'a Option<String>,
        value: Option<String>,
    ) -> Self {
        let (ticket, customer) = match of {
            Of::Ticket => (Some(id), None),
            Of::Customer => (None, Some(id)),
        };
        Contender { subject: id, field, ticket, customer, clock: h, prev: prev.as_deref(), value }
    }
}

/// The value a contender found in force before it was applied: its clock and value.
pub(super) type InForce = Option<(Vec<u8>, Option<String>)>;

/// Keeps `contested` in step with a change `c` of a value, applied just now over `before` (the value in
/// force until then): the value that is no longer in force and was not replaced by `c` becomes a losing
/// leaf, or `c` itself when it lost; what `c` replaced is no longer a leaf.
pub(super) fn contend(conn: &Connection, c: &Contender<'_>, before: InForce) -> Result<()> {
    let prev = c.prev.map(super::codec::hlc_blob);
    let wins = before.as_ref().is_none_or(|(clock, _)| c.clock > clock.as_slice());
    if wins {
        if let Some((clock, value)) = before
            && prev.as_deref() != Some(clock.as_slice())
            && is_leaf(conn, &clock)?
        {
            lose(conn, c.subject, c.field, &clock, value.as_deref(), None, (c.ticket, c.customer))?;
        }
    } else if c.prev.is_some() {
        lose(conn, c.subject, c.field, c.clock, c.value.as_deref(), None, (c.ticket, c.customer))?;
    }
    if let Some(prev) = prev {
        conn.prepare_cached("DELETE FROM contested WHERE subject = id_blob(?1) AND field = ?2 AND loser = ?3")?
            .execute(params![c.subject, c.field, prev])?;
    }
    Ok(())
}

/// Fills in what a change made here replaces (`prev`: the clock of the value in force, `""` when there
/// is none), for a change of a value two copies can change concurrently that does not say yet.
pub(super) fn fill_prev(conn: &Connection, change: &mut Change) -> Result<()> {
    use Change::*;
    let in_force = match &*change {
        TicketTitleSet { id, .. } => ticket_value(conn, "title", id)?,
        TicketDescriptionSet { id, .. } => ticket_value(conn, "description", id)?,
        TicketKindSet { id, .. } => ticket_value(conn, "kind", id)?,
        TicketCustomerSet { id, .. } => ticket_value(conn, "customer", id)?,
        TicketStatusSet { id, .. } => ticket_value(conn, "status", id)?,
        TicketAssigneeSet { id, .. } => ticket_value(conn, "assignee", id)?,
        FirstResponse { id, .. } => ticket_value(conn, "resolve_by", id)?,
        CustomerRenamed { id, .. } => customer_value(conn, "name", id)?,
        CustomerContactSet { id, .. } => customer_value(conn, "contact", id)?,
        TierSet { customer, from, .. } => tier_value(conn, customer, &from.to_string())?,
        _ => return Ok(()),
    };
    if let Some(prev) = change.prev_mut().filter(|p| p.is_none()) {
        *prev = Some(in_force.map_or_else(String::new, |(clock, _)| hlc_text(&clock)));
    }
    Ok(())
}

/// Whether the change at `clock` is a leaf that can lose: a change with a `prev` (a creation, or a
/// change written before schema 11, is not).
fn is_leaf(conn: &Connection, clock: &[u8]) -> Result<bool> {
    Ok(op_at(conn, &hlc_text(clock))?.is_some_and(|op| op.change.prev().is_some()))
}

/// Records a losing leaf.
fn lose(
    conn: &Connection,
    subject: &str,
    field: &str,
    loser: &[u8],
    value: Option<&str>,
    version: Option<&str>,
    (ticket, customer): (Option<&str>, Option<&str>),
) -> Result<()> {
    let loser_text = if field == "timer" { id_text(loser) } else { hlc_text(loser) };
    let id = if field == "timer" {
        conflict_id(subject, "timer", subject, &loser_text)
    } else {
        conflict_id(subject, field, &loser_text, "")
    };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO contested (id, subject, field, loser, value, version, ticket_id, customer_id)
         VALUES (?1, id_blob(?2), ?3, ?4, ?5, id_blob(?6), id_blob(?7), id_blob(?8))",
    )?
    .execute(params![id, subject, field, loser, value, version, ticket, customer])?;
    Ok(())
}

/// The value in force of a ticket field (`title`, `status`, …; `resolve_by`: the promised date, whose
/// clock is the response's), before a change is applied.
pub(super) fn ticket_value(conn: &Connection, field: &str, id: &str) -> Result<InForce> {
    let (column, clock) = match field {
        "resolve_by" => ("CAST(resolve_by AS TEXT)", "response_hlc"),
        "title" => ("title", "title_hlc"),
        "description" => ("description", "description_hlc"),
        "kind" => ("kind", "kind_hlc"),
        "customer" => ("id_text(customer_id)", "customer_hlc"),
        "status" => ("status", "status_hlc"),
        "assignee" => ("assignee", "assignee_hlc"),
        _ => return Ok(None),
    };
    let sql = format!("SELECT {clock}, {column} FROM tickets WHERE id = id_blob(?1)");
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The value in force of a customer's `name` or `contact`.
pub(super) fn customer_value(conn: &Connection, field: &str, id: &str) -> Result<InForce> {
    let sql = match field {
        "name" => "SELECT name_hlc, name FROM customers WHERE id = id_blob(?1)",
        "contact" => "SELECT contact_hlc, contact FROM customers WHERE id = id_blob(?1)",
        _ => return Ok(None),
    };
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The tier in force from a month (`from`, `YYYY-MM`), if one was set from it.
pub(super) fn tier_value(conn: &Connection, customer: &str, from: &str) -> Result<InForce> {
    Ok(conn
        .prepare_cached("SELECT hlc, tier FROM tier_changes WHERE customer_id = id_blob(?1) AND from_month = ?2")?
        .query_row([customer, from], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The same id for the same conflict on every copy: FNV-1a (64 bits) over what it is about and the
/// two clocks (a derived conflict: the losing change's clock and nothing), as 16 hex digits.
fn conflict_id(subject: &str, field: &str, a: &str, b: &str) -> String {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in [subject, field, lo, hi].join("|").bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Applies a `ConflictSettled` operation: remembered (for copies that detect the conflict later) and
/// marked on the conflict if this copy has it. The later settlement by clock wins.
pub(super) fn settle(conn: &Connection, id: &str, resolution: &str, at: i64, h: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO conflict_settlements (id, resolution, settled_at, hlc) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET resolution = excluded.resolution, settled_at = excluded.settled_at,
            hlc = excluded.hlc
         WHERE excluded.hlc > conflict_settlements.hlc",
    )?
    .execute(params![id, resolution, at, h])?;
    conn.prepare_cached(
        "UPDATE sync_conflicts SET resolved_at = s.settled_at, resolution = s.resolution
         FROM (SELECT settled_at, resolution FROM conflict_settlements WHERE id = ?1) s WHERE sync_conflicts.id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::conflict_id;

    #[test]
    fn a_conflict_has_the_same_id_whichever_side_won() {
        let a = conflict_id("t1", "status", "000000000000001-000000-x", "000000000000002-000000-y");
        let b = conflict_id("t1", "status", "000000000000002-000000-y", "000000000000001-000000-x");
        assert_eq!(a, b);
        assert_ne!(a, conflict_id("t1", "title", "000000000000001-000000-x", "000000000000002-000000-y"));
        assert_eq!(a.len(), 16);
    }
}
