//! The demo's plan before any event: its customers (tiers, heavy users, budgets), every ticket's
//! header (customer, kind, receipt time; open ones chosen backwards from `now` for their SLA state) and
//! the running timers.
use super::*;

impl Generator<'_> {
    pub(super) fn plan_customers(&mut self, count: usize, start: DateTime<Utc>) {
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
    pub(super) fn plan_tickets(&mut self, opts: &DemoOptions, start: DateTime<Utc>) {
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
    pub(super) fn weights(&self) -> Vec<u64> {
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
    pub(super) fn customer_on(&self, tiers: &[Tier], k: usize) -> u32 {
        let matching: Vec<u32> = (0..self.customers.len() as u32)
            .filter(|&i| {
                let c = &self.customers[i as usize];
                c.before.is_none() && tiers.contains(&c.tier)
            })
            .collect();
        if matching.is_empty() { 0 } else { matching[k % matching.len()] }
    }

    pub(super) fn kind_for(&self, customer: u32, rng: &mut Rng) -> TicketKind {
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
    pub(super) fn budget(&self, customer: u32, month: YearMonth) -> Option<i64> {
        let tier = self.customers[customer as usize].tier_in(month);
        self.settings.tariffs.response_hours(tier).map(|h| i64::from(h) * 3600)
    }

    /// When an open ticket must have been received for its target state at `now`.
    pub(super) fn open_received(&self, customer: u32, target: Target, rng: &mut Rng) -> DateTime<Utc> {
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
    pub(super) fn plan_timers(&mut self) {
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
}
