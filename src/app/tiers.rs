//! Every customer's tier history in memory, so a list of thousands of tickets finds each ticket's tier
//! (the one in force in the month it was received) without a query per row.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::{BusinessCalendar, Tier, YearMonth};
use crate::statements::month_of;

#[derive(Debug, Clone, Default)]
pub struct TierBook {
    /// Per customer: (from month, tier), sorted by month.
    changes: HashMap<String, Vec<(YearMonth, Tier)>>,
}

impl TierBook {
    pub fn new(rows: Vec<(String, YearMonth, Tier)>) -> Self {
        let mut changes: HashMap<String, Vec<(YearMonth, Tier)>> = HashMap::new();
        for (c, m, t) in rows {
            changes.entry(c).or_default().push((m, t));
        }
        for v in changes.values_mut() {
            v.sort();
        }
        Self { changes }
    }

    /// The tier in force in `month` (no contract before the first change).
    pub fn tier_in(&self, customer: &str, month: YearMonth) -> Tier {
        self.changes
            .get(customer)
            .and_then(|v| v.iter().rev().find(|(m, _)| *m <= month))
            .map_or(Tier::None, |(_, t)| *t)
    }

    pub fn tier_at(&self, customer: &str, cal: &BusinessCalendar, t: DateTime<Utc>) -> Tier {
        self.tier_in(customer, month_of(cal, t))
    }
}
