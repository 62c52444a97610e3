//! Opening a database file: refuse what is not ours, set the pragmas, run the migrations.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError, set_meta};

/// SQL migrations, applied in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[include_str!("../../assets/migrations/0001_init.sql")];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    let shown = path.display().to_string();
    let io = |source| StoreError::Io { path: shown.clone(), source };
    match std::fs::File::open(path) {
        Ok(mut f) => {
            use std::io::Read;
            let mut header = [0u8; 16];
            let n = f.read(&mut header).map_err(io)?;
            if n > 0 && (n < 16 || &header != SQLITE_HEADER) {
                return Err(StoreError::NotADatabase { path: shown });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private(path).map_err(io)?,
        Err(e) => return Err(io(e)),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    configure(&conn).map_err(|e| corrupt_or(e, &shown))?;
    Ok(conn)
}

/// A new database file readable by its owner only.
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map(drop)
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn corrupt_or(e: StoreError, path: &str) -> StoreError {
    match e {
        StoreError::Sqlite(ref s) if matches!(s.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) => {
            StoreError::NotADatabase { path: path.to_string() }
        }
        StoreError::Sqlite(ref s) if matches!(s.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt)) => {
            StoreError::Corrupt { path: path.to_string(), detail: s.to_string() }
        }
        other => other,
    }
}

pub(super) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| corrupt_or(e.into(), path))?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_string(), found: version, supported: LATEST_VERSION });
    }
    if version == LATEST_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if objects > 0 {
            return Err(StoreError::NotADatabase { path: format!("{path} (an SQLite file of another program)") });
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    if version == 0 {
        let now = chrono::Utc::now();
        set_meta(&tx, "device_id", &super::new_id(now))?;
        set_meta(&tx, "team_id", &super::new_id(now))?;
        set_meta(&tx, "device_tag", "")?;
        set_meta(&tx, "ticket_seq", "0")?;
        set_meta(&tx, "copies_made", "0")?;
    }
    tx.commit()?;
    Ok(())
}
