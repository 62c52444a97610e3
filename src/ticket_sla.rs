//! Tickets with their SLA status, for every front end (queue, board, `ticket show`/`list`): the tier in
//! force when a ticket was received decides its deadline (DOMAIN.md "Business hours and deadlines":
//! deadline = N business hours of the customer's tier after the request was received).

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::calendar::Placed;
use crate::domain::sla::{self, SlaNow, SlaPolicy, SlaStatus};
use crate::domain::{Tier, YearMonth};
use crate::store::{Result, Store, TicketLine, TicketRow};

/// A ticket (a whole row, or a list's light one), its customer's tier when it was received, and where
/// its SLA stands.
#[derive(Debug, Clone)]
pub struct TicketSla<T = TicketRow> {
    pub ticket: T,
    pub tier: Tier,
    pub sla: SlaStatus,
}

/// The SLA policy (response budget in business hours, at-risk fraction) of a tier.
pub fn policy(settings: &Settings, tier: Tier) -> SlaPolicy {
    SlaPolicy {
        response_hours: settings.tariffs.response_hours(tier),
        at_risk_fraction: settings.tariffs.at_risk_fraction,
    }
}

/// The tier in force for `ticket`'s customer in the month the ticket was received.
///
/// Errors: the store's.
pub fn tier_of(store: &Store, settings: &Settings, ticket: &TicketRow) -> Result<Tier> {
    store.tier_in(&ticket.customer_id, settings.calendar.month_of(ticket.received_at))
}

/// A whole ticket row with its tier and SLA status at `now`.
///
/// Errors: the store's.
pub fn item(store: &Store, settings: &Settings, ticket: TicketRow, now: DateTime<Utc>) -> Result<TicketSla> {
    let tier = tier_of(store, settings, &ticket)?;
    Ok(item_of_tier(settings, ticket, tier, now))
}

/// The tier, SLA status and placed deadline (`None`: no SLA) of a line a list is reading
/// ([`Store::each_ticket_line`]) at a placed `now`, its tier from the line's customer's tier history.
pub fn of_line(settings: &Settings, line: &TicketLine<'_>, now: &SlaNow) -> (Tier, SlaStatus, Option<Placed>) {
    let cal = &settings.calendar;
    let received = cal.place(line.received_at);
    let tier = crate::domain::tiers::tier_in(line.customer_tiers, YearMonth::of(received.local.date()));
    let (sla, due) = sla::status_placed(cal, policy(settings, tier), received, line.sla_stop(), now);
    (tier, sla, due)
}

fn item_of_tier(settings: &Settings, ticket: TicketRow, tier: Tier, now: DateTime<Utc>) -> TicketSla {
    let sla = sla::status(&settings.calendar, policy(settings, tier), ticket.received_at, ticket.sla_stop(), now);
    TicketSla { ticket, tier, sla }
}

/// What a tier change does to the SLA of tickets already received (bb8 #10): each ticket's deadline
/// follows the tier in force in the month it was received, so a change from a month that already has
/// tickets moves their deadlines. `tickets`: (received, clock stop) of the customer's tickets;
/// `before`/`after`: the customer's tier history ((from month, tier), oldest first) without and with
/// the change. Returns (deadlines moved, became breached, breached no more: met or running) at `now`.
pub fn tier_change_effect(
    settings: &Settings,
    tickets: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
    before: &[(YearMonth, Tier)],
    after: &[(YearMonth, Tier)],
    now: DateTime<Utc>,
) -> (usize, usize, usize) {
    let cal = &settings.calendar;
    let (mut moved, mut breached, mut met) = (0, 0, 0);
    for &(received, stop) in tickets {
        let month = cal.month_of(received);
        let (old, new) = (crate::domain::tiers::tier_in(before, month), crate::domain::tiers::tier_in(after, month));
        if policy(settings, old).response_hours == policy(settings, new).response_hours {
            continue;
        }
        moved += 1;
        let was = sla::status(cal, policy(settings, old), received, stop, now).state;
        let is = sla::status(cal, policy(settings, new), received, stop, now).state;
        use crate::domain::sla::SlaState::Breached;
        match (was, is) {
            (w, Breached) if w != Breached => breached += 1,
            (Breached, i) if i != Breached => met += 1,
            _ => {}
        }
    }
    (moved, breached, met)
}

/// [`tier_change_effect`] of a change just recorded for `customer`, whose tier history was `before`.
///
/// Errors: the store's.
pub fn tier_change_effect_in(
    store: &Store,
    settings: &Settings,
    customer: &crate::domain::CustomerId,
    before: &[(YearMonth, Tier)],
    now: DateTime<Utc>,
) -> Result<(usize, usize, usize)> {
    let tickets: Vec<_> = store.customer_tickets(customer)?.iter().map(|t| (t.received_at, t.sla_stop())).collect();
    let after = store.tier_history(customer)?;
    Ok(tier_change_effect(settings, &tickets, before, &after, now))
}
