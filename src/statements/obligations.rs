//! Yearly obligations of a contract: status reports (PLUS 1, VIP 4 a year) and free consultations
//! (PLUS 1, VIP 4), counted per calendar year with the tier in force at `today`.
//!
//! Reports are spread evenly over the year: with N a year, the year has N periods of 12/N months (VIP:
//! quarters) and one report is due by the end of each. **Overdue**: periods already ended minus reports
//! done. **Due**: the current period's report when it is not done yet (and none is overdue). When 12 is
//! not divisible by N, all N are due by the end of the year.

use chrono::{Datelike, NaiveDate};

use super::{month_bounds, month_of};
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
    let (overdue, due_by) = report_schedule(quota, done.len() as u32, today);

    let consult_quota = settings.tariffs.free_consultations(tier);
    let jan = YearMonth::new(year, 1).unwrap_or(month);
    let dec = YearMonth::new(year, 12).unwrap_or(month);
    let (from, _) = month_bounds(&settings.calendar, jan);
    let (_, to) = month_bounds(&settings.calendar, dec);
    let opened = store.consultations_opened(&customer.id, from, to)?;
    // Free ones are ranked with the quota of the tier in force when each was opened; count those.
    let mut used = 0;
    for (id, at) in &opened {
        let q = settings.tariffs.free_consultations(store.tier_in(&customer.id, month_of(&settings.calendar, *at))?);
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

/// (overdue, due by) for `quota` reports a year with `done` done, on `today`.
pub fn report_schedule(quota: u32, done: u32, today: NaiveDate) -> (u32, Option<NaiveDate>) {
    if quota == 0 {
        return (0, None);
    }
    let year = today.year();
    let period_months = if 12 % quota == 0 { 12 / quota } else { 12 };
    let periods = 12 / period_months;
    let per_period = if 12 % quota == 0 { 1 } else { quota };
    let index = (today.month0() / period_months).min(periods - 1);
    let ended = index * per_period;
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
        assert_eq!(report_schedule(4, 0, d(2, 10)), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(4, 1, d(2, 10)), (0, None));
        assert_eq!(report_schedule(4, 0, d(5, 1)), (1, None));
        assert_eq!(report_schedule(4, 1, d(5, 1)), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(4, 3, d(12, 1)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(4, 4, d(12, 1)), (0, None));
    }

    #[test]
    fn plus_report_is_due_by_year_end() {
        assert_eq!(report_schedule(1, 0, d(6, 1)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(1, 1, d(6, 1)), (0, None));
        assert_eq!(report_schedule(0, 0, d(6, 1)), (0, None));
    }
}
