//! The log itself: appending an applied operation, its device and actor numbers, rewriting one.

use rusqlite::{Connection, OptionalExtension, params};

use super::apply;
use crate::store::{Change, OpRecord};
use crate::store::{Result, StoreError};

/// Applies `op` to the state tables and appends it to the log.
pub(in crate::store) fn apply_and_append(conn: &Connection, op: &OpRecord, zone: Option<chrono_tz::Tz>) -> Result<()> {
    apply_and_append_encoded(conn, op, None, zone)
}

/// As [`apply_and_append`], with the log's body of `op` already encoded (`codec::encode_body` of its
/// change, made beforehand — e.g. on other threads for a big import); `None`: encoded here.
pub(in crate::store) fn apply_and_append_encoded(
    conn: &Connection,
    op: &OpRecord,
    body: Option<Vec<u8>>,
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    // The ticket is found before applying (a stopped timer's row is gone after).
    let ticket = ticket_no(conn, &op.change)?;
    apply(conn, op, zone)?;
    crate::store::months::mark_repricing(conn, &op.change)?;
    append_encoded(conn, op, ticket, body)
}

/// Appends `op` to the log; `ticket`: the number (`tickets.no`) of the ticket whose history shows it;
/// `body`: its encoded change when made beforehand.
fn append_encoded(conn: &Connection, op: &OpRecord, ticket: Option<i64>, body: Option<Vec<u8>>) -> Result<()> {
    let hlc: crate::store::Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    let device = device_no(conn, &hlc.device)?;
    let actor = actor_no(conn, &op.actor)?;
    let body = match body {
        Some(body) => body,
        None => crate::store::codec::encode_body(&op.change)?,
    };
    conn.prepare_cached("INSERT INTO oplog (device, clock, actor, ticket, body) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![device, crate::store::codec::clock_of(&hlc), actor, ticket, body])?;
    Ok(())
}

/// The file's number for a device (added when new).
pub(super) fn device_no(conn: &Connection, device: &str) -> Result<i64> {
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
fn ticket_no(conn: &Connection, change: &Change) -> Result<Option<i64>> {
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
