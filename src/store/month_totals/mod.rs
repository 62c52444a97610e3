//! Month totals (`work_months`): per ticket, month and role, the minutes of the current time entries,
//! how many there are and which came first. Billing reads them instead of every entry, so a month
//! report over millions of entries reads tens of thousands of rows.
//!
//! Decisions:
//! - A month is the provider's (its zone's) calendar month, so the table is built for one zone, named
//!   in meta `month_zone`. The file gets its zone when a writer first says which one it bills in
//!   ([`Store::use_business_zone`]); a writer configured with another zone rebuilds the table for its
//!   own (the zone is a team setting: configure it alike everywhere). Every write transaction reads
//!   the file's zone first, so a process never keeps the table in step in a zone it no longer has.
//!   A reader whose zone differs, or a read-only one on a file without totals, bills from the entries.
//! - Kept in step, not cached: the transaction that adds or voids an entry recomputes the rows it
//!   touches from the entries (a ticket's entries in one month: a handful of rows), so the totals are
//!   exactly what the entries say after every commit. Bulk writes recompute each touched row once,
//!   at the end of their transaction ([`defer`], [`flush`]).
//! - `helpdesk check` recomputes every row from the entries and reports any difference.
//! - Beside them, per (month, customer), the month figures the upgrade look-back reads (`figures`),
//!   kept in step by the same writes.

use crate::t;
use std::collections::BTreeMap;

use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, from_ts, get_meta, set_meta};
use crate::domain::YearMonth;
use crate::domain::billing::WorkEntry;

mod figures;
pub use figures::FiguresTable;
mod reads;

/// For `reads.rs`, whose reads name them as `super::codec` and `super::work`.
use super::{codec, work};

/// The month (`YYYY-MM`) an instant falls in, in `zone`.
pub(super) fn month_key(zone: Tz, ts: i64) -> String {
    YearMonth::of(from_ts(ts).with_timezone(&zone).date_naive()).to_string()
}

/// The zone the file's month totals are kept in (`None`: not built yet).
pub(super) fn file_zone(conn: &Connection) -> Result<Option<Tz>> {
    Ok(get_meta(conn, "month_zone")?.and_then(|z| z.parse().ok()))
}

/// One row of the table, as computed from the entries.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Total {
    customer_id: String,
    minutes: i64,
    entries: i64,
    first_at: i64,
    first_entry: String,
}

impl Total {
    fn add(&mut self, id: &str, started_at: i64, minutes: i64) {
        self.minutes += minutes;
        self.entries += 1;
        if (started_at, id) < (self.first_at, self.first_entry.as_str()) {
            self.first_at = started_at;
            self.first_entry = id.to_string();
        }
    }

    fn first(customer_id: String, id: String, started_at: i64, minutes: i64) -> Self {
        Self { customer_id, minutes, entries: 1, first_at: started_at, first_entry: id }
    }
}

/// Marks the row of an entry's (ticket, month, role) for recomputing: now, or at [`flush`] when
/// deferred. Nothing when the file has no zone yet.
pub(super) fn touch(conn: &Connection, zone: Option<Tz>, ticket_id: &str, role: &str, started_at: i64) -> Result<()> {
    let Some(zone) = zone else { return Ok(()) };
    let month = month_key(zone, started_at);
    if deferred(conn)? {
        conn.prepare_cached("INSERT OR IGNORE INTO temp.month_dirty (ticket_id, month, role) VALUES (?1, ?2, ?3)")?
            .execute(params![ticket_id, month, role])?;
        Ok(())
    } else {
        refresh(conn, zone, ticket_id, &month, role)
    }
}

/// [`touch`] for an entry known by id (voided or replaced).
pub(super) fn touch_entry(conn: &Connection, zone: Option<Tz>, entry_id: &str) -> Result<()> {
    if zone.is_none() {
        return Ok(());
    }
    let found: Option<(String, String, i64)> = conn
        .prepare_cached(
            "SELECT id_text(t.id), e.role, e.started_at FROM time_entries e JOIN tickets t ON t.no = e.ticket
             WHERE e.id = id_blob(?1)",
        )?
        .query_row([entry_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match found {
        Some((ticket, role, started_at)) => touch(conn, zone, &ticket, &role, started_at),
        None => Ok(()),
    }
}

fn deferred(conn: &Connection) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM temp.sqlite_master WHERE type = 'table' AND name = 'month_dirty'")?
        .query_row([], |r| r.get(0))?;
    Ok(n > 0)
}

/// Defers recomputing until [`flush`], in the same transaction.
pub(super) fn defer(conn: &Connection) -> Result<()> {
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS month_dirty (ticket_id TEXT, month TEXT, role TEXT,
            PRIMARY KEY (ticket_id, month, role))",
        [],
    )?;
    Ok(())
}

/// A ticket's title, kind or number changed: its rows carry the new ones.
pub(super) fn ticket_changed(conn: &Connection, ticket_id: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE work_months SET title = t.title, kind = t.kind, number = t.number
         FROM (SELECT title, kind, number FROM tickets WHERE id = id_blob(?1)) t WHERE ticket_id = id_blob(?1)",
    )?
    .execute([ticket_id])?;
    // Its kind may have changed: the figures sort its minutes by kind.
    figures::refresh_ticket(conn, ticket_id)
}

/// A ticket moved to another customer (its entries with it): every (month, role) row of the ticket is
/// recomputed, now or at [`flush`].
pub(super) fn ticket_moved(conn: &Connection, zone: Option<Tz>, ticket_id: &str) -> Result<()> {
    let Some(zone) = zone else { return Ok(()) };
    let mut rows: BTreeMap<(String, String), i64> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT role, started_at FROM time_entries WHERE ticket = (SELECT no FROM tickets WHERE id = id_blob(?1))",
        )?;
        let mut found = stmt.query([ticket_id])?;
        while let Some(r) = found.next()? {
            let (role, started_at): (String, i64) = (r.get(0)?, r.get(1)?);
            rows.entry((month_key(zone, started_at), role)).or_insert(started_at);
        }
    }
    for ((_, role), started_at) in rows {
        touch(conn, Some(zone), ticket_id, &role, started_at)?;
    }
    Ok(())
}

/// Recomputes every row touched since [`defer`] and ends the deferral.
pub(super) fn flush(conn: &Connection, zone: Option<Tz>) -> Result<()> {
    if !deferred(conn)? {
        return Ok(());
    }
    let dirty: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare("SELECT ticket_id, month, role FROM temp.month_dirty")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    conn.execute("DROP TABLE temp.month_dirty", [])?;
    if let Some(zone) = zone {
        for (ticket, month, role) in dirty {
            refresh(conn, zone, &ticket, &month, &role)?;
        }
    }
    Ok(())
}

/// Recomputes one row from the ticket's entries.
fn refresh(conn: &Connection, zone: Tz, ticket_id: &str, month: &str, role: &str) -> Result<()> {
    // Per customer: billing reads entries by the entry's customer (which is the ticket's: an entry
    // follows its ticket to another customer, see `ops::moved_ticket`).
    let mut totals: BTreeMap<String, Total> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id_text(e.id), id_text(c.id), e.started_at, e.minutes
             FROM time_entries e JOIN customers c ON c.no = e.customer
             WHERE e.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) AND e.role = ?2 AND e.voided = 0",
        )?;
        let mut rows = stmt.query(params![ticket_id, role])?;
        while let Some(r) = rows.next()? {
            let (id, customer, started_at, minutes): (String, String, i64, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if month_key(zone, started_at) != month {
                continue;
            }
            match totals.get_mut(&customer) {
                Some(t) => t.add(&id, started_at, minutes),
                None => {
                    totals.insert(customer.clone(), Total::first(customer, id, started_at, minutes));
                }
            }
        }
    }
    // The customers whose month changes: those the rows were of, and those they are of now.
    let mut customers: Vec<Vec<u8>> = {
        let mut stmt = conn.prepare_cached(
            "DELETE FROM work_months WHERE ticket_id = id_blob(?1) AND month = ?2 AND role = ?3 RETURNING customer_id",
        )?;
        let rows = stmt.query_map(params![ticket_id, month, role], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for t in totals.values() {
        write_row(conn, ticket_id, month, role, t)?;
        customers.push(codec::id_blob(&t.customer_id));
    }
    customers.sort_unstable();
    customers.dedup();
    for customer in customers {
        figures::refresh(conn, month, &customer)?;
    }
    Ok(())
}

fn write_row(conn: &Connection, ticket_id: &str, month: &str, role: &str, t: &Total) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO work_months
            (month, customer_id, ticket_id, role, minutes, entries, first_at, first_entry, number, title, kind)
         SELECT ?2, id_blob(?4), t.id, ?3, ?5, ?6, ?7, id_blob(?8), t.number, t.title, t.kind
         FROM tickets t WHERE t.id = id_blob(?1)",
    )?
    .execute(params![ticket_id, month, role, t.customer_id, t.minutes, t.entries, t.first_at, t.first_entry])?;
    Ok(())
}

/// A month's rows keyed by (ticket, role, customer).
type MonthRows = BTreeMap<(String, String, String), Total>;

/// Computes the table from the entries, one month at a time (entries in start order), calling `each`
/// with every month's rows.
fn compute(conn: &Connection, zone: Tz, mut each: impl FnMut(&str, MonthRows) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id_text(e.id), id_text(t.id), e.role, id_text(c.id), e.started_at, e.minutes
         FROM time_entries e JOIN tickets t ON t.no = e.ticket JOIN customers c ON c.no = e.customer
         WHERE e.voided = 0 ORDER BY e.started_at",
    )?;
    let mut rows = stmt.query([])?;
    let mut month = String::new();
    let mut acc = MonthRows::new();
    while let Some(r) = rows.next()? {
        let started_at: i64 = r.get(4)?;
        let m = month_key(zone, started_at);
        if m != month {
            if !acc.is_empty() {
                each(&month, std::mem::take(&mut acc))?;
            }
            month = m;
        }
        let (id, ticket, role, customer, minutes): (String, String, String, String, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?);
        match acc.get_mut(&(ticket.clone(), role.clone(), customer.clone())) {
            Some(t) => t.add(&id, started_at, minutes),
            None => {
                acc.insert((ticket, role, customer.clone()), Total::first(customer, id, started_at, minutes));
            }
        }
    }
    if !acc.is_empty() {
        each(&month, acc)?;
    }
    Ok(())
}

/// Builds the whole table for `zone` from the entries and records the zone (in the caller's
/// transaction).
pub(super) fn rebuild(conn: &Connection, zone: Tz) -> Result<()> {
    if deferred(conn)? {
        conn.execute("DROP TABLE temp.month_dirty", [])?;
    }
    conn.execute("DELETE FROM work_months", [])?;
    compute(conn, zone, |month, rows| {
        for ((ticket, role, _), t) in &rows {
            write_row(conn, ticket, month, role, t)?;
        }
        Ok(())
    })?;
    figures::rebuild(conn)?;
    set_meta(conn, "month_zone", zone.name())
}

/// Every difference between the table and the entries, described (empty: in step).
fn differences(conn: &Connection, zone: Tz) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut seen_months = 0i64;
    let mut stored = conn.prepare(
        "SELECT id_text(ticket_id), role, id_text(customer_id), minutes, entries, first_at, id_text(first_entry)
         FROM work_months WHERE month = ?1",
    )?;
    compute(conn, zone, |month, expected| {
        seen_months += 1;
        let mut have = MonthRows::new();
        let rows = stored.query_map([month], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                Total {
                    customer_id: r.get(2)?,
                    minutes: r.get(3)?,
                    entries: r.get(4)?,
                    first_at: r.get(5)?,
                    first_entry: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            have.insert(k, v);
        }
        if have != expected {
            let wrong = expected.iter().filter(|(k, v)| have.get(*k) != Some(*v)).count()
                + have.keys().filter(|k| !expected.contains_key(*k)).count();
            out.push(t!("check-month-totals-differ", month = month.to_string(), count = wrong));
        }
        Ok(())
    })?;
    let stale: i64 = conn.query_row(
        "SELECT count(*) FROM work_months w JOIN tickets t ON t.id = w.ticket_id
         WHERE w.number != t.number OR w.title != t.title OR w.kind != t.kind",
        [],
        |r| r.get(0),
    )?;
    if stale > 0 {
        out.push(t!("check-month-totals-stale", count = stale));
    }
    let months_stored: i64 = conn.query_row("SELECT count(DISTINCT month) FROM work_months", [], |r| r.get(0))?;
    if months_stored > seen_months {
        out.push(t!("check-month-totals-empty", count = months_stored - seen_months));
    }
    // The figures are made from the totals: checked against them once the totals are right (a damaged
    // total is one problem, which a rebuild of both mends).
    if out.is_empty() {
        let figures = figures::differences(conn)?;
        if figures > 0 {
            out.push(t!("check-month-figures-differ", count = figures));
        }
    }
    Ok(out)
}
