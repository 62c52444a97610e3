//! Keeping the file healthy: full integrity checks, online backups and restores, compacting.
//!
//! - `check` runs SQLite's `integrity_check` and `foreign_key_check`, and with `replay` also rebuilds
//!   the state from the operation log inside a savepoint and compares (then rolls back). Opening a
//!   file only does the cheap header and schema checks; this is the thorough one. It also recomputes
//!   the month totals from the time entries and checks the search indexes against the tickets, and
//!   reports any difference.
//! - `backup` writes a consistent snapshot with SQLite's online backup API while others keep working
//!   (one read transaction for the whole copy), into a hidden temporary name beside the target (`.NAME.tmp-PID`), synced to disk and
//!   then linked into place: the target's name never holds half a backup, whatever stops it (a kill,
//!   a full disk). The target must not exist; it is created owner-only.
//! - `restore` checks the backup first (a helpdesk database, not newer than this program, intact), then
//!   takes the file's write lock (the first step of SQLite's online backup API into it), keeps a
//!   snapshot of the file it replaces beside it while holding that lock, and copies the backup in
//!   within the same lock. So every write acknowledged before the restore is in the kept file, a write
//!   that comes during it waits for it (or fails busy), and other open sessions simply see the
//!   restored data.
//! - `compact` rewrites the file in key order (`VACUUM`, see [`Store::compact`]): the state of a file
//!   grown over years, where a month's rows lie scattered between other tables' pages, costs a cold
//!   read thousands of seeks. It is a command a person runs (it blocks writers for minutes on a big
//!   file), not something opening or a write does.

use crate::t;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ops};
use crate::progress::Unit;

/// What `check` found; empty `problems` means healthy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub problems: Vec<String>,
    pub operations: i64,
    pub replayed: bool,
}

impl Store {
    pub fn check(&mut self, replay: bool) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        // Stages of the check, reported as steps; the replay counts its operations.
        let steps = if replay { 6 } else { 5 };
        let progress = self.progress.clone();
        let stage = |name: String, done: u64| progress.report(&name, Unit::Count("steps"), done, steps);
        stage(t!("check-stage-structure"), 0);
        {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            for row in rows {
                let line = row?;
                if line != "ok" {
                    report.problems.push(t!("check-integrity", problem = line));
                }
            }
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = stmt.query_map([], |r| {
                Ok(t!(
                    "check-missing-reference",
                    table = r.get::<_, String>(0)?,
                    row = r.get::<_, i64>(1)?.to_string(),
                    parent = r.get::<_, String>(2)?
                ))
            })?;
            for row in rows {
                report.problems.push(t!("check-reference", problem = row?));
            }
        }
        report.operations = self.conn.query_row("SELECT count(*) FROM oplog", [], |r| r.get(0))?;
        if report.problems.is_empty() {
            stage(t!("check-stage-tags"), 1);
            report.problems.extend(malformed_tags(&self.conn)?);
            report.problems.extend(mismatched_references(&self.conn)?);
            stage(t!("check-stage-month-totals"), 2);
            report.problems.extend(self.month_totals_differences()?);
            stage(t!("check-stage-search"), 3);
            report.problems.extend(super::search::differences(&self.conn, self.read_only)?);
        }
        if replay && report.problems.is_empty() {
            stage(t!("check-stage-state"), 4);
            let before = self.state_dump()?;
            self.conn.execute_batch("SAVEPOINT replay")?;
            let zone = super::month_totals::file_zone(&self.conn)?;
            let total = report.operations.max(0) as u64;
            let mut replaying = |n: usize| {
                if n % 1000 == 0 || n as u64 == total {
                    progress.report(&t!("check-stage-replay"), Unit::Count("operations"), n as u64, total);
                }
            };
            let replayed = ops::rebuild(&self.conn, zone, &mut replaying).and_then(|_| self.state_dump());
            self.conn.execute_batch("ROLLBACK TO replay; RELEASE replay")?;
            if replayed? != before {
                report.problems.push(t!("check-replay-differs"));
            }
            report.replayed = true;
        }
        stage(t!("check-stage-done"), steps);
        Ok(report)
    }

    /// Rewrites the file table by table and index by index (SQLite's `VACUUM`) and returns its size in
    /// bytes before and after. Rows written over months, interleaved with other tables' (a ticket's
    /// entries, its comments, the log, the month totals), leave a table's pages scattered over the
    /// whole file and index pages part empty; rewritten, each table and index is one run of full
    /// pages in key order. On the full-size demo (10k customers, 10M entries) the file went from
    /// 6,275 MB to 5,855 MB, and `report month` after a dropped page cache from 2.4–6.6 s to
    /// 0.85–1.9 s (before the month report's preload, load average 2.3–4 on two cores): its month's
    /// totals are read as a few runs of neighbouring pages instead of thousands of scattered ones
    /// (`benches/full_size.sh`). Other processes wait for it (it
    /// holds the write lock); it needs free disk of about twice the file (a temporary copy, then
    /// the rewritten pages pass through the write-ahead log).
    pub fn compact(&mut self) -> Result<(u64, u64)> {
        if self.read_only {
            let path = self.path.as_ref().map_or(String::new(), |p| p.display().to_string());
            return Err(StoreError::ReadOnly(t!("store-open-read-only", path = path)));
        }
        let size = |conn: &rusqlite::Connection| -> Result<u64> {
            let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            Ok(u64::try_from(pages * page_size).unwrap_or(0))
        };
        let before = size(&self.conn)?;
        self.conn.execute_batch("VACUUM")?;
        // The rewritten pages are in the write-ahead log: copied into the file, the log emptied.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok((before, size(&self.conn)?))
    }

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
        super::filesystem::require_directory(target)?;
        let tmp = temporary_beside(target);
        remove_with_sidecars(&tmp);
        super::filesystem::create_private(&tmp)?;
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
            let path = super::filesystem::named(source);
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
        super::set_meta(&self.conn, "restored_at", &now.timestamp_millis().to_string())?;
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

/// Test hook, in debug builds only: with `HELPDESK_TEST_PAUSE=NAME` the process stops at the point
/// called NAME, says `paused at NAME` on stderr and goes on when a line (or the end) arrives on stdin.
/// It lets a test put another process's write exactly between two steps, without timing.
pub(crate) fn pause_point(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("HELPDESK_TEST_PAUSE").is_ok_and(|v| v == name) {
        eprintln!("paused at {name}");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    let _ = name;
}

/// Test hook, in debug builds only: with `HELPDESK_TEST_PAUSE=fail:NAME` the step called NAME fails as
/// a full disk would, so a test can check what a failure exactly there leaves and says.
pub(crate) fn fail_point(name: &str) -> Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var("HELPDESK_TEST_PAUSE").is_ok_and(|v| v.strip_prefix("fail:") == Some(name)) {
        return Err(StoreError::DiskFull);
    }
    let _ = name;
    Ok(())
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

/// Time entries and corrections billed to another customer than their ticket's, and entries whose
/// versions lie on two tickets (what a crafted bundle could store before arrivals were checked).
fn mismatched_references(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let queries = [
        (
            "SELECT id_text(e.id) FROM time_entries e JOIN tickets t ON t.no = e.ticket
             JOIN customers c ON c.id = t.customer_id
             WHERE e.customer != c.no ORDER BY e.id LIMIT 100",
            "check-entry-customer",
        ),
        (
            "SELECT DISTINCT id_text(v.entry) FROM time_entries v JOIN time_entries o ON o.id = v.entry
             WHERE v.entry IS NOT NULL AND v.ticket != o.ticket ORDER BY v.entry LIMIT 100",
            "check-entry-two-tickets",
        ),
        (
            "SELECT id_text(a.id) FROM adjustments a JOIN tickets t ON t.id = a.ticket_id
             WHERE a.customer_id != t.customer_id AND t.customer_hlc = X'' ORDER BY a.id LIMIT 100",
            "check-correction-customer",
        ),
    ];
    let mut out = Vec::new();
    for (sql, what) in queries {
        let mut stmt = conn.prepare(sql)?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let id = crate::domain::text::clean(&id?, false);
            out.push(t!("check-reference", problem = crate::i18n::text_with(what, Some(&one_id(id)))));
        }
    }
    Ok(out)
}

/// The arguments of a problem naming one id.
fn one_id(id: String) -> crate::i18n::FluentArgs<'static> {
    let mut args = crate::i18n::FluentArgs::new();
    args.set("id", id);
    args
}

/// Copy tags that are not letter groups joined by dots (what a crafted bundle could store before
/// arrivals were checked): on tickets, and on the peers this copy synced with.
fn malformed_tags(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let bad = "GLOB '*[^A-Z.]*'";
    let mut out = Vec::new();
    let sql = format!("SELECT id_text(id), device_tag FROM tickets WHERE device_tag {bad} ORDER BY id LIMIT 100");
    let mut stmt = conn.prepare(&sql)?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, tag) = row?;
        out.push(t!("check-ticket-tag", id = id, tag = crate::domain::text::clean(&tag, false)));
    }
    let sql = format!("SELECT device, tag FROM sync_peers WHERE tag {bad} ORDER BY device");
    let mut stmt = conn.prepare(&sql)?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (device, tag) = row?;
        out.push(t!("check-peer-tag", device = device, tag = crate::domain::text::clean(&tag, false)));
    }
    Ok(out)
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
