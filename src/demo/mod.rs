//! Demo data: a realistic helpdesk file written through the store's own write path (every row has its
//! operation in the log, with the time it happened and who did it), deterministic for a seed and `now`.
//!
//! What it holds (defaults: 36 customers, 400 tickets, 900 time entries over the last six months;
//! larger counts stretch the history up to three years):
//! - customers on every tier and without a contract, Czech names with diacritics; one was upgraded
//!   from STANDARD to PLUS two months ago;
//! - tickets of every kind in every status, with first responses (most met, some late), comments (a
//!   few deleted), assignees among six technicians (two consultants);
//! - open tickets whose receipt time is chosen backwards from `now` in business time, so that at `now`
//!   their SLA states really are mixed: breached, at risk, running (paused when `now` is outside
//!   business hours), met, and no SLA for customers without a contract;
//! - "heavy" STANDARD and PLUS customers with more work than their prepaid minutes every month, so
//!   the month report suggests an upgrade;
//! - two running timers, one forgotten (started more than `forgotten_timer_hours` ago).
//!
//! Decisions: the data is generated as a stream in time order (tickets sorted by receipt, each
//! ticket's later events held in a heap until their time comes), so the log's clocks are the times
//! things happened and memory stays bounded by the tickets in progress, not the whole history. Each
//! ticket draws from its own random stream ([`rng::Rng::derive`]), so its content does not depend on
//! the others. Ids are UUIDv7 (random), so two runs with the same seed differ in ids only.

mod plan;
mod rng;
mod text;
mod ticket;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet, VecDeque};

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::config::Settings;
use crate::domain::{BusinessCalendar, Role, TicketKind, TicketStatus, Tier, YearMonth};
use crate::store::batch::Stamped;
use crate::store::{Change, Result, Store, StoreError, new_id};
use rng::Rng;
use text::{LEAD, TEAM};

/// How much demo data to write, from which seed, as seen at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub customers: usize,
    pub tickets: usize,
    pub entries: usize,
    /// How many tickets are open at `now` (`None`: 12 %, at most 4 000 + one per thousand tickets,
    /// so 5 000 of a million).
    pub open: Option<usize>,
    pub seed: u64,
    pub now: DateTime<Utc>,
}

impl DemoOptions {
    pub const CUSTOMERS: usize = 36;
    pub const TICKETS: usize = 400;
    pub const ENTRIES: usize = 900;

    /// The default size.
    pub fn new(seed: u64, now: DateTime<Utc>) -> Self {
        Self { customers: Self::CUSTOMERS, tickets: Self::TICKETS, entries: Self::ENTRIES, open: None, seed, now }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub customers: usize,
    pub tickets: usize,
    pub comments: usize,
    pub entries: usize,
    pub timers: usize,
    /// Operations in the log (every change above, status changes, responses, …).
    pub ops: usize,
    /// Where the history starts.
    pub since: DateTime<Utc>,
}

/// How far a demo has got, after each transaction: operations written, tickets planned of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub ops: usize,
    pub tickets: usize,
    pub of: usize,
}

/// Changes per transaction of a bulk load.
const PER_TX: usize = 200_000;

/// Writes the demo into `store` (which should be empty), calling `progress` after each transaction
/// with the operations written and the tickets planned so far.
pub fn generate(
    store: &mut Store,
    settings: &Settings,
    opts: &DemoOptions,
    mut progress: impl FnMut(DemoProgress),
) -> Result<DemoSummary> {
    if opts.customers == 0 {
        return Err(StoreError::Invalid("the demo needs at least one customer".into()));
    }
    let tag = store.meta("device_tag")?.unwrap_or_default();
    let seq: u64 = store.meta("ticket_seq")?.and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut generator = Generator::new(settings, opts, tag, seq);
    let planned = std::rc::Rc::clone(&generator.planned);
    let of = opts.tickets;
    let ops =
        store.record_all(&mut generator, PER_TX, |ops| progress(DemoProgress { ops, tickets: planned.get(), of }))?;
    Ok(DemoSummary { ops, ..generator.summary })
}

/// Why an open ticket is where it is at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// No response and the deadline passed.
    Breached,
    /// Responded, but after the deadline; still open.
    LateResponse,
    AtRisk,
    /// Running in business hours, paused outside them.
    Running,
    Met,
    /// Met, and waiting for the customer.
    Waiting,
    /// A customer without a contract.
    NoSla,
}

const TARGETS: [Target; 8] = [
    Target::Breached,
    Target::AtRisk,
    Target::Running,
    Target::Met,
    Target::Waiting,
    Target::Running,
    Target::LateResponse,
    Target::Running,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Received in the past; responded to, resolved and closed as time allowed.
    History,
    /// A heavy customer's monthly work: enough minutes to go over the prepaid ones.
    Heavy,
    Open(Target),
}

#[derive(Debug, Clone, Copy)]
struct Header {
    received: DateTime<Utc>,
    customer: u32,
    kind: TicketKind,
    class: Class,
    entries: u32,
    /// Which random stream the ticket draws from.
    n: u64,
}

#[derive(Debug, Clone)]
struct CustomerPlan {
    id: String,
    name: String,
    contact: String,
    tier: Tier,
    /// The tier before an upgrade in the given month.
    before: Option<(Tier, YearMonth)>,
    heavy: bool,
    since: YearMonth,
    created: DateTime<Utc>,
}

impl CustomerPlan {
    fn tier_in(&self, month: YearMonth) -> Tier {
        match self.before {
            Some((tier, change)) if month < change => tier,
            _ => self.tier,
        }
    }
}

/// A change waiting for its time.
#[derive(Debug)]
struct Pending {
    at: DateTime<Utc>,
    order: u64,
    actor: &'static str,
    change: Change,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.order) == (other.at, other.order)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.order).cmp(&(other.at, other.order))
    }
}

struct Generator<'s> {
    settings: &'s Settings,
    cal: &'s BusinessCalendar,
    seed: u64,
    now: DateTime<Utc>,
    customers: Vec<CustomerPlan>,
    headers: Vec<Header>,
    next: usize,
    tag: String,
    seq: u64,
    heap: BinaryHeap<Reverse<Pending>>,
    order: u64,
    ready: VecDeque<Stamped<'static>>,
    /// Running timers to start on tickets (by stream number): who and when.
    timers: Vec<(u64, &'static str, DateTime<Utc>)>,
    summary: DemoSummary,
    /// Tickets planned so far (read by the progress callback while the store holds the generator).
    planned: std::rc::Rc<std::cell::Cell<usize>>,
}

impl Iterator for Generator<'_> {
    type Item = Stamped<'static>;

    fn next(&mut self) -> Option<Stamped<'static>> {
        loop {
            if let Some(s) = self.ready.pop_front() {
                self.count(&s.change);
                return Some(s);
            }
            let until = self.headers.get(self.next).map(|h| h.received);
            while let Some(Reverse(p)) = self.heap.peek() {
                if until.is_some_and(|u| p.at >= u) {
                    break;
                }
                let Some(Reverse(p)) = self.heap.pop() else { break };
                self.ready.push_back(Stamped { at: p.at, actor: Some(p.actor), change: p.change });
                if until.is_none() {
                    break;
                }
            }
            if !self.ready.is_empty() {
                continue;
            }
            let header = *self.headers.get(self.next)?;
            self.next += 1;
            self.planned.set(self.next);
            self.plan_ticket(header);
        }
    }
}

impl<'s> Generator<'s> {
    fn new(settings: &'s Settings, opts: &DemoOptions, tag: String, seq: u64) -> Self {
        let cal = &settings.calendar;
        let now = opts.now;
        // Six months of history, stretched so that a large file has at most ~1 500 tickets a day.
        let days = (opts.tickets as i64 / 1500).clamp(182, 3 * 365);
        let start = now - Duration::days(days);
        let mut g = Generator {
            settings,
            cal,
            seed: opts.seed,
            now,
            customers: Vec::new(),
            headers: Vec::new(),
            next: 0,
            tag,
            seq,
            heap: BinaryHeap::new(),
            order: 0,
            ready: VecDeque::new(),
            timers: Vec::new(),
            summary: DemoSummary { since: start, ..DemoSummary::default() },
            planned: Default::default(),
        };
        g.plan_customers(opts.customers, start);
        g.plan_tickets(opts, start);
        g.plan_timers();
        g
    }

    fn count(&mut self, change: &Change) {
        let s = &mut self.summary;
        match change {
            Change::CustomerCreated { .. } => s.customers += 1,
            Change::TicketOpened { .. } => s.tickets += 1,
            Change::CommentAdded { .. } => s.comments += 1,
            Change::TimeEntryAdded { .. } => s.entries += 1,
            Change::TimerStarted { .. } => s.timers += 1,
            _ => {}
        }
    }

    fn push(&mut self, at: DateTime<Utc>, actor: &'static str, change: Change) {
        self.order += 1;
        self.heap.push(Reverse(Pending { at, order: self.order, actor, change }));
    }
}

/// Draws an index from cumulative weights.
fn pick_weighted(cumulative: &[u64], rng: &mut Rng) -> u32 {
    let total = cumulative.last().copied().unwrap_or(1);
    let x = rng.below(total);
    cumulative.partition_point(|&c| c <= x) as u32
}

/// The instant `amount` of business time before `now` (the inverse of `BusinessCalendar::add`).
pub fn back(cal: &BusinessCalendar, now: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
    let mut rem = amount;
    let mut date = cal.local_date(now);
    loop {
        if let Some((open, close)) = cal.window(date) {
            let hi = close.min(now);
            if hi > open {
                let avail = hi - open;
                if rem <= avail {
                    return hi - rem;
                }
                rem -= avail;
            }
        }
        match date.pred_opt() {
            Some(d) => date = d,
            None => return now,
        }
    }
}

/// The first business day of a month (or its first day, in a month without one).
fn first_business_day(cal: &BusinessCalendar, month: YearMonth) -> chrono::NaiveDate {
    let mut day = month.first_day();
    while !cal.is_business_day(day) && day.month() == month.first_day().month() {
        day = day.succ_opt().unwrap_or(day);
    }
    if day.month() == month.first_day().month() { day } else { month.first_day() }
}

/// A random instant in the business hours of the day `t` falls on (or the next business day).
fn random_in_business_day(cal: &BusinessCalendar, t: DateTime<Utc>, rng: &mut Rng) -> DateTime<Utc> {
    let opening = cal.next_opening(t);
    match cal.window(cal.local_date(opening)) {
        Some((open, close)) => {
            let from = open.max(opening);
            from + Duration::seconds(rng.range(0, (close - from).num_seconds()))
        }
        None => opening,
    }
}

/// When a piece of work of `minutes` starts: in business hours between `from` and `to`, ending by `to`.
fn work_start(
    cal: &BusinessCalendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    minutes: i64,
    rng: &mut Rng,
) -> Option<DateTime<Utc>> {
    let latest = to - Duration::minutes(minutes);
    if latest <= from {
        return None;
    }
    let t = from + Duration::seconds(rng.range(0, (latest - from).num_seconds()));
    let t = random_in_business_day(cal, t, rng);
    Some(if t <= latest && t >= from { t } else { from + (latest - from) / 2 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn back_inverts_business_add() {
        let cal = Settings::defaults().calendar;
        let now = chrono_tz::Europe::Prague.with_ymd_and_hms(2026, 3, 11, 10, 30, 0).unwrap().with_timezone(&Utc);
        for hours in [0, 1, 2, 3, 4, 8, 13, 24, 48, 100] {
            let r = back(&cal, now, Duration::hours(hours));
            assert_eq!(cal.between(r, now), Duration::hours(hours), "{hours} h");
        }
        let saturday = chrono_tz::Europe::Prague.with_ymd_and_hms(2026, 3, 14, 12, 0, 0).unwrap().with_timezone(&Utc);
        let r = back(&cal, saturday, Duration::hours(3));
        assert_eq!(cal.add(r, Duration::hours(3)), cal.window(cal.local_date(r)).unwrap().1);
    }
}
