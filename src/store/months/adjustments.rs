//! Adjustments: priced corrections of closed work, billed in an open month — booking one (with its
//! entry change), which count, and the reads statements need.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::is_closed;
use crate::domain::{CustomerId, YearMonth};
use crate::store::change::Change;
use crate::store::{Result, Store, StoreError, from_ts, new_id};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentRow {
    pub id: String,
    pub customer_id: String,
    pub ticket_id: Option<String>,
    pub work_month: String,
    pub booked_month: String,
    pub minutes: i64,
    pub amount: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
}

/// A priced correction to book.
#[derive(Debug, Clone)]
pub struct NewAdjustment {
    pub customer_id: String,
    pub ticket_id: Option<String>,
    pub work_month: YearMonth,
    pub booked_month: YearMonth,
    pub minutes: i64,
    pub amount: rust_decimal::Decimal,
    pub description: String,
    /// Set when the adjustment prices a time entry that arrived by sync into a closed month.
    pub entry_id: Option<String>,
}

/// Records a priced adjustment (`key`: the `add:`/`void:` entry it prices, if any).
pub(in crate::store) fn record_adjustment(
    w: &mut crate::store::Writer<'_>,
    a: NewAdjustment,
    key: Option<String>,
) -> Result<()> {
    let now = w.now();
    let close: Option<String> = w
        .conn()
        .prepare_cached("SELECT hlc_text(hlc) FROM month_closes WHERE month = ?1 AND closed = 1")?
        .query_row([a.work_month.to_string()], |r| r.get(0))
        .optional()?;
    w.record(Change::AdjustmentBooked {
        id: new_id(now),
        customer: a.customer_id,
        ticket: a.ticket_id,
        work_month: a.work_month.to_string(),
        booked_month: a.booked_month.to_string(),
        minutes: a.minutes,
        amount: crate::domain::money::plain(a.amount),
        description: crate::domain::text::clean(&a.description, false),
        at: now.timestamp(),
        entry: key,
        close,
    })?;
    Ok(())
}

fn read_adjustment(r: &rusqlite::Row<'_>) -> rusqlite::Result<AdjustmentRow> {
    Ok(AdjustmentRow {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        ticket_id: r.get(2)?,
        work_month: r.get(3)?,
        booked_month: r.get(4)?,
        minutes: r.get(5)?,
        amount: r.get(6)?,
        description: r.get(7)?,
        created_at: from_ts(r.get(8)?),
    })
}

/// The adjustments that count: priced against the close their work month has now (or before closes were
/// recorded with them), and of several pricing the same entry change, the first by id.
pub(in crate::store) const COUNTED: &str = "AND (close IS NULL OR close = (SELECT mc.hlc FROM month_closes mc
        WHERE mc.month = adjustments.work_month AND mc.closed = 1))
    AND (entry_id IS NULL OR id = (SELECT min(a2.id) FROM adjustments a2
        WHERE a2.entry_id = adjustments.entry_id AND a2.cancelled = 0 AND a2.close IS adjustments.close))";

const ADJUSTMENT_COLUMNS: &str = "id_text(id), id_text(customer_id), id_text(ticket_id), work_month, booked_month,
    minutes, amount, description, created_at";

impl Store {
    /// Books a correction of closed work: the entry change and its priced adjustment, together.
    /// An adjustment whose `entry_id` is `add:` (nothing after the colon) gets the new entry's id.
    /// Without adjustments (a copy that does not price where the correction is typed) the entries added
    /// and voided are marked for pricing (`months::mark_for_pricing`): a server team's desk prices its
    /// own corrections under the team's lock, as it prices what arrives.
    pub fn book_correction(
        &mut self,
        add: Option<crate::store::NewEntry>,
        void: Option<&str>,
        adjustments: Vec<NewAdjustment>,
        now: DateTime<Utc>,
    ) -> Result<Option<crate::store::TimeEntryRow>> {
        for a in &adjustments {
            if is_closed(self.conn(), a.booked_month)? {
                return Err(StoreError::Invalid(t!("correction-month-closed", month = a.booked_month.to_string())));
            }
        }
        let unpriced = adjustments.is_empty();
        self.write(now, |w| {
            if let Some(id) = void {
                crate::store::work::require_current_entry(w.conn(), id)?;
                if add.is_none() {
                    w.record(Change::TimeEntryVoided { id: id.to_string() })?;
                }
            }
            let entry = match add {
                Some(e) => {
                    let of = match void {
                        Some(row) => crate::store::work::VersionOf::Correction(row.to_string()),
                        None => crate::store::work::VersionOf::New,
                    };
                    Some(crate::store::work::insert_entry(w, e, of, true)?)
                }
                None => None,
            };
            for adjustment in adjustments {
                let key = match (adjustment.entry_id.as_deref(), &entry) {
                    (Some("add:"), Some(e)) => Some(format!("add:{}", e.id)),
                    (key, _) => key.map(str::to_string),
                };
                record_adjustment(w, adjustment, key)?;
            }
            if unpriced {
                for id in void.into_iter().chain(entry.as_ref().map(|e| e.id.as_str())) {
                    super::mark_for_pricing(w.conn(), id)?;
                }
            }
            Ok(entry)
        })
    }

    /// Adjustments billed in `month` for a customer.
    pub fn adjustments_booked(&self, customer_id: &CustomerId, month: YearMonth) -> Result<Vec<AdjustmentRow>> {
        self.counted_adjustments("booked_month", customer_id, month)
    }

    /// How many repricing rounds count for a customer's closed `month` (under the close it has now):
    /// the counted corrections keyed `reprice:CUSTOMER:MONTH:N` (one per key, see `COUNTED`).
    pub fn reprice_rounds(&self, customer_id: &CustomerId, month: YearMonth) -> Result<u32> {
        let sql = format!(
            "SELECT count(*) FROM adjustments
             WHERE customer_id = id_blob(?1) AND work_month = ?2 AND cancelled = 0 AND entry_id LIKE ?3 {COUNTED}"
        );
        let prefix = format!("reprice:{customer_id}:{month}:%");
        let n: i64 = self.conn().query_row(&sql, params![customer_id, month.to_string(), prefix], |r| r.get(0))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Adjustments that correct a customer's work of `month` (billed later).
    pub fn adjustments_for_work(&self, customer_id: &CustomerId, month: YearMonth) -> Result<Vec<AdjustmentRow>> {
        self.counted_adjustments("work_month", customer_id, month)
    }

    /// A customer's counted adjustments whose `column` (`booked_month` or `work_month`) is `month`, by
    /// when they were booked.
    fn counted_adjustments(&self, column: &str, customer_id: &str, month: YearMonth) -> Result<Vec<AdjustmentRow>> {
        let sql = format!(
            "SELECT {ADJUSTMENT_COLUMNS} FROM adjustments
             WHERE customer_id = id_blob(?1) AND {column} = ?2 AND cancelled = 0 {COUNTED} ORDER BY created_at, id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![customer_id, month.to_string()], read_adjustment)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Customers with adjustments billed in `month`.
    pub fn customers_with_adjustments(&self, month: YearMonth) -> Result<Vec<CustomerId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT id_text(customer_id) FROM adjustments WHERE booked_month = ?1 AND cancelled = 0",
        )?;
        let rows = stmt.query_map([month.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether an adjustment with this `add:…`/`void:…` key counts (see [`COUNTED`]).
    pub fn has_adjustment_key(&self, key: &str) -> Result<bool> {
        let sql = format!("SELECT 1 FROM adjustments WHERE entry_id = ?1 AND cancelled = 0 {COUNTED}");
        Ok(self.conn().query_row(&sql, [key], |_| Ok(())).optional()?.is_some())
    }
}
