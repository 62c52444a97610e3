//! `customer report-done` records a fact (black-box finding 11): not a day to come, not the same
//! customer and day twice, not more reports than the contract's year holds, not for a tier that owes
//! none; its `--date` reads the spellings the other date fields read (`31.3.2026`).

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let mut d = Desk::new();
    d.ok(&["customer", "add", "Vip", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Nic", "--tier", "none", "--since", "2026-01"]);
    d.at("2026-12-30T09:00:00+01:00");
    d
}

fn reports(d: &Desk) -> serde_json::Value {
    let all = d.json(&["report", "obligations", "--format", "json"]);
    let vip = all.as_array().unwrap().iter().find(|r| r["customer"] == "Vip").unwrap().clone();
    vip["reports_done"].clone()
}

#[test]
fn a_report_is_refused_in_the_future_twice_on_a_day_or_beyond_the_contract() {
    let d = desk();
    d.ok(&["customer", "report-done", "Vip", "--date", "2026-03-01"]);
    d.fails(
        2,
        &["customer", "report-done", "Vip", "--date", "1.3.2026"],
        "the status report of `Vip` on 2026-03-01 is recorded already",
    );
    d.fails(
        2,
        &["customer", "report-done", "Vip", "--date", "2026-12-31"],
        "--date: `2026-12-31` lies in the future (today is 2026-12-30): record a report once it was delivered",
    );
    d.fails(
        2,
        &["customer", "report-done", "Nic", "--date", "2026-03-01"],
        "`Nic` has no status reports in its contract (no contract in 2026-03); nothing recorded",
    );
    // `31.3.2026` reads as `--resolve-by` reads it; today counts.
    for day in ["31.3.2026", "2026-06-30", "30.12.2026"] {
        d.ok(&["customer", "report-done", "Vip", "--date", day]);
    }
    d.fails(
        2,
        &["customer", "report-done", "Vip", "--date", "2026-11-01"],
        "all 4 status reports of `Vip` for 2026 are recorded already (2026-03-01, 2026-03-31, 2026-06-30, 2026-12-30)",
    );
    assert_eq!(reports(&d).as_array().unwrap().len(), 4);
}
