//! Read queries for the TUI's lists and the team lead board: the open tickets' light columns (the
//! queue computes deadlines from them once), every tier change (so a ticket's tier needs no query per
//! row), a customer's every ticket, and the SLA outcomes of recently received tickets. Each reads one
//! index range: `tickets_open_rows` (the open tickets' list columns), `tickets_customer`, and
//! `tickets_received` (receipt time with the response facts).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Result, Store, from_ts};
use crate::domain::{TicketKind, TicketStatus, Tier, YearMonth};

/// A ticket without its description: what a queue row shows (open tickets, or a customer's history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTicket {
    pub id: String,
    pub number: String,
    pub customer_id: String,
    pub customer_name: String,
    pub title: String,
    pub kind: TicketKind,
    pub status: TicketStatus,
    pub assignee: Option<String>,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolve_by: Option<DateTime<Utc>>,
}

/// The columns of an [`OpenTicket`] (tickets `t`, customers `c`), in [`read_light`]'s order.
macro_rules! light_columns {
    () => {
        "id_text(t.id), t.number, id_text(t.customer_id), c.name, t.title, t.kind, t.status, t.assignee,
        t.received_at, t.first_response_at, t.resolve_by"
    };
}
pub(super) const LIGHT_COLUMNS: &str = light_columns!();

pub(super) const LIGHT_SELECT: &str =
    concat!("SELECT ", light_columns!(), " FROM tickets t JOIN customers c ON c.id = t.customer_id");

/// [`LIGHT_SELECT`] of open tickets only (`WHERE t.is_open = 1` must follow): read from the
/// `tickets_open_rows` index alone. Named, because without statistics the planner prefers
/// `tickets_open`, whose equality on `is_open` looks better but needs a table lookup per ticket.
pub(super) const OPEN_LIGHT_SELECT: &str = concat!(
    "SELECT ",
    light_columns!(),
    " FROM tickets t INDEXED BY tickets_open_rows JOIN customers c ON c.id = t.customer_id"
);

pub(super) fn read_light(r: &rusqlite::Row<'_>) -> rusqlite::Result<OpenTicket> {
    Ok(OpenTicket {
        id: r.get(0)?,
        number: r.get(1)?,
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        title: r.get(4)?,
        kind: r.get::<_, String>(5)?.parse().unwrap_or(TicketKind::Request),
        status: r.get::<_, String>(6)?.parse().unwrap_or(TicketStatus::Open),
        assignee: r.get(7)?,
        received_at: from_ts(r.get(8)?),
        first_response_at: r.get::<_, Option<i64>>(9)?.map(from_ts),
        resolve_by: r.get::<_, Option<i64>>(10)?.map(from_ts),
    })
}

/// A ticket's first-response facts, for SLA compliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFacts {
    pub id: String,
    pub customer_id: String,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Every open ticket (new, open, waiting), light columns only, oldest first.
    pub fn open_tickets(&self) -> Result<Vec<OpenTicket>> {
        let sql = format!("{OPEN_LIGHT_SELECT} WHERE t.is_open = 1 ORDER BY t.received_at, t.id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], read_light)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every ticket of one customer, closed ones too, light columns only, newest first (the
    /// `tickets_customer` index: a big customer's thousands of tickets in one range).
    pub fn customer_tickets(&self, customer_id: &str) -> Result<Vec<OpenTicket>> {
        let sql = format!("{LIGHT_SELECT} WHERE t.customer_id = id_blob(?1) ORDER BY t.received_at DESC, t.id DESC");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([customer_id], read_light)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every customer's tier history: one query for a whole list.
    pub fn tier_book(&self) -> Result<crate::domain::tiers::TierBook> {
        Ok(crate::domain::tiers::TierBook::new(self.all_tier_changes()?))
    }

    fn all_tier_changes(&self) -> Result<Vec<(String, YearMonth, Tier)>> {
        let mut stmt = self.conn().prepare_cached("SELECT id_text(customer_id), from_month, tier FROM tier_changes")?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (c, m, t) = row?;
            if let (Ok(m), Ok(t)) = (m.parse(), t.parse()) {
                out.push((c, m, t));
            }
        }
        Ok(out)
    }

    /// First-response facts of tickets (open or not) received after `after`, oldest first, at most `limit`.
    pub fn responses_after(&self, after: &super::TicketCursor, limit: usize) -> Result<Vec<ResponseFacts>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id), id_text(customer_id), received_at, first_response_at FROM tickets
             WHERE (received_at, id) > (?1, id_blob(?2)) ORDER BY received_at, id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![after.received_at, after.id, limit as i64], |r| {
            Ok(ResponseFacts {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                received_at: from_ts(r.get(2)?),
                first_response_at: r.get::<_, Option<i64>>(3)?.map(from_ts),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Customers whose name starts with `typed` (ignoring case and diacritics), in name order; an exact
    /// match comes alone. For forms, where people type the start of a name.
    pub fn customers_matching(&self, typed: &str, limit: usize) -> Result<Vec<super::Customer>> {
        if let Some(c) = self.customer_by_name(typed)? {
            return Ok(vec![c]);
        }
        let key = crate::domain::text::fold(&crate::domain::text::clean(typed, false));
        if key.is_empty() {
            return Ok(Vec::new());
        }
        // A key range rather than LIKE, so the `customers_name_key` index serves it.
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id) FROM customers WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key, id LIMIT ?3",
        )?;
        let ids: Vec<String> = stmt
            .query_map(params![key, format!("{key}\u{10FFFF}"), limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(c) = self.customer(&id)? {
                out.push(c);
            }
        }
        Ok(out)
    }
}
