//! The customers view: per customer this month's prepaid minutes used / left, overage so far (minutes
//! and CZK), open tickets, consultations used this year, the yearly status-report allowance, and the
//! upgrade suggestion — from `statements::customer_statement` (the same numbers the month report bills)
//! and `statements::obligations` (free consultations and status reports used this year).
//!
//! Statements cost a few queries each, so at most [`LIMIT`] customers (in name order) are summarised,
//! and only when the view (or the board, which lists customers near their prepaid minutes) is shown and
//! the data changed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::tiers::TierBook;
use crate::config::Settings;
use crate::domain::{Tier, YearMonth};
use crate::statements::{current_month, customer_statement, obligations};
use crate::store::{Customer, Result, Store};

pub const LIMIT: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct CustomerLine {
    pub customer: Customer,
    pub tier: Tier,
    pub prepaid: u32,
    pub used: u32,
    pub left: u32,
    pub overage_minutes: u32,
    pub overage_amount: Decimal,
    pub open_tickets: usize,
    pub consultations_used: u32,
    pub consultations_quota: u32,
    pub reports_done: u32,
    pub reports_quota: u32,
    pub reports_overdue: u32,
    pub upgrade_to: Option<Tier>,
}

impl CustomerLine {
    /// Share of the prepaid minutes used, 0.0 ..= 1.0 (over is capped); `None` without prepaid minutes.
    pub fn used_ratio(&self) -> Option<f64> {
        (self.prepaid > 0).then(|| (f64::from(self.used) / f64::from(self.prepaid)).min(1.0))
    }

    /// Near (≥ 80 %) or over the prepaid minutes.
    pub fn near_prepaid(&self) -> bool {
        self.prepaid > 0 && (self.overage_minutes > 0 || self.used * 5 >= self.prepaid * 4)
    }
}

#[derive(Debug, Clone, Default)]
pub struct CustomersState {
    pub lines: Vec<CustomerLine>,
    pub month: Option<YearMonth>,
    /// More customers exist than were summarised.
    pub truncated: bool,
    pub selected: usize,
    pub offset: usize,
    /// The data version the lines were computed at (`None`: stale).
    pub loaded_at: Option<i64>,
    /// When they were computed.
    pub loaded_time: Option<DateTime<Utc>>,
}

impl CustomersState {
    pub fn load(
        &mut self,
        store: &Store,
        settings: &Settings,
        tiers: &TierBook,
        open_by_customer: &HashMap<String, usize>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let keep = self.lines.get(self.selected).map(|l| l.customer.id.clone());
        let month = current_month(&settings.calendar, now);
        let page = store.customers_page(None, LIMIT + 1)?;
        self.truncated = page.len() > LIMIT;
        let mut lines = Vec::with_capacity(page.len().min(LIMIT));
        for (customer, _) in page.into_iter().take(LIMIT) {
            let tier = tiers.tier_in(&customer.id, month);
            let s = customer_statement(store, settings, &customer, month)?;
            let ob = obligations(store, settings, &customer, settings.calendar.local_date(now))?;
            lines.push(CustomerLine {
                tier,
                prepaid: s.statement.prepaid_minutes,
                used: s.statement.prepaid_used_minutes,
                left: s.statement.prepaid_left_minutes,
                overage_minutes: s.statement.overage_minutes,
                overage_amount: s.statement.overage_amount,
                open_tickets: open_by_customer.get(&customer.id).copied().unwrap_or(0),
                consultations_used: ob.free_consultations_used,
                consultations_quota: ob.free_consultations_per_year,
                reports_done: ob.reports_done.len() as u32,
                reports_quota: ob.reports_per_year,
                reports_overdue: ob.reports_overdue,
                upgrade_to: s.upgrade_to,
                customer,
            });
        }
        self.lines = lines;
        self.month = Some(month);
        self.selected = keep
            .and_then(|id| self.lines.iter().position(|l| l.customer.id == id))
            .unwrap_or(self.selected)
            .min(self.lines.len().saturating_sub(1));
        Ok(())
    }

    /// Customers whose statements show overage `months` months running (ending this month), with the
    /// tier they would move to, and those months (oldest first): the board's upgrade suggestions.
    pub fn upgrades(&self, months: u32) -> Vec<(&CustomerLine, Tier, Vec<YearMonth>)> {
        let Some(month) = self.month else { return Vec::new() };
        let mut span = vec![month];
        for _ in 1..months.max(1) {
            span.insert(0, span[0].prev());
        }
        self.lines.iter().filter_map(|l| l.upgrade_to.map(|to| (l, to, span.clone()))).collect()
    }

    pub fn selected_line(&self) -> Option<&CustomerLine> {
        self.lines.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.lines.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.offset = super::queue::scrolled(self.offset, self.selected, rows, self.lines.len());
    }
}
