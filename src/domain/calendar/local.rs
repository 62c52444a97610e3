//! Instants already placed in the provider's zone, for lists that work out many deadlines against
//! one `now`: each instant is converted once (a zone conversion is a search of the zone's
//! transitions), and `now`'s place in the calendar once per list rather than once per row. Every
//! result equals the plain [`BusinessCalendar`] method's on the same instants.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::{BusinessCalendar, NANOS_PER_SEC, next_day};

/// An instant with its wall-clock time in the calendar's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub at: DateTime<Utc>,
    /// The wall-clock time of `at` in the calendar's zone.
    pub local: NaiveDateTime,
}

impl Placed {
    /// The local date and the position in it (nanoseconds since midnight), as the calendar counts.
    fn split(&self) -> (NaiveDate, i64) {
        let time = self.local.time();
        let nanos = i64::from(chrono::Timelike::nanosecond(&time).min(999_999_999));
        let secs = i64::from(chrono::Timelike::num_seconds_from_midnight(&time));
        (self.local.date(), secs * NANOS_PER_SEC + nanos)
    }
}

impl BusinessCalendar {
    /// `t` with its wall-clock time in the calendar's zone.
    pub fn place(&self, t: DateTime<Utc>) -> Placed {
        Placed { at: t, local: t.with_timezone(&self.tz).naive_local() }
    }

    /// [`BusinessCalendar::is_open`] of a placed instant.
    pub fn is_open_placed(&self, t: Placed) -> bool {
        let (date, pos) = t.split();
        self.is_business_day(date) && pos >= self.open_ns && pos < self.close_ns
    }

    /// [`BusinessCalendar::add`] from a placed instant, the result placed too.
    pub fn add_placed(&self, t: Placed, amount: Duration) -> Placed {
        let Some(mut rem) = amount.num_nanoseconds() else {
            return self.place(DateTime::<Utc>::MAX_UTC);
        };
        if rem <= 0 {
            return t;
        }
        let (mut date, mut pos) = t.split();
        let day = self.close_ns - self.open_ns;
        loop {
            if self.is_business_day(date) {
                let start = pos.max(self.open_ns);
                if start < self.close_ns {
                    let avail = self.close_ns - start;
                    if rem <= avail {
                        return self.placed_instant(date, start + rem);
                    }
                    rem -= avail;
                }
            }
            date = next_day(date);
            pos = 0;
            while rem > day && self.is_business_day(date) {
                rem -= day;
                date = next_day(date);
            }
        }
    }

    /// [`BusinessCalendar::between`] of placed instants.
    pub fn between_placed(&self, from: Placed, to: Placed) -> Duration {
        if to.at <= from.at {
            return Duration::zero();
        }
        let (mut date, mut pos) = from.split();
        let (end_date, end_pos) = to.split();
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

    /// The instant `pos` nanoseconds into local `date` (as [`BusinessCalendar::local_instant`] reads
    /// it), placed: the wall-clock time it was found at is the one it shows.
    fn placed_instant(&self, date: NaiveDate, pos: i64) -> Placed {
        let local = date.and_time(NaiveTime::MIN) + Duration::nanoseconds(pos);
        let mut probe = local;
        for _ in 0..48 {
            match self.tz.from_local_datetime(&probe) {
                chrono::LocalResult::Single(t) => return Placed { at: t.with_timezone(&Utc), local: probe },
                chrono::LocalResult::Ambiguous(a, _) => return Placed { at: a.with_timezone(&Utc), local: probe },
                chrono::LocalResult::None => probe += Duration::minutes(30),
            }
        }
        self.place(Utc.from_utc_datetime(&local))
    }
}
