//! Stopping and starting timers the way people do it, with the rules that need the settings and the
//! price list (the store's timer operations book what they are told):
//! - A timer that has run longer than `forgotten_timer_hours` (config) is never booked as it ran without
//!   asking (it was probably left running over a night or a weekend): stopping it, or starting another
//!   one (which stops it), is refused until the person says what was really worked (`--worked`, the
//!   TUI's question). What they say is accepted at any time, however long the timer ran.
//! - A timer's work belongs to the month it started in. If that month has been closed since, stopping
//!   the timer is never refused: the work is booked as a correction billed in an open month, as
//!   `time add --correction` does (priced at once on the team file; on a server team's desk by the
//!   desk under the team's pricing lock; by the team file when it arrives there otherwise), and the
//!   caller is told so.
//! - A timer whose start lies after now (started while this machine's clock, or the clock of the copy
//!   it was started on, was ahead) has no run to book: it is treated as a forgotten one — never booked
//!   as a minute at a future instant — until the person says what was really worked.
//! - Nothing is capped silently: a timer that ran longer than one entry may hold (24 h) needs `--worked`.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::t;

use super::price_correction;
use crate::config::Settings;
use crate::domain::Role;
use crate::domain::worktime::{MAX_ENTRY_MINUTES, timer_forgotten};
use crate::store::{NewEntry, Result, StoppedTimer, Store, StoreError, TimerRow, TimerStop, timer_minutes};

/// What a stopped timer books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Booking {
    /// The time it ran (refused for a forgotten timer).
    AsRan,
    /// What was really worked, in minutes (1..=[`MAX_ENTRY_MINUTES`]).
    Worked(u32),
}

/// A timer that was stopped, and the correction amount when its month was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub stopped: StoppedTimer,
    /// Whether the timer's month is closed (its work is a correction billed in an open month).
    pub closed_month: bool,
    /// What the correction bills in the current month (excl. VAT), when this copy priced it (the team
    /// file; any other copy leaves the pricing to the team file).
    pub correction: Option<Decimal>,
    /// Not priced here, and this copy's desk prices it under the team's lock (a server team's
    /// replica, see `super::priced_by_desk`), not the team file.
    pub by_desk: bool,
}

/// Whether a timer has run longer than `forgotten_timer_hours` at `now`.
pub fn is_forgotten(settings: &Settings, timer: &TimerRow, now: DateTime<Utc>) -> bool {
    timer_forgotten(timer.started_at, now, settings.app.forgotten_timer_hours)
}

/// Stops `technician`'s running timer (`Ok(None)`: none was running). Errors (nothing booked, the timer
/// keeps running): `AsRan` for a forgotten timer or one that ran longer than one entry may hold.
pub fn stop(
    store: &mut Store,
    settings: &Settings,
    technician: &str,
    booking: Booking,
    now: DateTime<Utc>,
) -> Result<Option<Stopped>> {
    let Some(timer) = store.running_timer(technician)? else { return Ok(None) };
    end(store, settings, timer, booking, None, now).map(Some)
}

/// Starts a timer on `ticket_id` for `technician`; a timer of theirs that was running is stopped as it
/// ran (refused, nothing changed, when it is forgotten: stop it with what was worked first).
pub fn start(
    store: &mut Store,
    settings: &Settings,
    ticket_id: &crate::domain::TicketId,
    technician: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Option<Stopped>> {
    match store.running_timer(technician)? {
        Some(timer) => end(store, settings, timer, Booking::AsRan, Some((ticket_id, role)), now).map(Some),
        None => {
            store.start_timer(ticket_id, technician, role, now)?;
            Ok(None)
        }
    }
}

/// What starting a timer now does to the entry `technician`'s last timer booked, in words, when it
/// cuts it: one timer's entry holds at most the time until its technician's next timer started
/// (README, "Working offline"), so it is cut here — said, never silently. Call before [`start`]. Only
/// a timer version can be cut: what `--worked` said beyond the run is a correction of it (see
/// `Store::end_timer`), so this speaks only of a stop booked whole in a closed month.
pub fn cut_by_start(store: &Store, technician: &str, now: DateTime<Utc>) -> Result<Option<String>> {
    Ok(store.cut_by_next_timer(technician, now)?.map(|(number, said, holds)| {
        t!(
            "timer-start-cuts",
            ticket = number.as_str(),
            said = crate::i18n::words::minutes(i64::from(said)),
            holds = crate::i18n::words::minutes(i64::from(holds))
        )
    }))
}

fn end(
    store: &mut Store,
    settings: &Settings,
    timer: TimerRow,
    booking: Booking,
    then: Option<(&str, Role)>,
    now: DateTime<Utc>,
) -> Result<Stopped> {
    let minutes = match booking {
        Booking::Worked(m) => m,
        Booking::AsRan => {
            let ran = timer_minutes(timer.started_at, now);
            if is_forgotten(settings, &timer, now) || ran > MAX_ENTRY_MINUTES {
                return Err(StoreError::Invalid(forgotten_message(settings, &timer, now)));
            }
            ran
        }
    };
    if minutes == 0 || minutes > MAX_ENTRY_MINUTES {
        return Err(StoreError::Invalid(t!(
            "timer-books-range",
            max = crate::i18n::words::minutes(i64::from(MAX_ENTRY_MINUTES)),
            minutes = crate::i18n::words::minutes(i64::from(minutes))
        )));
    }
    let month = settings.calendar.month_of(timer.started_at);
    let closed_month = store.is_month_closed(month)?;
    let prices = store.device_tag()?.is_empty();
    let ran = timer_minutes(timer.started_at, now);
    let back = now - chrono::Duration::minutes(i64::from(minutes));
    if !closed_month && minutes > ran && store.is_month_closed(settings.calendar.month_of(back))? {
        // What was said beyond the run would start in a closed month: the timer books its run, and
        // the rest is an entry of its own before it, booked in that month as a correction.
        let earlier = NewEntry {
            ticket_id: timer.ticket_id.clone(),
            started_at: back,
            minutes: crate::domain::Minutes::new(minutes - ran)?,
            role: timer.role,
            technician: timer.technician.clone(),
            note: String::new(),
        };
        let adjustments = if prices {
            let ticket =
                store.ticket(&timer.ticket_id)?.ok_or_else(|| StoreError::NotFound(t!("timer-ticket-missing")))?;
            price_correction(store, settings, &ticket, Some(&earlier), None, now)?
        } else {
            Vec::new()
        };
        let correction = prices.then(|| adjustments.iter().map(|a| a.amount).sum());
        let stop =
            TimerStop { timer: timer.id.clone(), minutes: ran, adjustments, closed_month, earlier: Some(earlier) };
        let stopped = store.end_timer(&timer.technician, stop, then, now)?;
        return Ok(Stopped { stopped, closed_month, correction, by_desk: super::priced_by_desk(store)? });
    }
    let adjustments = if closed_month && prices {
        let ticket = store.ticket(&timer.ticket_id)?.ok_or_else(|| StoreError::NotFound(t!("timer-ticket-missing")))?;
        let entry = NewEntry {
            ticket_id: timer.ticket_id.clone(),
            started_at: timer.started_at,
            minutes: crate::domain::Minutes::new(minutes)?,
            role: timer.role,
            technician: timer.technician.clone(),
            note: String::new(),
        };
        price_correction(store, settings, &ticket, Some(&entry), None, now)?
    } else {
        Vec::new()
    };
    let correction = (closed_month && prices).then(|| adjustments.iter().map(|a| a.amount).sum());
    let stop = TimerStop { timer: timer.id.clone(), minutes, adjustments, closed_month, earlier: None };
    let stopped = store.end_timer(&timer.technician, stop, then, now)?;
    Ok(Stopped { stopped, closed_month, correction, by_desk: super::priced_by_desk(store)? })
}

/// Why a forgotten timer was not booked, and how to book it.
fn forgotten_message(settings: &Settings, timer: &TimerRow, now: DateTime<Utc>) -> String {
    let ran = (now - timer.started_at).num_minutes().max(0);
    let since =
        crate::i18n::dates::format(&timer.started_at.with_timezone(&settings.calendar.time_zone()), "%a %-d %b %H:%M");
    let limit = if timer.started_at > now {
        t!("forgotten-started-in-future")
    } else if is_forgotten(settings, timer, now) {
        t!("forgotten-longer-than-hours", hours = settings.app.forgotten_timer_hours.to_string())
    } else {
        t!("forgotten-longer-than-entry", max = crate::i18n::words::minutes(i64::from(MAX_ENTRY_MINUTES)))
    };
    t!(
        "forgotten-timer-not-booked",
        technician = timer.technician.as_str(),
        ticket = timer.ticket_number.as_str(),
        ran = crate::i18n::words::minutes(ran),
        since = since,
        limit = limit
    )
}
