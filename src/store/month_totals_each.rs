//! Month totals of every customer at once: a month report asks for every customer's month,
//! customers in name order. Asked one by one, each is a look-up in `work_months`' key (month,
//! customer, ticket, role); read here, the month is one pass over a range of that key, in key order
//! (a run of neighbouring pages after `helpdesk compact`), grouped by customer. On the full-size demo
//! (10k customers, 53k lines in 2026-10) the look-ups were a quarter of a month report's time.
//!
//! Measured and left out: the upgrade look-back's months read the same way (figures only, see
//! `Store::work_figures`). Three quarters of the customers need them, so nearly as many rows are
//! read, each made into an entry up front; the report took as much CPU time as with a look-up per
//! customer (337 against 342 ms, full size) and held 107 MB instead of 76 MB. The look-back reads
//! the month figures instead (schema 14, `month_totals::figures`): a row per customer and month.

use rustc_hash::FxHashMap as HashMap;

use super::{Result, Store};
use crate::domain::billing::WorkEntry;
use crate::domain::{CustomerId, Role, YearMonth};

impl Store {
    /// [`Store::work_totals`] of every customer with work in `month`, keyed by customer id (a customer
    /// without work in the month is absent), each customer's lines in the order
    /// [`Store::work_totals`] gives them. Only meaningful when [`Store::month_totals_for`] the zone
    /// `month` is meant in.
    pub fn month_work_totals(&self, month: YearMonth) -> Result<HashMap<CustomerId, Vec<WorkEntry>>> {
        // The customer's column, then `work_totals`' (without the first entry, see `FirstEntries`).
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, ticket_id, number, title, kind, first_at, minutes, role
             FROM work_months WHERE month = ?1 ORDER BY customer_id, ticket_id, role",
        )?;
        let month_text = month.to_string();
        let mut rows = stmt.query([&month_text])?;
        let mut out = HashMap::default();
        // The customer being read (stored id) and their lines.
        let mut current: Option<(Vec<u8>, Vec<WorkEntry>)> = None;
        let mut firsts = FirstEntries::default();
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_blob().unwrap_or_default();
            if current.as_ref().is_some_and(|(current_id, _)| current_id.as_slice() != id) {
                if let Some((done, lines)) = current.take() {
                    let lines = firsts.settle(self, &month_text, &done, lines)?;
                    out.insert(CustomerId::new(super::codec::id_text(&done)), lines);
                }
            }
            let lines = &mut current.get_or_insert_with(|| (id.to_vec(), Vec::new())).1;
            lines.push(super::work::read_work_from(r, String::new())?);
        }
        if let Some((done, lines)) = current {
            let lines = firsts.settle(self, &month_text, &done, lines)?;
            out.insert(CustomerId::new(super::codec::id_text(&done)), lines);
        }
        Ok(out)
    }
}

/// The first entries of one customer's lines, read only for a customer with two lines whose work
/// started in the same second: a line's entry id only orders it after such a line (see
/// `domain::billing::statement`). Read with every line, they were a column and a copy of each of the
/// tens of thousands of lines of a month report, for the few customers who have such lines.
#[derive(Default)]
struct FirstEntries {
    starts: Vec<i64>,
}

impl FirstEntries {
    /// `lines` (one customer's, stored id `customer`, in `work_months`' key order) with their first
    /// entries' ids where two start in the same second. Errors: SQLite's.
    fn settle(
        &mut self,
        store: &Store,
        month: &str,
        customer: &[u8],
        mut lines: Vec<WorkEntry>,
    ) -> Result<Vec<WorkEntry>> {
        self.starts.clear();
        self.starts.extend(lines.iter().map(|l| l.started.timestamp()));
        self.starts.sort_unstable();
        if self.starts.windows(2).any(|w| w[0] == w[1]) {
            // The same rows, each matched to its line by its key (ticket, role). A first entry stored
            // as neither a blob nor text (a damaged file) is none, as when it was read with the line.
            let mut stmt = store.conn.prepare_cached(
                "SELECT ticket_id, role, first_entry FROM work_months WHERE month = ?1 AND customer_id = ?2",
            )?;
            let mut rows = stmt.query(rusqlite::params![month, customer])?;
            while let Some(r) = rows.next()? {
                let ticket = super::codec::id_of(r.get_ref(0)?).unwrap_or_default();
                let role =
                    super::work::role_of(r.get_ref(1)?.as_bytes().unwrap_or_default()).unwrap_or(Role::Technician);
                let line = lines.iter_mut().find(|l| l.entry_id.is_empty() && l.ticket_id == ticket && l.role == role);
                if let Some(line) = line {
                    line.entry_id = super::codec::id_of(r.get_ref(2)?).unwrap_or_default();
                }
            }
        }
        Ok(lines)
    }
}
