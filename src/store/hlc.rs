//! Hybrid logical clock: wall-clock milliseconds, a counter for events within one millisecond (or
//! when the wall clock went backwards), and the device id as the final tie-breaker. Its text form has
//! fixed widths, so comparing strings compares clocks.

use crate::t;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub device: String,
}

impl Hlc {
    /// The next clock value on `device` after `last`, at wall-clock `now`.
    pub fn tick(last: Option<&Hlc>, now: DateTime<Utc>, device: &str) -> Hlc {
        let wall = now.timestamp_millis().max(0);
        match last {
            Some(l) if l.millis >= wall && l.counter < super::codec::MAX_COUNTER => {
                Hlc { millis: l.millis, counter: l.counter + 1, device: device.to_string() }
            }
            // A counter that would not fit the stored clock moves it a millisecond instead.
            Some(l) if l.millis >= wall => Hlc { millis: l.millis + 1, counter: 0, device: device.to_string() },
            _ => Hlc { millis: wall, counter: 0, device: device.to_string() },
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.millis, self.counter, self.device)
    }
}

impl FromStr for Hlc {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-');
        let bad = || t!("bad-clock-value", typed = s);
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?.to_string();
        Ok(Hlc { millis, counter, device })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ticks_forward_even_when_the_wall_clock_goes_back() {
        let t1 = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap();
        let a = Hlc::tick(None, t1, "dev");
        let b = Hlc::tick(Some(&a), t1, "dev");
        let c = Hlc::tick(Some(&b), t1 - chrono::Duration::seconds(5), "dev");
        assert!(a < b && b < c);
        assert!(a.to_string() < b.to_string() && b.to_string() < c.to_string());
        assert_eq!(c.to_string().parse::<Hlc>().unwrap(), c);
    }
}
