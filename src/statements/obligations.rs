//! Yearly obligations of a contract: status reports (PLUS 1, VIP 4 a year) and free consultations
//! (PLUS 1, VIP 4), counted per calendar year with the tier in force at `today`.
//!
//! Reports are spread evenly over the year: with N a year, the year has N periods of 12/N months (VIP:
//! quarters) and one report is due by the end of each. **Overdue**: periods already ended minus reports
//! done; periods that ended before this year's run of tiers with reports began are not owed (a VIP from
//! May owes nothing for the first quarter). **Due**: the current period's report when it is not done yet
//! (and none is overdue). When 12 is not divisible by N, all N are due by the end of the year.

use chrono::{Datelike, NaiveDate};

use super::quota_consultations;
use crate::config::Settings;
use crate::domain::YearMonth;
use crate::domain::billing::free_consultations;
use crate::store::{Customer, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligations {
    pub year: i32,
    pub reports_per_year: u32,
    pub reports_done: Vec<NaiveDate>,
    pub reports_overdue: u32,
    /// The date by which the current period's report is due, when it is not done yet.
    pub report_due_by: Option<NaiveDate>,
    pub free_consultations_per_year: u32,
    pub free_consultations_used: u32,
}

impl Obligations {
    pub fn reports_left(&self) -> u32 {
        self.reports_per_year.saturating_sub(self.reports_done.len() as u32)
    }

    pub fn free_consultations_left(&self) -> u32 {
        self.free_consultations_per_year.saturating_sub(self.free_consultations_used)
    }
}

pub fn obligations(store: &Store, settings: &Settings, customer: &Customer, today: NaiveDate) -> Result<Obligations> {
    let year = today.year();
    let month = YearMonth::of(today);
    let tier = store.tier_in(&customer.id, month)?;
    let quota = settings.tariffs.status_reports(tier);
    let done: Vec<NaiveDate> = store.status_reports(&customer.id, year)?.into_iter().map(|r| r.done_on).collect();
    // Reports are owed from the month this year's run of tiers with reports began.
    let mut since = month;
    while since.month() > 1 && settings.tariffs.status_reports(store.tier_in(&customer.id, since.prev())?) > 0 {
        since = since.prev();
    }
    let (overdue, due_by) = report_schedule(quota, done.len() as u32, today, since.month() - 1);

    let consult_quota = settings.tariffs.free_consultations(tier);
    // The same ranking billing uses; free ones are ranked with the quota of the tier in force when each
    // was opened; count those.
    let opened = quota_consultations(store, settings, customer, year)?;
    let mut used = 0;
    for (id, at) in &opened {
        let q = settings.tariffs.free_consultations(store.tier_in(&customer.id, settings.calendar.month_of(*at))?);
        if free_consultations(q, &opened).contains(&id.as_str()) {
            used += 1;
        }
    }
    Ok(Obligations {
        year,
        reports_per_year: quota,
        reports_done: done,
        reports_overdue: overdue,
        report_due_by: due_by,
        free_consultations_per_year: consult_quota,
        free_consultations_used: used.min(consult_quota),
    })
}

/// (overdue, due by) for `quota` reports a year with `done` done, on `today`, for a contract in force
/// since month `since0` (0-based) of the year: periods that ended before it are not owed.
pub fn report_schedule(quota: u32, done: u32, today: NaiveDate, since0: u32) -> (u32, Option<NaiveDate>) {
    if quota == 0 {
        return (0, None);
    }
    let year = today.year();
    let period_months = if 12 % quota == 0 { 12 / quota } else { 12 };
    let periods = 12 / period_months;
    let per_period = if 12 % quota == 0 { 1 } else { quota };
    let index = (today.month0() / period_months).min(periods - 1);
    let not_owed = if per_period == 1 { (since0 / period_months).min(index) } else { 0 };
    let ended = (index - not_owed) * per_period;
    let overdue = ended.saturating_sub(done);
    let end_month = (index + 1) * period_months;
    let due_by = if end_month == 12 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(year, end_month + 1, 1).and_then(|d| d.pred_opt())
    };
    let due = (overdue == 0 && done < ended + per_period && done < quota).then_some(due_by).flatten();
    (overdue, due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn vip_reports_are_quarterly() {
        assert_eq!(report_schedule(4, 0, d(2, 10), 0), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(4, 1, d(2, 10), 0), (0, None));
        assert_eq!(report_schedule(4, 0, d(5, 1), 0), (1, None));
        assert_eq!(report_schedule(4, 1, d(5, 1), 0), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(4, 3, d(12, 1), 0), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(4, 4, d(12, 1), 0), (0, None));
    }

    #[test]
    fn plus_report_is_due_by_year_end() {
        assert_eq!(report_schedule(1, 0, d(6, 1), 0), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(1, 1, d(6, 1), 0), (0, None));
        assert_eq!(report_schedule(0, 0, d(6, 1), 0), (0, None));
    }

    #[test]
    fn quarters_before_the_contract_are_not_owed() {
        // VIP from May (month0 4): the first quarter is not owed, the second is due.
        assert_eq!(report_schedule(4, 0, d(5, 4), 4), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(4, 0, d(7, 1), 4), (1, None));
        // From March: the first quarter is owed.
        assert_eq!(report_schedule(4, 0, d(4, 1), 2), (1, None));
        // PLUS from November: one report by the end of the year.
        assert_eq!(report_schedule(1, 0, d(11, 2), 10), (0, Some(d(12, 31))));
    }
}
