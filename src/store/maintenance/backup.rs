//! Backups and restores: a consistent copy written beside its target and linked into place, and a
//! restore checked in a scratch copy, then copied in under the file's write lock.

use crate::t;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::pause_point;
use crate::progress::Unit;
use crate::store::{Result, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the database to `target` (which must not exist yet; its directory
    /// must). Written under a temporary name and linked into place when complete, so `target` is the
    /// whole copy or absent. Errors: `Invalid` when `target` exists, `Missing` for a missing directory,
    /// `Io` naming `target` when its disk is full or it cannot be written (nothing is left behind).
    ///
    /// The pages are copied as they are with SQLite's online backup API, 4096 pages (16 MiB) a step,
    /// inside one read transaction of this connection: the copy is one snapshot however long it takes,
    /// other connections keep writing meanwhile (WAL), and nothing restarts it. (`VACUUM INTO`, used
    /// before, rebuilt every table and index row by row: 2.5× slower on the 100k-ticket file, for a
    /// copy 8 % smaller — the free pages it leaves out.)
    pub fn backup_to(&mut self, target: &Path) -> Result<()> {
        self.copy_to(target)
    }

    fn copy_to(&self, target: &Path) -> Result<()> {
        let shown = target.display().to_string();
        if target.exists() {
            return Err(StoreError::Invalid(t!("backup-exists", path = shown)));
        }
        crate::store::filesystem::require_directory(target)?;
        let tmp = temporary_beside(target);
        remove_with_sidecars(&tmp);
        crate::store::filesystem::create_private(&tmp)?;
        pause_point("backup-started");
        let written = self.copy_pages_to(&tmp).map_err(|e| write_error(e, target)).and_then(|_| publish(&tmp, target));
        remove_with_sidecars(&tmp);
        written
    }

    /// The online backup of this connection's snapshot into the (empty) file at `tmp`.
    fn copy_pages_to(&self, tmp: &Path) -> rusqlite::Result<()> {
        use rusqlite::backup::{Backup, StepResult};
        let mut dest = rusqlite::Connection::open(tmp)?;
        let page_size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        // One read transaction for the whole copy: every step reads the same snapshot.
        let own_transaction = self.conn.is_autocommit();
        if own_transaction {
            self.conn.execute_batch("BEGIN")?;
        }
        let copied = (|| -> rusqlite::Result<()> {
            let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            self.progress.report("copying", Unit::Bytes, 0, (pages.max(1) * page_size) as u64);
            let copy = Backup::new(&self.conn, &mut dest)?;
            // Test hook (debug builds): `HELPDESK_TEST_PAUSE=backup-copying` copies one page a step and
            // stops after the first, so a test can write while the copy is half made.
            let stop_midway =
                cfg!(debug_assertions) && std::env::var("HELPDESK_TEST_PAUSE").is_ok_and(|v| v == "backup-copying");
            let mut first = true;
            loop {
                let step = copy.step(if stop_midway { 1 } else { 4096 })?;
                if std::mem::take(&mut first) {
                    pause_point("backup-copying");
                }
                let p = copy.progress();
                let total = (p.pagecount.max(1) as u64) * page_size as u64;
                let done = (p.pagecount - p.remaining).max(0) as u64 * page_size as u64;
                self.progress.report("copying", Unit::Bytes, done, total);
                match step {
                    StepResult::Done => return Ok(()),
                    // The copy's own file is busy only if someone else opened it: try again.
                    StepResult::Busy | StepResult::Locked => std::thread::yield_now(),
                    _ => {}
                }
            }
        })();
        if own_transaction {
            let _ = self.conn.execute_batch("COMMIT");
        }
        copied?;
        dest.close().map_err(|(_, e)| e)
    }

    /// Replaces this database's content with the backup at `source`, after checking it (a backup from
    /// an older helpdesk is upgraded on a scratch copy first; the backup file itself is never changed).
    /// Returns the path where the replaced content was kept.
    pub fn restore_from(&mut self, source: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
        let shown = source.display().to_string();
        if !source.is_file() {
            let path = crate::store::filesystem::named(source);
            let message = if source.exists() {
                t!("restore-not-a-file", path = path)
            } else {
                t!("restore-no-file", path = path)
            };
            return Err(StoreError::NotFound(message));
        }
        let own = self.path.clone().ok_or_else(|| StoreError::Invalid(t!("restore-memory-database")))?;
        let scratch = restore_scratch(&own);
        remove_with_sidecars(&scratch);
        let copy = |from: &Path, to: &Path| {
            std::fs::copy(from, to)
                .map(drop)
                .map_err(|e| StoreError::Io { path: from.display().to_string(), source: e })
        };
        copy(source, &scratch)?;
        let wal = sidecar(source, "-wal");
        if wal.is_file() {
            copy(&wal, &sidecar(&scratch, "-wal"))?;
        }
        let result = self.restore_checked(&scratch, &shown, &own, now);
        remove_with_sidecars(&scratch);
        result
    }

    fn restore_checked(&mut self, scratch: &Path, shown: &str, own: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
        let mut backup = Store::open(scratch, self.actor()).map_err(|e| match e {
            StoreError::NotADatabase { what, .. } => StoreError::NotADatabase { path: shown.to_string(), what },
            StoreError::NewerVersion { found, supported, .. } => {
                StoreError::NewerVersion { path: shown.to_string(), found, supported }
            }
            other => other,
        })?;
        backup.report_progress_to(self.progress.clone());
        let report = backup.check(false)?;
        if let Some(problem) = report.problems.first() {
            return Err(StoreError::Corrupt { path: shown.to_string(), detail: problem.clone() });
        }
        let kept = kept_name(own, now);
        let actor = self.actor().to_string();
        {
            let copy_in = rusqlite::backup::Backup::new(&backup.conn, &mut self.conn)?;
            // Step 0 copies nothing: it takes this file's write lock (waiting up to the busy timeout),
            // which the backup holds until its last step commits. Other writers wait from here on.
            match copy_in.step(0)? {
                rusqlite::backup::StepResult::Busy | rusqlite::backup::StepResult::Locked => {
                    return Err(StoreError::Busy);
                }
                _ => {}
            }
            // What the file holds now is final until the copy commits: keep it, from a reader's snapshot
            // (readers go on under the write lock).
            let mut current = Store::open_read_only(own, &actor)?;
            current.report_progress_to(self.progress.clone());
            current.backup_to(&kept)?;
            pause_point("restore-locked");
            copy_pages(&copy_in, &self.progress).inspect_err(|_| {
                let _ = std::fs::remove_file(&kept);
            })?;
        }
        backup.conn.close().map_err(|(_, e)| StoreError::from(e))?;
        self.device = self.conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| r.get(0))?;
        // An older state of this copy now: its changes made before this instant that other copies kept
        // come back at sync (see `identity::restored_unwritten`).
        crate::store::set_meta(&self.conn, "restored_at", &now.timestamp_millis().to_string())?;
        // And how far its own changes went then: anything of its own past this was written after the
        // restore, whatever the clocks said (`Store::restored_unwritten`).
        let own = crate::store::identity::own_max_clock(&self.conn, &self.device)?;
        crate::store::set_meta(&self.conn, "restored_own_clock", &own.map_or_else(String::new, |c| c.to_string()))?;
        Ok(kept)
    }
}

/// The scratch copy a restore of `db` checks the backup in: `<db>.restoring`. A restore stopped before
/// it finished (killed, a power cut) leaves it behind; the database itself is unchanged then (its pages
/// are copied in one transaction), and the next restore removes it.
pub fn restore_scratch(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.restoring", db.display()))
}

/// Runs an online backup to its end, 1024 pages a step, reporting the pages copied (as
/// `run_to_completion` does, a busy or locked step is tried again at once).
fn copy_pages(copy: &rusqlite::backup::Backup<'_, '_>, progress: &crate::progress::Progress) -> Result<()> {
    use rusqlite::backup::StepResult;
    loop {
        let step = copy.step(1024)?;
        let p = copy.progress();
        let total = p.pagecount.max(1) as u64;
        progress.report(&t!("restore-copying"), Unit::Count("pages"), total - p.remaining.max(0) as u64, total);
        if let StepResult::Done = step {
            return Ok(());
        }
    }
}

/// A hidden temporary name beside `target`, unique to this process: `.NAME.tmp-PID`.
fn temporary_beside(target: &Path) -> PathBuf {
    let name = target.file_name().map_or("backup".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// A failed write of the backup at `target`: a full disk names it.
fn write_error(e: rusqlite::Error, target: &Path) -> StoreError {
    match StoreError::from(e) {
        StoreError::DiskFull => StoreError::Io {
            path: target.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::StorageFull, t!("backup-disk-full")),
        },
        other => other,
    }
}

/// `<db>.replaced-<time>`, or with `-2`, `-3`, … when a restore in the same second kept one already.
fn kept_name(own: &Path, now: DateTime<Utc>) -> PathBuf {
    let base = format!("{}.replaced-{}", own.display(), now.format("%Y%m%dT%H%M%SZ"));
    (1..)
        .map(|n| PathBuf::from(if n == 1 { base.clone() } else { format!("{base}-{n}") }))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Syncs the finished file at `tmp` to disk and gives it the name `target` (never replacing a file
/// that appeared there meanwhile), then syncs the directory so the name survives a crash. `tmp` may
/// keep its name too (a hard link); the caller removes it.
pub(crate) fn publish(tmp: &Path, target: &Path) -> Result<()> {
    let io = |source| StoreError::Io { path: target.display().to_string(), source };
    std::fs::File::open(tmp).and_then(|f| f.sync_all()).map_err(io)?;
    match std::fs::hard_link(tmp, target) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::Invalid(t!("backup-exists", path = target.display().to_string())));
        }
        // A filesystem without hard links (a FAT USB stick): rename, after checking the name is free.
        Err(_) if !target.exists() => std::fs::rename(tmp, target).map_err(io)?,
        Err(e) => return Err(io(e)),
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn remove_with_sidecars(path: &Path) {
    for p in [path.to_path_buf(), sidecar(path, "-wal"), sidecar(path, "-shm"), sidecar(path, "-journal")] {
        let _ = std::fs::remove_file(p);
    }
}
