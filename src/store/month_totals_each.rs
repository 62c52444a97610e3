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
        // The customer being read (stored id), their lines and the lines' first entries (stored ids).
        let mut current: Option<(Vec<u8>, Vec<WorkEntry>)> = None;
        let mut firsts = FirstEntries::default();
        while let Some(r) = rows.next()? {
            let id = r.get_ref(8)?.as_blob().unwrap_or_default();
            if current.as_ref().is_some_and(|(current_id, _)| current_id.as_slice() != id) {
                if let Some((done, lines)) = current.take() {
                    out.insert(CustomerId::new(super::codec::id_text(&done)), firsts.settle(lines));
                }
            }
            let lines = &mut current.get_or_insert_with(|| (id.to_vec(), Vec::new())).1;
            firsts.push(r.get_ref(0)?);
            lines.push(super::work::read_work_from(r, String::new())?);
        }
        if let Some((done, lines)) = current {
            out.insert(CustomerId::new(super::codec::id_text(&done)), firsts.settle(lines));
        }
        Ok(out)
    }
}

/// The first entries (stored ids) of one customer's lines, in the lines' order. A line's entry id
/// only orders it after another line whose work started in the same second (see
/// `domain::billing::statement`): made into text for a customer with such lines only, not for the
/// tens of thousands of a month report (an allocation and 36 characters each).
#[derive(Default)]
struct FirstEntries {
    bytes: Vec<u8>,
    /// Where each id ends in `bytes`, and whether it was stored as text (see `codec::read_id`).
    ends: Vec<(usize, bool)>,
    starts: Vec<i64>,
}

impl FirstEntries {
    fn push(&mut self, id: rusqlite::types::ValueRef<'_>) {
        let text = matches!(id, rusqlite::types::ValueRef::Text(_));
        self.bytes.extend_from_slice(id.as_bytes().unwrap_or_default());
        self.ends.push((self.bytes.len(), text));
    }

    /// `lines` (as many as pushed since the last call) with their entry ids where two start alike.
    fn settle(&mut self, mut lines: Vec<WorkEntry>) -> Vec<WorkEntry> {
        self.starts.clear();
        self.starts.extend(lines.iter().map(|l| l.started.timestamp()));
        self.starts.sort_unstable();
        if self.starts.windows(2).any(|w| w[0] == w[1]) {
            let mut from = 0;
            for (line, &(end, text)) in lines.iter_mut().zip(&self.ends) {
                let id = &self.bytes[from..end];
                line.entry_id = if text { String::from_utf8_lossy(id).into_owned() } else { super::codec::id_text(id) };
                from = end;
            }
        }
        self.bytes.clear();
        self.ends.clear();
        lines
    }
}
