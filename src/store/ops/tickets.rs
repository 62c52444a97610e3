//! Applying ticket changes — opening, each field (last writer wins, conflicts kept), renumbering — and
//! comments.

use rusqlite::{Connection, OptionalExtension, params};

use super::claim_tag;
use super::log::Numbers;
use crate::store::Result;
use crate::store::conflicts::{Contender, Of};
use crate::store::{Change, OpRecord};

/// Applies a ticket or comment change (the arms of [`super::apply`] for them).
pub(super) fn apply(
    conn: &Connection,
    numbers: &Numbers,
    op: &OpRecord,
    change: &Change,
    h: &[u8],
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    use Change::*;
    match change {
        TicketOpened { id, tag, seq, customer, title, description, kind, assignee, received_at } => {
            let mut number = crate::domain::TicketNumber::new(tag, *seq).to_string();
            // A number another ticket holds is one that copies with one tag both gave: the sync that
            // brings it also brings its renumbering (`identity::check_ops`), or that of the other ticket.
            // Until then it is held aside (`A-1~id`), whichever of the two arrived first.
            let taken = conn
                .prepare_cached("SELECT 1 FROM tickets WHERE number = ?1 AND id != id_blob(?2)")?
                .query_row(params![number, id], |_| Ok(()))
                .optional()?
                .is_some();
            if taken {
                number = format!("{number}~{id}");
            }
            let inserted = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO tickets (no, id, number, device_tag, seq, customer_id, title, description,
                        kind, status, is_open, assignee, received_at, title_hlc, description_hlc, kind_hlc, status_hlc,
                        assignee_hlc, response_hlc)
                     VALUES ((SELECT no FROM temp.ticket_nos WHERE id = id_blob(?1)), id_blob(?1), ?2, ?3, ?4,
                        id_blob(?5), ?6, ?7, ?8, 'new', 1, ?9, ?10, ?11, ?11, ?11, ?11, ?11, ?11)",
                )?
                .execute(params![
                    id,
                    number,
                    tag,
                    *seq as i64,
                    customer,
                    title,
                    description,
                    kind.as_str(),
                    assignee,
                    received_at,
                    h
                ])?;
            if inserted > 0 {
                touch(conn, numbers, id)?;
            }
            claim_tag(conn, tag, &op.device)?;
        }
        TicketTitleSet { id, title, prev } => {
            let c = Contender::new(Of::Ticket, id, "title", h, prev, Some(title.clone()));
            if contended_field(conn, &c, &title.as_str())? {
                touch(conn, numbers, id)?;
                crate::store::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketDescriptionSet { id, description, prev } => {
            let c = Contender::new(Of::Ticket, id, "description", h, prev, Some(description.clone()));
            if contended_field(conn, &c, &description.as_str())? {
                touch(conn, numbers, id)?;
            }
        }
        TicketKindSet { id, kind, prev } => {
            let c = Contender::new(Of::Ticket, id, "kind", h, prev, Some(kind.to_string()));
            if contended_field(conn, &c, &kind.as_str())? {
                crate::store::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketCustomerSet { id, customer, prev } => {
            let before = crate::store::conflicts::ticket_value(conn, "customer", id)?;
            let moved = conn
                .prepare_cached(
                    "UPDATE tickets SET customer_id = id_blob(?2), customer_hlc = ?3
                     WHERE id = id_blob(?1) AND customer_hlc < ?3 AND customer_id != id_blob(?2)
                     RETURNING 1",
                )?
                .query_row(params![id, customer, h], |_| Ok(()))
                .optional()?
                .is_some();
            let won = moved
                || conn
                    .prepare_cached(
                        "UPDATE tickets SET customer_hlc = ?2 WHERE id = id_blob(?1) AND customer_hlc < ?2",
                    )?
                    .execute(params![id, h])?
                    > 0;
            if won {
                moved_ticket(conn, numbers, zone, id, before.as_ref().and_then(|(_, v)| v.as_deref()), customer)?;
            }
            let c = Contender::new(Of::Ticket, id, "customer", h, prev, Some(customer.clone()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        TicketAssigneeSet { id, assignee, prev } => {
            let c = Contender::new(Of::Ticket, id, "assignee", h, prev, assignee.clone());
            contended_field(conn, &c, assignee)?;
        }
        TicketStatusSet { id, status, prev } => {
            let before = crate::store::conflicts::ticket_value(conn, "status", id)?;
            let was_open: Option<bool> = conn
                .prepare_cached("SELECT is_open FROM tickets WHERE id = id_blob(?1)")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let changed = conn
                .prepare_cached(
                    "UPDATE tickets SET status = ?2, is_open = ?3, status_hlc = ?4
                     WHERE id = id_blob(?1) AND status_hlc < ?4",
                )?
                .execute(params![id, status.as_str(), status.is_open(), h])?;
            if changed > 0 && was_open != Some(status.is_open()) {
                // Opened or closed: in or out of the open tickets' search index.
                touch(conn, numbers, id)?;
            }
            let c = Contender::new(Of::Ticket, id, "status", h, prev, Some(status.to_string()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        FirstResponse { id, at, resolve_by, prev } => {
            let before = crate::store::conflicts::ticket_value(conn, "resolve_by", id)?;
            // The customer was answered at the earliest response (the SLA clock stopped then); the
            // promised date is the one said last (by clock). Both orders of arrival give the same row.
            conn.prepare_cached(
                "UPDATE tickets SET first_response_at = min(coalesce(first_response_at, ?2), ?2),
                    resolve_by = CASE WHEN first_response_at IS NULL OR response_hlc < ?4 THEN ?3 ELSE resolve_by END,
                    response_hlc = max(response_hlc, ?4)
                 WHERE id = id_blob(?1)",
            )?
            .execute(params![id, at, resolve_by, h])?;
            let c = Contender::new(Of::Ticket, id, "resolve_by", h, prev, Some(resolve_by.to_string()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        CommentAdded { id, ticket, author, body, at } => {
            let added = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO comments (id, ticket_id, author, body, created_at)
                     VALUES (id_blob(?1), id_blob(?2), ?3, ?4, ?5)",
                )?
                .execute(params![id, ticket, author, body, at])?;
            if added > 0 {
                touch(conn, numbers, ticket)?;
            }
        }
        CommentDeleted { id } => {
            let ticket: Option<String> = conn
                .query_row(
                    "UPDATE comments SET deleted = 1 WHERE id = id_blob(?1) AND deleted = 0 RETURNING id_text(ticket_id)",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(ticket) = ticket {
                touch(conn, numbers, &ticket)?;
            }
        }
        TicketRenumbered { id, tag, seq } => {
            let number = crate::domain::TicketNumber::new(tag, *seq).to_string();
            let before: Option<String> = conn
                .prepare_cached("SELECT number FROM tickets WHERE id = id_blob(?1)")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let renumbered = conn
                .prepare_cached(
                    "UPDATE tickets SET number = ?2, device_tag = ?3, seq = ?4, number_hlc = ?5
                     WHERE id = id_blob(?1) AND (number_hlc IS NULL OR number_hlc < ?5)",
                )?
                .execute(params![id, number, tag, *seq as i64, h])?;
            if let Some(freed) = before.filter(|_| renumbered > 0) {
                touch(conn, numbers, id)?;
                crate::store::month_totals::ticket_changed(conn, id)?;
                // The ticket held aside for the number this one gave back gets it.
                let aside: Option<String> = conn
                    .prepare_cached(
                        "UPDATE tickets SET number = ?1
                         WHERE number BETWEEN ?1 || '~' AND ?1 || '~~' AND number = ?1 || '~' || id_text(id)
                         RETURNING id_text(id)",
                    )?
                    .query_row([&freed], |r| r.get(0))
                    .optional()?;
                if let Some(aside) = aside {
                    touch(conn, numbers, &aside)?;
                    crate::store::month_totals::ticket_changed(conn, &aside)?;
                }
            }
            claim_tag(conn, tag, &op.device)?;
        }
        _ => unreachable!("not a ticket or comment change"),
    }
    Ok(())
}

/// The ticket's search document is due for re-indexing ([`crate::store::search::touch`]); nothing in a
/// join's load of an empty file, which indexes every ticket at its end (see `ops::fresh`).
fn touch(conn: &Connection, numbers: &Numbers, ticket_id: &str) -> Result<()> {
    if numbers.fresh().is_some() {
        return Ok(());
    }
    crate::store::search::touch(conn, ticket_id)
}

/// A ticket moved from customer `from` to `to` (by a change that won): every time entry of the ticket
/// follows it (an entry made on a copy that had not seen the move follows it too, when it arrives: see
/// `TimeEntryAdded`), its month totals are recomputed, and where months are closed both customers are
/// marked for repricing (which consultations of a year are the free ones depends on the tickets).
/// Closed months keep their frozen statements: what was billed stays billed where it was.
fn moved_ticket(
    conn: &Connection,
    numbers: &Numbers,
    zone: Option<chrono_tz::Tz>,
    id: &str,
    from: Option<&str>,
    to: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE time_entries SET customer = (SELECT no FROM customers WHERE id = id_blob(?2))
         WHERE ticket = (SELECT no FROM tickets WHERE id = id_blob(?1))
            AND customer IS NOT (SELECT no FROM customers WHERE id = id_blob(?2))",
    )?
    .execute(params![id, to])?;
    crate::store::month_totals::ticket_moved(conn, zone, id)?;
    touch(conn, numbers, id)?;
    let closed = conn
        .prepare_cached("SELECT 1 FROM month_closes WHERE closed = 1 LIMIT 1")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some();
    if closed {
        for customer in from.into_iter().chain([to]) {
            conn.prepare_cached("INSERT OR IGNORE INTO sync_pending (entry_id) VALUES (id_blob(?1))")?
                .execute([customer])?;
        }
    }
    Ok(())
}

/// [`set_field`] of the contender's field to `value`, keeping the conflicts in step; whether it won.
fn contended_field(
    conn: &Connection,
    c: &crate::store::conflicts::Contender<'_>,
    value: &dyn rusqlite::ToSql,
) -> Result<bool> {
    let before = crate::store::conflicts::ticket_value(conn, c.field, c.subject)?;
    let won = set_field(conn, c.field, c.subject, value, c.clock)?;
    crate::store::conflicts::contend(conn, c, before)?;
    Ok(won)
}

/// Last-writer-wins update of one ticket column (a fixed, known name: never user input); whether it won.
fn set_field(conn: &Connection, column: &str, id: &str, value: &dyn rusqlite::ToSql, h: &[u8]) -> Result<bool> {
    let sql =
        format!("UPDATE tickets SET {column} = ?2, {column}_hlc = ?3 WHERE id = id_blob(?1) AND {column}_hlc < ?3");
    Ok(conn.prepare_cached(&sql)?.execute(params![id, value, h])? > 0)
}
