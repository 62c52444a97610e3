//! Reading customers: by name (exactly or by the start of it), by id, page by page in name order, and
//! their tiers month by month.

use rusqlite::{OptionalExtension, params};

use super::{COLUMNS, Candidates, Customer, CustomerCursor, CustomerLine, NOT_GONE, find_by_name, read};
use crate::domain::{CustomerId, Tier, YearMonth};
use crate::store::{Result, Store, StoreError};

/// One customer's tier changes (from month, tier).
type TierHistory = Vec<(YearMonth, Tier)>;

/// A customer with its stored id: (id, customer).
type Keyed = (Vec<u8>, Customer);

/// Every row number of `customers` (both ends in).
const ALL_ROWS: (i64, i64) = (i64::MIN, i64::MAX);

/// The share of the customers (the last rows of the table, as a fraction) read and sorted by the
/// second thread of [`Store::customer_lines`], after the open tickets and the tier histories: on
/// its own that thread's part was the shorter (at full size 29 M instructions against 45 M).
const BESIDE_SHARE: (i64, i64) = (1, 5);

/// Where the `customers` table's rows split for two readers: the row number (`no`) after which the
/// last `share` (a fraction) of the numbers in use lie (`i64::MAX` for an empty table), and the
/// largest row number. Each end is its own select: SQLite reads one end of the table for a lone
/// min() or max(), but scans the whole table for the two in one.
///
/// Errors: SQLite's.
pub(in crate::store) fn split_rows(
    conn: &rusqlite::Connection,
    share: (i64, i64),
) -> rusqlite::Result<(i64, Option<i64>)> {
    let (first, last): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT (SELECT min(no) FROM customers), (SELECT max(no) FROM customers)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let split = match (first, last) {
        (Some(first), Some(last)) => {
            last.saturating_sub(last.saturating_sub(first).saturating_mul(share.0) / share.1.max(1))
        }
        _ => i64::MAX,
    };
    Ok((split, last))
}

/// Two parts of the customers, each sorted with its keys ([`Store::customer_lines`]), as one sorted
/// list: by key, then stored id, as each part is.
fn merged(here: (Vec<Keyed>, Vec<Vec<u8>>), there: (Vec<Keyed>, Vec<Vec<u8>>)) -> Vec<Keyed> {
    let mut out = Vec::with_capacity(here.0.len() + there.0.len());
    let mut here = here.0.into_iter().zip(here.1).peekable();
    let mut there = there.0.into_iter().zip(there.1).peekable();
    loop {
        let take_here = match (here.peek(), there.peek()) {
            (Some((a, a_key)), Some((b, b_key))) => (a_key, &a.0) <= (b_key, &b.0),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        let next = if take_here { here.next() } else { there.next() };
        out.extend(next.map(|(row, _)| row));
    }
}

/// Puts `items` in the order `from` gives (the item at `i` goes to where `from` holds `i`: `items[k]`
/// becomes what `items[from[k]]` was), in place, one swap per item moved; `from` (a permutation of
/// `0..items.len()`) is used up. Where `from` is no permutation the items are reordered somehow, none
/// lost.
fn place<T>(items: &mut [T], from: &mut [usize]) {
    for start in 0..from.len().min(items.len()) {
        let mut at = start;
        while from[at] != at {
            let next = from[at];
            from[at] = at;
            if next == start || next >= items.len() {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

/// The first 16 bytes of a sort key as a big-endian number, zeros after a shorter key's end. Two
/// keys whose numbers differ compare as their numbers do (bytewise order, a key before its own
/// extensions): the first differing byte within 16 decides both, or one key is the other's start
/// padded with the least byte; equal numbers leave the comparison to the whole keys.
fn key_prefix(key: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    let n = key.len().min(16);
    bytes[..n].copy_from_slice(&key[..n]);
    u128::from_be_bytes(bytes)
}

/// The fewest customers (rows of `customers`) for which [`Store::customer_lines`] reads the open
/// tickets and tier histories on a second connection beside the customers. Starting the second
/// connection costs about a millisecond (a thread, the file opened, the schema read): at 1 000
/// customers (the 100k demo) `customer list` took 8.2 ms at the least instead of 6.9, at 10 000
/// (the full-size demo) 24.9 ms median instead of 27.9 (40–100 runs each in turn, 3 Dec 2026).
pub const LINES_BESIDE_FROM: i64 = 4_000;

impl Store {
    /// The customer whose name matches, ignoring case and diacritics.
    pub fn customer_by_name(&self, name: &str) -> Result<Option<Customer>> {
        find_by_name(self.conn(), &crate::domain::text::clean_name(name))
    }

    /// The customer a person means by `name`, as the interface reads it: the exact name (ignoring case
    /// and diacritics) wins, archived or not; else the one customer in use whose name starts with it
    /// (archived ones are no candidates, see [`Candidates`]). None or several is an error that says
    /// what to do (several: naming the candidates).
    pub fn require_customer(&self, name: &str) -> Result<Customer> {
        self.require_customer_among(name, Candidates::InUse)
    }

    /// [`Store::require_customer`] with the customers a prefix may pick from chosen: `customer
    /// unarchive` picks among the archived ones.
    pub fn require_customer_among(&self, name: &str, among: Candidates) -> Result<Customer> {
        const SHOWN: usize = 10;
        let mut found = self.customers_matching_among(name, SHOWN + 1, among)?;
        match found.len() {
            0 if name.trim().get(..3).is_some_and(|p| p.eq_ignore_ascii_case("id:")) => {
                Err(StoreError::Invalid(crate::t!("customer-no-such-id", id = name.trim())))
            }
            0 => Err(StoreError::Unknown(crate::store::Unknown::CustomerNamed(crate::domain::text::clean_name(name)))),
            1 => Ok(found.remove(0)),
            n => Err(StoreError::Invalid(self.several_customers(name, &found[..n.min(SHOWN)], n > SHOWN))),
        }
    }

    pub fn customer(&self, id: &crate::domain::CustomerId) -> Result<Option<Customer>> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = id_blob(?1) AND {NOT_GONE}");
        Ok(self.conn().query_row(&sql, [id], read).optional()?)
    }

    /// One page of customers in name order (the store's [`NameOrder`](crate::domain::collation::NameOrder)),
    /// after `cursor`. English pages on the indexed `name_key`; Czech on `cs_key(name)`, computed per
    /// row (not stored: see `domain::collation`), so a page is right wherever the Czech order moves a
    /// name.
    pub fn customers_page(
        &self,
        cursor: Option<&CustomerCursor>,
        limit: usize,
    ) -> Result<Vec<(Customer, CustomerCursor)>> {
        use crate::domain::collation::NameOrder;
        let c = cursor.cloned().unwrap_or_default();
        let page = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<Vec<(Customer, CustomerCursor)>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map(params![key, c.id, limit as i64], |r| {
                let key = match r.get_ref(6)? {
                    rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => b.to_vec(),
                    _ => Vec::new(),
                };
                let customer = read(r)?;
                let id = customer.id.to_string();
                Ok((customer, CustomerCursor { key, id }))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        match self.name_order() {
            NameOrder::Folded => page(
                &format!(
                    "SELECT {COLUMNS}, name_key FROM customers WHERE (name_key, id) > (?1, id_blob(?2)) AND {NOT_GONE}
                     ORDER BY name_key, id LIMIT ?3"
                ),
                &String::from_utf8_lossy(&c.key).into_owned(),
            ),
            NameOrder::Czech => page(
                &format!(
                    "SELECT {COLUMNS}, cs_key(name) AS k FROM customers WHERE (k, id) > (?1, id_blob(?2)) AND {NOT_GONE}
                     ORDER BY k, id LIMIT ?3"
                ),
                &c.key,
            ),
        }
    }

    /// Every customer in name order, read in pages of `page` rows (memory stays one page), each handed
    /// to `visit`; stops at the first error `visit` returns.
    ///
    /// Errors: the store's (converted into the visitor's error type), or the visitor's.
    pub fn each_customer<E: From<StoreError>>(
        &self,
        page: usize,
        mut visit: impl FnMut(Customer) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut cursor = None;
        loop {
            let rows = self.customers_page(cursor.as_ref(), page.max(1))?;
            let Some((_, last)) = rows.last() else { return Ok(()) };
            cursor = Some(last.clone());
            for (customer, _) in rows {
                visit(customer)?;
            }
        }
    }

    /// Every customer (removed ones gone, archived ones in), in the order [`Store::each_customer`] hands
    /// them out (the store's [`NameOrder`](crate::domain::collation::NameOrder), then id), read in one
    /// pass over the table and sorted here. For a list that shows them all: paging in name order looked
    /// every customer up through the name index, and a Czech page computed every customer's key again
    /// (at full size, 10 000 customers, half of `customer list`).
    ///
    /// Errors: the store's.
    pub fn all_customers(&self) -> Result<Vec<Customer>> {
        let (keyed, _) = self.keyed_customers(0, ALL_ROWS)?;
        // Made in place of the sorted vector (a second vector, and keys sorted apart from the items,
        // took fresh huge pages: a full-size month report's peak RSS 75 → 94 MB).
        Ok(keyed.into_iter().map(|(_, customer)| customer).collect())
    }

    /// [`Store::all_customers`], each with its tier history and open tickets: what `customer list`
    /// shows. The histories and counts are gathered by stored id, so no customer's id is made text
    /// but its own (a tier book and counts keyed by text ids were a quarter of the full-size list).
    ///
    /// Errors: the store's, and a tier change whose customer id is a number (a damaged file), as
    /// [`Store::tier_book`] refuses it.
    ///
    /// With [`LINES_BESIDE_FROM`] customers or more, on two cores (`HELPDESK_THREADS`), the open
    /// tickets and the tier histories are read on a second connection of the same snapshot while the
    /// customers are read and sorted here ([`Store::read_beside`]; always when
    /// [`Store::use_two_readers`] says so).
    pub fn customer_lines(&self) -> Result<Vec<CustomerLine>> {
        // One read, so that the counts and histories are of the customers read.
        let (customers, (open, mut histories)) = self.snapshot(|| {
            // Rows of the table (removed customers too): counted from its pages, not read.
            let rows: i64 = self.conn().query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
            // Room for them all at once (at most a million ahead, whatever the file says): grown
            // step by step, the maps and the vector took fresh memory at each step.
            let expected = usize::try_from(rows.clamp(0, 1 << 20)).unwrap_or(0);
            let counts = |store: &Store| -> Result<_> {
                Ok((store.open_counts_by_stored_id(expected)?, store.tier_histories_by_stored_id(expected)?))
            };
            if rows >= LINES_BESIDE_FROM || self.two_readers_asked() {
                // The last rows of the table are read and sorted beside too (the second thread's
                // part was the shorter), and the two sorted parts merged.
                let (split, _) = split_rows(self.conn(), BESIDE_SHARE)?;
                let beside = |store: &Store| {
                    let counted = counts(store)?;
                    Ok((
                        store
                            .keyed_customers(expected / BESIDE_SHARE.1 as usize, (split.saturating_add(1), i64::MAX))?,
                        counted,
                    ))
                };
                let (here, (there, counted)) =
                    self.read_beside(beside, || self.keyed_customers(expected, (i64::MIN, split)))?;
                Ok((merged(here, there), counted))
            } else {
                let counted = counts(self)?;
                Ok((self.keyed_customers(expected, ALL_ROWS)?.0, counted))
            }
        })?;
        Ok(customers
            .into_iter()
            .map(|(id, customer)| CustomerLine {
                customer,
                tiers: histories.remove(&id).unwrap_or_default(),
                open_tickets: open.get(&id).copied().unwrap_or(0),
            })
            .collect())
    }

    /// The customers whose row numbers (`no`) lie in `rows` (both ends in), as [`Store::all_customers`]
    /// orders them, each with its stored id, sorted, and beside them their sort keys;
    /// `expected`: how many there may be (room made for them at once).
    ///
    /// Sorted as a list of (the key's first 16 bytes as a number, row): most comparisons end at the
    /// numbers, and the rows (with their strings) are moved once, into their places, instead of at
    /// every step of the sort (at full size, 10 000 customers, the sort of the rows themselves was
    /// 8.4 M instructions, a fifth of reading them; see [`key_prefix`] for why the order is the same).
    fn keyed_customers(&self, expected: usize, rows: (i64, i64)) -> Result<(Vec<Keyed>, Vec<Vec<u8>>)> {
        use crate::domain::collation::NameOrder;
        let order = self.name_order();
        let sql = format!(
            "SELECT id, name, contact, created_at, name_key, state FROM customers WHERE no BETWEEN ?1 AND ?2 AND {NOT_GONE}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![rows.0, rows.1])?;
        let mut keys: Vec<Vec<u8>> = Vec::with_capacity(expected);
        let mut read_rows: Vec<Keyed> = Vec::with_capacity(expected);
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
            let name: String = r.get(1)?;
            // The key the pages sort by: the stored folded name, or the Czech key of the name.
            keys.push(match order {
                NameOrder::Folded => r.get_ref(4)?.as_bytes().map_err(rusqlite::Error::from)?.to_vec(),
                NameOrder::Czech => order.key(&name),
            });
            let customer = Customer {
                id: crate::store::codec::id_text(id).into(),
                name,
                contact: r.get(2)?,
                created_at: crate::store::from_ts(r.get(3)?),
                archived: r.get::<_, i64>(5)? != 0,
            };
            read_rows.push((id.to_vec(), customer));
        }
        let mut sorted: Vec<(u128, usize)> = keys.iter().enumerate().map(|(i, key)| (key_prefix(key), i)).collect();
        sorted.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| (&keys[a.1], &read_rows[a.1].0).cmp(&(&keys[b.1], &read_rows[b.1].0)))
        });
        let mut from: Vec<usize> = sorted.into_iter().map(|(_, i)| i).collect();
        place(&mut keys, &mut from.clone());
        place(&mut read_rows, &mut from);
        Ok((read_rows, keys))
    }

    /// Open tickets per customer id (customers without open tickets are absent): one pass over the open
    /// tickets instead of a count per customer. Counted here, not with `GROUP BY`: the open tickets'
    /// index is in receipt order, so SQLite would sort every open ticket by customer first (a third of
    /// `customer list` on the 100k-ticket file went to that sort).
    pub fn open_ticket_counts(&self) -> Result<std::collections::HashMap<CustomerId, i64>> {
        let counts = self.open_counts_by_stored_id(0)?;
        Ok(counts.into_iter().map(|(id, n)| (CustomerId::new(crate::store::codec::id_text(&id)), n)).collect())
    }

    /// [`Store::open_ticket_counts`] by stored id.
    /// `expected`: how many customers there may be (room made for them at once).
    fn open_counts_by_stored_id(&self, expected: usize) -> Result<rustc_hash::FxHashMap<Vec<u8>, i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT customer_id FROM tickets INDEXED BY tickets_open_rows WHERE is_open = 1")?;
        let mut counts: rustc_hash::FxHashMap<Vec<u8>, i64> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(expected, Default::default());
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
            match counts.get_mut(id) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(id.to_vec(), 1);
                }
            }
        }
        Ok(counts)
    }

    /// Every customer's tier changes by stored id, oldest first, as [`Store::tier_book`] holds them
    /// (a change whose month or tier does not parse is left out; one whose customer id is stored as
    /// text is filed under that text's stored form, [`crate::store::codec::id_blob`]). The table's
    /// rows come in its key order, customer by customer, so a customer's run is filed once; a
    /// customer met again later (its id stored as text in one row) has the runs merged. Where a
    /// damaged file stores an id in a form no writer makes (a blob that is not what `id_blob` gives
    /// for its text), the change is filed under those bytes and so belongs to no customer, where the
    /// tier book compared ids as text.
    /// `expected`: how many customers there may be (room made for them at once).
    fn tier_histories_by_stored_id(&self, expected: usize) -> Result<rustc_hash::FxHashMap<Vec<u8>, TierHistory>> {
        let mut stmt = self.conn().prepare_cached("SELECT customer_id, from_month, tier FROM tier_changes")?;
        let mut rows = stmt.query([])?;
        let mut out: rustc_hash::FxHashMap<Vec<u8>, TierHistory> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(expected, Default::default());
        let mut file = |id: Vec<u8>, mut run: Vec<(YearMonth, Tier)>| {
            let history = out.entry(id).or_default();
            history.append(&mut run);
            history.sort();
        };
        let (mut id, mut run): (Vec<u8>, Vec<(YearMonth, Tier)>) = (Vec::new(), Vec::new());
        while let Some(r) = rows.next()? {
            let Some(change) = crate::store::list_customers::change(r)? else { continue };
            let stored = match r.get_ref(0)? {
                rusqlite::types::ValueRef::Blob(b) => std::borrow::Cow::Borrowed(b),
                rusqlite::types::ValueRef::Text(t) => {
                    std::borrow::Cow::Owned(crate::store::codec::id_blob(&String::from_utf8_lossy(t)))
                }
                rusqlite::types::ValueRef::Null => std::borrow::Cow::Borrowed(&[][..]),
                _ => {
                    return Err(
                        rusqlite::Error::InvalidColumnType(0, "id".into(), rusqlite::types::Type::Integer).into()
                    );
                }
            };
            if *stored != *id {
                if !run.is_empty() {
                    file(std::mem::take(&mut id), std::mem::take(&mut run));
                }
                id = stored.into_owned();
            }
            run.push(change);
        }
        if !run.is_empty() {
            file(id, run);
        }
        Ok(out)
    }

    /// Every customer, archived ones included (removed ones are gone).
    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.conn().query_row(&format!("SELECT count(*) FROM customers WHERE {NOT_GONE}"), [], |r| r.get(0))?)
    }

    /// The archived customers (hidden from the list unless asked for).
    pub fn archived_customer_count(&self) -> Result<i64> {
        let sql = format!("SELECT count(*) FROM customers WHERE state != 0 AND {NOT_GONE}");
        Ok(self.conn().query_row(&sql, [], |r| r.get(0))?)
    }

    /// The tier in force in `month` (no contract before the first tier change).
    pub fn tier_in(&self, customer: &crate::domain::CustomerId, month: YearMonth) -> Result<Tier> {
        let tier: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT tier FROM tier_changes WHERE customer_id = id_blob(?1) AND from_month <= ?2
                 ORDER BY from_month DESC LIMIT 1",
            )?
            .query_row(params![customer, month.to_string()], |r| r.get(0))
            .optional()?;
        Ok(tier.and_then(|t| t.parse().ok()).unwrap_or(Tier::None))
    }

    /// The tier history: (from month, tier), oldest first.
    pub fn tier_history(&self, customer: &crate::domain::CustomerId) -> Result<Vec<(YearMonth, Tier)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT from_month, tier FROM tier_changes WHERE customer_id = id_blob(?1) ORDER BY from_month",
        )?;
        let rows = stmt.query_map([customer], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (m, t) = row?;
            if let (Ok(m), Ok(t)) = (m.parse(), t.parse()) {
                out.push((m, t));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Sorting by the key's 16-byte number first, the whole key on a tie, gives bytewise order:
        /// keys that share a long start, keys that are another's start, and zero bytes among them.
        #[test]
        fn key_numbers_order_as_the_keys(keys in proptest::collection::vec(
            proptest::collection::vec(prop_oneof![Just(0u8), Just(b'a'), Just(b'b'), any::<u8>()], 0..24), 0..40)
        ) {
            let mut by_number = keys.clone();
            by_number.sort_by(|a, b| super::key_prefix(a).cmp(&super::key_prefix(b)).then_with(|| a.cmp(b)));
            let mut plain = keys;
            plain.sort();
            prop_assert_eq!(by_number, plain);
        }

        /// `place` puts each item where the order says, whatever the order.
        #[test]
        fn items_are_placed_in_the_order_given(from in Just((0..30usize).collect::<Vec<_>>()).prop_shuffle()) {
            let mut items: Vec<String> = (0..from.len()).map(|i| format!("item {i}")).collect();
            let wanted: Vec<String> = from.iter().map(|&i| items[i].clone()).collect();
            let mut order = from.clone();
            super::place(&mut items, &mut order);
            prop_assert_eq!(items, wanted);
        }
    }

    #[test]
    fn a_broken_order_loses_no_item() {
        let mut items = vec![1, 2, 3, 4];
        super::place(&mut items, &mut [3, 3, 9, 0]);
        items.sort_unstable();
        assert_eq!(items, [1, 2, 3, 4]);
    }
}
