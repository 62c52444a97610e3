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

mod customers;
mod fresh;
mod log;
mod mail;
mod replay;
mod tickets;
mod work;

use rusqlite::Connection;

pub use super::change::{Change, ClosedStatement, OpRecord};
pub(super) use fresh::{Fresh, drop_deferred_indexes, make_indexes};
pub(super) use log::{Numbers, apply_and_append, apply_and_append_encoded, rewrite};
pub(super) use replay::rebuild;
pub use replay::{STATE_DUMPS, STATE_TABLES};

use super::Result;

/// Applies one operation to the state tables (`numbers`: the transaction's).
pub(super) fn apply(conn: &Connection, numbers: &Numbers, op: &OpRecord, zone: Option<chrono_tz::Tz>) -> Result<()> {
    use Change::*;
    let h = &super::codec::hlc_blob(&op.hlc);
    let cleaned = sanitized(&op.change);
    let change = cleaned.as_ref().unwrap_or(&op.change);
    match change {
        CustomerCreated { .. }
        | CustomerRenamed { .. }
        | CustomerContactSet { .. }
        | TierSet { .. }
        | CustomerArchived { .. }
        | CustomerUnarchived { .. }
        | CustomerRemoved { .. } => customers::apply(conn, op, change, h)?,
        TicketOpened { .. }
        | TicketTitleSet { .. }
        | TicketDescriptionSet { .. }
        | TicketKindSet { .. }
        | TicketCustomerSet { .. }
        | TicketAssigneeSet { .. }
        | TicketStatusSet { .. }
        | FirstResponse { .. }
        | CommentAdded { .. }
        | CommentDeleted { .. }
        | TicketRenumbered { .. } => tickets::apply(conn, numbers, op, change, h, zone)?,
        TimeEntryAdded { .. } | TimeEntryVoided { .. } | TimerStarted { .. } | TimerStopped { .. } => {
            work::apply(conn, numbers, op, change, h, zone)?
        }
        ContactAdded { .. }
        | ContactRemoved { .. }
        | MailDomainSet { .. }
        | MailDomainRemoved { .. }
        | MailThreaded { .. }
        | MailTriaged { .. }
        | MailAssigned { .. } => mail::apply(conn, change, h)?,
        MonthClosed { .. }
        | MonthReopened { .. }
        | AdjustmentBooked { .. }
        | AdjustmentCancelled { .. }
        | StatusReportRecorded { .. } => super::months::apply(conn, &op.change, h)?,
        ConflictSettled { id, resolution, at } => super::conflicts::settle(conn, id, resolution, *at, h)?,
        CopyCreated { device, tag } => claim_tag(conn, tag, device)?,
        CopyRetired { device } => {
            conn.prepare_cached(
                "INSERT INTO copy_tags (device, tag, retired) VALUES (id_blob(?1), NULL, 1)
                 ON CONFLICT (device) DO UPDATE SET retired = 1",
            )?
            .execute([device])?;
        }
    }
    Ok(())
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

/// Text in operations from another copy is untrusted too: the same cleaning as on local input
/// (idempotent, so local operations come out unchanged). `None` when nothing needed cleaning.
fn sanitized(change: &Change) -> Option<Change> {
    use crate::domain::text::clean;
    let mut c = change.clone();
    let mut dirty = false;
    // Names and titles (one line) as local input stores them: `clean_name` (NFC, no invisible format
    // characters, one space between words), so a name that reads the same is the same everywhere.
    let mut fix = |s: &mut String, multiline: bool| {
        let t = if multiline { clean(s, true) } else { crate::domain::text::clean_name(s) };
        // Over-long text from another copy (a team server's, which `sync::validate` does not see) is
        // clipped as a bundle's is (`domain::length`).
        let t = crate::domain::length::clip(&t, multiline).unwrap_or(t);
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
