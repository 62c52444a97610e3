//! `timer stop --worked` saying more than the timer ran, when that work would have started in a month
//! closed since: the timer books what it ran in its own (open) month, and the rest is an entry of its
//! own ending where the timer's began, booked in the closed month as a correction — nothing ends in the
//! future, nothing overlaps the next timer, and each part bills in the month it started in (DOMAIN.md
//! "A time entry belongs to the month in which it started"). Figures by hand: STANDARD 950 CZK + 30
//! prepaid min, overage 800 CZK/h, 15-minute blocks.

mod cli_common;

use std::cell::RefCell;

use serde_json::Value;

/// One installation (`cli_common::Desk`); each command runs at the clock it is given.
struct Desk(RefCell<cli_common::Desk>);

impl Desk {
    fn new() -> Self {
        Desk(RefCell::new(cli_common::Desk::new()))
    }

    fn run(&self, now: &str, args: &[&str]) -> (i32, String, String) {
        let mut d = self.0.borrow_mut();
        let out = d.at(now).run(args);
        (out.code, out.stdout, out.stderr)
    }

    /// Succeeds (whatever it notes on stderr); returns (stdout, stderr).
    fn ok(&self, now: &str, args: &[&str]) -> (String, String) {
        let (code, stdout, stderr) = self.run(now, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        (stdout, stderr)
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(now, args).0).unwrap()
    }

    /// STANDARD customer `S`, ticket 1 received in March, March closed just after midnight on 1 April.
    fn march_closed() -> Self {
        let d = Desk::new();
        d.ok("2026-03-02T08:00:00+01:00", &["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
        d.ok("2026-03-02T08:00:00+01:00", &["ticket", "open", "--customer", "S", "--title", "server"]);
        d.ok("2026-04-01T00:05:00+02:00", &["month", "close", "2026-03"]);
        d
    }
}

#[test]
fn worked_beyond_the_run_that_started_in_a_closed_month_is_its_own_correction_entry_there() {
    let d = Desk::march_closed();
    d.ok("2026-04-01T00:10:00+02:00", &["timer", "start", "1"]);
    // It ran 30 minutes; the person says 2 h: 22:40 on 31 March to 00:40.
    let (said, _) = d.ok("2026-04-01T00:40:00+02:00", &["timer", "stop", "--worked", "2h"]);
    assert_eq!(
        said,
        "stopped the timer on ticket 1: logged 2h — 1h 30m of it started in 2026-03, which is closed, so \
         booked as a correction in 2026-04: 800,00 Kč on its statement\n"
    );
    d.ok("2026-04-01T00:45:00+02:00", &["timer", "start", "1"]);
    d.ok("2026-04-01T01:00:00+02:00", &["timer", "stop"]);
    let listed = d.json("2026-04-01T01:10:00+02:00", &["time", "list", "1", "--format", "json"]);
    let entries: Vec<(String, u64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["started_at"].as_str().unwrap().to_string(), e["minutes"].as_u64().unwrap()))
        .collect();
    // Nothing ends after the stop at 00:40, nothing overlaps the next timer.
    assert_eq!(
        entries,
        [
            ("2026-03-31T22:40:00+02:00".to_string(), 90),
            ("2026-04-01T00:10:00+02:00".to_string(), 30),
            ("2026-04-01T00:45:00+02:00".to_string(), 15)
        ],
        "{listed}"
    );
    // March (closed): 90 more minutes, 30 prepaid + 60 over = 800 CZK, billed as a correction in April.
    // April: 30 + 15 = 45 minutes of ticket 1, 30 prepaid + 15 over = 200 CZK.
    let april =
        d.json("2026-04-01T01:10:00+02:00", &["report", "customer", "S", "--month", "2026-04", "--format", "json"]);
    assert_eq!(april["overage_amount"], "200.00", "{april}");
    let corrections: Vec<&str> =
        april["adjustments"].as_array().unwrap().iter().map(|a| a["amount"].as_str().unwrap()).collect();
    assert_eq!(corrections, ["800.00"], "{april}");
}

#[test]
fn the_czech_note_says_the_same() {
    let d = Desk::march_closed();
    d.ok("2026-04-01T00:10:00+02:00", &["timer", "start", "1"]);
    let (code, said, _) = d.run("2026-04-01T00:40:00+02:00", &["--lang", "cs", "timer", "stop", "--worked", "2h"]);
    assert_eq!(code, 0);
    assert!(said.contains("z toho začalo v uzavřeném měsíci 2026-03"), "{said}");
}

#[test]
fn worked_beyond_the_run_within_open_months_stays_one_entry_ending_at_the_stop() {
    let d = Desk::new();
    d.ok("2026-03-02T08:00:00+01:00", &["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
    d.ok("2026-03-02T08:00:00+01:00", &["ticket", "open", "--customer", "S", "--title", "server"]);
    d.ok("2026-04-01T00:10:00+02:00", &["timer", "start", "1"]);
    let (said, _) = d.ok("2026-04-01T00:40:00+02:00", &["timer", "stop", "--worked", "2h"]);
    assert_eq!(said, "stopped the timer on ticket 1: logged 2h\n");
    let listed = d.json("2026-04-01T01:10:00+02:00", &["time", "list", "1", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(
        (listed[0]["started_at"].as_str(), listed[0]["minutes"].as_u64()),
        (Some("2026-03-31T22:40:00+02:00"), Some(120))
    );
}
