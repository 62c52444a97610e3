//! Keeping the file healthy: full integrity checks, online backups and restores.
//!
//! - `check` runs SQLite's `integrity_check` and `foreign_key_check`, and with `replay` also rebuilds
//!   the state from the operation log inside a savepoint and compares (then rolls back). Opening a
//!   file only does the cheap header and schema checks; this is the thorough one. It also recomputes
//!   the month totals from the time entries and checks the search indexes against the tickets, and
//!   reports any difference.
//! - `backup` writes a consistent snapshot with `VACUUM INTO` while others keep working (it is one read
//!   transaction). The target must not exist; it is created owner-only.
//! - `restore` checks the backup first (a helpdesk database, not newer than this program, intact), keeps
//!   a snapshot of the file it replaces beside it, then copies the backup in with SQLite's online backup
//!   API, under SQLite's locks, so other open sessions simply see the restored data.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ops};

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
        {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            for row in rows {
                let line = row?;
                if line != "ok" {
                    report.problems.push(format!("integrity: {line}"));
                }
            }
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = stmt.query_map([], |r| {
                Ok(format!(
                    "{} row {} refers to a missing {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?
                ))
            })?;
            for row in rows {
                report.problems.push(format!("reference: {}", row?));
            }
        }
        report.operations = self.conn.query_row("SELECT count(*) FROM oplog", [], |r| r.get(0))?;
        if report.problems.is_empty() {
            report.problems.extend(self.month_totals_differences()?);
            report.problems.extend(super::search::differences(&self.conn, self.read_only)?);
        }
        if replay && report.problems.is_empty() {
            let before = self.state_dump()?;
            self.conn.execute_batch("SAVEPOINT replay")?;
            let zone = super::month_totals::file_zone(&self.conn)?;
            let replayed = ops::rebuild(&self.conn, zone).and_then(|_| self.state_dump());
            self.conn.execute_batch("ROLLBACK TO replay; RELEASE replay")?;
            if replayed? != before {
                report.problems.push("the state tables differ from a replay of the operation log".into());
            }
            report.replayed = true;
        }
        Ok(report)
    }

    /// Writes a consistent copy of the database to `target` (which must not exist yet).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let shown = target.display().to_string();
        if target.exists() {
            return Err(StoreError::Invalid(format!("{shown} already exists; choose a new file name for the backup")));
        }
        super::filesystem::create_private(target).map_err(|source| StoreError::Io { path: shown.clone(), source })?;
        let result = self.conn.execute("VACUUM INTO ?1", [target.to_string_lossy()]);
        if let Err(e) = result {
            let _ = std::fs::remove_file(target);
            return Err(e.into());
        }
        Ok(())
    }

    /// Replaces this database's content with the backup at `source`, after checking it (a backup from
    /// an older helpdesk is upgraded on a scratch copy first; the backup file itself is never changed).
    /// Returns the path where the replaced content was kept.
    pub fn restore_from(&mut self, source: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
        let shown = source.display().to_string();
        if !source.is_file() {
            return Err(StoreError::NotFound(format!("{shown} does not exist")));
        }
        let own =
            self.path.clone().ok_or_else(|| StoreError::Invalid("cannot restore into a memory database".into()))?;
        let scratch = PathBuf::from(format!("{}.restoring", own.display()));
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
            StoreError::NotADatabase { .. } => StoreError::NotADatabase { path: shown.to_string() },
            StoreError::NewerVersion { found, supported, .. } => {
                StoreError::NewerVersion { path: shown.to_string(), found, supported }
            }
            other => other,
        })?;
        let report = backup.check(false)?;
        if let Some(problem) = report.problems.first() {
            return Err(StoreError::Corrupt { path: shown.to_string(), detail: problem.clone() });
        }
        let kept = PathBuf::from(format!("{}.replaced-{}", own.display(), now.format("%Y%m%dT%H%M%SZ")));
        self.backup_to(&kept)?;
        rusqlite::backup::Backup::new(&backup.conn, &mut self.conn)?.run_to_completion(
            1024,
            std::time::Duration::ZERO,
            None,
        )?;
        backup.conn.close().map_err(|(_, e)| StoreError::from(e))?;
        self.device = self.conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| r.get(0))?;
        Ok(kept)
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn remove_with_sidecars(path: &Path) {
    for p in [path.to_path_buf(), sidecar(path, "-wal"), sidecar(path, "-shm")] {
        let _ = std::fs::remove_file(p);
    }
}
