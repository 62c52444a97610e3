//! Reading closed months: which are closed, the tiers and statements they were frozen with, and where
//! an entry's work stands against them.

use super::*;

impl Store {
    pub fn is_month_closed(&self, month: YearMonth) -> Result<bool> {
        is_closed(self.conn(), month)
    }

    /// Closed months, newest first.
    pub fn closed_months(&self) -> Result<Vec<YearMonth>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT month FROM month_closes WHERE closed = 1 ORDER BY month DESC")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.filter_map(|r| r.ok().and_then(|m| m.parse().ok())).collect())
    }

    /// The tier a customer's statement of a closed month was frozen with (`None`: the month is not
    /// closed, or the customer has no frozen statement in it).
    pub fn closed_tier(
        &self,
        month: YearMonth,
        customer_id: &crate::domain::CustomerId,
    ) -> Result<Option<crate::domain::Tier>> {
        if !is_closed(self.conn(), month)? {
            return Ok(None);
        }
        let body: Option<String> = self
            .conn()
            .prepare_cached("SELECT body FROM closed_statements WHERE month = ?1 AND customer_id = id_blob(?2)")?
            .query_row(params![month.to_string(), customer_id], |r| r.get(0))
            .optional()?;
        Ok(body
            .and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok())
            .and_then(|doc| doc.get("tier").and_then(|t| t.as_str()).and_then(|t| t.parse().ok())))
    }

    /// A customer's frozen statement document of a closed month (JSON), if any.
    pub fn closed_statement(
        &self,
        month: YearMonth,
        customer_id: &crate::domain::CustomerId,
    ) -> Result<Option<String>> {
        if !is_closed(self.conn(), month)? {
            return Ok(None);
        }
        Ok(self
            .conn()
            .prepare_cached("SELECT body FROM closed_statements WHERE month = ?1 AND customer_id = id_blob(?2)")?
            .query_row(params![month.to_string(), customer_id], |r| r.get(0))
            .optional()?)
    }

    /// The tier and overage minutes a customer's frozen statement of a closed `month` shows (what the
    /// upgrade look-back reads of a closed month, DOMAIN.md "whose statement shows overage"): `None`
    /// when the customer has no frozen statement in it (or the month is not closed). Read from the
    /// stored document's two fields, without parsing the rest of it.
    pub fn frozen_overage(
        &self,
        month: YearMonth,
        customer_id: &crate::domain::CustomerId,
    ) -> Result<Option<(crate::domain::Tier, u32)>> {
        let row: Option<(Option<String>, Option<i64>)> = self
            .conn()
            .prepare_cached(
                "SELECT json_extract(body, '$.tier'), json_extract(body, '$.overage_minutes')
                 FROM closed_statements WHERE month = ?1 AND customer_id = id_blob(?2)",
            )?
            .query_row(params![month.to_string(), customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(tier, overage)| {
            let tier = tier?.parse().ok()?;
            Some((tier, u32::try_from(overage.unwrap_or(0)).unwrap_or(0)))
        }))
    }

    /// One frozen statement document of a closed month whose body holds the price-list terms it was
    /// billed with (`"terms"`), if any: what the month's prices were for every customer.
    pub fn closed_terms_statement(&self, month: YearMonth) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT body FROM closed_statements WHERE month = ?1 AND json_type(body, '$.terms') = 'object' LIMIT 1",
            )?
            .query_row([month.to_string()], |r| r.get(0))
            .optional()?)
    }

    /// The frozen statement documents of a closed month, in no particular order.
    pub fn closed_statements(&self, month: YearMonth) -> Result<Vec<FrozenStatement>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id_text(customer_id), body FROM closed_statements WHERE month = ?1")?;
        let rows =
            stmt.query_map([month.to_string()], |r| Ok(FrozenStatement { customer_id: r.get(0)?, body: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A customer's statement of a month as it was frozen when the month closed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FrozenStatement {
    pub customer_id: crate::domain::CustomerId,
    /// The statement document, JSON (as `statements::doc` writes it).
    pub body: String,
}

/// Where an entry stands against closed months: (month, frozen with it, voided) when its work lies in
/// a closed month.
pub struct ClosedWork {
    pub month: YearMonth,
    pub frozen: bool,
    pub voided: bool,
}

impl Store {
    pub fn closed_work(&self, entry_id: &crate::domain::EntryId) -> Result<Option<ClosedWork>> {
        let row: Option<(i64, bool)> = self
            .conn()
            .query_row("SELECT started_at, voided FROM time_entries WHERE id = id_blob(?1)", [entry_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((started, voided)) = row else { return Ok(None) };
        let Some(month) = closed_month_at(self.conn(), started)? else { return Ok(None) };
        let frozen = self
            .conn()
            .query_row(
                "SELECT 1 FROM closed_entries WHERE month = ?1 AND entry_id = id_blob(?2)",
                params![month, entry_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        Ok(month.parse().ok().map(|month| ClosedWork { month, frozen, voided }))
    }

    /// A customer's work in closed `month` (`[from, to)`) as billed so far: the entries frozen with it or
    /// added by a correction since, without those a correction removed since — whatever their versions'
    /// state now (an entry that arrived or changed and is not priced yet is billed as it was).
    pub fn billed_work(
        &self,
        customer_id: &crate::domain::CustomerId,
        month: YearMonth,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<crate::domain::billing::WorkEntry>> {
        let counted = |key: &str| {
            format!(
                "EXISTS (SELECT 1 FROM adjustments WHERE entry_id = '{key}:' || id_text(e.id) AND cancelled = 0 {COUNTED})"
            )
        };
        let sql = format!(
            "SELECT id_text(e.id), id_text(t.id), t.number, t.title, t.kind, e.started_at, e.minutes, e.role
             FROM time_entries e JOIN tickets t ON t.no = e.ticket
             WHERE e.customer = (SELECT no FROM customers WHERE id = id_blob(?1)) AND e.started_at >= ?2 AND e.started_at < ?3
               AND (EXISTS (SELECT 1 FROM closed_entries ce WHERE ce.month = ?4 AND ce.entry_id = e.id) OR {})
               AND NOT {}
             ORDER BY e.started_at, e.id",
            counted("add"),
            counted("void")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![customer_id, from.timestamp(), to.timestamp(), month.to_string()],
            super::work::read_work,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
