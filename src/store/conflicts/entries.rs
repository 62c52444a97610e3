//! Conflicts about time entries (corrected or removed on two copies) and about timers that booked
//! nothing.

use rusqlite::{Connection, OptionalExtension, params};

use super::lose;
use crate::store::{Result, from_ts};

/// A version (row) of a time entry, or a removal of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::store) enum EntryNode {
    Version { row: String, clock: Vec<u8> },
    Removed { clock: Vec<u8> },
}

/// The version or removal of `entry` in force (`None`: the entry is not here yet).
pub(in crate::store) fn entry_in_force(conn: &Connection, entry: &str) -> Result<Option<EntryNode>> {
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
pub(in crate::store) fn contend_entry(
    conn: &Connection,
    entry: &str,
    incoming: &EntryNode,
    parent: Option<&str>,
    undone: Option<Vec<u8>>,
    before: Option<EntryNode>,
) -> Result<()> {
    // The entry's ticket, read only when a loser is recorded (nearly every version is the first of
    // its entry, or replaces the one in force: nothing to record).
    let record = |node: &EntryNode| -> Result<()> {
        let ticket: Option<String> = conn
            .prepare_cached(
                "SELECT id_text(t.id) FROM time_entries e JOIN tickets t ON t.no = e.ticket
                 WHERE e.id = id_blob(?1) OR e.entry = id_blob(?1) LIMIT 1",
            )?
            .query_row([entry], |r| r.get(0))
            .optional()?;
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
pub(in crate::store) fn timer_booked_nothing(conn: &Connection, earlier: &str, later: &str) -> Result<()> {
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
    let minutes = crate::store::work::timer_minutes(from_ts(from), from_ts(to));
    // Machine text, worded when read in the reader's language (`i18n::words::conflict_value`).
    let value = crate::domain::worktime::TimerRan { minutes, technician, ticket: number }.to_value();
    lose(conn, earlier, "timer", &crate::store::codec::id_blob(later), Some(&value), None, (Some(&ticket), None))
}
