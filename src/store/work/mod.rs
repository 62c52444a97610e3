//! Work on tickets: comments, time entries (insert-once; corrections void and replace), running timers,
//! a ticket's history from the log, and the per-month reads billing needs.

mod comments;
mod queries;
mod timers;

pub use comments::CommentRow;
pub(super) use queries::{read_work, read_work_from, role_of};
pub(super) use timers::stop_overlapping_timers;
pub use timers::{StoppedTimer, TimerRow, TimerStop, timer_minutes};

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};

use super::change::Change;
use super::{Result, Store, StoreError, from_ts, new_id};
use crate::domain::Role;
use crate::domain::text::clean;
use crate::domain::{EntryId, Minutes, TicketId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntryRow {
    pub id: EntryId,
    pub ticket_id: TicketId,
    pub started_at: DateTime<Utc>,
    pub minutes: u32,
    pub technician: String,
    pub role: Role,
    pub note: String,
    /// The version this row corrected.
    pub replaces: Option<String>,
    /// The entry this row is a version of (stable across corrections: what people refer to).
    pub entry: String,
    /// What the timer that booked this version said, when it was cut at the start of its technician's
    /// next timer (`minutes` holds the cut; see [`Store::entry_cut`]).
    pub ran: Option<u32>,
}

fn read_entry(row: &Row<'_>) -> rusqlite::Result<TimeEntryRow> {
    Ok(TimeEntryRow {
        id: row.get(0)?,
        ticket_id: row.get(1)?,
        started_at: from_ts(row.get(2)?),
        minutes: row.get(3)?,
        technician: row.get(4)?,
        role: row.get::<_, String>(5)?.parse().unwrap_or(Role::Technician),
        note: row.get(6)?,
        replaces: row.get(7)?,
        entry: row.get(8)?,
        ran: row.get(9)?,
    })
}

/// Time entries `e` as [`read_entry`] reads them (`WHERE …` may follow).
const ENTRY_SELECT: &str = "SELECT id_text(e.id), id_text(t.id), e.started_at, e.minutes, e.technician, e.role, e.note,
        id_text(e.replaces), id_text(coalesce(e.entry, e.id)), e.ran
    FROM time_entries e JOIN tickets t ON t.no = e.ticket";

/// A new time entry, as typed.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub ticket_id: TicketId,
    pub started_at: DateTime<Utc>,
    pub minutes: Minutes,
    pub role: Role,
    pub technician: String,
    pub note: String,
}

/// A version a timer booked that ran past the start of the same technician's next timer, and was cut
/// there: a technician works on one timer at a time (README, "Working offline": the timer rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCut {
    /// The minutes the timer booked (the entry holds fewer: until `at`).
    pub ran_minutes: u32,
    /// When the next timer started.
    pub at: DateTime<Utc>,
    /// The ticket the next timer was started on.
    pub next_ticket_number: String,
}

/// Which entry a new row is a version of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VersionOf {
    /// A new entry (the row is its first version).
    New,
    /// A correction of the entry whose current row is this one.
    Correction(String),
    /// What the timer with this id booked when stopped (the same entry on every copy that stops it).
    Timer(String),
    /// An entry that was removed, brought back: `row` is the row the removal removed, `removal` the
    /// removal's clock (see `Change::TimeEntryAdded::restores`).
    Restore { row: String, removal: String },
}

impl Store {
    pub fn add_time_entry(&mut self, entry: NewEntry, now: DateTime<Utc>) -> Result<TimeEntryRow> {
        self.write(now, |w| insert_entry(w, entry, VersionOf::New, false))
    }

    /// Corrects an entry whose current row is `old_id`: the correction is a new version of the same
    /// entry (the old row is voided; both stay in the log). Of two corrections made on two copies, the
    /// later by clock is the entry's version on every copy.
    pub fn correct_time_entry(
        &mut self,
        old_id: &EntryId,
        entry: NewEntry,
        now: DateTime<Utc>,
    ) -> Result<TimeEntryRow> {
        self.write(now, |w| {
            let voided: Option<bool> = w
                .conn()
                .query_row("SELECT voided FROM time_entries WHERE id = id_blob(?1)", [old_id], |r| r.get(0))
                .optional()?;
            match voided {
                None => Err(StoreError::NotFound(t!("no-such-entry"))),
                Some(true) => Err(StoreError::Invalid(t!("entry-already-changed"))),
                Some(false) => {
                    refuse_closed_entry(w.conn(), old_id)?;
                    insert_entry(w, entry, VersionOf::Correction(old_id.to_string()), false)
                }
            }
        })
    }

    pub fn void_time_entry(&mut self, id: &EntryId, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            require_current_entry(w.conn(), id)?;
            refuse_closed_entry(w.conn(), id)?;
            w.record(Change::TimeEntryVoided { id: id.to_string() })?;
            Ok(())
        })
    }

    /// Makes `version` (one of the entry's rows, or `removed`) the entry's current version again, as a
    /// new change (so it wins by clock on every copy): what picking the other side of a time-entry
    /// conflict does. Work in a closed month is refused (book it with `--correction`).
    pub fn restore_entry_version(&mut self, entry: &EntryId, version: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            // The new version replaces what is in force, so it is no new conflict with it: the current
            // version, or the removal (and the row it removed).
            let (current, removal) = match super::conflicts::entry_in_force(w.conn(), entry)? {
                Some(super::conflicts::EntryNode::Version { row, .. }) => (row, None),
                Some(super::conflicts::EntryNode::Removed { clock }) => {
                    let removal = super::codec::hlc_text(&clock);
                    match super::oplog::op_at(w.conn(), &removal)?.map(|op| op.change) {
                        Some(Change::TimeEntryVoided { id }) => (id, Some(removal)),
                        _ => return Err(StoreError::NotFound(t!("entry-removal-missing"))),
                    }
                }
                None => return Err(StoreError::NotFound(t!("no-such-entry"))),
            };
            refuse_closed_entry(w.conn(), &current)?;
            if version == "removed" {
                if removal.is_none() {
                    w.record(Change::TimeEntryVoided { id: current })?;
                }
                return Ok(());
            }
            let sql = format!("{ENTRY_SELECT} WHERE e.id = id_blob(?1) AND coalesce(e.entry, e.id) = id_blob(?2)");
            let old = w
                .conn()
                .prepare_cached(&sql)?
                .query_row([version, entry], read_entry)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(t!("entry-version-missing")))?;
            let again = NewEntry {
                ticket_id: old.ticket_id,
                started_at: old.started_at,
                minutes: Minutes::new(old.minutes)?,
                role: old.role,
                technician: old.technician,
                note: old.note,
            };
            let of = match removal {
                Some(removal) => VersionOf::Restore { row: current, removal },
                None => VersionOf::Correction(current),
            };
            insert_entry(w, again, of, false)?;
            Ok(())
        })
    }

    /// How a version (row) a timer booked was cut at the start of its technician's next timer, if it was
    /// (see `cuts.rs`).
    pub fn entry_cut(&self, row: &EntryId) -> Result<Option<EntryCut>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT e.ran, n.started_at, coalesce(t.number, '?') FROM time_entries e
                    JOIN timers m ON m.id = e.entry
                    JOIN timers n ON n.technician = m.technician AND (n.started_at, n.id) > (m.started_at, m.id)
                    LEFT JOIN tickets t ON t.id = n.ticket_id
                 WHERE e.id = id_blob(?1) AND e.ran IS NOT NULL ORDER BY n.started_at, n.id LIMIT 1",
            )?
            .query_row([row], |r| {
                Ok(EntryCut { ran_minutes: r.get(0)?, at: from_ts(r.get(1)?), next_ticket_number: r.get(2)? })
            })
            .optional()?)
    }

    /// One entry (voided or not) with its ticket.
    pub fn entry_with_ticket(&self, entry_id: &EntryId) -> Result<Option<(TimeEntryRow, super::TicketRow)>> {
        let sql = format!("{ENTRY_SELECT} WHERE e.id = id_blob(?1)");
        let Some(entry) = self.conn().prepare_cached(&sql)?.query_row([entry_id], read_entry).optional()? else {
            return Ok(None);
        };
        Ok(self.ticket(&entry.ticket_id)?.map(|t| (entry, t)))
    }

    /// The ticket's current (not voided) time entries in the order the work started.
    pub fn time_entries(&self, ticket_id: &TicketId) -> Result<Vec<TimeEntryRow>> {
        let sql = format!(
            "{ENTRY_SELECT} WHERE e.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) AND e.voided = 0
             ORDER BY e.started_at, e.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([ticket_id], read_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn require_ticket_id(conn: &rusqlite::Connection, ticket_id: &str) -> Result<(String, String)> {
    conn.prepare_cached("SELECT id_text(customer_id), kind FROM tickets WHERE id = id_blob(?1)")?
        .query_row([ticket_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(t!("no-such-ticket-plain")))
}

pub(super) fn insert_entry(
    w: &mut super::Writer<'_>,
    e: NewEntry,
    of: VersionOf,
    allow_closed: bool,
) -> Result<TimeEntryRow> {
    if !allow_closed && let Some(month) = super::months::closed_month_at(w.conn(), e.started_at.timestamp())? {
        return Err(super::months::closed_error(&month));
    }
    let technician = clean(&e.technician, false);
    if technician.is_empty() {
        return Err(StoreError::Needs(crate::store::Needs::Technician));
    }
    let (customer, _) = require_ticket_id(w.conn(), &e.ticket_id)?;
    let id = new_id(w.now());
    let note = clean(&e.note, true);
    let at = w.now().timestamp();
    let (entry, replaces, restores) = match of {
        VersionOf::New => (id.clone(), None, None),
        VersionOf::Correction(row) => {
            let entry = entry_of(w.conn(), &row)?.unwrap_or_else(|| row.clone());
            (entry, Some(row), None)
        }
        VersionOf::Timer(timer) => (timer, None, None),
        VersionOf::Restore { row, removal } => {
            let entry = entry_of(w.conn(), &row)?.unwrap_or_else(|| row.clone());
            (entry, Some(row), Some(removal))
        }
    };
    w.record(Change::TimeEntryAdded {
        id: id.clone(),
        ticket: e.ticket_id.to_string(),
        customer,
        started_at: e.started_at.timestamp(),
        minutes: e.minutes.get(),
        technician: technician.clone(),
        role: e.role,
        note: note.clone(),
        replaces: replaces.clone(),
        at,
        entry: (entry != id).then(|| entry.clone()),
        restores,
    })?;
    Ok(TimeEntryRow {
        id: EntryId::new(id),
        ticket_id: e.ticket_id,
        started_at: from_ts(e.started_at.timestamp()),
        minutes: e.minutes.get(),
        technician,
        role: e.role,
        note,
        replaces,
        entry,
        ran: None,
    })
}

/// Refuses to change an entry whose work lies in a closed month.
fn refuse_closed_entry(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    let started: i64 = conn
        .prepare_cached("SELECT started_at FROM time_entries WHERE id = id_blob(?1)")?
        .query_row([id], |r| r.get(0))?;
    match super::months::closed_month_at(conn, started)? {
        Some(month) => Err(super::months::closed_error(&month)),
        None => Ok(()),
    }
}

/// The entry a time-entry row is a version of.
pub(super) fn entry_of(conn: &rusqlite::Connection, row: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id_text(coalesce(entry, id)) FROM time_entries WHERE id = id_blob(?1)")?
        .query_row([row], |r| r.get(0))
        .optional()?)
}

/// The rows of entry `?1` (its first version's row, and the rows whose `entry` it is).
pub(super) const ENTRY_ROWS: &str = "(id = id_blob(?1) OR entry = id_blob(?1))";

/// Entry `id` is a current version (not voided, not removed); else `NotFound`.
pub(in crate::store) fn require_current_entry(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    let n: i64 =
        conn.query_row("SELECT count(*) FROM time_entries WHERE id = id_blob(?1) AND voided = 0", [id], |r| r.get(0))?;
    if n == 0 {
        return Err(StoreError::NotFound(t!("no-such-entry-or-removed")));
    }
    Ok(())
}
