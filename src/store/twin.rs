//! Two reads of one snapshot at once: a second connection to the same file, in a second thread,
//! reading exactly the state this connection's read transaction reads (SQLite's snapshots,
//! `sqlite3_snapshot_get` / `sqlite3_snapshot_open`, built in by `SQLITE_ENABLE_SNAPSHOT` in
//! `.cargo/config.toml`).
//!
//! When the write-ahead log has had no transaction yet (a file opened after every connection to it
//! closed) SQLite gives no snapshot; the twin then reads the same state when it too finds the log
//! without one (see [`Store::twin_connection`]).
//!
//! A month report reads the month's lines (a third of its time at full size) and, independent of
//! them, every customer, every tier history, the look-back's month figures and the closed months: on
//! two cores the second part is read beside the first instead of after it, and the second connection
//! then reads the month's lines from the other end (`store::month_totals_each`). `customer list`
//! reads the open tickets and tier histories beside the customers.
//!
//! Decisions:
//! - Same results whatever happens: when no second reader of the same snapshot can be had (a file in
//!   memory, a file read as it is because its `-wal`/`-shm` cannot be made, a journal that is not a
//!   write-ahead log, any error opening it), the second part runs first, on this connection, inside
//!   the same read. A test runs both ways on one file and compares. When the system starts no second
//!   thread, both parts run on this connection in the same way (logged as a warning).
//! - One reader when the command may keep only one thread busy (`HELPDESK_THREADS`, by default the
//!   machine's cores: on one core two threads only take turns), or when asked
//!   ([`Store::use_one_reader`]).
//! - The second connection only reads (`SQLITE_OPEN_READ_ONLY`), has the same SQL functions, name
//!   order and tier names, and lives for one call.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, ffi};

use super::{Result, Store};
use crate::t;

/// A snapshot handle held by one connection's read transaction, for the second connection to open.
struct Snapshot(*mut ffi::sqlite3_snapshot);

impl Drop for Snapshot {
    fn drop(&mut self) {
        // SAFETY: made by `sqlite3_snapshot_get`, freed only here.
        unsafe { ffi::sqlite3_snapshot_free(self.0) };
    }
}

impl Store {
    /// From now on [`Store::read_beside`] reads on this connection only: the same results on one
    /// core (for comparing the two ways; a machine with one core does so by itself).
    pub fn use_one_reader(&mut self) {
        self.readers = Readers::One;
    }

    /// From now on [`Store::read_beside`] uses a second connection whenever it can, whatever
    /// `HELPDESK_THREADS` says (for comparing the two ways on any machine).
    pub fn use_two_readers(&mut self) {
        self.readers = Readers::Two;
    }

    /// Whether [`Store::use_two_readers`] asked for a second connection whenever one can be had.
    pub(super) fn two_readers_asked(&self) -> bool {
        self.readers == Readers::Two
    }

    /// How many [`Store::read_beside`] calls ran their second part on a second connection so far.
    pub fn reads_beside(&self) -> u32 {
        self.beside.get()
    }

    /// Runs `here` on this store and `there` on a second read-only connection to the same file, in
    /// another thread, both inside one read transaction of the same snapshot (opened here when none is
    /// open): `there` sees exactly what `here` sees, even while other connections commit. When no such
    /// second reader can be had, or the system starts no second thread, `there` runs first on this
    /// store, inside the same read (see the module's decisions). Errors: on two connections the first
    /// of `here`'s and `there`'s, on one the first that ran (`there`'s); else SQLite's.
    pub fn read_beside<A, B: Send>(
        &self,
        there: impl FnOnce(&Store) -> Result<B> + Send,
        here: impl FnOnce() -> Result<A>,
    ) -> Result<(A, B)> {
        self.snapshot(|| {
            let Some(conn) = self.twin_connection() else {
                let b = there(self)?;
                return Ok((here()?, b));
            };
            let parts = self.twin_parts();
            // Kept where a thread that never started leaves them, to run here instead.
            let there = std::sync::Mutex::new(Some(there));
            let mut here = Some(here);
            let (on_twin, on_this) = (&there, &mut here);
            // (The second thread speaks this thread's language: see `run_beside`.)
            let twin = move || {
                let there = on_twin.lock().unwrap_or_else(|e| e.into_inner()).take()?;
                let store = Store::twin(conn, parts);
                let out = there(&store);
                // Nothing was written: ending the read cannot lose anything.
                let _ = store.conn.execute_batch("COMMIT");
                Some(out)
            };
            let this = || {
                self.beside.set(self.beside.get().saturating_add(1));
                tracing::debug!("reading beside on a second connection");
                on_this.take().map(|here| here())
            };
            let ran = crate::beside::run_beside("read-beside", twin, this);
            if let Ok((Some(a), Some(b))) = ran {
                return Ok((a?, b?));
            }
            // No thread was started, so neither part ran: both run here, in the same read.
            let error = ran.err().map(|e| e.to_string()).unwrap_or_default();
            tracing::warn!(%error, "no second thread to read beside: read on one");
            match (there.into_inner().unwrap_or_else(|e| e.into_inner()), here) {
                (Some(there), Some(here)) => {
                    let b = there(self)?;
                    Ok((here()?, b))
                }
                // A part gone without its result (cannot happen: a part is taken by what runs it).
                _ => Err(super::StoreError::External(t!("thread-not-started", error = error))),
            }
        })
    }

    /// A second read-only connection to this store's file, in a read transaction of the state this
    /// connection's read transaction reads; `None` when there is none to be had. Two ways:
    /// - the write-ahead log holds transactions: the twin opens the snapshot this read holds;
    /// - it holds none yet (a file opened after every connection closed; SQLite has no snapshot to
    ///   give then): this read reads the database file alone, which no checkpoint may change while it
    ///   lasts, so the twin reads the same state exactly when it finds the log as empty. A commit in
    ///   between leaves a transaction in the log, and the twin is not used.
    ///
    /// Never inside a write transaction (the twin would not see its changes), and only on the file
    /// this store opened (the path may name another by now: `restore`, `demo`).
    fn twin_connection(&self) -> Option<Connection> {
        let two = match self.readers {
            Readers::One => false,
            Readers::Two => true,
            Readers::Auto => crate::environment::two_threads(),
        };
        if !two {
            return None;
        }
        let path = self.path.as_deref()?;
        // SAFETY: the connection is open; the name is a C string.
        if unsafe { ffi::sqlite3_txn_state(self.conn.handle(), c"main".as_ptr()) } == ffi::SQLITE_TXN_WRITE {
            return None;
        }
        // The read transaction starts at the first read; the snapshot is the one it holds.
        self.conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)).ok()?;
        let held = Self::snapshot_of(&self.conn).ok();
        let twin = open_twin(path).ok()?;
        // A first read (outside a transaction) tells the new connection the file is in WAL mode,
        // which opening a snapshot needs.
        twin.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0)).ok()?;
        twin.execute_batch("BEGIN DEFERRED").ok()?;
        match held {
            Some(snapshot) => {
                // SAFETY: `twin` is open, in a transaction that has read nothing; `snapshot` is live.
                let rc = unsafe { ffi::sqlite3_snapshot_open(twin.handle(), c"main".as_ptr(), snapshot.0) };
                if rc != ffi::SQLITE_OK {
                    tracing::debug!(rc, "the second reader could not open this read's snapshot");
                    return None;
                }
            }
            None => {
                // Not a write-ahead log (a file read as it is): no second reader.
                let mode: String = self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).ok()?;
                if !mode.eq_ignore_ascii_case("wal") {
                    return None;
                }
                twin.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)).ok()?;
                // Only "no transaction in the log" (SQLITE_ERROR) says the same state.
                match Self::snapshot_of(&twin) {
                    Err(ffi::SQLITE_ERROR) => {}
                    Ok(_) => {
                        tracing::debug!("a transaction was committed since this read began");
                        return None;
                    }
                    Err(_) => return None,
                }
            }
        }
        // The file this store opened, still at the path when the twin opened it.
        let now = file_identity(path);
        if now.is_none() || now != self.file_id {
            tracing::debug!("the path names another file than the one this store opened");
            return None;
        }
        super::codec::register(&twin).ok()?;
        twin.busy_timeout(super::open::busy_timeout().ok()?).ok()?;
        Some(twin)
    }

    /// The snapshot `conn`'s open read transaction holds: only in a write-ahead-log file whose log
    /// has had a transaction written to it since it was made. Errors: SQLite's result code
    /// (`SQLITE_ERROR` for a log without a transaction, or no read transaction open).
    fn snapshot_of(conn: &Connection) -> std::result::Result<Snapshot, std::ffi::c_int> {
        let mut snapshot = std::ptr::null_mut();
        // SAFETY: the connection is open; on success SQLite allocates the snapshot, freed by `Snapshot`.
        let rc = unsafe { ffi::sqlite3_snapshot_get(conn.handle(), c"main".as_ptr(), &mut snapshot) };
        match rc {
            ffi::SQLITE_OK if !snapshot.is_null() => Ok(Snapshot(snapshot)),
            ffi::SQLITE_OK => Err(ffi::SQLITE_MISUSE),
            rc => Err(rc),
        }
    }

    /// What a twin takes over from this store (see [`Store::twin`]).
    fn twin_parts(&self) -> TwinParts {
        TwinParts {
            path: self.path.clone(),
            device: self.device.clone(),
            actor: self.actor.clone(),
            name_order: self.name_order,
            tier_names: self.tier_names.clone(),
        }
    }

    /// A read-only store on `conn` (a twin connection with the SQL functions, see
    /// [`Store::twin_connection`]), named and ordered as the store it was made for.
    fn twin(conn: Connection, parts: TwinParts) -> Store {
        Store {
            conn,
            path: parts.path,
            device: parts.device,
            actor: parts.actor,
            read_only: true,
            viewer: false,
            progress: crate::progress::Progress::none(),
            numbers: None,
            notices: Vec::new(),
            name_order: parts.name_order,
            tier_names: parts.tier_names,
            join_load: false,
            fresh: None,
            index_all: false,
            deferred_indexes: Vec::new(),
            readers: Readers::One,
            beside: std::cell::Cell::new(0),
            file_id: None,
        }
    }
}

/// Whether [`Store::read_beside`] may use a second connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Readers {
    /// When the command may keep two threads busy (`HELPDESK_THREADS`).
    #[default]
    Auto,
    One,
    Two,
}

/// The file at `path` as the system knows it (device and inode), to tell whether a path still names
/// the file a store opened; `None` where that cannot be told.
pub(super) fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The parts of a store a twin is made with, moved to its thread.
struct TwinParts {
    path: Option<std::path::PathBuf>,
    device: String,
    actor: String,
    name_order: crate::domain::collation::NameOrder,
    tier_names: Option<crate::domain::Tariffs>,
}

/// A read-only connection to `path` tuned as a reading store's (see `open::open_file`).
/// It does not wait on a lock until it reads (then it is given up: see [`Store::twin_connection`]).
fn open_twin(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::ZERO)?;
    super::open::tune_reads(&conn)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Tier, YearMonth};
    use chrono::{TimeZone, Utc};

    fn customers(store: &Store) -> Result<Vec<String>> {
        Ok(store.all_customers()?.into_iter().map(|c| c.name).collect())
    }

    fn desk(dir: &tempfile::TempDir) -> Store {
        let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
        store.use_two_readers();
        let now = Utc.with_ymd_and_hms(2026, 6, 15, 8, 0, 0).unwrap();
        store.add_customer("Acme", "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), now).unwrap();
        store
    }

    #[test]
    fn the_second_reader_reads_the_snapshot_of_the_first_not_a_later_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = desk(&dir);
        let mut other = Store::open(&dir.path().join("desk.db"), "bob").unwrap();
        let now = Utc.with_ymd_and_hms(2026, 6, 16, 8, 0, 0).unwrap();
        let (here, (there, thread)) = store
            .snapshot(|| {
                let before = customers(&store)?;
                // Committed after this read began, before the second reader opens.
                other.add_customer("Beta", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now)?;
                assert_eq!(before, ["Acme"]);
                store.read_beside(
                    |twin| Ok((customers(twin)?, std::thread::current().name().map(str::to_string))),
                    || customers(&store),
                )
            })
            .unwrap();
        assert_eq!(here, ["Acme"]);
        assert_eq!(there, ["Acme"], "the second reader saw a commit made after the first read began");
        assert_eq!(thread.as_deref(), Some("read-beside"), "it read on a second connection, in its own thread");
        assert_eq!(store.reads_beside(), 1);
        // A read begun afterwards sees the commit, on both.
        let (here, (there, _)) = store.read_beside(|twin| Ok((customers(twin)?, ())), || customers(&store)).unwrap();
        assert_eq!(here, ["Acme", "Beta"]);
        assert_eq!(there, here);
    }

    #[test]
    fn on_a_file_whose_log_is_empty_the_second_reader_is_used_only_while_nothing_was_committed() {
        let dir = tempfile::tempdir().unwrap();
        drop(desk(&dir));
        // Every connection closed: the log is gone; the next one starts an empty one.
        let path = dir.path().join("desk.db");
        let mut store = Store::open_read_only(&path, "alice").unwrap();
        store.use_two_readers();
        let thread = || std::thread::current().name().map(str::to_string);
        let (here, (there, on)) =
            store.read_beside(|twin| Ok((customers(twin)?, thread())), || customers(&store)).unwrap();
        assert_eq!((here, there), (vec!["Acme".to_string()], vec!["Acme".to_string()]));
        assert_eq!(on.as_deref(), Some("read-beside"), "an empty log and nothing committed: the twin reads");
        // A commit after this read began: the twin would read it, so the second part reads here.
        drop(store);
        let now = Utc.with_ymd_and_hms(2026, 6, 16, 8, 0, 0).unwrap();
        let mut store = Store::open_read_only(&path, "alice").unwrap();
        store.use_two_readers();
        let (here, (there, on)) = store
            .snapshot(|| {
                let before = customers(&store)?;
                assert_eq!(
                    Store::snapshot_of(&store.conn).err(),
                    Some(ffi::SQLITE_ERROR),
                    "the log is empty: SQLite gives no snapshot"
                );
                let mut other = Store::open(&path, "bob")?;
                other.add_customer("Beta", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now)?;
                assert_eq!(before, ["Acme"]);
                store.read_beside(|twin| Ok((customers(twin)?, thread())), || customers(&store))
            })
            .unwrap();
        assert_eq!(here, ["Acme"]);
        assert_eq!(there, ["Acme"], "the second part saw a commit made after this read began");
        assert_ne!(on.as_deref(), Some("read-beside"));
        assert_eq!(store.reads_beside(), 0);
    }

    #[test]
    fn a_path_that_names_another_file_by_now_is_not_read_beside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let store = desk(&dir);
        // Another file moved to the path (as `restore` does), with another customer.
        let other_dir = tempfile::tempdir().unwrap();
        let mut other = Store::open(&other_dir.path().join("other.db"), "bob").unwrap();
        let now = Utc.with_ymd_and_hms(2026, 6, 16, 8, 0, 0).unwrap();
        other.add_customer("Beta", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now).unwrap();
        drop(other);
        std::fs::rename(other_dir.path().join("other.db"), &path).unwrap();
        let (here, there) = store.read_beside(customers, || customers(&store)).unwrap();
        assert_eq!((here, there), (vec!["Acme".to_string()], vec!["Acme".to_string()]));
        assert_eq!(store.reads_beside(), 0, "the second connection would have read the other file");
    }

    #[test]
    fn without_a_second_reader_both_parts_read_on_this_connection() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = desk(&dir);
        store.use_one_reader();
        let main = std::thread::current().id();
        let (here, (there, thread)) = store
            .read_beside(|twin| Ok((customers(twin)?, std::thread::current().id())), || customers(&store))
            .unwrap();
        assert_eq!((here, there), (vec!["Acme".to_string()], vec!["Acme".to_string()]));
        assert_eq!(thread, main);
        // A store in memory has no file for a second connection.
        let memory = Store::open_in_memory("alice").unwrap();
        let (here, there) = memory.read_beside(customers, || customers(&memory)).unwrap();
        assert_eq!((here.len(), there.len()), (0, 0));
    }

    #[test]
    fn an_error_of_either_part_is_the_result() {
        let dir = tempfile::tempdir().unwrap();
        let store = desk(&dir);
        let failing = || Err::<(), _>(crate::store::StoreError::Invalid("no".into()));
        assert!(store.read_beside(|_| failing(), || customers(&store)).is_err());
        assert!(store.read_beside(customers, failing).is_err());
        // The store reads on afterwards.
        assert_eq!(customers(&store).unwrap(), ["Acme"]);
    }

    /// The second thread speaks the language of the thread that started it (its errors, a list's
    /// words), not the process's.
    #[test]
    fn the_second_reader_speaks_the_language_of_the_first() {
        use crate::language::Language;
        let dir = tempfile::tempdir().unwrap();
        let store = desk(&dir);
        for language in [Language::Czech, Language::English] {
            let _speaks = crate::i18n::Scoped::new(language);
            let (here, there) =
                store.read_beside(|_| Ok(crate::i18n::language()), || Ok(crate::i18n::language())).unwrap();
            assert_eq!((here, there), (language, language));
        }
        assert!(store.reads_beside() >= 2, "the second part ran on a second connection");
    }
}
