//! Listing conflicts (derived ones completed with the values people read, and those recorded before
//! schema 11) and settling one.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{Conflict, EntryNode, customer_value, entry_in_force, ticket_value, tier_value};
use crate::store::change::Change;
use crate::store::codec::{hlc_text, id_text};
use crate::store::oplog::op_at;
use crate::store::{Result, Store, StoreError, from_ts};

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
            // Machine text like the other side's run (`timer-ran:…`), worded when shown (bb7 #10).
            conflict.kept_value = Some(crate::domain::worktime::TIMER_STOPPED.into());
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
            .parse::<crate::store::Hlc>()
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
    pub fn ticket_conflicts(&self, ticket_id: &crate::domain::TicketId) -> Result<Vec<Conflict>> {
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
                    // A ticket's customer is kept by id; people read it by name (two customers may read
                    // the same: the other side's id stays in `other_version`, what `--pick other` moves to).
                    conflict.other_version = conflict.other_value.clone();
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
        if ticket.is_none() {
            // Customers that read the same: open while both are in use (settled by a rename or a merge).
            out.extend(super::twins::twin_conflicts(conn)?);
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
                return Err(StoreError::Unknown(crate::store::Unknown::Conflict(id.to_string())));
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
