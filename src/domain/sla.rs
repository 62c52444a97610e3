//! First-response SLA: the deadline in business hours, the countdown, and the state, all given `now`.
//!
//! States, most urgent first: **breached** (deadline passed without a response, or responded late),
//! **at risk** (less than the configured fraction of the budget left; this wins over paused, so a
//! nearly-due ticket stays visible overnight), **paused** (outside business hours; says when it resumes),
//! **running**, **met** (responded at or before the deadline), **no SLA** (no contract).

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::calendar::{BusinessCalendar, Placed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    Breached,
    AtRisk,
    Running,
    Paused,
    Met,
    NoSla,
}

impl SlaState {
    pub fn as_str(self) -> &'static str {
        match self {
            SlaState::Breached => "breached",
            SlaState::AtRisk => "at_risk",
            SlaState::Running => "running",
            SlaState::Paused => "paused",
            SlaState::Met => "met",
            SlaState::NoSla => "no_sla",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            SlaState::Breached => "breached",
            SlaState::AtRisk => "at risk",
            SlaState::Running => "running",
            SlaState::Paused => "paused",
            SlaState::Met => "met",
            SlaState::NoSla => "no SLA",
        }
    }
}

impl fmt::Display for SlaState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a ticket's first-response clock stands at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaStatus {
    pub state: SlaState,
    pub deadline: Option<DateTime<Utc>>,
    /// Business time left before the deadline; negative once overdue (or by how much a late response
    /// missed it). Zero when there is no SLA.
    pub left: Duration,
    /// When the clock runs again, for a paused countdown.
    pub resumes_at: Option<DateTime<Utc>>,
}

/// The response policy a ticket is under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    /// Business hours to the first response; `None`: nothing guaranteed.
    pub response_hours: Option<u32>,
    pub at_risk_fraction: Decimal,
}

/// When a ticket's first-response clock stopped: at its first response, or — a ticket resolved or
/// closed without one — when it was resolved or closed (`closed_unanswered`), as Jira Service Management
/// and Zendesk stop their first-reply SLA at resolution. Stopped before the deadline it is met, after it
/// breached by the business time between the deadline and the stop, fixed from then on (DOMAIN.md is
/// silent; README "SLA"). Reopened, a ticket without a response waits for one again and its clock runs
/// on from the receipt (the callers pass `None` while it is open). `None`: the clock runs.
pub fn clock_stop(responded: Option<DateTime<Utc>>, closed_unanswered: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    responded.or(closed_unanswered)
}

pub fn deadline(cal: &BusinessCalendar, received: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
    cal.add(received, Duration::hours(i64::from(hours)))
}

pub fn status(
    cal: &BusinessCalendar,
    policy: SlaPolicy,
    received: DateTime<Utc>,
    responded: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SlaStatus {
    let Some(hours) = policy.response_hours else {
        return SlaStatus { state: SlaState::NoSla, deadline: None, left: Duration::zero(), resumes_at: None };
    };
    status_for_deadline(cal, policy, deadline(cal, received, hours), responded, now)
}

/// Like [`status`] with the deadline already computed (it never changes with `now`, so a long list can
/// compute it once per ticket and only re-derive the state as time passes). No-SLA policies give `NoSla`.
pub fn status_for_deadline(
    cal: &BusinessCalendar,
    policy: SlaPolicy,
    due: DateTime<Utc>,
    responded: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SlaStatus {
    let Some(hours) = policy.response_hours else {
        return SlaStatus { state: SlaState::NoSla, deadline: None, left: Duration::zero(), resumes_at: None };
    };
    let done = |state, left| SlaStatus { state, deadline: Some(due), left, resumes_at: None };
    if let Some(at) = responded {
        return if at <= due {
            done(SlaState::Met, cal.between(at, due))
        } else {
            done(SlaState::Breached, -cal.between(due, at))
        };
    }
    // Breached only once the deadline has passed: at the deadline instant itself nothing is late yet
    // (a response then is met), so the ticket shows 0m left, at risk. Instants are whole seconds, as the
    // file keeps them: a response in the deadline's own second is kept as that second and is met.
    let now = now.trunc_subsecs(0);
    if now > due {
        return done(SlaState::Breached, -cal.between(due, now));
    }
    let left = cal.between(now, due);
    let budget = Duration::hours(i64::from(hours));
    if is_at_risk(left, budget, policy.at_risk_fraction) {
        let resumes_at = (!cal.is_open(now)).then(|| cal.next_opening(now));
        return SlaStatus { resumes_at, ..done(SlaState::AtRisk, left) };
    }
    if !cal.is_open(now) {
        return SlaStatus { resumes_at: Some(cal.next_opening(now)), ..done(SlaState::Paused, left) };
    }
    done(SlaState::Running, left)
}

/// `now` placed in the calendar once for a list of many tickets (see [`status_placed`]).
#[derive(Debug, Clone, Copy)]
pub struct SlaNow {
    /// `now` in whole seconds, placed.
    now: Placed,
    open: bool,
    /// When the clock runs again (`now` itself while it runs).
    next_opening: DateTime<Utc>,
}

impl SlaNow {
    pub fn new(cal: &BusinessCalendar, now: DateTime<Utc>) -> Self {
        let now = cal.place(now.trunc_subsecs(0));
        Self { now, open: cal.is_open_placed(now), next_opening: cal.next_opening(now.at) }
    }
}

/// [`status`] of a ticket received at a placed instant, against a placed `now`: the same status, with
/// each instant converted to the provider's zone once. Also the deadline placed (`None`: no SLA).
pub fn status_placed(
    cal: &BusinessCalendar,
    policy: SlaPolicy,
    received: Placed,
    responded: Option<DateTime<Utc>>,
    now: &SlaNow,
) -> (SlaStatus, Option<Placed>) {
    let Some(hours) = policy.response_hours else {
        return (SlaStatus { state: SlaState::NoSla, deadline: None, left: Duration::zero(), resumes_at: None }, None);
    };
    let due = cal.add_placed(received, Duration::hours(i64::from(hours)));
    let done = |state, left| SlaStatus { state, deadline: Some(due.at), left, resumes_at: None };
    let status = if let Some(at) = responded {
        if at <= due.at {
            done(SlaState::Met, cal.between_placed(cal.place(at), due))
        } else {
            done(SlaState::Breached, -cal.between_placed(due, cal.place(at)))
        }
    } else if now.now.at > due.at {
        done(SlaState::Breached, -cal.between_placed(due, now.now))
    } else {
        let left = cal.between_placed(now.now, due);
        let resumes_at = (!now.open).then_some(now.next_opening);
        if is_at_risk(left, Duration::hours(i64::from(hours)), policy.at_risk_fraction) {
            SlaStatus { resumes_at, ..done(SlaState::AtRisk, left) }
        } else if !now.open {
            SlaStatus { resumes_at, ..done(SlaState::Paused, left) }
        } else {
            done(SlaState::Running, left)
        }
    };
    (status, Some(due))
}

fn is_at_risk(left: Duration, budget: Duration, fraction: Decimal) -> bool {
    Decimal::from(left.num_seconds()) < Decimal::from(budget.num_seconds()) * fraction
}

/// Whole minutes of a duration, truncated toward zero: the one rounding rule for every duration shown
/// (TUI and CLI alike), so `-17h 29m 30s` reads `-17h 29m` in the queue and "17h 29m late" in the
/// ticket. A machine format that gives minutes gives these too.
pub fn whole_minutes(d: Duration) -> i64 {
    d.num_seconds() / 60
}

/// Formats business time as `3h 12m`, `45m`, `-1h 05m` (overdue), truncated toward zero to the minute
/// ([`whole_minutes`]); less than a minute overdue reads `-0m`.
pub fn format_left(left: Duration) -> String {
    let sign = if left < Duration::zero() { "-" } else { "" };
    let mins = whole_minutes(left).abs();
    match (mins / 60, mins % 60) {
        (0, m) => format!("{sign}{m}m"),
        (h, m) => format!("{sign}{h}h {m:02}m"),
    }
}

/// How a deadline was reached: which business hours counted and what was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub received: DateTime<Utc>,
    pub clock_start: DateTime<Utc>,
    pub hours: u32,
    pub counted: Vec<CountedSpan>,
    pub skipped: Vec<SkippedDay>,
    pub deadline: DateTime<Utc>,
}

impl Explanation {
    /// The minutes each counted interval shows, so that they add up to the budget exactly: an
    /// interval shows the whole minutes the business clock reached at its end minus those it had
    /// reached at its start (both truncated toward zero, the rule of [`whole_minutes`]). A request
    /// received at 11:04:30 counts 4h 55m 30s that day and 3h 04m 30s on the last; they show 4h 55m
    /// and 3h 05m (the clock passes 48h 00m at 11:04:30), never 4h 55m + 3h 04m = a minute short.
    pub fn span_minutes(&self) -> Vec<i64> {
        let mut elapsed = Duration::zero();
        let mut shown = 0;
        self.counted
            .iter()
            .map(|c| {
                elapsed += c.to - c.from;
                let upto = whole_minutes(elapsed);
                let m = upto - shown;
                shown = upto;
                m
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedSpan {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDay {
    pub date: NaiveDate,
    /// `weekend` or the holiday's name.
    pub reason: String,
}

pub fn explain(cal: &BusinessCalendar, received: DateTime<Utc>, hours: u32) -> Explanation {
    let due = deadline(cal, received, hours);
    let clock_start = cal.next_opening(received);
    let mut counted = Vec::new();
    let mut skipped = Vec::new();
    let mut date = cal.local_date(received);
    let last = cal.local_date(due);
    while date <= last {
        match cal.window(date) {
            Some((open, close)) => {
                let from = open.max(received);
                let to = close.min(due);
                if from < to {
                    counted.push(CountedSpan { from, to });
                }
            }
            None => skipped.push(SkippedDay {
                date,
                reason: cal.holiday_on(date).map_or_else(|| "weekend".to_string(), |h| h.name.clone()),
            }),
        }
        date = date.succ_opt().unwrap_or(NaiveDate::MAX);
        if date == NaiveDate::MAX {
            break;
        }
    }
    Explanation { received, clock_start, hours, counted, skipped, deadline: due }
}
