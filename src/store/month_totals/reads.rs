//! Reading the month totals: the file's zone, a customer's month as statement lines or figures, the
//! minutes a ticket had before a month, and reading a range ahead of a report.

use super::*;

const LINE_SELECT: &str =
    "SELECT first_entry, ticket_id, number, title, kind, first_at, minutes, role FROM work_months";

/// What a statement's figures under a contract need (the upgrade look-back): each row's ticket, kind
/// and minutes. Under a contract a ticket is one line whatever the roles, and how many minutes go
/// over the prepaid ones does not depend on the order lines draw them in.
const FIGURES_SELECT: &str = "SELECT ticket_id, kind, minutes FROM work_months";

impl Store {
    /// The zone the file's month totals are kept in (`None`: not built yet).
    pub fn month_zone(&self) -> Option<Tz> {
        file_zone(&self.conn).ok().flatten()
    }

    /// Whether month totals can answer for months in `zone`: read from the file each time (another
    /// process may have rebuilt them for its zone), so call it inside the read ([`Store::snapshot`])
    /// that reads the totals.
    pub fn month_totals_for(&self, zone: Tz) -> bool {
        self.month_zone() == Some(zone)
    }

    /// Says which zone this process bills in. A writable file without totals in that zone gets them
    /// built (once: on a large file this takes a while); a read-only one is left as it is.
    /// Returns whether the totals were built now.
    pub fn use_business_zone(&mut self, zone: Tz) -> Result<bool> {
        if self.read_only || self.month_totals_for(zone) {
            return Ok(false);
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if file_zone(&tx)? == Some(zone) {
            return Ok(false);
        }
        rebuild(&tx, zone)?;
        tx.commit()?;
        Ok(true)
    }

    /// Differences between the month totals and the time entries (empty: in step, or not built).
    pub fn month_totals_differences(&self) -> Result<Vec<String>> {
        match file_zone(&self.conn)? {
            Some(zone) => differences(&self.conn, zone),
            None => Ok(Vec::new()),
        }
    }

    /// A customer's month as billing lines' worth of work: one [`WorkEntry`] per ticket and role,
    /// carrying the sum of its minutes and its first entry (id, start). Only meaningful when
    /// [`Store::month_totals_for`] the zone `month` is meant in.
    pub fn work_totals(&self, customer_id: &crate::domain::CustomerId, month: YearMonth) -> Result<Vec<WorkEntry>> {
        self.totals_of(LINE_SELECT, customer_id, month, super::work::read_work)
    }

    /// [`Store::work_totals`] with each line's ticket, kind and minutes only (no entry, start, role,
    /// number or title: empty, the epoch, technician): enough for the overage of a month under a
    /// contract, not for its lines' order or roles.
    pub fn work_figures(&self, customer_id: &crate::domain::CustomerId, month: YearMonth) -> Result<Vec<WorkEntry>> {
        self.totals_of(FIGURES_SELECT, customer_id, month, |r| {
            Ok(WorkEntry {
                entry_id: String::new(),
                ticket_id: super::codec::read_id(r, 0)?,
                ticket_number: String::new(),
                ticket_title: String::new(),
                kind: r.get_ref(1)?.as_str()?.parse().unwrap_or(crate::domain::TicketKind::Request),
                started: chrono::DateTime::UNIX_EPOCH,
                minutes: r.get::<_, i64>(2)?.clamp(0, i64::from(u32::MAX)) as u32,
                role: crate::domain::Role::Technician,
            })
        })
    }

    /// [`Store::minutes_before`] the first instant of `month`, from the month totals: the minutes of a
    /// ticket's current entries in the months before. The same sum (the totals are exactly what the
    /// entries say), read from a few rows found by `work_months_ticket` instead of the ticket's entries
    /// in the biggest table: after [`Store::preload_month_totals`], the free consultations' earlier
    /// minutes were nearly all a cold month report still waited on the disk for. (The full-size
    /// demo, compacted, after a dropped page cache: the 5,080 consultations worked in 2026-10 take
    /// 2.2 s to sum from the entries, 0.7 s from the totals.) Only meaningful when
    /// [`Store::month_totals_for`] the zone `month` is meant in.
    pub fn minutes_before_month(&self, ticket_id: &crate::domain::TicketId, month: YearMonth) -> Result<u32> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(minutes), 0) FROM work_months WHERE ticket_id = id_blob(?1) AND month < ?2",
            )?
            .query_row(params![ticket_id, month.to_string()], |r| r.get(0))?;
        Ok(n.clamp(0, i64::from(u32::MAX)) as u32)
    }

    /// Reads the month totals of `from ..= to` once, in key order, before a run that reads them
    /// customer by customer. Customers come by name, their rows are kept by month and customer id, so
    /// that run asks for the month's pages in no order: on a cold cache each is a separate wait for
    /// the disk. In key order they are one pass, a run of neighbouring pages after `helpdesk compact`
    /// (which the kernel reads ahead), and the run that follows finds them cached. On the full-size
    /// demo, compacted: the three months a report of 2026-10 reads (167k rows) take about 70 ms so
    /// after a dropped page cache, and 10–20 ms warm.
    pub fn preload_month_totals(&self, from: YearMonth, to: YearMonth) -> Result<()> {
        self.conn
            .prepare_cached("SELECT count(*) FROM work_months WHERE month >= ?1 AND month <= ?2")?
            .query_row(params![from.to_string(), to.to_string()], |_| Ok(()))?;
        Ok(())
    }

    fn totals_of(
        &self,
        select: &str,
        customer_id: &str,
        month: YearMonth,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<WorkEntry>,
    ) -> Result<Vec<WorkEntry>> {
        let sql = format!("{select} WHERE month = ?2 AND customer_id = id_blob(?1)");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![customer_id, month.to_string()], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
