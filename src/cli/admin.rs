//! `helpdesk check`, `backup`, `restore`, and the hidden `debug write-loop` used by the crash and
//! concurrency tests (it prints each write's id only after its transaction committed).

use std::io::Write;
use std::path::Path;

use super::args::{DebugCmd, ListFormat};
use super::progress::Bar;
use super::{CliError, CliResult, Context};
use crate::domain::Role;
use crate::store::NewEntry;

pub fn check(ctx: &Context, replay: bool) -> CliResult {
    let mut store = ctx.read_store()?;
    let bar = Bar::start("check");
    store.report_progress_to(bar.progress());
    let report = store.check(replay)?;
    bar.clear();
    if report.problems.is_empty() {
        let replayed = if report.replayed { ", state matches a replay of the log" } else { "" };
        outln!("ok: {} ({} operations in the log{replayed})", ctx.db.display(), report.operations);
        return Ok(());
    }
    for p in &report.problems {
        outln!("{p}");
    }
    Err(CliError::Failure(format!(
        "{} has {} problem(s); restore it from a backup (`helpdesk restore FILE`)",
        ctx.db.display(),
        report.problems.len()
    )))
}

pub fn backup(ctx: &Context, file: &Path) -> CliResult {
    let mut store = ctx.read_store()?;
    let bar = Bar::start("backup");
    store.report_progress_to(bar.progress());
    store.backup_to(file)?;
    bar.clear();
    note!("backed up {} to {}", ctx.db.display(), file.display());
    Ok(())
}

pub fn restore(ctx: &Context, file: &Path) -> CliResult {
    let mut store = ctx.open_store()?;
    let scratch = crate::store::restore_scratch(&ctx.db);
    if scratch.exists() {
        note!(
            "removing {}: a restore stopped before it finished left it (its scratch copy of the backup); {} was \
             not changed by that restore",
            scratch.display(),
            ctx.db.display()
        );
    }
    let bar = Bar::start("restore");
    store.report_progress_to(bar.progress());
    let kept = store.restore_from(file, ctx.now)?;
    bar.clear();
    note!("restored {} from {}; the replaced data is kept in {}", ctx.db.display(), file.display(), kept.display());
    Ok(())
}

pub fn debug(ctx: &Context, cmd: DebugCmd) -> CliResult {
    let DebugCmd::WriteLoop { ticket, count, label } = cmd;
    let mut store = ctx.open_store()?;
    let t = store.require_ticket(&ticket)?;
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
                minutes: 1,
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
            note!("closed {month}: {n} statement(s) frozen");
        }
        MonthCmd::Reopen { month } => {
            let month = super::input::month(&month)?;
            let mut store = ctx.open_store()?;
            let cancelled = crate::statements::reopen_month(&mut store, month, ctx.now)?;
            note!(
                "reopened {month}; {cancelled} correction(s) billed in later months were cancelled (the month bills that work again)"
            );
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
                outln!("no closed months");
            }
            for m in months {
                outln!("{m}\tclosed");
            }
        }
    }
    Ok(())
}
