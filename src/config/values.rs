//! Single values as the files write them: money, a time zone, a clock time, a weekday, a month-day.

use std::str::FromStr;

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, de};

use crate::t;

/// A non-negative decimal written as a string ("800") or a number.
pub(super) struct Money(pub(super) Decimal);

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            F(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(i) => i.to_string(),
            // A TOML float is never exact (`0.1 + 0.2`); the file says "never floats" (tariffs.toml).
            Raw::F(f) => return Err(de::Error::custom(t!("config-float", typed = f.to_string()))),
        };
        let v = Decimal::from_str(text.trim())
            .map_err(|_| de::Error::custom(t!("config-not-a-decimal", typed = text.as_str())))?;
        if v.is_sign_negative() {
            return Err(de::Error::custom(t!("config-negative", typed = text.as_str())));
        }
        Ok(Money(v))
    }
}

pub(super) struct ZoneName(pub(super) Tz);

impl<'de> Deserialize<'de> for ZoneName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Tz>().map(ZoneName).map_err(|_| de::Error::custom(t!("config-time-zone", typed = s.as_str())))
    }
}

/// `HH:MM`; `24:00` (end of day) is `None`.
pub(super) struct ClockTime(pub(super) Option<NaiveTime>);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim() == "24:00" {
            return Ok(ClockTime(None));
        }
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map(|t| ClockTime(Some(t)))
            .map_err(|_| de::Error::custom(t!("config-time-of-day", typed = s.as_str())))
    }
}

pub(super) struct WeekdayName(pub(super) Weekday);

impl<'de> Deserialize<'de> for WeekdayName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Weekday>().map(WeekdayName).map_err(|_| de::Error::custom(t!("config-weekday", typed = s.as_str())))
    }
}

pub(super) struct MonthDay(pub(super) u32, pub(super) u32);

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || de::Error::custom(t!("config-day-of-year", typed = s.as_str()));
        let (m, day) = s.trim().split_once('-').ok_or_else(bad)?;
        let (m, day): (u32, u32) = (m.parse().map_err(|_| bad())?, day.parse().map_err(|_| bad())?);
        // 2024 is a leap year, so 02-29 is accepted (it then applies in leap years only).
        chrono::NaiveDate::from_ymd_opt(2024, m, day).ok_or_else(bad)?;
        Ok(MonthDay(m, day))
    }
}
