//! The business calendar against the shipped defaults (Europe/Prague, Mon–Fri 08:00–16:00, Czech
//! holidays): the examples of DOMAIN.md, holidays of several years, DST weekends, and the laws of
//! business-time arithmetic.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Prague;
use helpdesk::config::Settings;
use helpdesk::domain::BusinessCalendar;
use proptest::prelude::*;
use std::sync::LazyLock;

fn cal() -> &'static BusinessCalendar {
    static CAL: LazyLock<BusinessCalendar> = LazyLock::new(|| Settings::defaults().calendar);
    &CAL
}

/// A Prague wall-clock time as an instant.
fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Prague.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("an unambiguous local time").with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An instant rendered in Prague with weekday and UTC offset, so failures read like the rule.
fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Prague).format("%a %Y-%m-%d %H:%M:%S%.f %:z").to_string()
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

fn deadline(received: DateTime<Utc>, h: i64) -> String {
    local(cal().add(received, hours(h)))
}

// ---------------------------------------------------------------------------------------------
// DOMAIN.md examples

#[test]
fn vip_friday_afternoon_is_due_monday_late_morning() {
    // 1 h on Friday, 3 h on Monday.
    assert_eq!(deadline(at(2026, 3, 6, 15, 0, 0), 4), "Mon 2026-03-09 11:00:00 +01:00");
    assert_eq!(deadline(at(2026, 11, 20, 15, 0, 0), 4), "Mon 2026-11-23 11:00:00 +01:00");
}

#[test]
fn standard_tuesday_morning_is_due_wednesday_of_the_following_week() {
    // 48 h = 6 business days: 6 h Tuesday, Wed–Fri, Mon, Tue (40 h), 2 h the next Wednesday.
    assert_eq!(deadline(at(2026, 3, 10, 10, 0, 0), 48), "Wed 2026-03-18 10:00:00 +01:00");
}

#[test]
fn plus_budget_is_three_business_days() {
    assert_eq!(deadline(at(2026, 3, 10, 10, 0, 0), 24), "Fri 2026-03-13 10:00:00 +01:00");
}

#[test]
fn a_budget_ending_at_closing_time_is_due_at_closing_time_that_day() {
    assert_eq!(deadline(at(2026, 3, 12, 12, 0, 0), 4), "Thu 2026-03-12 16:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 12, 8, 0, 0), 8), "Thu 2026-03-12 16:00:00 +01:00");
    // Six whole days from Monday's opening end at the next Monday's close, not Tuesday 08:00.
    assert_eq!(deadline(at(2026, 3, 2, 8, 0, 0), 48), "Mon 2026-03-09 16:00:00 +01:00");
    // Friday 12:00 + 4 h ends at Friday's close, not Monday's opening.
    assert_eq!(deadline(at(2026, 3, 6, 12, 0, 0), 4), "Fri 2026-03-06 16:00:00 +01:00");
}

#[test]
fn received_outside_business_hours_starts_at_the_next_opening() {
    // Before opening, after closing, at closing (the window is [08:00, 16:00)), at night, at a weekend.
    assert_eq!(deadline(at(2026, 3, 11, 6, 30, 0), 4), "Wed 2026-03-11 12:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 11, 17, 0, 0), 4), "Thu 2026-03-12 12:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 11, 16, 0, 0), 4), "Thu 2026-03-12 12:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 11, 0, 0, 0), 4), "Wed 2026-03-11 12:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 7, 10, 0, 0), 4), "Mon 2026-03-09 12:00:00 +01:00");
    assert_eq!(deadline(at(2026, 3, 8, 23, 59, 59), 48), "Mon 2026-03-16 16:00:00 +01:00");
    // Received at opening: the clock runs from that instant.
    assert_eq!(deadline(at(2026, 3, 11, 8, 0, 0), 4), "Wed 2026-03-11 12:00:00 +01:00");
}

#[test]
fn seconds_and_fractions_are_kept() {
    assert_eq!(deadline(at(2026, 3, 11, 9, 15, 42), 4), "Wed 2026-03-11 13:15:42 +01:00");
    // Friday 14:59:59 leaves 1 h 0 m 1 s on Friday, 2 h 59 m 59 s on Monday.
    assert_eq!(deadline(at(2026, 3, 6, 14, 59, 59), 4), "Mon 2026-03-09 10:59:59 +01:00");
    let t = at(2026, 3, 11, 15, 30, 0) + Duration::milliseconds(250);
    assert_eq!(local(cal().add(t, hours(1))), "Thu 2026-03-12 08:30:00.250 +01:00");
    assert_eq!(local(cal().add(at(2026, 3, 11, 15, 59, 59), Duration::seconds(2))), "Thu 2026-03-12 08:00:01 +01:00");
}

/// The machine's own zone must not matter: run the examples above again in a process whose `TZ` is
/// far from Prague (UTC+14, no DST).
#[test]
fn deadlines_do_not_depend_on_the_machine_zone() {
    if std::env::var_os("TZ").is_some_and(|z| z == "Pacific/Kiritimati") {
        return; // the child run itself
    }
    let examples = [
        "vip_friday_afternoon_is_due_monday_late_morning",
        "standard_tuesday_morning_is_due_wednesday_of_the_following_week",
        "a_budget_ending_at_closing_time_is_due_at_closing_time_that_day",
        "received_outside_business_hours_starts_at_the_next_opening",
        "spring_forward_weekend_keeps_wall_clock_hours",
        "fall_back_weekend_keeps_wall_clock_hours",
        "is_open_during_business_hours_only",
    ];
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env("TZ", "Pacific/Kiritimati")
        .arg("--exact")
        .arg("--test-threads=1")
        .args(examples)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(&format!("test result: ok. {} passed", examples.len())), "{stdout}");
}

#[test]
fn zero_or_negative_amounts_give_the_start_itself() {
    let c = cal();
    for t in [at(2026, 3, 11, 10, 0, 0), at(2026, 3, 7, 10, 0, 0), at(2026, 3, 11, 16, 0, 0)] {
        assert_eq!(c.add(t, Duration::zero()), t);
        assert_eq!(c.add(t, -hours(3)), t);
    }
}

// ---------------------------------------------------------------------------------------------
// Holidays

#[test]
fn holidays_of_three_years_with_easter_computed() {
    let c = cal();
    let expect = |y: i32, good_friday: NaiveDate, easter_monday: NaiveDate| {
        let mut days = vec![
            (date(y, 1, 1), "New Year's Day"),
            (good_friday, "Good Friday"),
            (easter_monday, "Easter Monday"),
            (date(y, 5, 1), "Labour Day"),
            (date(y, 5, 8), "Liberation Day"),
            (date(y, 7, 5), "Saints Cyril and Methodius Day"),
            (date(y, 7, 6), "Jan Hus Day"),
            (date(y, 9, 28), "Czech Statehood Day"),
            (date(y, 10, 28), "Independent Czechoslovak State Day"),
            (date(y, 11, 17), "Struggle for Freedom and Democracy Day"),
            (date(y, 12, 24), "Christmas Eve"),
            (date(y, 12, 25), "Christmas Day"),
            (date(y, 12, 26), "St. Stephen's Day"),
        ];
        days.sort();
        days.into_iter().map(|(d, n)| (d, n.to_string())).collect::<Vec<_>>()
    };
    let got = |y: i32| c.holidays(y).into_iter().map(|h| (h.date, h.name)).collect::<Vec<_>>();
    assert_eq!(got(2024), expect(2024, date(2024, 3, 29), date(2024, 4, 1)));
    assert_eq!(got(2025), expect(2025, date(2025, 4, 18), date(2025, 4, 21)));
    assert_eq!(got(2026), expect(2026, date(2026, 4, 3), date(2026, 4, 6)));
    assert_eq!(got(2027), expect(2027, date(2027, 3, 26), date(2027, 3, 29)));
}

#[test]
fn holiday_on_names_the_day_and_only_that_day() {
    let c = cal();
    let name = |d: NaiveDate| c.holiday_on(d).map(|h| h.name.clone());
    assert_eq!(name(date(2025, 4, 18)).as_deref(), Some("Good Friday"));
    assert_eq!(name(date(2025, 4, 21)).as_deref(), Some("Easter Monday"));
    assert_eq!(name(date(2026, 4, 3)).as_deref(), Some("Good Friday"));
    assert_eq!(name(date(2026, 4, 6)).as_deref(), Some("Easter Monday"));
    assert_eq!(name(date(2024, 12, 26)).as_deref(), Some("St. Stephen's Day"));
    // Easter Sunday and the days around the holidays are not holidays.
    for d in [
        date(2025, 4, 20),
        date(2025, 4, 17),
        date(2025, 4, 22),
        date(2026, 4, 2),
        date(2025, 12, 27),
        date(2025, 12, 31),
    ] {
        assert_eq!(name(d), None, "{d}");
    }
    // A holiday on a weekday closes the day; a weekday that is no holiday stays open.
    assert!(!c.is_business_day(date(2025, 12, 24)));
    assert!(!c.is_business_day(date(2026, 10, 28)));
    assert!(c.is_business_day(date(2025, 12, 31)));
    assert!(c.is_business_day(date(2025, 12, 29)));
    assert!(!c.is_business_day(date(2026, 3, 7)), "Saturday");
    assert!(!c.is_business_day(date(2026, 3, 8)), "Sunday");
}

/// The holiday table is made for 2000–2099 only (`EASTER_FROM`): a day on either side of its edges,
/// and Easter Mondays and Good Fridays centuries away, are business days or not as the rules say.
#[test]
fn days_outside_the_holiday_table_follow_the_rules() {
    let c = cal();
    let mut day = date(1995, 1, 1);
    while day <= date(2105, 12, 31) {
        if day.year() < 2004 || day.year() > 2096 {
            let closed = c.holiday_on(day).is_some() || matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(c.is_business_day(day), !closed, "{day}");
        }
        day = day.succ_opt().unwrap();
    }
    // Easter Monday 1900-04-16, Good Friday 2285-03-20 (Easter Sunday 2285-03-22); a New Year.
    for d in [date(1900, 4, 16), date(2285, 3, 20), date(2285, 1, 1), date(1999, 12, 24), date(2100, 12, 24)] {
        assert!(!c.is_business_day(d), "{d}");
    }
    assert!(c.is_business_day(date(1900, 4, 17)));
    assert!(c.is_business_day(date(2285, 3, 19)));
}

#[test]
fn business_days_per_year() {
    // Weekdays minus holidays on weekdays: 262 − 10, 261 − 10, 261 − 11.
    let c = cal();
    for (y, days) in [(2024, 252), (2025, 251), (2026, 250)] {
        let from = at(y, 1, 1, 0, 0, 0);
        let to = at(y + 1, 1, 1, 0, 0, 0);
        assert_eq!(c.minutes_between(from, to), days * 8 * 60, "{y}");
        assert_eq!(c.between(from, to), hours(days * 8), "{y}");
    }
}

#[test]
fn deadlines_skip_christmas() {
    // 2025: 24–26 Dec are Wed–Fri, then a weekend.
    assert_eq!(deadline(at(2025, 12, 23, 14, 0, 0), 4), "Mon 2025-12-29 10:00:00 +01:00");
    assert_eq!(deadline(at(2025, 12, 23, 17, 0, 0), 4), "Mon 2025-12-29 12:00:00 +01:00");
    // 6 h Tue 23rd, Mon 29th–Wed 31st (24 h), New Year's Day skipped, Fri 2nd (8 h), Mon 5th (8 h),
    // 2 h on Tue 6th.
    assert_eq!(deadline(at(2025, 12, 23, 10, 0, 0), 48), "Tue 2026-01-06 10:00:00 +01:00");
    // 2024: 24–26 Dec are Tue–Thu.
    assert_eq!(deadline(at(2024, 12, 23, 15, 0, 0), 4), "Fri 2024-12-27 11:00:00 +01:00");
}

#[test]
fn deadlines_skip_new_year() {
    // 1 Jan 2025 is a Wednesday.
    assert_eq!(deadline(at(2024, 12, 31, 15, 0, 0), 4), "Thu 2025-01-02 11:00:00 +01:00");
    // 1 Jan 2026 is a Thursday, so PLUS received on New Year's Eve afternoon runs Fri and Mon.
    assert_eq!(deadline(at(2025, 12, 31, 12, 0, 0), 24), "Tue 2026-01-06 12:00:00 +01:00");
}

#[test]
fn deadlines_skip_easter() {
    // 2025: Good Friday 18 Apr, Easter Monday 21 Apr.
    assert_eq!(deadline(at(2025, 4, 17, 14, 0, 0), 4), "Tue 2025-04-22 10:00:00 +02:00");
    // 2026: Good Friday 3 Apr, Easter Monday 6 Apr: 4 h Thursday, Tue and Wed, 4 h Thursday.
    assert_eq!(deadline(at(2026, 4, 2, 12, 0, 0), 24), "Thu 2026-04-09 12:00:00 +02:00");
    // 2024: Easter Sunday is also the spring-forward day.
    assert_eq!(deadline(at(2024, 3, 28, 15, 0, 0), 4), "Tue 2024-04-02 11:00:00 +02:00");
}

#[test]
fn deadlines_skip_other_holidays() {
    // 17 Nov 2025 is a Monday.
    assert_eq!(deadline(at(2025, 11, 14, 15, 0, 0), 4), "Tue 2025-11-18 11:00:00 +01:00");
    // 28 Oct 2026 is a Wednesday: Mon, Tue, Thu, Fri, Mon, Tue.
    assert_eq!(deadline(at(2026, 10, 26, 8, 0, 0), 48), "Tue 2026-11-03 16:00:00 +01:00");
    // 1 and 8 May 2025 are Thursdays: 3 h Wed, Fri, Mon, Tue, Wed, Fri (40 h), 5 h on Monday 12th.
    assert_eq!(deadline(at(2025, 4, 30, 13, 0, 0), 48), "Mon 2025-05-12 13:00:00 +02:00");
    // 5 Jul 2024 is a Friday (6 Jul a Saturday).
    assert_eq!(deadline(at(2024, 7, 4, 15, 0, 0), 4), "Mon 2024-07-08 11:00:00 +02:00");
}

// ---------------------------------------------------------------------------------------------
// Daylight saving time: business hours stay 08:00–16:00 on the wall clock on both sides.

#[test]
fn spring_forward_weekend_keeps_wall_clock_hours() {
    // 29 Mar 2026: 02:00 CET becomes 03:00 CEST.
    assert_eq!(deadline(at(2026, 3, 27, 14, 30, 0), 4), "Mon 2026-03-30 10:30:00 +02:00");
    assert_eq!(deadline(at(2026, 3, 27, 10, 0, 0), 24), "Wed 2026-04-01 10:00:00 +02:00");
    // 30 Mar 2025 and 31 Mar 2024.
    assert_eq!(deadline(at(2025, 3, 28, 15, 0, 0), 4), "Mon 2025-03-31 11:00:00 +02:00");
    // Received on the Sunday itself, inside the skipped hour's neighbourhood.
    let sunday_night = Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap(); // 03:30 CEST
    assert_eq!(local(cal().add(sunday_night, hours(4))), "Mon 2026-03-30 12:00:00 +02:00");
}

#[test]
fn fall_back_weekend_keeps_wall_clock_hours() {
    // 25 Oct 2026: 03:00 CEST becomes 02:00 CET.
    assert_eq!(deadline(at(2026, 10, 23, 13, 0, 0), 4), "Mon 2026-10-26 09:00:00 +01:00");
    assert_eq!(deadline(at(2026, 10, 22, 12, 0, 0), 24), "Tue 2026-10-27 12:00:00 +01:00");
    // 26 Oct 2025; 27 Oct 2024, followed by a holiday on Monday 28th.
    assert_eq!(deadline(at(2025, 10, 24, 15, 0, 0), 4), "Mon 2025-10-27 11:00:00 +01:00");
    assert_eq!(deadline(at(2024, 10, 25, 15, 0, 0), 4), "Tue 2024-10-29 11:00:00 +01:00");
    // Received in the repeated hour (both 02:30s) starts at Monday's opening.
    let first = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap(); // 02:30 CEST
    let second = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap(); // 02:30 CET
    for t in [first, second] {
        assert_eq!(local(cal().add(t, hours(4))), "Mon 2026-10-26 12:00:00 +01:00");
    }
}

#[test]
fn business_windows_around_dst_are_eight_to_four_local() {
    let c = cal();
    let utc = |d: NaiveDate| {
        let (o, cl) = c.window(d).expect("a business day");
        (o.format("%H:%M").to_string(), cl.format("%H:%M").to_string())
    };
    let winter = ("07:00".to_string(), "15:00".to_string());
    let summer = ("06:00".to_string(), "14:00".to_string());
    assert_eq!(utc(date(2026, 3, 27)), winter);
    assert_eq!(utc(date(2026, 3, 30)), summer);
    assert_eq!(utc(date(2026, 10, 23)), summer);
    assert_eq!(utc(date(2026, 10, 26)), winter);
    assert_eq!(utc(date(2024, 3, 28)), winter);
    assert_eq!(utc(date(2024, 4, 2)), summer);
    assert_eq!(c.window(date(2026, 3, 29)), None);
    assert_eq!(c.window(date(2026, 4, 3)), None, "Good Friday");
    // Length of a business day is 8 h on both sides.
    for d in [date(2026, 3, 27), date(2026, 3, 30), date(2026, 10, 23), date(2026, 10, 26)] {
        let (o, cl) = c.window(d).unwrap();
        assert_eq!(cl - o, hours(8), "{d}");
    }
    assert_eq!(c.day_length(), hours(8));
}

// ---------------------------------------------------------------------------------------------
// Business time between two instants

#[test]
fn minutes_between_within_a_day_rounds_down() {
    let c = cal();
    assert_eq!(c.minutes_between(at(2026, 3, 11, 9, 0, 0), at(2026, 3, 11, 10, 30, 0)), 90);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 9, 0, 0), at(2026, 3, 11, 9, 0, 59)), 0);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 9, 0, 30), at(2026, 3, 11, 10, 0, 29)), 59);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 9, 0, 30), at(2026, 3, 11, 10, 0, 30)), 60);
    // Only the business part of a range counts.
    assert_eq!(c.minutes_between(at(2026, 3, 11, 6, 0, 0), at(2026, 3, 11, 8, 45, 0)), 45);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 15, 50, 0), at(2026, 3, 11, 20, 0, 0)), 10);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 0, 0, 0), at(2026, 3, 12, 0, 0, 0)), 480);
    assert_eq!(c.minutes_between(at(2026, 3, 11, 16, 0, 0), at(2026, 3, 12, 8, 0, 0)), 0);
}

#[test]
fn minutes_between_across_nights_weekends_and_holidays() {
    let c = cal();
    // Night: Monday 15:00 → Tuesday 09:00.
    assert_eq!(c.minutes_between(at(2026, 3, 9, 15, 0, 0), at(2026, 3, 10, 9, 0, 0)), 120);
    // Weekend: Friday 15:00 → Monday 09:00.
    assert_eq!(c.minutes_between(at(2026, 3, 6, 15, 0, 0), at(2026, 3, 9, 9, 0, 0)), 120);
    // A whole week from Saturday to Saturday.
    assert_eq!(c.minutes_between(at(2026, 3, 7, 0, 0, 0), at(2026, 3, 14, 0, 0, 0)), 5 * 480);
    // Saturday to Sunday.
    assert_eq!(c.minutes_between(at(2026, 3, 7, 9, 0, 0), at(2026, 3, 8, 15, 0, 0)), 0);
    // Christmas 2025: Tuesday 15:00 → Monday 29th 09:00.
    assert_eq!(c.minutes_between(at(2025, 12, 23, 15, 0, 0), at(2025, 12, 29, 9, 0, 0)), 120);
    // Easter 2026: Thursday 15:00 → Tuesday 09:00.
    assert_eq!(c.minutes_between(at(2026, 4, 2, 15, 0, 0), at(2026, 4, 7, 9, 0, 0)), 120);
    // Over the turn of the year 2025/26: Mon 29th – Wed 31st, Fri 2nd.
    assert_eq!(c.minutes_between(at(2025, 12, 27, 0, 0, 0), at(2026, 1, 4, 0, 0, 0)), 4 * 480);
}

#[test]
fn minutes_between_across_dst_counts_wall_clock_hours() {
    let c = cal();
    // 65 h of real time (one hour is lost), still 2 business hours.
    let from = at(2026, 3, 27, 15, 0, 0);
    let to = at(2026, 3, 30, 9, 0, 0);
    assert_eq!(to - from, hours(65));
    assert_eq!(c.minutes_between(from, to), 120);
    // 67 h of real time (one hour repeats), still 2 business hours.
    let from = at(2026, 10, 23, 15, 0, 0);
    let to = at(2026, 10, 26, 9, 0, 0);
    assert_eq!(to - from, hours(67));
    assert_eq!(c.minutes_between(from, to), 120);
    // Whole DST weeks are five whole days.
    assert_eq!(c.minutes_between(at(2026, 3, 23, 8, 0, 0), at(2026, 3, 31, 8, 0, 0)), 6 * 480);
    assert_eq!(c.minutes_between(at(2026, 10, 19, 8, 0, 0), at(2026, 10, 27, 8, 0, 0)), 6 * 480);
}

#[test]
fn minutes_between_backwards_or_empty_is_zero() {
    let c = cal();
    let a = at(2026, 3, 11, 10, 0, 0);
    let b = at(2026, 3, 12, 10, 0, 0);
    assert_eq!(c.minutes_between(a, a), 0);
    assert_eq!(c.minutes_between(b, a), 0);
    assert_eq!(c.between(b, a), Duration::zero());
    assert_eq!(c.minutes_between(a, b), 480);
}

// ---------------------------------------------------------------------------------------------
// Opening

#[test]
fn is_open_during_business_hours_only() {
    let c = cal();
    assert!(c.is_open(at(2026, 3, 11, 8, 0, 0)));
    assert!(c.is_open(at(2026, 3, 11, 12, 0, 0)));
    assert!(c.is_open(at(2026, 3, 11, 15, 59, 59)));
    assert!(!c.is_open(at(2026, 3, 11, 16, 0, 0)));
    assert!(!c.is_open(at(2026, 3, 11, 7, 59, 59)));
    assert!(!c.is_open(at(2026, 3, 7, 10, 0, 0)), "Saturday");
    assert!(!c.is_open(at(2026, 3, 8, 10, 0, 0)), "Sunday");
    assert!(!c.is_open(at(2025, 12, 24, 10, 0, 0)), "Christmas Eve");
    assert!(!c.is_open(at(2026, 4, 6, 10, 0, 0)), "Easter Monday");
    // 07:30 UTC is 08:30 in winter, 09:30 in summer; 14:30 UTC is 15:30 / 16:30.
    assert!(c.is_open(Utc.with_ymd_and_hms(2026, 3, 27, 7, 30, 0).unwrap()));
    assert!(c.is_open(Utc.with_ymd_and_hms(2026, 3, 27, 14, 30, 0).unwrap()));
    assert!(!c.is_open(Utc.with_ymd_and_hms(2026, 3, 30, 14, 30, 0).unwrap()));
    assert!(c.is_open(Utc.with_ymd_and_hms(2026, 3, 30, 6, 30, 0).unwrap()));
    assert!(!c.is_open(Utc.with_ymd_and_hms(2026, 10, 26, 6, 30, 0).unwrap()));
}

#[test]
fn next_opening_is_now_when_open_else_the_next_start() {
    let c = cal();
    let next = |t: DateTime<Utc>| local(c.next_opening(t));
    let open = at(2026, 3, 11, 8, 0, 0);
    assert_eq!(c.next_opening(open), open);
    let late = at(2026, 3, 11, 15, 59, 59) + Duration::milliseconds(999);
    assert_eq!(c.next_opening(late), late);
    assert_eq!(next(at(2026, 3, 11, 6, 0, 0)), "Wed 2026-03-11 08:00:00 +01:00");
    assert_eq!(next(at(2026, 3, 11, 16, 0, 0)), "Thu 2026-03-12 08:00:00 +01:00");
    assert_eq!(next(at(2026, 3, 6, 18, 0, 0)), "Mon 2026-03-09 08:00:00 +01:00");
    assert_eq!(next(at(2026, 3, 7, 12, 0, 0)), "Mon 2026-03-09 08:00:00 +01:00");
    assert_eq!(next(at(2025, 12, 23, 17, 0, 0)), "Mon 2025-12-29 08:00:00 +01:00");
    assert_eq!(next(at(2024, 3, 28, 16, 0, 0)), "Tue 2024-04-02 08:00:00 +02:00");
    assert_eq!(next(at(2026, 10, 23, 16, 30, 0)), "Mon 2026-10-26 08:00:00 +01:00");
}

// ---------------------------------------------------------------------------------------------
// Laws (256 cases each; `PROPTEST_CASES=100000 cargo test --release --test calendar` searches deeper)

const SECS_2024: i64 = 1_704_063_600; // 2024-01-01 00:00 Prague
const SECS_2027: i64 = 1_798_758_000; // 2027-01-01 00:00 Prague

/// The Thursday (00:00) before each DST change of 2024–2026 (last Sundays of March and October).
fn dst_weekends() -> Vec<i64> {
    [(2024, 3, 28), (2024, 10, 24), (2025, 3, 27), (2025, 10, 23), (2026, 3, 26), (2026, 10, 22)]
        .into_iter()
        .map(|(y, m, d)| at(y, m, d, 0, 0, 0).timestamp())
        .collect()
}

/// Instants over three years, a third of them on DST weekends, some on the exact hour (openings and
/// closings), some with a fraction of a second.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let dst = dst_weekends();
    // Thursday to Tuesday around the change.
    let on_dst = (0..dst.len(), 0i64..6 * 86_400).prop_map(move |(i, off)| dst[i] + off);
    let anywhere = SECS_2024..SECS_2027;
    let on_the_hour = (SECS_2024 / 3600..SECS_2027 / 3600).prop_map(|h| h * 3600);
    let secs = prop_oneof![3 => anywhere, 2 => on_dst, 1 => on_the_hour];
    let nanos = prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000];
    (secs, nanos).prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

/// Positive business amounts up to 80 h: whole hours (the SLA budgets), minutes, or seconds.
fn amount() -> impl Strategy<Value = Duration> {
    prop_oneof![
        prop_oneof![Just(4i64), Just(24), Just(48), 1i64..=80].prop_map(Duration::hours),
        (1i64..=80 * 60).prop_map(Duration::minutes),
        (1i64..=80 * 3600).prop_map(Duration::seconds),
    ]
}

/// A model of the rules written out plainly from DOMAIN.md, sharing no code with the calendar: the
/// business windows as instants, day by day, with Easter Sundays taken from a table.
mod model {
    use super::*;
    use chrono::{Datelike, NaiveTime, Weekday};

    const EASTER: [(i32, u32, u32); 4] = [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28)];
    const FIXED: [(u32, u32); 11] =
        [(1, 1), (5, 1), (5, 8), (7, 5), (7, 6), (9, 28), (10, 28), (11, 17), (12, 24), (12, 25), (12, 26)];

    fn is_holiday(d: NaiveDate) -> bool {
        let (y, m, day) = EASTER.into_iter().find(|e| e.0 == d.year()).expect("a year in the table");
        let easter = date(y, m, day);
        FIXED.contains(&(d.month(), d.day())) || d == easter - Duration::days(2) || d == easter + Duration::days(1)
    }

    fn wall(d: NaiveDate, h: u32) -> DateTime<Utc> {
        Prague.from_local_datetime(&d.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap())).unwrap().with_timezone(&Utc)
    }

    /// Business windows from the local day of `t` on, for `days` days.
    fn windows(t: DateTime<Utc>, days: i64) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> {
        let first = t.with_timezone(&Prague).date_naive();
        (0..days)
            .map(move |i| first + Duration::days(i))
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(*d))
            .map(|d| (wall(d, 8), wall(d, 16)))
    }

    pub fn add(t: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        let mut rem = amount;
        for (open, close) in windows(t, 60) {
            let start = open.max(t);
            if start < close {
                if rem <= close - start {
                    return start + rem;
                }
                rem -= close - start;
            }
        }
        panic!("no deadline within 60 days")
    }

    pub fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let days = (to - from).num_days() + 2;
        windows(from, days.max(0)).map(|(o, c)| (c.min(to) - o.max(from)).max(Duration::zero())).sum()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn add_and_between_match_the_model(t in instant(), u in instant(), d in amount()) {
        prop_assert_eq!(cal().add(t, d), model::add(t, d), "{} + {}", local(t), d);
        prop_assert_eq!(cal().between(t, u), model::between(t, u), "{} → {}", local(t), local(u));
    }

    #[test]
    fn add_is_strictly_monotonic_in_the_amount(t in instant(), a in amount(), b in amount()) {
        let c = cal();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(c.add(t, lo) <= c.add(t, hi));
        if lo < hi {
            prop_assert!(c.add(t, lo) < c.add(t, hi));
        }
        prop_assert!(c.add(t, Duration::zero()) < c.add(t, lo));
    }

    #[test]
    fn add_is_associative(t in instant(), a in amount(), b in amount()) {
        let c = cal();
        prop_assert_eq!(c.add(t, a + b), c.add(c.add(t, a), b), "{} + {} + {}", local(t), a, b);
    }

    #[test]
    fn add_lands_inside_business_hours_after_the_start(t in instant(), d in amount()) {
        let c = cal();
        prop_assert_eq!(c.add(t, Duration::zero()), t);
        let r = c.add(t, d);
        prop_assert!(r > t);
        prop_assert!(r - t >= d, "business time cannot pass faster than real time");
        let (open, close) = c.window(c.local_date(r)).expect("lands on a business day");
        prop_assert!(open < r && r <= close, "{} is outside {}..={}", local(r), local(open), local(close));
    }

    #[test]
    fn between_undoes_add(t in instant(), d in amount()) {
        let c = cal();
        let r = c.add(t, d);
        prop_assert_eq!(c.between(t, r), d, "{} → {}", local(t), local(r));
        prop_assert_eq!(c.minutes_between(t, r), d.num_minutes());
        prop_assert_eq!(c.between(r, t), Duration::zero());
    }

    #[test]
    fn between_is_additive(a in instant(), b in instant(), m in instant()) {
        let c = cal();
        let mut v = [a, b, m];
        v.sort();
        let [from, mid, to] = v;
        prop_assert_eq!(c.between(from, mid) + c.between(mid, to), c.between(from, to));
        prop_assert!(c.between(from, to) <= to - from, "business time never runs faster than real time");
    }

    #[test]
    fn next_opening_is_the_first_open_instant(t in instant()) {
        let c = cal();
        let n = c.next_opening(t);
        prop_assert!(n >= t);
        prop_assert!(c.is_open(n));
        prop_assert_eq!(n == t, c.is_open(t));
        prop_assert_eq!(c.between(t, n), Duration::zero());
        prop_assert!(!c.is_open(n - Duration::seconds(1)) || n == t);
    }
}

proptest! {
    /// The hand-written `YYYY-MM-DD HH:MM` is chrono's, for any instant of years 0–9999 and beyond.
    #[test]
    fn local_minute_writes_what_chrono_writes(secs in -62_200_000_000i64..253_402_300_000i64) {
        let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
        let expected = t.with_timezone(&Prague).format("%Y-%m-%d %H:%M").to_string();
        prop_assert_eq!(helpdesk::domain::calendar::local_minute(chrono_tz::Europe::Prague, t), expected);
    }
}
