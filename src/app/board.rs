//! The team lead board, derived from the queue's open set (breached / at-risk tickets, promises past
//! their date, open load per technician), the running timers, the customers' prepaid use, and this
//! month's SLA compliance per tier.
//!
//! Compliance: a ticket counts as *due* this month when its first-response outcome was decided this
//! month (up to now): it was answered this month, or its deadline passed this month unanswered. It is
//! *met* when answered at or before its deadline. Percent = met ÷ due. The facts (deadline, response)
//! of recently received tickets are loaded and their deadlines computed when the data changes, in
//! steps between keys (a month of a busy team is a hundred thousand tickets); until they are complete
//! the previous counts stay on screen. A tick only recounts them.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, SubsecRound, Utc};

use super::queue::{Item, QueueState};
use crate::config::Settings;
use crate::domain::Tier;
use crate::domain::sla::{self, SlaState};
use crate::domain::tiers::TierBook;
use crate::queue::policy;
use crate::statements::{current_month, month_bounds};
use crate::store::{Result, Store, TicketCursor, TimerRow};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Load {
    pub open: usize,
    pub breached: usize,
    pub at_risk: usize,
}

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

#[derive(Debug, Clone, Default)]
pub struct BoardState {
    /// Ticket ids of breached, then at-risk open tickets (most urgent first).
    pub urgent: Vec<String>,
    /// Ticket ids of open tickets whose promised resolution date has passed.
    pub overdue: Vec<String>,
    pub timers: Vec<TimerRow>,
    /// Per technician (`None`: unassigned).
    pub load: BTreeMap<Option<String>, Load>,
    pub compliance: Vec<Compliance>,
    pub selected: usize,
    pub offset: usize,
    /// (tier, deadline, response) of tickets whose outcome may fall in this month.
    facts: Vec<Fact>,
    /// Facts being read (`None`: `facts` are complete).
    pub reading: Option<Reading>,
}

type Fact = (Tier, DateTime<Utc>, Option<DateTime<Utc>>);

/// Compliance facts being read, by receipt time.
#[derive(Debug, Clone)]
pub struct Reading {
    facts: Vec<Fact>,
    cursor: TicketCursor,
}

/// Facts read per query while reading in steps.
const FACTS_PAGE: usize = 4_000;

impl BoardState {
    /// Reloads what comes from the store (timers) and recounts; starts reading the compliance facts
    /// again ([`BoardState::step`]).
    pub fn load(&mut self, store: &Store, settings: &Settings, queue: &QueueState, now: DateTime<Utc>) -> Result<()> {
        self.timers = store.running_timers()?;
        let (month_from, _) = month_bounds(&settings.calendar, current_month(&settings.calendar, now));
        // A deadline is at most a few weeks of business time after receipt.
        let since = month_from - Duration::days(45);
        // Every ticket received at `since` or later: (since, "") comes before any of them.
        self.reading = Some(Reading {
            facts: Vec::new(),
            cursor: TicketCursor { received_at: since.timestamp(), id: String::new() },
        });
        self.tick(settings, queue, now);
        Ok(())
    }

    /// Reads compliance facts until `budget` has passed (at least one page; `None`: until done), and
    /// recounts once they are complete.
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
        loop {
            let page = store.responses_after(&r.cursor, FACTS_PAGE)?;
            let Some(last) = page.last() else {
                self.facts = r.facts;
                self.tick(settings, queue, now);
                return Ok(());
            };
            r.cursor = TicketCursor { received_at: last.received_at.timestamp(), id: last.id.clone() };
            r.facts.extend(page.into_iter().filter_map(|f| {
                let tier = tiers.tier_at(&f.customer_id, &settings.calendar, f.received_at);
                let hours = policy(settings, tier).response_hours?;
                let due =
                    queue.deadline_of(&f.id).unwrap_or_else(|| sla::deadline(&settings.calendar, f.received_at, hours));
                Some((tier, due, f.first_response_at))
            }));
            if budget.is_some_and(|limit| started.elapsed() >= limit) {
                self.reading = Some(r);
                return Ok(());
            }
        }
    }

    /// Recounts at `now` from the queue and the loaded facts.
    pub fn tick(&mut self, settings: &Settings, queue: &QueueState, now: DateTime<Utc>) {
        let keep = self.urgent.get(self.selected).cloned();
        let by_state = |s: SlaState| queue.items.iter().filter(move |i| i.sla.state == s).map(|i| i.ticket.id.clone());
        self.urgent = by_state(SlaState::Breached).chain(by_state(SlaState::AtRisk)).collect();
        let mut overdue: Vec<&Item> =
            queue.items.iter().filter(|i| i.ticket.resolve_by.is_some_and(|r| r < now)).collect();
        overdue.sort_by_key(|i| i.ticket.resolve_by);
        self.overdue = overdue.into_iter().map(|i| i.ticket.id.clone()).collect();
        self.load.clear();
        for i in &queue.items {
            let l = self.load.entry(i.ticket.assignee.clone()).or_default();
            l.open += 1;
            l.breached += usize::from(i.sla.state == SlaState::Breached);
            l.at_risk += usize::from(i.sla.state == SlaState::AtRisk);
        }
        let (month_from, _) = month_bounds(&settings.calendar, current_month(&settings.calendar, now));
        let mut per_tier: BTreeMap<Tier, (usize, usize)> = BTreeMap::new();
        for &(tier, due, responded) in &self.facts {
            let decided = match responded {
                Some(at) => at >= month_from && at <= now,
                // Whole seconds, as the SLA state (`sla::status_for_deadline`) counts them.
                None => due >= month_from && due < now.trunc_subsecs(0),
            };
            if decided {
                let e = per_tier.entry(tier).or_default();
                e.1 += 1;
                e.0 += usize::from(responded.is_some_and(|at| at <= due));
            }
        }
        self.compliance = [Tier::Vip, Tier::Plus, Tier::Standard]
            .into_iter()
            .map(|tier| {
                let (met, due) = per_tier.get(&tier).copied().unwrap_or_default();
                Compliance { tier, met, due }
            })
            .collect();
        self.selected = keep
            .and_then(|id| self.urgent.iter().position(|u| *u == id))
            .unwrap_or(self.selected)
            .min(self.urgent.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.urgent.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.offset = super::queue::scrolled(self.offset, self.selected, rows, self.urgent.len());
    }
}
