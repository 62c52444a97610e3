//! `helpdesk demo`: a new database full of realistic data to try the helpdesk on (see `crate::demo`).
//!
//! Without `--db` (or `HELPDESK_DB`) it writes `helpdesk-demo.db` in the current directory, never the
//! user's own database. A file that already holds customers is refused (exit 2) unless `--force`,
//! which replaces it; a file that is not a helpdesk database is never touched.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::DemoArgs;
use super::progress::Bar;
use super::{CliError, CliResult, Context};
use crate::demo::{self, DemoOptions};
use crate::progress::Unit;
use crate::store::Store;

pub const DEFAULT_FILE: &str = "helpdesk-demo.db";

pub fn run(ctx: &Context, db_given: bool, args: DemoArgs) -> CliResult {
    let path = if db_given { ctx.db.clone() } else { PathBuf::from(DEFAULT_FILE) };
    if args.customers == 0 {
        return Err(CliError::input("--customers must be at least 1"));
    }
    if path.exists() {
        let existing = Store::open(&path, &ctx.actor)?.customer_count()?;
        if existing > 0 && !args.force {
            return Err(CliError::input(format!(
                "{} already holds {existing} customers; demo data goes into a new file: pass another --db PATH (or --force to replace this one)",
                path.display()
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
        progress.report("writing tickets", Unit::Count("tickets"), p.tickets as u64, p.of as u64);
    };
    let result = demo::generate(&mut store, &ctx.settings, &opts, progress);
    bar.clear();
    let s = result.map_err(|e| match CliError::from(e) {
        CliError::Failure(m) => CliError::Failure(format!(
            "{m}; the demo in {} is incomplete: remove the file and run `helpdesk demo` again",
            path.display()
        )),
        other => other,
    })?;
    let shown = path.display();
    note!(
        "helpdesk: wrote {} customers, {} tickets, {} comments, {} time entries and {} running timers ({} operations) to {shown} in {:.1} s; open it with `helpdesk --db {shown}`",
        s.customers,
        s.tickets,
        s.comments,
        s.entries,
        s.timers,
        s.ops,
        started.elapsed().as_secs_f64()
    );
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
