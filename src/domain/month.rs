//! A calendar month (`YYYY-MM`), the unit of billing and prepaid minutes.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a month: write it as YYYY-MM, e.g. 2026-03")]
pub struct BadMonth(pub String);

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month has a first day")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { year: self.year, month: self.month + 1 }
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self { year: self.year - 1, month: 12 }
        } else {
            Self { year: self.year, month: self.month - 1 }
        }
    }

    /// Months since year 0, for ordering and distances.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = BadMonth;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || BadMonth(s.to_string());
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        YearMonth::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = BadMonth;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.to_string()
    }
}

/// The instants helpdesk takes from a person (the CLI's `--at`, `--resolve-by`, the TUI's time fields):
/// 1583-01-02T00:00:00Z up to 9999-12-30T23:59:59Z, so that in any zone (offsets up to ±14 h) the
/// instant falls in a month of the years 1583–9999 — the months `report month` and `calendar` take
/// (DOMAIN.md: work is billed in the calendar month it started in). An instant outside would be
/// stored in a month no statement can show (`10000-01`), its work billed nowhere.
pub fn is_billable_instant(t: chrono::DateTime<chrono::Utc>) -> bool {
    /// 1583-01-02T00:00:00Z and 9999-12-30T23:59:59Z as unix seconds.
    const ACCEPTED: std::ops::RangeInclusive<i64> = -12_212_467_200..=253_402_214_399;
    ACCEPTED.contains(&t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-03".parse::<YearMonth>().unwrap(), YearMonth::new(2026, 3).unwrap());
        for bad in ["2026-13", "2026-3", "26-03", "2026/03", "", "2026-00", "abcd-ef"] {
            assert!(bad.parse::<YearMonth>().is_err(), "{bad}");
        }
    }

    #[test]
    fn steps_across_years() {
        let dec = YearMonth::new(2025, 12).unwrap();
        assert_eq!(dec.next(), YearMonth::new(2026, 1).unwrap());
        assert_eq!(dec.next().prev(), dec);
    }

    #[test]
    fn billable_instants_are_those_whose_month_every_zone_can_name() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
        for ok in ["1583-01-02T00:00:00Z", "2026-03-02T10:00:00+01:00", "9999-12-30T23:59:59Z"] {
            assert!(super::is_billable_instant(at(ok)), "{ok}");
        }
        for bad in ["1583-01-01T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "9999-12-31T23:59:59Z"] {
            assert!(!super::is_billable_instant(at(bad)), "{bad}");
        }
    }
}
