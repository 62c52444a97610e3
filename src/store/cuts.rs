//! One timer at a time, across copies: what a timer booked holds at most the time until the same
//! technician's next timer started, whichever copy started it (README, "Working offline": the timer
//! rows of the table of concurrent changes).
//!
//! Two copies can each run a timer of one technician: on one they switch to another ticket (which stops
//! the first timer there), the other, not knowing, stops the first timer later; or the copies never saw
//! each other's timer at all. Booked as they ran, the same minutes would be billed twice. So every
//! version a timer booked (its stop or switch, on any copy; not a correction by hand, which is what the
//! person says) is cut at the start of its technician's next timer. The cut is derived from the timers
//! a copy holds (a stopped timer stays, marked stopped), so every copy holding the same timers cuts
//! alike, whatever order they arrived in. The row keeps what the timer said (`ran`) beside what it holds
//! (`minutes`), and `time list` shows the cut. A cut of work in or before a closed month marks the
//! customer for repricing: the team file books the difference as a correction.

use rusqlite::{Connection, OptionalExtension, params};

use super::work::timer_minutes;
use super::{Result, from_ts};

/// After timer `timer` was started (applied): the timer of the same technician that started before it
/// may hold less now.
pub(super) fn timer_started(conn: &Connection, zone: Option<chrono_tz::Tz>, timer: &str) -> Result<()> {
    let before: Option<String> = conn
        .prepare_cached(
            "SELECT id_text(p.id) FROM timers m JOIN timers p ON p.technician = m.technician
                AND (p.started_at, p.id) < (m.started_at, m.id)
             WHERE m.id = id_blob(?1) ORDER BY p.started_at DESC, p.id DESC LIMIT 1",
        )?
        .query_row([timer], |r| r.get(0))
        .optional()?;
    match before {
        Some(before) => recut(conn, zone, &before),
        None => Ok(()),
    }
}

/// The most minutes timer `timer`'s entry may hold, and when its technician's next timer started: `None`
/// when no later timer of theirs is known (or `timer` is not a timer).
pub(super) fn cap(conn: &Connection, timer: &str) -> Result<Option<(u32, i64)>> {
    let found: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT m.started_at, n.started_at FROM timers m JOIN timers n ON n.technician = m.technician
                AND (n.started_at, n.id) > (m.started_at, m.id)
             WHERE m.id = id_blob(?1) ORDER BY n.started_at, n.id LIMIT 1",
        )?
        .query_row([timer], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(found.map(|(from, to)| (timer_minutes(from_ts(from), from_ts(to)), to)))
}

/// Cuts every version timer `timer` booked to what it may hold now (see [`cap`]), keeping what the timer
/// said in `ran`, the month totals in step, and closed months' customers marked for repricing.
pub(super) fn recut(conn: &Connection, zone: Option<chrono_tz::Tz>, timer: &str) -> Result<()> {
    let cap = cap(conn, timer)?.map(|(minutes, _)| minutes);
    let rows: Vec<(String, u32, Option<u32>, bool, i64, i64)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id_text(id), minutes, ran, voided, started_at, customer FROM time_entries
             WHERE entry = id_blob(?1) AND replaces IS NULL",
        )?;
        let rows =
            stmt.query_map([timer], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (row, minutes, ran, voided, started_at, customer) in rows {
        let said = ran.unwrap_or(minutes);
        let holds = cap.map_or(said, |cap| said.min(cap));
        if holds == minutes {
            continue;
        }
        conn.prepare_cached("UPDATE time_entries SET minutes = ?2, ran = ?3 WHERE id = id_blob(?1)")?
            .execute(params![row, holds, (holds < said).then_some(said)])?;
        if !voided {
            super::month_totals::touch_entry(conn, zone, &row)?;
        }
        conn.prepare_cached(
            "INSERT OR IGNORE INTO sync_pending (entry_id)
             SELECT c.id FROM customers c
             WHERE c.no = ?1 AND EXISTS (SELECT 1 FROM month_closes WHERE closed = 1 AND ends_at > ?2)",
        )?
        .execute(params![customer, started_at])?;
    }
    Ok(())
}
