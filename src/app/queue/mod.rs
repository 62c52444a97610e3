//! The queue: every open ticket, ordered by urgency, filtered in memory.
//!
//! The open set is small even in a huge file (a few thousand of a million tickets), so it is loaded
//! whole, light columns only ([`TicketSummary`]), and each ticket's deadline is computed once and cached
//! by (ticket, receipt time, tier): deadlines do not change with time. A tick only re-derives each
//! state from its cached deadline (`sla::status_for_deadline`) and re-sorts. The view builds table
//! rows for the visible window only; `selected`/`offset` index into `visible`, and the selection
//! follows its ticket (by id) across reloads and re-sorts.

mod filters;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

pub use self::filters::{Filter, Filters, Sort};
use crate::config::Settings;
use crate::domain::Tier;
use crate::domain::sla::{self, SlaState, SlaStatus};
use crate::domain::tiers::TierBook;
use crate::store::TicketSummary;
use crate::ticket_sla::policy;

/// (receipt time, tier, deadline) a deadline was computed from: recomputed only if either input changes.
type CachedDeadline = (DateTime<Utc>, Tier, Option<DateTime<Utc>>);

/// A queue row: a list's ticket with its tier and SLA status.
pub type Item = crate::ticket_sla::TicketSla<TicketSummary>;

/// An active full-text search: the query and the matching ticket ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub ids: HashSet<crate::domain::TicketId>,
}

impl QueueState {
    /// The words searched for in what the queue shows (an open-ticket search or a search of all
    /// tickets), so views can mark them.
    pub fn search_query(&self) -> Option<&str> {
        match self.history.as_ref().map(|h| &h.source) {
            Some(ListSource::Search(q)) => Some(q.as_str()),
            Some(ListSource::Customer(..)) => None,
            None => self.search.as_ref().map(|s| s.query.as_str()),
        }
    }
}

/// Tickets of any status, newest first — one customer's, or those matching a search of all tickets —
/// shown in the queue view instead of the open set, which stays loaded (the board and the counts use
/// it).
#[derive(Debug, Clone)]
pub struct History {
    pub source: ListSource,
    pub items: Vec<Item>,
    pub selected: usize,
    pub offset: usize,
}

/// A customer the queue is narrowed to or lists the tickets of: its id, and its name as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRef {
    pub id: crate::domain::CustomerId,
    pub name: String,
}

impl CustomerRef {
    /// The customer as the store gives it.
    pub fn of(c: &crate::store::Customer) -> Self {
        CustomerRef { id: c.id.clone(), name: c.name.clone() }
    }
}

/// What a [`History`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    /// Every ticket of a customer.
    Customer(CustomerRef),
    /// The newest tickets, open or not, matching a full-text query.
    Search(String),
}

#[derive(Debug, Clone, Default)]
pub struct QueueState {
    /// All open tickets, most urgent first.
    pub items: Vec<Item>,
    /// Indexes into `items` that pass the filters, in order.
    pub visible: Vec<usize>,
    pub filters: Filters,
    pub sort: Sort,
    pub tier: Option<Tier>,
    /// The customer filter, if one is set.
    pub customer: Option<CustomerRef>,
    pub search: Option<Search>,
    pub selected: usize,
    pub offset: usize,
    /// A customer's whole history, when shown.
    pub history: Option<History>,
    /// Who "mine" means.
    me: String,
    deadlines: HashMap<crate::domain::TicketId, CachedDeadline>,
}

/// How many tickets a search of all tickets lists (the newest).
pub const ALL_SEARCH_LIMIT: usize = 200;

/// The tickets a [`ListSource`] lists, newest first.
pub fn list_tickets(store: &crate::store::Store, source: &ListSource) -> crate::store::Result<Vec<TicketSummary>> {
    match source {
        ListSource::Customer(c) => store.customer_tickets(&c.id),
        ListSource::Search(q) => store.search_ticket_lines(q, ALL_SEARCH_LIMIT),
    }
}

/// Urgency order: state rank, then the instant that matters for that state.
fn urgency(item: &Item) -> (u8, i64, i64) {
    let t = &item.ticket;
    let (rank, at) = match item.sla.state {
        // Answered late: nothing left to do about its first response; like a met one, its promise
        // is what comes next.
        SlaState::Breached if t.first_response_at.is_some() => (4, t.resolve_by),
        SlaState::Breached => (0, item.sla.deadline),
        SlaState::AtRisk => (1, item.sla.deadline),
        SlaState::Running => (2, item.sla.deadline),
        SlaState::Paused => (3, item.sla.deadline),
        SlaState::Met => (4, t.resolve_by),
        SlaState::NoSla => (5, None),
    };
    (rank, at.unwrap_or(t.received_at).timestamp(), t.received_at.timestamp())
}

impl QueueState {
    /// Replaces the open set (after a reload), reusing cached deadlines.
    pub fn load(&mut self, tickets: Vec<TicketSummary>, tiers: &TierBook, settings: &Settings, now: DateTime<Utc>) {
        let keep = self.open_selected_id();
        let cal = &settings.calendar;
        let mut seen = HashSet::with_capacity(tickets.len());
        self.items = tickets
            .into_iter()
            .map(|ticket| {
                let tier = tiers.tier_at(&ticket.customer_id, cal, ticket.received_at);
                let p = policy(settings, tier);
                let cached = self.deadlines.get(&ticket.id).filter(|(r, t, _)| *r == ticket.received_at && *t == tier);
                let due = match cached {
                    Some((_, _, due)) => *due,
                    None => {
                        let due = p.response_hours.map(|h| sla::deadline(cal, ticket.received_at, h));
                        self.deadlines.insert(ticket.id.clone(), (ticket.received_at, tier, due));
                        due
                    }
                };
                seen.insert(ticket.id.clone());
                let sla = status(settings, tier, due, ticket.sla_stop(), now);
                Item { ticket, tier, sla }
            })
            .collect();
        self.deadlines.retain(|id, _| seen.contains(id));
        self.sort_and_filter(keep.as_ref());
    }

    /// Re-derives every state at `now` from the cached deadlines.
    pub fn tick(&mut self, settings: &Settings, now: DateTime<Utc>) {
        let keep = self.open_selected_id();
        let history = self.history.iter_mut().flat_map(|h| h.items.iter_mut());
        for item in self.items.iter_mut().chain(history) {
            item.sla = status(settings, item.tier, item.sla.deadline, item.ticket.sla_stop(), now);
        }
        self.sort_and_filter(keep.as_ref());
    }

    /// The cached deadline of an open ticket.
    pub fn deadline_of(&self, id: &crate::domain::TicketId) -> Option<DateTime<Utc>> {
        self.deadlines.get(id).and_then(|(_, _, d)| *d)
    }

    pub fn sort_and_filter(&mut self, keep: Option<&crate::domain::TicketId>) {
        let sort = self.sort;
        self.items.sort_by_cached_key(|i| (sort.key(i), urgency(i), i.ticket.id.clone()));
        self.refilter(keep);
    }

    pub fn refilter_with(&mut self, me: &str) {
        let keep = self.open_selected_id();
        self.me = me.to_string();
        self.refilter(keep.as_ref());
    }

    fn refilter(&mut self, keep: Option<&crate::domain::TicketId>) {
        let me = self.me.clone();
        self.visible = (0..self.items.len()).filter(|&i| self.passes(&self.items[i], &me)).collect();
        let at = keep.and_then(|id| self.visible.iter().position(|&i| self.items[i].ticket.id == *id));
        self.selected = at.unwrap_or(self.selected).min(self.visible.len().saturating_sub(1));
    }

    fn passes(&self, item: &Item, me: &str) -> bool {
        let t = &item.ticket;
        self.filters.iter().all(|f| f.passes(item, me))
            && self.tier.is_none_or(|tier| item.tier == tier)
            && self.customer.as_ref().is_none_or(|c| t.customer_id == c.id)
            && self.search.as_ref().is_none_or(|s| s.ids.contains(&t.id))
    }

    /// Shows tickets of any status (newest first) instead of the open set.
    pub fn show_history(
        &mut self,
        source: ListSource,
        tickets: Vec<TicketSummary>,
        tiers: &TierBook,
        settings: &Settings,
        now: DateTime<Utc>,
    ) {
        let same = self.history.as_ref().filter(|h| h.source == source);
        let keep = same.and_then(|h| h.items.get(h.selected).map(|i| i.ticket.id.clone()));
        let offset = same.map_or(0, |h| h.offset);
        let cal = &settings.calendar;
        let items: Vec<Item> = tickets
            .into_iter()
            .map(|ticket| {
                let tier = tiers.tier_at(&ticket.customer_id, cal, ticket.received_at);
                let due = self.deadline_of(&ticket.id).or_else(|| {
                    policy(settings, tier).response_hours.map(|h| sla::deadline(cal, ticket.received_at, h))
                });
                let sla = status(settings, tier, due, ticket.sla_stop(), now);
                Item { ticket, tier, sla }
            })
            .collect();
        let selected = keep.and_then(|id| items.iter().position(|i| i.ticket.id == id)).unwrap_or(0);
        self.history = Some(History { source, items, selected, offset });
    }

    /// How many rows the view lists (the history's, else the visible open tickets).
    pub fn len(&self) -> usize {
        self.history.as_ref().map_or(self.visible.len(), |h| h.items.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The selected row's index among [`QueueState::len`] rows.
    pub fn selected_index(&self) -> usize {
        self.history.as_ref().map_or(self.selected, |h| h.selected)
    }

    /// The selected open ticket (also while a [`History`] is shown over the open set).
    fn open_selected_id(&self) -> Option<crate::domain::TicketId> {
        self.visible.get(self.selected).map(|&i| self.items[i].ticket.id.clone())
    }

    pub fn selected_item(&self) -> Option<&Item> {
        match &self.history {
            Some(h) => h.items.get(h.selected),
            None => self.visible.get(self.selected).map(|&i| &self.items[i]),
        }
    }

    pub fn selected_id(&self) -> Option<&crate::domain::TicketId> {
        self.selected_item().map(|i| &i.ticket.id)
    }

    /// The listed items from row `offset`, at most `rows` of them.
    pub fn window(&self, offset: usize, rows: usize) -> Vec<&Item> {
        match &self.history {
            Some(h) => h.items.iter().skip(offset).take(rows).collect(),
            None => self.visible.iter().skip(offset).take(rows).map(|&i| &self.items[i]).collect(),
        }
    }

    /// The first row the view shows.
    pub fn offset(&self) -> usize {
        self.history.as_ref().map_or(self.offset, |h| h.offset)
    }

    /// Moves the selection by `delta` rows (clamped) and keeps it inside a window of `rows`.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.len().saturating_sub(1) as isize;
        let moved = |at: usize| (at as isize + delta).clamp(0, last.max(0)) as usize;
        match &mut self.history {
            Some(h) => h.selected = moved(h.selected),
            None => self.selected = moved(self.selected),
        }
        self.scroll_into_view(rows);
    }

    pub fn scroll_into_view(&mut self, rows: usize) {
        match &mut self.history {
            Some(h) => h.offset = scrolled(h.offset, h.selected, rows, h.items.len()),
            None => self.offset = scrolled(self.offset, self.selected, rows, self.visible.len()),
        }
    }

    /// Describes the active filters, e.g. `mine · tier VIP · "printer"` (a tier as `tariffs` names it).
    pub fn describe(&self, tariffs: &crate::domain::tariff::Tariffs) -> String {
        match self.history.as_ref().map(|h| &h.source) {
            Some(ListSource::Customer(c)) => return crate::t!("queue-customer-history", name = c.name.as_str()),
            Some(ListSource::Search(q)) => return crate::t!("queue-search-history", query = q.as_str()),
            None => {}
        }
        let mut parts: Vec<String> = self.filters.iter().map(Filter::label).collect();
        if parts.is_empty() {
            parts.push(crate::i18n::text("filter-all-open"));
        }
        if let Some(t) = self.tier {
            parts.push(crate::t!("queue-filter-tier", tier = crate::i18n::words::tier(tariffs, t)));
        }
        if let Some(c) = &self.customer {
            parts.push(crate::t!("queue-filter-customer", name = c.name.as_str()));
        }
        if let Some(s) = &self.search {
            parts.push(crate::t!("queue-filter-search", query = s.query.as_str()));
        }
        if self.sort != Sort::Urgency {
            parts.push(crate::t!("queue-sorted-by", column = self.sort.label()));
        }
        parts.join(" · ")
    }

    pub fn is_filtered(&self) -> bool {
        !self.filters.is_empty() || self.tier.is_some() || self.customer.is_some() || self.search.is_some()
    }
}

fn status(
    settings: &Settings,
    tier: Tier,
    due: Option<DateTime<Utc>>,
    responded: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SlaStatus {
    let p = policy(settings, tier);
    match due {
        Some(due) => sla::status_for_deadline(&settings.calendar, p, due, responded, now),
        None => SlaStatus { state: SlaState::NoSla, deadline: None, left: chrono::Duration::zero(), resumes_at: None },
    }
}

/// The first row of a window of `rows` that shows `selected`, moving `offset` as little as possible.
pub fn scrolled(offset: usize, selected: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let mut o = offset.min(len.saturating_sub(rows));
    if selected < o {
        o = selected;
    } else if selected >= o + rows {
        o = selected + 1 - rows;
    }
    o
}
