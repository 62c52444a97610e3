//! First-response SLA against the shipped calendar and tariffs: every state at fixed `now` values,
//! the explanation of a deadline, and how time left is printed.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Prague;
use helpdesk::config::Settings;
use helpdesk::domain::sla::{self, CountedSpan, SkippedDay, SlaPolicy, SlaState, SlaStatus};
use helpdesk::domain::{BusinessCalendar, Tier};
use proptest::prelude::*;
use std::sync::LazyLock;

fn settings() -> &'static Settings {
    static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::defaults);
    &SETTINGS
}

fn cal() -> &'static BusinessCalendar {
    &settings().calendar
}

fn policy(tier: Tier) -> SlaPolicy {
    let s = settings();
    SlaPolicy { response_hours: s.tariffs.response_hours(tier), at_risk_fraction: s.tariffs.at_risk_fraction }
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Prague.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("an unambiguous local time").with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn status(tier: Tier, received: DateTime<Utc>, responded: Option<DateTime<Utc>>, now: DateTime<Utc>) -> SlaStatus {
    sla::status(cal(), policy(tier), received, responded, now)
}

fn h(n: i64) -> Duration {
    Duration::hours(n)
}

fn m(n: i64) -> Duration {
    Duration::minutes(n)
}

/// VIP received Wednesday 11 March 2026 09:00, due 13:00 the same day.
fn wed_0900() -> DateTime<Utc> {
    at(2026, 3, 11, 9, 0, 0)
}

fn wed_1300() -> DateTime<Utc> {
    at(2026, 3, 11, 13, 0, 0)
}

#[test]
fn policies_come_from_the_tariffs() {
    assert_eq!(policy(Tier::Vip).response_hours, Some(4));
    assert_eq!(policy(Tier::Plus).response_hours, Some(24));
    assert_eq!(policy(Tier::Standard).response_hours, Some(48));
    assert_eq!(policy(Tier::None).response_hours, None);
    assert_eq!(policy(Tier::Vip).at_risk_fraction.to_string(), "0.25");
}

#[test]
fn running_while_open_with_enough_time_left() {
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 11, 10, 0, 0));
    assert_eq!(s, SlaStatus { state: SlaState::Running, deadline: Some(wed_1300()), left: h(3), resumes_at: None });
    // Right at receipt the whole budget is left.
    let s = status(Tier::Vip, wed_0900(), None, wed_0900());
    assert_eq!((s.state, s.left), (SlaState::Running, h(4)));
    // Exactly 25 % left is not yet at risk.
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 11, 12, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Running, h(1)));
}

#[test]
fn at_risk_below_a_quarter_of_the_budget() {
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 11, 12, 0, 1));
    assert_eq!(s.state, SlaState::AtRisk);
    assert_eq!(s.left, h(1) - Duration::seconds(1));
    assert_eq!(s.deadline, Some(wed_1300()));
    assert_eq!(s.resumes_at, None);
    // STANDARD: 12 h of 48 h is the threshold, counted in business time across days.
    let received = at(2026, 3, 10, 10, 0, 0); // due Wed 18 Mar 10:00
    let s = status(Tier::Standard, received, None, at(2026, 3, 16, 14, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Running, h(12)));
    let s = status(Tier::Standard, received, None, at(2026, 3, 16, 14, 1, 0));
    assert_eq!((s.state, s.left), (SlaState::AtRisk, h(12) - m(1)));
}

#[test]
fn at_risk_wins_over_paused_overnight() {
    // VIP received Friday 12:30 is due Monday 08:30; on Friday evening 30 minutes are left.
    let s = status(Tier::Vip, at(2026, 3, 6, 12, 30, 0), None, at(2026, 3, 6, 18, 0, 0));
    assert_eq!(
        s,
        SlaStatus {
            state: SlaState::AtRisk,
            deadline: Some(at(2026, 3, 9, 8, 30, 0)),
            left: m(30),
            // Outside business hours the countdown also says when it resumes.
            resumes_at: Some(at(2026, 3, 9, 8, 0, 0)),
        }
    );
}

#[test]
fn paused_outside_hours_says_when_it_resumes() {
    // VIP received Friday 15:00, due Monday 11:00; on Saturday noon 3 h are left.
    let s = status(Tier::Vip, at(2026, 3, 6, 15, 0, 0), None, at(2026, 3, 7, 12, 0, 0));
    assert_eq!(
        s,
        SlaStatus {
            state: SlaState::Paused,
            deadline: Some(at(2026, 3, 9, 11, 0, 0)),
            left: h(3),
            resumes_at: Some(at(2026, 3, 9, 8, 0, 0)),
        }
    );
    // Received after closing: the whole budget waits for the next morning.
    let s = status(Tier::Vip, at(2026, 3, 10, 17, 0, 0), None, at(2026, 3, 11, 7, 0, 0));
    assert_eq!((s.state, s.left, s.resumes_at), (SlaState::Paused, h(4), Some(at(2026, 3, 11, 8, 0, 0))));
    assert_eq!(s.deadline, Some(at(2026, 3, 11, 12, 0, 0)));
}

#[test]
fn paused_over_christmas_resumes_after_the_holidays() {
    // STANDARD received Tue 23 Dec 2025 10:00, due Tue 6 Jan 2026 10:00; 6 h were used on the 23rd.
    let received = at(2025, 12, 23, 10, 0, 0);
    let s = status(Tier::Standard, received, None, at(2025, 12, 25, 12, 0, 0));
    assert_eq!(
        s,
        SlaStatus {
            state: SlaState::Paused,
            deadline: Some(at(2026, 1, 6, 10, 0, 0)),
            left: h(42),
            resumes_at: Some(at(2025, 12, 29, 8, 0, 0)),
        }
    );
}

#[test]
fn paused_across_dst_resumes_at_local_opening() {
    // PLUS received Friday 27 Mar 2026 10:00 (CET), due Wed 1 Apr 10:00 (CEST).
    let s = status(Tier::Plus, at(2026, 3, 27, 10, 0, 0), None, at(2026, 3, 29, 12, 0, 0));
    assert_eq!(s.state, SlaState::Paused);
    assert_eq!(s.left, h(18));
    assert_eq!(s.resumes_at, Some(Utc.with_ymd_and_hms(2026, 3, 30, 6, 0, 0).unwrap()));
    assert_eq!(s.deadline, Some(Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap()));
}

#[test]
fn breached_once_the_deadline_passes_without_a_response() {
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 11, 13, 0, 1));
    assert_eq!(
        s,
        SlaStatus {
            state: SlaState::Breached,
            deadline: Some(wed_1300()),
            left: -Duration::seconds(1),
            resumes_at: None
        }
    );
    // Overdue time is business time: 3 h on Wednesday afternoon and 1 h on Thursday.
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 12, 9, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Breached, -h(4)));
    // Breached stays breached outside hours (not paused) and does not grow over the weekend.
    let s = status(Tier::Vip, wed_0900(), None, at(2026, 3, 14, 12, 0, 0));
    assert_eq!((s.state, s.left, s.resumes_at), (SlaState::Breached, -(h(3) + h(16)), None));
}

#[test]
fn met_when_responded_at_or_before_the_deadline() {
    // The response stops the clock: `now` no longer matters.
    for now in [at(2026, 3, 11, 12, 0, 0), at(2026, 3, 20, 12, 0, 0)] {
        let s = status(Tier::Vip, wed_0900(), Some(at(2026, 3, 11, 12, 0, 0)), now);
        assert_eq!(s, SlaStatus { state: SlaState::Met, deadline: Some(wed_1300()), left: h(1), resumes_at: None });
    }
    let s = status(Tier::Vip, wed_0900(), Some(wed_1300()), at(2026, 3, 12, 9, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Met, Duration::zero()));
    // A response before the clock even started (received and answered at night) is met.
    let s = status(Tier::Vip, at(2026, 3, 10, 20, 0, 0), Some(at(2026, 3, 10, 21, 0, 0)), at(2026, 3, 11, 9, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Met, h(4)));
}

#[test]
fn responded_late_is_breached_by_the_business_time_missed() {
    let s = status(Tier::Vip, wed_0900(), Some(at(2026, 3, 11, 13, 1, 0)), at(2026, 3, 11, 14, 0, 0));
    assert_eq!(s, SlaStatus { state: SlaState::Breached, deadline: Some(wed_1300()), left: -m(1), resumes_at: None });
    let s = status(Tier::Vip, wed_0900(), Some(at(2026, 3, 12, 9, 0, 0)), at(2026, 4, 1, 9, 0, 0));
    assert_eq!((s.state, s.left), (SlaState::Breached, -h(4)));
}

#[test]
fn no_contract_has_no_sla() {
    let none = SlaStatus { state: SlaState::NoSla, deadline: None, left: Duration::zero(), resumes_at: None };
    assert_eq!(status(Tier::None, wed_0900(), None, at(2026, 4, 30, 12, 0, 0)), none);
    assert_eq!(status(Tier::None, wed_0900(), Some(at(2026, 4, 30, 12, 0, 0)), at(2026, 5, 1, 12, 0, 0)), none);
    let explicit = SlaPolicy { response_hours: None, at_risk_fraction: policy(Tier::Vip).at_risk_fraction };
    assert_eq!(sla::status(cal(), explicit, wed_0900(), None, at(2026, 3, 7, 12, 0, 0)), none);
}

#[test]
fn at_risk_fraction_is_configurable() {
    let cal = cal();
    let half = SlaPolicy { response_hours: Some(4), at_risk_fraction: "0.5".parse().unwrap() };
    let s = sla::status(cal, half, wed_0900(), None, at(2026, 3, 11, 11, 0, 1));
    assert_eq!(s.state, SlaState::AtRisk);
    let never = SlaPolicy { response_hours: Some(4), at_risk_fraction: "0".parse().unwrap() };
    let s = sla::status(cal, never, wed_0900(), None, at(2026, 3, 11, 12, 59, 59));
    assert_eq!(s.state, SlaState::Running);
}

#[test]
fn states_print_for_people_and_machines() {
    let words: Vec<_> =
        [SlaState::Breached, SlaState::AtRisk, SlaState::Running, SlaState::Paused, SlaState::Met, SlaState::NoSla]
            .into_iter()
            .map(|s| (s.as_str(), s.to_string()))
            .collect();
    let expect = [
        ("breached", "breached"),
        ("at_risk", "at risk"),
        ("running", "running"),
        ("paused", "paused"),
        ("met", "met"),
        ("no_sla", "no SLA"),
    ];
    assert_eq!(words, expect.map(|(a, b)| (a, b.to_string())));
    // Most urgent first, so sorting a queue by state puts breaches on top.
    assert!(SlaState::Breached < SlaState::AtRisk && SlaState::AtRisk < SlaState::Running);
}

// ---------------------------------------------------------------------------------------------
// Explaining a deadline

fn span(from: DateTime<Utc>, to: DateTime<Utc>) -> CountedSpan {
    CountedSpan { from, to }
}

fn skipped(d: NaiveDate, reason: &str) -> SkippedDay {
    SkippedDay { date: d, reason: reason.to_string() }
}

#[test]
fn explain_a_weekend() {
    let cal = cal();
    let received = at(2026, 3, 6, 15, 0, 0);
    let e = sla::explain(cal, received, 4);
    assert_eq!(e.received, received);
    assert_eq!(e.clock_start, received);
    assert_eq!(e.hours, 4);
    assert_eq!(e.deadline, at(2026, 3, 9, 11, 0, 0));
    assert_eq!(
        e.counted,
        [span(received, at(2026, 3, 6, 16, 0, 0)), span(at(2026, 3, 9, 8, 0, 0), at(2026, 3, 9, 11, 0, 0))]
    );
    assert_eq!(e.skipped, [skipped(date(2026, 3, 7), "weekend"), skipped(date(2026, 3, 8), "weekend")]);
}

#[test]
fn explain_names_the_holidays_it_skips() {
    let cal = cal();
    // Easter 2025: Good Friday and Easter Monday around a weekend (Easter Sunday is a plain Sunday).
    let e = sla::explain(cal, at(2025, 4, 17, 14, 0, 0), 4);
    assert_eq!(e.deadline, at(2025, 4, 22, 10, 0, 0));
    assert_eq!(
        e.counted,
        [
            span(at(2025, 4, 17, 14, 0, 0), at(2025, 4, 17, 16, 0, 0)),
            span(at(2025, 4, 22, 8, 0, 0), at(2025, 4, 22, 10, 0, 0))
        ]
    );
    assert_eq!(
        e.skipped,
        [
            skipped(date(2025, 4, 18), "Good Friday"),
            skipped(date(2025, 4, 19), "weekend"),
            skipped(date(2025, 4, 20), "weekend"),
            skipped(date(2025, 4, 21), "Easter Monday"),
        ]
    );
}

#[test]
fn explain_received_after_hours_starts_at_the_next_opening() {
    let cal = cal();
    let received = at(2025, 12, 23, 17, 0, 0);
    let e = sla::explain(cal, received, 4);
    assert_eq!(e.received, received);
    assert_eq!(e.clock_start, at(2025, 12, 29, 8, 0, 0));
    assert_eq!(e.deadline, at(2025, 12, 29, 12, 0, 0));
    assert_eq!(e.counted, [span(at(2025, 12, 29, 8, 0, 0), at(2025, 12, 29, 12, 0, 0))]);
    assert_eq!(
        e.skipped,
        [
            skipped(date(2025, 12, 24), "Christmas Eve"),
            skipped(date(2025, 12, 25), "Christmas Day"),
            skipped(date(2025, 12, 26), "St. Stephen's Day"),
            skipped(date(2025, 12, 27), "weekend"),
            skipped(date(2025, 12, 28), "weekend"),
        ]
    );
}

#[test]
fn explain_a_standard_budget_over_a_week() {
    let cal = cal();
    let e = sla::explain(cal, at(2026, 3, 10, 10, 0, 0), 48);
    assert_eq!(e.deadline, at(2026, 3, 18, 10, 0, 0));
    let days: Vec<u32> =
        e.counted.iter().map(|s| cal.local_date(s.from).format("%d").to_string().parse().unwrap()).collect();
    assert_eq!(days, [10, 11, 12, 13, 16, 17, 18]);
    assert_eq!(e.counted.first(), Some(&span(at(2026, 3, 10, 10, 0, 0), at(2026, 3, 10, 16, 0, 0))));
    assert_eq!(e.counted.last(), Some(&span(at(2026, 3, 18, 8, 0, 0), at(2026, 3, 18, 10, 0, 0))));
    assert_eq!(e.skipped, [skipped(date(2026, 3, 14), "weekend"), skipped(date(2026, 3, 15), "weekend")]);
}

/// #335: received 11:04:30 on a 48 h budget; the exact intervals are 4h 55m 30s, five days of 8h and
/// 3h 04m 30s. Each truncated on its own they summed to 47h 59m; shown as the clock reads they sum to 48h.
#[test]
fn explanation_intervals_show_the_budget_to_the_minute() {
    let e = sla::explain(cal(), at(2026, 3, 10, 11, 4, 30), 48);
    assert_eq!(e.span_minutes(), [295, 480, 480, 480, 480, 480, 185]);
    assert_eq!(e.span_minutes().iter().sum::<i64>(), 48 * 60);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The counted spans add up to the budget, each inside one day's window, in order, ending at the deadline.
    #[test]
    fn explanation_counts_exactly_the_budget(
        secs in 1_735_686_000i64..1_798_758_000, // 2025-01-01 .. 2027-01-01 in Prague
        hours in prop_oneof![Just(4u32), Just(24), Just(48), 1u32..=60],
    ) {
        let cal = cal();
        let received = DateTime::from_timestamp(secs, 0).unwrap();
        let e = sla::explain(cal, received, hours);
        prop_assert_eq!(e.deadline, sla::deadline(cal, received, hours));
        let total = e.counted.iter().fold(Duration::zero(), |acc, s| acc + (s.to - s.from));
        prop_assert_eq!(total, Duration::hours(i64::from(hours)));
        // What the explanation shows adds up to the budget to the minute, each interval within a
        // minute of its exact length.
        let shown = e.span_minutes();
        prop_assert_eq!(shown.iter().sum::<i64>(), i64::from(hours) * 60);
        for (m, s) in shown.iter().zip(&e.counted) {
            prop_assert!((m - sla::whole_minutes(s.to - s.from)).abs() <= 1);
        }
        prop_assert_eq!(e.counted.first().map(|s| s.from), Some(e.clock_start));
        prop_assert_eq!(e.counted.last().map(|s| s.to), Some(e.deadline));
        for pair in e.counted.windows(2) {
            prop_assert!(pair[0].to < pair[1].from);
        }
        for s in &e.counted {
            let (open, close) = cal.window(cal.local_date(s.from)).expect("counted on a business day");
            prop_assert!(open <= s.from && s.to <= close);
        }
        for d in &e.skipped {
            prop_assert!(!cal.is_business_day(d.date));
            prop_assert_eq!(d.reason == "weekend", cal.holiday_on(d.date).is_none());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Printing time left

#[test]
fn format_left_prints_hours_and_minutes() {
    assert_eq!(sla::format_left(Duration::zero()), "0m");
    assert_eq!(sla::format_left(m(45)), "45m");
    assert_eq!(sla::format_left(m(59) + Duration::seconds(59)), "59m");
    assert_eq!(sla::format_left(h(1)), "1h 00m");
    assert_eq!(sla::format_left(m(65)), "1h 05m");
    assert_eq!(sla::format_left(h(3) + m(12)), "3h 12m");
    assert_eq!(sla::format_left(h(48)), "48h 00m");
}

#[test]
fn format_left_marks_overdue_time() {
    assert_eq!(sla::format_left(-m(65)), "-1h 05m");
    assert_eq!(sla::format_left(-m(5)), "-5m");
    // One rule for every duration shown: truncated toward zero to the minute, overdue time too (#335
    // read `-17h 29m` in the queue and "responded 17h 28m late" in the ticket).
    assert_eq!(sla::format_left(-(h(17) + m(29) + Duration::seconds(30))), "-17h 29m");
    assert_eq!(sla::format_left(h(17) + m(29) + Duration::seconds(30)), "17h 29m");
    assert_eq!(sla::format_left(-(m(65) + Duration::seconds(30))), "-1h 05m");
    assert_eq!(sla::format_left(-Duration::seconds(30)), "-0m");
    assert_eq!(sla::format_left(-h(19)), "-19h 00m");
}

/// The file keeps instants in whole seconds, so a response typed at 13:00:00.5 is kept as 13:00:00 and
/// is met. Without a response, the ticket at 13:00:00.5 is therefore not breached yet either: the
/// deadline's whole second has not passed (before, it was breached at 13:00:00.5 and met once answered
/// in that same half second).
#[test]
fn within_the_deadlines_own_second_a_ticket_is_not_breached() {
    let half = wed_1300() + Duration::milliseconds(500);
    let s = status(Tier::Vip, wed_0900(), None, half);
    assert_eq!((s.state, s.left), (SlaState::AtRisk, Duration::zero()));
    let answered = DateTime::from_timestamp(half.timestamp(), 0).unwrap();
    assert_eq!(status(Tier::Vip, wed_0900(), Some(answered), half).state, SlaState::Met);
    let s = status(Tier::Vip, wed_0900(), None, wed_1300() + Duration::seconds(1));
    assert_eq!((s.state, s.left), (SlaState::Breached, -Duration::seconds(1)));
}
