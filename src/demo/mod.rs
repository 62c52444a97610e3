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

mod rng;
mod text;

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

    fn plan_customers(&mut self, count: usize, start: DateTime<Utc>) {
        const PATTERN: [Tier; 10] = [
            Tier::Standard,
            Tier::Plus,
            Tier::Vip,
            Tier::None,
            Tier::Standard,
            Tier::Plus,
            Tier::None,
            Tier::Standard,
            Tier::Vip,
            Tier::Plus,
        ];
        let mut rng = Rng::derive(self.seed, 1, 0);
        let first_month = self.cal.month_of(start);
        let this_month = self.cal.month_of(self.now);
        let mut names = HashSet::new();
        let mut plans = Vec::with_capacity(count);
        for i in 0..count {
            let mut name = text::company(i, &mut rng);
            let mut n = 2;
            while !names.insert(crate::domain::text::fold(&name)) {
                name = format!("{} ({n})", text::company(i, &mut rng));
                n += 1;
            }
            let tier = PATTERN[i % PATTERN.len()];
            let contract = matches!(tier, Tier::Standard | Tier::Plus);
            // The first STANDARD and PLUS customers always work too much; some others as well.
            let heavy = contract && (i < 2 || rng.chance(0.08));
            // Customer 5 (PLUS) was upgraded from STANDARD two months ago.
            let before = (i == 5).then(|| (Tier::Standard, this_month.prev().prev()));
            let mut since = first_month;
            for _ in 0..rng.below(24) {
                since = since.prev();
            }
            let first_day = since.first_day().and_hms_opt(10, 0, 0).unwrap_or_default();
            let created = self.cal.local_instant(first_day) - Duration::days(rng.range(1, 20));
            let contact = text::contact(&name, &mut rng);
            plans.push(CustomerPlan { id: new_id(created), name, contact, tier, before, heavy, since, created });
        }
        let mut order: Vec<usize> = (0..plans.len()).collect();
        order.sort_by_key(|&i| (plans[i].created, i));
        for i in order {
            let c = &plans[i];
            let first_tier = c.before.map_or(c.tier, |(t, _)| t);
            self.ready.push_back(Stamped {
                at: c.created,
                actor: Some(LEAD),
                change: Change::CustomerCreated {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    contact: c.contact.clone(),
                    tier: first_tier,
                    since: c.since,
                    at: c.created.timestamp(),
                },
            });
        }
        for c in &plans {
            if let Some((_, from)) = c.before {
                let at = self.cal.local_instant(from.first_day().and_hms_opt(8, 30, 0).unwrap_or_default());
                let change = Change::TierSet { customer: c.id.clone(), from, tier: c.tier, prev: None };
                self.order += 1;
                self.heap.push(Reverse(Pending { at, order: self.order, actor: LEAD, change }));
            }
        }
        self.customers = plans;
    }

    /// Decides every ticket's receipt time, customer, kind, class and number of time entries, sorted
    /// by receipt.
    fn plan_tickets(&mut self, opts: &DemoOptions, start: DateTime<Utc>) {
        let mut rng = Rng::derive(self.seed, 2, 0);
        let total = opts.tickets;
        let mut headers: Vec<Header> = Vec::with_capacity(total);
        let mut entries_left = opts.entries;

        // Heavy customers: one request a month with 3 entries of 45–90 minutes (over any prepaid).
        let heavy: Vec<u32> = (0..self.customers.len() as u32).filter(|&i| self.customers[i as usize].heavy).collect();
        let mut month = self.cal.month_of(start);
        let last = self.cal.month_of(self.now);
        'months: while month <= last {
            for &c in &heavy {
                if headers.len() + 1 > total / 3 || entries_left < 3 {
                    break 'months;
                }
                let day = first_business_day(self.cal, month);
                let received = self.cal.local_instant(day.and_hms_opt(9, 0, 0).unwrap_or_default())
                    + Duration::minutes(rng.range(0, 120));
                if received < start || received > self.now - Duration::hours(4) {
                    continue;
                }
                let kind = TicketKind::Request;
                headers.push(Header {
                    received,
                    customer: c,
                    kind,
                    class: Class::Heavy,
                    entries: 3,
                    n: headers.len() as u64,
                });
                entries_left -= 3;
            }
            month = month.next();
        }

        // Open tickets at `now`: the first ones cover every SLA state, the rest are drawn.
        let open = if total < 50 { total / 4 } else { (total * 12 / 100).min(4000 + total / 1000) };
        let open = opts.open.unwrap_or(open).min(total - headers.len());
        let weights = self.weights();
        for i in 0..open {
            let (customer, target) = match i {
                0..=3 => {
                    let target = [Target::Breached, Target::AtRisk, Target::Running, Target::Met][i.min(3)];
                    (self.customer_on(&[Tier::Vip, Tier::Plus, Tier::Standard], i), target)
                }
                4 => (self.customer_on(&[Tier::None], 0), Target::NoSla),
                _ => (pick_weighted(&weights, &mut rng), TARGETS[rng.below(TARGETS.len() as u64) as usize]),
            };
            let plan = &self.customers[customer as usize];
            let target = if plan.tier == Tier::None { Target::NoSla } else { target };
            let received = self.open_received(customer, target, &mut rng);
            let kind = self.kind_for(customer, &mut rng);
            headers.push(Header {
                received,
                customer,
                kind,
                class: Class::Open(target),
                entries: 0,
                n: headers.len() as u64,
            });
        }

        // The history: spread over the span, most in business hours (incidents any time).
        let history_end = self.now - Duration::days(3);
        let span = (history_end - start).num_seconds().max(1);
        while headers.len() < total {
            let customer = pick_weighted(&weights, &mut rng);
            let kind = self.kind_for(customer, &mut rng);
            let mut received = start + Duration::seconds(rng.range(0, span));
            if kind != TicketKind::Incident && rng.chance(0.85) {
                received = random_in_business_day(self.cal, received, &mut rng);
            }
            let class = Class::History;
            headers.push(Header { received, customer, kind, class, entries: 0, n: headers.len() as u64 });
        }

        // The remaining time entries, spread evenly over the other tickets.
        let others: Vec<usize> = (0..headers.len()).filter(|&i| headers[i].class != Class::Heavy).collect();
        if !others.is_empty() {
            let base = entries_left / others.len();
            let extra = entries_left % others.len();
            for (k, &i) in others.iter().enumerate() {
                headers[i].entries = (base + usize::from(k < extra)) as u32;
            }
        }
        headers.sort_by_key(|h| (h.received, h.n));
        self.headers = headers;
    }

    /// Relative weights of customers for drawing tickets: bigger contracts call more.
    fn weights(&self) -> Vec<u64> {
        let mut acc = 0;
        self.customers
            .iter()
            .map(|c| {
                acc += match (c.tier, c.heavy) {
                    (_, true) => 4,
                    (Tier::Vip, _) => 4,
                    (Tier::Plus | Tier::None, _) => 2,
                    (Tier::Standard, _) => 1,
                };
                acc
            })
            .collect()
    }

    /// The `k`-th customer (cyclically) on one of `tiers`, not the upgraded one; else customer 0.
    fn customer_on(&self, tiers: &[Tier], k: usize) -> u32 {
        let matching: Vec<u32> = (0..self.customers.len() as u32)
            .filter(|&i| {
                let c = &self.customers[i as usize];
                c.before.is_none() && tiers.contains(&c.tier)
            })
            .collect();
        if matching.is_empty() { 0 } else { matching[k % matching.len()] }
    }

    fn kind_for(&self, customer: u32, rng: &mut Rng) -> TicketKind {
        let r = rng.below(100);
        let kind = match r {
            0..55 => TicketKind::Request,
            55..75 => TicketKind::Incident,
            75..87 => TicketKind::Consultation,
            _ => TicketKind::Change,
        };
        let tier = self.customers[customer as usize].tier;
        if kind == TicketKind::Consultation && tier == Tier::Standard { TicketKind::Request } else { kind }
    }

    /// The first-response budget of a customer's ticket received in `month`, in seconds.
    fn budget(&self, customer: u32, month: YearMonth) -> Option<i64> {
        let tier = self.customers[customer as usize].tier_in(month);
        self.settings.tariffs.response_hours(tier).map(|h| i64::from(h) * 3600)
    }

    /// When an open ticket must have been received for its target state at `now`.
    fn open_received(&self, customer: u32, target: Target, rng: &mut Rng) -> DateTime<Utc> {
        let now = self.now;
        let Some(mut budget) = self.budget(customer, self.cal.month_of(now)) else {
            return now - Duration::minutes(rng.range(30, 10 * 24 * 60));
        };
        for _ in 0..2 {
            let frac = |rng: &mut Rng, lo: f64, hi: f64| ((lo + (hi - lo) * rng.unit()) * budget as f64) as i64;
            let elapsed = match target {
                Target::Breached => budget + frac(rng, 0.05, 3.0),
                Target::LateResponse => budget + frac(rng, 0.3, 2.0),
                Target::AtRisk => budget - frac(rng, 0.03, 0.22),
                Target::Running => budget - frac(rng, 0.3, 0.95),
                Target::Met | Target::Waiting => frac(rng, 0.3, 3.0),
                Target::NoSla => frac(rng, 0.1, 2.0),
            };
            let received = back(self.cal, now, Duration::seconds(elapsed.max(60)));
            match self.budget(customer, self.cal.month_of(received)) {
                Some(b) if b != budget => budget = b,
                _ => return received,
            }
        }
        back(self.cal, now, Duration::seconds(budget / 2))
    }

    /// Two running timers on open tickets: one started 25 minutes ago, one forgotten (started three
    /// hours more than `forgotten_timer_hours` ago).
    fn plan_timers(&mut self) {
        let hours = i64::from(self.settings.app.forgotten_timer_hours.max(1));
        let starts = [(0, self.now - Duration::minutes(25)), (1, self.now - Duration::hours(hours + 3))];
        for (who, at) in starts {
            // An open ticket received well before the timer started (the oldest first).
            let found = self.headers.iter().find(|h| {
                matches!(h.class, Class::Open(_))
                    && h.received < at - Duration::hours(1)
                    && !self.timers.iter().any(|(n, _, _)| *n == h.n)
            });
            if let Some(h) = found {
                self.timers.push((h.n, TEAM[who].0, at));
            }
        }
    }

    fn plan_ticket(&mut self, h: Header) {
        let mut rng = Rng::derive(self.seed, 3, h.n);
        let cal = self.cal;
        let now = self.now;
        let c = self.customers[h.customer as usize].clone();
        let id = new_id(h.received);
        let month = cal.month_of(h.received);
        let budget = self.budget(h.customer, month);
        let consultation = h.kind == TicketKind::Consultation;
        let assignee_idx = if consultation { 2 + rng.below(2) as usize } else { rng.below(TEAM.len() as u64) as usize };
        let unassigned = match h.class {
            Class::Open(Target::Breached | Target::AtRisk | Target::Running | Target::NoSla) => rng.chance(0.4),
            _ => false,
        };
        let assignee = (!unassigned).then_some(TEAM[assignee_idx].0);
        let opener = TEAM[rng.below(TEAM.len() as u64) as usize].0;
        self.seq += 1;
        self.ready.push_back(Stamped {
            at: h.received,
            actor: Some(opener),
            change: Change::TicketOpened {
                id: id.clone(),
                tag: self.tag.clone(),
                seq: self.seq,
                customer: c.id.clone(),
                title: text::title(h.kind, &mut rng),
                description: text::description(&c.contact, &mut rng),
                kind: h.kind,
                assignee: assignee.map(str::to_string),
                received_at: h.received.timestamp(),
            },
        });
        let worker = assignee.unwrap_or(TEAM[assignee_idx].0);

        // The first response, the promised resolution, and when work on the ticket ends.
        let business = |secs: f64| Duration::seconds(secs as i64);
        let response = match (h.class, budget) {
            (Class::Open(Target::Breached | Target::AtRisk | Target::Running), _) => None,
            (Class::Open(Target::NoSla), _) => Some(h.received + (now - h.received) / 2)
                .filter(|_| rng.chance(0.5) && now - h.received > Duration::hours(2)),
            (Class::Open(Target::Met | Target::Waiting), Some(b)) => {
                let elapsed = cal.between(h.received, now).num_seconds().min(b) as f64;
                Some(cal.add(h.received, business(elapsed * (0.1 + 0.8 * rng.unit()))))
            }
            (Class::Open(Target::LateResponse), Some(b)) => {
                let over = (cal.between(h.received, now).num_seconds() - b).max(60) as f64;
                Some(cal.add(h.received, business(b as f64 + over * (0.1 + 0.8 * rng.unit()))))
            }
            (_, Some(b)) => {
                let factor = if h.class == Class::Heavy || rng.chance(0.85) {
                    0.05 + 0.9 * rng.unit()
                } else {
                    1.05 + rng.unit()
                };
                Some(cal.add(h.received, business(b as f64 * factor)))
            }
            (_, None) => Some(cal.add(h.received, business(3600.0 * (1.0 + 15.0 * rng.unit())))),
        }
        .filter(|&r| r <= now);
        let resolved = match h.class {
            Class::Open(_) => None,
            _ => response.map(|r| cal.add(r, business(3600.0 * (1.0 + 39.0 * rng.unit())))),
        };
        // The history is finished by `now`: a ticket whose plan runs past it is squeezed in (responded
        // to a quarter of the way to `now`, resolved three quarters), so exactly the planned tickets
        // are open.
        let (response, resolved) = match (h.class, resolved) {
            (Class::Open(_), _) => (response, resolved),
            (_, Some(r)) if r <= now => (response, resolved),
            _ => {
                let span = now - h.received;
                (Some(h.received + span / 4), Some(h.received + span * 3 / 4))
            }
        };
        let closed = resolved.map(|r| r + Duration::hours(rng.range(24, 10 * 24)));
        let work_end = match h.class {
            Class::Heavy => {
                let (_, month_end) = cal.month_bounds(month);
                month_end.min(now)
            }
            _ => resolved.unwrap_or(now).min(now),
        };

        if let Some(r) = response {
            let resolve_by = cal.add(r, business(3600.0 * (8.0 + 72.0 * rng.unit())));
            self.push(
                r,
                worker,
                Change::FirstResponse {
                    id: id.clone(),
                    at: r.timestamp(),
                    resolve_by: resolve_by.timestamp(),
                    prev: None,
                },
            );
            self.push(r, worker, Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Open, prev: None });
            if h.class == Class::Open(Target::Waiting) {
                let w = r + Duration::minutes(rng.range(10, 120));
                if w <= now {
                    self.push(
                        w,
                        worker,
                        Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Waiting, prev: None },
                    );
                }
            }
        } else if assignee.is_some() {
            let at = h.received + Duration::minutes(rng.range(5, 60));
            if at <= now {
                self.push(
                    at,
                    worker,
                    Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Open, prev: None },
                );
            }
        }
        for (at, status) in [(resolved, TicketStatus::Resolved), (closed, TicketStatus::Closed)] {
            if let Some(at) = at.filter(|&t| t <= now) {
                self.push(at, worker, Change::TicketStatusSet { id: id.clone(), status, prev: None });
            }
        }

        // Comments between receipt and the end of the work; one in sixty is deleted again.
        let comment_end = closed.filter(|&t| t <= now).unwrap_or(now).min(work_end.max(h.received));
        let span = (comment_end - h.received).num_seconds();
        if span > 60 {
            for _ in 0..rng.below(5) {
                let at = h.received + Duration::seconds(rng.range(60, span));
                let author = if rng.chance(0.8) { worker } else { TEAM[rng.below(TEAM.len() as u64) as usize].0 };
                let comment = new_id(at);
                let body = text::comment(&mut rng);
                self.push(
                    at,
                    author,
                    Change::CommentAdded {
                        id: comment.clone(),
                        ticket: id.clone(),
                        author: author.to_string(),
                        body,
                        at: at.timestamp(),
                    },
                );
                if rng.below(60) == 0 {
                    let gone = at + Duration::minutes(rng.range(5, 600));
                    if gone <= now {
                        self.push(gone, author, Change::CommentDeleted { id: comment });
                    }
                }
            }
        }

        for (_, technician, at) in self.timers.iter().filter(|(n, _, _)| *n == h.n).copied().collect::<Vec<_>>() {
            self.push(
                at,
                technician,
                Change::TimerStarted {
                    id: new_id(at),
                    technician: technician.to_string(),
                    ticket: id.clone(),
                    started_at: at.timestamp(),
                    role: Role::Technician,
                },
            );
        }

        // Time entries: in business hours between receipt and the end of the work, logged when done.
        for _ in 0..h.entries {
            let minutes = if h.class == Class::Heavy { 5 * rng.range(9, 19) } else { 5 * rng.range(2, 13) };
            let Some(started) = work_start(cal, h.received, work_end, minutes, &mut rng) else { continue };
            let who = if rng.chance(0.75) { assignee_idx } else { rng.below(TEAM.len() as u64) as usize };
            let (technician, their_role) = TEAM[who];
            let role = if consultation { their_role } else { Role::Technician };
            let done = started + Duration::minutes(minutes);
            self.push(
                done,
                technician,
                Change::TimeEntryAdded {
                    id: new_id(done),
                    ticket: id.clone(),
                    customer: c.id.clone(),
                    started_at: started.timestamp(),
                    minutes: minutes as u32,
                    technician: technician.to_string(),
                    role,
                    note: text::note(&mut rng),
                    replaces: None,
                    at: done.timestamp(),
                    entry: None,
                    restores: None,
                },
            );
        }
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
