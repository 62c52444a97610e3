//! A customer's prepaid minutes month by month (the customer statement's chart): for each month the
//! prepaid minutes of the tier in force, the billable minutes drawn from them and the overage — the
//! live statement's figures, read from the month totals (one range of `work_months` per month), so a
//! year costs twelve small reads whatever the file's size. A closed month shows the work it holds
//! now: a change booked later as a correction shows in the month the work was done.

use crate::config::Settings;
use crate::domain::YearMonth;
use crate::store::{Customer, Result, Store};

use super::live::Biller;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrepaidMonth {
    pub month: YearMonth,
    /// The month's prepaid minutes (0 without a contract).
    pub prepaid: u32,
    /// Billable minutes drawn from them.
    pub used: u32,
    /// Billable minutes beyond them.
    pub overage: u32,
}

/// The `months` months ending with `last`, oldest first.
pub fn prepaid_history(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    last: YearMonth,
    months: usize,
) -> Result<Vec<PrepaidMonth>> {
    let mut span = vec![last];
    for _ in 1..months.max(1) {
        span.insert(0, span[0].prev());
    }
    store.snapshot(|| {
        let mut biller = Biller::new(store, settings);
        span.into_iter()
            .map(|month| {
                let s = biller.statement(customer, month, None, true, true)?;
                Ok(PrepaidMonth {
                    month,
                    prepaid: s.prepaid_minutes,
                    used: s.prepaid_used_minutes,
                    overage: s.overage_minutes,
                })
            })
            .collect()
    })
}
