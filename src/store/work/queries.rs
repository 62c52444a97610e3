//! The reads billing and reports need: a ticket's history from the log, a customer's work in a
//! period, consultations opened, minutes before a moment, customers with work.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::domain::billing::WorkEntry;
use crate::domain::{Role, TicketKind};
use crate::store::change::OpRecord;
use crate::store::oplog::{OP_SELECT, read_op};
use crate::store::{Result, Store, from_ts};

/// Consultation tickets a customer opened: (id, received at), by received time and id.
type Opened = Vec<(String, DateTime<Utc>)>;

/// Work as billing reads it: (entry id, ticket id, number, title, kind, started, minutes, role); ids
/// stored (blobs) or as text.
pub(in crate::store) fn read_work(r: &Row<'_>) -> rusqlite::Result<WorkEntry> {
    read_work_from(r, crate::store::codec::read_id(r, 0)?)
}

/// [`read_work`] with the entry id given (the row's column 0 not read).
pub(in crate::store) fn read_work_from(r: &Row<'_>, entry_id: String) -> rusqlite::Result<WorkEntry> {
    // A kind and a role as stored are compared as bytes (a month report reads 53 000 of each); any
    // other text is read as before, and a value that is not text is an error, as it was.
    let (kind, role) = (crate::store::codec::text_bytes(r, 4)?, crate::store::codec::text_bytes(r, 7)?);
    let text = |i: usize, bytes| std::str::from_utf8(bytes).map_err(|e| rusqlite::Error::Utf8Error(i, e));
    Ok(WorkEntry {
        entry_id,
        ticket_id: crate::store::codec::read_id(r, 1)?,
        ticket_number: crate::store::codec::read_text(r, 2)?,
        ticket_title: crate::store::codec::read_text(r, 3)?,
        kind: match TicketKind::ALL.into_iter().find(|k| k.as_str().as_bytes() == kind) {
            Some(k) => k,
            None => text(4, kind)?.parse().unwrap_or(TicketKind::Request),
        },
        started: from_ts(r.get(5)?),
        minutes: r.get::<_, i64>(6)?.clamp(0, i64::from(u32::MAX)) as u32,
        role: role_of(role).map_err(|e| rusqlite::Error::Utf8Error(7, e))?,
    })
}

/// A role as stored (`role` columns' text): compared as bytes first (a month report reads 53 000),
/// else parsed, technician when unknown. Errors: the text is not UTF-8.
pub(in crate::store) fn role_of(stored: &[u8]) -> std::result::Result<Role, std::str::Utf8Error> {
    Ok(match stored {
        b"technician" => Role::Technician,
        b"consultant" => Role::Consultant,
        other => std::str::from_utf8(other)?.parse().unwrap_or(Role::Technician),
    })
}

impl Store {
    /// Everything that happened to a ticket, oldest first, from the operation log.
    pub fn history(&self, ticket_id: &crate::domain::TicketId) -> Result<Vec<OpRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{OP_SELECT} WHERE o.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1)) ORDER BY o.clock, d.id"
        ))?;
        let rows = stmt.query_map([ticket_id], read_op)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A customer's current time entries that started in `[from, to)`, as billing reads them.
    pub fn work_between(
        &self,
        customer_id: &crate::domain::CustomerId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<WorkEntry>> {
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
        customer_id: &crate::domain::CustomerId,
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

    /// [`Store::consultations_opened`] of each of `customers` (text ids), for a run over many
    /// customers: by customer id (a customer without any is absent), each customer's by received time
    /// and id. A range of the consultations' index per customer, customers in the index's order.
    /// (Measured, the full-size demo's report of 2026-10: one pass over the whole index, 99k
    /// consultations of every year and customer, was 106 M instructions, a tenth of the report; the
    /// 2,657 customers it ranks read this way, about 20 M.)
    pub fn consultations_opened_of<'c>(
        &self,
        customers: impl IntoIterator<Item = &'c str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<rustc_hash::FxHashMap<String, Opened>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, received_at FROM tickets INDEXED BY tickets_consultations
             WHERE customer_id = id_blob(?1) AND kind = 'consultation' AND received_at >= ?2 AND received_at < ?3
             ORDER BY received_at, id",
        )?;
        // Text ids sort as their stored bytes do (hex digits and hyphens in fixed places).
        let mut customers: Vec<&str> = customers.into_iter().collect();
        customers.sort_unstable();
        let mut out = rustc_hash::FxHashMap::default();
        for customer in customers {
            let mut rows = stmt.query(params![customer, from.timestamp(), to.timestamp()])?;
            let mut opened = Vec::new();
            while let Some(r) = rows.next()? {
                opened.push((crate::store::codec::read_id(r, 0)?, from_ts(r.get(1)?)));
            }
            if !opened.is_empty() {
                out.insert(customer.to_string(), opened);
            }
        }
        Ok(out)
    }

    /// When a ticket was received (`None`: no such ticket).
    pub fn ticket_received_at(&self, ticket_id: &crate::domain::TicketId) -> Result<Option<DateTime<Utc>>> {
        let at: Option<i64> = self
            .conn()
            .prepare_cached("SELECT received_at FROM tickets WHERE id = id_blob(?1)")?
            .query_row([ticket_id], |r| r.get(0))
            .optional()?;
        Ok(at.map(from_ts))
    }

    /// Minutes of work on a ticket that started before `before`.
    pub fn minutes_before(&self, ticket_id: &crate::domain::TicketId, before: DateTime<Utc>) -> Result<u32> {
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
    pub fn customers_with_work(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<crate::domain::CustomerId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(c.id) FROM customers c WHERE EXISTS (SELECT 1 FROM time_entries e
                WHERE e.customer = c.no AND e.started_at >= ?1 AND e.started_at < ?2 AND e.voided = 0)",
        )?;
        let rows = stmt.query_map(params![from.timestamp(), to.timestamp()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
