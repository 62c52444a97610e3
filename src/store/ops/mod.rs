//! Applying the operation log: how each change (data in [`super::change`]) reaches the state tables,
//! and replay.
//!
//! Apply is written so that the state converges whatever order operations arrive in after their causes:
//! creations are insert-once (`INSERT OR IGNORE`), field changes are last-writer-wins by HLC (each field
//! keeps the clock of its last write), time entries and comments are never edited in place (a time
//! entry keeps its versions, the newest by clock current; a deletion is a tombstone).
//!
//! Stored compactly (see `codec`): an operation is its device and clock (its identity: one device
//! never writes two operations at one clock), its actor, the ticket whose history shows it, and its
//! change's JSON compressed. The change keeps the text ids of the sync format.

use rusqlite::{Connection, OptionalExtension, params};

pub use super::change::{Change, ClosedStatement, OpRecord};

use super::work::{ENTRY_ROWS, entry_of};
use super::{Result, StoreError};
use crate::domain::{Tier, YearMonth};

/// Applies `op` to the state tables and appends it to the log.
pub(super) fn apply_and_append(conn: &Connection, op: &OpRecord, zone: Option<chrono_tz::Tz>) -> Result<()> {
    apply_and_append_encoded(conn, op, None, zone)
}

/// As [`apply_and_append`], with the log's body of `op` already encoded (`codec::encode_body` of its
/// change, made beforehand — e.g. on other threads for a big import); `None`: encoded here.
pub(super) fn apply_and_append_encoded(
    conn: &Connection,
    op: &OpRecord,
    body: Option<Vec<u8>>,
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    // The ticket is found before applying (a stopped timer's row is gone after).
    let ticket = ticket_no(conn, &op.change)?;
    apply(conn, op, zone)?;
    super::months::mark_repricing(conn, &op.change)?;
    append_encoded(conn, op, ticket, body)
}

/// Appends `op` to the log; `ticket`: the number (`tickets.no`) of the ticket whose history shows it;
/// `body`: its encoded change when made beforehand.
fn append_encoded(conn: &Connection, op: &OpRecord, ticket: Option<i64>, body: Option<Vec<u8>>) -> Result<()> {
    let hlc: super::Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    let device = device_no(conn, &hlc.device)?;
    let actor = actor_no(conn, &op.actor)?;
    let body = match body {
        Some(body) => body,
        None => super::codec::encode_body(&op.change)?,
    };
    conn.prepare_cached("INSERT INTO oplog (device, clock, actor, ticket, body) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![device, super::codec::clock_of(&hlc), actor, ticket, body])?;
    Ok(())
}

/// The file's number for a device (added when new).
pub(super) fn device_no(conn: &Connection, device: &str) -> Result<i64> {
    // Looked up first: every operation asks, and the device is nearly always known (one statement, not
    // an attempted insert and a lookup).
    let id = super::codec::id_blob(device);
    let mut find = conn.prepare_cached("SELECT no FROM devices WHERE id = ?1")?;
    if let Some(no) = find.query_row([&id], |r| r.get(0)).optional()? {
        return Ok(no);
    }
    conn.prepare_cached("INSERT INTO devices (id) VALUES (?1)")?.execute([&id])?;
    Ok(conn.last_insert_rowid())
}

fn actor_no(conn: &Connection, actor: &str) -> Result<i64> {
    let mut find = conn.prepare_cached("SELECT no FROM actors WHERE name = ?1")?;
    if let Some(no) = find.query_row([actor], |r| r.get(0)).optional()? {
        return Ok(no);
    }
    conn.prepare_cached("INSERT INTO actors (name) VALUES (?1)")?.execute([actor])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces a logged operation (the one at `old_hlc`) by `op`: only for a copy's own operations that no
/// other copy has seen (a copy taking a fresh identity).
pub(super) fn rewrite(conn: &Connection, old_hlc: &str, op: &OpRecord) -> Result<()> {
    let old: super::Hlc = old_hlc.parse().map_err(StoreError::Invalid)?;
    let new: super::Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    let body = super::codec::encode_body(&op.change)?;
    let (old_device, new_device) = (device_no(conn, &old.device)?, device_no(conn, &new.device)?);
    conn.prepare_cached("UPDATE oplog SET device = ?3, clock = ?4, body = ?5 WHERE device = ?1 AND clock = ?2")?
        .execute(params![old_device, super::codec::clock_of(&old), new_device, super::codec::clock_of(&new), body])?;
    Ok(())
}

/// The ticket (`tickets.no`) whose history shows a change.
fn ticket_no(conn: &Connection, change: &Change) -> Result<Option<i64>> {
    let (sql, key) = match change {
        Change::CommentDeleted { id } => {
            ("SELECT t.no FROM comments c JOIN tickets t ON t.id = c.ticket_id WHERE c.id = id_blob(?1)", id.as_str())
        }
        Change::TimeEntryVoided { id } => ("SELECT ticket FROM time_entries WHERE id = id_blob(?1)", id.as_str()),
        Change::TimerStopped { id, .. } => {
            ("SELECT t.no FROM timers m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = id_blob(?1)", id.as_str())
        }
        other => match other.ticket() {
            Some(ticket) => ("SELECT no FROM tickets WHERE id = id_blob(?1)", ticket),
            None => return Ok(None),
        },
    };
    let found = conn.prepare_cached(sql)?.query_row([key], |r| r.get(0)).optional()?;
    if found.is_some() || !matches!(change, Change::TicketOpened { .. }) {
        return Ok(found);
    }
    // A ticket being opened has no row yet: it gets the number it had before a rebuild, or the next one.
    Ok(Some(conn.prepare_cached(
        "SELECT coalesce((SELECT no FROM temp.ticket_nos WHERE id = id_blob(?1)), (SELECT coalesce(max(no), 0) + 1 FROM tickets))",
    )?
    .query_row([key], |r| r.get(0))?))
}

/// Applies one operation to the state tables.
pub(super) fn apply(conn: &Connection, op: &OpRecord, zone: Option<chrono_tz::Tz>) -> Result<()> {
    use Change::*;
    let h = &super::codec::hlc_blob(&op.hlc);
    let cleaned = sanitized(&op.change);
    match cleaned.as_ref().unwrap_or(&op.change) {
        CustomerCreated { id, name, contact, tier, since, at } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO customers (id, name, name_key, contact, created_at, name_hlc, contact_hlc)
                 VALUES (id_blob(?1), ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), contact, at, h])?;
            set_tier(conn, id, *since, *tier, h)?;
        }
        CustomerRenamed { id, name, prev } => {
            let before = super::conflicts::customer_value(conn, "name", id)?;
            conn.prepare_cached(
                "UPDATE customers SET name = ?2, name_key = ?3, name_hlc = ?4 WHERE id = id_blob(?1) AND name_hlc < ?4",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), h])?;
            let c = customer_contender(id, "name", h, prev, Some(name.clone()));
            super::conflicts::contend(conn, &c, before)?;
        }
        CustomerContactSet { id, contact, prev } => {
            let before = super::conflicts::customer_value(conn, "contact", id)?;
            conn.prepare_cached(
                "UPDATE customers SET contact = ?2, contact_hlc = ?3 WHERE id = id_blob(?1) AND contact_hlc < ?3",
            )?
            .execute(params![id, contact, h])?;
            let c = customer_contender(id, "contact", h, prev, Some(contact.clone()));
            super::conflicts::contend(conn, &c, before)?;
        }
        TierSet { customer, from, tier, prev } => {
            let before = super::conflicts::tier_value(conn, customer, &from.to_string())?;
            set_tier(conn, customer, *from, *tier, h)?;
            let field = format!("tier from {from}");
            let c = customer_contender(customer, &field, h, prev, Some(tier.as_str().to_string()));
            super::conflicts::contend(conn, &c, before)?;
        }
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
                super::search::touch(conn, id)?;
            }
            claim_tag(conn, tag, &op.device)?;
        }
        TicketTitleSet { id, title, prev } => {
            let c = ticket_contender(id, "title", h, prev, Some(title.clone()));
            if contended_field(conn, &c, &title.as_str())? {
                super::search::touch(conn, id)?;
                super::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketDescriptionSet { id, description, prev } => {
            let c = ticket_contender(id, "description", h, prev, Some(description.clone()));
            if contended_field(conn, &c, &description.as_str())? {
                super::search::touch(conn, id)?;
            }
        }
        TicketKindSet { id, kind, prev } => {
            let c = ticket_contender(id, "kind", h, prev, Some(kind.to_string()));
            if contended_field(conn, &c, &kind.as_str())? {
                super::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketCustomerSet { id, customer, prev } => {
            let before = super::conflicts::ticket_value(conn, "customer", id)?;
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
                moved_ticket(conn, zone, id, before.as_ref().and_then(|(_, v)| v.as_deref()), customer)?;
            }
            let c = ticket_contender(id, "customer", h, prev, Some(customer.clone()));
            super::conflicts::contend(conn, &c, before)?;
        }
        TicketAssigneeSet { id, assignee, prev } => {
            let c = ticket_contender(id, "assignee", h, prev, assignee.clone());
            contended_field(conn, &c, assignee)?;
        }
        TicketStatusSet { id, status, prev } => {
            let before = super::conflicts::ticket_value(conn, "status", id)?;
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
                super::search::touch(conn, id)?;
            }
            let c = ticket_contender(id, "status", h, prev, Some(status.to_string()));
            super::conflicts::contend(conn, &c, before)?;
        }
        FirstResponse { id, at, resolve_by, prev } => {
            let before = super::conflicts::ticket_value(conn, "resolve_by", id)?;
            // The customer was answered at the earliest response (the SLA clock stopped then); the
            // promised date is the one said last (by clock). Both orders of arrival give the same row.
            conn.prepare_cached(
                "UPDATE tickets SET first_response_at = min(coalesce(first_response_at, ?2), ?2),
                    resolve_by = CASE WHEN first_response_at IS NULL OR response_hlc < ?4 THEN ?3 ELSE resolve_by END,
                    response_hlc = max(response_hlc, ?4)
                 WHERE id = id_blob(?1)",
            )?
            .execute(params![id, at, resolve_by, h])?;
            let c = ticket_contender(id, "resolve_by", h, prev, Some(resolve_by.to_string()));
            super::conflicts::contend(conn, &c, before)?;
        }
        CommentAdded { id, ticket, author, body, at } => {
            let added = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO comments (id, ticket_id, author, body, created_at)
                     VALUES (id_blob(?1), id_blob(?2), ?3, ?4, ?5)",
                )?
                .execute(params![id, ticket, author, body, at])?;
            if added > 0 {
                super::search::touch(conn, ticket)?;
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
                super::search::touch(conn, &ticket)?;
            }
        }
        TimeEntryAdded {
            id,
            ticket,
            customer,
            started_at,
            minutes,
            technician,
            role,
            note,
            replaces,
            entry,
            restores,
            ..
        } => {
            // The version is known by the clock and device of the operation that made it.
            let (clock, device) = version_of(conn, &op.hlc)?;
            let entry = match (entry, replaces) {
                (Some(e), _) => e.clone(),
                (None, Some(old)) => entry_of(conn, old)?.unwrap_or_else(|| old.clone()),
                (None, None) => id.clone(),
            };
            let before = super::conflicts::entry_in_force(conn, &entry)?;
            // A first version is current unless the entry was removed (by a newer clock); any other
            // version is born voided and the entry's current version decided among all of them.
            let first = entry == *id;
            let voided = !first
                || conn
                    .prepare_cached("SELECT 1 FROM entry_removals WHERE entry = id_blob(?1) AND hlc > ?2")?
                    .query_row(params![entry, h], |_| Ok(()))
                    .optional()?
                    .is_some();
            let added = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO time_entries (id, ticket, customer, started_at, minutes, technician, role,
                        note, replaces, entry, clock, device, voided)
                     VALUES (id_blob(?1), (SELECT no FROM tickets WHERE id = id_blob(?2)),
                        coalesce((SELECT c.no FROM tickets t JOIN customers c ON c.id = t.customer_id
                            WHERE t.id = id_blob(?2)), (SELECT no FROM customers WHERE id = id_blob(?3))), ?4, ?5, ?6, ?7, ?8, id_blob(?9),
                        id_blob(?10), ?11, ?12, ?13)",
                )?
                .execute(params![
                    id,
                    ticket,
                    customer,
                    started_at,
                    minutes,
                    technician,
                    role.as_str(),
                    note,
                    replaces,
                    (!first).then_some(&entry),
                    clock,
                    device,
                    voided
                ])?;
            if added > 0 && first && !voided {
                super::month_totals::touch(conn, zone, ticket, role.as_str(), *started_at)?;
            } else if added > 0 && !first {
                settle_entry(conn, zone, &entry)?;
            }
            if added > 0 {
                if replaces.is_none() && restores.is_none() && !first {
                    // What a timer booked: at most until its technician's next timer started.
                    super::cuts::recut(conn, zone, &entry)?;
                }
                let node = super::conflicts::EntryNode::Version { row: id.clone(), clock: h.to_vec() };
                let undone = restores.as_deref().map(super::codec::hlc_blob);
                super::conflicts::contend_entry(conn, &entry, &node, replaces.as_deref(), undone, before)?;
            }
        }
        TimeEntryVoided { id } => {
            let entry = entry_of(conn, id)?.unwrap_or_else(|| id.clone());
            let before = super::conflicts::entry_in_force(conn, &entry)?;
            conn.prepare_cached(
                "INSERT INTO entry_removals (entry, hlc) VALUES (id_blob(?1), ?2)
                 ON CONFLICT (entry) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > entry_removals.hlc",
            )?
            .execute(params![entry, h])?;
            settle_entry(conn, zone, &entry)?;
            let node = super::conflicts::EntryNode::Removed { clock: h.to_vec() };
            super::conflicts::contend_entry(conn, &entry, &node, Some(id), None, before)?;
        }
        TimerStarted { id, technician, ticket, started_at, role } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO timers (id, technician, ticket_id, started_at, role)
                 VALUES (id_blob(?1), ?2, id_blob(?3), ?4, ?5)",
            )?
            .execute(params![id, technician, ticket, started_at, role.as_str()])?;
            super::cuts::timer_started(conn, zone, id)?;
        }
        TimerStopped { id, unbooked } => {
            conn.prepare_cached("UPDATE timers SET stopped = 1 WHERE id = id_blob(?1)")?.execute([id])?;
            if let Some(later) = unbooked {
                super::conflicts::timer_booked_nothing(conn, id, later)?;
            }
        }
        MonthClosed { .. }
        | MonthReopened { .. }
        | AdjustmentBooked { .. }
        | AdjustmentCancelled { .. }
        | StatusReportRecorded { .. } => super::months::apply(conn, &op.change, h)?,
        ConflictSettled { id, resolution, at } => super::conflicts::settle(conn, id, resolution, *at, h)?,
        CopyCreated { device, tag } => claim_tag(conn, tag, device)?,
        ContactAdded { customer, email, name, lang } => {
            conn.prepare_cached(
                "INSERT INTO contacts (customer_id, email, name, lang, removed, hlc) VALUES (id_blob(?1), ?2, ?3, ?4, 0, ?5)
                 ON CONFLICT (customer_id, email) DO UPDATE SET name = excluded.name, lang = excluded.lang, removed = 0,
                    hlc = excluded.hlc WHERE excluded.hlc > contacts.hlc",
            )?
            .execute(params![customer, email, name, lang, h])?;
        }
        ContactRemoved { customer, email } => {
            conn.prepare_cached(
                "INSERT INTO contacts (customer_id, email, name, lang, removed, hlc) VALUES (id_blob(?1), ?2, '', 'cs', 1, ?3)
                 ON CONFLICT (customer_id, email) DO UPDATE SET name = '', lang = 'cs', removed = 1, hlc = excluded.hlc
                 WHERE excluded.hlc > contacts.hlc",
            )?
            .execute(params![customer, email, h])?;
        }
        MailDomainSet { domain, customer } => {
            conn.prepare_cached(
                "INSERT INTO mail_domains (domain, customer_id, hlc) VALUES (?1, id_blob(?2), ?3)
                 ON CONFLICT (domain) DO UPDATE SET customer_id = excluded.customer_id, hlc = excluded.hlc
                 WHERE excluded.hlc > mail_domains.hlc",
            )?
            .execute(params![domain, customer, h])?;
        }
        MailDomainRemoved { domain, customer: _ } => {
            // A tombstone (an empty customer) that wins by clock like a mapping does.
            conn.prepare_cached(
                "INSERT INTO mail_domains (domain, customer_id, hlc) VALUES (?1, X'', ?2)
                 ON CONFLICT (domain) DO UPDATE SET customer_id = X'', hlc = excluded.hlc
                 WHERE excluded.hlc > mail_domains.hlc",
            )?
            .execute(params![domain, h])?;
        }
        MailThreaded { ticket, message_id, seen, sender, incoming, at } => {
            conn.prepare_cached(
                "INSERT INTO mail_threads (message_id, ticket_id, sender, incoming, at, hlc)
                 VALUES (?1, id_blob(?2), ?3, ?4, ?5, ?6)
                 ON CONFLICT (message_id) DO UPDATE SET ticket_id = excluded.ticket_id, sender = excluded.sender,
                    incoming = excluded.incoming, at = excluded.at, hlc = excluded.hlc
                 WHERE mail_threads.hlc IS NOT NULL AND excluded.hlc < mail_threads.hlc",
            )?
            .execute(params![message_id, ticket, sender, incoming, at, h])?;
            if let Some(key) = seen {
                mail_seen(conn, key, if *incoming { "imported" } else { "sent" }, *at)?;
            }
        }
        MailTriaged { id, seen, message_id, sender, sender_name, subject, body, kind, received_at } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO mail_triage
                    (uid, key, message_id, sender, sender_name, subject, body, kind, received_at)
                 VALUES (id_blob(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                seen,
                message_id,
                sender,
                sender_name,
                subject,
                body,
                kind.as_str(),
                received_at
            ])?;
            mail_seen(conn, seen, "triage", *received_at)?;
        }
        MailAssigned { id, ticket } => {
            // The first assignment by clock, whatever order they arrive in (see `Change::MailAssigned`).
            conn.prepare_cached(
                "UPDATE mail_triage SET ticket_id = id_blob(?2), assigned_hlc = ?3
                 WHERE uid = id_blob(?1) AND (ticket_id IS NULL OR assigned_hlc > ?3)",
            )?
            .execute(params![id, ticket, h])?;
        }
        CustomerArchived { id } | CustomerUnarchived { id } | CustomerRemoved { id } => {
            let state = match &op.change {
                CustomerArchived { .. } => 1,
                CustomerRemoved { .. } => 2,
                _ => 0,
            };
            conn.prepare_cached(
                "UPDATE customers SET state = ?2, state_hlc = ?3 WHERE id = id_blob(?1) AND state_hlc < ?3",
            )?
            .execute(params![id, state, h])?;
        }
        CopyRetired { device } => {
            conn.prepare_cached(
                "INSERT INTO copy_tags (device, tag, retired) VALUES (id_blob(?1), NULL, 1)
                 ON CONFLICT (device) DO UPDATE SET retired = 1",
            )?
            .execute([device])?;
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
                super::search::touch(conn, id)?;
                super::month_totals::ticket_changed(conn, id)?;
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
                    super::search::touch(conn, &aside)?;
                    super::month_totals::ticket_changed(conn, &aside)?;
                }
            }
            claim_tag(conn, tag, &op.device)?;
        }
    }
    Ok(())
}

/// A ticket moved from customer `from` to `to` (by a change that won): every time entry of the ticket
/// follows it (an entry made on a copy that had not seen the move follows it too, when it arrives: see
/// `TimeEntryAdded`), its month totals are recomputed, and where months are closed both customers are
/// marked for repricing (which consultations of a year are the free ones depends on the tickets).
/// Closed months keep their frozen statements: what was billed stays billed where it was.
fn moved_ticket(conn: &Connection, zone: Option<chrono_tz::Tz>, id: &str, from: Option<&str>, to: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE time_entries SET customer = (SELECT no FROM customers WHERE id = id_blob(?2))
         WHERE ticket = (SELECT no FROM tickets WHERE id = id_blob(?1))
            AND customer IS NOT (SELECT no FROM customers WHERE id = id_blob(?2))",
    )?
    .execute(params![id, to])?;
    super::month_totals::ticket_moved(conn, zone, id)?;
    super::search::touch(conn, id)?;
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

/// The clock and device number of the operation at `hlc` (what a time entry's version is known by).
fn version_of(conn: &Connection, hlc: &str) -> Result<(i64, i64)> {
    let h: super::Hlc = hlc.parse().map_err(StoreError::Invalid)?;
    Ok((super::codec::clock_of(&h), device_no(conn, &h.device)?))
}

/// Records that `device` numbers tickets with `tag` (a device's tag never changes; a second device
/// claiming the same tag is refused at sync, before anything is applied).
fn claim_tag(conn: &Connection, tag: &str, device: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO copy_tags (device, tag) VALUES (id_blob(?1), ?2)
         ON CONFLICT (device) DO UPDATE SET tag = excluded.tag WHERE copy_tags.tag IS NULL",
    )?
    .execute([device, tag])?;
    Ok(())
}

/// Decides an entry's current version: its newest row by clock, unless a removal is newer. Voids every
/// other row and keeps the month totals of the rows that changed in step.
pub(super) fn settle_entry(conn: &Connection, zone: Option<chrono_tz::Tz>, entry: &str) -> Result<()> {
    let newest: Option<(String, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT id_text(e.id), hlc_pack(e.clock, d.id) AS h FROM time_entries e LEFT JOIN devices d ON d.no = e.device
             WHERE (e.id = id_blob(?1) OR e.entry = id_blob(?1)) ORDER BY h DESC, e.id DESC LIMIT 1",
        )?
        .query_row([entry], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let removed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT hlc FROM entry_removals WHERE entry = id_blob(?1)")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    let current = match (newest, removed) {
        (Some((_, hlc)), Some(gone)) if gone > hlc => None,
        (Some((id, _)), _) => Some(id),
        (None, _) => None,
    };
    let changed: Vec<String> = {
        let mut stmt = conn.prepare_cached(&format!(
            "UPDATE time_entries SET voided = (id IS NOT id_blob(?2))
             WHERE {ENTRY_ROWS} AND voided != (id IS NOT id_blob(?2)) RETURNING id_text(id)"
        ))?;
        let rows = stmt.query_map(params![entry, current], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in changed {
        super::month_totals::touch_entry(conn, zone, &id)?;
    }
    Ok(())
}

fn set_tier(conn: &Connection, customer: &str, from: YearMonth, tier: Tier, h: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tier_changes (customer_id, from_month, tier, hlc) VALUES (id_blob(?1), ?2, ?3, ?4)
         ON CONFLICT (customer_id, from_month) DO UPDATE SET tier = excluded.tier, hlc = excluded.hlc
         WHERE excluded.hlc > tier_changes.hlc",
    )?
    .execute(params![customer, from.to_string(), tier.as_str(), h])?;
    Ok(())
}

/// Text in operations from another copy is untrusted too: the same cleaning as on local input
/// (idempotent, so local operations come out unchanged). `None` when nothing needed cleaning.
fn sanitized(change: &Change) -> Option<Change> {
    use crate::domain::text::clean;
    let mut c = change.clone();
    let mut dirty = false;
    let mut fix = |s: &mut String, multiline: bool| {
        let t = clean(s, multiline);
        if t != *s {
            *s = t;
            dirty = true;
        }
    };
    match &mut c {
        Change::CustomerCreated { name, contact, .. } => {
            fix(name, false);
            fix(contact, false);
        }
        Change::CustomerRenamed { name, .. } => fix(name, false),
        Change::CustomerContactSet { contact, .. } => fix(contact, false),
        Change::TicketOpened { title, description, assignee, .. } => {
            fix(title, false);
            fix(description, true);
            if let Some(a) = assignee {
                fix(a, false);
            }
        }
        Change::TicketTitleSet { title, .. } => fix(title, false),
        Change::TicketDescriptionSet { description, .. } => fix(description, true),
        Change::TicketAssigneeSet { assignee: Some(a), .. } => fix(a, false),
        Change::CommentAdded { author, body, .. } => {
            fix(author, false);
            fix(body, true);
        }
        Change::TimeEntryAdded { technician, note, .. } => {
            fix(technician, false);
            fix(note, true);
        }
        Change::TimerStarted { technician, .. } => fix(technician, false),
        Change::AdjustmentBooked { description, .. } => fix(description, false),
        Change::StatusReportRecorded { note, .. } => fix(note, false),
        Change::ContactAdded { name, .. } => fix(name, false),
        Change::MailTriaged { sender_name, subject, body, .. } => {
            fix(sender_name, false);
            fix(subject, false);
            fix(body, true);
        }
        _ => {}
    }
    dirty.then_some(c)
}

/// A change of ticket field `field` at clock `h` (see `conflicts::Contender`).
fn ticket_contender<'a>(
    id: &'a str,
    field: &'a str,
    h: &'a [u8],
    prev: &'a Option<String>,
    value: Option<String>,
) -> super::conflicts::Contender<'a> {
    super::conflicts::Contender {
        subject: id,
        field,
        ticket: Some(id),
        customer: None,
        clock: h,
        prev: prev.as_deref(),
        value,
    }
}

/// A change of a customer's `field` (name, contact, `tier from …`) at clock `h`.
fn customer_contender<'a>(
    id: &'a str,
    field: &'a str,
    h: &'a [u8],
    prev: &'a Option<String>,
    value: Option<String>,
) -> super::conflicts::Contender<'a> {
    super::conflicts::Contender {
        subject: id,
        field,
        ticket: None,
        customer: Some(id),
        clock: h,
        prev: prev.as_deref(),
        value,
    }
}

/// [`set_field`] of the contender's field to `value`, keeping the conflicts in step; whether it won.
fn contended_field(
    conn: &Connection,
    c: &super::conflicts::Contender<'_>,
    value: &dyn rusqlite::ToSql,
) -> Result<bool> {
    let before = super::conflicts::ticket_value(conn, c.field, c.subject)?;
    let won = set_field(conn, c.field, c.subject, value, c.clock)?;
    super::conflicts::contend(conn, c, before)?;
    Ok(won)
}

/// Notes an intake key as seen (kept once: the first note stays).
fn mail_seen(conn: &Connection, key: &str, outcome: &str, at: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO mail_seen (key, outcome, seen_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key, outcome, at])?;
    Ok(())
}

/// Last-writer-wins update of one ticket column (a fixed, known name: never user input); whether it won.
fn set_field(conn: &Connection, column: &str, id: &str, value: &dyn rusqlite::ToSql, h: &[u8]) -> Result<bool> {
    let sql =
        format!("UPDATE tickets SET {column} = ?2, {column}_hlc = ?3 WHERE id = id_blob(?1) AND {column}_hlc < ?3");
    Ok(conn.prepare_cached(&sql)?.execute(params![id, value, h])? > 0)
}

/// State tables in dependency order (children last).
pub const STATE_TABLES: [&str; 17] = [
    "customers",
    "tier_changes",
    "tickets",
    "comments",
    "time_entries",
    "entry_removals",
    "timers",
    "month_closes",
    "closed_statements",
    "closed_entries",
    "adjustments",
    "status_reports",
    "conflict_settlements",
    "copy_tags",
    "contacts",
    "mail_domains",
    "contested",
];

/// Each state table as `Store::state_dump` shows it: ids, clocks and references as their text, without
/// the file's own row numbers (which differ between copies), so equal dumps mean equal state.
pub const STATE_DUMPS: [(&str, &str); 19] = [
    (
        "customers",
        "SELECT id_text(id), name, name_key, contact, created_at, hlc_text(name_hlc), hlc_text(contact_hlc), state,
            hlc_text(state_hlc)
         FROM customers",
    ),
    ("tier_changes", "SELECT id_text(customer_id), from_month, tier, hlc_text(hlc) FROM tier_changes"),
    (
        "tickets",
        "SELECT id_text(id), number, device_tag, seq, id_text(customer_id), title, description, kind, status, is_open,
            assignee, received_at, first_response_at, resolve_by, hlc_text(title_hlc), hlc_text(description_hlc),
            hlc_text(kind_hlc), hlc_text(status_hlc), hlc_text(assignee_hlc), hlc_text(response_hlc),
            hlc_text(number_hlc), hlc_text(customer_hlc)
         FROM tickets",
    ),
    ("comments", "SELECT id_text(id), id_text(ticket_id), author, body, created_at, deleted FROM comments"),
    (
        "time_entries",
        "SELECT id_text(e.id), id_text(t.id), id_text(c.id), e.started_at, e.minutes, e.technician, e.role, e.note,
            id_text(e.replaces), e.voided, id_text(coalesce(e.entry, e.id)), hlc_text(hlc_pack(e.clock, d.id)), e.ran
         FROM time_entries e JOIN tickets t ON t.no = e.ticket JOIN customers c ON c.no = e.customer
            LEFT JOIN devices d ON d.no = e.device",
    ),
    ("entry_removals", "SELECT id_text(entry), hlc_text(hlc) FROM entry_removals"),
    ("timers", "SELECT id_text(id), technician, id_text(ticket_id), started_at, role, stopped FROM timers"),
    ("month_closes", "SELECT month, starts_at, ends_at, closed, hlc_text(hlc) FROM month_closes"),
    ("closed_statements", "SELECT month, id_text(customer_id), body FROM closed_statements"),
    ("closed_entries", "SELECT month, id_text(entry_id) FROM closed_entries"),
    (
        "adjustments",
        "SELECT id_text(id), id_text(customer_id), id_text(ticket_id), work_month, booked_month, minutes, amount,
            description, created_at, entry_id, cancelled, hlc_text(close)
         FROM adjustments",
    ),
    ("status_reports", "SELECT id_text(id), id_text(customer_id), done_on, note, created_at FROM status_reports"),
    ("conflict_settlements", "SELECT id, resolution, settled_at, hlc_text(hlc) FROM conflict_settlements"),
    ("copy_tags", "SELECT id_text(device), tag, retired FROM copy_tags"),
    ("contacts", "SELECT id_text(customer_id), email, name, lang, removed, hlc_text(hlc) FROM contacts"),
    ("mail_domains", "SELECT domain, id_text(customer_id), hlc_text(hlc) FROM mail_domains"),
    // The mail intake's bookkeeping that travels (schema 13); which files a Maildir held stays local.
    (
        "mail_threads",
        "SELECT message_id, id_text(ticket_id), sender, incoming, at, hlc_text(hlc) FROM mail_threads",
    ),
    (
        "mail_triage",
        "SELECT id_text(uid), key, message_id, sender, sender_name, subject, body, kind, received_at,
            id_text(ticket_id), hlc_text(assigned_hlc)
         FROM mail_triage",
    ),
    (
        "contested",
        "SELECT id, id_text(subject), field, CASE field WHEN 'timer' THEN id_text(loser) ELSE hlc_text(loser) END, value,
            id_text(version), id_text(ticket_id), id_text(customer_id)
         FROM contested",
    ),
];

/// Empties the state tables and replays the whole log in clock order (`progress`: operations so far).
/// Tickets keep their numbers in the file (`tickets.no`, which the log refers to).
pub(super) fn rebuild(
    conn: &Connection,
    zone: Option<chrono_tz::Tz>,
    progress: &mut dyn FnMut(usize),
) -> Result<usize> {
    // Rows outside the state tables (sync conflicts) refer to tickets: check references once the log is
    // replayed, at the end of the caller's transaction, not while the tables are empty.
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    conn.execute("DELETE FROM temp.ticket_nos", [])?;
    conn.execute("INSERT INTO temp.ticket_nos (id, no) SELECT id, no FROM tickets", [])?;
    super::search::clear(conn)?;
    super::search::defer(conn)?;
    super::month_totals::defer(conn)?;
    conn.execute("DELETE FROM work_months", [])?;
    for table in STATE_TABLES.iter().rev() {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut n = 0;
    super::oplog::each_in_clock_order(conn, &mut |op| {
        apply(conn, &op, None)?;
        n += 1;
        progress(n);
        Ok(())
    })?;
    conn.execute("DELETE FROM temp.ticket_nos", [])?;
    super::search::flush(conn)?;
    match zone {
        Some(zone) => super::month_totals::rebuild(conn, zone)?,
        None => super::month_totals::flush(conn, None)?,
    }
    Ok(n)
}
