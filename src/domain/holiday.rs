//! Public holidays as rules: a fixed day of the year, or a day counted from Easter Sunday (computus).

use chrono::{Datelike, Duration, NaiveDate};

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayDate {
    Fixed {
        month: u32,
        day: u32,
    },
    /// Days after (negative: before) Easter Sunday.
    Easter(i64),
}

/// A holiday as `calendar.toml` gives it: its date rule and its name in English and (optionally) Czech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayRule {
    pub date: HolidayDate,
    /// The English name (`name` in `calendar.toml`); also the Czech one when `name_cs` is missing.
    pub name: String,
    /// The Czech name (`name_cs`).
    pub name_cs: Option<String>,
}

/// One holiday in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub name_cs: Option<String>,
}

impl Holiday {
    /// The name in `language`: Czech falls back to the English name when the file gives no `name_cs`.
    pub fn name_in(&self, language: crate::language::Language) -> &str {
        match (language, &self.name_cs) {
            (crate::language::Language::Czech, Some(cs)) => cs,
            _ => &self.name,
        }
    }
}

impl HolidayRule {
    pub fn in_year(&self, year: i32) -> Option<Holiday> {
        let date = match self.date {
            HolidayDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)?,
            HolidayDate::Easter(offset) => easter_sunday(year)?.checked_add_signed(Duration::days(offset))?,
        };
        Some(Holiday { date, name: self.name.clone(), name_cs: self.name_cs.clone() })
    }

    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match self.date {
            HolidayDate::Fixed { month, day } => date.month() == month && date.day() == day,
            HolidayDate::Easter(offset) => {
                // An Easter-relative day can fall in the neighbouring year only for huge offsets.
                let year = date.year();
                [year, year - 1, year + 1].into_iter().any(|y| {
                    easter_sunday(y)
                        .and_then(|e| e.checked_add_signed(Duration::days(offset)))
                        .is_some_and(|d| d == date)
                })
            }
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_matches_known_dates() {
        let known = [
            (2000, 4, 23),
            (2016, 3, 27),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "year {y}");
        }
    }

    #[test]
    fn easter_relative_rule_falls_on_its_day_only() {
        let good_friday = HolidayRule { date: HolidayDate::Easter(-2), name: "Good Friday".into(), name_cs: None };
        let d = NaiveDate::from_ymd_opt(2026, 4, 3).unwrap();
        assert!(good_friday.falls_on(d));
        assert!(!good_friday.falls_on(d.succ_opt().unwrap()));
        assert_eq!(good_friday.in_year(2026).unwrap().date, d);
    }
}
