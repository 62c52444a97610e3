//! A closed month keeps the prices it was invoiced with: after the price list changes (a new
//! `tariffs.toml` — a higher rate, fewer prepaid minutes, another block size), a correction of the
//! closed month, or a repricing it triggers (a consultation opened later), is priced with the terms
//! frozen with the month's statement, so only what the change itself alters is billed. Run as a user
//! runs it: the binary on a tempdir database, the config directory swapped for a new price list.
//! Figures by hand: STANDARD 950 CZK + 30 prepaid min, overage 800 CZK/h, 15-minute blocks.

mod cli_common;

use std::path::Path;

use serde_json::Value;

/// One installation (`cli_common::Desk`) whose clock stands at 10 April 2026, noon.
struct Desk(cli_common::Desk);

impl Desk {
    fn new() -> Self {
        let mut d = cli_common::Desk::new();
        d.at("2026-04-10T12:00:00+02:00");
        Desk(d)
    }

    /// The price list changes: `tariffs.toml` in the config directory says `toml`.
    fn new_price_list(&self, toml: &str) {
        std::fs::write(self.0.config.join("tariffs.toml"), toml).unwrap();
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.0.run(args);
        (out.code, out.stdout, out.stderr)
    }

    /// Succeeds (whatever it notes on stderr); returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    }

    /// April's statement: its corrections of earlier months as (description, amount).
    fn april_corrections(&self, customer: &str) -> Vec<(String, String)> {
        let doc: Value =
            serde_json::from_str(&self.ok(&["report", "customer", customer, "--month", "2026-04", "--format", "json"]))
                .unwrap();
        doc["adjustments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["description"].as_str().unwrap().to_string(), a["amount"].as_str().unwrap().to_string()))
            .collect()
    }

    /// STANDARD customer `S` with 50 minutes in March (→ 60 billed: 30 prepaid + 30 overage = 400 CZK),
    /// March closed under the shipped price list.
    fn closed_march() -> Self {
        let d = Desk::new();
        d.ok(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
        d.ok(&["ticket", "open", "--customer", "S", "--title", "printer", "--at", "2026-03-02T10:00:00+01:00"]);
        d.ok(&["time", "add", "1", "--minutes", "50", "--at", "2026-03-02T10:00:00+01:00"]);
        d.ok(&["month", "close", "2026-03"]);
        d
    }

    fn db(&self) -> &Path {
        &self.0.db
    }
}

const RATE_1000: &str = "[tiers.standard]\nhourly_rate = \"1000\"\n";

#[test]
fn a_correction_after_a_rate_rise_is_priced_at_the_rate_the_month_was_invoiced_with() {
    let d = Desk::closed_march();
    d.new_price_list(RATE_1000);
    // 50 → 55 minutes: still four blocks; nothing to bill, and nothing repriced at the new rate
    // (which would be 30 min × 1 000/h − 400 = +100).
    d.ok(&["time", "add", "1", "--minutes", "5", "--at", "2026-03-03T10:00:00+01:00", "--correction"]);
    assert_eq!(d.april_corrections("S"), [("correction of 2026-03: ticket 1 +5m".to_string(), "0.00".to_string())]);
    // 55 → 75 minutes: five blocks, one more of overage at March's 800/h = 200 (not 250 at 1 000/h).
    d.ok(&["time", "add", "1", "--minutes", "20", "--at", "2026-03-04T10:00:00+01:00", "--correction"]);
    let mut amounts: Vec<String> = d.april_corrections("S").into_iter().map(|(_, a)| a).collect();
    amounts.sort();
    assert_eq!(amounts, ["0.00", "200.00"]);
}

#[test]
fn fewer_prepaid_minutes_or_other_blocks_later_change_no_closed_month() {
    let d = Desk::closed_march();
    d.new_price_list("billing_block_minutes = 7\n[tiers.standard]\nprepaid_minutes = 10\n");
    // 50 → 55 minutes under March's terms: 60 billed either way → 0. Under the new list it would be
    // 56 billed (8 blocks of 7), 46 over instead of 30: +213.33.
    d.ok(&["time", "add", "1", "--minutes", "5", "--at", "2026-03-03T10:00:00+01:00", "--correction"]);
    assert_eq!(d.april_corrections("S"), [("correction of 2026-03: ticket 1 +5m".to_string(), "0.00".to_string())]);
}

#[test]
fn a_consultation_opened_after_a_price_change_reprices_no_closed_month() {
    let d = Desk::new();
    d.ok(&["customer", "add", "P", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "P", "--title", "t", "--at", "2026-01-02T10:00:00+01:00"]);
    for month in ["01", "02", "03"] {
        d.ok(&["time", "add", "1", "--minutes", "120", "--at", &format!("2026-{month}-05T10:00:00+01:00")]);
        d.ok(&["month", "close", &format!("2026-{month}")]);
    }
    d.new_price_list("[tiers.plus]\nhourly_rate = \"1000\"\n");
    let (code, _, stderr) =
        d.run(&["ticket", "open", "--customer", "P", "--title", "advice", "--kind", "consultation"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "nothing to book: the closed months cost what they were invoiced");
    assert_eq!(d.april_corrections("P"), []);
}

#[test]
fn a_month_frozen_before_its_terms_were_kept_is_priced_with_the_rates_its_statement_shows() {
    let d = Desk::closed_march();
    // A statement frozen by an earlier helpdesk holds no terms: its own fee, prepaid minutes and line
    // rates price it.
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    let changed = conn.execute("UPDATE closed_statements SET body = json_remove(body, '$.terms')", []).unwrap();
    assert_eq!(changed, 1);
    let kept: i64 =
        conn.query_row("SELECT count(*) FROM closed_statements WHERE body LIKE '%terms%'", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 0);
    drop(conn);
    d.new_price_list(RATE_1000);
    d.ok(&["time", "add", "1", "--minutes", "20", "--at", "2026-03-04T10:00:00+01:00", "--correction"]);
    // 50 → 70 minutes: five blocks, one more of overage at the statement's 800/h.
    let amounts: Vec<String> = d.april_corrections("S").into_iter().map(|(_, a)| a).collect();
    assert_eq!(amounts, ["200.00"]);
}

#[test]
fn the_frozen_terms_are_not_shown_in_the_closed_statement() {
    let d = Desk::closed_march();
    let text = d.ok(&["report", "customer", "S", "--month", "2026-03", "--format", "json"]);
    assert!(!text.contains("terms"), "{text}");
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    let rate: String = conn
        .query_row("SELECT json_extract(body, '$.terms.hourly_rate') FROM closed_statements", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rate, "800");
}

#[test]
fn a_customer_without_a_statement_in_the_closed_month_is_priced_with_that_months_no_contract_rates() {
    let d = Desk::closed_march();
    // N had no contract and no work in March: nothing of N was frozen.
    d.ok(&["customer", "add", "N", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "N", "--title", "late call", "--at", "2026-03-05T10:00:00+01:00"]);
    d.new_price_list("[no_contract]\ntechnician_rate = \"2000\"\n");
    d.ok(&["time", "add", "2", "--minutes", "30", "--at", "2026-03-05T10:00:00+01:00", "--correction"]);
    // 30 minutes at March's technician rate of 1 000/h (not 2 000/h).
    let amounts: Vec<String> = d.april_corrections("N").into_iter().map(|(_, a)| a).collect();
    assert_eq!(amounts, ["500.00"]);
}
