//! Changing a ticket: its fields (checked, and refused when someone else changed them meanwhile), the
//! first response and the promised resolution date.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::{TicketRow, require};
use crate::domain::text::clean;
use crate::domain::{FirstResponse, ResponseRefused, TicketId, TicketKind, TicketStatus};
use crate::store::change::Change;
use crate::store::{Refused, Result, Store, StoreError, Writer};
use crate::t;

impl Store {
    /// Records the first response with its proposed resolution date; the SLA clock stops at `at`.
    pub fn record_first_response(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        at: DateTime<Utc>,
        resolve_by: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(now, |w| first_response_in(w, ticket_id, at, resolve_by))
    }

    /// Moves the promised resolution date of a ticket that has had its first response.
    pub fn set_resolve_by(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        resolve_by: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(now, |w| {
            let t = require(w.conn(), ticket_id)?;
            w.record(resolve_by_moved(&t, resolve_by)?)?;
            Ok(())
        })
    }

    /// Like [`Store::update_ticket`], but refuses when any field being changed no longer has the value
    /// it had in `loaded` (someone else changed it since): the later save never silently overwrites.
    pub fn update_ticket_checked(
        &mut self,
        loaded: &TicketRow,
        changes: Vec<TicketChange>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(now, |w| {
            let current = require(w.conn(), &loaded.id)?;
            let ops = change_ops(w.conn(), &current, changes)?;
            for op in &ops {
                if let Some(conflict) = conflict(loaded, &current, op) {
                    return Err(conflict);
                }
            }
            for op in ops {
                w.record(op)?;
            }
            Ok(())
        })
    }

    /// Applies the given field changes to one ticket, each as its own logged operation, all or none.
    pub fn update_ticket(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        changes: Vec<TicketChange>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(now, |w| {
            let current = require(w.conn(), ticket_id)?;
            for op in change_ops(w.conn(), &current, changes)? {
                w.record(op)?;
            }
            Ok(())
        })
    }
}

/// The operations of `changes` to the ticket `current` (as it is in the write transaction), checked:
/// a title is not empty, a promised date needs the first response and is not before it, a ticket moves
/// only to a customer in use and only when none of its time is in a closed month.
fn change_ops(conn: &rusqlite::Connection, current: &TicketRow, changes: Vec<TicketChange>) -> Result<Vec<Change>> {
    let id = current.id.to_string();
    changes
        .into_iter()
        .map(|c| {
            Ok(match c {
                TicketChange::Title(t) => {
                    let title = crate::domain::text::clean_name(&t);
                    if title.is_empty() {
                        return Err(StoreError::Invalid(t!("ticket-needs-title")));
                    }
                    Change::TicketTitleSet { id: id.clone(), title, prev: None }
                }
                TicketChange::Description(d) => {
                    Change::TicketDescriptionSet { id: id.clone(), description: clean(&d, true), prev: None }
                }
                TicketChange::Kind(kind) => Change::TicketKindSet { id: id.clone(), kind, prev: None },
                TicketChange::Status(status) => Change::TicketStatusSet { id: id.clone(), status, prev: None },
                TicketChange::Assignee(a) => Change::TicketAssigneeSet {
                    id: id.clone(),
                    assignee: a.map(|a| crate::domain::text::clean_name(&a)).filter(|a| !a.is_empty()),
                    prev: None,
                },
                TicketChange::Customer(customer) => {
                    movable(conn, current, &customer)?;
                    Change::TicketCustomerSet { id: id.clone(), customer: customer.into_string(), prev: None }
                }
                TicketChange::ResolveBy(resolve_by) => resolve_by_moved(current, resolve_by)?,
            })
        })
        .collect()
}

/// The change that moves ticket `t`'s promised resolution date to `resolve_by` (its first response
/// stays when it was): refused before the first response, and for a date before that response (see
/// [`FirstResponse::moved`]).
fn resolve_by_moved(t: &TicketRow, resolve_by: DateTime<Utc>) -> Result<Change> {
    let Some(at) = t.first_response_at else {
        return Err(StoreError::Needs(crate::store::Needs::FirstResponse(t.number.clone())));
    };
    let response =
        FirstResponse::moved(at, resolve_by).map_err(|_| StoreError::Invalid(t!("resolve-before-response")))?;
    Ok(response_change(&t.id, response))
}

/// The operation that records `response` as ticket `id`'s first response.
fn response_change(id: &TicketId, response: FirstResponse) -> Change {
    Change::FirstResponse {
        id: id.to_string(),
        at: response.at().timestamp(),
        resolve_by: response.resolve_by().timestamp(),
        prev: None,
    }
}

/// Whether ticket `t` may move to `customer`: a customer in use (not archived or removed), and no time
/// of the ticket in a closed month (that month's statement billed it to the customer it has now; the
/// month is reopened first, or the work stays where it was billed and a new ticket takes the rest).
fn movable(conn: &rusqlite::Connection, t: &TicketRow, customer: &str) -> Result<()> {
    let found: Option<(String, i64)> = conn
        .prepare_cached("SELECT name, state FROM customers WHERE id = id_blob(?1)")?
        .query_row([customer], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((name, state)) = found else { return Err(StoreError::Unknown(crate::store::Unknown::Customer)) };
    if state != 0 {
        return Err(StoreError::Invalid(t!("ticket-move-archived", name = name)));
    }
    let closed: Option<String> = conn
        .prepare_cached(
            "SELECT m.month FROM month_closes m WHERE m.closed = 1 AND EXISTS (
                SELECT 1 FROM time_entries e WHERE e.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1))
                    AND e.voided = 0 AND e.started_at >= m.starts_at AND e.started_at < m.ends_at)
             ORDER BY m.month LIMIT 1",
        )?
        .query_row([&t.id], |r| r.get(0))
        .optional()?;
    if let Some(month) = closed {
        return Err(StoreError::Invalid(t!(
            "ticket-move-closed-month",
            ticket = t.number.as_str(),
            month = month,
            customer = t.customer_name.as_str()
        )));
    }
    Ok(())
}

/// A field the change would overwrite that someone else changed after `loaded` was read.
fn conflict(loaded: &TicketRow, current: &TicketRow, op: &Change) -> Option<StoreError> {
    let (field, was, now) = match op {
        Change::TicketTitleSet { .. } => ("title", loaded.title.clone(), current.title.clone()),
        Change::TicketDescriptionSet { .. } => ("description", loaded.description.clone(), current.description.clone()),
        Change::TicketKindSet { .. } => ("kind", loaded.kind.to_string(), current.kind.to_string()),
        Change::TicketCustomerSet { .. } if loaded.customer_id != current.customer_id => {
            ("customer", loaded.customer_name.clone(), current.customer_name.clone())
        }
        Change::TicketCustomerSet { .. } => return None,
        Change::TicketStatusSet { .. } => ("status", loaded.status.to_string(), current.status.to_string()),
        Change::TicketAssigneeSet { .. } => {
            ("assignee", loaded.assignee.clone().unwrap_or_default(), current.assignee.clone().unwrap_or_default())
        }
        _ => return None,
    };
    (was != now).then(|| StoreError::Conflict {
        ticket: current.number.clone(),
        field: field.to_string(),
        theirs: if now.is_empty() { "(none)".into() } else { now },
    })
}

/// One field change of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketChange {
    Title(String),
    Description(String),
    Kind(TicketKind),
    Status(TicketStatus),
    Assignee(Option<String>),
    /// Moves the ticket to the customer with this id.
    Customer(crate::domain::CustomerId),
    /// Moves the promised resolution date (after the first response).
    ResolveBy(DateTime<Utc>),
}

/// An instant as a message shows it: RFC 3339 in the provider's zone (the zone the file bills in),
/// never UTC when the zone is known.
fn in_zone(zone: Option<chrono_tz::Tz>, t: DateTime<Utc>) -> String {
    match zone {
        Some(z) => t.with_timezone(&z).to_rfc3339(),
        None => t.to_rfc3339(),
    }
}

/// Records a first response inside a write transaction, after the checks a first response needs
/// (see [`FirstResponse::new`]); the instants of a refusal are shown in the file's zone.
pub(in crate::store) fn first_response_in(
    w: &mut Writer<'_>,
    ticket_id: &TicketId,
    at: DateTime<Utc>,
    resolve_by: DateTime<Utc>,
) -> Result<()> {
    let t = require(w.conn(), ticket_id)?;
    let response = FirstResponse::new(t.received_at, t.first_response_at, at, resolve_by).map_err(|e| match e {
        ResponseRefused::AlreadyGiven(prev) => {
            StoreError::Refused(Refused::AlreadyResponded { ticket: t.number.clone(), at: in_zone(w.zone, prev) })
        }
        ResponseRefused::BeforeReceived { at, received } => StoreError::Invalid(t!(
            "response-before-received",
            at = in_zone(w.zone, at),
            received = in_zone(w.zone, received)
        )),
        ResponseRefused::ResolveBeforeResponse(by) => {
            StoreError::Invalid(t!("resolve-before-response-at", by = in_zone(w.zone, by)))
        }
    })?;
    w.record(response_change(ticket_id, response))?;
    Ok(())
}

/// The change that moves ticket `ticket_id` to `customer` (in use), or `None` when its time lies in a
/// closed month (that month's statement billed it where it is: it stays). For `customer merge`.
pub(in crate::store) fn move_to(
    conn: &rusqlite::Connection,
    ticket_id: &str,
    customer: &str,
) -> Result<Option<Change>> {
    let t = require(conn, ticket_id)?;
    match movable(conn, &t, customer) {
        Ok(()) => {
            Ok(Some(Change::TicketCustomerSet { id: t.id.to_string(), customer: customer.to_string(), prev: None }))
        }
        Err(StoreError::Invalid(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
