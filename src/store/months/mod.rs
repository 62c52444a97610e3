//! Closed months, adjustments and status reports.
//!
//! A closed month keeps the statements it had when it was closed (as JSON documents), and the store
//! refuses to add, correct or remove time entries that started in it ("changed silently"). A change to
//! closed work is booked with [`Store::book_correction`]: the entry change and an adjustment, priced by
//! the caller and billed in an open month, in one transaction. Reopening is its own logged operation;
//! it cancels the month's adjustments that were booked into months still open (the reopened month now
//! bills that work itself) and is refused while any were booked into a month that is closed too.

mod adjustments;
mod closed;
mod reports;

/// For `closed.rs`, whose reads name it as `super::work`.
use super::work;

use adjustments::COUNTED;
pub(super) use adjustments::record_adjustment;
pub use adjustments::{AdjustmentRow, NewAdjustment};
pub use closed::{ClosedWork, FrozenStatement};
pub use reports::StatusReportRow;

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::change::{Change, ClosedStatement};
use super::{Result, Store, StoreError};
use crate::domain::YearMonth;

pub(super) fn apply(conn: &Connection, change: &Change, h: &[u8]) -> Result<()> {
    match change {
        Change::MonthClosed { month, starts_at, ends_at, statements, entries } => {
            let won = conn.execute(
                "INSERT INTO month_closes (month, starts_at, ends_at, closed, hlc) VALUES (?1, ?2, ?3, 1, ?4)
                 ON CONFLICT (month) DO UPDATE SET closed = 1, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at, hlc = excluded.hlc
                 WHERE excluded.hlc > month_closes.hlc",
                params![month, starts_at, ends_at, h],
            )? > 0;
            if won {
                conn.execute("DELETE FROM closed_statements WHERE month = ?1", [month])?;
                let mut insert = conn.prepare_cached(
                    "INSERT INTO closed_statements (month, customer_id, body) VALUES (?1, id_blob(?2), ?3)",
                )?;
                for s in statements {
                    insert.execute(params![month, s.customer, s.body])?;
                }
                conn.execute("DELETE FROM closed_entries WHERE month = ?1", [month])?;
                let mut frozen = conn.prepare_cached(
                    "INSERT OR IGNORE INTO closed_entries (month, entry_id) VALUES (?1, id_blob(?2))",
                )?;
                for e in entries {
                    frozen.execute(params![month, e])?;
                }
            }
        }
        Change::MonthReopened { month } => {
            // The frozen statements go with the close they belonged to: every copy ends with the same
            // rows whichever close or reopening it heard of first.
            // (A reopening that arrives before the close it reopens is remembered: that close, older,
            // then loses to it.)
            let won = conn.execute(
                "INSERT INTO month_closes (month, starts_at, ends_at, closed, hlc) VALUES (?1, 0, 0, 0, ?2)
                 ON CONFLICT (month) DO UPDATE SET closed = 0, hlc = excluded.hlc WHERE excluded.hlc > month_closes.hlc",
                params![month, h],
            )? > 0;
            if won {
                conn.execute("DELETE FROM closed_statements WHERE month = ?1", [month])?;
                conn.execute("DELETE FROM closed_entries WHERE month = ?1", [month])?;
            }
        }
        Change::AdjustmentBooked {
            id,
            customer,
            ticket,
            work_month,
            booked_month,
            minutes,
            amount,
            description,
            at,
            entry,
            close,
        } => {
            conn.execute(
                "INSERT OR IGNORE INTO adjustments (id, customer_id, ticket_id, work_month, booked_month, minutes,
                    amount, description, created_at, entry_id, close)
                 VALUES (id_blob(?1), id_blob(?2), id_blob(?3), ?4, ?5, ?6, ?7, ?8, ?9, ?10, hlc_blob(?11))",
                params![id, customer, ticket, work_month, booked_month, minutes, amount, description, at, entry, close],
            )?;
        }
        Change::AdjustmentCancelled { id } => {
            conn.execute("UPDATE adjustments SET cancelled = 1 WHERE id = id_blob(?1)", [id])?;
        }
        Change::StatusReportRecorded { id, customer, done_on, note, at } => {
            conn.execute(
                "INSERT OR IGNORE INTO status_reports (id, customer_id, done_on, note, created_at)
                 VALUES (id_blob(?1), id_blob(?2), ?3, ?4, ?5)",
                params![id, customer, done_on, note, at],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Marks for repricing (in `sync_pending`, beside the entries that arrived) the customer whose closed
/// months `change` can reprice: a tier change or a consultation opened (which consultations of a year
/// are the free ones), a ticket's kind changed, work added or removed in or before a closed month (free
/// consultation minutes are consumed across months), a correction under a key another one holds
/// already. The team file reprices them when it next settles
/// (see `statements::reprice_closed_months`); other copies drop the marks.
pub(super) fn mark_repricing(conn: &Connection, change: &Change) -> Result<()> {
    let any_closed = |conn: &Connection, before: Option<i64>| -> Result<bool> {
        let sql = "SELECT 1 FROM month_closes WHERE closed = 1 AND (?1 IS NULL OR ends_at > ?1) LIMIT 1";
        Ok(conn.prepare_cached(sql)?.query_row([before], |_| Ok(())).optional()?.is_some())
    };
    let customer: Option<String> = match change {
        Change::TierSet { customer, .. } => any_closed(conn, None)?.then(|| customer.clone()),
        Change::TicketOpened { customer, kind: crate::domain::TicketKind::Consultation, .. } => {
            any_closed(conn, None)?.then(|| customer.clone())
        }
        Change::TicketKindSet { id, .. } if any_closed(conn, None)? => conn
            .prepare_cached("SELECT id_text(customer_id) FROM tickets WHERE id = id_blob(?1)")?
            .query_row([id], |r| r.get(0))
            .optional()?,
        Change::TimeEntryAdded { customer, started_at, .. } => {
            any_closed(conn, Some(*started_at))?.then(|| customer.clone())
        }
        // Two desks priced the same thing under one key (one of them vanished before it pushed): one
        // counts, and if the one that counts is not the one this copy counted so far, the month's sum
        // moved — priced again, the next round books what differs.
        Change::AdjustmentBooked { customer, entry: Some(key), .. } => {
            let n: i64 = conn
                .prepare_cached("SELECT count(*) FROM adjustments WHERE entry_id = ?1 AND cancelled = 0")?
                .query_row([key], |r| r.get(0))?;
            (n > 1).then(|| customer.clone())
        }
        Change::TimeEntryVoided { id } => {
            let row: Option<(String, i64)> = conn
                .prepare_cached(
                    "SELECT id_text(c.id), e.started_at FROM time_entries e JOIN customers c ON c.no = e.customer
                     WHERE e.id = id_blob(?1)",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match row {
                Some((customer, started)) if any_closed(conn, Some(started))? => Some(customer),
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(customer) = customer {
        conn.prepare_cached("INSERT OR IGNORE INTO sync_pending (entry_id) VALUES (id_blob(?1))")?
            .execute([customer])?;
    }
    Ok(())
}

/// Marks the entry row `id` (its closed-month work just added or voided here by a correction that was
/// not priced where it was typed) for pricing, beside the entries that arrived: on a team server's
/// replica the desk prices it under the team's lock at its next exchange (`team::Desk::price`), as it
/// prices work that arrived; other copies let the mark go at once (`sync::settle_arrivals`).
pub(in crate::store) fn mark_for_pricing(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO sync_pending (entry_id) VALUES (id_blob(?1))")?.execute([id])?;
    Ok(())
}

/// What to tell people when a tier change from `from` arrives by sync after a month it covers was closed:
/// the closed month keeps the tier (and fee) it was frozen with and is not billed again by itself.
pub(super) fn tier_notice(
    conn: &Connection,
    customer: &str,
    from: YearMonth,
    tier: crate::domain::Tier,
) -> Result<Option<String>> {
    let Some(month) = closed_at_or_after(conn, from)? else { return Ok(None) };
    let found: Option<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT c.name, s.body FROM customers c
             LEFT JOIN closed_statements s ON s.customer_id = c.id AND s.month = ?2 WHERE c.id = id_blob(?1)",
        )?
        .query_row(params![customer, month], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((name, body)) = found else { return Ok(None) };
    let frozen: Option<crate::domain::Tier> = body
        .and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok())
        .and_then(|doc| doc.get("tier").and_then(|t| t.as_str()).and_then(|t| t.parse().ok()));
    if frozen == Some(tier) {
        return Ok(None);
    }
    let kept = frozen.map_or_else(|| t!("tier-notice-no-statement"), |t| t!("tier-notice-kept", tier = t.to_string()));
    Ok(Some(t!(
        "tier-notice",
        name = name,
        tier = tier.to_string(),
        from = from.to_string(),
        month = month,
        kept = kept
    )))
}

/// The closed month an instant falls in, if any.
pub(super) fn closed_month_at(conn: &Connection, t: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT month FROM month_closes WHERE closed = 1 AND starts_at <= ?1 AND ?1 < ends_at LIMIT 1")?
        .query_row([t], |r| r.get(0))
        .optional()?)
}

/// The error for a silent change to closed work: it needs booking as a correction.
pub(super) fn closed_error(month: &str) -> StoreError {
    StoreError::Needs(super::Needs::Correction(month.to_string()))
}

impl Store {
    /// Freezes a month: `statements` are the customers' documents as they are now.
    /// `seen_version` is [`Store::data_version`] from before the statements were computed: when another
    /// process committed since, nothing is written and `Ok(false)` says to compute them again.
    pub fn close_month(
        &mut self,
        month: YearMonth,
        bounds: (DateTime<Utc>, DateTime<Utc>),
        statements: Vec<FrozenStatement>,
        seen_version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        self.write(now, |w| {
            let version: i64 = w.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?;
            if version != seen_version {
                return Ok(false);
            }
            if is_closed(w.conn(), month)? {
                return Err(StoreError::Invalid(t!("month-already-closed", month = month.to_string())));
            }
            let entries: Vec<String> = {
                let mut stmt = w.conn().prepare(
                    "SELECT id_text(e.id) FROM customers c JOIN time_entries e ON e.customer = c.no
                     WHERE e.started_at >= ?1 AND e.started_at < ?2 AND e.voided = 0 ORDER BY e.id",
                )?;
                let rows = stmt.query_map(params![bounds.0.timestamp(), bounds.1.timestamp()], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            w.record(Change::MonthClosed {
                month: month.to_string(),
                starts_at: bounds.0.timestamp(),
                ends_at: bounds.1.timestamp(),
                statements: statements
                    .into_iter()
                    .map(|s| ClosedStatement { customer: s.customer_id.into_string(), body: s.body })
                    .collect(),
                entries,
            })?;
            Ok(true)
        })
    }

    pub fn reopen_month(&mut self, month: YearMonth, now: DateTime<Utc>) -> Result<usize> {
        self.write(now, |w| {
            if !is_closed(w.conn(), month)? {
                return Err(StoreError::Invalid(t!("month-not-closed", month = month.to_string())));
            }
            let booked: Vec<(String, String)> = {
                let mut stmt = w.conn().prepare(
                    "SELECT id_text(id), booked_month FROM adjustments WHERE work_month = ?1 AND cancelled = 0",
                )?;
                let rows = stmt.query_map([month.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (_, booked_month) in &booked {
                if let Ok(m) = booked_month.parse::<YearMonth>()
                    && is_closed(w.conn(), m)?
                {
                    return Err(StoreError::Invalid(t!(
                        "month-reopen-blocked",
                        month = month.to_string(),
                        m = m.to_string()
                    )));
                }
            }
            w.record(Change::MonthReopened { month: month.to_string() })?;
            for (id, _) in &booked {
                w.record(Change::AdjustmentCancelled { id: id.clone() })?;
            }
            Ok(booked.len())
        })
    }
}

fn is_closed(conn: &Connection, month: YearMonth) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT closed FROM month_closes WHERE month = ?1")?
        .query_row([month.to_string()], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// Whether any closed month is at or after `from` (a tier change from `from` would alter it).
pub(super) fn closed_at_or_after(conn: &Connection, from: YearMonth) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT month FROM month_closes WHERE closed = 1 AND month >= ?1 ORDER BY month LIMIT 1")?
        .query_row([from.to_string()], |r| r.get(0))
        .optional()?)
}
