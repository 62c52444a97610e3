//! Tickets with their SLA status: the tier in force when a ticket was received decides its deadline.

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::Tier;
use crate::domain::sla::{self, SlaPolicy, SlaStatus};
use crate::domain::tiers::TierBook;
use crate::store::{OpenTicket, Result, Store, TicketRow};

/// A ticket (a whole row, or a list's light one), its customer's tier when it was received, and where
/// its SLA stands.
#[derive(Debug, Clone)]
pub struct QueueItem<T = TicketRow> {
    pub ticket: T,
    pub tier: Tier,
    pub sla: SlaStatus,
}

pub fn policy(settings: &Settings, tier: Tier) -> SlaPolicy {
    SlaPolicy {
        response_hours: settings.tariffs.response_hours(tier),
        at_risk_fraction: settings.tariffs.at_risk_fraction,
    }
}

pub fn tier_of(store: &Store, settings: &Settings, ticket: &TicketRow) -> Result<Tier> {
    store.tier_in(&ticket.customer_id, settings.calendar.month_of(ticket.received_at))
}

pub fn item(store: &Store, settings: &Settings, ticket: TicketRow, now: DateTime<Utc>) -> Result<QueueItem> {
    let tier = tier_of(store, settings, &ticket)?;
    Ok(item_of_tier(settings, ticket, tier, now))
}

/// A list's ticket with its tier from a [`TierBook`] (lists of many tickets: no query per ticket).
pub fn line_in(tiers: &TierBook, settings: &Settings, ticket: OpenTicket, now: DateTime<Utc>) -> QueueItem<OpenTicket> {
    let tier = tiers.tier_at(&ticket.customer_id, &settings.calendar, ticket.received_at);
    let sla =
        sla::status(&settings.calendar, policy(settings, tier), ticket.received_at, ticket.first_response_at, now);
    QueueItem { ticket, tier, sla }
}

fn item_of_tier(settings: &Settings, ticket: TicketRow, tier: Tier, now: DateTime<Utc>) -> QueueItem {
    let sla =
        sla::status(&settings.calendar, policy(settings, tier), ticket.received_at, ticket.first_response_at, now);
    QueueItem { ticket, tier, sla }
}
