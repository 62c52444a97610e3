//! Peers (what each copy we synced with is known to have) and making copies: a copy's tag reserved
//! here, its identity.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Vector;
use crate::domain::ticket::child_tag;
use crate::store::change::Change;
use crate::store::codec;
use crate::store::{Result, Store, from_ts, get_meta, new_id, set_meta};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub device: String,
    pub tag: String,
    pub last_sync_at: DateTime<Utc>,
    pub vector: Vector,
}

/// The identity made for a new copy (see [`Store::make_copy_identity`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyIdentity {
    /// The ticket-number tag reserved for the copy (e.g. `B`).
    pub tag: String,
    /// The copy's device id (a UUID text).
    pub device: String,
}

impl Store {
    /// Records what a peer is now known to have (after it acknowledged what we sent). This copy's own
    /// device is never recorded as a peer.
    pub fn record_peer(&mut self, device: &str, tag: &str, vector: &Vector, now: DateTime<Utc>) -> Result<()> {
        if device == self.device() {
            return Ok(());
        }
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
        let clock: Option<i64> = self.conn().query_row(
            "SELECT max(clock) FROM oplog WHERE device = (SELECT no FROM devices WHERE id = id_blob(?1))",
            [self.device()],
            |r| r.get(0),
        )?;
        Ok(clock.map(|c| codec::hlc_of(c, self.device().to_string()).to_string()).unwrap_or_default())
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

    /// Reserves the tag for a new copy made from this one (recorded here, so the next copy differs):
    /// the next child tag of this copy's tag that no copy this file knows of uses.
    pub fn reserve_copy_tag(&mut self) -> Result<String> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tag = next_copy_tag(&tx)?;
        tx.commit()?;
        Ok(tag)
    }

    /// The tag reserved here for the copy `device` (a branch of a duplicated copy moving to it, see
    /// `identity::branch_device`): the one this file knows it by, or the one reserved for it before, or
    /// the next one (as [`Store::reserve_copy_tag`]), remembered for it — so every file moving the branch
    /// gets the same tag.
    pub fn reserve_copy_tag_for(&mut self, device: &str) -> Result<String> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: Option<String> = tx
            .query_row("SELECT tag FROM copy_tags WHERE device = id_blob(?1) AND tag IS NOT NULL", [device], |r| {
                r.get(0)
            })
            .optional()?;
        let key = format!("tag_reserved_for:{device}");
        let tag = match known.or(get_meta(&tx, &key)?) {
            Some(tag) => tag,
            None => next_copy_tag(&tx)?,
        };
        set_meta(&tx, &key, &tag)?;
        tx.commit()?;
        Ok(tag)
    }

    /// Makes the identity of a new copy made from this one: a tag (as [`Store::reserve_copy_tag`]) and a
    /// device id, and records the copy's claim to its tag here, as the copy's first operation — so this
    /// file and every copy it syncs with know the tag is taken before the copy itself syncs.
    pub fn make_copy_identity(&mut self, now: DateTime<Utc>) -> Result<CopyIdentity> {
        self.write(now, |w| {
            let tag = next_copy_tag(w.conn())?;
            let device = new_id(now);
            w.record_as(&device, Change::CopyCreated { device: device.clone(), tag: tag.clone() })?;
            Ok(CopyIdentity { tag, device })
        })
    }

    /// Turns a fresh file copy into the copy `device` (see [`Store::make_copy_identity`]): the reserved
    /// tag, its own ticket counter, and the parent as its first peer (the copy knows everything the
    /// parent had, its own first operation included).
    pub fn become_copy(
        &mut self,
        tag: &str,
        device: &str,
        parent_device: &str,
        parent_tag: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let vector = self.vector()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_meta(&tx, "device_id", device)?;
        set_meta(&tx, "device_tag", tag)?;
        set_meta(&tx, "ticket_seq", "0")?;
        set_meta(&tx, "copies_made", "0")?;
        set_meta(&tx, "shared_up_to", vector.get(device).map_or("", String::as_str))?;
        set_meta(&tx, "last_sync_at", &now.timestamp().to_string())?;
        tx.execute("DELETE FROM sync_peers", [])?;
        tx.execute("DELETE FROM sync_conflicts", [])?;
        tx.execute("DELETE FROM sync_pending", [])?;
        upsert_peer(&tx, parent_device, parent_tag, &vector, now)?;
        tx.commit()?;
        self.device = device.to_string();
        Ok(())
    }
}

/// The next child tag of this file's tag that no copy it knows of uses; counted in `copies_made`.
fn next_copy_tag(conn: &Connection) -> Result<String> {
    let parent = get_meta(conn, "device_tag")?.unwrap_or_default();
    let mut made: u64 = get_meta(conn, "copies_made")?.and_then(|s| s.parse().ok()).unwrap_or(0);
    let tag = loop {
        let tag = child_tag(&parent, made);
        made += 1;
        if !crate::store::identity::tag_known(conn, &tag)? {
            break tag;
        }
    };
    set_meta(conn, "copies_made", &made.to_string())?;
    Ok(tag)
}

/// Records (or replaces) what we know of a peer.
pub(in crate::store) fn upsert_peer(
    conn: &Connection,
    device: &str,
    tag: &str,
    vector: &Vector,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_peers (device, tag, last_sync_at, vector) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device) DO UPDATE SET tag = excluded.tag, last_sync_at = excluded.last_sync_at,
            vector = excluded.vector",
        params![device, tag, now.timestamp(), serde_json::to_string(vector).unwrap_or_default()],
    )?;
    Ok(())
}
