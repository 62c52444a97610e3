//! Reading typed values: instants, dates, months, tiers; each error says what was wrong and how to write it.

use crate::t;
use chrono::{DateTime, Utc};

use super::{CliError, CliResult};
use crate::app::form::billable;
use crate::domain::{BusinessCalendar, YearMonth};
use crate::i18n::refusals::Worded;

/// An RFC 3339 instant, e.g. `2026-03-02T10:00:00+01:00` or `2026-03-02T09:00:00Z`.
/// One outside the years helpdesk bills ([`crate::domain::is_billable_instant`]) is refused too.
pub fn instant(s: &str) -> Result<DateTime<Utc>, String> {
    let t = DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| t!("not-an-instant", typed = s.trim()))?;
    billable(t, s)
}

pub fn instant_arg(s: &str, what: &str) -> CliResult<DateTime<Utc>> {
    instant(s).map_err(|e| CliError::input(t!("flag-error", flag = what, error = e)))
}

/// `--at` or now: when something already happened (a ticket received, a response, work started), so
/// not in the future (as the forms read it: [`crate::app::form::has_happened`]).
pub fn at_or_now(at: Option<&str>, now: DateTime<Utc>) -> CliResult<DateTime<Utc>> {
    at.map_or(Ok(now), |s| happened_arg(s, now, "--at"))
}

/// An RFC 3339 instant of something that already happened (see [`at_or_now`]).
pub fn happened_arg(s: &str, now: DateTime<Utc>, what: &str) -> CliResult<DateTime<Utc>> {
    let t = instant_arg(s, what)?;
    if crate::app::form::has_happened(t, now) {
        Ok(t)
    } else {
        Err(CliError::input(t!("flag-error", flag = what, error = t!("instant-in-future", typed = s.trim()))))
    }
}

/// A date (`YYYY-MM-DD`, meaning the end of that day in the provider's zone) or an RFC 3339 instant.
pub fn date_or_instant(s: &str, cal: &BusinessCalendar, what: &str) -> CliResult<DateTime<Utc>> {
    if let Some(t) = cal.date_alone(s) {
        return billable(t, s).map_err(|e| CliError::input(t!("flag-error", flag = what, error = e)));
    }
    match DateTime::parse_from_rfc3339(s.trim()) {
        Ok(t) => {
            billable(t.with_timezone(&Utc), s).map_err(|e| CliError::input(t!("flag-error", flag = what, error = e)))
        }
        Err(_) => Err(CliError::input(t!("not-a-date-or-instant", flag = what, typed = s.trim()))),
    }
}

/// A promised resolution date as the TUI reads it (one parser for both, `app::form::parse_resolve_by`):
/// a date alone is the end of that day, `2026-12-10 14:00` that minute, `+N` the close of the N-th
/// business day after `now` (a response's own time when one is recorded); an RFC 3339 instant as it is.
/// Errors name the flag and the forms.
pub fn resolve_by(s: &str, cal: &BusinessCalendar, now: DateTime<Utc>, what: &str) -> CliResult<DateTime<Utc>> {
    if cal.date_alone(s).is_some() || DateTime::parse_from_rfc3339(s.trim()).is_ok() {
        return date_or_instant(s, cal, what);
    }
    crate::app::form::parse_resolve_by(cal, s, now).map_err(|e| CliError::input(format!("{what}: {e}")))
}

pub fn month(s: &str) -> CliResult<YearMonth> {
    s.parse().map_err(|e: crate::domain::month::BadMonth| CliError::input(e.worded()))
}

pub fn parsed<T: std::str::FromStr>(s: &str) -> CliResult<T>
where
    T::Err: Worded,
{
    s.parse().map_err(|e: T::Err| CliError::input(e.worded()))
}

/// The ticket a typed number (`1042`, `#1042`, `B-17`) names: a number that does not parse is the
/// user's input, one that names no ticket the store's [`crate::store::Unknown`].
pub fn ticket(store: &crate::store::Store, typed: &str) -> CliResult<crate::store::TicketRow> {
    let number: crate::domain::TicketNumber = parsed(typed)?;
    Ok(store.require_ticket(&number)?)
}

/// The technician a typed name (`--assignee`, `--by`) means, by the interface's rule
/// ([`crate::domain::technician::pick_technician`]: a known technician by the start of the name, a
/// new one only with a leading `+`): `None` for a blank name. The error names `flag`.
pub fn technician(store: &crate::store::Store, me: &str, typed: &str, flag: &str) -> CliResult<Option<String>> {
    let known = store.technicians()?;
    crate::domain::technician::pick_technician(typed, known, me)
        .map_err(|e| CliError::input(t!("flag-error", flag = flag, error = e)))
}
