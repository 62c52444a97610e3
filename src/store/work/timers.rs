//! Running timers: starting, stopping, ending one (it becomes a time entry), and the overlaps two
//! copies leave behind.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};

use super::{ENTRY_SELECT, NewEntry, TimeEntryRow, VersionOf, insert_entry, read_entry, require_ticket_id};
use crate::domain::Minutes;
use crate::domain::Role;
use crate::domain::worktime::MAX_ENTRY_MINUTES;
use crate::store::change::Change;
use crate::store::{Result, Store, StoreError, from_ts, new_id};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerRow {
    pub id: String,
    pub technician: String,
    pub ticket_id: crate::domain::TicketId,
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
    /// What `--worked` said beyond the run when it would start in a closed month (see
    /// [`TimerStop::earlier`]): booked as its own entry in that month, before the timer's.
    pub earlier: Option<TimeEntryRow>,
}

/// Whole minutes a timer ran: rounded to the nearest minute, at least one (never capped: a time entry
/// longer than [`MAX_ENTRY_MINUTES`] is refused where it is booked, so nothing is cut silently).
pub fn timer_minutes(started: DateTime<Utc>, stopped: DateTime<Utc>) -> u32 {
    let secs = (stopped - started).num_seconds().max(0);
    ((secs + 30) / 60).clamp(1, i64::from(u32::MAX)) as u32
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

const TIMER_SELECT: &str = "SELECT id_text(m.id), m.technician, id_text(m.ticket_id), t.number, t.title, m.started_at,
        m.role
    FROM timers m JOIN tickets t ON t.id = m.ticket_id";

impl Store {
    /// Starts a timer on a ticket for `technician`, booking under `role`. A timer they already had
    /// running is stopped first (and becomes a time entry as it ran), in the same transaction; it is
    /// returned so the caller can say so. (`crate::statements::timers` asks first about a forgotten one
    /// and books work in a closed month as a correction.)
    pub fn start_timer(
        &mut self,
        ticket_id: &crate::domain::TicketId,
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

    /// What a timer `technician` starts at `now` would cut (see `store::cuts`): the entry their latest
    /// timer booked when it says more minutes than had passed from its start to `now` (a `timer stop
    /// --worked` beyond the time it ran): (the entry's ticket number, the minutes it says, the minutes
    /// it would hold). `None` when nothing would be cut.
    pub fn cut_by_next_timer(&self, technician: &str, now: DateTime<Utc>) -> Result<Option<(String, u32, u32)>> {
        let found: Option<(String, i64, u32)> = self
            .conn()
            .prepare_cached(
                "SELECT t.number, e.started_at, coalesce(e.ran, e.minutes)
                 FROM timers m JOIN time_entries e ON e.entry = m.id AND e.replaces IS NULL AND e.voided = 0
                 JOIN tickets t ON t.no = e.ticket
                 WHERE m.id = (SELECT id FROM timers WHERE technician = ?1 ORDER BY started_at DESC, id DESC LIMIT 1)
                   AND m.stopped = 1",
            )?
            .query_row([technician], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(found.and_then(|(number, started, said)| {
            let holds = timer_minutes(from_ts(started), now).min(said);
            (holds < said).then_some((number, said, holds))
        }))
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
            let mut stopped = finish_timer(w, timer, stop.minutes, stop.closed_month)?;
            if let Some(earlier) = stop.earlier {
                stopped.earlier = Some(insert_entry(w, earlier, VersionOf::New, true)?);
            }
            let added = stopped.earlier.as_ref().unwrap_or(&stopped.entry).id.to_string();
            // Closed-month work not priced here: marked for the desk's pricing (see `book_correction`).
            if stop.adjustments.is_empty() && (stop.closed_month || stopped.earlier.is_some()) {
                crate::store::months::mark_for_pricing(w.conn(), &added)?;
            }
            for a in stop.adjustments {
                let key = match a.entry_id.as_deref() {
                    Some("add:") => Some(format!("add:{added}")),
                    key => key.map(str::to_string),
                };
                crate::store::months::record_adjustment(w, a, key)?;
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
}

/// A timer being ended: which one, what it books, and (for work in a closed month) the adjustments
/// that bill it in an open month instead.
#[derive(Debug, Clone)]
pub struct TimerStop {
    pub timer: String,
    pub minutes: u32,
    pub adjustments: Vec<crate::store::NewAdjustment>,
    /// The timer's month is closed: the entry is booked anyway, as a correction.
    pub closed_month: bool,
    /// `--worked` beyond the run whose start (the stop minus the minutes said) lies in a closed month
    /// while the timer's own does not: the timer books what it ran (`minutes` is that) and this entry,
    /// ending where the timer's began, books the rest in the closed month as a correction (the
    /// adjustments price it) — so nothing ends in the future and each part bills in the month it
    /// started in (DOMAIN.md "A time entry belongs to the month in which it started").
    pub earlier: Option<NewEntry>,
}

fn running(conn: &rusqlite::Connection, technician: &str) -> Result<Option<TimerRow>> {
    let sql =
        format!("{TIMER_SELECT} WHERE m.technician = ?1 AND m.stopped = 0 ORDER BY m.started_at DESC, m.id LIMIT 1");
    Ok(conn.prepare_cached(&sql)?.query_row([technician], read_timer).optional()?)
}

fn stop_running(w: &mut crate::store::Writer<'_>, technician: &str) -> Result<Option<StoppedTimer>> {
    let Some(timer) = running(w.conn(), technician)? else { return Ok(None) };
    let minutes = timer_minutes(timer.started_at, w.now());
    finish_timer(w, timer, minutes, false).map(Some)
}

/// Stops a timer and books `minutes` as the entry the timer makes (one entry per timer, whichever copy
/// stops it).
///
/// `minutes` beyond the time the timer ran (`timer stop --worked` after a timer started late) is what
/// the person says, not what the timer measured: the timer's version books the time it ran and a
/// correction of it in the same transaction books `minutes`, ending when the timer stopped (work that
/// ends in the future cannot have been done; it starts with the timer only when that start would lie in
/// a closed month). One timer at a time cuts only what a timer
/// booked (`store::cuts`), never a correction by hand, so the next timer cannot shrink what was said —
/// on every copy alike, since both are ordinary versions of the entry. (In a closed month, where the
/// entry is itself booked as a correction, the stated minutes are the timer's version as before.)
fn finish_timer(
    w: &mut crate::store::Writer<'_>,
    timer: TimerRow,
    minutes: u32,
    allow_closed: bool,
) -> Result<StoppedTimer> {
    let role = timer.role;
    let ran = timer_minutes(timer.started_at, w.now());
    let stated = !allow_closed && minutes > ran;
    w.record(Change::TimerStopped { id: timer.id.clone(), unbooked: None })?;
    let booked = |minutes: u32, started_at: DateTime<Utc>| -> Result<NewEntry> {
        Ok(NewEntry {
            ticket_id: timer.ticket_id.clone(),
            started_at,
            minutes: Minutes::new(minutes)?,
            role,
            technician: timer.technician.clone(),
            note: String::new(),
        })
    };
    let first = booked(if stated { ran } else { minutes }, timer.started_at)?;
    let mut entry = insert_entry(w, first, VersionOf::Timer(timer.id.clone()), allow_closed)?;
    if stated {
        // The stated work ends when the timer stopped (never in the future). (Its start in a closed
        // month is split off by the caller, see `TimerStop::earlier`; should one come here anyway, it
        // starts with the timer.)
        let back = w.now() - chrono::Duration::minutes(i64::from(minutes));
        let start = match super::super::months::closed_month_at(w.conn(), back.timestamp())? {
            Some(_) => timer.started_at,
            None => back,
        };
        entry = insert_entry(w, booked(minutes, start)?, VersionOf::Correction(entry.id.to_string()), false)?;
    }
    // As it is held (cut, when a later timer of the same technician is known already).
    let sql = format!("{ENTRY_SELECT} WHERE e.id = id_blob(?1)");
    let entry = w.conn().prepare_cached(&sql)?.query_row([&entry.id], read_entry)?;
    Ok(StoppedTimer { timer, entry, earlier: None })
}

/// After an import: a technician with two running timers (started on two copies) keeps the later one;
/// each earlier one is stopped when the next started and books that span, as starting a timer on one
/// copy would have — the same entry on every copy that does this. A span too long for one entry
/// (over [`MAX_ENTRY_MINUTES`]) books nothing and is recorded as a conflict instead. Returns the entry
/// rows it booked.
pub(in crate::store) fn stop_overlapping_timers(w: &mut crate::store::Writer<'_>) -> Result<Vec<String>> {
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
            minutes: Minutes::new(minutes)?,
            role: earlier.role,
            technician: earlier.technician.clone(),
            note: format!("stopped when the timer on ticket {} was started on another copy", later.ticket_number),
        };
        w.record(Change::TimerStopped { id: earlier.id.clone(), unbooked: None })?;
        // Work in a month closed since is booked anyway: it arrives like synced work and is priced as a
        // correction in the current month.
        booked.push(insert_entry(w, entry, VersionOf::Timer(earlier.id.clone()), true)?.id.into_string());
    }
    Ok(booked)
}
