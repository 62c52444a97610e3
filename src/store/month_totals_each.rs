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
use crate::domain::{CustomerId, YearMonth};

impl Store {
    /// [`Store::work_totals`] of every customer with work in `month`, keyed by customer id (a customer
    /// without work in the month is absent), each customer's lines in the order
    /// [`Store::work_totals`] gives them. Only meaningful when [`Store::month_totals_for`] the zone
    /// `month` is meant in.
    pub fn month_work_totals(&self, month: YearMonth) -> Result<HashMap<CustomerId, Vec<WorkEntry>>> {
        // `work_totals`' columns, then the customer's.
        let mut stmt = self.conn.prepare_cached(
            "SELECT first_entry, ticket_id, number, title, kind, first_at, minutes, role, customer_id
             FROM work_months WHERE month = ?1 ORDER BY customer_id, ticket_id, role",
        )?;
        let mut rows = stmt.query([month.to_string()])?;
        let mut out = HashMap::default();
        // The customer being read (stored id) and their lines: one id made into text per customer.
        let mut current: Option<(Vec<u8>, Vec<WorkEntry>)> = None;
        while let Some(r) = rows.next()? {
            let id = r.get_ref(8)?.as_blob().unwrap_or_default();
            let line = super::work::read_work(r)?;
            match &mut current {
                Some((current_id, lines)) if current_id.as_slice() == id => lines.push(line),
                _ => {
                    if let Some((done, lines)) = current.replace((id.to_vec(), vec![line])) {
                        out.insert(CustomerId::new(super::codec::id_text(&done)), lines);
                    }
                }
            }
        }
        if let Some((done, lines)) = current {
            out.insert(CustomerId::new(super::codec::id_text(&done)), lines);
        }
        Ok(out)
    }
}
