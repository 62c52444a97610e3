//! Every text field of every change, with what it must be: one list, for reading and for cleaning.

use super::kinds::Kind;
use crate::store::Result;
use crate::store::ops::{Change, ClosedStatement};

/// Calls `f` on every text field of a change with what it must be and its name. One list for reading
/// and for cleaning (`visit_mut`): the same body, expanded over `&` and `&mut`.
macro_rules! each_field {
    ($change:expr, $f:ident) => {{
        use Change::*;
        match $change {
            CustomerCreated { id, name, contact, tier: _, since: _, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "name", name)?;
                $f(Kind::Line, "contact", contact)?;
            }
            CustomerRenamed { id, name, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "name", name)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CustomerContactSet { id, contact, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "contact", contact)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TierSet { customer, from: _, tier: _, prev } => {
                $f(Kind::Id, "customer", customer)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketOpened { id, tag, seq: _, customer, title, description, kind: _, assignee, received_at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Tag, "tag", tag)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Line, "title", title)?;
                $f(Kind::Text, "description", description)?;
                if let Some(a) = assignee {
                    $f(Kind::Line, "assignee", a)?;
                }
            }
            TicketTitleSet { id, title, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "title", title)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketDescriptionSet { id, description, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Text, "description", description)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketKindSet { id, kind: _, prev }
            | TicketStatusSet { id, status: _, prev }
            | FirstResponse { id, at: _, resolve_by: _, prev } => {
                $f(Kind::Id, "id", id)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            TicketCustomerSet { id, customer, prev } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CustomerArchived { id } | CustomerUnarchived { id } | CustomerRemoved { id } => {
                $f(Kind::Id, "id", id)?;
            }
            TicketAssigneeSet { id, assignee, prev } => {
                $f(Kind::Id, "id", id)?;
                if let Some(a) = assignee {
                    $f(Kind::Line, "assignee", a)?;
                }
                if let Some(p) = prev {
                    $f(Kind::Prev, "prev", p)?;
                }
            }
            CommentAdded { id, ticket, author, body, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::Line, "author", author)?;
                $f(Kind::Text, "body", body)?;
            }
            CommentDeleted { id } | TimeEntryVoided { id } | AdjustmentCancelled { id } => $f(Kind::Id, "id", id)?,
            TimerStopped { id, unbooked } => {
                $f(Kind::Id, "id", id)?;
                if let Some(later) = unbooked {
                    $f(Kind::Id, "unbooked", later)?;
                }
            }
            TimeEntryAdded {
                id,
                ticket,
                customer,
                started_at: _,
                minutes: _,
                technician,
                role: _,
                note,
                replaces,
                at: _,
                entry,
                restores,
            } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Line, "technician", technician)?;
                $f(Kind::Text, "note", note)?;
                if let Some(r) = replaces {
                    $f(Kind::Id, "replaces", r)?;
                }
                if let Some(e) = entry {
                    $f(Kind::Id, "entry", e)?;
                }
                if let Some(r) = restores {
                    $f(Kind::Clock, "restores", r)?;
                }
            }
            TimerStarted { id, technician, ticket, started_at: _, role: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Line, "technician", technician)?;
                $f(Kind::Id, "ticket", ticket)?;
            }
            MonthClosed { month, starts_at: _, ends_at: _, statements, entries } => {
                $f(Kind::Month, "month", month)?;
                for ClosedStatement { customer, body } in statements {
                    $f(Kind::Id, "customer", customer)?;
                    $f(Kind::Json, "statement", body)?;
                }
                for e in entries {
                    $f(Kind::Id, "entry", e)?;
                }
            }
            MonthReopened { month } => $f(Kind::Month, "month", month)?,
            AdjustmentBooked {
                id,
                customer,
                ticket,
                work_month,
                booked_month,
                minutes: _,
                amount,
                description,
                at: _,
                entry,
                close,
            } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                if let Some(t) = ticket {
                    $f(Kind::Id, "ticket", t)?;
                }
                $f(Kind::Month, "work_month", work_month)?;
                $f(Kind::Month, "booked_month", booked_month)?;
                $f(Kind::Amount, "amount", amount)?;
                $f(Kind::Line, "description", description)?;
                if let Some(e) = entry {
                    $f(Kind::EntryKey, "entry", e)?;
                }
                if let Some(c) = close {
                    $f(Kind::Clock, "close", c)?;
                }
            }
            ConflictSettled { id, resolution, at: _ } => {
                $f(Kind::ConflictId, "id", id)?;
                $f(Kind::Resolution, "resolution", resolution)?;
            }
            CopyCreated { device, tag } => {
                $f(Kind::Id, "device", device)?;
                $f(Kind::Tag, "tag", tag)?;
            }
            CopyRetired { device } => $f(Kind::Id, "device", device)?,
            TicketRenumbered { id, tag, seq: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Tag, "tag", tag)?;
            }
            ContactAdded { customer, email, name, lang } => {
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Email, "email", email)?;
                $f(Kind::Line, "name", name)?;
                $f(Kind::Lang, "lang", lang)?;
            }
            ContactRemoved { customer, email } => {
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Email, "email", email)?;
            }
            MailDomainSet { domain, customer } | MailDomainRemoved { domain, customer } => {
                $f(Kind::MailDomain, "domain", domain)?;
                $f(Kind::Id, "customer", customer)?;
            }
            MailThreaded { ticket, message_id, seen, sender, incoming: _, at: _ } => {
                $f(Kind::Id, "ticket", ticket)?;
                $f(Kind::MailKey, "message_id", message_id)?;
                if let Some(k) = seen {
                    $f(Kind::SeenKey, "seen", k)?;
                }
                $f(Kind::Sender, "sender", sender)?;
            }
            MailTriaged { id, seen, message_id, sender, sender_name, subject, body, kind: _, received_at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::SeenKey, "seen", seen)?;
                if let Some(m) = message_id {
                    $f(Kind::MailKey, "message_id", m)?;
                }
                $f(Kind::Email, "sender", sender)?;
                $f(Kind::Line, "sender_name", sender_name)?;
                $f(Kind::Line, "subject", subject)?;
                $f(Kind::Text, "body", body)?;
            }
            MailAssigned { id, ticket } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "ticket", ticket)?;
            }
            StatusReportRecorded { id, customer, done_on, note, at: _ } => {
                $f(Kind::Id, "id", id)?;
                $f(Kind::Id, "customer", customer)?;
                $f(Kind::Date, "done_on", done_on)?;
                $f(Kind::Line, "note", note)?;
            }
        }
        Ok(())
    }};
}

pub(super) fn visit(change: &Change, f: &mut impl FnMut(Kind, &str, &String) -> Result<()>) -> Result<()> {
    each_field!(change, f)
}

pub(super) fn visit_mut(change: &mut Change, f: &mut impl FnMut(Kind, &str, &mut String) -> Result<()>) -> Result<()> {
    each_field!(change, f)
}
