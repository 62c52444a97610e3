//! The provider's business calendar: opening hours, public holidays, and arithmetic in business time.
//!
//! All arithmetic happens in the provider's local wall-clock time (the configured zone), day by day:
//! the cost grows with the calendar days crossed, never with the minutes added. Business hours are
//! wall-clock hours, so a DST change (which happens at night) never shifts them. A configured window
//! that contains a DST change counts wall-clock time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::YearMonth;
use super::holiday::{Holiday, HolidayDate, HolidayRule, easter_sunday};

mod local;
pub use local::Placed;

const NANOS_PER_SEC: i64 = 1_000_000_000;
const DAY_NANOS: i64 = 86_400 * NANOS_PER_SEC;

/// Business hours and holidays in one time zone.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    tz: Tz,
    open_ns: i64,
    close_ns: i64,
    weekdays: [bool; 7],
    holidays: Vec<HolidayRule>,
    /// Easter Sundays of `EASTER_FROM..EASTER_FROM + len`, so day checks never redo the computus.
    easter: Vec<NaiveDate>,
    /// Per year from `EASTER_FROM`, a bit per day of the year that is a holiday: a day check is one
    /// lookup, so long spans (a ticket overdue for months) stay cheap.
    holiday_bits: Vec<[u64; 6]>,
}

/// The years the tables above are made for at start, 2000–2099: a helpdesk's dates, with a margin.
/// A day outside them is checked against the rules themselves (the same answer, more slowly). Every
/// process makes the tables; four centuries of them were 1.5 % of a `ticket list --open`.
const EASTER_FROM: i32 = 2000;
const EASTER_YEARS: i32 = 100;

/// A reason a calendar could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("opening time {open} must be before closing time {close}")]
    EmptyDay { open: String, close: String },
    #[error("no business weekdays are configured")]
    NoWeekdays,
}

/// A date typed alone, the one spelling every date field reads: `2026-03-31` or `31.3.2026`
/// (`31.03.2026`). `None`: not a date.
pub fn parse_date(typed: &str) -> Option<NaiveDate> {
    let t = typed.trim();
    ["%Y-%m-%d", "%d.%m.%Y"].iter().find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

impl BusinessCalendar {
    /// `close` may be `None` for midnight at the end of the day ("24:00").
    pub fn new(
        tz: Tz,
        open: NaiveTime,
        close: Option<NaiveTime>,
        weekdays: &[Weekday],
        holidays: Vec<HolidayRule>,
    ) -> Result<Self, CalendarError> {
        let open_ns = time_nanos(open);
        let close_ns = close.map_or(DAY_NANOS, time_nanos);
        if open_ns >= close_ns {
            return Err(CalendarError::EmptyDay {
                open: open.format("%H:%M").to_string(),
                close: close.map_or("24:00".into(), |c| c.format("%H:%M").to_string()),
            });
        }
        if weekdays.is_empty() {
            return Err(CalendarError::NoWeekdays);
        }
        let mut days = [false; 7];
        for d in weekdays {
            days[d.num_days_from_monday() as usize] = true;
        }
        let easter: Vec<NaiveDate> = (EASTER_FROM..EASTER_FROM + EASTER_YEARS).filter_map(easter_sunday).collect();
        // Every process builds this table at start: each Easter Sunday is computed once above (not once
        // per rule and year), and a rule's date in a year is found without building a `Holiday`.
        let easter_of = |y: i32| {
            usize::try_from(y - EASTER_FROM).ok().and_then(|i| easter.get(i).copied()).or_else(|| easter_sunday(y))
        };
        let holiday_bits = (EASTER_FROM..EASTER_FROM + EASTER_YEARS)
            .map(|year| {
                let mut bits = [0u64; 6];
                let mut mark = |date: NaiveDate| {
                    if date.year() == year {
                        let d = date.ordinal0() as usize;
                        bits[d / 64] |= 1 << (d % 64);
                    }
                };
                for h in &holidays {
                    match h.date {
                        HolidayDate::Fixed { month, day } => {
                            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                                mark(date);
                            }
                        }
                        // A rule counted from Easter may land in a neighbouring year.
                        HolidayDate::Easter(offset) => {
                            for y in [year - 1, year, year + 1] {
                                if let Some(date) =
                                    easter_of(y).and_then(|e| e.checked_add_signed(Duration::days(offset)))
                                {
                                    mark(date);
                                }
                            }
                        }
                    }
                }
                bits
            })
            .collect();
        Ok(Self { tz, open_ns, close_ns, weekdays: days, holidays, easter, holiday_bits })
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// `t` as a wall-clock minute in the calendar's zone, `2026-03-02 10:00` (see [`local_minute`]).
    pub fn local_minute(&self, t: DateTime<Utc>) -> String {
        local_minute(self.tz, t)
    }

    /// Length of one business day.
    pub fn day_length(&self) -> Duration {
        Duration::nanoseconds(self.close_ns - self.open_ns)
    }

    /// The holidays of a year, in date order.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = self.holidays.iter().filter_map(|h| h.in_year(year)).collect();
        out.sort_by_key(|h| h.date);
        out.dedup_by_key(|h| h.date);
        out
    }

    /// The holiday on `date`, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&HolidayRule> {
        let mut easter = None;
        self.holidays.iter().find(|h| match h.date {
            HolidayDate::Fixed { month, day } => date.month() == month && date.day() == day,
            HolidayDate::Easter(offset) => {
                let sunday = *easter.get_or_insert_with(|| self.easter_sunday(date.year()));
                if offset.abs() < 80 {
                    sunday.and_then(|e| e.checked_add_signed(Duration::days(offset))) == Some(date)
                } else {
                    h.falls_on(date)
                }
            }
        })
    }

    fn easter_sunday(&self, year: i32) -> Option<NaiveDate> {
        usize::try_from(year - EASTER_FROM)
            .ok()
            .and_then(|i| self.easter.get(i).copied())
            .or_else(|| easter_sunday(year))
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        self.weekdays[date.weekday().num_days_from_monday() as usize] && !self.is_holiday(date)
    }

    fn is_holiday(&self, date: NaiveDate) -> bool {
        match usize::try_from(date.year() - EASTER_FROM).ok().and_then(|i| self.holiday_bits.get(i)) {
            Some(bits) => {
                let d = date.ordinal0() as usize;
                bits[d / 64] & (1 << (d % 64)) != 0
            }
            None => self.holiday_on(date).is_some(),
        }
    }

    /// Whether the business clock runs at `t`.
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let (date, pos) = self.split_local(t);
        self.is_business_day(date) && pos >= self.open_ns && pos < self.close_ns
    }

    /// `t` itself when the clock runs at `t`, else the next instant it starts running.
    pub fn next_opening(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let (mut date, mut pos) = self.split_local(t);
        loop {
            if self.is_business_day(date) && pos < self.close_ns {
                return if pos >= self.open_ns { t } else { self.instant(date, self.open_ns) };
            }
            date = next_day(date);
            pos = 0;
        }
    }

    /// The earliest instant at which `amount` of business time has elapsed since `t`.
    /// A zero or negative amount gives `t`.
    pub fn add(&self, t: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        let Some(mut rem) = amount.num_nanoseconds() else {
            return DateTime::<Utc>::MAX_UTC;
        };
        if rem <= 0 {
            return t;
        }
        let (mut date, mut pos) = self.split_local(t);
        let day = self.close_ns - self.open_ns;
        loop {
            if self.is_business_day(date) {
                let start = pos.max(self.open_ns);
                if start < self.close_ns {
                    let avail = self.close_ns - start;
                    if rem <= avail {
                        return self.instant(date, start + rem);
                    }
                    rem -= avail;
                }
            }
            date = next_day(date);
            pos = 0;
            // Whole business days in the middle of a long span: only the day checks remain.
            while rem > day && self.is_business_day(date) {
                rem -= day;
                date = next_day(date);
            }
        }
    }

    /// Business time between `from` and `to`; zero when `to` is not after `from`.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        let (mut date, mut pos) = self.split_local(from);
        let (end_date, end_pos) = self.split_local(to);
        let mut total: i64 = 0;
        while date <= end_date {
            if self.is_business_day(date) {
                let lo = pos.max(self.open_ns);
                let hi = if date == end_date { end_pos.min(self.close_ns) } else { self.close_ns };
                if hi > lo {
                    total += hi - lo;
                }
            }
            date = next_day(date);
            pos = 0;
        }
        Duration::nanoseconds(total)
    }

    /// Whole business minutes between two instants, rounded down.
    pub fn minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.between(from, to).num_minutes()
    }

    /// The business window `[open, close)` of a date as instants, if it is a business day.
    pub fn window(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.is_business_day(date).then(|| (self.instant(date, self.open_ns), self.instant(date, self.close_ns)))
    }

    /// The month (in the provider's zone) an instant falls in: the month its work is billed in and
    /// the current month when `t` is now (DOMAIN.md: prepaid minutes are per calendar month).
    pub fn month_of(&self, t: DateTime<Utc>) -> YearMonth {
        YearMonth::of(self.local_date(t))
    }

    /// The instants where `month` starts and ends in the provider's zone: `[from, to)`.
    pub fn month_bounds(&self, month: YearMonth) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |m: YearMonth| self.local_instant(m.first_day().and_hms_opt(0, 0, 0).unwrap_or_default());
        (start(month), start(month.next()))
    }

    /// The one reading of a date typed alone (`2026-12-10` or `10.12.2026`), in the CLI and the TUI
    /// alike: 23:59:59 of that day in the provider's zone. `None`: not a date alone.
    pub fn date_alone(&self, typed: &str) -> Option<DateTime<Utc>> {
        parse_date(typed).map(|d| self.end_of_day(d))
    }

    /// 23:59:59 of `date` in the provider's zone.
    pub fn end_of_day(&self, date: NaiveDate) -> DateTime<Utc> {
        self.local_instant(date.and_time(chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()))
    }

    /// The local date of an instant in the provider's zone.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.split_local(t).0
    }

    /// The instant of a local wall-clock time (the earlier one when ambiguous, shifted past a gap).
    pub fn local_instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let mut probe = local;
        for _ in 0..48 {
            match self.tz.from_local_datetime(&probe) {
                chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
                chrono::LocalResult::Ambiguous(a, _) => return a.with_timezone(&Utc),
                chrono::LocalResult::None => probe += Duration::minutes(30),
            }
        }
        Utc.from_utc_datetime(&local)
    }

    fn split_local(&self, t: DateTime<Utc>) -> (NaiveDate, i64) {
        let local = t.with_timezone(&self.tz).naive_local();
        let nanos = i64::from(chrono::Timelike::nanosecond(&local.time()).min(999_999_999));
        let secs = i64::from(chrono::Timelike::num_seconds_from_midnight(&local.time()));
        (local.date(), secs * NANOS_PER_SEC + nanos)
    }

    fn instant(&self, date: NaiveDate, pos: i64) -> DateTime<Utc> {
        let local = date.and_time(NaiveTime::MIN) + Duration::nanoseconds(pos);
        self.local_instant(local)
    }
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

fn time_nanos(t: NaiveTime) -> i64 {
    let secs = i64::from(chrono::Timelike::num_seconds_from_midnight(&t));
    secs * NANOS_PER_SEC + i64::from(chrono::Timelike::nanosecond(&t).min(999_999_999))
}

/// `t` as a wall-clock minute in `zone`: `YYYY-MM-DD HH:MM` (what lists, forms and conflicts show).
/// Written digit by digit: a list of thousands of deadlines pays no format-string parsing per row.
pub fn local_minute(zone: Tz, t: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(16);
    push_local_minute(&mut out, zone, t);
    out
}

/// [`local_minute`] appended to `out` (a list's rows write theirs into one buffer).
pub fn push_local_minute(out: &mut String, zone: Tz, t: DateTime<Utc>) {
    push_wall_minute(out, t.with_timezone(&zone).naive_local());
}

/// A wall-clock time as [`local_minute`] writes it, appended to `out` (a [`Placed`] instant's).
pub fn push_wall_minute(out: &mut String, l: NaiveDateTime) {
    use chrono::Timelike;
    if !(0..=9999).contains(&l.year()) {
        use std::fmt::Write;
        let _ = write!(out, "{}", l.format("%Y-%m-%d %H:%M"));
        return;
    }
    // Digits by hand: a long list writes one per row, and `write!` costs several times more.
    // Into sixteen bytes first, then onto `out` in one copy.
    let y = l.year() as u32;
    let mut text = *b"0000-00-00 00:00";
    for (at, d) in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10].into_iter().enumerate() {
        text[at] = b'0' + d as u8;
    }
    for (at, n) in [(5, l.month()), (8, l.day()), (11, l.hour()), (14, l.minute())] {
        text[at] = b'0' + (n / 10) as u8;
        text[at + 1] = b'0' + (n % 10) as u8;
    }
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}
