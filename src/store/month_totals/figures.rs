//! Month figures (`month_figures`, schema 14): per (month, customer) of the month totals, the minutes
//! of each ticket worked in the month, roles summed, apart by kind: what the upgrade look-back of a
//! month report needs to tell whether a month went over its prepaid minutes, one row per customer
//! instead of a row per ticket and role (see `assets/migrations/0014_month_figures.sql`).
//!
//! Decisions:
//! - Minutes, not blocks or money: the block, the prepaid minutes and the free minutes are the
//!   tariffs' (config), so the figures are a pure function of `work_months` whatever the config.
//! - Kept in step by whatever changes a customer's month in `work_months` (a row recomputed, a
//!   ticket's kind changed, the table rebuilt), in the same transaction; `helpdesk check` compares
//!   them with `work_months`.

use rusqlite::{Connection, params};

use super::{Result, Store};
use crate::domain::YearMonth;
use crate::domain::billing::MonthFigures;

/// The figures of the months and customers of `work_months` that `filter` (a `WHERE` clause over it,
/// or empty) selects: (month, customer_id, billed, consultations).
fn figures_select(filter: &str) -> String {
    format!(
        "SELECT month, customer_id,
            coalesce(group_concat(CASE WHEN kind NOT IN ('incident', 'consultation') THEN minutes END, ','), ''),
            coalesce(group_concat(CASE WHEN kind = 'consultation' THEN minutes END, ','), '')
         FROM (SELECT month, customer_id, ticket_id, max(kind) AS kind, sum(minutes) AS minutes
               FROM work_months {filter} GROUP BY month, customer_id, ticket_id)
         GROUP BY month, customer_id"
    )
}

/// Recomputes the figures of one customer's month (`customer`: the stored id) from `work_months`.
pub(super) fn refresh(conn: &Connection, month: &str, customer: &[u8]) -> Result<()> {
    conn.prepare_cached("DELETE FROM month_figures WHERE month = ?1 AND customer_id = ?2")?
        .execute(params![month, customer])?;
    let sql = format!(
        "INSERT INTO month_figures (month, customer_id, billed, consultations) {}",
        figures_select("WHERE month = ?1 AND customer_id = ?2")
    );
    conn.prepare_cached(&sql)?.execute(params![month, customer])?;
    Ok(())
}

/// Recomputes the figures of every customer's month `ticket_id` (text) has rows in: its kind changed.
pub(super) fn refresh_ticket(conn: &Connection, ticket_id: &str) -> Result<()> {
    let touched: Vec<(String, Vec<u8>)> = {
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT month, customer_id FROM work_months WHERE ticket_id = id_blob(?1)")?;
        let rows = stmt.query_map([ticket_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (month, customer) in touched {
        refresh(conn, &month, &customer)?;
    }
    Ok(())
}

/// Rebuilds the whole table from `work_months` (in the caller's transaction).
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM month_figures", [])?;
    let sql = format!("INSERT INTO month_figures (month, customer_id, billed, consultations) {}", figures_select(""));
    conn.execute(&sql, [])?;
    Ok(())
}

/// How many (month, customer) rows differ between the table and what `work_months` says.
pub(super) fn differences(conn: &Connection) -> Result<i64> {
    let expected = figures_select("");
    let stored = "SELECT month, customer_id, billed, consultations FROM month_figures";
    // A row wrong both ways (missing as it should be, present as it should not) is one (month, customer).
    let sql = format!(
        "SELECT count(*) FROM (SELECT month, customer_id FROM ({expected} EXCEPT {stored})
                               UNION SELECT month, customer_id FROM ({stored} EXCEPT {expected}))"
    );
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// `"30,45"` as minutes (an empty list: none).
fn minutes_list(text: &[u8]) -> Vec<u32> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(|&b| b == b',').map(minutes).collect()
}

/// One number of [`minutes_list`]: what `str::parse::<i64>` reads, clamped to `u32`; unreadable is 0.
/// Digits alone (every number the table holds) are added up here, the rest left to `parse`.
fn minutes(digits: &[u8]) -> u32 {
    let n = if !digits.is_empty() && digits.len() <= 18 && digits.iter().all(u8::is_ascii_digit) {
        digits.iter().fold(0_i64, |n, &d| n * 10 + i64::from(d - b'0'))
    } else {
        std::str::from_utf8(digits).ok().and_then(|m| m.parse::<i64>().ok()).unwrap_or(0)
    };
    n.clamp(0, i64::from(u32::MAX)) as u32
}

/// The month figures of a range of months as [`Store::month_figures`] read them: each row's stored
/// customer id and its two lists kept as read, in the table's key order, each found by a binary
/// search and made into [`MonthFigures`] only when asked for. At full size a month report reads
/// 19 400 rows and asks for 10 700 of them: no text id, map entry or lists made for the rest
/// (71.7 → 69 M instructions with the look-ups: little, but no longer a map per month).
///
/// A row whose customer id is a UUID's 16 bytes (every row a helpdesk writes) is found through a
/// hash map of (month, id as a number): the binary search's fifteen probes, each a comparison of ids
/// kept apart from the rows, missed the cache at every step (customers come by name, in no order of
/// the ids) and were 9 % of a full-size month report's time (perf), for 2.8 % of its instructions.
/// Any other id (a damaged file's) is found by the binary search.
#[derive(Debug, Default)]
pub struct FiguresTable {
    /// Every row's stored customer id, billed list and consultations list, one after the other.
    bytes: Vec<u8>,
    /// Each row's month and where its customer id ends in `bytes`, its billed list and its
    /// consultations list (each starts where the one before ends, the first where the row before
    /// ends), sorted by month and stored id.
    rows: Vec<(YearMonth, [usize; 4])>,
    /// The rows of 16-byte ids: (month, id as a big-endian number) → place in `rows`.
    uuids: rustc_hash::FxHashMap<(YearMonth, u128), usize>,
}

impl FiguresTable {
    /// The figures of `customer` in `month`; `None` when it had no work in the month.
    pub fn get(&self, month: YearMonth, customer: &crate::domain::CustomerId) -> Option<MonthFigures> {
        let blob = super::codec::id_blob(customer.as_str());
        let at = match <[u8; 16]>::try_from(blob.as_slice()) {
            Ok(uuid) => *self.uuids.get(&(month, u128::from_be_bytes(uuid)))?,
            Err(_) => {
                self.rows.binary_search_by(|(m, ends)| (*m, self.id(ends)).cmp(&(month, blob.as_slice()))).ok()?
            }
        };
        let [_, id_end, billed_end, end] = self.rows[at].1;
        let list = |from: usize, to: usize| minutes_list(&self.bytes[from..to]);
        Some(MonthFigures { billed: list(id_end, billed_end), consultations: list(billed_end, end) })
    }

    /// A row's stored customer id.
    fn id(&self, [start, id_end, _, _]: &[usize; 4]) -> &[u8] {
        &self.bytes[*start..*id_end]
    }

    /// Fills `uuids` from the rows (once they are in their order).
    fn index_uuids(&mut self) {
        let mut uuids = rustc_hash::FxHashMap::default();
        uuids.reserve(self.rows.len());
        for (at, (month, ends)) in self.rows.iter().enumerate() {
            if let Ok(uuid) = <[u8; 16]>::try_from(self.id(ends)) {
                uuids.insert((*month, u128::from_be_bytes(uuid)), at);
            }
        }
        self.uuids = uuids;
    }
}

impl Store {
    /// The month figures of every customer with work in the months `from ..= to` (see
    /// [`FiguresTable`]). One range of the table, in key order. Only meaningful when
    /// [`Store::month_totals_for`] the zone the months are meant in.
    pub fn month_figures(&self, from: YearMonth, to: YearMonth) -> Result<FiguresTable> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, customer_id, billed, consultations FROM month_figures WHERE month >= ?1 AND month <= ?2
             ORDER BY month, customer_id",
        )?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        let mut table = FiguresTable::default();
        let mut current: Option<(Vec<u8>, YearMonth)> = None;
        let mut sorted = true;
        while let Some(r) = rows.next()? {
            let month_text = super::codec::text_bytes(r, 0)?;
            // The customer as stored: a blob as it is; an id stored as text (as `codec::read_id`
            // reads it) as the blob its text makes, which is what a customer's id is looked up by.
            let text_id;
            let id = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Blob(b) => b,
                rusqlite::types::ValueRef::Text(t) => {
                    text_id = super::codec::id_blob(&String::from_utf8_lossy(t));
                    &text_id
                }
                rusqlite::types::ValueRef::Null => &[],
                other => {
                    return Err(rusqlite::Error::InvalidColumnType(1, "customer_id".into(), other.data_type()).into());
                }
            };
            let month = match &current {
                Some((text, month)) if text.as_slice() == month_text => *month,
                _ => {
                    let Some(month) = std::str::from_utf8(month_text).ok().and_then(|t| t.parse::<YearMonth>().ok())
                    else {
                        continue;
                    };
                    current = Some((month_text.to_vec(), month));
                    month
                }
            };
            let start = table.bytes.len();
            table.bytes.extend_from_slice(id);
            let id_end = table.bytes.len();
            table.bytes.extend_from_slice(super::codec::text_bytes(r, 2)?);
            let billed_end = table.bytes.len();
            table.bytes.extend_from_slice(super::codec::text_bytes(r, 3)?);
            let ends = [start, id_end, billed_end, table.bytes.len()];
            if let Some((last_month, last)) = table.rows.last() {
                sorted &= (*last_month, table.id(last)) < (month, &table.bytes[start..id_end]);
            }
            table.rows.push((month, ends));
        }
        // The key's order is the months' and the ids' (months as `YYYY-MM`); should a row not be in
        // it (a month written otherwise), the rows are put in it.
        if !sorted {
            let FiguresTable { bytes, rows, .. } = &mut table;
            rows.sort_by(|(ma, a), (mb, b)| (ma, &bytes[a[0]..a[1]]).cmp(&(mb, &bytes[b[0]..b[1]])));
        }
        table.index_uuids();
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::{FiguresTable, minutes_list};
    use crate::domain::{CustomerId, YearMonth};

    /// A table of `rows` (month, customer id as text, billed list) as `Store::month_figures` makes it.
    fn table(rows: &[(YearMonth, &str, &str)]) -> FiguresTable {
        let mut keyed: Vec<(YearMonth, Vec<u8>, &str)> =
            rows.iter().map(|(m, id, billed)| (*m, super::super::codec::id_blob(id), *billed)).collect();
        keyed.sort();
        let mut t = FiguresTable::default();
        for (month, id, billed) in keyed {
            let start = t.bytes.len();
            t.bytes.extend_from_slice(&id);
            let id_end = t.bytes.len();
            t.bytes.extend_from_slice(billed.as_bytes());
            let end = t.bytes.len();
            t.rows.push((month, [start, id_end, end, end]));
        }
        t.index_uuids();
        t
    }

    /// Rows of UUIDs (found through the map) and of other ids (a damaged file's: the binary
    /// search) are each found in their month, and in no other.
    #[test]
    fn every_row_is_found_by_its_month_and_customer() {
        let (sep, oct, nov) =
            (YearMonth::new(2026, 9).unwrap(), YearMonth::new(2026, 10).unwrap(), YearMonth::new(2026, 11).unwrap());
        let a = "0190a3c4-0000-7000-8000-00000000000a";
        let b = "0190a3c4-0000-7000-8000-00000000000b";
        let rows = [
            (sep, a, "15"),
            (sep, "legacy-7", "30,45"),
            (oct, a, "60"),
            (oct, b, "5,5"),
            (oct, "legacy-7", "90"),
            (oct, "sixteen-chars-id", "7"),
        ];
        let t = table(&rows);
        assert_eq!(t.uuids.len(), 3);
        for (month, id, billed) in rows {
            let got = t.get(month, &CustomerId::new(id.to_string())).map(|f| f.billed);
            assert_eq!(got, Some(minutes_list(billed.as_bytes())), "{month} {id}");
        }
        for (month, id) in [(sep, b), (nov, a), (nov, "legacy-7"), (sep, "sixteen-chars-id"), (oct, "legacy-8")] {
            assert!(t.get(month, &CustomerId::new(id.to_string())).is_none(), "{month} {id}");
        }
    }

    /// What the lists were read with before: `str::split` and `parse::<i64>` per number.
    fn by_parse(text: &str) -> Vec<u32> {
        if text.is_empty() {
            return Vec::new();
        }
        text.split(',').map(|m| m.parse::<i64>().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32).collect()
    }

    #[test]
    fn minutes_lists_read_as_parse_reads_them() {
        for text in [
            "",
            "30",
            "30,45",
            "0,015,7",
            ",",
            "1,,2",
            "-5,+7",
            "4294967295,4294967296,999999999999999999,9999999999999999999",
            "12a,٣,  4, 5",
            "Žďár,1",
        ] {
            assert_eq!(minutes_list(text.as_bytes()), by_parse(text), "{text:?}");
        }
    }
}
