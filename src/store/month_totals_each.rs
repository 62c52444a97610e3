//! Month totals of every customer at once: a month report asks for every customer's month,
//! customers in name order. Asked one by one, each is a look-up in `work_months`' key (month,
//! customer, ticket, role); read here, the month is one pass over a range of that key, in key order
//! (a run of neighbouring pages after `helpdesk compact`), grouped by customer. On the full-size demo
//! (10k customers, 53k lines in 2026-10) the look-ups were a quarter of a month report's time.
//!
//! Read from both ends ([`Store::month_work_totals_from`]): a month report reads the month's lines
//! on its own connection while a second one reads the customers and the look-back (`Store::
//! read_beside`), which took less than half as long (125 M against 282 M instructions at full size),
//! so the second then takes customers from the top of the key until the two meet ([`Meeting`]).
//! How many each takes depends on how fast each runs, never what is read: each customer is taken by
//! exactly one, under a lock. At full size the report's wall time went 162 → 139 ms median (30 runs
//! each in turn, `benches/alternate.py`, 3 Dec 2026), at 100k 45 → 39 ms, for the same CPU time.
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
    /// [`Store::work_totals`] of customers with work in `month`, keyed by customer id, each
    /// customer's lines in the order [`Store::work_totals`] gives them, read from one `end` of the
    /// month's key, customer by customer, until it meets the customers another reader of the same
    /// month took from the other end (`meeting`, shared by the two). The two maps together hold every
    /// customer with work in the month, each in exactly one (a customer without work is in neither).
    /// The reader from the top takes no customer before the one from the bottom has taken its first:
    /// run one after the other, or alone with a fresh `meeting`, the bottom reads the month whole.
    /// Both must read the same snapshot (`Store::read_beside`). Only meaningful when
    /// [`Store::month_totals_for`] the zone `month` is meant in. Errors: SQLite's.
    pub fn month_work_totals_from(
        &self,
        month: YearMonth,
        end: End,
        meeting: &Meeting,
    ) -> Result<HashMap<CustomerId, Vec<WorkEntry>>> {
        // The customer's column, then `work_totals`' (without the first entry, see `FirstEntries`).
        let mut stmt = self.conn.prepare_cached(match end {
            End::Bottom => {
                "SELECT customer_id, ticket_id, number, title, kind, first_at, minutes, role
                 FROM work_months WHERE month = ?1 ORDER BY customer_id, ticket_id, role"
            }
            End::Top => {
                "SELECT customer_id, ticket_id, number, title, kind, first_at, minutes, role
                 FROM work_months WHERE month = ?1 ORDER BY customer_id DESC, ticket_id DESC, role DESC"
            }
        })?;
        let month_text = month.to_string();
        let mut rows = stmt.query([&month_text])?;
        let mut out = HashMap::default();
        // The customer being read (stored id) and their lines.
        let mut current: Option<(Vec<u8>, Vec<WorkEntry>)> = None;
        let mut firsts = FirstEntries::default();
        let mut settle = |done: Vec<u8>, mut lines: Vec<WorkEntry>| -> Result<()> {
            if end == End::Top {
                // Read from the top: the customer's lines in the key's order again.
                lines.reverse();
            }
            let lines = firsts.settle(self, &month_text, &done, lines)?;
            out.insert(CustomerId::new(super::codec::id_text(&done)), lines);
            Ok(())
        };
        while let Some(r) = rows.next()? {
            // A customer id stored as anything but a blob (a damaged file) sorts below every blob
            // (SQLite orders values by type first), as the empty blob it is read as here does.
            let id = r.get_ref(0)?.as_blob().unwrap_or_default();
            if current.as_ref().is_none_or(|(current_id, _)| current_id.as_slice() != id) {
                if let Some((done, lines)) = current.take() {
                    settle(done, lines)?;
                }
                if !meeting.take(end, id) {
                    break;
                }
            }
            let lines = &mut current.get_or_insert_with(|| (id.to_vec(), Vec::new())).1;
            lines.push(super::work::read_work_from(r, String::new())?);
        }
        if let Some((done, lines)) = current {
            settle(done, lines)?;
        }
        Ok(out)
    }
}

/// Which end of a month's key a reader of [`Store::month_work_totals_from`] starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The lowest customer id first.
    Bottom,
    /// The highest customer id first.
    Top,
}

/// Where two readers of one month, one from each [`End`], have got to: the last customer (stored
/// id) each took. A customer is taken by one reader only, under the lock.
#[derive(Default)]
pub struct Meeting(std::sync::Mutex<Taken>);

#[derive(Default)]
struct Taken {
    bottom: Option<Vec<u8>>,
    top: Option<Vec<u8>>,
}

impl Meeting {
    /// Whether the reader from `end` may read the customer `id` (the next one it met): yes unless
    /// the other reader took it or got past it. The reader from the top takes nothing before the one
    /// from the bottom has taken a customer, so that read one after the other the bottom reads all.
    fn take(&self, end: End, id: &[u8]) -> bool {
        let mut taken = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match end {
            End::Bottom => {
                if taken.top.as_deref().is_some_and(|top| id >= top) {
                    return false;
                }
                taken.bottom = Some(id.to_vec());
            }
            End::Top => {
                if taken.bottom.as_deref().is_none_or(|bottom| id <= bottom) {
                    return false;
                }
                taken.top = Some(id.to_vec());
            }
        }
        true
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Minutes, TicketKind, Tier};
    use crate::store::{NewEntry, NewTicket};
    use chrono::{TimeZone, Utc};

    /// A file with month totals kept in Prague and eight customers with work in 2026-10: each two
    /// tickets, one of them worked in two roles, two entries starting in the same second (so that
    /// their first entries are read, see `FirstEntries`).
    fn desk(dir: &tempfile::TempDir) -> Store {
        let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
        store.use_business_zone(chrono_tz::Europe::Prague).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
        for c in 0..8 {
            let customer = store
                .add_customer(&format!("Customer {c}"), "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), now)
                .unwrap();
            for (t, kind) in [(0, TicketKind::Incident), (1, TicketKind::Consultation)] {
                let new = NewTicket {
                    customer_id: customer.id.clone(),
                    title: format!("Ticket {c}/{t}"),
                    description: String::new(),
                    kind,
                    assignee: None,
                    received_at: now,
                };
                let ticket = store.open_ticket(new, now).unwrap();
                let roles: &[Role] = if t == 0 { &[Role::Technician, Role::Consultant] } else { &[Role::Technician] };
                for role in roles {
                    let entry = NewEntry {
                        ticket_id: ticket.id.clone(),
                        started_at: Utc.with_ymd_and_hms(2026, 10, 5 + c, 9, 0, 0).unwrap(),
                        minutes: Minutes::new(20 + c).unwrap(),
                        role: *role,
                        technician: "alice".into(),
                        note: String::new(),
                    };
                    store.add_time_entry(entry, now).unwrap();
                }
            }
        }
        store
    }

    fn month() -> YearMonth {
        YearMonth::new(2026, 10).unwrap()
    }

    /// The month whole, read by one reader alone.
    fn whole(store: &Store) -> HashMap<CustomerId, Vec<WorkEntry>> {
        store.month_work_totals_from(month(), End::Bottom, &Meeting::default()).unwrap()
    }

    /// Every customer in exactly one of the two maps, with the lines `work_totals` gives it.
    fn assert_split(
        store: &Store,
        bottom: &HashMap<CustomerId, Vec<WorkEntry>>,
        top: &HashMap<CustomerId, Vec<WorkEntry>>,
    ) {
        let whole = whole(store);
        assert_eq!(whole.len(), 8);
        for (id, lines) in &whole {
            assert_eq!(lines, &store.work_totals(id, month()).unwrap(), "{id}");
            let (b, t) = (bottom.get(id), top.get(id));
            assert!(b.is_some() != t.is_some(), "{id}: in both or in neither");
            assert_eq!(b.or(t), Some(lines), "{id}");
        }
        assert_eq!(bottom.len() + top.len(), whole.len());
    }

    /// Run one after the other, whichever first, the reader from the bottom reads the month whole.
    #[test]
    fn one_after_the_other_the_bottom_reads_every_customer() {
        let dir = tempfile::tempdir().unwrap();
        let store = desk(&dir);
        let meeting = Meeting::default();
        let top = store.month_work_totals_from(month(), End::Top, &meeting).unwrap();
        let bottom = store.month_work_totals_from(month(), End::Bottom, &meeting).unwrap();
        assert!(top.is_empty(), "the top read before the bottom had begun");
        assert_split(&store, &bottom, &top);
        let meeting = Meeting::default();
        let bottom = store.month_work_totals_from(month(), End::Bottom, &meeting).unwrap();
        let top = store.month_work_totals_from(month(), End::Top, &meeting).unwrap();
        assert!(top.is_empty(), "the bottom had read every customer");
        assert_split(&store, &bottom, &top);
    }

    /// The reader from the top takes every customer above the last one the bottom took, in the
    /// key's order; the bottom then stops below the top's last.
    #[test]
    fn the_two_readers_meet_and_take_each_customer_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = desk(&dir);
        let mut ids: Vec<Vec<u8>> = whole(&store).keys().map(|id| super::super::codec::id_blob(id.as_str())).collect();
        ids.sort();
        for taken in 0..ids.len() {
            let meeting = Meeting::default();
            // The bottom has taken its first `taken + 1` customers when the top begins.
            for id in &ids[..=taken] {
                assert!(meeting.take(End::Bottom, id));
            }
            let top = store.month_work_totals_from(month(), End::Top, &meeting).unwrap();
            assert_eq!(top.len(), ids.len() - taken - 1, "the bottom had taken {}", taken + 1);
            let bottom = store.month_work_totals_from(month(), End::Bottom, &meeting).unwrap();
            assert_eq!(bottom.len(), taken + 1);
            assert_split(&store, &bottom, &top);
        }
    }

    /// On two connections of one snapshot at once, as a month report reads. Where the two meet
    /// depends on how the threads run (mostly the bottom reads all eight customers before the top
    /// starts); every meeting point is checked by the test above.
    #[test]
    fn read_beside_each_other_the_two_make_the_whole_month() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = desk(&dir);
        store.use_two_readers();
        for _ in 0..20 {
            let meeting = Meeting::default();
            let before = store.reads_beside();
            let (bottom, top) = store
                .read_beside(
                    |twin| twin.month_work_totals_from(month(), End::Top, &meeting),
                    || store.month_work_totals_from(month(), End::Bottom, &meeting),
                )
                .unwrap();
            assert_eq!(store.reads_beside(), before + 1, "read on a second connection");
            assert_split(&store, &bottom, &top);
        }
    }
}
