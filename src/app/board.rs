//! The team lead board, derived from the queue's open set (breached / at-risk tickets, promises past
//! their date, open load per technician), the running timers, the customers' prepaid use, and SLA
//! compliance per tier this month and in each of the eleven months before (`super::compliance`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::compliance::ComplianceState;
use super::queue::{Item, QueueState};
use crate::config::Settings;
use crate::domain::sla::SlaState;
use crate::store::{Result, Store, TimerRow};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Load {
    pub open: usize,
    pub breached: usize,
    pub at_risk: usize,
}

#[derive(Debug, Clone, Default)]
pub struct BoardState {
    /// Ticket ids of breached, then at-risk open tickets (most urgent first).
    pub urgent: Vec<crate::domain::TicketId>,
    /// Ticket ids of open tickets whose promised resolution date has passed.
    pub overdue: Vec<crate::domain::TicketId>,
    pub timers: Vec<TimerRow>,
    /// Per customer, the whole minutes of running timers started this month (provider's zone) on its
    /// open tickets: counted toward the prepaid minutes on the board (bb8 #8), recounted each tick.
    pub running: std::collections::HashMap<crate::domain::CustomerId, u32>,
    /// Per technician (`None`: unassigned).
    pub load: BTreeMap<Option<String>, Load>,
    pub compliance: ComplianceState,
    pub selected: usize,
    pub offset: usize,
    /// The panel ↑/↓ act on (`NextPanel`/`PrevPanel`): the urgent list selects, the others scroll.
    pub panel: Panel,
    /// Rows scrolled off the top of each panel but the urgent list (indexed by `Panel as usize`).
    pub scroll: [usize; Panel::ALL.len()],
}

/// The board's panels, in the order `NextPanel` visits them (left column, then right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    Urgent,
    Overdue,
    Reports,
    Upgrades,
    Timers,
    Load,
    Prepaid,
    Compliance,
}

impl Panel {
    pub const ALL: [Panel; 8] = [
        Panel::Urgent,
        Panel::Overdue,
        Panel::Reports,
        Panel::Upgrades,
        Panel::Timers,
        Panel::Load,
        Panel::Prepaid,
        Panel::Compliance,
    ];

    pub fn step(self, by: isize) -> Panel {
        let n = Self::ALL.len() as isize;
        Self::ALL[(self as isize + by).rem_euclid(n) as usize]
    }
}

/// How many rows each panel has to show (for scrolling).
pub struct PanelLens(pub [usize; Panel::ALL.len()]);

impl PanelLens {
    pub fn of(app: &super::App) -> Self {
        let b = &app.board;
        let c = &app.customers;
        let n = app.settings.tariffs.upgrade_after_months;
        Self([
            b.urgent.len(),
            b.overdue.len(),
            c.in_use().filter(|l| l.reports_overdue > 0).count(),
            app.customers.upgrades(n).len(),
            b.timers.len(),
            b.load.len(),
            c.in_use().filter(|l| l.near_prepaid_with(b.running_of(&l.customer.id))).count(),
            b.compliance.this_month.len(),
        ])
    }
}
impl BoardState {
    /// Reloads what comes from the store (timers) and recounts; starts reading the compliance facts
    /// again ([`BoardState::step`]).
    pub fn load(&mut self, store: &Store, settings: &Settings, queue: &QueueState, now: DateTime<Utc>) -> Result<()> {
        self.timers = store.running_timers()?;
        self.compliance.load(settings, now);
        self.tick(settings, queue, now);
        Ok(())
    }

    /// Running timers' minutes of `customer` this month (see [`BoardState::running`]).
    pub fn running_of(&self, customer: &crate::domain::CustomerId) -> u32 {
        self.running.get(customer).copied().unwrap_or(0)
    }

    /// Whether compliance facts are still being read.
    pub fn reading(&self) -> bool {
        self.compliance.reading.is_some()
    }

    /// Recounts at `now` from the queue and the loaded facts.
    pub fn tick(&mut self, settings: &Settings, queue: &QueueState, now: DateTime<Utc>) {
        let keep = self.urgent.get(self.selected).cloned();
        // Most urgent first whatever the queue is sorted by (`o`): breached before at risk, then the least
        // time left (the longest overdue first).
        let mut urgent: Vec<&Item> =
            queue.items.iter().filter(|i| matches!(i.sla.state, SlaState::Breached | SlaState::AtRisk)).collect();
        urgent.sort_by_key(|i| (i.sla.state != SlaState::Breached, i.sla.left, i.ticket.received_at));
        self.urgent = urgent.into_iter().map(|i| i.ticket.id.clone()).collect();
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
        // Running timers toward their customer's month (DOMAIN.md: "A time entry belongs to the month
        // in which it started"; the lead watches "customers about to run out of (or over) prepaid").
        let month = settings.calendar.month_of(now);
        self.running.clear();
        for t in self.timers.iter().filter(|t| settings.calendar.month_of(t.started_at) == month) {
            if let Some(i) = queue.items.iter().find(|i| i.ticket.id == t.ticket_id) {
                let minutes = u32::try_from((now - t.started_at).num_minutes().max(0)).unwrap_or(u32::MAX);
                let sum = self.running.entry(i.ticket.customer_id.clone()).or_default();
                *sum = sum.saturating_add(minutes);
            }
        }
        self.compliance.tick(settings, now);
        self.selected = keep
            .and_then(|id| self.urgent.iter().position(|u| *u == id))
            .unwrap_or(self.selected)
            .min(self.urgent.len().saturating_sub(1));
    }

    /// ↑/↓ on the focused panel: the urgent list moves its selection, another panel scrolls (the view
    /// clamps it to what the panel has room for).
    pub fn move_by(&mut self, delta: isize, rows: usize, lens: &PanelLens) {
        if self.panel != Panel::Urgent {
            let i = self.panel as usize;
            let last = lens.0[i].saturating_sub(1) as isize;
            self.scroll[i] = (self.scroll[i] as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            return;
        }
        let last = self.urgent.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.offset = super::queue::scrolled(self.offset, self.selected, rows, self.urgent.len());
    }
}
