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

mod backup;

pub(crate) use backup::publish;
pub use backup::restore_scratch;

use crate::t;

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
    /// (`benches/full_size.sh`). First, in a transaction of its own, the open tickets' search index
    /// is made anew, so that `VACUUM` copies it last and the small tables lists read come first
    /// ([`super::search::remake_open_index`]; a `VACUUM` that fails after it leaves that index made
    /// anew, nothing else changed). Other processes wait for it (it
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
        // The open tickets' search index last, so that the small tables a list reads (customers,
        // their tier history) come first in the rewritten file (`search::remake_open_index`).
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        super::search::remake_open_index(&tx)?;
        tx.commit()?;
        self.conn.execute_batch("VACUUM")?;
        // The rewritten pages are in the write-ahead log: copied into the file, the log emptied.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok((before, size(&self.conn)?))
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
