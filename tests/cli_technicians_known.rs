//! bb8 #1: a technician introduced once with `+` (`time add --by +Jana`) is known from then on — on
//! this copy and on every copy the work reaches — and `+jana` beside a known `Jana` is Jana, not a
//! second spelling of her (README "Names that read the same are the same").

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let mut d = Desk::new();
    d.at("2026-11-30T15:00:00+01:00");
    d.ok(&["--as", "Lead", "customer", "add", "Alfa", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&[
        "--as",
        "Lead",
        "ticket",
        "open",
        "--customer",
        "Alfa",
        "--title",
        "T1",
        "--at",
        "2026-11-02T09:00:00+01:00",
    ]);
    d
}

fn add(d: &Desk, by: &str, at: &str) -> cli_common::Out {
    d.run(&["--as", "Lead", "time", "add", "1", "--minutes", "10", "--at", at, "--by", by])
}

fn technicians(d: &Desk) -> Vec<String> {
    let entries = d.json(&["time", "list", "1", "--format", "json"]);
    let mut names: Vec<String> =
        entries.as_array().unwrap().iter().map(|e| e["technician"].as_str().unwrap().to_string()).collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_name_introduced_with_a_plus_is_known_afterwards() {
    let d = desk();
    assert_eq!(add(&d, "+Jana", "2026-11-02T10:00:00+01:00").code, 0);
    let out = add(&d, "jana", "2026-11-05T10:00:00+01:00");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(technicians(&d), ["Jana"]);
    // The assignee field knows her too.
    d.ok(&["--as", "Lead", "ticket", "set", "1", "--assignee", "jan"]);
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"])["assignee"], "Jana");
}

#[test]
fn a_plus_before_a_known_name_is_that_person() {
    let d = desk();
    assert_eq!(add(&d, "+Jana", "2026-11-02T10:00:00+01:00").code, 0);
    assert_eq!(add(&d, "+jana", "2026-11-05T10:00:00+01:00").code, 0);
    assert_eq!(add(&d, "+JANA ", "2026-11-06T10:00:00+01:00").code, 0);
    assert_eq!(technicians(&d), ["Jana"], "one person, one spelling");
}

#[test]
fn a_copy_that_receives_the_work_knows_the_technician() {
    let d = desk();
    let mut lap = Desk::new();
    lap.at("2026-11-30T15:00:00+01:00");
    lap.db = lap.dir.path().join("lap.db");
    assert_eq!(d.run(&["sync", "clone", &d.db.display().to_string(), &lap.db.display().to_string()]).code, 0);
    assert_eq!(add(&d, "+Jana", "2026-11-02T10:00:00+01:00").code, 0);
    assert_eq!(lap.run(&["sync", &d.db.display().to_string()]).code, 0);
    let out = add(&lap, "jana", "2026-11-05T10:00:00+01:00");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(technicians(&lap), ["Jana"]);
}
