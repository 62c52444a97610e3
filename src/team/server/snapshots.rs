//! Snapshots the server keeps (schema version 5): a replica's file, zstd-compressed, in parts of
//! [`PART_BYTES`] (`helpdesk.snapshot_parts`, stored out of line uncompressed), described by a row of
//! `helpdesk.snapshots`: the file's SQLite schema version and the sync format of its log, the cut (the
//! file's version vector, JSON: the clock of the last operation of each device it holds — a prefix of
//! each device's log on the server), how many operations its log holds, the file's size and SHA-256
//! (of the uncompressed file), the compressed size, how many parts, who made it and when.
//!
//! A snapshot is written in three steps: its row (`complete = false`), its parts one statement each,
//! then in one transaction its sizes and hash, `complete = true`, and every older snapshot removed. A
//! reader only ever takes a complete one. Only the schema's owner may write (the tables belong to it and
//! nobody is granted more than SELECT): a snapshot holds every desk's operations, which the server lets
//! no technician insert but the admin (see the identity trigger).

use postgres::{Client, GenericClient};

/// The most compressed bytes in one part (one row, one exchange).
pub const PART_BYTES: usize = 8 << 20;

/// A snapshot's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRow {
    pub id: i64,
    /// The role that made it.
    pub made_by: String,
    pub made_at: std::time::SystemTime,
    /// The file's SQLite schema version (`PRAGMA user_version`).
    pub file_schema: i32,
    /// The sync format of the operations in its log.
    pub log_format: i32,
    /// The file's version vector as JSON (device → clock of its last operation there).
    pub cut: String,
    /// Operations in the file's log.
    pub ops: i64,
    /// The uncompressed file's size and SHA-256 (lowercase hex).
    pub size: i64,
    pub sha256: String,
    /// Bytes of all parts together, and how many parts.
    pub compressed: i64,
    pub parts: i32,
}

const SELECT_SNAPSHOTS: &str = "SELECT id, made_by::text, made_at, file_schema, log_format, cut, ops, size, sha256,
    compressed, parts FROM helpdesk.snapshots";

fn row_of(r: &postgres::Row) -> SnapshotRow {
    SnapshotRow {
        id: r.get(0),
        made_by: r.get(1),
        made_at: r.get(2),
        file_schema: r.get(3),
        log_format: r.get(4),
        cut: r.get(5),
        ops: r.get(6),
        size: r.get(7),
        sha256: r.get(8),
        compressed: r.get(9),
        parts: r.get(10),
    }
}

/// Starts a snapshot (not complete yet): its id. Refused (42501) for anyone but the admin.
pub fn begin_snapshot(
    client: &mut impl GenericClient,
    file_schema: i32,
    log_format: i32,
    cut: &str,
    ops: i64,
) -> Result<i64, postgres::Error> {
    Ok(client
        .query_one(
            "INSERT INTO helpdesk.snapshots (file_schema, log_format, cut, ops) VALUES ($1, $2, $3, $4) RETURNING id",
            &[&file_schema, &log_format, &cut, &ops],
        )?
        .get(0))
}

/// Stores part `part` (from 0) of snapshot `id`.
pub fn put_part(client: &mut impl GenericClient, id: i64, part: i32, data: &[u8]) -> Result<(), postgres::Error> {
    client.execute(
        "INSERT INTO helpdesk.snapshot_parts (snapshot, part, data) VALUES ($1, $2, $3)",
        &[&id, &part, &data],
    )?;
    Ok(())
}

/// Marks snapshot `id` complete with its sizes and hash, and removes every older snapshot (complete or
/// not), in one transaction.
pub fn complete_snapshot(
    client: &mut Client,
    id: i64,
    (size, sha256): (i64, &str),
    (compressed, parts): (i64, i32),
) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute(
        "UPDATE helpdesk.snapshots SET size = $2, sha256 = $3, compressed = $4, parts = $5, complete = true WHERE id = $1",
        &[&id, &size, &sha256, &compressed, &parts],
    )?;
    tx.execute("DELETE FROM helpdesk.snapshots WHERE id < $1", &[&id])?;
    tx.commit()
}

/// Removes snapshot `id` (one whose making failed), if it is still there.
pub fn drop_snapshot(client: &mut impl GenericClient, id: i64) -> Result<(), postgres::Error> {
    client.execute("DELETE FROM helpdesk.snapshots WHERE id = $1 AND NOT complete", &[&id])?;
    Ok(())
}

/// The newest complete snapshot, whatever its versions (`team status`).
pub fn newest_snapshot(client: &mut impl GenericClient) -> Result<Option<SnapshotRow>, postgres::Error> {
    let sql = format!("{SELECT_SNAPSHOTS} WHERE complete ORDER BY id DESC LIMIT 1");
    Ok(client.query_opt(&sql, &[])?.as_ref().map(row_of))
}

/// The newest complete snapshot of file schema `file_schema` and sync format `log_format` (one this
/// helpdesk reads), if any.
pub fn newest_readable_snapshot(
    client: &mut impl GenericClient,
    file_schema: i32,
    log_format: i32,
) -> Result<Option<SnapshotRow>, postgres::Error> {
    let sql = format!(
        "{SELECT_SNAPSHOTS} WHERE complete AND file_schema = $1 AND log_format = $2
         ORDER BY id DESC LIMIT 1"
    );
    Ok(client.query_opt(&sql, &[&file_schema, &log_format])?.as_ref().map(row_of))
}

/// Part `part` of snapshot `id`; `None` when it is missing.
pub fn part(client: &mut impl GenericClient, id: i64, part: i32) -> Result<Option<Vec<u8>>, postgres::Error> {
    Ok(client
        .query_opt("SELECT data FROM helpdesk.snapshot_parts WHERE snapshot = $1 AND part = $2", &[&id, &part])?
        .map(|r| r.get(0)))
}

/// Whether this session's role may store snapshots (the admin's: the tables' owner, or a superuser).
pub fn may_write_snapshots(client: &mut impl GenericClient) -> Result<bool, postgres::Error> {
    Ok(client
        .query_one(
            "SELECT has_table_privilege('helpdesk.snapshots', 'INSERT')
                AND has_table_privilege('helpdesk.snapshot_parts', 'INSERT')",
            &[],
        )?
        .get(0))
}
