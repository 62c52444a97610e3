//! `helpdesk time …` and `helpdesk timer …`: logging work, and the one-timer-per-technician stopwatch.

use std::fmt::Write as _;

use super::args::{TimeCmd, TimerCmd};
use super::calendar::format_instant;
use super::table::Table;
use super::{CliError, CliResult, Context, input};
use crate::domain::Role;
use crate::domain::sla::format_left;
use crate::domain::worktime::{format_minutes, parse_minutes};
use crate::queue;
use crate::store::{NewEntry, StoppedTimer, Store, TicketRow};

pub fn run_time(ctx: &Context, cmd: TimeCmd) -> CliResult {
    match cmd {
        TimeCmd::Add { ticket, minutes, at, role, by, note } => {
            let minutes = parse_minutes(&minutes).map_err(|e| CliError::input(format!("--minutes: {e}")))?;
            let started_at = input::at_or_now(at.as_deref(), ctx.now)?;
            let role: Role = input::parsed(&role)?;
            let mut store = ctx.open_store()?;
            let t = store.require_ticket(&ticket)?;
            let technician = by.unwrap_or_else(|| ctx.actor.clone());
            store.add_time_entry(NewEntry { ticket_id: t.id, started_at, minutes, role, technician, note }, ctx.now)?;
        }
        TimeCmd::List { ticket } => {
            let store = ctx.open_store()?;
            let t = store.require_ticket(&ticket)?;
            let mut table = Table::new(&["STARTED", "MINUTES", "BY", "ROLE", "NOTE"]).right(&[1]);
            for e in store.time_entries(&t.id)? {
                table.row(vec![
                    format_instant(&ctx.settings.calendar, e.started_at),
                    e.minutes.to_string(),
                    e.technician,
                    e.role.to_string(),
                    e.note,
                ]);
            }
            print!("{}", table.render());
        }
    }
    Ok(())
}

pub fn run_timer(ctx: &Context, cmd: TimerCmd) -> CliResult {
    match cmd {
        TimerCmd::Start { ticket, role } => {
            let role: Role = input::parsed(&role)?;
            let mut store = ctx.open_store()?;
            let t = store.require_ticket(&ticket)?;
            if let Some(stopped) = store.start_timer(&t.id, &ctx.actor, role, ctx.now)? {
                eprintln!("{}", stopped_message(&stopped));
            }
            eprintln!("timer started on ticket {} for {}", t.number, ctx.actor);
        }
        TimerCmd::Stop { role } => {
            let role: Role = input::parsed(&role)?;
            let mut store = ctx.open_store()?;
            match store.stop_timer(&ctx.actor, role, ctx.now)? {
                Some(stopped) => println!("{}", stopped_message(&stopped)),
                None => return Err(CliError::input(format!("{} has no running timer", ctx.actor))),
            }
        }
        TimerCmd::Status => {
            let store = ctx.open_store()?;
            let timers = store.running_timers()?;
            if timers.is_empty() {
                println!("no timers running");
            }
            for t in timers {
                let ran = (ctx.now - t.started_at).num_minutes().max(0);
                println!("{}\t{}\t{}\t{}", t.technician, t.ticket_number, format_minutes(ran), t.ticket_title);
            }
        }
    }
    Ok(())
}

fn stopped_message(s: &StoppedTimer) -> String {
    format!(
        "stopped the timer on ticket {}: logged {}",
        s.timer.ticket_number,
        format_minutes(i64::from(s.entry.minutes))
    )
}

/// The text of `helpdesk ticket show`.
pub fn show_ticket(store: &Store, ctx: &Context, t: TicketRow) -> CliResult<String> {
    let cal = &ctx.settings.calendar;
    let item = queue::item(store, &ctx.settings, t, ctx.now)?;
    let t = &item.ticket;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "ticket {}  {}", t.number, t.title);
    let _ = writeln!(w, "customer   {} ({})", t.customer_name, ctx.settings.tariffs.label(item.tier));
    let _ = writeln!(
        w,
        "kind       {}    status {}    assignee {}",
        t.kind,
        t.status,
        t.assignee.as_deref().unwrap_or("-")
    );
    let _ = writeln!(w, "received   {}", format_instant(cal, t.received_at));
    match item.sla.deadline {
        Some(d) => {
            let _ = writeln!(
                w,
                "SLA        {}  deadline {}  left {}",
                item.sla.state.label(),
                format_instant(cal, d),
                format_left(item.sla.left)
            );
        }
        None => {
            let _ = writeln!(w, "SLA        no SLA");
        }
    }
    if let (Some(at), Some(by)) = (t.first_response_at, t.resolve_by) {
        let _ = writeln!(w, "responded  {}  resolve by {}", format_instant(cal, at), format_instant(cal, by));
    }
    if !t.description.is_empty() {
        let _ = writeln!(w, "\n{}", t.description);
    }
    let comments = store.comments(&t.id)?;
    if !comments.is_empty() {
        let _ = writeln!(w, "\ncomments");
        for c in comments {
            let _ = writeln!(w, "  {} {}: {}", format_instant(cal, c.created_at), c.author, c.body);
        }
    }
    let entries = store.time_entries(&t.id)?;
    if !entries.is_empty() {
        let total: u32 = entries.iter().map(|e| e.minutes).sum();
        let _ = writeln!(w, "\ntime ({} in all)", format_minutes(i64::from(total)));
        for e in entries {
            let _ = writeln!(
                w,
                "  {} {} {} ({})",
                format_instant(cal, e.started_at),
                format_minutes(i64::from(e.minutes)),
                e.technician,
                e.role
            );
        }
    }
    Ok(out)
}
