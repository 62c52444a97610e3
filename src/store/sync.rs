//! The store's side of syncing copies: version vectors, the operations another copy lacks, importing
//! them (validated, in one transaction) with field-conflict detection, peers, and a copy's identity.
//!
//! Every copy ("device") appends its own operations in increasing clock order, and an exchange always
//! sends everything above the receiver's clock for each device, in clock order, in one transaction.
//! So what a copy knows of each device is a prefix of that device's operations, summed up by one clock
//! value per device: the version vector.
//!
//! A field conflict is two copies setting the same ticket field without either having seen the other's
//! write. On import, an incoming field change conflicts with the local one when they come from different
//! devices, the values differ, and the local write was not yet known to the sender (its clock is above
//! the sender's vector for the local write's device). The clock decides the winner on every copy; the
//! conflict is recorded locally so a person can keep the result or pick the other value.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::ops::{self, Change, OpRecord, read_op};
use super::{Hlc, Result, Store, StoreError, from_ts, get_meta, new_id, set_meta};
use crate::domain::ticket::child_tag;

/// Device id → highest clock value known from that device.
pub type Vector = BTreeMap<String, String>;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub applied: usize,
    pub skipped: usize,
    pub conflicts: usize,
    /// Time entries that arrived or were removed (for closed-month corrections): entry ids.
    pub entries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    pub ticket_id: String,
    pub ticket_number: String,
    pub field: String,
    pub kept_value: Option<String>,
    pub other_value: Option<String>,
    pub detected_at: DateTime<Utc>,
    pub resolved: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub device: String,
    pub tag: String,
    pub last_sync_at: DateTime<Utc>,
    pub vector: Vector,
}

impl Store {
    pub fn team_id(&self) -> Result<String> {
        Ok(get_meta(self.conn(), "team_id")?.unwrap_or_default())
    }

    pub fn device_tag(&self) -> Result<String> {
        Ok(get_meta(self.conn(), "device_tag")?.unwrap_or_default())
    }

    /// The highest clock value known per device.
    pub fn vector(&self) -> Result<Vector> {
        // Device by device along the (device, hlc) index: two lookups each, where `GROUP BY device`
        // would read the whole log (a quarter of a second per million operations).
        let mut next = self.conn().prepare_cached("SELECT min(device) FROM oplog WHERE device > ?1")?;
        let mut last = self.conn().prepare_cached("SELECT max(hlc) FROM oplog WHERE device = ?1")?;
        let mut out = Vector::new();
        let mut after = String::new();
        while let Some(device) = next.query_row([&after], |r| r.get::<_, Option<String>>(0))? {
            out.insert(device.clone(), last.query_row([&device], |r| r.get(0))?);
            after = device;
        }
        Ok(out)
    }

    /// The operations a copy with vector `theirs` lacks, in clock order.
    pub fn ops_missing_from(&self, theirs: &Vector) -> Result<Vec<OpRecord>> {
        let mut out = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, hlc, device, actor, body FROM oplog WHERE device = ?1 AND hlc > ?2 ORDER BY hlc",
        )?;
        for device in self.vector()?.keys() {
            let after = theirs.get(device).map_or("", String::as_str);
            let rows = stmt.query_map(params![device, after], read_op)?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by(|a, b| a.hlc.cmp(&b.hlc).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// How many of this copy's own operations no peer has acknowledged yet.
    pub fn unshared_count(&self) -> Result<i64> {
        let shared = get_meta(self.conn(), "shared_up_to")?.unwrap_or_default();
        Ok(self.conn().query_row(
            "SELECT count(*) FROM oplog WHERE device = ?1 AND hlc > ?2",
            params![self.device(), shared],
            |r| r.get(0),
        )?)
    }

    pub fn last_sync_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(get_meta(self.conn(), "last_sync_at")?.and_then(|s| s.parse().ok()).map(from_ts))
    }

    /// Imports another copy's operations (validated first, then applied in one transaction), and
    /// records what we now know the peer knows. `peer_vector` is the sender's vector at the exchange.
    pub fn import_ops(
        &mut self,
        ops: &[OpRecord],
        peer_device: &str,
        peer_tag: &str,
        peer_vector: &Vector,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly("this copy is open read-only; nothing was imported".into()));
        }
        for op in ops {
            if op.id.is_empty() || op.device.is_empty() || op.hlc.parse::<Hlc>().is_err() {
                return Err(StoreError::Invalid(format!("a malformed operation in the incoming data (`{}`)", op.id)));
            }
        }
        let mut sorted: Vec<&OpRecord> = ops.iter().collect();
        sorted.sort_by(|a, b| a.hlc.cmp(&b.hlc).then_with(|| a.id.cmp(&b.id)));
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let zone = super::month_totals::file_zone(&tx)?;
        let mut clock: Option<Hlc> = get_meta(&tx, "hlc")?.and_then(|s| s.parse().ok());
        let mut done = Imported::default();
        for op in sorted {
            let known = tx.query_row("SELECT 1 FROM oplog WHERE id = ?1", [&op.id], |_| Ok(())).optional()?.is_some();
            if known {
                done.skipped += 1;
                continue;
            }
            if detect_conflict(&tx, op, peer_vector, now)? {
                done.conflicts += 1;
            }
            match &op.change {
                Change::TimeEntryAdded { id, replaces, .. } => {
                    done.entries.push(id.clone());
                    done.entries.extend(replaces.clone());
                }
                Change::TimeEntryVoided { id } => done.entries.push(id.clone()),
                _ => {}
            }
            ops::apply(&tx, op, zone)?;
            ops::append(&tx, op)?;
            done.applied += 1;
            let h: Option<Hlc> = op.hlc.parse().ok();
            if h > clock {
                clock = h;
            }
        }
        if let Some(h) = clock {
            set_meta(&tx, "hlc", &h.to_string())?;
        }
        for id in &done.entries {
            tx.execute("INSERT OR IGNORE INTO sync_pending (entry_id) VALUES (?1)", [id])?;
        }
        // The peer now has everything it sent plus what we had when we exchanged vectors.
        upsert_peer(&tx, peer_device, peer_tag, peer_vector, now)?;
        set_meta(&tx, "last_sync_at", &now.timestamp().to_string())?;
        // What the peer had of ours is shared (also when it came back in a bundle).
        if let Some(seen) = peer_vector.get(&self.device) {
            let shared = get_meta(&tx, "shared_up_to")?.unwrap_or_default();
            if *seen > shared {
                set_meta(&tx, "shared_up_to", seen)?;
            }
        }
        tx.commit()?;
        Ok(done)
    }

    /// Entries that arrived by sync and were not yet checked against closed months.
    pub fn pending_arrivals(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached("SELECT entry_id FROM sync_pending ORDER BY entry_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn clear_pending_arrivals(&mut self, ids: &[String]) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in ids {
            tx.execute("DELETE FROM sync_pending WHERE entry_id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records what a peer is now known to have (after it acknowledged what we sent).
    pub fn record_peer(&mut self, device: &str, tag: &str, vector: &Vector, now: DateTime<Utc>) -> Result<()> {
        upsert_peer(&self.conn, device, tag, vector, now)
    }

    /// After the peer acknowledged our operations up to `own_hlc`.
    pub fn mark_shared(&mut self, own_hlc: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = get_meta(&tx, "shared_up_to")?.unwrap_or_default();
        if own_hlc > current.as_str() {
            set_meta(&tx, "shared_up_to", own_hlc)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The highest clock of this copy's own operations.
    pub fn own_clock(&self) -> Result<String> {
        Ok(self
            .conn()
            .query_row("SELECT max(hlc) FROM oplog WHERE device = ?1", [self.device()], |r| {
                r.get::<_, Option<String>>(0)
            })?
            .unwrap_or_default())
    }

    pub fn peers(&self) -> Result<Vec<Peer>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT device, tag, last_sync_at, vector FROM sync_peers ORDER BY last_sync_at DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(Peer {
                device: r.get(0)?,
                tag: r.get(1)?,
                last_sync_at: from_ts(r.get(2)?),
                vector: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Conflicts, unresolved first, newest first.
    pub fn conflicts(&self, include_resolved: bool) -> Result<Vec<Conflict>> {
        let sql = format!(
            "SELECT s.id, s.ticket_id, t.number, s.field, s.kept_value, s.other_value, s.detected_at, s.resolution
             FROM sync_conflicts s JOIN tickets t ON t.id = s.ticket_id {}
             ORDER BY s.resolved_at IS NOT NULL, s.detected_at DESC, s.id",
            if include_resolved { "" } else { "WHERE s.resolved_at IS NULL" }
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                id: r.get(0)?,
                ticket_id: r.get(1)?,
                ticket_number: r.get(2)?,
                field: r.get(3)?,
                kept_value: r.get(4)?,
                other_value: r.get(5)?,
                detected_at: from_ts(r.get(6)?),
                resolved: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A ticket's unresolved conflicts.
    pub fn ticket_conflicts(&self, ticket_id: &str) -> Result<Vec<Conflict>> {
        Ok(self.conflicts(false)?.into_iter().filter(|c| c.ticket_id == ticket_id).collect())
    }

    /// Marks a conflict resolved (`kept` or `picked other`); picking the other value is a normal change
    /// the caller records.
    pub fn resolve_conflict(&mut self, id: &str, resolution: &str, now: DateTime<Utc>) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1 AND resolved_at IS NULL",
            params![id, now.timestamp(), resolution],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no open conflict `{id}`; see `helpdesk sync conflicts`")));
        }
        Ok(())
    }

    /// Reserves the tag for a new copy made from this one (recorded here, so the next copy differs).
    pub fn reserve_copy_tag(&mut self) -> Result<String> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let parent = get_meta(&tx, "device_tag")?.unwrap_or_default();
        let made: u64 = get_meta(&tx, "copies_made")?.and_then(|s| s.parse().ok()).unwrap_or(0);
        set_meta(&tx, "copies_made", &(made + 1).to_string())?;
        tx.commit()?;
        Ok(child_tag(&parent, made))
    }

    /// Turns a fresh file copy into its own device: new id, the reserved tag, its own ticket counter,
    /// and the parent as its first peer (the copy knows everything the parent had).
    pub fn become_copy(&mut self, tag: &str, parent_device: &str, parent_tag: &str, now: DateTime<Utc>) -> Result<()> {
        let vector = self.vector()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_meta(&tx, "device_id", &new_id(now))?;
        set_meta(&tx, "device_tag", tag)?;
        set_meta(&tx, "ticket_seq", "0")?;
        set_meta(&tx, "copies_made", "0")?;
        set_meta(&tx, "shared_up_to", "")?;
        set_meta(&tx, "last_sync_at", &now.timestamp().to_string())?;
        tx.execute("DELETE FROM sync_peers", [])?;
        tx.execute("DELETE FROM sync_conflicts", [])?;
        tx.execute("DELETE FROM sync_pending", [])?;
        upsert_peer(&tx, parent_device, parent_tag, &vector, now)?;
        tx.commit()?;
        self.device = get_meta(self.conn(), "device_id")?.unwrap_or_default();
        Ok(())
    }
}

/// Records (or replaces) what we know of a peer.
fn upsert_peer(conn: &Connection, device: &str, tag: &str, vector: &Vector, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_peers (device, tag, last_sync_at, vector) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device) DO UPDATE SET tag = excluded.tag, last_sync_at = excluded.last_sync_at,
            vector = excluded.vector",
        params![device, tag, now.timestamp(), serde_json::to_string(vector).unwrap_or_default()],
    )?;
    Ok(())
}

/// Ticket fields whose concurrent changes are conflicts: (column, clock column).
fn field_of(change: &Change) -> Option<(&'static str, &str, Option<String>)> {
    match change {
        Change::TicketTitleSet { id, title } => Some(("title", id, Some(title.clone()))),
        Change::TicketStatusSet { id, status } => Some(("status", id, Some(status.to_string()))),
        Change::TicketAssigneeSet { id, assignee } => Some(("assignee", id, assignee.clone())),
        Change::TicketKindSet { id, kind } => Some(("kind", id, Some(kind.to_string()))),
        Change::TicketDescriptionSet { id, description } => Some(("description", id, Some(description.clone()))),
        _ => None,
    }
}

fn detect_conflict(conn: &Connection, op: &OpRecord, peer_vector: &Vector, now: DateTime<Utc>) -> Result<bool> {
    let Some((field, ticket, incoming)) = field_of(&op.change) else { return Ok(false) };
    let sql = format!("SELECT {field}, {field}_hlc FROM tickets WHERE id = ?1");
    let Some((local, local_hlc)) =
        conn.query_row(&sql, [ticket], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))).optional()?
    else {
        return Ok(false);
    };
    let Ok(local_clock) = local_hlc.parse::<Hlc>() else { return Ok(false) };
    let Ok(incoming_clock) = op.hlc.parse::<Hlc>() else { return Ok(false) };
    let sender_knew = peer_vector.get(&local_clock.device).is_some_and(|seen| seen.as_str() >= local_hlc.as_str());
    // (A sender that changed a field knew the ticket, so a field still at its opening clock never conflicts.)
    if sender_knew || local_clock.device == incoming_clock.device || local == incoming {
        return Ok(false);
    }
    let (kept, other, kept_hlc, other_hlc) = if incoming_clock > local_clock {
        (incoming, local, op.hlc.clone(), local_hlc)
    } else {
        (local, incoming, local_hlc, op.hlc.clone())
    };
    conn.execute(
        "INSERT INTO sync_conflicts (id, ticket_id, field, kept_value, other_value, kept_hlc, other_hlc, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![new_id(now), ticket, field, kept, other, kept_hlc, other_hlc, now.timestamp()],
    )?;
    Ok(true)
}
