//! The store's side of syncing copies: version vectors, the operations another copy lacks, importing
//! them (validated, in one transaction), peers, and a copy's identity.
//!
//! Every copy ("device") appends its own operations in increasing clock order, and an exchange always
//! sends everything above the receiver's clock for each device, in clock order, in one transaction.
//! So what a copy knows of each device is a prefix of that device's operations, summed up by one clock
//! value per device: the version vector.
//!
//! Concurrent changes of the same thing are decided by the clock on every copy; the losers are
//! conflicts, derived from the changes as they are applied (`conflicts.rs`), so an import only counts
//! the open conflicts it added. Before anything is applied, an import refuses operations that would
//! break a copy's identity (`identity.rs`): a ticket number or copy tag given to two copies, changes made
//! under this copy's own identity elsewhere, or an operation known here with other content.

mod peers;
mod skew;

pub(super) use peers::upsert_peer;
pub use peers::{CopyIdentity, Peer};
pub use skew::MAX_AHEAD_MS;

use crate::t;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::change::{Change, OpRecord};
use super::codec;
use super::oplog::{OP_SELECT, read_op};
use super::{Hlc, Result, Store, StoreError, from_ts, get_meta, set_meta};

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

impl Store {
    pub fn team_id(&self) -> Result<String> {
        Ok(get_meta(self.conn(), "team_id")?.unwrap_or_default())
    }

    pub fn device_tag(&self) -> Result<String> {
        Ok(get_meta(self.conn(), "device_tag")?.unwrap_or_default())
    }

    /// The highest clock value known per device.
    pub fn vector(&self) -> Result<Vector> {
        // Device by device along the (device, clock) index: one lookup each, where `GROUP BY device`
        // would read the whole log.
        let mut devices = self.conn().prepare_cached("SELECT no, id FROM devices")?;
        let mut last = self.conn().prepare_cached("SELECT max(clock) FROM oplog WHERE device = ?1")?;
        let mut out = Vector::new();
        let rows = devices.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for row in rows {
            let (no, id) = row?;
            if let Some(clock) = last.query_row([no], |r| r.get::<_, Option<i64>>(0))? {
                let device = codec::id_text(&id);
                out.insert(device.clone(), codec::hlc_of(clock, device).to_string());
            }
        }
        Ok(out)
    }

    /// The operations a copy with vector `theirs` lacks, in clock order.
    pub fn ops_missing_from(&self, theirs: &Vector) -> Result<Vec<OpRecord>> {
        let mut out = Vec::new();
        let sql = format!("{OP_SELECT} WHERE o.device = ?1 AND o.clock > ?2 ORDER BY o.clock");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut devices = self.conn().prepare_cached("SELECT no, id FROM devices")?;
        let known: Vec<(i64, String)> = devices
            .query_map([], |r| Ok((r.get(0)?, codec::id_text(&r.get::<_, Vec<u8>>(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        for (no, device) in known {
            let after = theirs.get(&device).and_then(|h| h.parse::<Hlc>().ok()).map_or(-1, |h| codec::clock_of(&h));
            let rows = stmt.query_map(params![no, after], read_op)?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by(|a, b| a.hlc.cmp(&b.hlc));
        Ok(out)
    }

    /// How many of this copy's own operations no peer has acknowledged yet.
    pub fn unshared_count(&self) -> Result<i64> {
        let shared = get_meta(self.conn(), "shared_up_to")?.unwrap_or_default();
        let after = shared.parse::<Hlc>().map_or(-1, |h| codec::clock_of(&h));
        Ok(self.conn().query_row(
            "SELECT count(*) FROM oplog WHERE device = (SELECT no FROM devices WHERE id = id_blob(?1)) AND clock > ?2",
            params![self.device(), after],
            |r| r.get(0),
        )?)
    }

    pub fn last_sync_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(get_meta(self.conn(), "last_sync_at")?.and_then(|s| s.parse().ok()).map(from_ts))
    }

    /// Imports another copy's operations (validated first, then applied in one transaction), and
    /// records what we now know the peer knows. `peer_vector` is the sender's vector at the exchange.
    /// Refused before anything is applied when the operations would break a copy's identity
    /// ([`Store::check_incoming`]). A technician left with two running timers (started on two copies)
    /// keeps the later one: the earlier is stopped when the later started, the same way on every copy.
    pub fn import_ops(
        &mut self,
        ops: &[OpRecord],
        peer_device: &str,
        peer_tag: &str,
        peer_vector: &Vector,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        self.import_encoded(ops, None, (peer_device, peer_tag, peer_vector), now)
    }

    /// [`Store::import_ops`] with the log's body of each operation made beforehand (`bodies[i]` is
    /// `codec::encode_body` of `ops[i].change`, or `codec::encode_body_quick` in a join's bulk load: the
    /// same JSON, e.g. made on another thread while the previous page was applied); `None`, or a count
    /// that does not match: made here.
    pub fn import_encoded(
        &mut self,
        ops: &[OpRecord],
        bodies: Option<Vec<Vec<u8>>>,
        (peer_device, peer_tag, peer_vector): (&str, &str, &Vector),
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(t!("sync-copy-read-only-import")));
        }
        for op in ops {
            if op.device.is_empty() || op.hlc.parse::<Hlc>().is_err() {
                return Err(StoreError::Invalid(t!("sync-malformed-incoming", op = op.hlc.as_str())));
            }
        }
        self.check_clock(ops, (peer_device, peer_tag), now)?;
        let mut order: Vec<usize> = (0..ops.len()).collect();
        order.sort_by(|&a, &b| ops[a].hlc.cmp(&ops[b].hlc));
        let sorted: Vec<&OpRecord> = order.iter().map(|&i| &ops[i]).collect();
        // The log's compressed bodies, made on every core beforehand when there are many (compressing is
        // a fifth of applying an operation): the same bytes the apply below would make one by one (or,
        // handed over by a join's load, the same JSON compressed at a lower level).
        let mut bodies = match bodies {
            Some(mut made) if made.len() == ops.len() => {
                order.iter().map(|&i| Some(std::mem::take(&mut made[i]))).collect::<Vec<_>>().into_iter()
            }
            _ => encode_bodies(&sorted)?.into_iter(),
        };
        let marks = !self.join_load;
        let mut notices = Vec::new();
        let open_before = self.open_conflict_ids()?;
        // Given back only when the transaction commits (what one that rolled back read is not kept).
        let fresh = self.fresh.take();
        let (imported, fresh) = self.write(now, |w| {
            w.set_fresh(fresh);
            let present = super::identity::check_ops(w.conn(), w.device, &sorted)?;
            // Each touched ticket is re-indexed for search once, at the end (600 comments on one ticket
            // re-indexed it 600 times, each time with all its comments: quadratic); in a join's bulk load,
            // once at the end of the load (`Store::end_join_load`).
            super::search::defer(w.conn())?;
            notices.clear();
            let mut done = Imported::default();
            let mut timers = false;
            let mut previous: Option<&str> = None;
            for (op, there) in sorted.into_iter().zip(present) {
                let body = bodies.next().flatten();
                // An operation the log lacked before the loop is there now only when the same clock came
                // twice in this import (adjacent, the operations being sorted): only then asked again.
                let again = previous == Some(op.hlc.as_str());
                previous = Some(op.hlc.as_str());
                if (there || again) && super::identity::known(w.conn(), op)? {
                    done.skipped += 1;
                    continue;
                }
                super::identity::check_references(w.conn(), &w.numbers, op)?;
                if let Change::TierSet { customer, from, tier, .. } = &op.change {
                    notices.extend(super::months::tier_notice(w.conn(), customer, *from, *tier)?);
                }
                match &op.change {
                    Change::TimeEntryAdded { id, .. } | Change::TimeEntryVoided { id } if marks => {
                        done.entries.extend(versions_of(w.conn(), id)?);
                        done.entries.push(id.clone());
                    }
                    Change::TimerStarted { .. } => timers = true,
                    _ => {}
                }
                let close_before = match &op.change {
                    Change::MonthClosed { month, .. } if marks => month_close(w.conn(), month)?,
                    _ => None,
                };
                w.apply_foreign(op, body)?;
                if let Change::CustomerCreated { id, .. }
                | Change::CustomerRenamed { id, .. }
                | Change::CustomerUnarchived { id } = &op.change
                {
                    notices.extend(super::conflicts::twin_notice(w.conn(), id)?);
                }
                if let Change::TimeEntryAdded { id, .. } = &op.change
                    && marks
                {
                    done.entries.extend(versions_of(w.conn(), id)?);
                }
                if let Change::MonthClosed { month, starts_at, ends_at, .. } = &op.change
                    && marks
                    && month_close(w.conn(), month)? != close_before
                {
                    // The month's close is another copy's now: every entry of the month is checked against
                    // the statements it froze (work this copy had that the close lacks is a correction).
                    done.entries.extend(entries_between(w.conn(), *starts_at, *ends_at)?);
                }
                done.applied += 1;
            }
            if timers {
                done.entries.extend(super::work::stop_overlapping_timers(w)?);
            }
            if !marks {
                done.entries.clear();
            }
            done.entries.sort();
            done.entries.dedup();
            for id in &done.entries {
                w.conn().execute("INSERT OR IGNORE INTO sync_pending (entry_id) VALUES (id_blob(?1))", [id])?;
            }
            // The peer now has everything it sent plus what we had when we exchanged vectors (a copy is
            // never its own peer: a restored file taking back its own changes from a file of itself).
            if peer_device != w.device {
                upsert_peer(w.conn(), peer_device, peer_tag, peer_vector, now)?;
            }
            set_meta(w.conn(), "last_sync_at", &now.timestamp().to_string())?;
            // What the peer had of ours is shared (also when it came back in a bundle).
            if let Some(seen) = peer_vector.get(w.device) {
                let shared = get_meta(w.conn(), "shared_up_to")?.unwrap_or_default();
                if *seen > shared {
                    set_meta(w.conn(), "shared_up_to", seen)?;
                }
            }
            if marks {
                super::search::flush(w.conn())?;
            }
            Ok((done, w.take_fresh()))
        })?;
        self.fresh = fresh;
        self.notices.append(&mut notices);
        let mut imported = imported;
        imported.conflicts = self.open_conflict_ids()?.difference(&open_before).count();
        Ok(imported)
    }

    /// The ids of the open conflicts (to count those an import added).
    fn open_conflict_ids(&self) -> Result<std::collections::BTreeSet<String>> {
        Ok(self.conflicts(false)?.into_iter().map(|c| c.id).collect())
    }

    /// What the imports since the last call found that people should know, once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Entries that arrived by sync and were not yet checked against closed months, and customers whose
    /// closed months a change may reprice (see `months::mark_repricing`).
    pub fn pending_arrivals(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached("SELECT id_text(entry_id) FROM sync_pending ORDER BY entry_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Lets every arrival mark go (a new replica's: see `team::join`), in one statement.
    pub fn clear_all_pending_arrivals(&mut self) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM sync_pending", [])?;
        tx.commit()?;
        Ok(())
    }

    pub fn clear_pending_arrivals(&mut self, ids: &[String]) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in ids {
            tx.execute("DELETE FROM sync_pending WHERE entry_id = id_blob(?1)", [id])?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Below this many operations an import compresses their bodies as it applies them (threads cost more).
const ENCODE_APART_FROM: usize = 2_000;

/// The log's bodies of `ops` (`codec::encode_body`), in order, made on the machine's cores when there
/// are at least [`ENCODE_APART_FROM`]; otherwise none (each is made as it is applied).
fn encode_bodies(ops: &[&OpRecord]) -> Result<Vec<Option<Vec<u8>>>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if ops.len() < ENCODE_APART_FROM || threads < 2 {
        return Ok(Vec::new());
    }
    let part = ops.len().div_ceil(threads);
    let parts: Vec<Result<Vec<Option<Vec<u8>>>>> = std::thread::scope(|s| {
        let handles: Vec<_> = ops
            .chunks(part)
            .map(|chunk| s.spawn(move || chunk.iter().map(|op| codec::encode_body(&op.change).map(Some)).collect()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    let mut out = Vec::with_capacity(ops.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// The clock of a month's close in force (or of its reopening), if it was ever closed.
fn month_close(conn: &Connection, month: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT hlc FROM month_closes WHERE month = ?1")?
        .query_row([month], |r| r.get(0))
        .optional()?)
}

/// Every entry row that started in `[from, to)` (unix seconds).
fn entries_between(conn: &Connection, from: i64, to: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id_text(e.id) FROM customers c JOIN time_entries e ON e.customer = c.no
             WHERE e.started_at >= ?1 AND e.started_at < ?2",
    )?;
    let rows = stmt.query_map(params![from, to], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every row (version) of the entry that row `id` belongs to.
fn versions_of(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let Some(entry) = super::work::entry_of(conn, id)? else { return Ok(Vec::new()) };
    let sql = format!("SELECT id_text(id) FROM time_entries WHERE {}", super::work::ENTRY_ROWS);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([entry], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
