//! The customers a ticket list meets: each one's id as text, name and tier history, read once per
//! list. A short list (one customer's tickets) asks for each customer it meets; a long one, after
//! [`CustomerNames::LOAD_ALL_AFTER`] customers, reads the `customers` and `tier_changes` tables
//! through once (at full size a 5 000-ticket queue meets 3 700 of 10 000 customers: probing each
//! would read the same pages as the scan, and cost more per customer).
//!
//! A long list of open tickets in a big file ([`super::Store::each_ticket_line`]) reads them all before
//! its first line, the tier histories on a second connection beside the names
//! ([`CustomerNames::load_all_beside`]).
//!
//! A customer met is kept by its stored id, with its text id made only when a line meets it, and
//! its tier history as a range of one shared vector (no allocation per customer or tier change):
//! reading every customer's tier history into a map of text ids was a quarter of a full-size list.

use std::ops::Range;

use crate::domain::{Tier, YearMonth};

/// The share of the customers (the last rows of the table, as a fraction) that
/// [`CustomerNames::load_all_beside`] reads on the second connection after the tier histories: on its
/// own that side's part was the shorter (full size: 3.5 M instructions against 15 M).
const BESIDE_SHARE: (i64, i64) = (2, 5);

/// One customer as a list shows it.
#[derive(Default)]
struct Met {
    /// Its id as text: made when a line first meets it (empty until then).
    id: String,
    /// Its name, once a line has met it (until then its stored bytes in `stored_name`: most customers
    /// a long list reads are never shown, and checking that their names are text costs).
    name: String,
    stored_name: Vec<u8>,
    /// Its tier changes in [`CustomerNames::changes`], oldest first.
    tiers: Range<usize>,
    /// Its place among the customers met ([`Shown::index`]), once a line has met it.
    index: usize,
}

/// Customers' ids (as text), names and tier histories by stored id, filled as a list meets them.
#[derive(Default)]
pub(super) struct CustomerNames {
    known: rustc_hash::FxHashMap<Vec<u8>, Met>,
    /// Every tier change read, each customer's in one run, oldest first.
    changes: Vec<(YearMonth, Tier)>,
    misses: usize,
    /// How many customers lines have met.
    met: usize,
}

/// What a list shows of a customer, borrowed from [`CustomerNames`].
pub(super) struct Shown<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Its tier changes, oldest first (empty: never a contract).
    pub tiers: &'a [(YearMonth, Tier)],
    /// Its place among the customers this list has met: 0 for the first, 1 for the next, ….
    pub index: usize,
}

impl CustomerNames {
    pub(super) const LOAD_ALL_AFTER: usize = 16;

    /// The customer's id as text and name; the stored id `blob` as `customers.id` holds it.
    pub(super) fn get(&mut self, conn: &rusqlite::Connection, blob: &[u8]) -> rusqlite::Result<(String, String)> {
        self.get_ref(conn, blob).map(|s| (s.id.to_string(), s.name.to_string()))
    }

    /// The customer `blob` (its stored id), read now if this list has not met it yet.
    ///
    /// Errors: SQLite's; `QueryReturnedNoRows` for a customer the file does not hold (a damaged file:
    /// a foreign key keeps every listed ticket's customer).
    pub(super) fn get_ref(&mut self, conn: &rusqlite::Connection, blob: &[u8]) -> rusqlite::Result<Shown<'_>> {
        // One probe of the map for a customer met before (nearly every line of a long list).
        if self.known.get(blob).is_none_or(|m| m.index == usize::MAX) {
            self.meet(conn, blob)?;
        }
        let met = self.known.get(blob).ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        Ok(Shown { id: &met.id, name: &met.name, tiers: &self.changes[met.tiers.clone()], index: met.index })
    }

    /// Reads the customer `blob` if this list has not read it yet, and gives it its text id, name
    /// and place.
    fn meet(&mut self, conn: &rusqlite::Connection, blob: &[u8]) -> rusqlite::Result<()> {
        if !self.known.contains_key(blob) {
            self.load(conn, blob)?;
        }
        let met = self.known.get_mut(blob).ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        if met.id.is_empty() {
            met.id = super::codec::id_text(blob);
            met.name = String::from_utf8(std::mem::take(&mut met.stored_name))
                .map_err(|e| rusqlite::Error::Utf8Error(1, e.utf8_error()))?;
        }
        if met.index == usize::MAX {
            met.index = self.met;
            self.met += 1;
        }
        Ok(())
    }

    /// Reads the customer `blob` (or, after [`CustomerNames::LOAD_ALL_AFTER`] misses, every customer).
    fn load(&mut self, conn: &rusqlite::Connection, blob: &[u8]) -> rusqlite::Result<()> {
        self.misses += 1;
        if self.misses > Self::LOAD_ALL_AFTER {
            self.load_all(conn)?;
            self.misses = 0;
            if self.known.contains_key(blob) {
                return Ok(());
            }
            // Not among every customer: a damaged file (the query below says so).
        }
        let mut stmt = conn.prepare_cached("SELECT name FROM customers WHERE id = ?1")?;
        let name: String = stmt.query_row([blob], |r| r.get(0))?;
        let tiers = self.read_tiers(conn, blob)?;
        // The id as text too: a customer so read is met at once.
        self.known.insert(
            blob.to_vec(),
            Met { id: super::codec::id_text(blob), name, tiers, stored_name: Vec::new(), index: usize::MAX },
        );
        Ok(())
    }

    /// Every customer's name and tier history (the ones already met keep their text ids).
    fn load_all(&mut self, conn: &rusqlite::Connection) -> rusqlite::Result<()> {
        self.load_customers(conn)?;
        let tiers = TierRows::read(conn)?;
        self.attach(&tiers);
        Ok(())
    }

    /// [`CustomerNames::load_all`] with the tier histories read on a second connection of the same
    /// snapshot while the customers are read here ([`super::Store::read_beside`]): for a long list of
    /// a big file, whose directory is most of its work (full size: the tier histories alone were
    /// 4.5 ms of a 21.8 ms `ticket list --open`). `conn` is `store`'s connection.
    ///
    /// Errors: the store's.
    pub(super) fn load_all_beside(&mut self, store: &super::Store, conn: &rusqlite::Connection) -> super::Result<()> {
        // The last part of the table's rows (see BESIDE_SHARE) read beside, after the tier histories.
        let (split, last) = super::customers::reads::split_rows(conn, BESIDE_SHARE)?;
        let rows = Self::room(last);
        let beside = |twin: &super::Store| -> super::Result<_> {
            let tiers = TierRows::read(twin.conn())?;
            let mut names = Vec::with_capacity(rows / 2);
            Self::read_names(twin.conn(), (split.saturating_add(1), i64::MAX), |id, name| {
                names.push((id.to_vec(), name.to_vec()))
            })?;
            Ok((tiers, names))
        };
        let ((), (tiers, names)) = store.read_beside(beside, || {
            self.known.reserve(rows.saturating_sub(self.known.len()));
            Ok(Self::read_names(conn, (i64::MIN, split), |id, name| {
                self.note(std::borrow::Cow::Borrowed(id), name.to_vec())
            })?)
        })?;
        for (id, name) in names {
            self.note(std::borrow::Cow::Owned(id), name);
        }
        self.attach(&tiers);
        Ok(())
    }

    /// Room for every customer at once: the largest row number `last` (no more rows than that, read
    /// from the table's last page; at most a million ahead, whatever the file says). Grown step by step, the
    /// map moved its entries to fresh memory at each step.
    fn room(last: Option<i64>) -> usize {
        usize::try_from(last.unwrap_or(0).clamp(0, 1 << 20)).unwrap_or(0)
    }

    /// The stored id and name of every customer whose row number (`no`) lies in `rows` (both ends
    /// in), handed to `each`.
    fn read_names(
        conn: &rusqlite::Connection,
        rows: (i64, i64),
        mut each: impl FnMut(&[u8], &[u8]),
    ) -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached("SELECT id, name FROM customers WHERE no BETWEEN ?1 AND ?2")?;
        let mut rows = stmt.query([rows.0, rows.1])?;
        while let Some(r) = rows.next()? {
            each(r.get_ref(0)?.as_blob()?, r.get_ref(1)?.as_bytes()?);
        }
        Ok(())
    }

    /// A customer read with every other (`id`: its stored id): one met already has its tier history
    /// read again (see [`CustomerNames::attach`]), else it is kept with its stored name.
    fn note(&mut self, id: std::borrow::Cow<'_, [u8]>, name: Vec<u8>) {
        match self.known.get_mut(&*id) {
            Some(met) => met.tiers = 0..0,
            None => {
                self.known.insert(id.into_owned(), Met { stored_name: name, index: usize::MAX, ..Met::default() });
            }
        }
    }

    /// Every customer's name (the ones already met keep their text ids; their tier histories are
    /// read again, see [`CustomerNames::attach`]).
    fn load_customers(&mut self, conn: &rusqlite::Connection) -> rusqlite::Result<()> {
        let last: Option<i64> = conn.query_row("SELECT max(no) FROM customers", [], |r| r.get(0))?;
        let rows = Self::room(last);
        self.known.reserve(rows.saturating_sub(self.known.len()));
        Self::read_names(conn, (i64::MIN, i64::MAX), |id, name| {
            self.note(std::borrow::Cow::Borrowed(id), name.to_vec())
        })
    }

    /// Every customer's tier history from `tiers` (the changes read before are dropped): a change of a
    /// customer the directory does not hold (a damaged file) is no list's.
    fn attach(&mut self, tiers: &TierRows) {
        self.changes.clear();
        let rows = &tiers.rows;
        let mut i = 0;
        while i < rows.len() {
            // Rows come customer by customer: one run each.
            let (start, end) = (rows[i].0, rows[i].1);
            let run = rows[i..].iter().take_while(|r| (r.0, r.1) == (start, end)).count();
            if let Some(met) = tiers.ids.get(start..end).and_then(|id| self.known.get_mut(id)) {
                let at = self.changes.len();
                self.changes.extend(rows[i..i + run].iter().map(|&(_, _, month, tier)| (month, tier)));
                met.tiers = at..self.changes.len();
            }
            i += run;
        }
    }

    /// One customer's tier changes (`blob`: its stored id) appended to [`CustomerNames::changes`];
    /// their range.
    fn read_tiers(&mut self, conn: &rusqlite::Connection, blob: &[u8]) -> rusqlite::Result<Range<usize>> {
        let start = self.changes.len();
        let mut stmt = conn.prepare_cached(
            "SELECT customer_id, from_month, tier FROM tier_changes WHERE customer_id = ?1 ORDER BY from_month",
        )?;
        let mut rows = stmt.query([blob])?;
        while let Some(r) = rows.next()? {
            if let Some(c) = change(r)? {
                self.changes.push(c);
            }
        }
        Ok(start..self.changes.len())
    }
}

/// Every readable row of `tier_changes`, customer by customer and oldest first, read apart from the
/// customers (on a second connection, see [`CustomerNames::load_all_beside`]): the customers' stored
/// ids back to back in `ids`, and per row where its customer's id lies in `ids` (start, end) and its
/// (from month, tier).
#[derive(Default)]
pub(super) struct TierRows {
    ids: Vec<u8>,
    rows: Vec<(usize, usize, YearMonth, Tier)>,
}

impl TierRows {
    /// Errors: SQLite's, and a customer id that is not stored as a blob (a damaged file), as a list
    /// refuses it.
    fn read(conn: &rusqlite::Connection) -> rusqlite::Result<TierRows> {
        let mut stmt = conn.prepare_cached(
            "SELECT customer_id, from_month, tier FROM tier_changes ORDER BY customer_id, from_month",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = TierRows::default();
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_blob()?;
            let Some((month, tier)) = change(r)? else { continue };
            // The same customer as the row before: its id is not copied again.
            let (start, end) = match out.rows.last() {
                Some(&(start, end, _, _)) if out.ids.get(start..end) == Some(id) => (start, end),
                _ => {
                    let start = out.ids.len();
                    out.ids.extend_from_slice(id);
                    (start, out.ids.len())
                }
            };
            out.rows.push((start, end, month, tier));
        }
        Ok(out)
    }
}

/// The (from month, tier) of a `tier_changes` row (columns 1 and 2); `None` for one that does not read
/// (skipped, as [`super::Store::tier_book`] skips it).
pub(super) fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<(YearMonth, Tier)>> {
    let text = |i| {
        r.get_ref(i).map(|v| match v {
            rusqlite::types::ValueRef::Text(t) => t,
            _ => &[],
        })
    };
    Ok(month(text(1)?).zip(tier(text(2)?)))
}

/// A stored month (`YYYY-MM`, as every writer stores it) read from its bytes; anything else as
/// [`YearMonth`]'s parser reads it. Ten thousand rows a list: the parser's checks cost more than the row.
fn month(b: &[u8]) -> Option<YearMonth> {
    let digit = |i: usize| b.get(i).filter(|d| d.is_ascii_digit()).map(|d| u32::from(d - b'0'));
    if let ([_, _, _, _, b'-', _, _], Some(y0), Some(y1), Some(y2), Some(y3), Some(m0), Some(m1)) =
        (b, digit(0), digit(1), digit(2), digit(3), digit(5), digit(6))
    {
        let year = i32::try_from(((y0 * 10 + y1) * 10 + y2) * 10 + y3).ok()?;
        return YearMonth::new(year, m0 * 10 + m1);
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// A stored tier (its lower-case name, as every writer stores it); anything else as [`Tier`]'s parser
/// reads it.
fn tier(b: &[u8]) -> Option<Tier> {
    match b {
        b"standard" => Some(Tier::Standard),
        b"plus" => Some(Tier::Plus),
        b"vip" => Some(Tier::Vip),
        b"none" => Some(Tier::None),
        _ => std::str::from_utf8(b).ok()?.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_months_and_tiers_read_as_the_parsers_read_them() {
        for m in [
            "2024-06", "0001-01", "9999-12", "2024-13", "2024-00", "0000-01", " 2024-06", "2024-6", "24-06", "2024/06",
            "",
        ] {
            assert_eq!(month(m.as_bytes()), m.parse().ok(), "{m:?}");
        }
        for t in ["standard", "plus", "vip", "none", "VIP", " plus ", "no-contract", "gold", ""] {
            assert_eq!(tier(t.as_bytes()), t.parse().ok(), "{t:?}");
        }
    }
}
