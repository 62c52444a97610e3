//! Sync conflicts: two copies changed the same thing without either having seen the other's change.
//!
//! The clock decides the winner on every copy (README, "Working offline": the table of concurrent
//! changes); the loser is recorded here, on the copy that imports the second change, so a person can
//! keep the result or pick the other value. What can conflict: a ticket field, the promised resolution
//! date, a time entry (corrected or removed on two copies, or a timer stopped on two), a customer's
//! tier from a month, a customer's name or contact.
//!
//! A conflict's id is derived from what it is about and both changes' clocks, so every copy that
//! detects it gives it the same id, and settling it on one copy (a `ConflictSettled` operation)
//! settles it on all of them, including copies that detect it only later.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::ops::{Change, OpRecord, entry_of};
use super::sync::Vector;
use super::{Hlc, Result, Store, StoreError, from_ts};

/// One recorded conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// The ticket it is about (also for a time entry: the entry's ticket).
    pub ticket_id: Option<String>,
    pub ticket_number: Option<String>,
    /// The customer it is about (tier, name, contact).
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    /// The id of the thing that changed: ticket, time entry or customer.
    pub subject: String,
    /// `title`, `status`, `kind`, `assignee`, `description`, `resolve_by`, `time entry`, `name`,
    /// `contact`, or `tier from YYYY-MM`.
    pub field: String,
    /// The value every copy now has (`resolve_by`: unix seconds; a time entry: its minutes or `removed`).
    pub kept_value: Option<String>,
    /// The value that lost, in the same form.
    pub other_value: Option<String>,
    /// For a time entry: the losing version's row id, or `removed`.
    pub other_version: Option<String>,
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

/// The two sides of a possible conflict, as found before the incoming change is applied.
struct Contest {
    subject: String,
    field: String,
    ticket: Option<String>,
    customer: Option<String>,
    local: Option<String>,
    local_hlc: String,
    local_version: Option<String>,
    incoming: Option<String>,
    incoming_version: Option<String>,
    /// Whether the two versions are the same change in every respect (not only the shown value).
    same: bool,
}

/// Records a conflict when `op` (from another copy, not applied yet) changes something whose local
/// value came from a change the sender had not seen, from another device, with a different value.
/// Returns whether one was recorded.
pub(super) fn detect(conn: &Connection, op: &OpRecord, peer_vector: &Vector, now: DateTime<Utc>) -> Result<bool> {
    let Some(c) = contest(conn, &op.change)? else { return Ok(false) };
    let (Ok(local_clock), Ok(incoming_clock)) = (c.local_hlc.parse::<Hlc>(), op.hlc.parse::<Hlc>()) else {
        return Ok(false);
    };
    let sender_knew = peer_vector.get(&local_clock.device).is_some_and(|seen| seen.as_str() >= c.local_hlc.as_str());
    if sender_knew || local_clock.device == incoming_clock.device || c.same {
        return Ok(false);
    }
    let incoming_wins = incoming_clock > local_clock;
    let (kept, other, other_version) = if incoming_wins {
        (c.incoming.clone(), c.local.clone(), c.local_version.clone())
    } else {
        (c.local.clone(), c.incoming.clone(), c.incoming_version.clone())
    };
    let (kept_hlc, other_hlc) =
        if incoming_wins { (op.hlc.clone(), c.local_hlc.clone()) } else { (c.local_hlc.clone(), op.hlc.clone()) };
    let id = conflict_id(&c.subject, &c.field, &kept_hlc, &other_hlc);
    let settled: Option<(String, i64)> = conn
        .prepare_cached("SELECT resolution, settled_at FROM conflict_settlements WHERE id = ?1")?
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (resolution, resolved_at) = settled.map_or((None, None), |(r, at)| (Some(r), Some(at)));
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO sync_conflicts (id, ticket_id, customer_id, subject, field, kept_value, other_value,
            kept_hlc, other_hlc, other_version, detected_at, resolved_at, resolution)
         VALUES (?1, id_blob(?2), id_blob(?3), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            id,
            c.ticket,
            c.customer,
            c.subject,
            c.field,
            kept,
            other,
            kept_hlc,
            other_hlc,
            other_version,
            now.timestamp(),
            resolved_at,
            resolution
        ])?;
    Ok(added > 0)
}

/// Records that a technician's timer started on one copy (`earlier`) ran on while they started another
/// (`later`) on another copy, for longer than one entry may be (`minutes`): it was stopped and booked
/// nothing, so the time must be logged by hand. The same conflict (id) on every copy that finds it.
pub(super) fn record_timer_overlap(
    conn: &Connection,
    earlier: &super::TimerRow,
    later: &super::TimerRow,
    minutes: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = conflict_id(&earlier.id, "timer", &earlier.id, &later.id);
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_conflicts (id, ticket_id, subject, field, kept_value, other_value, kept_hlc,
            other_hlc, detected_at)
         VALUES (?1, id_blob(?2), ?3, 'timer', 'stopped, nothing booked', ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        earlier.ticket_id,
        earlier.id,
        format!("ran {minutes} min until {} started a timer on ticket {}", later.technician, later.ticket_number),
        later.id,
        earlier.id,
        now.timestamp()
    ])?;
    Ok(())
}

/// The same id for the same conflict on every copy: FNV-1a (64 bits) over what it is about and the
/// two clocks, as 16 hex digits.
fn conflict_id(subject: &str, field: &str, a: &str, b: &str) -> String {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in [subject, field, lo, hi].join("|").bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What the incoming change would contend with, if it changes something that already has a value.
fn contest(conn: &Connection, change: &Change) -> Result<Option<Contest>> {
    let ticket_field = |field: &str, id: &str, incoming: Option<String>| -> Result<Option<Contest>> {
        let sql = format!("SELECT {field}, hlc_text({field}_hlc) FROM tickets WHERE id = id_blob(?1)");
        let found: Option<(Option<String>, String)> =
            conn.query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        Ok(found.map(|(local, local_hlc)| Contest {
            subject: id.to_string(),
            field: field.to_string(),
            ticket: Some(id.to_string()),
            customer: None,
            same: local == incoming,
            local,
            local_hlc,
            local_version: None,
            incoming,
            incoming_version: None,
        }))
    };
    Ok(match change {
        Change::TicketTitleSet { id, title } => ticket_field("title", id, Some(title.clone()))?,
        Change::TicketStatusSet { id, status } => ticket_field("status", id, Some(status.to_string()))?,
        Change::TicketAssigneeSet { id, assignee } => ticket_field("assignee", id, assignee.clone())?,
        Change::TicketKindSet { id, kind } => ticket_field("kind", id, Some(kind.to_string()))?,
        Change::TicketDescriptionSet { id, description } => ticket_field("description", id, Some(description.clone()))?,
        Change::FirstResponse { id, resolve_by, .. } => {
            let found: Option<(Option<i64>, String)> = conn
                .prepare_cached("SELECT resolve_by, hlc_text(response_hlc) FROM tickets WHERE id = id_blob(?1)")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                Some((Some(local), local_hlc)) => Some(Contest {
                    subject: id.clone(),
                    field: "resolve_by".into(),
                    ticket: Some(id.clone()),
                    customer: None,
                    same: local == *resolve_by,
                    local: Some(local.to_string()),
                    local_hlc,
                    local_version: None,
                    incoming: Some(resolve_by.to_string()),
                    incoming_version: None,
                }),
                _ => None,
            }
        }
        Change::TierSet { customer, from, tier } => {
            let found: Option<(String, String)> = conn
                .prepare_cached(
                    "SELECT tier, hlc_text(hlc) FROM tier_changes WHERE customer_id = id_blob(?1) AND from_month = ?2",
                )?
                .query_row(params![customer, from.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            found.map(|(local, local_hlc)| Contest {
                subject: customer.clone(),
                field: format!("tier from {from}"),
                ticket: None,
                customer: Some(customer.clone()),
                same: local == tier.as_str(),
                local: Some(local),
                local_hlc,
                local_version: None,
                incoming: Some(tier.as_str().to_string()),
                incoming_version: None,
            })
        }
        Change::CustomerRenamed { id, name } => customer_field(conn, "name", id, name)?,
        Change::CustomerContactSet { id, contact } => customer_field(conn, "contact", id, contact)?,
        Change::TimeEntryAdded { id, entry, replaces, .. } => {
            let logical = match (entry, replaces) {
                (Some(e), _) => Some(e.clone()),
                (None, Some(old)) => entry_of(conn, old)?,
                (None, None) => None,
            };
            match logical {
                Some(logical) => entry_contest(conn, &logical, Some((id, change)))?,
                None => None,
            }
        }
        Change::TimeEntryVoided { id } => match entry_of(conn, id)? {
            Some(logical) => entry_contest(conn, &logical, None)?,
            None => None,
        },
        _ => None,
    })
}

fn customer_field(conn: &Connection, field: &str, id: &str, incoming: &str) -> Result<Option<Contest>> {
    let sql = format!("SELECT {field}, hlc_text({field}_hlc) FROM customers WHERE id = id_blob(?1)");
    let found: Option<(String, String)> = conn.query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(found.map(|(local, local_hlc)| Contest {
        subject: id.to_string(),
        field: field.to_string(),
        ticket: None,
        customer: Some(id.to_string()),
        same: local == incoming,
        local: Some(local),
        local_hlc,
        local_version: None,
        incoming: Some(incoming.to_string()),
        incoming_version: None,
    }))
}

/// An entry's current version here against an incoming version (`Some`) or removal (`None`).
fn entry_contest(conn: &Connection, entry: &str, incoming: Option<(&String, &Change)>) -> Result<Option<Contest>> {
    type Version = (String, String, String, i64, i64, String, String, String);
    let newest: Option<Version> = conn
        .prepare_cached(
            "SELECT id_text(e.id), hlc_text(hlc_pack(e.clock, d.id)) AS h, id_text(t.id), e.started_at, e.minutes,
                e.role, e.technician, e.note
             FROM time_entries e JOIN tickets t ON t.no = e.ticket LEFT JOIN devices d ON d.no = e.device
             WHERE e.id = id_blob(?1) OR e.entry = id_blob(?1) ORDER BY hlc_pack(e.clock, d.id) DESC, e.id DESC LIMIT 1",
        )?
        .query_row([entry], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })
        .optional()?;
    let Some((row, row_hlc, ticket, started, minutes, role, technician, note)) = newest else { return Ok(None) };
    let removed: Option<String> = conn
        .prepare_cached("SELECT hlc_text(hlc) FROM entry_removals WHERE entry = id_blob(?1)")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    let (local, local_hlc, local_version) = match removed {
        Some(gone) if gone > row_hlc => (None, gone, "removed".to_string()),
        _ => (Some((started, minutes, role, technician, note)), row_hlc, row.clone()),
    };
    let (incoming_value, incoming_version, same) = match incoming {
        Some((id, Change::TimeEntryAdded { started_at, minutes, role, technician, note, .. })) => {
            let theirs =
                (*started_at, i64::from(*minutes), role.as_str().to_string(), technician.clone(), note.clone());
            let same = local.as_ref() == Some(&theirs);
            (Some(minutes.to_string()), id.clone(), same)
        }
        _ => (None, "removed".to_string(), local.is_none()),
    };
    Ok(Some(Contest {
        subject: entry.to_string(),
        field: "time entry".into(),
        ticket: Some(ticket),
        customer: None,
        local: Some(local.map_or_else(|| "removed".to_string(), |l| l.1.to_string())),
        local_hlc,
        local_version: Some(local_version),
        incoming: Some(incoming_value.unwrap_or_else(|| "removed".to_string())),
        incoming_version: Some(incoming_version),
        same,
    }))
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

fn read_conflict(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
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

const SELECT: &str = "SELECT s.id, id_text(s.ticket_id), t.number, id_text(s.customer_id), c.name, s.subject, s.field,
        s.kept_value,
        s.other_value, s.other_version, s.detected_at, s.resolution
    FROM sync_conflicts s LEFT JOIN tickets t ON t.id = s.ticket_id LEFT JOIN customers c ON c.id = s.customer_id";

impl Store {
    /// Conflicts, unresolved first, newest first.
    pub fn conflicts(&self, include_resolved: bool) -> Result<Vec<Conflict>> {
        let sql = format!(
            "{SELECT} {} ORDER BY s.resolved_at IS NOT NULL, s.detected_at DESC, s.id",
            if include_resolved { "" } else { "WHERE s.resolved_at IS NULL" }
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], read_conflict)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A ticket's unresolved conflicts (its fields, promise and time entries).
    pub fn ticket_conflicts(&self, ticket_id: &str) -> Result<Vec<Conflict>> {
        let sql = format!(
            "{SELECT} WHERE s.ticket_id = id_blob(?1) AND s.resolved_at IS NULL ORDER BY s.detected_at DESC, s.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([ticket_id], read_conflict)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Settles an open conflict on every copy (`resolution`: `kept` or `picked the other value`);
    /// picking the other value is a normal change the caller records first.
    pub fn settle_conflict(&mut self, id: &str, resolution: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let open: Option<i64> = w
                .conn()
                .query_row("SELECT 1 FROM sync_conflicts WHERE id = ?1 AND resolved_at IS NULL", [id], |r| r.get(0))
                .optional()?;
            if open.is_none() {
                return Err(StoreError::NotFound(format!("no open conflict `{id}`; see `helpdesk sync conflicts`")));
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
