//! A ticket resolved or closed without a first response stops its first-response clock at the time it
//! was resolved or closed (README "Decisions"): met before the deadline, breached by a fixed amount
//! after it — not "breached" growing forever. Reopened, the clock runs again from the receipt.
//! VIP (4 business hours): received Monday 2 March 2026 09:00 Prague, due 13:00.

mod cli_common;

use cli_common::Desk;
use serde_json::Value;

fn ok(d: &mut Desk, now: &str, args: &[&str]) -> String {
    let out = d.at(now).run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

/// `number` → (sla_state, business_minutes_left) in `ticket list --format json` at `now`.
fn sla(d: &mut Desk, now: &str, number: &str) -> (String, i64) {
    let listed: Value = serde_json::from_str(&ok(d, now, &["ticket", "list", "--format", "json"])).unwrap();
    let t = listed.as_array().unwrap().iter().find(|t| t["number"] == number).unwrap().clone();
    (t["sla_state"].as_str().unwrap().to_string(), t["business_minutes_left"].as_i64().unwrap())
}

fn desk() -> Desk {
    let mut d = Desk::new();
    let at = "2026-03-02T08:00:00+01:00";
    ok(&mut d, at, &["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    for title in ["early", "late", "open"] {
        ok(
            &mut d,
            at,
            &["ticket", "open", "--customer", "Acme", "--title", title, "--at", "2026-03-02T09:00:00+01:00"],
        );
    }
    ok(&mut d, "2026-03-02T10:00:00+01:00", &["ticket", "set", "1", "--status", "resolved"]);
    ok(&mut d, "2026-03-02T15:00:00+01:00", &["ticket", "set", "2", "--status", "closed"]);
    d
}

#[test]
fn resolved_before_the_deadline_is_met_and_closed_after_it_is_breached_by_a_fixed_amount() {
    let mut d = desk();
    for now in ["2026-03-02T16:00:00+01:00", "2026-03-20T12:00:00+01:00"] {
        assert_eq!(sla(&mut d, now, "1"), ("met".to_string(), 180), "at {now}");
        assert_eq!(sla(&mut d, now, "2"), ("breached".to_string(), -120), "at {now}");
    }
    // The ticket still open without a response keeps running (breached, growing).
    assert_eq!(sla(&mut d, "2026-03-02T16:00:00+01:00", "3"), ("breached".to_string(), -180));
    assert_eq!(sla(&mut d, "2026-03-03T09:00:00+01:00", "3"), ("breached".to_string(), -240));
}

#[test]
fn ticket_show_says_the_same() {
    let mut d = desk();
    let shown: Value =
        serde_json::from_str(&ok(&mut d, "2026-03-20T12:00:00+01:00", &["ticket", "show", "2", "--format", "json"]))
            .unwrap();
    assert_eq!(shown["sla_state"], "breached", "{shown}");
    assert_eq!(shown["business_minutes_left"], -120, "{shown}");
}

#[test]
fn reopened_without_a_response_the_clock_runs_again_from_the_receipt() {
    let mut d = desk();
    ok(&mut d, "2026-03-02T11:00:00+01:00", &["ticket", "set", "1", "--status", "open"]);
    assert_eq!(sla(&mut d, "2026-03-02T12:00:00+01:00", "1"), ("running".to_string(), 60));
    assert_eq!(sla(&mut d, "2026-03-02T14:00:00+01:00", "1"), ("breached".to_string(), -60));
}
