//! Durations as people type them for time entries: `45` (minutes), `1h30`, `1h 30m`, `90m`, `2h`, `1:30`.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDuration {
    #[error("`{0}` is not a duration: write minutes (45), 1h30, 1:30 or 2h")]
    Unreadable(String),
    #[error("a duration must be at least one minute")]
    Zero,
    #[error("`{0}` is negative: time worked must be positive")]
    Negative(String),
    #[error("`{0}` is too long for one time entry (at most 24h)")]
    TooLong(String),
}

pub const MAX_ENTRY_MINUTES: u32 = 24 * 60;

/// The minutes of one time entry: at least one, at most [`MAX_ENTRY_MINUTES`] (24 h). Built only
/// valid: from a typed duration ([`Minutes::parse`]) or a count ([`Minutes::new`]). Serialises as the
/// bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Minutes(u32);

/// A count of minutes outside 1 ..= [`MAX_ENTRY_MINUTES`] for one time entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a time entry must be between 1 and {MAX_ENTRY_MINUTES} minutes, not {0}")]
pub struct MinutesOutOfRange(pub u32);

impl Minutes {
    /// `minutes` if it is 1 ..= [`MAX_ENTRY_MINUTES`].
    pub fn new(minutes: u32) -> Result<Self, MinutesOutOfRange> {
        if minutes == 0 || minutes > MAX_ENTRY_MINUTES {
            return Err(MinutesOutOfRange(minutes));
        }
        Ok(Minutes(minutes))
    }

    /// A duration as people type it (see [`parse_minutes`]).
    pub fn parse(input: &str) -> Result<Self, BadDuration> {
        parse_minutes(input).map(Minutes)
    }

    /// The count of minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Minutes {
    type Error = MinutesOutOfRange;
    fn try_from(minutes: u32) -> Result<Self, Self::Error> {
        Minutes::new(minutes)
    }
}

impl From<Minutes> for u32 {
    fn from(m: Minutes) -> u32 {
        m.0
    }
}

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Whether a timer started at `started` has run longer than `hours` at `now` (forgotten: left
/// running over a night or a weekend), or started after `now` (started under a clock that was ahead —
/// this machine's or another copy's —, so it has no run to book) — either way its running time is not
/// booked without asking.
pub fn timer_forgotten(started: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>, hours: u32) -> bool {
    started > now || now - started > chrono::Duration::hours(i64::from(hours))
}

/// Parses a work duration into whole minutes (1 ..= 24 h).
pub fn parse_minutes(input: &str) -> Result<u32, BadDuration> {
    let s: String = input.trim().to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || BadDuration::Unreadable(input.trim().to_string());
    if s.starts_with('-') {
        return Err(BadDuration::Negative(input.trim().to_string()));
    }
    let num = |t: &str| -> Result<u64, BadDuration> {
        if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        t.parse().map_err(|_| bad())
    };
    let total = if let Some((h, m)) = s.split_once(':') {
        // `1:30 h` is how a Czech screen shows a duration in a table cell.
        let m = num(m.strip_suffix('h').unwrap_or(m))?;
        if m >= 60 {
            return Err(bad());
        }
        num(h)? * 60 + m
    } else if let Some((h, rest)) = s.split_once('h') {
        let rest = rest.strip_suffix("min").or_else(|| rest.strip_suffix('m')).unwrap_or(rest);
        let m = if rest.is_empty() { 0 } else { num(rest)? };
        if m >= 60 && !h.is_empty() {
            return Err(bad());
        }
        num(h)? * 60 + m
    } else {
        num(s.strip_suffix("min").or_else(|| s.strip_suffix('m')).unwrap_or(&s))?
    };
    match total {
        0 => Err(BadDuration::Zero),
        t if t > u64::from(MAX_ENTRY_MINUTES) => Err(BadDuration::TooLong(input.trim().to_string())),
        t => Ok(t as u32),
    }
}

/// Formats minutes the way they are typed: `45m`, `1h 30m`, `2h`.
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    match (m / 60, m % 60) {
        (0, r) => format!("{sign}{r}m"),
        (h, 0) => format!("{sign}{h}h"),
        (h, r) => format!("{sign}{h}h {r}m"),
    }
}

/// The kept side of a timer conflict, as machine text: the timer was stopped and booked nothing (its
/// run is the other side, [`TimerRan`]).
pub const TIMER_STOPPED: &str = "timer-stopped";

/// What a timer that booked nothing had run (the losing value of a timer conflict, kept in the
/// database): `minutes` until `technician` started a timer on ticket `ticket` on another copy (`None`:
/// the ticket is gone). Stored as machine text (`timer-ran:45:1042:bob`), worded when read in the
/// reader's language; [`TimerRan::parse`] also reads the English sentence older helpdesks stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerRan {
    pub minutes: u32,
    pub technician: String,
    pub ticket: Option<String>,
}

impl TimerRan {
    const PREFIX: &'static str = "timer-ran:";
    const OLD_GONE: &'static str = "(gone)";

    /// The stored form: `timer-ran:{minutes}:{ticket or empty}:{technician}` (the technician last, as
    /// a name may hold a colon; a ticket number never does).
    pub fn to_value(&self) -> String {
        format!("{}{}:{}:{}", Self::PREFIX, self.minutes, self.ticket.as_deref().unwrap_or(""), self.technician)
    }

    /// Reads the stored form, or the sentence older helpdesks stored (`ran 45 min until bob started a
    /// timer on ticket 1042`); `None` for anything else.
    pub fn parse(value: &str) -> Option<TimerRan> {
        if let Some(rest) = value.strip_prefix(Self::PREFIX) {
            let mut parts = rest.splitn(3, ':');
            let minutes = parts.next()?.parse().ok()?;
            let ticket = parts.next()?;
            let technician = parts.next()?;
            let ticket = (!ticket.is_empty()).then(|| ticket.to_string());
            return Some(TimerRan { minutes, technician: technician.to_string(), ticket });
        }
        let rest = value.strip_prefix("ran ")?;
        let (minutes, rest) = rest.split_once(" min until ")?;
        let (technician, ticket) = rest.rsplit_once(" started a timer on ticket ")?;
        let ticket = (ticket != Self::OLD_GONE).then(|| ticket.to_string());
        Some(TimerRan { minutes: minutes.parse().ok()?, technician: technician.to_string(), ticket })
    }
}

/// Whether work on a ticket may start at `started`: not on a day before the ticket was `received`,
/// days as `zone` has them (the zone the file bills in). Work earlier on the day the ticket was received
/// is accepted (a phone call worked before the ticket was typed); an earlier day is refused — typically
/// a mistyped year or month, which would bill the work into a month the customer had no ticket in.
pub fn work_may_start(
    started: chrono::DateTime<chrono::Utc>,
    received: chrono::DateTime<chrono::Utc>,
    zone: chrono_tz::Tz,
) -> bool {
    started.with_timezone(&zone).date_naive() >= received.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_timer_that_started_after_now_is_forgotten_too() {
        let at = |h| chrono::DateTime::parse_from_rfc3339(h).unwrap().with_timezone(&chrono::Utc);
        let now = at("2026-03-03T11:30:00+01:00");
        assert!(timer_forgotten(at("2026-03-06T10:30:00+01:00"), now, 10), "started three days ahead");
        assert!(timer_forgotten(at("2026-03-03T11:31:00+01:00"), now, 10), "a minute ahead");
        assert!(!timer_forgotten(now, now, 10));
        assert!(!timer_forgotten(at("2026-03-03T09:30:00+01:00"), now, 10));
        assert!(timer_forgotten(at("2026-03-02T09:30:00+01:00"), now, 10));
    }

    #[test]
    fn work_may_start_on_the_day_received_never_a_day_before() {
        use chrono::TimeZone;
        let prague = chrono_tz::Europe::Prague;
        let at = |y, m, d, h, mi| prague.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap().with_timezone(&chrono::Utc);
        let received = at(2027, 1, 5, 9, 0);
        assert!(work_may_start(at(2027, 1, 5, 9, 0), received, prague));
        assert!(work_may_start(at(2027, 1, 5, 0, 10), received, prague), "earlier the same Prague day");
        assert!(!work_may_start(at(2027, 1, 4, 23, 50), received, prague), "the day before");
        assert!(!work_may_start(at(2026, 1, 5, 9, 30), received, prague), "a mistyped year");
        // 00:30 in Prague is still the previous day in UTC: the Prague day counts.
        assert!(work_may_start(at(2027, 1, 5, 0, 30), at(2027, 1, 5, 23, 0), prague));
    }

    #[test]
    fn minutes_are_one_to_a_day() {
        assert_eq!(Minutes::new(0), Err(MinutesOutOfRange(0)));
        assert_eq!(Minutes::new(MAX_ENTRY_MINUTES + 1), Err(MinutesOutOfRange(MAX_ENTRY_MINUTES + 1)));
        assert_eq!(Minutes::new(1).map(Minutes::get), Ok(1));
        assert_eq!(Minutes::new(MAX_ENTRY_MINUTES).map(Minutes::get), Ok(MAX_ENTRY_MINUTES));
        assert_eq!(Minutes::parse("1h30").map(Minutes::get), Ok(90));
        assert!(serde_json::from_str::<Minutes>("0").is_err());
        assert_eq!(serde_json::to_string(&Minutes::new(45).unwrap()).unwrap(), "45");
    }

    #[test]
    fn reads_the_usual_forms() {
        for (s, m) in [
            ("45", 45),
            ("1h30", 90),
            ("1:30", 90),
            ("2h", 120),
            ("90m", 90),
            ("1h 5m", 65),
            (" 0:05 ", 5),
            ("1:30 h", 90),
            ("1 h 30 min", 90),
        ] {
            assert_eq!(parse_minutes(s), Ok(m), "{s}");
        }
    }

    #[test]
    fn refuses_the_rest() {
        for s in ["", "-5", "abc", "1:75", "1h75", "1.5", "h", ":", "25h", "0", "0:00"] {
            assert!(parse_minutes(s).is_err(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = parse_minutes(&s);
        }

        #[test]
        fn formatted_minutes_read_back(m in 1u32..=MAX_ENTRY_MINUTES) {
            prop_assert_eq!(parse_minutes(&format_minutes(i64::from(m))), Ok(m));
        }
    }

    #[test]
    fn a_timer_that_ran_reads_back_from_its_stored_form_and_from_older_files_sentence() {
        let ran = TimerRan { minutes: 45, technician: "Jan: Novák".into(), ticket: Some("A-17".into()) };
        assert_eq!(ran.to_value(), "timer-ran:45:A-17:Jan: Novák");
        assert_eq!(TimerRan::parse(&ran.to_value()), Some(ran.clone()));
        let gone = TimerRan { ticket: None, ..ran.clone() };
        assert_eq!(TimerRan::parse(&gone.to_value()), Some(gone.clone()));
        let old = "ran 45 min until Jan: Novák started a timer on ticket A-17";
        assert_eq!(TimerRan::parse(old), Some(ran));
        assert_eq!(TimerRan::parse("ran 45 min until Jan: Novák started a timer on ticket (gone)"), Some(gone));
        for other in ["", "stopped, nothing booked", "timer-ran:x:1:bob", "timer-ran:5", "ran five min until b"] {
            assert_eq!(TimerRan::parse(other), None, "{other}");
        }
    }
}
