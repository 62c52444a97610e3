//! Yearly obligations of a contract: status reports (PLUS 1, VIP 4 a year) and free consultations
//! (PLUS 1, VIP 4), counted per calendar year with the tier in force at `today`.
//!
//! Reports are spread evenly over the year: with N a year, the year has N periods of 12/N months (VIP:
//! quarters) and one report is due by the end of each. When 12 is not divisible by N, all N are due by
//! the end of the year. **Each period is owed under the tier in force in it** (bb8 #4; DOMAIN.md tiers
//! table: "system-status reports / year — PLUS 1, VIP 4"): a period of a tier's schedule is owed when
//! that tier's schedule is the one in force in the period's last month, whatever the tier is today. So
//! a VIP from May owes nothing for the first quarter; a PLUS customer moved to VIP from December owes
//! the fourth VIP quarter only (due 31 December), not Q1–Q3 it spent under PLUS, nor PLUS's yearly one
//! (its year ends under VIP); a VIP moved down to PLUS from July owes the first two VIP quarters and
//! PLUS's yearly report. Reports done count against the owed periods earliest first. **Overdue**: owed
//! periods already ended that reports done do not cover. **Due**: the end of the first owed period not
//! ended yet and not covered — shown even while others are overdue, so the lead keeps the date of the
//! one report still in time. `reports_per_year` stays the quota of the tier the year is seen with. A
//! tier change recorded for a month after the one the year is seen at is not in force yet: those months
//! keep the schedule in force then.

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
    // The schedule in force in each month of the year (one read of the tier history).
    let history = store.tier_history(&customer.id)?;
    let mut quotas = [0u32; 12];
    for (i, q) in quotas.iter_mut().enumerate() {
        let m = YearMonth::new(year, i as u32 + 1);
        let tier = m.and_then(|m| history.iter().rev().find(|(from, _)| *from <= m)).map(|(_, t)| *t);
        *q = tier.map_or(0, |t| settings.tariffs.status_reports(t));
    }
    // A tier change recorded for a later month is not in force yet: the months after the one the
    // year is seen at keep its schedule (a VIP contract from May owes nothing in February).
    let seen = seen_at.month0() as usize;
    let now = quotas[seen];
    quotas[seen..].fill(now);
    let (overdue, due_by) = report_schedule(&quotas, done.len() as u32, year, today);

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

/// (overdue, due by) of `year` on `today` with `done` reports done, where `quotas[i]` is the yearly
/// report quota of the tier in force in month `i + 1` (0 = none): each tier's periods owed under the
/// tier in force in their last month (see the module's comment). A year before `today`'s has every
/// period ended (nothing is due any more); a later one none.
pub fn report_schedule(quotas: &[u32; 12], done: u32, year: i32, today: NaiveDate) -> (u32, Option<NaiveDate>) {
    // (end of period, reports owed by it), every schedule in force in some month.
    let mut owed: Vec<(NaiveDate, u32)> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for &quota in quotas.iter().filter(|&&q| q > 0) {
        if seen.contains(&quota) {
            continue;
        }
        seen.push(quota);
        let period_months = if 12 % quota == 0 { 12 / quota } else { 12 };
        let per_period = if 12 % quota == 0 { 1 } else { quota };
        for p in 0..12 / period_months {
            let last = (p + 1) * period_months; // 1-based month
            if quotas[last as usize - 1] != quota {
                continue;
            }
            let end = if last == 12 {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, last + 1, 1).and_then(|d| d.pred_opt())
            };
            owed.extend(end.map(|end| (end, per_period)));
        }
    }
    owed.sort();
    let (mut covered, mut overdue, mut due) = (done, 0u32, None);
    for (end, count) in owed {
        let left = count.saturating_sub(covered);
        covered = covered.saturating_sub(count);
        if left == 0 {
            continue;
        }
        if end < today {
            overdue += left;
        } else if due.is_none() {
            due = Some(end);
        }
    }
    (overdue, due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    /// The quotas of a year under one tier of `quota` reports from month `since0` (0-based).
    fn since(quota: u32, since0: usize) -> [u32; 12] {
        let mut q = [0; 12];
        q[since0..].fill(quota);
        q
    }

    fn one(quota: u32) -> [u32; 12] {
        since(quota, 0)
    }

    #[test]
    fn vip_reports_are_quarterly() {
        assert_eq!(report_schedule(&one(4), 0, 2026, d(2, 10)), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(&one(4), 1, 2026, d(2, 10)), (0, Some(d(6, 30))));
        // One overdue: the current quarter's date still shows (bb8 #4).
        assert_eq!(report_schedule(&one(4), 0, 2026, d(5, 1)), (1, Some(d(6, 30))));
        assert_eq!(report_schedule(&one(4), 1, 2026, d(5, 1)), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(&one(4), 3, 2026, d(12, 1)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(&one(4), 0, 2026, d(12, 22)), (3, Some(d(12, 31))));
        assert_eq!(report_schedule(&one(4), 4, 2026, d(12, 1)), (0, None));
    }

    #[test]
    fn plus_report_is_due_by_year_end() {
        assert_eq!(report_schedule(&one(1), 0, 2026, d(6, 1)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(&one(1), 1, 2026, d(6, 1)), (0, None));
        assert_eq!(report_schedule(&one(0), 0, 2026, d(6, 1)), (0, None));
    }

    #[test]
    fn quarters_before_the_contract_are_not_owed() {
        // VIP from May (month0 4): the first quarter is not owed, the second is due.
        assert_eq!(report_schedule(&since(4, 4), 0, 2026, d(5, 4)), (0, Some(d(6, 30))));
        assert_eq!(report_schedule(&since(4, 4), 0, 2026, d(7, 1)), (1, Some(d(9, 30))));
        // From March: the first quarter is owed.
        assert_eq!(report_schedule(&since(4, 2), 0, 2026, d(4, 1)), (1, Some(d(6, 30))));
        // PLUS from November: one report by the end of the year.
        assert_eq!(report_schedule(&since(1, 10), 0, 2026, d(11, 2)), (0, Some(d(12, 31))));
    }

    #[test]
    fn each_period_is_owed_under_the_tier_in_force_in_it() {
        // bb8 #4: PLUS all year, VIP from December: Q1–Q3 were PLUS months; only VIP's fourth quarter
        // is owed (PLUS's year ends under VIP), due 31 December, nothing overdue.
        let mut up = one(1);
        up[11] = 4;
        assert_eq!(report_schedule(&up, 0, 2026, d(12, 10)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(&up, 1, 2026, d(12, 10)), (0, None));
        // VIP down to PLUS from July: Q1 and Q2 under VIP, then PLUS's yearly report.
        let mut down = one(4);
        down[6..].fill(1);
        assert_eq!(report_schedule(&down, 0, 2026, d(8, 3)), (2, Some(d(12, 31))));
        assert_eq!(report_schedule(&down, 2, 2026, d(8, 3)), (0, Some(d(12, 31))));
        assert_eq!(report_schedule(&down, 3, 2026, d(8, 3)), (0, None));
        // VIP until June, no contract after: the two VIP quarters stay owed.
        let mut gone = one(4);
        gone[6..].fill(0);
        assert_eq!(report_schedule(&gone, 1, 2026, d(8, 3)), (1, None));
    }

    #[test]
    fn a_past_year_has_every_period_ended_and_a_later_one_none() {
        // Seen in 2027: 2026's four quarters all ended (none is due any more), the PLUS report too.
        let next_year = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(report_schedule(&one(4), 0, 2026, next_year), (4, None));
        assert_eq!(report_schedule(&one(4), 3, 2026, next_year), (1, None));
        assert_eq!(report_schedule(&one(4), 4, 2026, next_year), (0, None));
        assert_eq!(report_schedule(&one(1), 0, 2026, next_year), (1, None));
        // VIP from May 2026: the first quarter was not owed.
        assert_eq!(report_schedule(&since(4, 4), 0, 2026, next_year), (3, None));
        // Seen in 2025: nothing of 2026 has ended; the first quarter's report is due by its end.
        let last_year = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        assert_eq!(report_schedule(&one(4), 0, 2026, last_year), (0, Some(d(3, 31))));
        assert_eq!(report_schedule(&one(1), 0, 2026, last_year), (0, Some(d(12, 31))));
    }
}
