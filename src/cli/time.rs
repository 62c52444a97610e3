//! `helpdesk time …` and `helpdesk timer …`: logging work, and the one-timer-per-technician stopwatch.

use serde::Serialize;

use super::args::{ListFormat, TimeCmd, TimerCmd};
use super::calendar::format_instant;
use super::table::Table;
use super::{CliError, CliResult, Context, input};
use crate::domain::Minutes;
use crate::domain::Role;
use crate::domain::worktime::parse_minutes;
use crate::i18n::refusals::Worded;
use crate::i18n::words;
use crate::statements::timers::{self, Booking, Stopped};
use crate::statements::{book_correction, priced_by_desk};
use crate::store::{NewEntry, Store, TicketRow, TimeEntryRow};
use crate::t;

/// A time entry in JSON (`time list`, `ticket show`): `entry` is the id people refer to (stable across
/// corrections), `version` the id of its current version. `cut`: present when the timer that booked it
/// ran past the start of the same technician's next timer (one timer at a time) and `minutes` holds
/// only the time until then.
#[derive(Serialize)]
pub struct EntryJson {
    entry: String,
    version: String,
    started_at: String,
    minutes: u32,
    technician: String,
    role: Role,
    note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut: Option<CutJson>,
}

/// Where a timer's entry was cut: when the next timer started (`at`), on which ticket, and the minutes
/// the timer itself had booked (`ran_minutes`).
#[derive(Serialize)]
pub struct CutJson {
    at: String,
    next_ticket: String,
    ran_minutes: u32,
}

pub fn entry_json(ctx: &Context, store: &Store, e: &TimeEntryRow) -> CliResult<EntryJson> {
    let cut = match e.ran {
        Some(_) => store.entry_cut(&e.id)?.map(|c| CutJson {
            at: format_instant(&ctx.settings.calendar, c.at),
            next_ticket: c.next_ticket_number,
            ran_minutes: c.ran_minutes,
        }),
        None => None,
    };
    Ok(EntryJson {
        entry: e.entry.clone(),
        version: e.id.to_string(),
        started_at: format_instant(&ctx.settings.calendar, e.started_at),
        minutes: e.minutes,
        technician: e.technician.clone(),
        role: e.role,
        note: e.note.clone(),
        cut,
    })
}

/// An entry's note as `time list` shows it: with where it was cut, when it was (`cut at 10:00 by the
/// timer on ticket 2; it had booked 1h 30m`).
fn shown_note(ctx: &Context, store: &Store, e: &TimeEntryRow) -> CliResult<String> {
    Ok(match cut_note(ctx, store, e)? {
        Some(cut) if e.note.is_empty() => cut,
        Some(cut) => format!("{}; {cut}", e.note),
        None => e.note.clone(),
    })
}

/// Where an entry was cut, in words, when it was.
pub(super) fn cut_note(ctx: &Context, store: &Store, e: &TimeEntryRow) -> CliResult<Option<String>> {
    let Some(cut) = e.ran.map(|_| store.entry_cut(&e.id)).transpose()?.flatten() else { return Ok(None) };
    let at = cut.at.with_timezone(&ctx.settings.calendar.time_zone()).format("%H:%M");
    Ok(Some(crate::t!(
        "entry-cut-note",
        at = at.to_string(),
        ticket = cut.next_ticket_number.to_string(),
        ran = crate::i18n::words::minutes(i64::from(cut.ran_minutes))
    )))
}

/// A running timer in JSON (`timer status`): `minutes` it has run until now.
#[derive(Serialize)]
struct TimerJson {
    technician: String,
    ticket: String,
    title: String,
    role: Role,
    started_at: String,
    minutes: i64,
    /// Whether it has run longer than `forgotten_timer_hours` (or started after now): `timer stop`
    /// books it only with `--worked`.
    forgotten: bool,
}

pub fn run_time(ctx: &Context, cmd: TimeCmd) -> CliResult {
    match cmd {
        TimeCmd::Add { ticket, minutes, at, role, by, note, correction } => {
            let minutes = Minutes::parse(&minutes)
                .map_err(|e| CliError::input(t!("flag-error", flag = "--minutes", error = e.worded())))?;
            let started_at = input::at_or_now(at.as_deref(), ctx.now)?;
            let role: Role = match role {
                Some(r) => input::parsed(&r)?,
                None => ctx.settings.app.role,
            };
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            // `--by`: a known technician by the start of the name, a new one as `+NAME`; a blank one is
            // left for the store to refuse (a time entry needs a technician).
            let technician = match by {
                None => ctx.actor.clone(),
                Some(b) => input::technician(&store, &ctx.actor, &b, "--by")?.unwrap_or_default(),
            };
            let entry = NewEntry { ticket_id: t.id.clone(), started_at, minutes, role, technician, note };
            if correction {
                let (_, amount) = book_correction(&mut store, &ctx.settings, &t, Some(entry), None, ctx.now)?;
                note!("{}", correction_message(ctx, amount, priced_by_desk(&store)?));
            } else {
                store.add_time_entry(entry, ctx.now)?;
            }
            note_before_received(ctx, &t, started_at);
        }
        TimeCmd::Correct { ticket, entry, minutes, at, note, correction } => {
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            let old = find_entry(&store, &t, &entry)?;
            let minutes = match minutes {
                Some(m) => Minutes::parse(&m)
                    .map_err(|e| CliError::input(t!("flag-error", flag = "--minutes", error = e.worded())))?,
                None => Minutes::new(old.minutes).map_err(crate::store::StoreError::from)?,
            };
            let started_at = at.as_deref().map_or(Ok(old.started_at), |s| input::happened_arg(s, ctx.now, "--at"))?;
            let new = NewEntry {
                ticket_id: t.id.clone(),
                started_at,
                minutes,
                role: old.role,
                technician: old.technician.clone(),
                note: note.unwrap_or_else(|| old.note.clone()),
            };
            // A correction to exactly what the entry says already writes nothing (no new version, no
            // operation): it says so and exits 0, as `ticket set` and the edit forms do.
            let same = new.started_at == old.started_at
                && new.minutes.get() == old.minutes
                && crate::domain::text::clean(&new.note, true) == old.note;
            if same {
                note!("{}", t!("entry-unchanged", entry = old.entry.as_str()));
                return Ok(());
            }
            // A move into or out of a closed month is no correction of one month's work (bb6 #3): name
            // the two commands that do it, whether `--correction` was given or not.
            let cal = &ctx.settings.calendar;
            let (was, to) = (cal.month_of(old.started_at), cal.month_of(new.started_at));
            if was != to && (store.is_month_closed(was)? || store.is_month_closed(to)?) {
                let closed = if store.is_month_closed(was)? { was } else { to };
                let flag = |m| if store.is_month_closed(m).unwrap_or(true) { " --correction" } else { "" };
                return Err(CliError::input(t!(
                    "correction-move-closed",
                    month = closed.to_string(),
                    remove = format!("helpdesk time remove {} {}{}", t.number, old.entry, flag(was)),
                    add = format!(
                        "helpdesk time add {} --minutes {} --at {}{}",
                        t.number,
                        new.minutes.get(),
                        new.started_at.with_timezone(&cal.time_zone()).to_rfc3339(),
                        flag(to)
                    )
                )));
            }
            let moved_to = (new.started_at != old.started_at).then_some(new.started_at);
            if correction {
                let (_, amount) = book_correction(&mut store, &ctx.settings, &t, Some(new), Some(&old), ctx.now)?;
                note!("{}", correction_message(ctx, amount, priced_by_desk(&store)?));
            } else {
                store.correct_time_entry(&old.id, new, ctx.now)?;
            }
            if let Some(started_at) = moved_to {
                note_before_received(ctx, &t, started_at);
            }
        }
        TimeCmd::Remove { ticket, entry, correction } => {
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            let old = find_entry(&store, &t, &entry)?;
            if correction {
                let (_, amount) = book_correction(&mut store, &ctx.settings, &t, None, Some(&old), ctx.now)?;
                note!("{}", correction_message(ctx, amount, priced_by_desk(&store)?));
            } else {
                store.void_time_entry(&old.id, ctx.now)?;
            }
        }
        TimeCmd::List { ticket, format } => {
            let store = ctx.read_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            let entries = store.time_entries(&t.id)?;
            if format == ListFormat::Json {
                let rows = entries.iter().map(|e| entry_json(ctx, &store, e)).collect::<CliResult<Vec<_>>>()?;
                return super::print_json(&rows);
            }
            let mut table = Table::new(
                &["col-entry", "col-started", "col-minutes", "col-by", "col-role", "col-note"]
                    .map(|id| t!(id))
                    .each_ref()
                    .map(String::as_str),
            )
            .right(&[2]);
            for e in entries {
                let note = shown_note(ctx, &store, &e)?;
                table.row(vec![
                    e.entry.clone(),
                    format_instant(&ctx.settings.calendar, e.started_at),
                    e.minutes.to_string(),
                    words::person(&e.technician).into_owned(),
                    words::role(e.role),
                    note,
                ]);
            }
            out!("{}", table.render());
        }
    }
    Ok(())
}

pub fn run_timer(ctx: &Context, cmd: TimerCmd) -> CliResult {
    match cmd {
        TimerCmd::Start { ticket, role } => {
            let role: Role = match role {
                Some(r) => input::parsed(&r)?,
                None => ctx.settings.app.role,
            };
            let mut store = ctx.open_store()?;
            let t = crate::cli::input::ticket(&store, &ticket)?;
            let cut = timers::cut_by_start(&store, &ctx.actor, ctx.now)?;
            if let Some(stopped) = timers::start(&mut store, &ctx.settings, &t.id, &ctx.actor, role, ctx.now)? {
                note!("{}", stopped_message(ctx, &stopped));
            }
            note!("{}", t!("cli-timer-started", ticket = t.number.as_str(), technician = ctx.actor.as_str()));
            if let Some(cut) = cut {
                note!("helpdesk: {cut}");
            }
        }
        TimerCmd::Stop { worked } => {
            let booking = match &worked {
                Some(w) => Booking::Worked(
                    parse_minutes(w)
                        .map_err(|e| CliError::input(t!("flag-error", flag = "--worked", error = e.worded())))?,
                ),
                None => Booking::AsRan,
            };
            let to_book =
                worked.map(|w| t!("timer-to-book", worked = crate::domain::text::clean(&w, false))).unwrap_or_default();
            let mut store = ctx.open_store()?;
            match timers::stop(&mut store, &ctx.settings, &ctx.actor, booking, ctx.now)? {
                Some(stopped) => outln!("{}", stopped_message(ctx, &stopped)),
                None => {
                    return Err(CliError::input(t!("timer-none", technician = ctx.actor.as_str(), to_book = to_book)));
                }
            }
        }
        TimerCmd::Status { format } => {
            let store = ctx.read_store()?;
            let timers = store.running_timers()?;
            if format == ListFormat::Json {
                let rows: Vec<TimerJson> = timers
                    .into_iter()
                    .map(|t| TimerJson {
                        forgotten: crate::statements::timers::is_forgotten(&ctx.settings, &t, ctx.now),
                        minutes: (ctx.now - t.started_at).num_minutes().max(0),
                        started_at: format_instant(&ctx.settings.calendar, t.started_at),
                        technician: t.technician,
                        ticket: t.ticket_number,
                        title: t.ticket_title,
                        role: t.role,
                    })
                    .collect();
                return super::print_json(&rows);
            }
            if timers.is_empty() {
                outln!("{}", t!("timers-none-running"));
                return Ok(());
            }
            let mut header: Vec<String> =
                ["col-by", "col-ticket", "col-role", "col-started", "col-ran", "cli-col-title"].map(|id| t!(id)).into();
            // A forgotten timer says so after its title, in a column of its own (no header: only such
            // timers have it).
            let forgotten: Vec<bool> =
                timers.iter().map(|t| crate::statements::timers::is_forgotten(&ctx.settings, t, ctx.now)).collect();
            if forgotten.contains(&true) {
                header.push(String::new());
            }
            let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>()).right(&[4]);
            for (t, forgotten) in timers.into_iter().zip(forgotten) {
                let mut row = vec![
                    words::person(&t.technician).into_owned(),
                    t.ticket_number,
                    words::role(t.role),
                    crate::domain::calendar::local_minute(ctx.settings.calendar.time_zone(), t.started_at),
                    words::minutes((ctx.now - t.started_at).num_minutes().max(0)),
                    t.ticket_title,
                ];
                if forgotten {
                    row.push(t!("timer-ran-forgotten"));
                }
                table.row(row);
            }
            out!("{}", table.render());
        }
    }
    Ok(())
}

/// The ticket's entry (its current version) whose id — the entry's, as `time list` shows it, or one
/// version's — is `typed`, starts with it or ends with it (at least 6 characters), if exactly one;
/// several are named.
fn find_entry(store: &Store, ticket: &TicketRow, given: &str) -> CliResult<TimeEntryRow> {
    let typed = given.trim().to_ascii_lowercase();
    if typed.len() < 6 {
        // (Blanks alone are shown as they were typed, between the backticks.)
        let shown = match crate::domain::text::clean(given, false) {
            s if s.is_empty() => " ".repeat(given.chars().filter(|c| *c == ' ').count()),
            s => s,
        };
        return Err(CliError::input(t!("entry-id-too-short", typed = shown)));
    }
    let hit = |id: &str| id.starts_with(&typed) || id.ends_with(&typed);
    let matches: Vec<TimeEntryRow> =
        store.time_entries(&ticket.id)?.into_iter().filter(|e| hit(&e.entry) || hit(&e.id)).collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one match")),
        // (Named as typed, not as matched: ids are matched ignoring case.)
        0 => Err(CliError::input(t!("entry-not-found", ticket = ticket.number.as_str(), typed = shown(given)))),
        n => {
            let ids: Vec<&str> = matches.iter().map(|e| e.entry.as_str()).collect();
            Err(CliError::input(t!("entry-ambiguous", typed = shown(given), count = n, ids = ids.join(", "))))
        }
    }
}

/// A typed entry id as its messages show it: trimmed, cleaned of what a terminal would act on.
fn shown(given: &str) -> String {
    crate::domain::text::clean(given.trim(), false)
}

/// What a correction of a closed month booked: its amount on the team file; on a server team's desk
/// (`by_desk`), that the desk prices it under the team's lock (and the command notes that it booked
/// one, so the desk prices it before its push: `Context::unpriced`); elsewhere, that the team file
/// prices it when the change reaches it.
pub(super) fn correction_message(ctx: &Context, amount: Option<rust_decimal::Decimal>, by_desk: bool) -> String {
    let month = ctx.settings.calendar.month_of(ctx.now);
    if by_desk && amount.is_none() {
        ctx.unpriced.set(true);
    }
    match amount {
        Some(amount) => t!(
            "correction-booked",
            month = month.to_string(),
            amount = crate::domain::money::human(amount, &ctx.settings.tariffs.currency)
        ),
        None if by_desk => t!("correction-recorded-desk"),
        None => t!("correction-recorded"),
    }
}

fn stopped_message(ctx: &Context, s: &Stopped) -> String {
    let earlier = s.stopped.earlier.as_ref();
    let logged = s.stopped.entry.minutes + earlier.map_or(0, |e| e.minutes);
    let mut line = t!(
        "timer-stopped",
        ticket = s.stopped.timer.ticket_number.as_str(),
        logged = words::minutes(i64::from(logged))
    );
    if let Some(e) = earlier {
        line.push_str(&t!(
            "timer-stopped-earlier-closed",
            earlier = words::minutes(i64::from(e.minutes)),
            month = ctx.settings.calendar.month_of(e.started_at).to_string(),
            correction = correction_message(ctx, s.correction, s.by_desk)
        ));
    } else if s.closed_month {
        line.push_str(&t!("timer-stopped-closed-month", correction = correction_message(ctx, s.correction, s.by_desk)));
    }
    line
}

/// After booking work that starts on a day before its ticket was received
/// ([`crate::domain::worktime::work_may_start`], days in the configured zone): a note naming both days.
/// The work is booked — a call handled before its ticket was typed is real — but a mistyped year or
/// month would bill a month the customer had no ticket in, so it is never silent (`time correct`
/// fixes a wrong date).
fn note_before_received(ctx: &Context, t: &crate::store::TicketRow, started_at: chrono::DateTime<chrono::Utc>) {
    let zone = ctx.settings.calendar.time_zone();
    if !crate::domain::worktime::work_may_start(started_at, t.received_at, zone) {
        let minute = |at| crate::domain::calendar::local_minute(zone, at);
        note!(
            "helpdesk: {}",
            t!(
                "work-before-received",
                ticket = t.number.as_str(),
                at = minute(started_at),
                received = minute(t.received_at)
            )
        );
    }
}
