//! The operation log: every change as data, how it is applied to the state tables, and replay.
//!
//! Apply is written so that the state converges whatever order operations arrive in after their causes:
//! creations are insert-once (`INSERT OR IGNORE`), field changes are last-writer-wins by HLC (each field
//! keeps the clock of its last write), time entries and comments are never edited in place (a
//! correction is a new entry that voids the old one; a deletion is a tombstone).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Result, StoreError};
use crate::domain::{Role, TicketKind, TicketStatus, Tier, YearMonth};

/// One recorded change with its identity: who, where, when (HLC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpRecord {
    pub id: String,
    pub hlc: String,
    pub device: String,
    pub actor: String,
    pub change: Change,
}

/// Every kind of change the product makes. Instants are unix seconds (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    CustomerCreated {
        id: String,
        name: String,
        contact: String,
        tier: Tier,
        since: YearMonth,
        at: i64,
    },
    CustomerRenamed {
        id: String,
        name: String,
    },
    CustomerContactSet {
        id: String,
        contact: String,
    },
    TierSet {
        customer: String,
        from: YearMonth,
        tier: Tier,
    },
    TicketOpened {
        id: String,
        tag: String,
        seq: u64,
        customer: String,
        title: String,
        description: String,
        kind: TicketKind,
        assignee: Option<String>,
        received_at: i64,
    },
    TicketTitleSet {
        id: String,
        title: String,
    },
    TicketDescriptionSet {
        id: String,
        description: String,
    },
    TicketKindSet {
        id: String,
        kind: TicketKind,
    },
    TicketStatusSet {
        id: String,
        status: TicketStatus,
    },
    TicketAssigneeSet {
        id: String,
        assignee: Option<String>,
    },
    FirstResponse {
        id: String,
        at: i64,
        resolve_by: i64,
    },
    CommentAdded {
        id: String,
        ticket: String,
        author: String,
        body: String,
        at: i64,
    },
    CommentDeleted {
        id: String,
    },
    TimeEntryAdded {
        id: String,
        ticket: String,
        customer: String,
        started_at: i64,
        minutes: u32,
        technician: String,
        role: Role,
        note: String,
        /// The row (version) this one corrects (the version the corrector saw).
        replaces: Option<String>,
        at: i64,
        /// The entry this row is a version of: its first row's id, or the id of the timer whose stop
        /// made it (so a timer stopped on two copies is one entry). `None` in older logs: the entry of
        /// `replaces`, else this row itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry: Option<String>,
    },
    /// Removes a time entry: `id` is the row (version) that was current when it was removed.
    TimeEntryVoided {
        id: String,
    },
    TimerStarted {
        id: String,
        technician: String,
        ticket: String,
        started_at: i64,
        /// The role its time is booked under (older logs: technician).
        #[serde(default)]
        role: Role,
    },
    TimerStopped {
        id: String,
    },
    /// A month's statements frozen as they are (one JSON document per customer).
    MonthClosed {
        month: String,
        starts_at: i64,
        ends_at: i64,
        statements: Vec<ClosedStatement>,
        /// The time entries the statements were computed from.
        #[serde(default)]
        entries: Vec<String>,
    },
    MonthReopened {
        month: String,
    },
    /// A correction of a closed month, priced and billed in an open month.
    AdjustmentBooked {
        id: String,
        customer: String,
        ticket: Option<String>,
        work_month: String,
        booked_month: String,
        minutes: i64,
        amount: String,
        description: String,
        at: i64,
        /// The time entry this prices, when it arrived by sync into a closed month.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry: Option<String>,
        /// The clock of the close of `work_month` this was priced against (older logs: none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        close: Option<String>,
    },
    AdjustmentCancelled {
        id: String,
    },
    StatusReportRecorded {
        id: String,
        customer: String,
        done_on: String,
        note: String,
        at: i64,
    },
    /// A sync conflict settled (`kept` or `picked the other value`), so it is settled on every copy.
    /// `id` is the conflict's id, the same on every copy that detected it.
    ConflictSettled {
        id: String,
        resolution: String,
        at: i64,
    },
    /// A copy was made (or took a fresh identity): `device` numbers its tickets with `tag`. Recorded by
    /// the file the copy is made from, so that file knows the tag is taken before the copy exists.
    CopyCreated {
        device: String,
        tag: String,
    },
    /// A copy gave up its identity (`device`) for a fresh one: its tag no longer counts as taken.
    CopyRetired {
        device: String,
    },
}

/// One customer's frozen statement in a closed month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosedStatement {
    pub customer: String,
    pub body: String,
}

impl Change {
    /// The entity the change is about.
    pub fn entity(&self) -> &str {
        use Change::*;
        match self {
            CustomerCreated { id, .. } | CustomerRenamed { id, .. } | CustomerContactSet { id, .. } => id,
            TierSet { customer, .. } => customer,
            TicketOpened { id, .. }
            | TicketTitleSet { id, .. }
            | TicketDescriptionSet { id, .. }
            | TicketKindSet { id, .. }
            | TicketStatusSet { id, .. }
            | TicketAssigneeSet { id, .. }
            | FirstResponse { id, .. } => id,
            CommentAdded { id, .. } | CommentDeleted { id } => id,
            TimeEntryAdded { id, .. } | TimeEntryVoided { id } => id,
            TimerStarted { id, .. } | TimerStopped { id } => id,
            MonthClosed { month, .. } | MonthReopened { month } => month,
            AdjustmentBooked { id, .. } | AdjustmentCancelled { id } | StatusReportRecorded { id, .. } => id,
            ConflictSettled { id, .. } => id,
            CopyCreated { device, .. } | CopyRetired { device } => device,
        }
    }

    /// The ticket whose history shows this change, when it is known without a lookup.
    pub fn ticket(&self) -> Option<&str> {
        use Change::*;
        match self {
            TicketOpened { id, .. }
            | TicketTitleSet { id, .. }
            | TicketDescriptionSet { id, .. }
            | TicketKindSet { id, .. }
            | TicketStatusSet { id, .. }
            | TicketAssigneeSet { id, .. }
            | FirstResponse { id, .. } => Some(id),
            CommentAdded { ticket, .. } | TimeEntryAdded { ticket, .. } | TimerStarted { ticket, .. } => Some(ticket),
            AdjustmentBooked { ticket, .. } => ticket.as_deref(),
            _ => None,
        }
    }
}

pub(super) fn append(conn: &Connection, op: &OpRecord) -> Result<()> {
    let body = serde_json::to_string(&op.change).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let ticket = match op.change.ticket() {
        Some(t) => Some(t.to_string()),
        None => ticket_of(conn, &op.change)?,
    };
    conn.prepare_cached(
        "INSERT INTO oplog (id, hlc, device, actor, entity, ticket, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![op.id, op.hlc, op.device, op.actor, op.change.entity(), ticket, body])?;
    Ok(())
}

/// Replaces a logged operation (same id) by `op`: only for a copy's own operations that no other copy
/// has seen (a copy taking a fresh identity).
pub(super) fn rewrite(conn: &Connection, op: &OpRecord) -> Result<()> {
    let body = serde_json::to_string(&op.change).map_err(|e| StoreError::Invalid(e.to_string()))?;
    conn.prepare_cached("UPDATE oplog SET hlc = ?2, device = ?3, entity = ?4, body = ?5 WHERE id = ?1")?
        .execute(params![op.id, op.hlc, op.device, op.change.entity(), body])?;
    Ok(())
}

/// The ticket of a change that names only a comment, entry or timer.
fn ticket_of(conn: &Connection, change: &Change) -> Result<Option<String>> {
    let sql = match change {
        Change::CommentDeleted { .. } => "SELECT ticket_id FROM comments WHERE id = ?1",
        Change::TimeEntryVoided { .. } => "SELECT ticket_id FROM time_entries WHERE id = ?1",
        Change::TimerStopped { .. } => "SELECT ticket FROM oplog WHERE entity = ?1 AND ticket IS NOT NULL LIMIT 1",
        _ => return Ok(None),
    };
    Ok(conn.query_row(sql, [change.entity()], |r| r.get(0)).optional()?)
}

/// Applies one operation to the state tables.
pub(super) fn apply(conn: &Connection, op: &OpRecord, zone: Option<chrono_tz::Tz>) -> Result<()> {
    use Change::*;
    let h = &op.hlc;
    let cleaned = sanitized(&op.change);
    match cleaned.as_ref().unwrap_or(&op.change) {
        CustomerCreated { id, name, contact, tier, since, at } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO customers (id, name, name_key, contact, created_at, name_hlc, contact_hlc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), contact, at, h])?;
            set_tier(conn, id, *since, *tier, h)?;
        }
        CustomerRenamed { id, name } => {
            conn.prepare_cached(
                "UPDATE customers SET name = ?2, name_key = ?3, name_hlc = ?4 WHERE id = ?1 AND name_hlc < ?4",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), h])?;
        }
        CustomerContactSet { id, contact } => {
            conn.prepare_cached(
                "UPDATE customers SET contact = ?2, contact_hlc = ?3 WHERE id = ?1 AND contact_hlc < ?3",
            )?
            .execute(params![id, contact, h])?;
        }
        TierSet { customer, from, tier } => set_tier(conn, customer, *from, *tier, h)?,
        TicketOpened { id, tag, seq, customer, title, description, kind, assignee, received_at } => {
            let number = crate::domain::TicketNumber::new(tag, *seq).to_string();
            let inserted = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO tickets (id, number, device_tag, seq, customer_id, title, description, kind,
                    status, is_open, assignee, received_at, title_hlc, description_hlc, kind_hlc, status_hlc,
                    assignee_hlc, response_hlc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'new', 1, ?9, ?10, ?11, ?11, ?11, ?11, ?11, ?11)",
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
        TicketTitleSet { id, title } => {
            if set_field(conn, "title", id, &title.as_str(), h)? {
                super::search::touch(conn, id)?;
                super::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketDescriptionSet { id, description } => {
            if set_field(conn, "description", id, &description.as_str(), h)? {
                super::search::touch(conn, id)?;
            }
        }
        TicketKindSet { id, kind } => {
            if set_field(conn, "kind", id, &kind.as_str(), h)? {
                super::month_totals::ticket_changed(conn, id)?;
            }
        }
        TicketAssigneeSet { id, assignee } => {
            set_field(conn, "assignee", id, assignee, h)?;
        }
        TicketStatusSet { id, status } => {
            let was_open: Option<bool> = conn
                .prepare_cached("SELECT is_open FROM tickets WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let changed = conn
                .prepare_cached(
                    "UPDATE tickets SET status = ?2, is_open = ?3, status_hlc = ?4 WHERE id = ?1 AND status_hlc < ?4",
                )?
                .execute(params![id, status.as_str(), status.is_open(), h])?;
            if changed > 0 && was_open != Some(status.is_open()) {
                // Opened or closed: in or out of the open tickets' search index.
                super::search::touch(conn, id)?;
            }
        }
        FirstResponse { id, at, resolve_by } => {
            // The customer was answered at the earliest response (the SLA clock stopped then); the
            // promised date is the one said last (by clock). Both orders of arrival give the same row.
            conn.prepare_cached(
                "UPDATE tickets SET first_response_at = min(coalesce(first_response_at, ?2), ?2),
                    resolve_by = CASE WHEN first_response_at IS NULL OR response_hlc < ?4 THEN ?3 ELSE resolve_by END,
                    response_hlc = max(response_hlc, ?4)
                 WHERE id = ?1",
            )?
            .execute(params![id, at, resolve_by, h])?;
        }
        CommentAdded { id, ticket, author, body, at } => {
            let added = conn.prepare_cached("INSERT OR IGNORE INTO comments (id, ticket_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![id, ticket, author, body, at],
            )?;
            if added > 0 {
                super::search::touch(conn, ticket)?;
            }
        }
        CommentDeleted { id } => {
            let ticket: Option<String> = conn
                .query_row(
                    "UPDATE comments SET deleted = 1 WHERE id = ?1 AND deleted = 0 RETURNING ticket_id",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(ticket) = ticket {
                super::search::touch(conn, &ticket)?;
            }
        }
        TimeEntryAdded { id, ticket, customer, started_at, minutes, technician, role, note, replaces, at, entry } => {
            let entry = match (entry, replaces) {
                (Some(e), _) => e.clone(),
                (None, Some(old)) => entry_of(conn, old)?.unwrap_or_else(|| old.clone()),
                (None, None) => id.clone(),
            };
            // A first version is current unless the entry was removed (by a newer clock); any other
            // version is born voided and the entry's current version decided among all of them.
            let first = entry == *id;
            let voided = !first
                || conn
                    .prepare_cached("SELECT 1 FROM entry_removals WHERE entry = ?1 AND hlc > ?2")?
                    .query_row(params![entry, h], |_| Ok(()))
                    .optional()?
                    .is_some();
            let added = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO time_entries (id, ticket_id, customer_id, started_at, minutes, technician,
                        role, note, replaces, created_at, entry, hlc, voided)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
                    at,
                    entry,
                    h,
                    voided
                ])?;
            if added > 0 && first && !voided {
                super::month_totals::touch(conn, zone, ticket, role.as_str(), *started_at)?;
            } else if added > 0 && !first {
                settle_entry(conn, zone, &entry)?;
            }
        }
        TimeEntryVoided { id } => {
            let entry = entry_of(conn, id)?.unwrap_or_else(|| id.clone());
            conn.prepare_cached(
                "INSERT INTO entry_removals (entry, hlc) VALUES (?1, ?2)
                 ON CONFLICT (entry) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > entry_removals.hlc",
            )?
            .execute(params![entry, h])?;
            settle_entry(conn, zone, &entry)?;
        }
        TimerStarted { id, technician, ticket, started_at, role } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO timers (id, technician, ticket_id, started_at, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, technician, ticket, started_at, role.as_str()])?;
        }
        TimerStopped { id } => {
            conn.prepare_cached("DELETE FROM timers WHERE id = ?1")?.execute([id])?;
        }
        MonthClosed { .. }
        | MonthReopened { .. }
        | AdjustmentBooked { .. }
        | AdjustmentCancelled { .. }
        | StatusReportRecorded { .. } => super::months::apply(conn, &op.change, h)?,
        ConflictSettled { id, resolution, at } => super::conflicts::settle(conn, id, resolution, *at, h)?,
        CopyCreated { device, tag } => claim_tag(conn, tag, device)?,
        CopyRetired { device } => {
            conn.prepare_cached(
                "INSERT INTO copy_tags (device, tag, retired) VALUES (?1, NULL, 1)
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
        "INSERT INTO copy_tags (device, tag) VALUES (?1, ?2) ON CONFLICT (device) DO UPDATE SET tag = excluded.tag
         WHERE copy_tags.tag IS NULL",
    )?
    .execute([device, tag])?;
    Ok(())
}

/// The entry a time-entry row is a version of.
pub(super) fn entry_of(conn: &Connection, row: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT entry FROM time_entries WHERE id = ?1")?
        .query_row([row], |r| r.get(0))
        .optional()?)
}

/// Decides an entry's current version: its newest row by clock, unless a removal is newer. Voids every
/// other row and keeps the month totals of the rows that changed in step.
pub(super) fn settle_entry(conn: &Connection, zone: Option<chrono_tz::Tz>, entry: &str) -> Result<()> {
    let newest: Option<(String, String)> = conn
        .prepare_cached("SELECT id, hlc FROM time_entries WHERE entry = ?1 ORDER BY hlc DESC, id DESC LIMIT 1")?
        .query_row([entry], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let removed: Option<String> = conn
        .prepare_cached("SELECT hlc FROM entry_removals WHERE entry = ?1")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    let current = match (newest, removed) {
        (Some((_, hlc)), Some(gone)) if gone > hlc => None,
        (Some((id, _)), _) => Some(id),
        (None, _) => None,
    };
    let changed: Vec<String> = {
        let mut stmt = conn.prepare_cached(
            "UPDATE time_entries SET voided = (id IS NOT ?2) WHERE entry = ?1 AND voided != (id IS NOT ?2) RETURNING id",
        )?;
        let rows = stmt.query_map(params![entry, current], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in changed {
        super::month_totals::touch_entry(conn, zone, &id)?;
    }
    Ok(())
}

fn set_tier(conn: &Connection, customer: &str, from: YearMonth, tier: Tier, h: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tier_changes (customer_id, from_month, tier, hlc) VALUES (?1, ?2, ?3, ?4)
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
        _ => {}
    }
    dirty.then_some(c)
}

/// Last-writer-wins update of one ticket column (a fixed, known name: never user input); whether it won.
fn set_field(conn: &Connection, column: &str, id: &str, value: &dyn rusqlite::ToSql, h: &str) -> Result<bool> {
    let sql = format!("UPDATE tickets SET {column} = ?2, {column}_hlc = ?3 WHERE id = ?1 AND {column}_hlc < ?3");
    Ok(conn.prepare_cached(&sql)?.execute(params![id, value, h])? > 0)
}

/// State tables in dependency order (children last).
pub const STATE_TABLES: [&str; 14] = [
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
];

/// Empties the state tables and replays the whole log in clock order (`progress`: operations so far).
pub(super) fn rebuild(
    conn: &Connection,
    zone: Option<chrono_tz::Tz>,
    progress: &mut dyn FnMut(usize),
) -> Result<usize> {
    // Rows outside the state tables (sync conflicts) refer to tickets: check references once the log is
    // replayed, at the end of the caller's transaction, not while the tables are empty.
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    super::search::clear(conn)?;
    super::search::defer(conn)?;
    super::month_totals::defer(conn)?;
    conn.execute("DELETE FROM work_months", [])?;
    for table in STATE_TABLES.iter().rev() {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut stmt = conn.prepare("SELECT id, hlc, device, actor, body FROM oplog ORDER BY hlc, id")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        apply(conn, &read_op(row)?, None)?;
        n += 1;
        progress(n);
    }
    drop(rows);
    drop(stmt);
    super::search::flush(conn)?;
    match zone {
        Some(zone) => super::month_totals::rebuild(conn, zone)?,
        None => super::month_totals::flush(conn, None)?,
    }
    Ok(n)
}

pub(super) fn read_op(row: &rusqlite::Row<'_>) -> rusqlite::Result<OpRecord> {
    let body: String = row.get(4)?;
    let change = serde_json::from_str(&body)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(OpRecord { id: row.get(0)?, hlc: row.get(1)?, device: row.get(2)?, actor: row.get(3)?, change })
}
