//! The SQLite half of a team's snapshots (`team snapshot`, `team join`; the server's half is
//! `team::server::snapshots`): a consistent copy of a replica with everything local to its desk taken
//! out, what such a file says it holds, and making one the file of a new desk.
//!
//! What is local to a desk, and so never in a snapshot (nor in a replica made from one):
//! - `meta`: its device id and tag, its clock's last value (replaced by the highest clock of the log,
//!   under the new device), its ticket sequence and copies made, what it shared (`shared_up_to`) and
//!   last synced, a restore's mark, its team binding and what it remembers of reaching the server;
//! - `sync_peers`: the copies and the server it exchanged with, and what it learnt of each;
//! - `sync_pending`: its arrivals not priced yet (a new replica prices none, see `team join`);
//! - `mail_threads` rows noted before the mail intake's bookkeeping went into the log (schema 13,
//!   `hlc IS NULL`): the intake file's own.
//!
//! Everything else is the team's: state tables derived from the log, the log itself, the search index,
//! copy tags (learnt from the log), conflicts and their settlements.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Hlc, Result, Store, StoreError, Vector, codec, set_meta};

/// What a snapshot file holds by its own account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotFacts {
    /// Its SQLite schema version (`PRAGMA user_version`).
    pub schema: i64,
    /// Its team's id.
    pub team_id: String,
    /// Its version vector (device → clock of its last operation): the cut of the server's log it holds.
    pub vector: Vector,
    /// How many operations its log holds.
    pub ops: u64,
}

/// The meta keys a desk keeps for itself.
const LOCAL_META: &[&str] = &[
    "device_id",
    "device_tag",
    "hlc",
    "ticket_seq",
    "copies_made",
    "shared_up_to",
    "last_sync_at",
    "restored_at",
    "restored_own_clock",
    super::team::BINDING,
    "team_last_contact",
    "team_offline_since",
    "team_last_try",
];

impl Store {
    /// Copies this file into `dest` (which must not exist) as of one instant (`VACUUM INTO`: one read
    /// transaction, so a pull committing meanwhile is in it wholly or not at all), then takes out of the
    /// copy everything local to this desk ([`neutralise`]). Returns what the copy holds.
    /// Errors: SQLite's (`dest` exists, the disk is full).
    pub fn copy_for_snapshot(&self, dest: &Path) -> Result<SnapshotFacts> {
        let name = dest.to_str().ok_or_else(|| StoreError::Invalid(dest.display().to_string()))?;
        self.conn().execute("VACUUM INTO ?1", [name])?;
        let conn = Connection::open_with_flags(dest, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        neutralise(&conn, &super::new_id(chrono::Utc::now()))?;
        facts(&conn)
    }
}

/// Takes out of a snapshot's file (or the copy of one) everything local to the desk that made it, and
/// gives it the device id `device`: a fresh desk's state, with the team's data and log.
pub fn neutralise(conn: &Connection, device: &str) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    for key in LOCAL_META {
        tx.execute("DELETE FROM meta WHERE key = ?1", [key])?;
    }
    for sql in ["DELETE FROM sync_peers", "DELETE FROM sync_pending", "DELETE FROM mail_threads WHERE hlc IS NULL"] {
        tx.execute(sql, [])?;
    }
    set_meta(&tx, "device_id", device)?;
    set_meta(&tx, "device_tag", "")?;
    set_meta(&tx, "ticket_seq", "0")?;
    set_meta(&tx, "copies_made", "0")?;
    // The clock goes on from the latest operation the log holds (as an import of it leaves it).
    let vector = vector_of(&tx)?;
    if let Some(last) = vector.values().filter_map(|h| h.parse::<Hlc>().ok()).max_by_key(|h| (h.millis, h.counter)) {
        let ours = Hlc { device: device.to_string(), ..last };
        set_meta(&tx, "hlc", &ours.to_string())?;
    }
    tx.commit()?;
    Ok(())
}

/// Opens a snapshot's file as it came from the server (untrusted): SQLite's `quick_check` when
/// `quick_check`, then its schema version. Errors: `Invalid` saying what is wrong (not a database, a
/// failed check).
pub fn open_snapshot_file(path: &Path, quick_check: bool) -> Result<(Connection, i64)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    if quick_check {
        let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Invalid(format!("quick_check: {verdict}")));
        }
    }
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((conn, schema))
}

/// What the file at `conn` holds by its own account (its schema version, team, vector and log size).
pub fn facts(conn: &Connection) -> Result<SnapshotFacts> {
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let team_id = super::get_meta(conn, "team_id")?.unwrap_or_default();
    let ops: i64 = conn.query_row("SELECT count(*) FROM oplog", [], |r| r.get(0))?;
    Ok(SnapshotFacts { schema, team_id, vector: vector_of(conn)?, ops: ops.max(0) as u64 })
}

/// The file's version vector, as [`Store::vector`] reads it.
fn vector_of(conn: &Connection) -> Result<Vector> {
    let mut stmt = conn.prepare(
        "SELECT d.id, (SELECT max(clock) FROM oplog o WHERE o.device = d.no) AS c FROM devices d WHERE c IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vector::new();
    for row in rows {
        let (id, clock) = row?;
        let device = codec::id_text(&id);
        out.insert(device.clone(), codec::hlc_of(clock, device).to_string());
    }
    Ok(out)
}

impl Store {
    /// A file made from a snapshot of `team_id`'s team becomes a replica of `binding`'s server (as
    /// [`Store::adopt_team`] makes an empty one). Errors: `Invalid` when the file is another team's.
    pub fn adopt_snapshot(&mut self, team_id: &str, binding: &super::Binding) -> Result<()> {
        if self.team_id()? != team_id {
            return Err(StoreError::Invalid(crate::t!("team-snapshot-another-team")));
        }
        let text = serde_json::to_string(binding).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        set_meta(&tx, super::team::BINDING, &text)?;
        tx.commit()?;
        Ok(())
    }
}
