//! Weekday and month names in the reader's language, and `strftime` patterns that use them.

use chrono::{DateTime, Datelike, TimeZone, Weekday};

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `Mon` / `Po`.
pub fn weekday_short(day: Weekday) -> String {
    crate::i18n::text(&format!("weekday-short-{}", WEEKDAYS[day.num_days_from_monday() as usize]))
}

/// `Monday` / `pondělí`.
pub fn weekday_long(day: Weekday) -> String {
    crate::i18n::text(&format!("weekday-long-{}", WEEKDAYS[day.num_days_from_monday() as usize]))
}

/// A statement's month (`YYYY-MM`) as its title gives it: `2026-03` in English, `březen 2026` in
/// Czech (`Vyúčtování za březen 2026`); anything else as it is. The CLI and the interface both.
pub fn statement_month(month: &str) -> String {
    match month.split_once('-').and_then(|(y, m)| Some((y, m.parse::<u32>().ok()?))) {
        Some((year, m)) if (1..=12).contains(&m) && crate::i18n::language() == crate::i18n::Language::Czech => {
            format!("{} {year}", month_name(m))
        }
        _ => month.to_string(),
    }
}

/// `March` / `březen` for month 1–12 (anything else: the number itself).
pub fn month_name(month: u32) -> String {
    if (1..=12).contains(&month) { crate::i18n::text(&format!("month-{month}")) } else { month.to_string() }
}

/// `Mar` / `bře` for month 1–12 (anything else: the number itself).
pub fn month_short(month: u32) -> String {
    if (1..=12).contains(&month) { crate::i18n::text(&format!("month-short-{month}")) } else { month.to_string() }
}

/// `t` formatted by a chrono `strftime` pattern whose `%a`, `%A`, `%b`/`%h` and `%B` are the
/// reader's language (chrono writes them in English only). `%%` stays a literal `%`.
pub fn format<Tz: TimeZone>(t: &DateTime<Tz>, pattern: &str) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut rest = String::new();
    let mut chars = pattern.chars().peekable();
    let flush = |rest: &mut String, out: &mut String| {
        if !rest.is_empty() {
            out.push_str(&t.format(rest).to_string());
            rest.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            rest.push(c);
            continue;
        }
        let Some(&next) = chars.peek() else {
            rest.push(c);
            break;
        };
        let word = match next {
            'a' => Some(weekday_short(t.weekday())),
            'A' => Some(weekday_long(t.weekday())),
            'b' | 'h' => Some(month_short(t.month())),
            'B' => Some(month_name(t.month())),
            _ => None,
        };
        chars.next();
        match word {
            Some(w) => {
                flush(&mut rest, &mut out);
                out.push_str(&w);
            }
            None => {
                rest.push('%');
                rest.push(next);
            }
        }
    }
    flush(&mut rest, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};
    use chrono::Utc;

    #[test]
    fn names_follow_the_language_and_the_rest_is_chrono() {
        let t = Utc.with_ymd_and_hms(2026, 3, 2, 10, 5, 0).unwrap();
        {
            let _cs = Scoped::new(Language::Czech);
            assert_eq!(format(&t, "%a %d.%m. %H:%M"), "Po 02.03. 10:05");
            assert_eq!(format(&t, "%A, %B %Y, 100%%"), "pondělí, březen 2026, 100%");
        }
        let _en = Scoped::new(Language::English);
        assert_eq!(format(&t, "%a %-d %b %H:%M"), "Mon 2 Mar 10:05");
        assert_eq!(format(&t, "%Y-%m-%d %A"), "2026-03-02 Monday");
    }
}
