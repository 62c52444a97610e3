//! `helpdesk demo`: a new database full of realistic data to try the helpdesk on (see `crate::demo`).
//!
//! Without `--db` (or `HELPDESK_DB`) it writes `helpdesk-demo.db` in the current directory, never the
//! user's own database. A file that already holds customers is refused (exit 2) unless `--force`,
//! which replaces it; a file that is not a helpdesk database is never touched.

use crate::t;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::DemoArgs;
use super::progress::Bar;
use super::{CliError, CliResult, Context};
use crate::demo::{self, DemoOptions};
use crate::progress::Unit;
use crate::store::Store;

pub const DEFAULT_FILE: &str = "helpdesk-demo.db";

/// A demo file bigger than this (bytes) is compacted once written: [`crate::store::Store::compact`]
/// lays each table out in key order, as a file that grew over years is after `helpdesk compact`. A
/// file written in one go interleaves the tables' pages (a ticket's entries, the log, the month
/// totals), so its first reads after a dropped page cache wait on scattered pages. Below it everything
/// is read from the page cache anyway. The cost: the 100k-ticket demo (600 MB) took 9.4 s more
/// (load average 3.3 on two cores); the full-size one (about 6 GB) takes minutes, a fraction of its
/// generation.
pub const COMPACT_ABOVE: u64 = 64 << 20;

/// Whether a demo file of `bytes` is compacted at the end (see [`COMPACT_ABOVE`]).
pub fn compacts(bytes: u64) -> bool {
    bytes > COMPACT_ABOVE
}

pub fn run(ctx: &Context, db_given: bool, args: DemoArgs) -> CliResult {
    let path = if db_given { ctx.db.clone() } else { PathBuf::from(DEFAULT_FILE) };
    if args.customers == 0 {
        return Err(CliError::input(t!("demo-customers-at-least-one")));
    }
    if path.exists() {
        let existing = Store::open(&path, &ctx.actor)?.customer_count()?;
        if existing > 0 && !args.force {
            return Err(CliError::input(t!(
                "demo-file-not-empty",
                path = path.display().to_string(),
                customers = t!("customers-count", count = existing as u64)
            )));
        }
        if existing > 0 {
            remove_database(&path)?;
        }
    }
    let mut store = Store::open(&path, &ctx.actor)?;
    // Month totals kept in step while writing, not built afterwards.
    store.use_business_zone(ctx.settings.calendar.time_zone())?;
    let opts = DemoOptions {
        customers: args.customers,
        tickets: args.tickets,
        entries: args.entries,
        open: args.open,
        seed: args.seed,
        now: ctx.now,
    };
    let started = Instant::now();
    let bar = Bar::start("demo");
    let progress = bar.progress();
    let progress = |p: demo::DemoProgress| {
        progress.report(&t!("progress-writing-tickets"), Unit::Count("tickets"), p.tickets as u64, p.of as u64);
    };
    let result = demo::generate(&mut store, &ctx.settings, &opts, progress);
    bar.clear();
    let s = result.map_err(|e| match CliError::from(e) {
        CliError::Failure(m) => CliError::Failure(t!("demo-incomplete", error = m, path = path.display().to_string())),
        other => other,
    })?;
    let shown = path.display();
    let n = |v: usize| v as u64;
    note!(
        "{}",
        t!(
            "demo-wrote",
            customers = t!("customers-count", count = n(s.customers)),
            tickets = t!("tickets-count", count = n(s.tickets)),
            comments = t!("comments-count", count = n(s.comments)),
            entries = t!("entries-count", count = n(s.entries)),
            timers = t!("running-timers-count", count = n(s.timers)),
            operations = t!("operations-count", count = n(s.ops)),
            path = shown.to_string(),
            seconds = format!("{:.1}", started.elapsed().as_secs_f64())
        )
    );
    // What was written: the file and the write-ahead log not yet folded into it.
    let len = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let bytes = len(path.clone()) + len(PathBuf::from(wal));
    if compacts(bytes) {
        note!("{}", t!("compact-started", path = shown.to_string()));
        let (before, after) = store.compact()?;
        note!(
            "{}",
            t!("compact-done", path = shown.to_string(), before = before.to_string(), after = after.to_string())
        );
    }
    Ok(())
}

/// Deletes a database file and its WAL sidecars.
fn remove_database(path: &Path) -> CliResult {
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::remove_file(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_file_above_the_threshold_is_compacted() {
        assert!(!compacts(2 << 20), "the default demo (2 MB) is not");
        assert!(!compacts(COMPACT_ABOVE));
        assert!(compacts(COMPACT_ABOVE + 1));
        assert!(compacts(600 << 20), "the 100k-ticket demo is");
    }
}
