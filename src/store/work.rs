//! Work on tickets: comments, time entries (insert-once; corrections void and replace), running timers,
//! a ticket's history from the log, and the per-month reads billing needs.

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::change::{Change, OpRecord};
use super::oplog::{OP_SELECT, read_op};
use super::{Result, Store, StoreError, from_ts, new_id};
use crate::domain::billing::WorkEntry;
use crate::domain::text::clean;
use crate::domain::worktime::MAX_ENTRY_MINUTES;
use crate::domain::{Role, TicketKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: String,
    pub ticket_id: String,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntryRow {
    pub id: String,
    pub ticket_id: String,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerRow {
    pub id: String,
    pub technician: String,
    pub ticket_id: String,
    pub ticket_number: String,
    pub ticket_title: String,
    pub started_at: DateTime<Utc>,
    /// The role its time is booked under.
    pub role: Role,
}

/// A timer that was stopped, and the time entry it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoppedTimer {
    pub timer: TimerRow,
    pub entry: TimeEntryRow,
}

/// Whole minutes a timer ran: rounded to the nearest minute, at least one (never capped: a time entry
/// longer than [`MAX_ENTRY_MINUTES`] is refused where it is booked, so nothing is cut silently).
pub fn timer_minutes(started: DateTime<Utc>, stopped: DateTime<Utc>) -> u32 {
    let secs = (stopped - started).num_seconds().max(0);
    ((secs + 30) / 60).clamp(1, i64::from(u32::MAX)) as u32
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

/// Work as billing reads it: (entry id, ticket id, number, title, kind, started, minutes, role); ids
/// stored (blobs) or as text.
pub(super) fn read_work(r: &Row<'_>) -> rusqlite::Result<WorkEntry> {
    Ok(WorkEntry {
        entry_id: super::codec::read_id(r, 0)?,
        ticket_id: super::codec::read_id(r, 1)?,
        ticket_number: r.get(2)?,
        ticket_title: r.get(3)?,
        kind: r.get_ref(4)?.as_str()?.parse().unwrap_or(TicketKind::Request),
        started: from_ts(r.get(5)?),
        minutes: r.get::<_, i64>(6)?.clamp(0, i64::from(u32::MAX)) as u32,
        role: r.get_ref(7)?.as_str()?.parse().unwrap_or(Role::Technician),
    })
}

fn read_timer(row: &Row<'_>) -> rusqlite::Result<TimerRow> {
    Ok(TimerRow {
        id: row.get(0)?,
        technician: row.get(1)?,
        ticket_id: row.get(2)?,
        ticket_number: row.get(3)?,
        ticket_title: row.get(4)?,
        started_at: from_ts(row.get(5)?),
        role: row.get::<_, String>(6)?.parse().unwrap_or_default(),
    })
}

/// Time entries `e` as [`read_entry`] reads them (`WHERE …` may follow).
const ENTRY_SELECT: &str = "SELECT id_text(e.id), id_text(t.id), e.started_at, e.minutes, e.technician, e.role, e.note,
        id_text(e.replaces), id_text(coalesce(e.entry, e.id)), e.ran
    FROM time_entries e JOIN tickets t ON t.no = e.ticket";
const TIMER_SELECT: &str = "SELECT id_text(m.id), m.technician, id_text(m.ticket_id), t.number, t.title, m.started_at,
        m.role
    FROM timers m JOIN tickets t ON t.id = m.ticket_id";

/// A new time entry, as typed.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub ticket_id: String,
    pub started_at: DateTime<Utc>,
    pub minutes: u32,
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
    pub fn add_comment(&mut self, ticket_id: &str, body: &str, now: DateTime<Utc>) -> Result<CommentRow> {
        let body = clean(body, true);
        if body.is_empty() {
            return Err(StoreError::Invalid(t!("comment-needs-text-store")));
        }
        let author = self.actor().to_string();
        self.write(now, |w| {
            require_ticket_id(w.conn(), ticket_id)?;
            let id = new_id(now);
            w.record(Change::CommentAdded {
                id: id.clone(),
                ticket: ticket_id.to_string(),
                author: author.clone(),
                body: body.clone(),
                at: now.timestamp(),
            })?;
            Ok(CommentRow { id, ticket_id: ticket_id.to_string(), author, body, created_at: from_ts(now.timestamp()) })
        })
    }

    pub fn comments(&self, ticket_id: &str) -> Result<Vec<CommentRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id), id_text(ticket_id), author, body, created_at FROM comments
             WHERE ticket_id = id_blob(?1) AND deleted = 0 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok(CommentRow {
                id: r.get(0)?,
                ticket_id: r.get(1)?,
                author: r.get(2)?,
                body: r.get(3)?,
                created_at: from_ts(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes a comment (a tombstone: it stays in the log, leaves the ticket and its search text).
    pub fn delete_comment(&mut self, comment_id: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let live: Option<bool> = w
                .conn()
                .query_row("SELECT deleted = 0 FROM comments WHERE id = id_blob(?1)", [comment_id], |r| r.get(0))
                .optional()?;
            if live != Some(true) {
                return Err(StoreError::NotFound(t!("no-such-comment")));
            }
            w.record(Change::CommentDeleted { id: comment_id.to_string() })?;
            Ok(())
        })
    }

    pub fn add_time_entry(&mut self, entry: NewEntry, now: DateTime<Utc>) -> Result<TimeEntryRow> {
        self.write(now, |w| insert_entry(w, entry, VersionOf::New, false))
    }

    /// Corrects an entry whose current row is `old_id`: the correction is a new version of the same
    /// entry (the old row is voided; both stay in the log). Of two corrections made on two copies, the
    /// later by clock is the entry's version on every copy.
    pub fn correct_time_entry(&mut self, old_id: &str, entry: NewEntry, now: DateTime<Utc>) -> Result<TimeEntryRow> {
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

    pub fn void_time_entry(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let n: i64 = w.conn().query_row(
                "SELECT count(*) FROM time_entries WHERE id = id_blob(?1) AND voided = 0",
                [id],
                |r| r.get(0),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(t!("no-such-entry-or-removed")));
            }
            refuse_closed_entry(w.conn(), id)?;
            w.record(Change::TimeEntryVoided { id: id.to_string() })?;
            Ok(())
        })
    }

    /// Makes `version` (one of the entry's rows, or `removed`) the entry's current version again, as a
    /// new change (so it wins by clock on every copy): what picking the other side of a time-entry
    /// conflict does. Work in a closed month is refused (book it with `--correction`).
    pub fn restore_entry_version(&mut self, entry: &str, version: &str, now: DateTime<Utc>) -> Result<()> {
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
                minutes: old.minutes,
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
    pub fn entry_cut(&self, row: &str) -> Result<Option<EntryCut>> {
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
    pub fn entry_with_ticket(&self, entry_id: &str) -> Result<Option<(TimeEntryRow, super::TicketRow)>> {
        let sql = format!("{ENTRY_SELECT} WHERE e.id = id_blob(?1)");
        let Some(entry) = self.conn().prepare_cached(&sql)?.query_row([entry_id], read_entry).optional()? else {
            return Ok(None);
        };
        Ok(self.ticket(&entry.ticket_id)?.map(|t| (entry, t)))
    }

    /// The ticket's current (not voided) time entries in the order the work started.
    pub fn time_entries(&self, ticket_id: &str) -> Result<Vec<TimeEntryRow>> {
        let sql = format!(
            "{ENTRY_SELECT} WHERE e.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) AND e.voided = 0
             ORDER BY e.started_at, e.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([ticket_id], read_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Starts a timer on a ticket for `technician`, booking under `role`. A timer they already had
    /// running is stopped first (and becomes a time entry as it ran), in the same transaction; it is
    /// returned so the caller can say so. (`crate::statements::timers` asks first about a forgotten one
    /// and books work in a closed month as a correction.)
    pub fn start_timer(
        &mut self,
        ticket_id: &str,
        technician: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Option<StoppedTimer>> {
        self.write(now, |w| {
            require_ticket_id(w.conn(), ticket_id)?;
            let stopped = stop_running(w, technician)?;
            w.record(Change::TimerStarted {
                id: new_id(now),
                technician: technician.to_string(),
                ticket: ticket_id.to_string(),
                started_at: now.timestamp(),
                role,
            })?;
            Ok(stopped)
        })
    }

    /// Stops `technician`'s running timer, turning it into a time entry ending `now` (under the role
    /// the timer was started with).
    pub fn stop_timer(&mut self, technician: &str, now: DateTime<Utc>) -> Result<Option<StoppedTimer>> {
        self.write(now, |w| stop_running(w, technician))
    }

    /// Stops a timer that ran too long (forgotten), booking only `minutes`.
    pub fn stop_timer_with_minutes(
        &mut self,
        technician: &str,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<Option<StoppedTimer>> {
        self.write(now, |w| {
            let Some(timer) = running(w.conn(), technician)? else { return Ok(None) };
            finish_timer(w, timer, minutes, false).map(Some)
        })
    }

    /// Ends `technician`'s running timer as `stop` says (it must still be the timer named there, else
    /// nothing is written and the error says so), then, when `then` names a ticket and role, starts a
    /// new timer for them — all in one transaction. In a closed month the entry is booked anyway, with
    /// the adjustments (priced by the caller) that bill it in an open month.
    pub fn end_timer(
        &mut self,
        technician: &str,
        stop: TimerStop,
        then: Option<(&str, Role)>,
        now: DateTime<Utc>,
    ) -> Result<StoppedTimer> {
        self.write(now, |w| {
            let timer = running(w.conn(), technician)?.filter(|t| t.id == stop.timer).ok_or_else(|| {
                StoreError::Invalid(t!("timer-changed-meanwhile", technician = technician.to_string()))
            })?;
            let stopped = finish_timer(w, timer, stop.minutes, stop.closed_month)?;
            for a in stop.adjustments {
                let key = match a.entry_id.as_deref() {
                    Some("add:") => Some(format!("add:{}", stopped.entry.id)),
                    key => key.map(str::to_string),
                };
                super::months::record_adjustment(w, a, key)?;
            }
            if let Some((ticket, role)) = then {
                require_ticket_id(w.conn(), ticket)?;
                w.record(Change::TimerStarted {
                    id: new_id(now),
                    technician: technician.to_string(),
                    ticket: ticket.to_string(),
                    started_at: now.timestamp(),
                    role,
                })?;
            }
            Ok(stopped)
        })
    }

    pub fn running_timer(&self, technician: &str) -> Result<Option<TimerRow>> {
        running(self.conn(), technician)
    }

    pub fn running_timers(&self) -> Result<Vec<TimerRow>> {
        let sql = format!("{TIMER_SELECT} WHERE m.stopped = 0 ORDER BY m.started_at, m.id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], read_timer)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything that happened to a ticket, oldest first, from the operation log.
    pub fn history(&self, ticket_id: &str) -> Result<Vec<OpRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{OP_SELECT} WHERE o.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) ORDER BY o.clock, d.id"
        ))?;
        let rows = stmt.query_map([ticket_id], read_op)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A customer's current time entries that started in `[from, to)`, as billing reads them.
    pub fn work_between(&self, customer_id: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<WorkEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(e.id), id_text(t.id), t.number, t.title, t.kind, e.started_at, e.minutes, e.role
             FROM time_entries e JOIN tickets t ON t.no = e.ticket
             WHERE e.customer = (SELECT no FROM customers WHERE id = id_blob(?1)) AND e.started_at >= ?2
                AND e.started_at < ?3 AND e.voided = 0
             ORDER BY e.started_at, e.id",
        )?;
        let rows = stmt.query_map(params![customer_id, from.timestamp(), to.timestamp()], read_work)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Consultation tickets a customer opened in `[from, to)`: (id, received at).
    pub fn consultations_opened(
        &self,
        customer_id: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id), received_at FROM tickets
             WHERE customer_id = id_blob(?1) AND kind = 'consultation' AND received_at >= ?2 AND received_at < ?3
             ORDER BY received_at, id",
        )?;
        let rows = stmt.query_map(params![customer_id, from.timestamp(), to.timestamp()], |r| {
            Ok((r.get(0)?, from_ts(r.get(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When a ticket was received (`None`: no such ticket).
    pub fn ticket_received_at(&self, ticket_id: &str) -> Result<Option<DateTime<Utc>>> {
        let at: Option<i64> = self
            .conn()
            .prepare_cached("SELECT received_at FROM tickets WHERE id = id_blob(?1)")?
            .query_row([ticket_id], |r| r.get(0))
            .optional()?;
        Ok(at.map(from_ts))
    }

    /// Minutes of work on a ticket that started before `before`.
    pub fn minutes_before(&self, ticket_id: &str, before: DateTime<Utc>) -> Result<u32> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(minutes), 0) FROM time_entries
             WHERE ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) AND started_at < ?2 AND voided = 0",
            )?
            .query_row(params![ticket_id, before.timestamp()], |r| r.get(0))?;
        Ok(n.clamp(0, i64::from(u32::MAX)) as u32)
    }

    /// Customers with any current time entry that started in `[from, to)`.
    pub fn customers_with_work(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(c.id) FROM customers c WHERE EXISTS (SELECT 1 FROM time_entries e
                WHERE e.customer = c.no AND e.started_at >= ?1 AND e.started_at < ?2 AND e.voided = 0)",
        )?;
        let rows = stmt.query_map(params![from.timestamp(), to.timestamp()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn require_ticket_id(conn: &rusqlite::Connection, ticket_id: &str) -> Result<(String, String)> {
    conn.prepare_cached("SELECT id_text(customer_id), kind FROM tickets WHERE id = id_blob(?1)")?
        .query_row([ticket_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(t!("no-such-ticket-plain")))
}

/// A timer being ended: which one, what it books, and (for work in a closed month) the adjustments
/// that bill it in an open month instead.
#[derive(Debug, Clone)]
pub struct TimerStop {
    pub timer: String,
    pub minutes: u32,
    pub adjustments: Vec<super::NewAdjustment>,
    /// The timer's month is closed: the entry is booked anyway, as a correction.
    pub closed_month: bool,
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
    if e.minutes == 0 || e.minutes > MAX_ENTRY_MINUTES {
        return Err(StoreError::Invalid(t!("entry-minutes-range", max = MAX_ENTRY_MINUTES, minutes = e.minutes)));
    }
    let technician = clean(&e.technician, false);
    if technician.is_empty() {
        return Err(StoreError::Invalid(t!("entry-needs-technician")));
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
        ticket: e.ticket_id.clone(),
        customer,
        started_at: e.started_at.timestamp(),
        minutes: e.minutes,
        technician: technician.clone(),
        role: e.role,
        note: note.clone(),
        replaces: replaces.clone(),
        at,
        entry: (entry != id).then(|| entry.clone()),
        restores,
    })?;
    Ok(TimeEntryRow {
        id,
        ticket_id: e.ticket_id,
        started_at: from_ts(e.started_at.timestamp()),
        minutes: e.minutes,
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

fn running(conn: &rusqlite::Connection, technician: &str) -> Result<Option<TimerRow>> {
    let sql =
        format!("{TIMER_SELECT} WHERE m.technician = ?1 AND m.stopped = 0 ORDER BY m.started_at DESC, m.id LIMIT 1");
    Ok(conn.prepare_cached(&sql)?.query_row([technician], read_timer).optional()?)
}

fn stop_running(w: &mut super::Writer<'_>, technician: &str) -> Result<Option<StoppedTimer>> {
    let Some(timer) = running(w.conn(), technician)? else { return Ok(None) };
    let minutes = timer_minutes(timer.started_at, w.now());
    finish_timer(w, timer, minutes, false).map(Some)
}

/// Stops a timer and books `minutes` as the entry the timer makes (one entry per timer, whichever copy
/// stops it).
fn finish_timer(w: &mut super::Writer<'_>, timer: TimerRow, minutes: u32, allow_closed: bool) -> Result<StoppedTimer> {
    let role = timer.role;
    w.record(Change::TimerStopped { id: timer.id.clone(), unbooked: None })?;
    let entry = insert_entry(
        w,
        NewEntry {
            ticket_id: timer.ticket_id.clone(),
            started_at: timer.started_at,
            minutes,
            role,
            technician: timer.technician.clone(),
            note: String::new(),
        },
        VersionOf::Timer(timer.id.clone()),
        allow_closed,
    )?;
    // As it is held (cut, when a later timer of the same technician is known already).
    let sql = format!("{ENTRY_SELECT} WHERE e.id = id_blob(?1)");
    let entry = w.conn().prepare_cached(&sql)?.query_row([&entry.id], read_entry)?;
    Ok(StoppedTimer { timer, entry })
}

/// After an import: a technician with two running timers (started on two copies) keeps the later one;
/// each earlier one is stopped when the next started and books that span, as starting a timer on one
/// copy would have — the same entry on every copy that does this. A span too long for one entry
/// (over [`MAX_ENTRY_MINUTES`]) books nothing and is recorded as a conflict instead. Returns the entry
/// rows it booked.
pub(super) fn stop_overlapping_timers(w: &mut super::Writer<'_>) -> Result<Vec<String>> {
    let sql = format!("{TIMER_SELECT} WHERE m.stopped = 0 ORDER BY m.technician, m.started_at, m.id");
    let timers: Vec<TimerRow> = {
        let mut stmt = w.conn().prepare(&sql)?;
        let rows = stmt.query_map([], read_timer)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut booked = Vec::new();
    for pair in timers.windows(2) {
        let (earlier, later) = (&pair[0], &pair[1]);
        if earlier.technician != later.technician {
            continue;
        }
        let minutes = timer_minutes(earlier.started_at, later.started_at);
        if minutes > MAX_ENTRY_MINUTES {
            // Nothing booked: on every copy that holds this stop, a conflict says so (`conflicts.rs`).
            w.record(Change::TimerStopped { id: earlier.id.clone(), unbooked: Some(later.id.clone()) })?;
            continue;
        }
        let entry = NewEntry {
            ticket_id: earlier.ticket_id.clone(),
            started_at: earlier.started_at,
            minutes,
            role: earlier.role,
            technician: earlier.technician.clone(),
            note: format!("stopped when the timer on ticket {} was started on another copy", later.ticket_number),
        };
        w.record(Change::TimerStopped { id: earlier.id.clone(), unbooked: None })?;
        // Work in a month closed since is booked anyway: it arrives like synced work and is priced as a
        // correction in the current month.
        booked.push(insert_entry(w, entry, VersionOf::Timer(earlier.id.clone()), true)?.id);
    }
    Ok(booked)
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
