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

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::change::Change;
use super::codec::{hlc_text, id_text};
use super::oplog::op_at;
use super::{Result, Store, StoreError, from_ts};

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
    /// For a time entry: the losing version's row id, or `removed`.
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

/// A version (row) of a time entry, or a removal of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EntryNode {
    Version { row: String, clock: Vec<u8> },
    Removed { clock: Vec<u8> },
}

/// The version or removal of `entry` in force (`None`: the entry is not here yet).
pub(super) fn entry_in_force(conn: &Connection, entry: &str) -> Result<Option<EntryNode>> {
    let version = conn
        .prepare_cached(
            "SELECT id_text(e.id), hlc_pack(e.clock, d.id) FROM time_entries e LEFT JOIN devices d ON d.no = e.device
             WHERE (e.id = id_blob(?1) OR e.entry = id_blob(?1)) AND e.voided = 0",
        )?
        .query_row([entry], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((row, clock)) = version {
        return Ok(Some(EntryNode::Version { row, clock }));
    }
    let removed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT hlc FROM entry_removals WHERE entry = id_blob(?1)")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    Ok(removed.map(|clock| EntryNode::Removed { clock }))
}

/// [`contend`] for a time entry: `incoming` (a version or removal, applied just now; `parent`: the row it
/// replaced or removed, `None` for a first version or a timer's; `undone`: the clock of a removal the
/// version undoes, see `Change::TimeEntryAdded::restores`) over `before`.
pub(super) fn contend_entry(
    conn: &Connection,
    entry: &str,
    incoming: &EntryNode,
    parent: Option<&str>,
    undone: Option<Vec<u8>>,
    before: Option<EntryNode>,
) -> Result<()> {
    let ticket: Option<String> = conn
        .prepare_cached(
            "SELECT id_text(t.id) FROM time_entries e JOIN tickets t ON t.no = e.ticket
             WHERE e.id = id_blob(?1) OR e.entry = id_blob(?1) LIMIT 1",
        )?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    let record = |node: &EntryNode| -> Result<()> {
        match node {
            EntryNode::Version { row, clock } => {
                lose(conn, entry, "time entry", clock, None, Some(row), (ticket.as_deref(), None))
            }
            EntryNode::Removed { clock } => {
                lose(conn, entry, "time entry", clock, Some("removed"), None, (ticket.as_deref(), None))
            }
        }
    };
    let now = entry_in_force(conn, entry)?;
    if now.as_ref() == Some(incoming) {
        if let Some(before) = before {
            let replaced = match &before {
                EntryNode::Version { row, .. } => parent == Some(row.as_str()),
                EntryNode::Removed { clock } => undone.as_ref() == Some(clock),
            };
            if !replaced {
                record(&before)?;
            }
        }
    } else {
        record(incoming)?;
    }
    if let Some(parent) = parent {
        conn.prepare_cached(
            "DELETE FROM contested WHERE subject = id_blob(?1) AND field = 'time entry' AND version = id_blob(?2)",
        )?
        .execute([entry, parent])?;
    }
    if let Some(removal) = undone {
        conn.prepare_cached(
            "DELETE FROM contested WHERE subject = id_blob(?1) AND field = 'time entry' AND version IS NULL
                AND loser = ?2",
        )?
        .execute(params![entry, removal])?;
    }
    Ok(())
}

/// Records that a technician's timer (`earlier`) was stopped without booking anything because their
/// timer `later` (started on another copy) started more than a day after it: the time must be logged by
/// hand. Applied with the stop, so every copy that holds the stop lists it.
pub(super) fn timer_booked_nothing(conn: &Connection, earlier: &str, later: &str) -> Result<()> {
    type Timer = (i64, String, String, Option<String>);
    let read = |id: &str| -> Result<Option<Timer>> {
        Ok(conn
            .prepare_cached(
                "SELECT m.started_at, m.technician, id_text(m.ticket_id), t.number
                 FROM timers m LEFT JOIN tickets t ON t.id = m.ticket_id WHERE m.id = id_blob(?1)",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?)
    };
    let (Some((from, _, ticket, _)), Some((to, technician, _, number))) = (read(earlier)?, read(later)?) else {
        return Ok(());
    };
    let minutes = super::work::timer_minutes(from_ts(from), from_ts(to));
    // Machine text, worded when read in the reader's language (`i18n::words::conflict_value`).
    let value = crate::domain::worktime::TimerRan { minutes, technician, ticket: number }.to_value();
    lose(conn, earlier, "timer", &super::codec::id_blob(later), Some(&value), None, (Some(&ticket), None))
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

/// A conflict recorded before schema 11 (`sync_conflicts`), as listed.
fn read_recorded(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    Ok(Conflict {
        id: r.get(0)?,
        ticket_id: r.get(1)?,
        ticket_number: r.get(2)?,
        customer_id: r.get(3)?,
        customer_name: r.get(4)?,
        subject: r.get(5)?,
        field: r.get(6)?,
        kept_value: r.get(7)?,
        other_value: r.get(8)?,
        other_version: r.get(9)?,
        detected_at: from_ts(r.get(10)?),
        resolved: r.get(11)?,
    })
}

const RECORDED: &str =
    "SELECT s.id, id_text(s.ticket_id), t.number, id_text(s.customer_id), c.name, s.subject, s.field,
        s.kept_value, s.other_value, s.other_version, s.detected_at, s.resolution, s.other_hlc
    FROM sync_conflicts s LEFT JOIN tickets t ON t.id = s.ticket_id LEFT JOIN customers c ON c.id = s.customer_id";

/// A row of `contested` as read: the conflict without its values, and its losing side.
struct Losing {
    conflict: Conflict,
    loser: Vec<u8>,
    value: Option<String>,
}

const CONTESTED: &str = "SELECT k.id, id_text(k.subject), k.field, k.loser, k.value, id_text(k.version),
        id_text(k.ticket_id), t.number, id_text(k.customer_id), c.name, s.resolution
    FROM contested k LEFT JOIN tickets t ON t.id = k.ticket_id LEFT JOIN customers c ON c.id = k.customer_id
        LEFT JOIN conflict_settlements s ON s.id = k.id";

fn read_contested(r: &rusqlite::Row<'_>) -> rusqlite::Result<Losing> {
    let version: Option<String> = r.get(5)?;
    let field: String = r.get(2)?;
    let other_version = (field == "time entry").then(|| version.unwrap_or_else(|| "removed".into()));
    Ok(Losing {
        conflict: Conflict {
            id: r.get(0)?,
            subject: r.get(1)?,
            field,
            ticket_id: r.get(6)?,
            ticket_number: r.get(7)?,
            customer_id: r.get(8)?,
            customer_name: r.get(9)?,
            kept_value: None,
            other_value: None,
            other_version,
            detected_at: DateTime::default(),
            resolved: r.get(10)?,
        },
        loser: r.get(3)?,
        value: r.get(4)?,
    })
}

/// What a time entry's version holds, as two versions are compared: (started, minutes, role, technician,
/// note); `None` for a removal.
type EntryContent = Option<(i64, i64, String, String, String)>;

fn entry_content(conn: &Connection, row: Option<&str>) -> Result<EntryContent> {
    let Some(row) = row else { return Ok(None) };
    Ok(conn
        .prepare_cached("SELECT started_at, minutes, role, technician, note FROM time_entries WHERE id = id_blob(?1)")?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?)
}

/// Fills in a derived conflict's values (the one in force now, the losing one) and when the losing change
/// was made; whether the two still differ (`false`: nothing is left to decide).
fn complete(conn: &Connection, l: Losing) -> Result<(Conflict, bool)> {
    let Losing { mut conflict, loser, value } = l;
    let subject = conflict.subject.clone();
    let differ = match conflict.field.as_str() {
        "time entry" => {
            let kept = match entry_in_force(conn, &subject)? {
                Some(EntryNode::Version { row, .. }) => Some(row),
                _ => None,
            };
            let other = conflict.other_version.clone().filter(|v| v != "removed");
            let (kept_content, other_content) =
                (entry_content(conn, kept.as_deref())?, entry_content(conn, other.as_deref())?);
            let shown = |c: &EntryContent| Some(c.as_ref().map_or_else(|| "removed".to_string(), |c| c.1.to_string()));
            conflict.kept_value = shown(&kept_content);
            conflict.other_value = shown(&other_content);
            if kept_content == other_content && conflict.resolved.is_some() {
                // Picked: what was kept until then is what the version in force replaced.
                conflict.kept_value = Some(replaced_entry_value(conn, kept.as_deref())?);
            }
            kept_content != other_content
        }
        "timer" => {
            conflict.kept_value = Some("stopped, nothing booked".into());
            conflict.other_value = value;
            true
        }
        field => {
            let kept = match field.strip_prefix("tier from ") {
                Some(month) => tier_value(conn, &subject, month)?,
                None if conflict.customer_id.is_some() => customer_value(conn, field, &subject)?,
                None => ticket_value(conn, field, &subject)?,
            };
            let in_force = kept.as_ref().map(|(clock, _)| clock.clone());
            conflict.kept_value = kept.and_then(|(_, v)| v);
            conflict.other_value = value;
            let differ = conflict.kept_value != conflict.other_value;
            if !differ
                && conflict.resolved.is_some()
                && let Some(before) = replaced_value(conn, field, in_force.as_deref())?
            {
                // Picked: what was kept until then is the value the one in force replaced.
                conflict.kept_value = before;
            }
            differ
        }
    };
    conflict.detected_at = if conflict.field == "timer" {
        conn.prepare_cached("SELECT started_at FROM timers WHERE id = ?1")?
            .query_row([&loser], |r| r.get(0))
            .optional()?
            .map_or_else(DateTime::default, from_ts)
    } else {
        hlc_text(&loser)
            .parse::<super::Hlc>()
            .ok()
            .and_then(|h| DateTime::from_timestamp_millis(h.millis))
            .unwrap_or_default()
    };
    Ok((conflict, differ))
}

/// The value that the change at `clock` (of `field`) replaced where it was made, from the log: what was in
/// force before a conflict's other value was picked. `None` when the log does not say.
fn replaced_value(conn: &Connection, field: &str, clock: Option<&[u8]>) -> Result<Option<Option<String>>> {
    let Some(clock) = clock else { return Ok(None) };
    let Some(prev) = op_at(conn, &hlc_text(clock))?.and_then(|op| op.change.prev().map(str::to_string)) else {
        return Ok(None);
    };
    let Some(before) = op_at(conn, &prev)? else { return Ok(None) };
    use Change::*;
    Ok(match (field, before.change) {
        ("title", TicketTitleSet { title: v, .. } | TicketOpened { title: v, .. }) => Some(Some(v)),
        ("description", TicketDescriptionSet { description: v, .. } | TicketOpened { description: v, .. }) => {
            Some(Some(v))
        }
        ("kind", TicketKindSet { kind, .. } | TicketOpened { kind, .. }) => Some(Some(kind.to_string())),
        ("customer", TicketCustomerSet { customer: v, .. } | TicketOpened { customer: v, .. }) => Some(Some(v)),
        ("status", TicketStatusSet { status, .. }) => Some(Some(status.to_string())),
        ("status", TicketOpened { .. }) => Some(Some(crate::domain::TicketStatus::New.to_string())),
        ("assignee", TicketAssigneeSet { assignee, .. } | TicketOpened { assignee, .. }) => Some(assignee),
        ("resolve_by", FirstResponse { resolve_by, .. }) => Some(Some(resolve_by.to_string())),
        ("name", CustomerRenamed { name: v, .. } | CustomerCreated { name: v, .. }) => Some(Some(v)),
        ("contact", CustomerContactSet { contact: v, .. } | CustomerCreated { contact: v, .. }) => Some(Some(v)),
        (f, TierSet { tier, .. }) if f.starts_with("tier from ") => Some(Some(tier.as_str().to_string())),
        _ => None,
    })
}

/// What the time-entry version `row` replaced, as listed: its minutes, or `removed` when it brought the
/// entry back (or the row itself when it replaced nothing).
fn replaced_entry_value(conn: &Connection, row: Option<&str>) -> Result<String> {
    let Some(row) = row else { return Ok("removed".into()) };
    let found: Option<(Option<i64>, i64)> = conn
        .prepare_cached(
            "SELECT (SELECT p.minutes FROM time_entries p WHERE p.id = e.replaces), e.minutes
             FROM time_entries e WHERE e.id = id_blob(?1)",
        )?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let restores = op_entry_restores(conn, row)?;
    Ok(match found {
        _ if restores => "removed".into(),
        Some((Some(before), _)) => before.to_string(),
        Some((None, minutes)) => minutes.to_string(),
        None => "removed".into(),
    })
}

/// Whether the time-entry version `row` brought a removed entry back (`restores`), from the log.
fn op_entry_restores(conn: &Connection, row: &str) -> Result<bool> {
    let clock: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT hlc_pack(e.clock, d.id) FROM time_entries e LEFT JOIN devices d ON d.no = e.device
             WHERE e.id = id_blob(?1)",
        )?
        .query_row([row], |r| r.get(0))
        .optional()?;
    let Some(clock) = clock else { return Ok(false) };
    Ok(matches!(
        op_at(conn, &hlc_text(&clock))?.map(|op| op.change),
        Some(Change::TimeEntryAdded { restores: Some(_), .. })
    ))
}

impl Store {
    /// Conflicts, unresolved first, newest first: the open ones, and with `include_resolved` the settled
    /// ones too.
    pub fn conflicts(&self, include_resolved: bool) -> Result<Vec<Conflict>> {
        self.listed(None, include_resolved)
    }

    /// A ticket's open conflicts (its fields, promise and time entries).
    pub fn ticket_conflicts(&self, ticket_id: &str) -> Result<Vec<Conflict>> {
        self.listed(Some(ticket_id), false)
    }

    fn listed(&self, ticket: Option<&str>, include_resolved: bool) -> Result<Vec<Conflict>> {
        let conn = self.conn();
        // Conflicts recorded before schema 11, by what lost: a derived conflict about the same losing
        // change is that one (its id and settlement, so a conflict settled then stays settled).
        let mut recorded: Vec<(Conflict, String, bool)> = {
            let filter = if ticket.is_some() { "WHERE s.ticket_id = id_blob(?1)" } else { "WHERE ?1 IS NULL" };
            let mut stmt = conn.prepare_cached(&format!("{RECORDED} {filter}"))?;
            let rows = stmt.query_map([ticket], |r| Ok((read_recorded(r)?, r.get::<_, String>(12)?)))?;
            rows.map(|r| r.map(|(c, other)| (c, other, false))).collect::<rusqlite::Result<_>>()?
        };
        let filter = if ticket.is_some() { "WHERE k.ticket_id = id_blob(?1)" } else { "WHERE ?1 IS NULL" };
        let mut out = Vec::new();
        {
            let mut stmt = conn.prepare_cached(&format!("{CONTESTED} {filter}"))?;
            let rows: Vec<Losing> = stmt.query_map([ticket], read_contested)?.collect::<rusqlite::Result<_>>()?;
            for row in rows {
                let loser = if row.conflict.field == "timer" { id_text(&row.loser) } else { hlc_text(&row.loser) };
                let (mut conflict, differ) = complete(conn, row)?;
                if conflict.field == "customer" {
                    // A ticket's customer is kept by id; people read (and pick) it by name.
                    for v in [&mut conflict.kept_value, &mut conflict.other_value].into_iter().flatten() {
                        let name: Option<String> = conn
                            .prepare_cached("SELECT name FROM customers WHERE id = id_blob(?1)")?
                            .query_row([v.as_str()], |r| r.get(0))
                            .optional()?;
                        if let Some(name) = name {
                            *v = name;
                        }
                    }
                }
                if let Some((before, _, used)) = recorded
                    .iter_mut()
                    .find(|(c, other, _)| c.subject == conflict.subject && c.field == conflict.field && *other == loser)
                {
                    *used = true;
                    conflict.id = before.id.clone();
                    conflict.resolved = conflict.resolved.or_else(|| before.resolved.clone());
                }
                let shown = if conflict.resolved.is_some() { include_resolved } else { differ };
                if shown {
                    out.push(conflict);
                }
            }
        }
        for (conflict, _, used) in recorded {
            if !used && (include_resolved || conflict.resolved.is_none()) {
                out.push(conflict);
            }
        }
        out.sort_by(|a, b| {
            (a.resolved.is_some(), std::cmp::Reverse(a.detected_at), &a.id).cmp(&(
                b.resolved.is_some(),
                std::cmp::Reverse(b.detected_at),
                &b.id,
            ))
        });
        Ok(out)
    }

    /// Settles an open conflict on every copy (`resolution`: `kept` or `picked the other value`);
    /// picking the other value is a normal change the caller records first (after which the two values
    /// are alike and the conflict is no longer listed as open, but can still be settled). Errors:
    /// `NotFound` when there is no such conflict or it is settled already.
    pub fn settle_conflict(&mut self, id: &str, resolution: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let open: Option<i64> = w
                .conn()
                .query_row(
                    "SELECT 1 FROM contested k WHERE k.id = ?1
                        AND NOT EXISTS (SELECT 1 FROM conflict_settlements s WHERE s.id = k.id)
                     UNION ALL SELECT 1 FROM sync_conflicts WHERE id = ?1 AND resolved_at IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if open.is_none() {
                return Err(StoreError::NotFound(crate::t!("sync-no-such-conflict", id = id)));
            }
            w.record(Change::ConflictSettled {
                id: id.to_string(),
                resolution: resolution.to_string(),
                at: now.timestamp(),
            })?;
            Ok(())
        })
    }
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
