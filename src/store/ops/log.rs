//! The log itself: appending an applied operation, its device and actor numbers, rewriting one.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::apply;
use super::fresh::Fresh;
use crate::store::{Change, OpRecord};
use crate::store::{Result, StoreError};

/// The file's numbers of the devices and actors that one write transaction's operations name, each
/// looked up once (every operation asks for its device's and its actor's, a time entry for its device's
/// twice). Kept for one transaction only: a number added in a transaction that rolls back goes with it.
#[derive(Default)]
pub(in crate::store) struct Numbers {
    devices: RefCell<HashMap<String, i64>>,
    actors: RefCell<HashMap<String, i64>>,
    /// In a join's bulk load of an empty file: what it knows without asking (see [`Fresh`]).
    fresh: Option<Fresh>,
}

impl Numbers {
    /// Hands this transaction what a join's load knows ([`Fresh`]); give it back with
    /// [`Numbers::take_fresh`] once the transaction committed.
    pub(in crate::store) fn set_fresh(&mut self, fresh: Option<Fresh>) {
        self.fresh = fresh;
    }

    /// What [`Numbers::set_fresh`] handed over, with what this transaction added to it.
    pub(in crate::store) fn take_fresh(&mut self) -> Option<Fresh> {
        self.fresh.take()
    }

    /// What a join's load knows (`None`: any other write).
    pub(in crate::store) fn fresh(&self) -> Option<&Fresh> {
        self.fresh.as_ref()
    }

    /// The file's number for a device (added when new).
    pub(in crate::store) fn device(&self, conn: &Connection, device: &str) -> Result<i64> {
        if let Some(no) = self.devices.borrow().get(device) {
            return Ok(*no);
        }
        let no = device_no(conn, device)?;
        self.devices.borrow_mut().insert(device.to_string(), no);
        Ok(no)
    }

    /// The file's number for an actor (added when new).
    fn actor(&self, conn: &Connection, actor: &str) -> Result<i64> {
        if let Some(no) = self.actors.borrow().get(actor) {
            return Ok(*no);
        }
        let no = actor_no(conn, actor)?;
        self.actors.borrow_mut().insert(actor.to_string(), no);
        Ok(no)
    }
}

/// Applies `op` to the state tables and appends it to the log (`numbers`: the transaction's).
pub(in crate::store) fn apply_and_append(
    conn: &Connection,
    numbers: &Numbers,
    op: &OpRecord,
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    apply_and_append_encoded(conn, numbers, op, None, zone)
}

/// As [`apply_and_append`], with the log's body of `op` already encoded (`codec::encode_body` of its
/// change, made beforehand — e.g. on other threads for a big import); `None`: encoded here.
pub(in crate::store) fn apply_and_append_encoded(
    conn: &Connection,
    numbers: &Numbers,
    op: &OpRecord,
    body: Option<Vec<u8>>,
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    if let Some(fresh) = numbers.fresh() {
        fresh.before(&op.change);
    }
    // The ticket is found before applying (a stopped timer's row is gone after).
    let ticket = ticket_no(conn, numbers, &op.change)?;
    apply(conn, numbers, op, zone)?;
    if let Some(fresh) = numbers.fresh() {
        // (What the change's own look-ups kept, before it changed them.)
        fresh.after(&op.change);
    }
    crate::store::months::mark_repricing(conn, &op.change)?;
    append_encoded(conn, numbers, op, ticket, body)
}

/// Appends `op` to the log; `ticket`: the number (`tickets.no`) of the ticket whose history shows it;
/// `body`: its encoded change when made beforehand.
fn append_encoded(
    conn: &Connection,
    numbers: &Numbers,
    op: &OpRecord,
    ticket: Option<i64>,
    body: Option<Vec<u8>>,
) -> Result<()> {
    let hlc: crate::store::Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    let device = numbers.device(conn, &hlc.device)?;
    let actor = numbers.actor(conn, &op.actor)?;
    // A person the change names as the one who works (a time entry's or timer's technician, an
    // assignee) becomes known like one who acts: a name introduced once with `+` (`time add --by
    // +Jana`) is then found by `--by jana` on this copy and on every copy the change reaches (bb8 #1).
    if let Some(person) = person_named(&op.change) {
        numbers.actor(conn, person)?;
    }
    let body = match body {
        Some(body) => body,
        None => crate::store::codec::encode_body(&op.change)?,
    };
    conn.prepare_cached("INSERT INTO oplog (device, clock, actor, ticket, body) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![device, crate::store::codec::clock_of(&hlc), actor, ticket, body])?;
    Ok(())
}

/// The technician a change names as working (not blank).
fn person_named(change: &crate::store::Change) -> Option<&str> {
    use crate::store::Change;
    let person = match change {
        Change::TimeEntryAdded { technician, .. } | Change::TimerStarted { technician, .. } => technician.as_str(),
        Change::TicketOpened { assignee: Some(a), .. } | Change::TicketAssigneeSet { assignee: Some(a), .. } => {
            a.as_str()
        }
        _ => return None,
    };
    (!person.trim().is_empty()).then_some(person)
}

/// The file's number for a device (added when new).
fn device_no(conn: &Connection, device: &str) -> Result<i64> {
    // Looked up first: every operation asks, and the device is nearly always known (one statement, not
    // an attempted insert and a lookup).
    let id = crate::store::codec::id_blob(device);
    let mut find = conn.prepare_cached("SELECT no FROM devices WHERE id = ?1")?;
    if let Some(no) = find.query_row([&id], |r| r.get(0)).optional()? {
        return Ok(no);
    }
    conn.prepare_cached("INSERT INTO devices (id) VALUES (?1)")?.execute([&id])?;
    Ok(conn.last_insert_rowid())
}

fn actor_no(conn: &Connection, actor: &str) -> Result<i64> {
    let mut find = conn.prepare_cached("SELECT no FROM actors WHERE name = ?1")?;
    if let Some(no) = find.query_row([actor], |r| r.get(0)).optional()? {
        return Ok(no);
    }
    conn.prepare_cached("INSERT INTO actors (name) VALUES (?1)")?.execute([actor])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces a logged operation (the one at `old_hlc`) by `op`: only for a copy's own operations that no
/// other copy has seen (a copy taking a fresh identity).
pub(in crate::store) fn rewrite(conn: &Connection, old_hlc: &str, op: &OpRecord) -> Result<()> {
    let old: crate::store::Hlc = old_hlc.parse().map_err(StoreError::Invalid)?;
    let new: crate::store::Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    let body = crate::store::codec::encode_body(&op.change)?;
    let (old_device, new_device) = (device_no(conn, &old.device)?, device_no(conn, &new.device)?);
    conn.prepare_cached("UPDATE oplog SET device = ?3, clock = ?4, body = ?5 WHERE device = ?1 AND clock = ?2")?
        .execute(params![
            old_device,
            crate::store::codec::clock_of(&old),
            new_device,
            crate::store::codec::clock_of(&new),
            body
        ])?;
    Ok(())
}

/// The ticket (`tickets.no`) whose history shows a change.
fn ticket_no(conn: &Connection, numbers: &Numbers, change: &Change) -> Result<Option<i64>> {
    if let (Some(fresh), Some(ticket)) = (numbers.fresh(), change.ticket())
        && !matches!(
            change,
            Change::CommentDeleted { .. } | Change::TimeEntryVoided { .. } | Change::TimerStopped { .. }
        )
        && let Some(t) = fresh.ticket(conn, ticket)?
    {
        return Ok(Some(t.no));
    }
    let (sql, key) = match change {
        Change::CommentDeleted { id } => {
            ("SELECT t.no FROM comments c JOIN tickets t ON t.id = c.ticket_id WHERE c.id = id_blob(?1)", id.as_str())
        }
        Change::TimeEntryVoided { id } => ("SELECT ticket FROM time_entries WHERE id = id_blob(?1)", id.as_str()),
        Change::TimerStopped { id, .. } => {
            ("SELECT t.no FROM timers m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = id_blob(?1)", id.as_str())
        }
        other => match other.ticket() {
            Some(ticket) => ("SELECT no FROM tickets WHERE id = id_blob(?1)", ticket),
            None => return Ok(None),
        },
    };
    let found = conn.prepare_cached(sql)?.query_row([key], |r| r.get(0)).optional()?;
    if found.is_some() || !matches!(change, Change::TicketOpened { .. }) {
        return Ok(found);
    }
    // A ticket being opened has no row yet: it gets the number it had before a rebuild, or the next one.
    Ok(Some(conn.prepare_cached(
        "SELECT coalesce((SELECT no FROM temp.ticket_nos WHERE id = id_blob(?1)), (SELECT coalesce(max(no), 0) + 1 FROM tickets))",
    )?
    .query_row([key], |r| r.get(0))?))
}
