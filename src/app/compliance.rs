//! SLA compliance per tier: this month (recounted every tick) and each of the eleven months before it
//! (the board's chart).
//!
//! A ticket's first-response outcome is decided in the month it was answered, or, unanswered, in the
//! month its deadline passed; it is *met* when answered at or before its deadline. Percent = met ÷ due.
//! Facts (tier at receipt, deadline, response) come from the tickets received since 45 days before a
//! month began (a deadline is at most a few weeks of business time after receipt), read by receipt
//! time in pages between keys, deadlines computed as they come.
//!
//! What it costs: a month that is over cannot change with the clock, so the past months are counted
//! once while reading and only the counts are kept. The months whose tickets were received before the
//! current month's window (45 days before this month began) are read once per session (and again when
//! a new month begins): at a million tickets that first reading takes a few hundred thousand facts, in
//! steps of about 8 ms. After any change only the window is read again, as the board always did: its
//! facts are kept for this month's recount at every tick, and the past months it touches recounted.
//! Limits: a ticket answered (or whose deadline passed) more than 45 days after its receipt is not
//! counted, in any month; a change to a ticket received before the window is seen from the next session
//! (or month) on, e.g. a first response synced in from an offline copy months later.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, SubsecRound, Utc};

use crate::config::Settings;
use crate::domain::sla;
use crate::domain::tiers::TierBook;
use crate::domain::{Tier, YearMonth};
use crate::store::{Result, Store, TicketCursor};
use crate::ticket_sla::policy;

use super::queue::QueueState;

/// Months the chart shows, this one included.
pub const MONTHS: usize = 12;
/// The tiers with a response guarantee, in the order they are shown.
pub const TIERS: [Tier; 3] = [Tier::Vip, Tier::Plus, Tier::Standard];
/// Facts read per query while reading in steps.
const FACTS_PAGE: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compliance {
    pub tier: Tier,
    pub met: usize,
    pub due: usize,
}

impl Compliance {
    pub fn percent(&self) -> Option<u32> {
        (self.due > 0).then(|| ((self.met * 100 + self.due / 2) / self.due) as u32)
    }
}

/// One month of the chart: compliance per tier, in [`TIERS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCompliance {
    pub month: YearMonth,
    pub tiers: Vec<Compliance>,
}

/// (met, due) per month and tier.
type Counts = BTreeMap<(YearMonth, Tier), (usize, usize)>;

/// (tier, deadline, response) of a ticket received in the current window.
type Fact = (Tier, DateTime<Utc>, Option<DateTime<Utc>>);

#[derive(Debug, Clone, Default)]
pub struct ComplianceState {
    /// This month, per tier in [`TIERS`] order.
    pub this_month: Vec<Compliance>,
    /// The last [`MONTHS`] months, oldest first (the last is this month).
    pub history: Vec<MonthCompliance>,
    /// Facts being read (`None`: complete).
    pub reading: Option<Reading>,
    /// The month `settled` was counted for (`None`: not yet).
    settled_for: Option<YearMonth>,
    /// Past months' counts from tickets received before the current window.
    settled: Counts,
    /// Past months' counts from tickets received in the current window.
    recent: Counts,
    facts: Vec<Fact>,
}

/// Compliance facts being read, by receipt time.
#[derive(Debug, Clone)]
pub struct Reading {
    month: YearMonth,
    /// Tickets received from here on are in the current window.
    window: i64,
    cursor: TicketCursor,
    /// Counting the months before the window too (`None`: they are counted already).
    settled: Option<Counts>,
    recent: Counts,
    facts: Vec<Fact>,
}

impl ComplianceState {
    /// Starts reading the facts again (the data changed): the current window, and the months before it
    /// once per session and month.
    pub fn load(&mut self, settings: &Settings, now: DateTime<Utc>) {
        let month = settings.calendar.month_of(now);
        let window_from = |m: YearMonth| settings.calendar.month_bounds(m).0 - Duration::days(45);
        let window = window_from(month).timestamp();
        let settled = self.settled_for != Some(month);
        let mut first = month;
        for _ in 1..MONTHS {
            first = first.prev();
        }
        let from = if settled { window_from(first).timestamp() } else { window };
        self.reading = Some(Reading {
            month,
            window,
            // Every ticket received at `from` or later: (from, "") comes before any of them.
            cursor: TicketCursor { received_at: from, id: String::new() },
            settled: settled.then(Counts::new),
            recent: Counts::new(),
            facts: Vec::new(),
        });
    }

    /// Reads facts until `budget` has passed (at least one page; `None`: until done); once complete,
    /// they replace the previous ones and are counted at `now`.
    pub fn step(
        &mut self,
        store: &Store,
        settings: &Settings,
        tiers: &TierBook,
        queue: &QueueState,
        now: DateTime<Utc>,
        budget: Option<std::time::Duration>,
    ) -> Result<()> {
        let Some(mut r) = self.reading.take() else { return Ok(()) };
        let started = std::time::Instant::now();
        let cal = &settings.calendar;
        loop {
            let page = store.responses_after(&r.cursor, FACTS_PAGE)?;
            let Some(last) = page.last() else {
                if let Some(settled) = r.settled {
                    self.settled = settled;
                    self.settled_for = Some(r.month);
                }
                self.recent = r.recent;
                self.facts = r.facts;
                self.tick(settings, now);
                return Ok(());
            };
            r.cursor = TicketCursor { received_at: last.received_at.timestamp(), id: last.id.to_string() };
            for f in page {
                let tier = tiers.tier_at(&f.customer_id, cal, f.received_at);
                let Some(hours) = policy(settings, tier).response_hours else { continue };
                let due = queue.deadline_of(&f.id).unwrap_or_else(|| sla::deadline(cal, f.received_at, hours));
                let responded = f.sla_stop();
                // The month it was decided in, when that month is over.
                let decided = match responded {
                    Some(at) => Some(at).filter(|&at| at <= now),
                    // Whole seconds, as the SLA state (`sla::status_for_deadline`) counts them.
                    None => Some(due).filter(|&due| due < now.trunc_subsecs(0)),
                }
                .map(|t| cal.month_of(t))
                .filter(|&m| m < r.month);
                let in_window = f.received_at.timestamp() >= r.window;
                let counts = if in_window { Some(&mut r.recent) } else { r.settled.as_mut() };
                if let (Some(m), Some(counts)) = (decided, counts) {
                    let e = counts.entry((m, tier)).or_default();
                    e.1 += 1;
                    e.0 += usize::from(responded.is_some_and(|at| at <= due));
                }
                if in_window {
                    r.facts.push((tier, due, responded));
                }
            }
            if budget.is_some_and(|limit| started.elapsed() >= limit) {
                self.reading = Some(r);
                return Ok(());
            }
        }
    }

    /// Recounts this month at `now` from the window's facts, and puts the chart's months together. When
    /// a new month has begun, the facts are read again (the month that ended is now a past one).
    pub fn tick(&mut self, settings: &Settings, now: DateTime<Utc>) {
        let month = settings.calendar.month_of(now);
        if self.settled_for.is_some_and(|m| m != month) && self.reading.is_none() {
            self.load(settings, now);
        }
        let (month_from, _) = settings.calendar.month_bounds(month);
        let mut now_counts: BTreeMap<Tier, (usize, usize)> = BTreeMap::new();
        for &(tier, due, responded) in &self.facts {
            let decided = match responded {
                Some(at) => at >= month_from && at <= now,
                // Whole seconds, as the SLA state (`sla::status_for_deadline`) counts them.
                None => due >= month_from && due < now.trunc_subsecs(0),
            };
            if decided {
                let e = now_counts.entry(tier).or_default();
                e.1 += 1;
                e.0 += usize::from(responded.is_some_and(|at| at <= due));
            }
        }
        let of = |counts: &dyn Fn(Tier) -> (usize, usize)| -> Vec<Compliance> {
            TIERS
                .into_iter()
                .map(|tier| {
                    let (met, due) = counts(tier);
                    Compliance { tier, met, due }
                })
                .collect()
        };
        self.this_month = of(&|t| now_counts.get(&t).copied().unwrap_or_default());
        let mut months = vec![month];
        for _ in 1..MONTHS {
            months.insert(0, months[0].prev());
        }
        let past = |m: YearMonth, t: Tier| {
            let (a, b) = self.settled.get(&(m, t)).copied().unwrap_or_default();
            let (c, d) = self.recent.get(&(m, t)).copied().unwrap_or_default();
            (a + c, b + d)
        };
        self.history = months
            .into_iter()
            .map(|m| {
                let tiers = if m == month { self.this_month.clone() } else { of(&|t| past(m, t)) };
                MonthCompliance { month: m, tiers }
            })
            .collect();
    }
}
