//! "When" fields: instants and promised dates as they are typed and shown in forms (the CLI's
//! `--resolve-by` reads through the same parser).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::domain::BusinessCalendar;

/// How instants are typed in forms, in the provider's zone (the hint under such a field).
pub fn instant_hint() -> String {
    crate::t!("hint-instant")
}

/// How a promised date is typed (the hint under such a field).
pub fn date_hint() -> String {
    crate::t!("hint-date")
}

/// The word a "when" field starts with: `now` (Czech `teď`); both words are read in either language.
pub fn now_word() -> String {
    crate::t!("form-now")
}

/// A promised date as it is typed: the day alone when it is that day's end (what a date alone means,
/// so it reads back as the same instant), else the minute.
pub fn format_resolve_by(cal: &BusinessCalendar, t: DateTime<Utc>) -> String {
    let day = cal.local_date(t).format("%Y-%m-%d").to_string();
    if cal.date_alone(&day) == Some(t) { day } else { format_input(cal, t) }
}

/// Formats an instant the way [`parse_instant`] reads it.
pub fn format_input(cal: &BusinessCalendar, t: DateTime<Utc>) -> String {
    cal.local_minute(t)
}

/// Reads `now`, `HH:MM` (today), `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (at `default_time`) as a local time.
/// One outside the years helpdesk bills ([`crate::domain::is_billable_instant`]) is refused.
pub fn parse_instant(
    cal: &BusinessCalendar,
    s: &str,
    now: DateTime<Utc>,
    default_time: NaiveTime,
) -> Result<DateTime<Utc>, String> {
    billable(read_instant(cal, s, now, default_time)?, s)
}

/// How far ahead of the clock a time that already happened may be typed (clocks of two machines
/// differ a little; a minute typed ahead of the seconds).
pub const FUTURE_SLACK: Duration = Duration::minutes(5);

/// Whether `t`, typed for something that already happened (a ticket received, a response, work
/// started), is not in the future: at most [`FUTURE_SLACK`] after `now`. The forms' and the CLI's one
/// rule.
pub fn has_happened(t: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    t <= now + FUTURE_SLACK
}

/// `t` (typed as `s`) if helpdesk can bill work at it, else an error naming the years it takes (the
/// one check of the CLI's and the TUI's instants).
pub fn billable(t: DateTime<Utc>, s: &str) -> Result<DateTime<Utc>, String> {
    if crate::domain::is_billable_instant(t) { Ok(t) } else { Err(crate::t!("instant-out-of-range", typed = s.trim())) }
}

fn read_instant(
    cal: &BusinessCalendar,
    s: &str,
    now: DateTime<Utc>,
    default_time: NaiveTime,
) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    let bad = || crate::t!("form-not-a-time", typed = t, hint = instant_hint());
    let now_words = ["now", "teď", "ted"];
    if t.is_empty() || now_words.iter().any(|w| t.to_lowercase() == *w) {
        return Ok(now);
    }
    if let Ok(time) = NaiveTime::parse_from_str(t, "%H:%M") {
        return Ok(cal.local_instant(cal.local_date(now).and_time(time)));
    }
    for f in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(cal.local_instant(dt));
        }
    }
    for f in ["%Y-%m-%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Ok(cal.local_instant(d.and_time(default_time)));
        }
    }
    Err(bad())
}

/// A promised resolution date: a date alone means 23:59:59 of that day in the provider's zone
/// ([`BusinessCalendar::date_alone`], as the CLI reads it); a date with a time as [`parse_instant`];
/// or `+N`: the close of the N-th business day after today.
pub fn parse_resolve_by(cal: &BusinessCalendar, s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    billable(read_resolve_by(cal, s, now)?, s)
}

fn read_resolve_by(cal: &BusinessCalendar, s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(crate::t!("form-resolve-by-required", hint = date_hint()));
    }
    if let Some(n) = t.strip_prefix('+') {
        let n: i64 = n.trim_end_matches('d').parse().map_err(|_| crate::t!("form-not-business-days", typed = t))?;
        if !(1..=365).contains(&n) {
            return Err(crate::t!("form-business-days-range"));
        }
        let mut date = cal.local_date(now);
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().ok_or_else(|| crate::t!("form-date-out-of-range"))?;
            if cal.is_business_day(date) {
                left -= 1;
            }
        }
        return cal.window(date).map(|(_, close)| close).ok_or_else(|| crate::t!("form-no-business-day"));
    }
    // A date alone: the same reading as the CLI's `--resolve-by` (the end of that day).
    if let Some(by) = cal.date_alone(t) {
        return Ok(by);
    }
    // Read, not judged: whether helpdesk bills its year is `parse_resolve_by`'s one check.
    read_instant(cal, t, now, NaiveTime::MIN).map_err(|_| crate::t!("form-not-a-date", typed = t, hint = date_hint()))
}

/// `now` rounded down to the minute, as a default for "when" fields.
pub fn minute(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::seconds(i64::from(chrono::Timelike::second(&now)))
}
