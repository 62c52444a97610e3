//! Month statements against the shipped price list, computed by hand: 15-minute blocks per ticket ×
//! month line, prepaid minutes and overage, fees and VAT, no-contract roles, incidents, free
//! consultations, and the upgrade suggestion. Then the laws every statement keeps.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Prague;
use helpdesk::config::Settings;
use helpdesk::domain::billing::{self, Adjustment, BillingLine, MonthWork, Statement, WorkEntry};
use helpdesk::domain::{Role, Tariffs, TicketKind, Tier, YearMonth};
use proptest::prelude::*;
use rust_decimal::Decimal;

use Role::{Consultant, Technician};
use TicketKind::{Consultation, Incident, Request};

fn tariffs() -> Tariffs {
    Settings::defaults().tariffs
}

fn march() -> YearMonth {
    YearMonth::new(2026, 3).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn at(mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Prague.with_ymd_and_hms(2026, mo, d, h, mi, 0).single().unwrap().with_timezone(&Utc)
}

/// One time entry on a ticket, started on 2026-`mo`-`d` at `h`:00 Prague.
fn work(ticket: &str, kind: TicketKind, role: Role, (mo, d, h): (u32, u32, u32), minutes: u32) -> WorkEntry {
    WorkEntry {
        entry_id: format!("{ticket}/{mo:02}-{d:02}T{h:02}/{role}"),
        ticket_id: ticket.to_string(),
        ticket_number: ticket.to_uppercase(),
        ticket_title: format!("title of {ticket}"),
        kind,
        started: at(mo, d, h, 0),
        minutes,
        role,
    }
}

fn month_work(entries: Vec<WorkEntry>) -> MonthWork {
    MonthWork { entries, ..MonthWork::default() }
}

fn statement(tier: Tier, w: &MonthWork) -> Statement {
    billing::statement(&tariffs(), march(), tier, w)
}

/// A line as (ticket, role, raw, free, rounded, prepaid, overage, amount).
type Row = (String, Option<Role>, u32, u32, u32, u32, u32, String);

fn rows(s: &Statement) -> Vec<Row> {
    s.lines
        .iter()
        .map(|l| {
            (
                l.ticket_id.clone(),
                l.role,
                l.raw_minutes,
                l.free_minutes,
                l.rounded_minutes,
                l.prepaid_minutes,
                l.overage_minutes,
                l.amount.to_string(),
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn row(t: &str, role: Option<Role>, raw: u32, free: u32, rounded: u32, pre: u32, over: u32, amount: &str) -> Row {
    (t.to_string(), role, raw, free, rounded, pre, over, amount.to_string())
}

/// The statement's totals as (billable, prepaid used, prepaid left, overage minutes, overage amount,
/// fee, total excl. VAT, VAT, total incl. VAT).
type Totals = (u32, u32, u32, u32, String, String, String, String, String);

fn totals(s: &Statement) -> Totals {
    (
        s.billable_minutes,
        s.prepaid_used_minutes,
        s.prepaid_left_minutes,
        s.overage_minutes,
        s.overage_amount.to_string(),
        s.fee.to_string(),
        s.total_excl_vat.to_string(),
        s.vat.to_string(),
        s.total_incl_vat.to_string(),
    )
}

#[allow(clippy::too_many_arguments)]
fn expect(
    billable: u32,
    used: u32,
    left: u32,
    overage: u32,
    overage_amount: &str,
    fee: &str,
    excl: &str,
    vat: &str,
    incl: &str,
) -> Totals {
    (billable, used, left, overage, overage_amount.into(), fee.into(), excl.into(), vat.into(), incl.into())
}

// ---------------------------------------------------------------------------------------------
// Contract customers

#[test]
fn seven_minutes_bill_one_block_from_prepaid() {
    let s = statement(Tier::Standard, &month_work(vec![work("a", Request, Technician, (3, 2, 9), 7)]));
    assert_eq!(rows(&s), [row("a", None, 7, 0, 15, 15, 0, "0.00")]);
    assert_eq!(totals(&s), expect(15, 15, 15, 0, "0.00", "950.00", "950.00", "199.50", "1149.50"));
    assert_eq!((s.month, s.tier, s.prepaid_minutes, s.vat_rate), (march(), Tier::Standard, 30, dec("0.21")));
    let line = &s.lines[0];
    assert_eq!((line.ticket_number.as_str(), line.ticket_title.as_str()), ("A", "title of a"));
    assert_eq!((line.kind, line.rate), (Request, dec("800")));
}

#[test]
fn standard_rounds_per_ticket_month_and_draws_prepaid_in_order_of_first_work() {
    // Ticket a: 20 + 25 = 45 min (per entry it would be 30 + 30). Ticket b: 7 min → 15.
    // a started first, so it draws all 30 prepaid minutes; listed order does not matter.
    let w = month_work(vec![
        work("b", Request, Technician, (3, 2, 10), 7),
        work("a", Request, Technician, (3, 3, 9), 25),
        work("a", Request, Technician, (3, 2, 9), 20),
    ]);
    let s = statement(Tier::Standard, &w);
    assert_eq!(rows(&s), [row("a", None, 45, 0, 45, 30, 15, "200.00"), row("b", None, 7, 0, 15, 0, 15, "200.00")]);
    assert_eq!(totals(&s), expect(60, 30, 0, 30, "400.00", "950.00", "1350.00", "283.50", "1633.50"));
}

#[test]
fn plus_overage_at_800_an_hour() {
    let w =
        month_work(vec![work("a", Request, Technician, (3, 2, 9), 50), work("b", Request, Consultant, (3, 9, 9), 61)]);
    let s = statement(Tier::Plus, &w);
    assert_eq!(rows(&s), [row("a", None, 50, 0, 60, 60, 0, "0.00"), row("b", None, 61, 0, 75, 0, 75, "1000.00")]);
    assert_eq!(totals(&s), expect(135, 60, 0, 75, "1000.00", "2500.00", "3500.00", "735.00", "4235.00"));
    // A contract has one rate for everyone: the consultant's work is not priced higher.
    assert!(s.lines.iter().all(|l| l.rate == dec("800") && l.role.is_none()));
}

#[test]
fn vip_splits_a_line_between_prepaid_and_overage() {
    let w = month_work(vec![
        work("a", Request, Technician, (3, 2, 9), 200),
        work("b", Request, Technician, (3, 20, 9), 130),
    ]);
    let s = statement(Tier::Vip, &w);
    assert_eq!(rows(&s), [row("a", None, 200, 0, 210, 210, 0, "0.00"), row("b", None, 130, 0, 135, 90, 45, "600.00")]);
    assert_eq!(totals(&s), expect(345, 300, 0, 45, "600.00", "5000.00", "5600.00", "1176.00", "6776.00"));
}

#[test]
fn a_quiet_month_bills_the_fee_and_prepaid_expires() {
    for (tier, prepaid, fee, excl, vat, incl) in [
        (Tier::Standard, 30, "950.00", "950.00", "199.50", "1149.50"),
        (Tier::Plus, 60, "2500.00", "2500.00", "525.00", "3025.00"),
        (Tier::Vip, 300, "5000.00", "5000.00", "1050.00", "6050.00"),
    ] {
        let s = statement(tier, &MonthWork::default());
        assert!(s.lines.is_empty());
        assert_eq!(totals(&s), expect(0, 0, prepaid, 0, "0.00", fee, excl, vat, incl), "{tier}");
        assert!(!s.is_empty(), "a contract month is always shown");
    }
}

#[test]
fn incidents_are_free_and_draw_no_prepaid() {
    // The incident is worked first and longest; the request still gets the prepaid minutes.
    let w =
        month_work(vec![work("i", Incident, Technician, (3, 2, 8), 90), work("r", Request, Technician, (3, 2, 9), 20)]);
    let s = statement(Tier::Standard, &w);
    assert_eq!(rows(&s), [row("i", None, 90, 90, 0, 0, 0, "0.00"), row("r", None, 20, 0, 30, 30, 0, "0.00")]);
    assert_eq!(totals(&s), expect(30, 30, 0, 0, "0.00", "950.00", "950.00", "199.50", "1149.50"));
    assert!(s.lines[0].is_incident() && !s.lines[1].is_incident());
}

#[test]
fn vat_is_rounded_half_up() {
    // 950.50 × 0.21 = 199.605 → 199.61 (banker's rounding would give 199.60).
    let w = MonthWork {
        adjustments: vec![Adjustment { description: "correction".into(), amount: dec("0.50") }],
        ..MonthWork::default()
    };
    let s = statement(Tier::Standard, &w);
    assert_eq!(totals(&s), expect(0, 0, 30, 0, "0.00", "950.00", "950.50", "199.61", "1150.11"));
    assert_eq!(s.adjustments, w.adjustments);
    // 0.50 × 0.21 = 0.105 → 0.11 without a contract fee.
    let s = statement(Tier::None, &w);
    assert_eq!((s.total_excl_vat.to_string(), s.vat.to_string()), ("0.50".into(), "0.11".into()));
    // A credit lowers the total.
    let credit = MonthWork {
        adjustments: vec![Adjustment { description: "credit".into(), amount: dec("-100") }],
        ..MonthWork::default()
    };
    let s = statement(Tier::Standard, &credit);
    assert_eq!((s.total_excl_vat.to_string(), s.vat.to_string()), ("850.00".into(), "178.50".into()));
}

#[test]
fn blocks_and_prices() {
    assert_eq!([0, 1, 7, 14, 15, 16, 30, 31].map(|m| billing::round_up(m, 15)), [0, 15, 15, 15, 15, 30, 30, 45]);
    assert_eq!(billing::round_up(7, 0), 7);
    assert_eq!(billing::price(15, dec("800")).to_string(), "200.00");
    assert_eq!(billing::price(45, dec("1500")).to_string(), "1125.00");
    // 1 min at 0.30/h = 0.005 → 0.01; 1 min at 0.29/h = 0.00483… → 0.00.
    assert_eq!(billing::price(1, dec("0.30")).to_string(), "0.01");
    assert_eq!(billing::price(1, dec("0.29")).to_string(), "0.00");
}

// ---------------------------------------------------------------------------------------------
// No contract

#[test]
fn no_contract_bills_a_line_per_role_at_that_roles_rate() {
    let w = month_work(vec![
        work("x", Request, Technician, (3, 2, 9), 20),
        work("x", Request, Consultant, (3, 2, 10), 50),
        work("y", Request, Technician, (3, 2, 11), 7),
        work("x", Request, Technician, (3, 5, 9), 10),
    ]);
    let s = statement(Tier::None, &w);
    assert_eq!(
        rows(&s),
        [
            row("x", Some(Technician), 30, 0, 30, 0, 30, "500.00"),
            row("x", Some(Consultant), 50, 0, 60, 0, 60, "1500.00"),
            row("y", Some(Technician), 7, 0, 15, 0, 15, "250.00"),
        ]
    );
    assert_eq!(s.lines.iter().map(|l| l.rate).collect::<Vec<_>>(), [dec("1000"), dec("1500"), dec("1000")]);
    assert_eq!(totals(&s), expect(105, 0, 0, 105, "2250.00", "0.00", "2250.00", "472.50", "2722.50"));
    assert!(!s.is_empty());
}

#[test]
fn no_contract_incidents_are_free_too() {
    let s = statement(Tier::None, &month_work(vec![work("i", Incident, Consultant, (3, 2, 9), 60)]));
    assert_eq!(rows(&s), [row("i", Some(Consultant), 60, 60, 0, 0, 0, "0.00")]);
    assert_eq!(totals(&s), expect(0, 0, 0, 0, "0.00", "0.00", "0.00", "0.00", "0.00"));
    assert!(s.is_empty(), "nothing to invoice");
    assert!(statement(Tier::None, &MonthWork::default()).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Free consultations

#[test]
fn a_free_consultation_covers_its_first_120_minutes() {
    // PLUS: c is the year's free consultation; d is a second consultation, billed like a request.
    let w = MonthWork {
        entries: vec![
            work("c", Consultation, Consultant, (3, 3, 9), 45),
            work("c", Consultation, Consultant, (3, 2, 9), 90),
            work("d", Consultation, Consultant, (3, 4, 9), 80),
        ],
        free_consultation_left: HashMap::from([("c".to_string(), 120)]),
        adjustments: vec![],
    };
    let s = statement(Tier::Plus, &w);
    // c: 135 raw − 120 free = 15 billable, from prepaid. d: 80 → 90: 45 prepaid, 45 overage.
    assert_eq!(rows(&s), [row("c", None, 135, 120, 15, 15, 0, "0.00"), row("d", None, 80, 0, 90, 45, 45, "600.00")]);
    assert_eq!(totals(&s), expect(105, 60, 0, 45, "600.00", "2500.00", "3100.00", "651.00", "3751.00"));
}

#[test]
fn free_minutes_left_carry_across_months() {
    let t = tariffs();
    let left = |m: u32| HashMap::from([("c".to_string(), m)]);
    // March: 90 minutes of the 120 are used, nothing billed.
    let march_work = MonthWork {
        entries: vec![work("c", Consultation, Consultant, (3, 30, 14), 90)],
        free_consultation_left: left(t.free_consultation_minutes),
        adjustments: vec![],
    };
    let s = statement(Tier::Vip, &march_work);
    assert_eq!(rows(&s), [row("c", None, 90, 90, 0, 0, 0, "0.00")]);
    let carried = t.free_consultation_minutes - s.lines[0].free_minutes;
    assert_eq!(carried, 30);
    // April: 30 free minutes remain; 50 worked → 20 billable → 30.
    let april_work = MonthWork {
        entries: vec![work("c", Consultation, Consultant, (4, 1, 9), 50)],
        free_consultation_left: left(carried),
        adjustments: vec![],
    };
    let april = billing::statement(&t, YearMonth::new(2026, 4).unwrap(), Tier::Vip, &april_work);
    assert_eq!(rows(&april), [row("c", None, 50, 30, 30, 30, 0, "0.00")]);
    // Used up: everything is billed, 7 minutes → 15.
    let may_work = MonthWork {
        entries: vec![work("c", Consultation, Consultant, (5, 4, 9), 7)],
        free_consultation_left: left(0),
        adjustments: vec![],
    };
    let may = billing::statement(&t, YearMonth::new(2026, 5).unwrap(), Tier::Vip, &may_work);
    assert_eq!(rows(&may), [row("c", None, 7, 0, 15, 15, 0, "0.00")]);
}

#[test]
fn free_consultations_are_the_first_of_the_year_by_opening_time() {
    let opened = vec![
        ("c5".to_string(), at(3, 1, 9, 0)),
        ("c1".to_string(), at(1, 10, 9, 0)),
        ("c3".to_string(), at(2, 2, 10, 0)),
        ("c2".to_string(), at(2, 2, 10, 0)),
        ("c4".to_string(), at(1, 20, 9, 0)),
    ];
    let t = tariffs();
    assert_eq!(billing::free_consultations(t.free_consultations(Tier::Plus), &opened), ["c1"]);
    // Ties in opening time go by id.
    assert_eq!(billing::free_consultations(t.free_consultations(Tier::Vip), &opened), ["c1", "c4", "c2", "c3"]);
    assert!(billing::free_consultations(t.free_consultations(Tier::Standard), &opened).is_empty());
    assert!(billing::free_consultations(t.free_consultations(Tier::None), &opened).is_empty());
    assert_eq!(billing::free_consultations(10, &opened), ["c1", "c4", "c2", "c3", "c5"]);
    assert!(billing::free_consultations(4, &[]).is_empty());
}

#[test]
fn vip_fifth_consultation_is_billed_like_a_request() {
    let t = tariffs();
    let opened: Vec<(String, DateTime<Utc>)> = (1..=5).map(|i| (format!("c{i}"), at(i, 2, 9, 0))).collect();
    let free: HashMap<String, u32> = billing::free_consultations(t.free_consultations(Tier::Vip), &opened)
        .into_iter()
        .map(|id| (id.to_string(), t.free_consultation_minutes))
        .collect();
    let w = MonthWork {
        entries: vec![
            work("c4", Consultation, Consultant, (4, 2, 9), 60),
            work("c5", Consultation, Consultant, (5, 4, 9), 60),
        ],
        free_consultation_left: free,
        adjustments: vec![],
    };
    let s = statement(Tier::Vip, &w);
    assert_eq!(rows(&s), [row("c4", None, 60, 60, 0, 0, 0, "0.00"), row("c5", None, 60, 0, 60, 60, 0, "0.00")]);
}

// ---------------------------------------------------------------------------------------------
// Upgrade suggestion

#[test]
fn upgrade_after_three_consecutive_months_of_overage() {
    let t = tariffs();
    use Tier::{None as NoContract, Plus, Standard, Vip};
    assert_eq!(billing::upgrade_suggestion(&t, &[(Standard, 15), (Standard, 30), (Standard, 15)]), Some(Plus));
    assert_eq!(
        billing::upgrade_suggestion(&t, &[(Standard, 0), (Standard, 15), (Standard, 30), (Standard, 15)]),
        Some(Plus)
    );
    assert_eq!(billing::upgrade_suggestion(&t, &[(Plus, 15), (Plus, 15), (Plus, 15)]), Some(Vip));
    // VIP has nowhere to go; no contract is not an upgrade path.
    assert_eq!(billing::upgrade_suggestion(&t, &[(Vip, 600), (Vip, 600), (Vip, 600)]), None);
    assert_eq!(billing::upgrade_suggestion(&t, &[(NoContract, 60), (NoContract, 60), (NoContract, 60)]), None);
    // Not three in a row, or not ending this month.
    assert_eq!(billing::upgrade_suggestion(&t, &[(Standard, 15), (Standard, 15)]), None);
    assert_eq!(billing::upgrade_suggestion(&t, &[(Standard, 15), (Standard, 0), (Standard, 15), (Standard, 15)]), None);
    assert_eq!(billing::upgrade_suggestion(&t, &[(Standard, 15), (Standard, 15), (Standard, 15), (Standard, 0)]), None);
    assert_eq!(billing::upgrade_suggestion(&t, &[]), None);
    // A month without a contract breaks the run.
    assert_eq!(billing::upgrade_suggestion(&t, &[(Standard, 15), (NoContract, 60), (Standard, 15)]), None);
}

#[test]
fn upgrade_suggestion_from_real_statements() {
    let t = tariffs();
    // 45 minutes every month: 30 prepaid, 15 overage.
    let months = [YearMonth::new(2026, 1).unwrap(), YearMonth::new(2026, 2).unwrap(), march()];
    let recent: Vec<(Tier, u32)> = months
        .iter()
        .map(|&m| {
            let w = month_work(vec![work("a", Request, Technician, (m.month(), 2, 9), 45)]);
            let s = billing::statement(&t, m, Tier::Standard, &w);
            (s.tier, s.overage_minutes)
        })
        .collect();
    assert_eq!(recent, [(Tier::Standard, 15); 3]);
    assert_eq!(billing::upgrade_suggestion(&t, &recent), Some(Tier::Plus));
    // Exactly the prepaid 30 minutes in March: no overage, no suggestion.
    let s = statement(Tier::Standard, &month_work(vec![work("a", Request, Technician, (3, 2, 9), 30)]));
    assert_eq!(s.overage_minutes, 0);
    assert_eq!(billing::upgrade_suggestion(&t, &[recent[0], recent[1], (s.tier, s.overage_minutes)]), None);
}

// ---------------------------------------------------------------------------------------------
// Laws

/// Six tickets with a kind each; entries on them anywhere in March 2026.
fn month_of_work() -> impl Strategy<Value = (Tier, MonthWork)> {
    let tier = prop_oneof![Just(Tier::None), Just(Tier::Standard), Just(Tier::Plus), Just(Tier::Vip)];
    let kinds = proptest::array::uniform6(prop_oneof![
        3 => Just(Request),
        1 => Just(Incident),
        2 => Just(Consultation),
        1 => Just(TicketKind::Change),
    ]);
    // Minutes after 1 March 00:00 Prague; March 2026 is 31 days less the hour lost to DST.
    let entries = proptest::collection::vec((0usize..6, 0i64..31 * 24 * 60 - 60, 1u32..=300, any::<bool>()), 0..16);
    let free = proptest::collection::vec(proptest::option::of(0u32..=120), 6);
    let adjustments = proptest::collection::vec(-100_000i64..100_000, 0..3);
    (tier, kinds, entries, free, adjustments).prop_map(|(tier, kinds, entries, free, adjustments)| {
        let entries = entries
            .into_iter()
            .enumerate()
            .map(|(i, (t, offset, minutes, consultant))| WorkEntry {
                entry_id: format!("e{i}"),
                ticket_id: format!("t{t}"),
                ticket_number: format!("{t}"),
                ticket_title: String::new(),
                kind: kinds[t],
                started: at(3, 1, 0, 0) + Duration::minutes(offset),
                minutes,
                role: if consultant { Consultant } else { Technician },
            })
            .collect();
        let free_consultation_left = free
            .into_iter()
            .enumerate()
            .filter(|&(t, _)| kinds[t] == Consultation)
            .filter_map(|(t, left)| Some((format!("t{t}"), left?)))
            .collect();
        let adjustments = adjustments
            .into_iter()
            .map(|cents| Adjustment { description: "adj".into(), amount: Decimal::new(cents, 2) })
            .collect();
        (tier, MonthWork { entries, free_consultation_left, adjustments })
    })
}

fn line_sum(s: &Statement, f: impl Fn(&BillingLine) -> u32) -> u32 {
    s.lines.iter().map(f).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn statement_laws((tier, w) in month_of_work()) {
        let t = tariffs();
        let s = billing::statement(&t, march(), tier, &w);
        let amounts: Decimal = s.lines.iter().map(|l| l.amount).sum();
        let adjusted: Decimal = w.adjustments.iter().map(|a| a.amount).sum();
        prop_assert_eq!(s.total_excl_vat, s.fee + amounts + adjusted);
        prop_assert_eq!(s.fee, t.monthly_fee(tier));
        prop_assert_eq!(s.overage_amount, amounts);
        prop_assert_eq!(s.billable_minutes, line_sum(&s, |l| l.rounded_minutes));
        prop_assert_eq!(s.prepaid_used_minutes + s.prepaid_left_minutes, s.prepaid_minutes);
        prop_assert_eq!(s.prepaid_minutes, t.prepaid_minutes(tier));
        prop_assert_eq!(s.prepaid_used_minutes, line_sum(&s, |l| l.prepaid_minutes));
        prop_assert_eq!(s.overage_minutes, s.billable_minutes - s.prepaid_used_minutes);
        prop_assert_eq!(s.overage_minutes, line_sum(&s, |l| l.overage_minutes));
        prop_assert_eq!(line_sum(&s, |l| l.raw_minutes), w.entries.iter().map(|e| e.minutes).sum::<u32>());
        // Prepaid is drawn before any overage is charged.
        if s.overage_minutes > 0 {
            prop_assert_eq!(s.prepaid_left_minutes, 0);
        }
        let vat = (s.total_excl_vat * t.vat_rate).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(s.vat, vat);
        prop_assert_eq!(s.total_incl_vat, s.total_excl_vat + s.vat);
        for l in &s.lines {
            prop_assert!(l.free_minutes <= l.raw_minutes);
            prop_assert_eq!(l.rounded_minutes % 15, 0);
            prop_assert!(l.rounded_minutes >= l.raw_minutes - l.free_minutes);
            prop_assert!(l.rounded_minutes < l.raw_minutes - l.free_minutes + 15);
            prop_assert_eq!(l.prepaid_minutes + l.overage_minutes, l.rounded_minutes);
            prop_assert_eq!(l.rate, t.rate(tier, l.role.unwrap_or(Technician)));
            prop_assert_eq!(l.amount, billing::price(l.overage_minutes, l.rate));
            prop_assert_eq!(l.role.is_some(), tier == Tier::None);
            match l.kind {
                Incident => prop_assert_eq!((l.free_minutes, l.rounded_minutes, l.prepaid_minutes), (l.raw_minutes, 0, 0)),
                Consultation if !w.free_consultation_left.contains_key(&l.ticket_id) => prop_assert_eq!(l.free_minutes, 0),
                Consultation => {}
                _ => prop_assert_eq!(l.free_minutes, 0),
            }
        }
        // A consultation's free minutes: what was left of its 120, up to the work done on it.
        for (id, left) in &w.free_consultation_left {
            let on = |f: fn(&BillingLine) -> u32| s.lines.iter().filter(|l| &l.ticket_id == id).map(f).sum::<u32>();
            prop_assert_eq!(on(|l| l.free_minutes), (*left).min(on(|l| l.raw_minutes)));
        }
    }
}

/// A month's work under a contract as entries: (ticket, kind, role, day, minutes, free minutes left
/// of the ticket if it is a free consultation).
type Worked = Vec<(u8, u8, bool, u32, u32, Option<u32>)>;

proptest! {
    /// The month figures (minutes per ticket, roles summed, by kind) tell whether a month under a
    /// contract went over its prepaid minutes exactly as its statement does, whenever they tell at all;
    /// and without consultations they always tell.
    #[test]
    fn month_figures_tell_overage_as_the_statement_does(
        worked in prop::collection::vec((0u8..6, 0u8..4, any::<bool>(), 1u32..28, 1u32..200, prop::option::of(0u32..=120)), 0..12),
        tier in prop::sample::select(vec![Tier::Standard, Tier::Plus, Tier::Vip]),
    ) {
        let worked: Worked = worked;
        let kinds = [Request, Incident, Consultation, TicketKind::Change];
        // A ticket's kind and free minutes are the ticket's: its first entry's.
        let kind_of = |t: u8| kinds[usize::from(worked.iter().find(|w| w.0 == t).map_or(0, |w| w.1) % 4)];
        let mut w = MonthWork::default();
        let mut per_ticket: std::collections::BTreeMap<u8, u32> = Default::default();
        for &(t, _, consultant, day, minutes, free) in &worked {
            let role = if consultant { Consultant } else { Technician };
            let ticket = format!("t{t}");
            w.entries.push(work(&ticket, kind_of(t), role, (3, day, 9), minutes));
            *per_ticket.entry(t).or_default() += minutes;
            if let (Consultation, Some(left)) = (kind_of(t), free) {
                w.free_consultation_left.entry(ticket).or_insert(left);
            }
        }
        let mut figures = billing::MonthFigures::default();
        for (&t, &minutes) in &per_ticket {
            match kind_of(t) {
                Incident => {}
                Consultation => figures.consultations.push(minutes),
                _ => figures.billed.push(minutes),
            }
        }
        let over = statement(tier, &w).overage_minutes > 0;
        let told = figures.over_prepaid(&tariffs(), tier);
        if let Some(told) = told {
            prop_assert_eq!(told, over);
        }
        if figures.consultations.is_empty() {
            prop_assert!(told.is_some());
        }
    }
}
