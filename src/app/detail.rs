//! One ticket: its row, SLA status and explanation, history read from the operation log, and its time
//! entries (one of which is selected, for corrections); for a change request, whether the contract
//! includes product modifications. Loaded when opened and after every change.

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::sla::{self, Explanation, SlaStatus};
use crate::domain::tariff::Entitlement;
use crate::domain::ticket::Promise;
use crate::domain::tiers::TierBook;
use crate::domain::{TicketKind, Tier};
use crate::i18n::words;
use crate::statements::{entitlement_note, product_modifications};
use crate::store::{Change, OpRecord, Result, Store, TicketRow, TimeEntryRow};
use crate::t;
use crate::ticket_sla::policy;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub who: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct DetailState {
    pub ticket: TicketRow,
    pub tier: Tier,
    pub sla: SlaStatus,
    pub explanation: Option<Explanation>,
    pub show_explain: bool,
    pub history: Vec<HistoryLine>,
    pub entries: Vec<TimeEntryRow>,
    pub entry_selected: usize,
    /// The time entry (its stable id) to select on the next reload: the one an action just booked
    /// or corrected, so `E` corrects it.
    pub select_next: Option<String>,
    /// History entries scrolled back from the newest (0: the newest is at the bottom).
    pub scroll: usize,
    /// The whole description is shown over the history (`d`); else its first lines, marked when
    /// there are more (black-box finding #4).
    pub description_open: bool,
    /// Wrapped lines of the open description scrolled past (the view clamps it to what there is).
    pub description_scroll: usize,
    /// For a change request: whether the customer's tier includes product modifications, and the note.
    pub entitlement: Option<(Entitlement, String)>,
    /// Fields changed on two copies before they synced, not settled yet (`helpdesk sync resolve`).
    pub conflicts: Vec<crate::store::Conflict>,
    /// When the ticket last left the open statuses (`None` while it is open).
    pub resolved_at: Option<DateTime<Utc>>,
}

impl DetailState {
    pub fn load(
        store: &Store,
        settings: &Settings,
        tiers: &TierBook,
        id: &crate::domain::TicketId,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let ticket = store.ticket(id)?.ok_or_else(|| crate::store::StoreError::NotFound(crate::t!("ticket-gone")))?;
        let tier = tiers.tier_at(&ticket.customer_id, &settings.calendar, ticket.received_at);
        let hours = policy(settings, tier).response_hours;
        let explanation = hours.map(|h| sla::explain(&settings.calendar, ticket.received_at, h));
        let ops = store.history(id)?;
        let history = ops.iter().map(|op| history_line(store, settings, op)).collect();
        let resolved_at = if ticket.status.is_open() { None } else { resolved_at(&ops) };
        let entries = store.time_entries(id)?;
        let conflicts = store.ticket_conflicts(id)?;
        let entitlement = (ticket.kind == TicketKind::Change)
            .then(|| (product_modifications(settings, tier), entitlement_note(settings, tier)));
        let mut d = Self {
            sla: status(settings, tier, &ticket, explanation.as_ref(), now),
            ticket,
            tier,
            explanation,
            show_explain: false,
            history,
            entries,
            entry_selected: 0,
            select_next: None,
            scroll: 0,
            description_open: false,
            description_scroll: 0,
            entitlement,
            conflicts,
            resolved_at,
        };
        d.entry_selected = d.entries.len().saturating_sub(1);
        Ok(d)
    }

    /// Keeps the view state (explain, selection, scroll) of `old` when reloading the same ticket.
    pub fn keep_view(mut self, old: &DetailState) -> Self {
        if old.ticket.id == self.ticket.id {
            self.show_explain = old.show_explain;
            // The entry an action just booked, else the one that was selected (found by its id,
            // wherever rows added or removed meanwhile moved it), else the same row.
            let want = old.select_next.clone().or_else(|| old.selected_entry().map(|e| e.entry.clone()));
            self.entry_selected = want
                .and_then(|w| self.entries.iter().position(|e| e.entry == w))
                .unwrap_or_else(|| old.entry_selected.min(self.entries.len().saturating_sub(1)));
            self.scroll = old.scroll;
            self.description_open = old.description_open;
            self.description_scroll = old.description_scroll;
        }
        self
    }

    pub fn tick(&mut self, settings: &Settings, now: DateTime<Utc>) {
        self.sla = status(settings, self.tier, &self.ticket, self.explanation.as_ref(), now);
    }

    /// Where the promised resolution date stands (`None`: no promise yet).
    pub fn promise(&self, now: DateTime<Utc>) -> Option<Promise> {
        self.ticket.resolve_by.map(|by| Promise::of(by, self.resolved_at, now))
    }

    pub fn selected_entry(&self) -> Option<&TimeEntryRow> {
        self.entries.get(self.entry_selected)
    }

    pub fn logged_minutes(&self) -> u32 {
        self.entries.iter().map(|e| e.minutes).sum()
    }
}

fn status(
    settings: &Settings,
    tier: Tier,
    t: &TicketRow,
    explanation: Option<&Explanation>,
    now: DateTime<Utc>,
) -> SlaStatus {
    match explanation {
        Some(e) => sla::status_for_deadline(&settings.calendar, policy(settings, tier), e.deadline, t.sla_stop(), now),
        None => sla::status(&settings.calendar, policy(settings, tier), t.received_at, t.sla_stop(), now),
    }
}

/// When the ticket last moved from an open status to resolved or closed, by the clock of that change.
pub fn resolved_at(ops: &[OpRecord]) -> Option<DateTime<Utc>> {
    let mut open = true;
    let mut at = None;
    for op in ops {
        if let Change::TicketStatusSet { status, .. } = &op.change {
            if open && !status.is_open() {
                at = op_time(op);
            }
            open = status.is_open();
        }
    }
    if open { None } else { at }
}

fn op_time(op: &OpRecord) -> Option<DateTime<Utc>> {
    op.hlc.parse::<crate::store::Hlc>().ok().and_then(|h| DateTime::from_timestamp_millis(h.millis))
}

/// Local wall-clock form used across the views: `2026-03-02 10:00`.
pub fn local(settings: &Settings, t: DateTime<Utc>) -> String {
    settings.calendar.local_minute(t)
}

fn history_line(store: &Store, settings: &Settings, op: &OpRecord) -> HistoryLine {
    let at = op_time(op).unwrap_or_default();
    let text = match &op.change {
        Change::TicketOpened { kind, assignee, received_at, .. } => {
            let received = local(settings, crate::store::from_ts(*received_at));
            let kind = words::kind(*kind);
            match assignee {
                Some(a) => t!("history-opened-assigned", kind = kind, received = received, name = a.as_str()),
                None => t!("history-opened", kind = kind, received = received),
            }
        }
        Change::TicketTitleSet { title, .. } => t!("history-title", title = title.as_str()),
        Change::TicketDescriptionSet { .. } => t!("history-description"),
        Change::TicketKindSet { kind, .. } => t!("history-kind", kind = words::kind(*kind)),
        Change::TicketCustomerSet { customer, .. } => {
            let name = store
                .customer(&crate::domain::CustomerId::new(customer.as_str()))
                .ok()
                .flatten()
                .map_or_else(|| customer.clone(), |c| c.name);
            t!("history-customer", name = name)
        }
        Change::TicketStatusSet { status, .. } => t!("history-status", status = words::status(*status)),
        Change::TicketAssigneeSet { assignee: Some(a), .. } => t!("ticket-assigned", name = a.as_str()),
        Change::TicketAssigneeSet { assignee: None, .. } => t!("ticket-unassigned"),
        Change::FirstResponse { at, resolve_by, .. } => t!(
            "history-first-response",
            at = local(settings, crate::store::from_ts(*at)),
            by = local(settings, crate::store::from_ts(*resolve_by))
        ),
        // A comment someone else wrote (a customer's mail, recorded by whoever imported it) names its author.
        Change::CommentAdded { body, author, .. } if *author != op.actor => {
            t!("history-comment-by", author = author.as_str(), text = body.replace('\n', " ⏎ "))
        }
        Change::CommentAdded { body, .. } => t!("history-comment", text = body.replace('\n', " ⏎ ")),
        Change::CommentDeleted { .. } => t!("history-comment-deleted"),
        Change::TimeEntryAdded { minutes, role, note, replaces, started_at, .. } => {
            let duration = crate::i18n::words::minutes(i64::from(*minutes));
            let from = local(settings, crate::store::from_ts(*started_at));
            let role = words::role(*role);
            let line = match replaces {
                Some(_) => t!("history-entry-corrected", duration = duration, role = role, from = from),
                None => t!("history-entry-logged", duration = duration, role = role, from = from),
            };
            if note.is_empty() { line } else { format!("{line} — {note}") }
        }
        Change::TimeEntryVoided { .. } => t!("history-entry-removed"),
        Change::TimerStarted { technician, .. } => {
            t!("history-timer-started", name = words::person(technician).into_owned())
        }
        Change::TimerStopped { unbooked: None, .. } => t!("history-timer-stopped"),
        Change::TimerStopped { unbooked: Some(_), .. } => t!("history-timer-stopped-unbooked"),
        Change::TicketRenumbered { tag, seq, .. } => {
            t!("history-renumbered", number = crate::domain::TicketNumber::new(tag, *seq).to_string())
        }
        // Stored as the English sentence every copy writes and a plain amount (bb8 #6): worded as the
        // statement words it, the amount as the interface writes money.
        Change::AdjustmentBooked { description, amount, .. } => {
            let amount = amount
                .parse::<rust_decimal::Decimal>()
                .map_or_else(|_| amount.clone(), |a| crate::domain::money::human(a, &settings.tariffs.currency));
            format!("{}: {amount}", words::correction(description))
        }
        other => format!("{other:?}"),
    };
    HistoryLine { at, who: op.actor.clone(), text }
}
