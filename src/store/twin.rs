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
//! two cores the second part is read beside the first instead of after it.
//!
//! Decisions:
//! - Same results whatever happens: when no second reader of the same snapshot can be had (a file in
//!   memory, a file read as it is because its `-wal`/`-shm` cannot be made, a journal that is not a
//!   write-ahead log, a thread the system refuses, any error opening it), the second part runs
//!   first, on this connection, inside the same read. A test runs both ways on one file and compares.
//! - One reader when the command may keep only one thread busy (`HELPDESK_THREADS`, by default the
//!   machine's cores: on one core two threads only take turns), or when asked
//!   ([`Store::use_one_reader`]).
//! - The second connection only reads (`SQLITE_OPEN_READ_ONLY`), has the same SQL functions, name
//!   order and tier names, and lives for one call.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, ffi};

use super::{Result, Store};

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
        self.one_reader = true;
    }

    /// Runs `here` on this store and `there` on a second read-only connection to the same file, in
    /// another thread, both inside one read transaction of the same snapshot (opened here when none is
    /// open): `there` sees exactly what `here` sees, even while other connections commit. When no such
    /// second reader can be had, `there` runs first on this store, inside the same read (see the
    /// module's decisions). Errors: the first of `here`'s and `there`'s, else SQLite's.
    pub fn read_beside<A, B: Send>(
        &self,
        there: impl FnOnce(&Store) -> Result<B> + Send,
        here: impl FnOnce() -> Result<A>,
    ) -> Result<(A, B)> {
        self.snapshot(|| {
            let there = Mutex::new(Some(there));
            let take = || there.lock().unwrap_or_else(|e| e.into_inner()).take();
            // `there` on this store, first, inside the same read.
            let here_alone = |here: Box<dyn FnOnce() -> Result<A> + '_>| -> Result<(A, B)> {
                let f = take().ok_or_else(|| super::StoreError::Invalid("read_beside: its second part ran".into()))?;
                let b = f(self)?;
                Ok((here()?, b))
            };
            let Some(conn) = self.twin_connection() else {
                return here_alone(Box::new(here));
            };
            let parts = self.twin_parts();
            std::thread::scope(|scope| {
                let spawned = std::thread::Builder::new().name("read-beside".into()).spawn_scoped(scope, || {
                    let f = take()?;
                    let out = Store::twin(conn, parts).and_then(|store| {
                        let out = f(&store);
                        // Nothing was written: ending the read cannot lose anything.
                        let _ = store.conn.execute_batch("COMMIT");
                        out
                    });
                    Some(out)
                });
                let Ok(handle) = spawned else {
                    tracing::debug!("no thread for the second reader");
                    return here_alone(Box::new(here));
                };
                let a = here();
                match handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                    Some(b) => Ok((a?, b?)),
                    None => Err(super::StoreError::Invalid("read_beside: its second part ran".into())),
                }
            })
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
    /// Never inside a write transaction: the twin would not see its changes.
    fn twin_connection(&self) -> Option<Connection> {
        if self.one_reader || !crate::environment::two_threads() {
            return None;
        }
        let path = self.path.as_deref()?;
        // SAFETY: the connection is open; the name is a C string.
        if unsafe { ffi::sqlite3_txn_state(self.conn.handle(), c"main".as_ptr()) } == ffi::SQLITE_TXN_WRITE {
            return None;
        }
        // The read transaction starts at the first read; the snapshot is the one it holds.
        self.conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)).ok()?;
        let held = self.snapshot_held();
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
                if Self::snapshot_of(&twin).is_some() {
                    tracing::debug!("a transaction was committed since this read began");
                    return None;
                }
            }
        }
        twin.busy_timeout(super::open::busy_timeout().ok()?).ok()?;
        Some(twin)
    }

    /// The snapshot this connection's open read transaction holds (see [`Store::snapshot_of`]).
    fn snapshot_held(&self) -> Option<Snapshot> {
        Self::snapshot_of(&self.conn)
    }

    /// The snapshot `conn`'s open read transaction holds: only in a write-ahead-log file whose log
    /// has had a transaction written to it since it was made.
    fn snapshot_of(conn: &Connection) -> Option<Snapshot> {
        let mut snapshot = std::ptr::null_mut();
        // SAFETY: the connection is open; on success SQLite allocates the snapshot, freed by `Snapshot`.
        let rc = unsafe { ffi::sqlite3_snapshot_get(conn.handle(), c"main".as_ptr(), &mut snapshot) };
        if rc != ffi::SQLITE_OK || snapshot.is_null() {
            tracing::debug!(rc, "no snapshot held");
            return None;
        }
        Some(Snapshot(snapshot))
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

    /// A read-only store on `conn` (a twin connection, see [`Store::read_beside`]), named and
    /// ordered as the store it was made for. Errors: SQLite's (the SQL functions, the temporary table).
    fn twin(conn: Connection, parts: TwinParts) -> Result<Store> {
        super::codec::register(&conn)?;
        conn.execute_batch(super::TICKET_NOS)?;
        Ok(Store {
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
            one_reader: true,
        })
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
        let store = Store::open_read_only(&path, "alice").unwrap();
        let thread = || std::thread::current().name().map(str::to_string);
        let (here, (there, on)) =
            store.read_beside(|twin| Ok((customers(twin)?, thread())), || customers(&store)).unwrap();
        assert_eq!((here, there), (vec!["Acme".to_string()], vec!["Acme".to_string()]));
        assert_eq!(on.as_deref(), Some("read-beside"), "an empty log and nothing committed: the twin reads");
        // A commit after this read began: the twin would read it, so the second part reads here.
        drop(store);
        let now = Utc.with_ymd_and_hms(2026, 6, 16, 8, 0, 0).unwrap();
        let store = Store::open_read_only(&path, "alice").unwrap();
        let (here, (there, on)) = store
            .snapshot(|| {
                let before = customers(&store)?;
                assert!(Store::snapshot_of(&store.conn).is_none(), "the log is empty: SQLite gives no snapshot");
                let mut other = Store::open(&path, "bob")?;
                other.add_customer("Beta", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now)?;
                assert_eq!(before, ["Acme"]);
                store.read_beside(|twin| Ok((customers(twin)?, thread())), || customers(&store))
            })
            .unwrap();
        assert_eq!(here, ["Acme"]);
        assert_eq!(there, ["Acme"], "the second part saw a commit made after this read began");
        assert_ne!(on.as_deref(), Some("read-beside"));
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
}
