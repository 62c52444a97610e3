//! Customers' tier histories in memory, so a list of thousands of tickets or customers finds each
//! one's tier (the one in force in a month) without a query per row.

use rustc_hash::FxHashMap as HashMap;

use chrono::{DateTime, Utc};

use super::{BusinessCalendar, Tier, YearMonth};

/// Keyed by customer id with the Fx hash: a list looks a customer up per row, and ids are UUIDs a
/// copy checked on arrival, so a faster hash than SipHash costs no safety worth having.
#[derive(Debug, Clone, Default)]
pub struct TierBook {
    /// Per customer: (from month, tier), sorted by month.
    changes: HashMap<String, Vec<(YearMonth, Tier)>>,
}

impl TierBook {
    /// From (customer, from month, tier) rows in any order.
    pub fn new(rows: Vec<(String, YearMonth, Tier)>) -> Self {
        let mut changes: HashMap<String, Vec<(YearMonth, Tier)>> = HashMap::default();
        for (c, m, t) in rows {
            changes.entry(c).or_default().push((m, t));
        }
        for v in changes.values_mut() {
            v.sort();
        }
        Self { changes }
    }

    /// Whether the book holds this customer's history.
    pub fn knows(&self, customer: &str) -> bool {
        self.changes.contains_key(customer)
    }

    /// Adds (or replaces) one customer's history.
    pub fn insert(&mut self, customer: &str, mut history: Vec<(YearMonth, Tier)>) {
        history.sort();
        self.changes.insert(customer.to_string(), history);
    }

    /// One customer's history, oldest change first.
    pub fn history(&self, customer: &str) -> &[(YearMonth, Tier)] {
        self.changes.get(customer).map_or(&[], Vec::as_slice)
    }

    /// The tier in force in `month` (no contract before the first change).
    pub fn tier_in(&self, customer: &str, month: YearMonth) -> Tier {
        tier_in(self.history(customer), month)
    }

    /// The tier in force at `t` (its month in the provider's zone).
    pub fn tier_at(&self, customer: &str, cal: &BusinessCalendar, t: DateTime<Utc>) -> Tier {
        self.tier_in(customer, YearMonth::of(cal.local_date(t)))
    }
}

/// The tier in force in `month` by a customer's tier `history` ((from month, tier), oldest first): the
/// last change from that month or before; [`Tier::None`] (no contract) before the first.
pub fn tier_in(history: &[(YearMonth, Tier)], month: YearMonth) -> Tier {
    history.iter().rev().find(|(m, _)| *m <= month).map_or(Tier::None, |(_, t)| *t)
}
