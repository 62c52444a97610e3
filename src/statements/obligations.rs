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
use crate::store::{Customer, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligations {
    pub year: i32,
    /// The tier the year is seen with: in force today, at the end of a past year, at the start of a
    /// later one.
    pub tier: crate::domain::Tier,
    pub reports_per_year: u32,
    pub reports_done: Vec<NaiveDate>,
    pub reports_overdue: u32,
    /// The date by which the current period's report is due, when it is not done yet.
    pub report_due_by: Option<NaiveDate>,
    pub free_consultations_per_year: u32,
    /// Places of the year's free consultations taken (every consultation opened under a tier with
    /// free ones, by opening time, billed or not), at most `free_consultations_per_year`.
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

/// A customer's obligations of `year` as they stand on `today` (the provider's date). A past year is
/// seen whole (every period has ended: a report not done is overdue, none is due), a year not begun
/// yet from its start (nothing overdue, the first period's report due); the tier is the one in force
/// on `today`, or at the end of a past year, or at the start of a later one.
pub fn obligations(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    year: i32,
    today: NaiveDate,
) -> Result<Obligations> {
    let seen_at = match year.cmp(&today.year()) {
        std::cmp::Ordering::Equal => today,
        std::cmp::Ordering::Less => NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
        std::cmp::Ordering::Greater => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
    };
    let month = YearMonth::of(seen_at);
    let tier = store.tier_in(&customer.id, month)?;
    let quota = settings.tariffs.status_reports(tier);
    let done: Vec<NaiveDate> = store.status_reports(&customer.id, year)?.into_iter().map(|r| r.done_on).collect();
    // Reports are owed from the month this year's run of tiers with reports began.
    let mut since = month;
    while since.month() > 1 && settings.tariffs.status_reports(store.tier_in(&customer.id, since.prev())?) > 0 {
        since = since.prev();
    }
    let (overdue, due_by) = report_schedule(quota, done.len() as u32, year, today, since.month() - 1);

    let consult_quota = settings.tariffs.free_consultations(tier);
    // The places of the year's ranking billing uses (DOMAIN.md: "the first 1 (PLUS) or 4 (VIP)
    // consultation tickets of a calendar year, by opening time, are free"): every consultation opened
    // under a tier with free ones takes its place by opening time, free or not — one billed under PLUS
    // (quota 1) as the year's second still holds place 2 after an upgrade to VIP. So the next one is
    // free only while fewer places than the quota are taken; that is what "used" counts.
    let opened = quota_consultations(store, settings, customer, year)?;
    let used = u32::try_from(opened.len()).unwrap_or(u32::MAX);
    Ok(Obligations {
        year,
        tier,
        reports_per_year: quota,
        reports_done: done,
        reports_overdue: overdue,
        report_due_by: due_by,
        free_consultations_per_year: consult_quota,
        free_consultations_used: used.min(consult_quota),
    })
}

/// (overdue, due by) of `year` for `quota` reports a year with `done` done, on `today`, for a contract
/// in force since month `since0` (0-based) of the year: periods that ended before it are not owed. A
/// year before `today`'s has every period ended (nothing is due any more); a later one none.
pub fn report_schedule(quota: u32, done: u32, year: i32, today: NaiveDate, since0: u32) -> (u32, Option<NaiveDate>) {
    if quota == 0 {
        return (0, None);
    }
    let period_months = if 12 % quota == 0 { 12 / quota } else { 12 };
    let periods = 12 / period_months;
    let per_period = if 12 % quota == 0 { 1 } else { quota };
    let past = year < today.year();
    let index = match year.cmp(&today.year()) {
        std::cmp::Ordering::Equal => (today.month0() / period_months).min(periods - 1),
        std::cmp::Ordering::Less => periods - 1,
        std::cmp::Ordering::Greater => 0,
    };
    let not_owed = if per_period == 1 { (since0 / period_months).min(index) } else { 0 };
    // The current period (`index`) has ended too when the whole year has.
    let ended = (index + u32::from(past) - not_owed) * per_period;
    let overdue = ended.saturating_sub(done);
    let end_month = (index + 1) * period_months;
    let due_by = if end_month == 12 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(year, end_month + 1, 1).and_then(|d| d.pred_opt())
    };
    let due = (!past && overdue == 0 && done < ended + per_period && done < quota).then_some(due_by).flatten();
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
        assert_eq!(report_schedule(4, 0, 2026, d(2, 10), 0), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(4, 1, 2026, d(2, 10), 0), (0, None));
        assert_eq!(report_schedule(4, 0, 2026, d(5, 1), 0), (1, None));
        assert_eq!(report_schedule(4, 1, 2026, d(5, 1), 0), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(4, 3, 2026, d(12, 1), 0), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(4, 4, 2026, d(12, 1), 0), (0, None));
    }

    #[test]
    fn plus_report_is_due_by_year_end() {
        assert_eq!(report_schedule(1, 0, 2026, d(6, 1), 0), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(1, 1, 2026, d(6, 1), 0), (0, None));
        assert_eq!(report_schedule(0, 0, 2026, d(6, 1), 0), (0, None));
    }

    #[test]
    fn quarters_before_the_contract_are_not_owed() {
        // VIP from May (month0 4): the first quarter is not owed, the second is due.
        assert_eq!(report_schedule(4, 0, 2026, d(5, 4), 4), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(4, 0, 2026, d(7, 1), 4), (1, None));
        // From March: the first quarter is owed.
        assert_eq!(report_schedule(4, 0, 2026, d(4, 1), 2), (1, None));
        // PLUS from November: one report by the end of the year.
        assert_eq!(report_schedule(1, 0, 2026, d(11, 2), 10), (0, Some(d(12, 31))));
    }

    #[test]
    fn a_past_year_has_every_period_ended_and_a_later_one_none() {
        // Seen in 2027: 2026's four quarters all ended (none is due any more), the PLUS report too.
        let next_year = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(report_schedule(4, 0, 2026, next_year, 0), (4, None));
        assert_eq!(report_schedule(4, 3, 2026, next_year, 0), (1, None));
        assert_eq!(report_schedule(4, 4, 2026, next_year, 0), (0, None));
        assert_eq!(report_schedule(1, 0, 2026, next_year, 0), (1, None));
        // VIP from May 2026: the first quarter was not owed.
        assert_eq!(report_schedule(4, 0, 2026, next_year, 4), (3, None));
        // Seen in 2025: nothing of 2026 has ended; the first quarter's report is due by its end.
        let last_year = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        assert_eq!(report_schedule(4, 0, 2026, last_year, 0), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(1, 0, 2026, last_year, 0), (0, Some(d(12, 31))));
    }
}
