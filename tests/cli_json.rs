//! `--format json` on every list and show: each command's output parses, has exactly the keys the
//! README lists, money as decimal strings, minutes as integers, instants as RFC 3339 in the provider's
//! zone, and a list with no rows is `[]`.

mod cli_common;

use std::collections::BTreeSet;

use cli_common::Desk;
use serde_json::Value;

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().map(String::as_str).collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// The only element of a JSON list.
fn only(v: &Value) -> &Value {
    let list = v.as_array().unwrap_or_else(|| panic!("not a list: {v}"));
    assert_eq!(list.len(), 1, "{v}");
    &list[0]
}

/// An RFC 3339 instant with Prague's offset in March (`+01:00`) or summer (`+02:00`).
fn prague_instant(v: &Value) {
    let s = v.as_str().unwrap_or_else(|| panic!("not a string: {v}"));
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    assert!(s.ends_with("+01:00") || s.ends_with("+02:00"), "{s}");
}

/// Runs a command that must succeed (it may say what it did on stderr).
fn done(desk: &Desk, args: &[&str]) {
    let out = desk.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
}

/// Acme (VIP since 2026-01) with ticket 1 (responded, 30 minutes logged, a comment), at 10 March 2026.
fn desk() -> Desk {
    let desk = Desk::new();
    desk.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01", "--contact", "ops@acme.test"]);
    desk.ok(&["ticket", "open", "--customer", "Acme", "--title", "Server down", "--at", "2026-03-06T14:00:00+01:00"]);
    desk.ok(&["ticket", "respond", "1", "--resolve-by", "2026-03-12", "--at", "2026-03-09T09:00:00+01:00"]);
    desk.ok(&["ticket", "comment", "1", "looking into it"]);
    desk.ok(&["time", "add", "1", "--minutes", "30", "--at", "2026-03-09T09:00:00+01:00", "--note", "remote"]);
    desk
}

#[test]
fn time_list() {
    let desk = desk();
    let e = only(&desk.json(&["time", "list", "1", "--format", "json"])).clone();
    assert_eq!(keys(&e), set(&["entry", "version", "started_at", "minutes", "technician", "role", "note"]));
    assert_eq!(
        (e["minutes"].as_u64(), e["role"].as_str(), e["note"].as_str()),
        (Some(30), Some("technician"), Some("remote"))
    );
    assert_eq!(e["started_at"], "2026-03-09T09:00:00+01:00");
    desk.ok(&["ticket", "open", "--customer", "Acme", "--title", "Quiet"]);
    assert_eq!(desk.ok(&["time", "list", "2", "--format", "json"]), "[]\n");
}

#[test]
fn timer_status() {
    let desk = desk();
    assert_eq!(desk.ok(&["timer", "status", "--format", "json"]), "[]\n");
    done(&desk, &["timer", "start", "1"]);
    let mut later = desk;
    later.at("2026-03-10T09:25:00+01:00");
    let t = only(&later.json(&["timer", "status", "--format", "json"])).clone();
    assert_eq!(keys(&t), set(&["technician", "ticket", "title", "role", "started_at", "minutes", "forgotten"]));
    assert_eq!(t["forgotten"], false);
    assert_eq!(
        (t["technician"].as_str(), t["ticket"].as_str(), t["minutes"].as_i64()),
        (Some("alice"), Some("1"), Some(25))
    );
    assert_eq!(t["started_at"], "2026-03-10T09:00:00+01:00");
}

#[test]
fn month_list() {
    let desk = desk();
    assert_eq!(desk.ok(&["month", "list", "--format", "json"]), "[]\n");
    done(&desk, &["month", "close", "2026-02"]);
    assert_eq!(desk.json(&["month", "list", "--format", "json"]), serde_json::json!([{"month": "2026-02"}]));
}

#[test]
fn report_upgrades() {
    let desk = desk();
    assert_eq!(desk.ok(&["report", "upgrades", "--format", "json"]), "[]\n");
    desk.ok(&["customer", "add", "Busy", "--tier", "standard", "--since", "2026-01"]);
    desk.ok(&["ticket", "open", "--customer", "Busy", "--title", "Work", "--at", "2026-01-05T09:00:00+01:00"]);
    for at in ["2026-01-06T09:00:00+01:00", "2026-02-03T09:00:00+01:00", "2026-03-03T09:00:00+01:00"] {
        desk.ok(&["time", "add", "2", "--minutes", "90", "--at", at]);
    }
    let u = only(&desk.json(&["report", "upgrades", "--format", "json"])).clone();
    assert_eq!(keys(&u), set(&["customer", "tier", "suggested", "overage_months"]));
    assert_eq!(
        (u["customer"].as_str(), u["tier"].as_str(), u["suggested"].as_str()),
        (Some("Busy"), Some("standard"), Some("plus"))
    );
    assert_eq!(u["overage_months"], serde_json::json!(["2026-01", "2026-02", "2026-03"]));
}

#[test]
fn report_obligations() {
    let desk = desk();
    desk.ok(&["customer", "report-done", "Acme", "--date", "2026-03-05"]);
    let o = only(&desk.json(&["report", "obligations", "--format", "json"])).clone();
    let expected = [
        "customer",
        "tier",
        "year",
        "reports_per_year",
        "reports_done",
        "reports_overdue",
        "report_due_by",
        "free_consultations_per_year",
        "free_consultations_used",
    ];
    assert_eq!(keys(&o), set(&expected));
    assert_eq!((o["customer"].as_str(), o["year"].as_i64()), (Some("Acme"), Some(2026)));
    assert_eq!(o["reports_done"], serde_json::json!(["2026-03-05"]));
    assert_eq!((o["reports_per_year"].as_u64(), o["free_consultations_per_year"].as_u64()), (Some(4), Some(4)));
    let empty = Desk::new();
    empty.ok(&["customer", "add", "Solo", "--tier", "none"]);
    assert_eq!(empty.ok(&["report", "obligations", "--format", "json"]), "[]\n");
}

#[test]
fn calendar_holidays() {
    let desk = Desk::new();
    let h = desk.json(&["calendar", "holidays", "2026", "--format", "json"]);
    let list = h.as_array().unwrap();
    assert_eq!(list.len(), 13);
    // `name_cs`: the Czech name (issue 18), whatever the language.
    assert_eq!(keys(&list[0]), set(&["date", "name", "name_cs"]));
    assert_eq!(list[0]["date"], "2026-01-01");
    assert!(list.iter().any(|d| d["date"] == "2026-04-03"), "Good Friday 2026");
    assert!(!desk.db.exists(), "no database needed");
}

#[test]
fn sync_status_and_conflicts() {
    let mut desk = desk();
    let team = desk.db.clone();
    let lap = desk.dir.path().join("lap.db");
    let status = desk.json(&["sync", "status", "--format", "json"]);
    assert_eq!(keys(&status), set(&["tag", "device", "last_synced_at", "unshared", "open_conflicts", "peers"]));
    assert_eq!((status["tag"].as_str(), status["last_synced_at"].clone()), (Some(""), Value::Null));
    assert_eq!(status["peers"], serde_json::json!([]));
    assert_eq!(desk.ok(&["sync", "conflicts", "--format", "json"]), "[]\n");
    done(&desk, &["sync", "clone", team.to_str().unwrap(), lap.to_str().unwrap()]);
    desk.ok(&["ticket", "set", "1", "--status", "waiting"]);
    desk.db = lap.clone();
    desk.at("2026-03-10T09:05:00+01:00");
    desk.ok(&["ticket", "set", "1", "--status", "resolved"]);
    let status = desk.json(&["sync", "status", "--format", "json"]);
    assert_eq!(status["tag"], "A");
    assert!(status["unshared"].as_i64().unwrap() >= 1);
    let peer = only(&status["peers"]).clone();
    assert_eq!(keys(&peer), set(&["tag", "device", "last_synced_at"]));
    prague_instant(&peer["last_synced_at"]);
    done(&desk, &["sync", team.to_str().unwrap()]);
    let c = only(&desk.json(&["sync", "conflicts", "--format", "json"])).clone();
    let expected = ["id", "ticket", "customer", "field", "kept", "other", "detected_at", "resolved"];
    assert_eq!(keys(&c), set(&expected));
    assert_eq!((c["ticket"].as_str(), c["field"].as_str()), (Some("1"), Some("status")));
    assert_eq!(
        (c["kept"].as_str(), c["other"].as_str(), c["resolved"].clone()),
        (Some("resolved"), Some("waiting"), Value::Null)
    );
    prague_instant(&c["detected_at"]);
    assert_eq!(desk.json(&["sync", "status", "--format", "json"])["open_conflicts"], 1);
}

#[test]
fn ticket_show() {
    let desk = desk();
    let t = desk.json(&["ticket", "show", "1", "--format", "json"]);
    let expected = [
        "number",
        "customer",
        "tier",
        "title",
        "description",
        "kind",
        "status",
        "assignee",
        "received_at",
        "deadline",
        "business_minutes_left",
        "sla_state",
        "first_response_at",
        "resolve_by",
        "comments",
        "time_entries",
        "minutes_total",
    ];
    assert_eq!(keys(&t), set(&expected));
    assert_eq!(
        (t["number"].as_str(), t["tier"].as_str(), t["sla_state"].as_str()),
        (Some("1"), Some("vip"), Some("met"))
    );
    // Friday 14:00 + 4 business hours: Monday 10:00.
    assert_eq!(t["deadline"], "2026-03-09T10:00:00+01:00");
    assert_eq!(t["first_response_at"], "2026-03-09T09:00:00+01:00");
    assert_eq!(t["minutes_total"], 30);
    let c = only(&t["comments"]).clone();
    assert_eq!(keys(&c), set(&["at", "author", "body"]));
    assert_eq!((c["author"].as_str(), c["body"].as_str()), (Some("alice"), Some("looking into it")));
    assert_eq!(only(&t["time_entries"])["minutes"], 30);
}

#[test]
fn ticket_explain() {
    let desk = desk();
    let e = desk.json(&["ticket", "explain", "1", "--format", "json"]);
    let expected =
        ["ticket", "tier", "business_hours", "received_at", "clock_starts_at", "counted", "skipped", "deadline"];
    assert_eq!(keys(&e), set(&expected));
    assert_eq!(e["business_hours"], 4);
    assert_eq!(
        e["counted"][0],
        serde_json::json!({"from": "2026-03-06T14:00:00+01:00", "to": "2026-03-06T16:00:00+01:00", "minutes": 120})
    );
    assert_eq!(
        e["skipped"],
        serde_json::json!([{"date": "2026-03-07", "reason": "weekend"}, {"date": "2026-03-08", "reason": "weekend"}])
    );
    assert_eq!(e["deadline"], "2026-03-09T10:00:00+01:00");
    desk.ok(&["customer", "add", "Walk-in", "--tier", "none"]);
    desk.ok(&["ticket", "open", "--customer", "Walk-in", "--title", "Help"]);
    let none = desk.json(&["ticket", "explain", "2", "--format", "json"]);
    assert_eq!((none["business_hours"].clone(), none["deadline"].clone()), (Value::Null, Value::Null));
    assert_eq!(none["counted"], serde_json::json!([]));
}

#[test]
fn customer_show() {
    let desk = desk();
    desk.ok(&["customer", "tier", "Acme", "--tier", "plus", "--from", "2026-04"]);
    desk.ok(&["time", "add", "1", "--minutes", "280", "--at", "2026-03-09T10:00:00+01:00"]);
    let c = desk.json(&["customer", "show", "Acme", "--format", "json"]);
    let expected = [
        "id",
        "name",
        "contact",
        "tier",
        "since",
        "contract_history",
        "month",
        "prepaid_minutes",
        "prepaid_used_minutes",
        "prepaid_left_minutes",
        "overage_minutes",
        "overage_amount",
        "open_tickets",
    ];
    assert_eq!(keys(&c), set(&expected));
    assert_eq!(
        (c["tier"].as_str(), c["since"].as_str(), c["month"].as_str()),
        (Some("vip"), Some("2026-01"), Some("2026-03"))
    );
    assert_eq!(
        c["contract_history"],
        serde_json::json!([{"from": "2026-01", "tier": "vip"}, {"from": "2026-04", "tier": "plus"}])
    );
    // 30 + 280 minutes on one ticket in March: 310 → 315 billable, 300 prepaid, 15 over at 800/h.
    assert_eq!((c["prepaid_minutes"].as_u64(), c["prepaid_used_minutes"].as_u64()), (Some(300), Some(300)));
    assert_eq!((c["prepaid_left_minutes"].as_u64(), c["overage_minutes"].as_u64()), (Some(0), Some(15)));
    assert_eq!(c["overage_amount"], "200.00");
    assert_eq!(c["open_tickets"], 1);
    let table = desk.ok(&["customer", "show", "Acme"]);
    assert!(
        table.lines().any(|l| l.starts_with("prepaid min") && l.ends_with(" 300 used of 300 (0 left) in 2026-03")),
        "{table}"
    );
    desk.fails(2, &["customer", "show", "Nobody"], "no customer named `Nobody`; see `helpdesk customer list`");
}
