//! The customers view: per customer this month's prepaid minutes used / left, overage so far (minutes
//! and CZK), open tickets, consultations used this year, the yearly status-report allowance, and the
//! upgrade suggestion — from `statements::customer_statement` (the same numbers the month report bills)
//! and `statements::obligations` (free consultations and status reports used this year).
//!
//! Decisions: a summary costs a few queries, and a file may hold ten thousand customers, so they are
//! summarised in steps, in name order, a page at a time, each step within a time budget
//! ([`CustomersState::step`]); the event loop runs a step whenever no key is waiting, so a keypress
//! never waits for more than one step. The first summaries show as they come; a recomputation (the
//! data changed) keeps showing the previous summaries until the new ones are complete, then swaps them
//! in, keeping the selected customer. Without a budget (tests, scripts) a step finishes the job.

use std::collections::HashMap;

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::config::Settings;
use crate::domain::tiers::TierBook;
use crate::domain::{Tier, YearMonth};
use crate::statements::{customer_statement, obligations, previous_month_upgrade};
use crate::store::{Customer, CustomerCursor, Result, Store};

/// Customers read per page while summarising.
const PAGE: usize = 50;

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
    /// The last month of the overage run that suggests `upgrade_to`: this month, or last month when
    /// its (complete) statement suggests it and the tier is unchanged (`statements::default_upgrades`).
    pub upgrade_month: Option<YearMonth>,
}

impl CustomerLine {
    /// Share of the prepaid minutes used, 0.0 ..= 1.0 (over is capped); `None` without prepaid minutes.
    pub fn used_ratio(&self) -> Option<f64> {
        (self.prepaid > 0).then(|| (f64::from(self.used) / f64::from(self.prepaid)).min(1.0))
    }

    /// Near (≥ 80 %) or over the prepaid minutes.
    pub fn near_prepaid(&self) -> bool {
        self.near_prepaid_with(0)
    }

    /// [`CustomerLine::near_prepaid`] with `running` minutes of running timers counted as used (the
    /// board, bb8 #8).
    pub fn near_prepaid_with(&self, running: u32) -> bool {
        let used = self.used.saturating_add(running);
        self.prepaid > 0 && (self.overage_minutes > 0 || used.saturating_mul(5) >= self.prepaid.saturating_mul(4))
    }

    /// Minutes over the prepaid ones with `running` minutes of running timers counted (0: not over).
    pub fn over_with(&self, running: u32) -> u32 {
        self.used.saturating_add(self.overage_minutes).saturating_add(running).saturating_sub(self.prepaid)
    }
}

#[derive(Debug, Clone, Default)]
pub struct CustomersState {
    pub lines: Vec<CustomerLine>,
    pub month: Option<YearMonth>,
    /// Summaries being computed (`None`: `lines` are complete for `loaded_at`).
    pub building: Option<Building>,
    pub selected: usize,
    pub offset: usize,
    /// The data version the lines were (or are being) computed at (`None`: stale).
    pub loaded_at: Option<i64>,
    /// When they were computed.
    pub loaded_time: Option<DateTime<Utc>>,
    /// Archived customers are listed too (marked; `D` unarchives one); else they are left out.
    pub show_archived: bool,
}

/// A recomputation in progress.
#[derive(Debug, Clone)]
pub struct Building {
    pub lines: Vec<CustomerLine>,
    month: YearMonth,
    /// Where the next page starts (`None`: at the beginning).
    cursor: Option<CustomerCursor>,
    /// The first summaries ever: shown as they come.
    first: bool,
}

impl CustomersState {
    /// Starts computing every customer's summary for the month of `now` (the previous summaries stay
    /// on screen until the new ones are complete).
    pub fn start(&mut self, settings: &Settings, now: DateTime<Utc>) {
        let month = settings.calendar.month_of(now);
        let first = self.lines.is_empty();
        self.building = Some(Building { lines: Vec::new(), month, cursor: None, first });
        if first {
            self.month = Some(month);
        }
    }

    /// Computes summaries until `budget` has passed (at least one page; `None`: until done).
    pub fn step(
        &mut self,
        store: &Store,
        settings: &Settings,
        tiers: &TierBook,
        open_by_customer: &HashMap<crate::domain::CustomerId, usize>,
        now: DateTime<Utc>,
        budget: Option<Duration>,
    ) -> Result<()> {
        let Some(mut b) = self.building.take() else { return Ok(()) };
        let started = Instant::now();
        let today = settings.calendar.local_date(now);
        loop {
            let page = store.customers_page(b.cursor.as_ref(), PAGE)?;
            if page.is_empty() {
                self.finish(b);
                return Ok(());
            }
            for (customer, cursor) in page {
                b.cursor = Some(cursor);
                if customer.archived && !self.show_archived {
                    // Hidden from the list unless asked for (its statements are still made).
                    continue;
                }
                let tier = tiers.tier_in(&customer.id, b.month);
                let s = customer_statement(store, settings, &customer, b.month)?;
                let upgrade = match s.upgrade_to {
                    Some(to) => Some((to, b.month)),
                    None => previous_month_upgrade(store, settings, &customer, b.month, s.statement.tier)?
                        .map(|to| (to, b.month.prev())),
                };
                let ob = obligations(store, settings, &customer, chrono::Datelike::year(&today), today)?;
                b.lines.push(CustomerLine {
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
                    upgrade_to: upgrade.map(|(to, _)| to),
                    upgrade_month: upgrade.map(|(_, m)| m),
                    customer,
                });
                if budget.is_some_and(|limit| started.elapsed() >= limit) {
                    break;
                }
            }
            if b.first {
                let shown = self.lines.len();
                self.lines.extend_from_slice(&b.lines[shown..]);
            }
            if budget.is_some_and(|limit| started.elapsed() >= limit) {
                self.building = Some(b);
                return Ok(());
            }
        }
    }

    /// Swaps the complete summaries in, keeping the selected customer.
    fn finish(&mut self, b: Building) {
        let keep = self.lines.get(self.selected).map(|l| l.customer.id.clone());
        self.lines = b.lines;
        self.month = Some(b.month);
        self.selected = keep
            .and_then(|id| self.lines.iter().position(|l| l.customer.id == id))
            .unwrap_or(self.selected)
            .min(self.lines.len().saturating_sub(1));
    }

    /// The month the summaries are being computed for, else the month of those shown (`None`: none
    /// yet): a refresh compares it with the month of now (bb8 #14).
    pub fn computing_month(&self) -> Option<YearMonth> {
        self.building.as_ref().map(|b| b.month).or(self.month)
    }

    /// How many customers the list holds of `all` (`archived` of them archived): the archived ones
    /// only while they are shown.
    pub fn listed_of(&self, all: i64, archived: i64) -> usize {
        let listed = if self.show_archived { all } else { all - archived };
        listed.max(0) as usize
    }

    /// (summarised, of how many) while the first summaries are being computed or recomputed.
    pub fn progress(&self, total: usize) -> Option<(usize, usize)> {
        self.building.as_ref().map(|b| (b.lines.len(), total))
    }

    /// Customers whose statements show overage `months` months running (ending this month, or last
    /// month when its complete statement suggests it: see [`CustomerLine::upgrade_month`]), with the
    /// tier they would move to, and those months (oldest first): the board's upgrade suggestions.
    pub fn upgrades(&self, months: u32) -> Vec<(&CustomerLine, Tier, Vec<YearMonth>)> {
        self.in_use()
            .filter_map(|l| {
                let (to, end) = (l.upgrade_to?, l.upgrade_month.or(self.month)?);
                let mut span = vec![end];
                for _ in 1..months.max(1) {
                    span.insert(0, span[0].prev());
                }
                Some((l, to, span))
            })
            .collect()
    }

    /// The lines of customers in use: what the board counts (archived ones are listed only while
    /// [`CustomersState::show_archived`], and never on the board).
    pub fn in_use(&self) -> impl Iterator<Item = &CustomerLine> {
        self.lines.iter().filter(|l| !l.customer.archived)
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
