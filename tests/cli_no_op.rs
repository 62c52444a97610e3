//! An edit to exactly what is there already writes nothing (no new version, no operation, no history
//! line) and says so, exit 0 — as the edit forms in the interface do: `time correct` to the entry's own
//! values, `ticket set` with the title, kind, status or assignee it has, `customer rename` to its name.

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    d.ok(&["time", "add", "1", "--minutes", "30", "--note", "driver"]);
    d
}

/// The operations in the file's log (every change recorded is one).
fn ops(d: &Desk) -> i64 {
    d.json(&["info", "--format", "json"])["database"]["counts"]["operations"].as_i64().unwrap_or(-1)
}

#[test]
fn a_correction_to_the_entrys_own_values_writes_nothing() {
    let d = desk();
    let entry = d.json(&["time", "list", "1", "--format", "json"])[0]["entry"].as_str().unwrap_or_default().to_string();
    let before = ops(&d);
    let out = d.run(&["time", "correct", "1", &entry, "--minutes", "30", "--note", "driver"]);
    assert_eq!((out.code, out.stderr), (0, format!("entry {entry} reads so already: nothing changed\n")));
    let out = d.run(&["time", "correct", "1", &entry]);
    assert_eq!(out.code, 0);
    assert_eq!(ops(&d), before);
    // A real correction still is one.
    d.ok(&["time", "correct", "1", &entry, "--minutes", "45"]);
    assert_eq!(ops(&d), before + 1);
}

#[test]
fn ticket_set_and_customer_rename_to_what_is_there_write_nothing() {
    let d = desk();
    let before = ops(&d);
    for args in [
        &["ticket", "set", "1", "--title", "Printer down"][..],
        &["ticket", "set", "1", "--title", " Printer  down ", "--kind", "request", "--status", "new"],
        &["ticket", "set", "1", "--assignee", ""],
    ] {
        let out = d.run(args);
        assert_eq!((out.code, out.stderr.as_str()), (0, "#1: nothing changed\n"), "{args:?}");
    }
    let out = d.run(&["customer", "rename", "Acme", "Acme"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "Acme: nothing changed\n"));
    assert_eq!(ops(&d), before);
    // Only what differs is recorded.
    d.ok(&["ticket", "set", "1", "--title", "Printer down", "--status", "open"]);
    assert_eq!(ops(&d), before + 1);
}

#[test]
fn customer_tier_to_the_tier_in_force_writes_nothing() {
    let d = desk();
    let before = ops(&d);
    for args in [
        &["customer", "tier", "Acme", "--tier", "vip"][..],
        &["customer", "tier", "Acme", "--tier", "vip", "--from", "2026-01"],
    ] {
        let out = d.run(args);
        assert_eq!((out.code, out.stderr.as_str()), (0, "Acme: nothing changed\n"), "{args:?}");
    }
    assert_eq!(ops(&d), before);
    // A different tier is a change.
    d.ok(&["customer", "tier", "Acme", "--tier", "plus"]);
    assert_eq!(ops(&d), before + 1);
}
