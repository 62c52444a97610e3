//! Work booked to start on a day before its ticket was received (bb6 #4): booked — a call handled
//! before its ticket was typed is real — but never silently, since a mistyped year or month bills a
//! month the customer had no ticket in: `time add` and a `time correct` that moves the start say so
//! on stderr, naming both days, in the reader's language.

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let mut d = Desk::new();
    d.at("2027-01-05T09:00:00+01:00");
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    d
}

#[test]
fn work_a_year_before_the_ticket_is_booked_with_a_note_naming_both_days() {
    let d = desk();
    let out = d.run(&["time", "add", "1", "--minutes", "40", "--at", "2026-01-05T09:30:00+01:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("2026-01-05 09:30")
            && out.stderr.contains("ticket 1")
            && out.stderr.contains("2027-01-05 09:00"),
        "{}",
        out.stderr
    );
    let entries = d.json(&["time", "list", "1", "--format", "json"]);
    assert_eq!(entries.as_array().map(Vec::len), Some(1), "the work is booked");
    let cs = d.run(&["--lang", "cs", "time", "add", "1", "--minutes", "5", "--at", "2026-12-31T10:00:00+01:00"]);
    assert!(cs.code == 0 && cs.stderr.contains("pozor") && cs.stderr.contains("tiket 1"), "{}", cs.stderr);
}

#[test]
fn work_earlier_the_same_day_or_later_says_nothing() {
    let d = desk();
    for at in ["2027-01-05T07:00:00+01:00", "2027-01-05T09:00:00+01:00"] {
        let out = d.run(&["time", "add", "1", "--minutes", "15", "--at", at]);
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{at}");
    }
}

#[test]
fn a_correction_moving_the_start_before_the_ticket_notes_it_and_one_keeping_it_does_not() {
    let d = desk();
    d.ok(&["time", "add", "1", "--minutes", "30"]);
    let entry = d.json(&["time", "list", "1", "--format", "json"])[0]["entry"].as_str().unwrap_or_default().to_string();
    let out = d.run(&["time", "correct", "1", &entry, "--at", "2026-01-05T09:00:00+01:00"]);
    assert!(out.code == 0 && out.stderr.contains("2026-01-05 09:00"), "{}", out.stderr);
    let out = d.run(&["time", "correct", "1", &entry, "--minutes", "45"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "the start did not move: no note");
}
