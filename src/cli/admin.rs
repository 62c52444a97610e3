//! `helpdesk check`, `compact`, `backup`, `restore`, and the hidden `debug write-loop` used by the crash and
//! concurrency tests (it prints each write's id only after its transaction committed).

use std::io::Write;
use std::path::Path;

use super::args::{DebugCmd, ListFormat};
use super::progress::Bar;
use super::{CliError, CliResult, Context};
use crate::domain::Role;
use crate::store::NewEntry;
use crate::t;

pub fn check(ctx: &Context, replay: bool) -> CliResult {
    let mut store = ctx.read_store()?;
    let bar = Bar::start("check");
    store.report_progress_to(bar.progress());
    let report = store.check(replay)?;
    bar.clear();
    if report.problems.is_empty() {
        let replayed = if report.replayed { t!("check-replayed") } else { String::new() };
        let path = ctx.db.display().to_string();
        outln!("{}", t!("check-ok", path = path, operations = report.operations, replayed = replayed));
        return Ok(());
    }
    for p in &report.problems {
        outln!("{p}");
    }
    Err(CliError::Failure(t!("check-problems", path = ctx.db.display().to_string(), count = report.problems.len())))
}

pub fn compact(ctx: &Context) -> CliResult {
    let mut store = ctx.open_store()?;
    let path = ctx.db.display().to_string();
    // A file that may not be written is refused in one line, before anything is said to have begun.
    if !store.is_read_only() {
        note!("{}", t!("compact-started", path = path.as_str()));
    }
    let (before, after) = store.compact()?;
    note!("{}", t!("compact-done", path = path.as_str(), before = before.to_string(), after = after.to_string()));
    Ok(())
}

pub fn backup(ctx: &Context, file: &Path) -> CliResult {
    let mut store = ctx.read_store()?;
    let bar = Bar::start("backup");
    store.report_progress_to(bar.progress());
    store.backup_to(file)?;
    bar.clear();
    note!("{}", t!("backup-done", path = ctx.db.display().to_string(), file = file.display().to_string()));
    Ok(())
}

pub fn restore(ctx: &Context, file: &Path) -> CliResult {
    let mut store = ctx.open_store()?;
    let scratch = crate::store::restore_scratch(&ctx.db);
    if scratch.exists() {
        note!(
            "{}",
            t!(
                "restore-removing-scratch",
                scratch = scratch.display().to_string(),
                path = ctx.db.display().to_string()
            )
        );
    }
    let bar = Bar::start("restore");
    store.report_progress_to(bar.progress());
    let kept = store.restore_from(file, ctx.now)?;
    bar.clear();
    note!(
        "{}",
        t!(
            "restore-done",
            path = ctx.db.display().to_string(),
            file = file.display().to_string(),
            kept = kept.display().to_string()
        )
    );
    Ok(())
}

pub fn debug(ctx: &Context, cmd: DebugCmd) -> CliResult {
    let DebugCmd::WriteLoop { ticket, count, label } = cmd;
    let mut store = ctx.open_store()?;
    let t = crate::cli::input::ticket(&store, &ticket)?;
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let now = chrono::Utc::now();
        let c = store.add_comment(&t.id, &format!("{label} comment {i}"), now)?;
        writeln!(out, "comment {}", c.id)?;
        out.flush()?;
        let e = store.add_time_entry(
            NewEntry {
                ticket_id: t.id.clone(),
                started_at: now,
                minutes: crate::domain::Minutes::new(1).map_err(crate::store::StoreError::from)?,
                role: Role::Technician,
                technician: ctx.actor.clone(),
                note: format!("{label} entry {i}"),
            },
            now,
        )?;
        writeln!(out, "entry {}", e.id)?;
        out.flush()?;
    }
    Ok(())
}

pub fn month(ctx: &Context, cmd: super::args::MonthCmd) -> CliResult {
    use super::args::MonthCmd;
    match cmd {
        MonthCmd::Close { month } => {
            let month = super::input::month(&month)?;
            let mut store = ctx.open_store()?;
            let n = crate::statements::close_month(&mut store, &ctx.settings, month, ctx.now)?;
            note!("{}", t!("month-closed-note", month = month.to_string(), count = n));
        }
        MonthCmd::Reopen { month } => {
            let month = super::input::month(&month)?;
            let mut store = ctx.open_store()?;
            let cancelled = crate::statements::reopen_month(&mut store, month, ctx.now)?;
            note!("{}", t!("month-reopened-note", month = month.to_string(), count = cancelled));
        }
        MonthCmd::List { format } => {
            let store = ctx.read_store()?;
            let months = store.closed_months()?;
            if format == ListFormat::Json {
                #[derive(serde::Serialize)]
                struct Closed {
                    month: crate::domain::YearMonth,
                }
                return super::print_json(&months.into_iter().map(|month| Closed { month }).collect::<Vec<_>>());
            }
            if months.is_empty() {
                outln!("{}", t!("months-none-closed"));
            }
            for m in months {
                outln!("{m}\t{}", t!("month-closed-mark"));
            }
        }
    }
    Ok(())
}
