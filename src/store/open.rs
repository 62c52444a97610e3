//! Opening a database file: refuse what is not ours, set the pragmas, run the migrations.

use crate::t;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError, set_meta};
use crate::progress::{Progress, Unit};

/// SQL migrations, applied in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_init.sql"),
    include_str!("../../assets/migrations/0002_search.sql"),
    include_str!("../../assets/migrations/0003_months.sql"),
    include_str!("../../assets/migrations/0004_sync.sql"),
    include_str!("../../assets/migrations/0005_timer_role.sql"),
    include_str!("../../assets/migrations/0006_month_totals.sql"),
    include_str!("../../assets/migrations/0007_list_indexes.sql"),
    include_str!("../../assets/migrations/0008_merge_rules.sql"),
    include_str!("../../assets/migrations/0009_compact.sql"),
    include_str!("../../assets/migrations/0010_mail.sql"),
    include_str!("../../assets/migrations/0011_one_timer_and_conflicts.sql"),
    include_str!("../../assets/migrations/0012_customer_moves_and_archive.sql"),
    include_str!("../../assets/migrations/0013_mail_in_the_log.sql"),
    include_str!("../../assets/migrations/0014_month_figures.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How a command wants the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// Writing: a missing or empty file is created (its directory must exist).
    Create,
    /// Reading (read-write when permitted): the file must exist and hold something.
    Existing,
    /// Reading only: the file must exist and hold something.
    ReadOnly,
}

/// Opens the file after cheap checks only: the header, the schema version and that the schema can be
/// read. Nothing is written to a file that fails them, and nothing is created unless `access` is
/// `Create` (then the file, never a missing directory). Returns the connection and whether it is
/// read-only (asked for, or the file's permissions forbid writing).
pub(super) fn open_file(path: &Path, access: Access) -> Result<(Connection, bool)> {
    let shown = path.display().to_string();
    let io = |source| StoreError::Io { path: shown.clone(), source };
    // A directory, pipe or device at the path is refused before anything opens it: opening a pipe
    // waits for a writer, and SQLite's error for the others names no path.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(StoreError::NotADatabase { path: shown, what: "store-not-a-file" });
    }
    let holds_data = match std::fs::File::open(path) {
        Ok(mut f) => {
            use std::io::Read;
            let mut header = [0u8; 16];
            let n = f.read(&mut header).map_err(io)?;
            if n > 0 && (n < 16 || &header != SQLITE_HEADER) {
                return Err(StoreError::NotADatabase { path: shown, what: "store-not-sqlite" });
            }
            n > 0
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(e)),
    };
    super::filesystem::refuse_network_fs(path)?;
    if !holds_data && access != Access::Create {
        let shown = super::filesystem::named(path);
        let message =
            if path.exists() { t!("store-file-empty", path = shown) } else { t!("store-file-missing", path = shown) };
        return Err(StoreError::Missing(message));
    }
    if !path.exists() {
        super::filesystem::create_private(path)?;
    }
    let read_only = access == Access::ReadOnly || std::fs::OpenOptions::new().write(true).open(path).is_err();
    let access = if read_only { OpenFlags::SQLITE_OPEN_READ_ONLY } else { OpenFlags::SQLITE_OPEN_READ_WRITE };
    // The probed connection was advised when it was opened (`team::replica_technician`).
    let mut conn = match super::team::take_probed(path, read_only) {
        Some(conn) => conn,
        None => {
            super::read_pattern::before_open(path);
            let conn = Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            super::read_pattern::advise(path, &conn);
            conn
        }
    };
    conn.busy_timeout(busy_timeout()?)?;
    let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(e) if read_only && cannot_open_sidecars(&e) => {
            conn = read_as_it_is(path)?;
            conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| corrupt_or(e.into(), &shown))?
        }
        Err(e) => return Err(corrupt_or(e.into(), &shown)),
    };
    if version > LATEST_VERSION {
        return Err(StoreError::NewerVersion { path: shown, found: version, supported: LATEST_VERSION });
    }
    let objects = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
        .map_err(|e| corrupt_or(e.into(), &shown))?;
    if version == 0 && objects > 0 {
        // Refused before `configure`, which would switch the other program's file to WAL.
        return Err(StoreError::NotADatabase { path: shown, what: "store-other-program" });
    }
    if read_only {
        if version < LATEST_VERSION {
            return Err(StoreError::ReadOnly(t!("store-read-only-older", path = shown.as_str())));
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        tune_reads(&conn)?;
    } else {
        configure(&conn).map_err(|e| corrupt_or(e, &shown))?;
    }
    Ok((conn, read_only))
}

/// Whether a read-only open failed because SQLite may not create the `-wal`/`-shm` files beside the
/// database (a directory the user may not write to, or a read-only filesystem).
fn cannot_open_sidecars(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::SystemIoFailure)
    )
}

/// Opens a WAL database for reading where its `-wal`/`-shm` files cannot be created: as the file is
/// (`immutable=1`), which is exact when no `-wal` file holds changes not yet folded into it. When
/// one does, says why the file cannot be read here and what to do.
fn read_as_it_is(path: &Path) -> Result<Connection> {
    let shown = path.display();
    let wal = std::path::PathBuf::from(format!("{shown}-wal"));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::WalUnreadable(shown.to_string()));
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(Connection::open_with_flags(uri, flags)?)
}

/// A path as the path part of an SQLite `file:` URI (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// How long a write waits for another writer: `HELPDESK_BUSY_TIMEOUT_MS`, default 5 s (a bad value is
/// `Invalid`, naming the variable).
pub(super) fn busy_timeout() -> Result<std::time::Duration> {
    crate::environment::busy_timeout().map_err(|e| StoreError::Invalid(e.to_string()))
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(busy_timeout()?)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    tune_reads(conn)
}

/// Where an upgrade's replay reports its progress ([`report_upgrades_to`]); none until the binary sets it.
static UPGRADE_PROGRESS: std::sync::Mutex<Option<Progress>> = std::sync::Mutex::new(None);

/// Sends the progress of every later schema upgrade that replays the log (operations done of the
/// log's total) to `progress`: the command line shows it as a bar, since an upgrade of a big file takes
/// minutes. Upgrades of one process report to the last sink set.
pub fn report_upgrades_to(progress: Progress) {
    *UPGRADE_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()) = Some(progress);
}

fn upgrade_progress() -> Progress {
    UPGRADE_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or_default()
}

/// The page cache of a connection, in KiB (SQLite's negative `cache_size`): 16 MiB.
const READ_CACHE_KIB: i64 = -16_384;
/// The page cache while an upgrade rewrites or replays the state tables, in KiB: 256 MiB.
const UPGRADE_CACHE_KIB: i64 = -262_144;

/// Reads through a memory map (no read syscall per page on big files; none for a command that reads
/// a few pages, see [`super::read_pattern`]) and a 16 MiB page cache; plans made once per statement
/// ([`plan_once`]).
pub(super) fn tune_reads(conn: &Connection) -> Result<()> {
    plan_once(conn)?;
    conn.pragma_update(None, "mmap_size", super::read_pattern::mmap_bytes())?;
    conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
    Ok(())
}

/// Turns on SQLite's query planner stability guarantee (`SQLITE_DBCONFIG_ENABLE_QPSG`) for `conn`:
/// a statement's plan is made when it is prepared, from the tables' statistics, and not again for the
/// values bound to it.
///
/// Why: the bundled SQLite is built with `SQLITE_ENABLE_STAT4`. Without the guarantee, a statement
/// whose plan could depend on a bound value (a key compared with an indexed column, on a file that
/// has statistics) is compiled again at its first step after every new binding: a cached statement
/// asked with a new id or a list's next page was prepared twice. In a 100k `ticket list --open` that
/// was 18 of 22 statements, 1.06 M instructions of re-preparing against 0.5 M of preparing (callgrind,
/// 2 Dec 2026). Our queries look rows up by key and walk indexes in order; none chooses between
/// indexes by how common a value is, so one plan per statement is the plan for every value.
///
/// Errors: SQLite's, if it refuses the setting (it exists since 3.20).
pub(super) fn plan_once(conn: &Connection) -> Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn corrupt_or(e: StoreError, path: &str) -> StoreError {
    match e {
        StoreError::Sqlite(ref s) if matches!(s.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) => {
            StoreError::NotADatabase { path: path.to_string(), what: "store-not-sqlite" }
        }
        StoreError::Corrupt { detail, .. } => StoreError::Corrupt { path: path.to_string(), detail },
        other => other,
    }
}

/// A step of the upgrade that failed: one line naming the file and the step, without the step's SQL
/// (SQLite's message includes the whole script); the transaction is dropped, so the file is unchanged.
fn upgrade_failed(e: rusqlite::Error, path: &str, to: i64) -> StoreError {
    let what = match &e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    };
    match StoreError::from(e) {
        StoreError::Sqlite(_) => StoreError::Corrupt {
            path: path.to_string(),
            detail: t!("store-upgrade-failed", version = to.to_string(), what = what),
        },
        other => other,
    }
}

/// The schema version of the compact file: an upgrade from before it compacts the file afterwards.
const COMPACT_VERSION: i64 = 9;

/// The schema version whose state tables hold what only the log held before (stopped timers, cuts,
/// conflicts): an upgrade from before it replays the log.
const REBUILT_VERSION: i64 = 11;

pub(super) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| corrupt_or(e.into(), path))?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_string(), found: version, supported: LATEST_VERSION });
    }
    if version == LATEST_VERSION {
        return Ok(());
    }
    // An upgrade rewrites every table: sorts and the rewrite's temporary tables go to temporary files,
    // not memory (the bundled SQLite keeps them in memory by default, gigabytes for a big file).
    conn.pragma_update(None, "temp_store", "FILE")?;
    // The replay below touches every page of the state tables and their indexes in the log's order, not
    // theirs: a page cache of 256 MiB (not the usual 16) keeps a million-ticket file's hot pages in it.
    conn.pragma_update(None, "cache_size", UPGRADE_CACHE_KIB)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if objects > 0 {
            return Err(StoreError::NotADatabase { path: path.to_string(), what: "store-other-program" });
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql).map_err(|e| upgrade_failed(e, path, i as i64 + 1))?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    if (1..REBUILT_VERSION).contains(&version) {
        // Stopped timers, the cuts they make and the conflicts live only in the log until now: the state
        // is replayed from it once (as `check --replay` does), in the upgrade's transaction.
        let zone = super::month_totals::file_zone(&tx)?;
        let started = std::time::Instant::now();
        // (Its temporary table of ticket numbers goes with the temporary store's setting below: the
        // store creates its own after the upgrade.)
        tx.execute_batch(super::TICKET_NOS)?;
        let progress = upgrade_progress();
        let total: i64 = tx.query_row("SELECT count(*) FROM oplog", [], |r| r.get(0))?;
        let (stage, unit, total) = (t!("upgrade-stage-replay"), Unit::Count("operations"), total.max(0) as u64);
        progress.report(&stage, unit, 0, total);
        super::ops::rebuild(&tx, zone, &mut |n| {
            if n % 4096 == 0 {
                progress.report(&stage, unit, n as u64, total);
            }
        })
        .map_err(|e| match e {
            StoreError::Sqlite(e) => upgrade_failed(e, path, REBUILT_VERSION),
            other => other,
        })?;
        progress.report(&stage, unit, total, total);
        tracing::info!(path, seconds = started.elapsed().as_secs_f64(), "state rebuilt from the log after the upgrade");
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
    tracing::info!(path, from = version, to = LATEST_VERSION, "schema migrated");
    if (1..COMPACT_VERSION).contains(&version) {
        // The compact file's tables were written beside the old ones: the old pages are free now, and
        // the file is given back its size once (a rewrite into a temporary file, then copied back).
        let started = std::time::Instant::now();
        conn.execute_batch("VACUUM")?;
        tracing::info!(path, seconds = started.elapsed().as_secs_f64(), "file compacted after the upgrade");
    }
    conn.pragma_update(None, "temp_store", "DEFAULT")?;
    conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
    Ok(())
}

/// The memory map of a long session, in bytes: none (see [`super::Store::for_a_long_session`]).
const SESSION_MMAP_BYTES: i64 = 0;

impl super::Store {
    /// Reads of a long session (the TUI) go through the 16 MiB page cache instead of the memory map. A
    /// one-shot command gains from the map (no read call per page); a session that reads much of a big
    /// file over hours would keep every page it touched mapped, all of it counted in its resident memory.
    /// Errors: SQLite's, if the pragma is refused.
    pub fn for_a_long_session(&self) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", SESSION_MMAP_BYTES)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use rusqlite::config::DbConfig;

    /// Every way a command opens a file plans each statement once ([`super::plan_once`]).
    #[test]
    fn a_file_opened_to_write_or_to_read_plans_each_statement_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let store = Store::open(&path, "alice").unwrap();
        assert!(store.conn().db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
        drop(store);
        let store = Store::open_existing(&path, "alice").unwrap();
        assert!(store.conn().db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
        drop(store);
        let store = Store::open_read_only(&path, "alice").unwrap();
        assert!(store.conn().db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
        // A connection without it says so (the reading above is not always true).
        let plain = rusqlite::Connection::open(&path).unwrap();
        assert!(!plain.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
    }
}
