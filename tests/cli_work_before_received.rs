//! Work on a ticket cannot start on a day before the ticket was received (bb6 #4): a mistyped year in
//! `time add --at` would otherwise bill the work into a month the customer had no ticket (or contract)
//! in. The same rule as `ticket respond` (no response before the ticket was received), with the grace of
//! the day the ticket was received (a phone call worked before the ticket was typed). Every way a start
//! is typed: `time add`, `time correct --at`, `--correction` into a closed month, `timer stop --worked`.

mod cli_common;

use cli_common::Desk;

const NOW: &str = "2027-01-05T12:00:00+01:00";

/// VIP customer since March 2026; ticket 1 received 2027-01-05 09:00 Prague.
fn desk() -> Desk {
    let mut d = Desk::new();
    for args in [
        &["customer", "add", "Acme", "--tier", "vip", "--since", "2026-03"][..],
        &["ticket", "open", "--customer", "Acme", "--title", "server down", "--at", "2027-01-05T09:00:00+01:00"],
    ] {
        let out = d.at(NOW).run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    d
}

fn refused(d: &mut Desk, now: &str, args: &[&str]) -> String {
    let out = d.at(now).run(args);
    assert_eq!(out.code, 2, "{args:?} must be refused: {} {}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("cannot start on a day before the ticket was received (2027-01-05T09:00:00+01:00)"),
        "{}",
        out.stderr
    );
    out.stderr
}

fn ok(d: &mut Desk, now: &str, args: &[&str]) -> String {
    let out = d.at(now).run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

fn entries(d: &mut Desk) -> Vec<(String, u64)> {
    let listed: serde_json::Value =
        serde_json::from_str(&ok(d, NOW, &["time", "list", "1", "--format", "json"])).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["started_at"].as_str().unwrap().to_string(), e["minutes"].as_u64().unwrap()))
        .collect()
}

#[test]
fn time_add_on_a_day_before_the_ticket_was_received_is_refused_and_nothing_is_billed() {
    let mut d = desk();
    let said = refused(&mut d, NOW, &["time", "add", "1", "--minutes", "40", "--at", "2026-01-05T09:30:00+01:00"]);
    assert!(said.contains("2026-01-05T09:30:00+01:00") && said.contains("Fix the date"), "{said}");
    refused(&mut d, NOW, &["time", "add", "1", "--minutes", "10", "--at", "1900-01-01T00:00:00+01:00"]);
    refused(&mut d, NOW, &["time", "add", "1", "--minutes", "10", "--at", "2027-01-04T23:50:00+01:00"]);
    assert_eq!(entries(&mut d), []);
    let january = ok(&mut d, NOW, &["report", "month", "2026-01", "--format", "csv"]);
    assert!(!january.contains("Acme"), "{january}");
    // Earlier the same day (the phone call before the ticket was typed) is work on the ticket.
    ok(&mut d, NOW, &["time", "add", "1", "--minutes", "20", "--at", "2027-01-05T08:15:00+01:00"]);
    assert_eq!(entries(&mut d), [("2027-01-05T08:15:00+01:00".to_string(), 20)]);
}

#[test]
fn the_czech_refusal_says_the_same() {
    let mut d = desk();
    let out =
        d.at(NOW).run(&["--lang", "cs", "time", "add", "1", "--minutes", "40", "--at", "2026-01-05T09:30:00+01:00"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nemůže začít dřív než v den, kdy tiket přišel"), "{}", out.stderr);
}

#[test]
fn time_correct_cannot_move_the_start_to_a_day_before_the_ticket_was_received() {
    let mut d = desk();
    ok(&mut d, NOW, &["time", "add", "1", "--minutes", "40", "--at", "2027-01-05T09:30:00+01:00"]);
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&mut d, NOW, &["time", "list", "1", "--format", "json"])).unwrap();
    let entry = listed[0]["entry"].as_str().unwrap().to_string();
    refused(&mut d, NOW, &["time", "correct", "1", &entry, "--at", "2026-01-05T09:30:00+01:00"]);
    assert_eq!(entries(&mut d), [("2027-01-05T09:30:00+01:00".to_string(), 40)]);
    // A correction that leaves the start alone is no move, and one within the day is accepted.
    ok(&mut d, NOW, &["time", "correct", "1", &entry, "--minutes", "45"]);
    ok(&mut d, NOW, &["time", "correct", "1", &entry, "--at", "2027-01-05T08:00:00+01:00"]);
    assert_eq!(entries(&mut d), [("2027-01-05T08:00:00+01:00".to_string(), 45)]);
}

#[test]
fn a_correction_into_a_closed_month_before_the_ticket_was_received_is_refused() {
    let mut d = desk();
    ok(&mut d, "2027-01-05T12:00:00+01:00", &["month", "close", "2026-12"]);
    refused(&mut d, NOW, &["time", "add", "1", "--minutes", "40", "--at", "2026-12-05T09:30:00+01:00", "--correction"]);
    assert_eq!(entries(&mut d), []);
}

#[test]
fn timer_stop_worked_cannot_move_the_start_to_a_day_before_the_ticket_was_received() {
    let mut d = Desk::new();
    ok(&mut d, NOW, &["customer", "add", "Acme", "--tier", "vip", "--since", "2026-03"]);
    ok(&mut d, NOW, &["ticket", "open", "--customer", "Acme", "--title", "night", "--at", "2027-01-05T00:05:00+01:00"]);
    ok(&mut d, "2027-01-05T00:10:00+01:00", &["timer", "start", "1"]);
    // 2 h back from 00:40 is 22:40 on 4 January, the day before the ticket came.
    let out = d.at("2027-01-05T00:40:00+01:00").run(&["timer", "stop", "--worked", "2h"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cannot start on a day before the ticket was received"), "{}", out.stderr);
    assert_eq!(entries(&mut d), []);
    // What fits the day is booked.
    ok(&mut d, "2027-01-05T00:41:00+01:00", &["timer", "stop", "--worked", "35m"]);
    assert_eq!(entries(&mut d), [("2027-01-05T00:06:00+01:00".to_string(), 35)]);
}
