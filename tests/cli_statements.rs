//! `helpdesk report customer|export|obligations|upgrades`, `month close|reopen`, corrections of closed work, exports, obligations, upgrade
//! suggestions and entitlement notes, run as a user runs them: the binary on a tempdir database with an
//! empty config directory, a fixed clock (HELPDESK_NOW) and a machine time zone far from Prague. Figures
//! are computed by hand in the comments (STANDARD 950 CZK + 30 prepaid min, PLUS 2 500 + 60, VIP 5 000 +
//! 300, overage 800 CZK/h, 15-minute blocks, VAT 21 %).

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// One installation: a database, an empty config directory, a clock.
struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
    config: PathBuf,
    now: String,
}

/// What a finished command printed.
#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Desk {
    fn new(now: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir(&config).unwrap();
        let db = dir.path().join("helpdesk.db");
        Desk { dir, db, config, now: now.into() }
    }

    fn at(&mut self, now: &str) {
        self.now = now.into();
    }

    fn run(&self, args: &[&str]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", &self.config)
            // Recording history: a command with a later `--at` runs at it (see `cli_common::recorded_at`).
            .env("HELPDESK_NOW", cli_common::recorded_at(&self.now, args))
            .env("HELPDESK_USER", "alice")
            .env("TZ", "America/Los_Angeles")
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap();
        Out {
            code: out.status.code().expect("exited"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Succeeds with `stderr` exactly; returns stdout.
    fn ok_saying(&self, args: &[&str], stderr: &str) -> String {
        let out = self.run(args);
        assert_eq!((out.code, out.stderr.as_str()), (0, stderr), "{args:?}: {out:?}");
        out.stdout
    }

    /// Succeeds silently on stderr; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        self.ok_saying(args, "")
    }

    /// Fails with `code`, nothing on stdout, `helpdesk: message` on stderr.
    fn fails(&self, code: i32, args: &[&str], message: &str) {
        let out = self.run(args);
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (code, "", format!("helpdesk: {message}\n").as_str()),
            "{args:?}"
        );
    }

    fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"))
    }

    fn statement(&self, customer: &str, month: &str) -> Value {
        self.json(&["report", "customer", customer, "--month", month, "--format", "json"])
    }

    fn customer(&self, name: &str, tier: &str, since: &str) {
        self.ok(&["customer", "add", name, "--tier", tier, "--since", since]);
    }

    /// Opens a ticket; returns its number.
    fn ticket(&self, customer: &str, title: &str, kind: &str, at: &str) -> String {
        // `--title=…` so a title starting with `-` is not taken for an option.
        let title = format!("--title={title}");
        let args = ["ticket", "open", "--customer", customer, &title, "--kind", kind, "--at", at];
        self.ok(&args).trim().to_string()
    }

    fn work(&self, ticket: &str, minutes: &str, at: &str, extra: &[&str]) {
        let mut args = vec!["time", "add", ticket, "--minutes", minutes, "--at", at];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// The ids of a ticket's current entries, in the order the work started.
    fn entries(&self, ticket: &str) -> Vec<String> {
        let list = self.ok(&["time", "list", ticket]);
        list.lines().skip(1).map(|l| l.split_whitespace().next().unwrap().to_string()).collect()
    }
}

/// The figures of a statement: (billable, used, left, overage min) and (fee, overage, excl., VAT, incl.).
fn figures(s: &Value) -> (Value, Value) {
    let pick = |keys: &[&str]| Value::Array(keys.iter().map(|k| s[*k].clone()).collect());
    (
        pick(&["billable_minutes", "prepaid_used_minutes", "prepaid_left_minutes", "overage_minutes"]),
        pick(&["fee", "overage_amount", "total_excl_vat", "vat", "total_incl_vat"]),
    )
}

/// A PLUS customer in April 2026 with a free consultation begun in March, a request and an incident.
fn novak() -> Desk {
    let d = Desk::new("2026-03-02T09:00:00+01:00");
    d.customer("Novák s.r.o.", "plus", "2026-01");
    assert_eq!(d.ticket("Novák s.r.o.", "Migration workshop", "consultation", "2026-03-20T09:00:00+01:00"), "1");
    assert_eq!(d.ticket("Novák s.r.o.", "Printer jams", "request", "2026-04-02T08:00:00+02:00"), "2");
    assert_eq!(d.ticket("Novák s.r.o.", "Server down", "incident", "2026-04-03T03:00:00+02:00"), "3");
    // The workshop: 100 min on 31 March at 23:00 Prague (21:00 UTC: March), 50 min after midnight on
    // 1 April (April). It is PLUS's free consultation of 2026: 120 free minutes in the order worked.
    d.work("1", "100", "2026-03-31T23:00:00+02:00", &["--role", "consultant", "--by", "+carol"]);
    d.work("1", "50", "2026-04-01T00:30:00+02:00", &["--role", "consultant", "--by", "+carol"]);
    d.work("2", "45", "2026-04-02T09:00:00+02:00", &[]);
    d.work("3", "1h30", "2026-04-03T03:10:00+02:00", &[]);
    d
}

/// April: workshop 50 raw, 20 free left → 30 billable, drawn first from the 60 prepaid; printer 45:
/// 30 prepaid, 15 over = 15/60 × 800 = 200.00; incident 90 raw, free. 2 500 + 200 = 2 700.00;
/// VAT 567.00; 3 267.00.
const NOVAK_APRIL: &str = "\
Statement 2026-04 — Novák s.r.o. (PLUS)

TICKET  KIND             RATE/H  RAW  FREE  ROUNDED  PREPAID  OVERAGE     AMOUNT  TITLE
1       consultation  800,00 Kč  50m   20m      30m      30m       0m    0,00 Kč  Migration workshop [free consultation]
2       request       800,00 Kč  45m    0m      45m      30m      15m  200,00 Kč  Printer jams
3       incident      800,00 Kč  90m   90m       0m       0m       0m    0,00 Kč  Server down [incident (free)]

prepaid          60 used of 60 (0 left)
overage          15 min  200,00 Kč
monthly fee      2 500,00 Kč
total excl. VAT  2 700,00 Kč
VAT  21 %        567,00 Kč
total incl. VAT  3 267,00 Kč
";

#[test]
fn customer_statement_table_shows_raw_and_rounded_minutes_of_every_line() {
    let mut d = novak();
    d.at("2026-05-04T09:00:00+02:00");
    assert_eq!(d.ok(&["report", "customer", "novak s.r.o.", "--month", "2026-04"]), NOVAK_APRIL);
    // March: the workshop's first 100 minutes, all free: the fee alone (2 500 + 525 VAT = 3 025).
    let march = d.statement("Novák s.r.o.", "2026-03");
    assert_eq!(
        (
            march["lines"][0]["raw_minutes"].clone(),
            march["lines"][0]["free_minutes"].clone(),
            march["lines"][0]["rounded_minutes"].clone()
        ),
        (json!(100), json!(100), json!(0))
    );
    assert_eq!(figures(&march), (json!([0, 0, 60, 0]), json!(["2500.00", "0.00", "2500.00", "525.00", "3025.00"])));
    // Without --month: the current month (May, no work yet).
    let may = d.ok(&["report", "customer", "Novák s.r.o."]);
    assert!(may.starts_with("Statement 2026-05 — Novák s.r.o. (PLUS)\n\nno work billed this month\n"), "{may}");
    d.fails(2, &["report", "customer", "Nobody"], "no customer named `Nobody`; see `helpdesk customer list`");
}

#[test]
fn no_contract_statement_has_a_line_per_role() {
    let d = Desk::new("2026-03-02T09:00:00+01:00");
    d.customer("Walk-in", "none", "2026-01");
    d.ticket("Walk-in", "Fix", "request", "2026-03-05T09:00:00+01:00");
    d.work("1", "20", "2026-03-05T10:00:00+01:00", &["--by", "+bob"]);
    d.work("1", "10", "2026-03-05T11:00:00+01:00", &["--role", "consultant", "--by", "+carol"]);
    // Technician 20 → 30 × 1 000/h = 500.00; consultant 10 → 15 × 1 500/h = 375.00; 875.00; VAT 183.75.
    let table = d.ok(&["report", "customer", "Walk-in", "--month", "2026-03"]);
    assert_eq!(
        table,
        "\
Statement 2026-03 — Walk-in (no contract)

TICKET  KIND                       RATE/H  RAW  FREE  ROUNDED  PREPAID  OVERAGE     AMOUNT  TITLE
1       request (technician)  1 000,00 Kč  20m    0m      30m       0m      30m  500,00 Kč  Fix
1       request (consultant)  1 500,00 Kč  10m    0m      15m       0m      15m  375,00 Kč  Fix

prepaid          0 used of 0 (0 left)
overage          45 min  875,00 Kč
monthly fee      0,00 Kč
total excl. VAT  875,00 Kč
VAT  21 %        183,75 Kč
total incl. VAT  1 058,75 Kč
"
    );
}

#[test]
fn months_are_cut_at_prague_midnight_whatever_the_machine_zone() {
    let d = Desk::new("2026-12-01T09:00:00+01:00");
    d.customer("Acme", "standard", "2026-01");
    d.ticket("Acme", "Job", "request", "2026-03-01T09:00:00+01:00");
    // 21:30 UTC on 31 March: March. 22:30 UTC on 31 October: October. 23:10 UTC on 31 October: November.
    d.work("1", "7", "2026-03-31T23:30:00+02:00", &[]);
    d.work("1", "20", "2026-10-31T23:30:00+01:00", &[]);
    d.work("1", "40", "2026-11-01T00:10:00+01:00", &[]);
    let raw = |month: &str| {
        let s = d.statement("Acme", month);
        s["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["raw_minutes"].clone(), l["rounded_minutes"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(raw("2026-03"), [(json!(7), json!(15))]);
    assert_eq!(raw("2026-04"), []);
    assert_eq!(raw("2026-10"), [(json!(20), json!(30))]);
    // November: 40 → 45, 30 prepaid, 15 over = 200.00; 1 150.00; VAT 241.50.
    assert_eq!(raw("2026-11"), [(json!(40), json!(45))]);
    let nov = d.statement("Acme", "2026-11");
    assert_eq!(figures(&nov), (json!([45, 30, 0, 15]), json!(["950.00", "200.00", "1150.00", "241.50", "1391.50"])));
}

#[test]
fn tier_changes_apply_from_their_month_and_before_since_is_no_contract() {
    let d = Desk::new("2026-01-02T09:00:00+01:00");
    d.customer("Acme", "standard", "2026-02");
    d.ok(&["customer", "tier", "Acme", "--tier", "vip", "--from", "2026-04"]);
    d.ticket("Acme", "Job", "request", "2026-01-05T09:00:00+01:00");
    for month in ["01", "03", "04"] {
        d.work("1", "50", &format!("2026-{month}-10T10:00:00+01:00"), &[]);
    }
    // January, before --since: 50 → 60 × 1 000/h = 1 000.00; VAT 210.00.
    let jan = d.statement("Acme", "2026-01");
    assert_eq!((jan["tier"].clone(), jan["lines"][0]["role"].clone()), (json!("none"), json!("technician")));
    assert_eq!(figures(&jan), (json!([60, 0, 0, 60]), json!(["0.00", "1000.00", "1000.00", "210.00", "1210.00"])));
    // March, STANDARD: 60 − 30 = 30 over = 400.00; 1 350.00.
    let mar = d.statement("Acme", "2026-03");
    assert_eq!(figures(&mar), (json!([60, 30, 0, 30]), json!(["950.00", "400.00", "1350.00", "283.50", "1633.50"])));
    // April, VIP: 60 of 300 prepaid; 5 000.00.
    let apr = d.statement("Acme", "2026-04");
    assert_eq!(figures(&apr), (json!([60, 60, 240, 0]), json!(["5000.00", "0.00", "5000.00", "1050.00", "6050.00"])));
    d.fails(
        2,
        &["customer", "tier", "Acme", "--tier", "gold", "--from", "2026-05"],
        "unknown tier `gold`: use standard, plus, vip or none",
    );
}

const CLOSED: &str = "2026-03 is closed: its statements are frozen. Book the change as a correction in the current month \
                      (`--correction`), or reopen the month with `helpdesk month reopen 2026-03`";

/// STANDARD Acme with 20 minutes in March (within the 30 prepaid: 950.00), March closed in April.
fn closed_march() -> Desk {
    let mut d = Desk::new("2026-03-02T09:00:00+01:00");
    d.customer("Acme", "standard", "2026-01");
    d.ticket("Acme", "Job", "request", "2026-03-02T09:00:00+01:00");
    d.work("1", "20", "2026-03-05T10:00:00+01:00", &[]);
    d.at("2026-04-10T09:00:00+02:00");
    d.ok_saying(&["month", "close", "2026-03"], "closed 2026-03: 1 statement frozen\n");
    d
}

/// The JSON text up to the corrections billed later (the last field).
fn before_later_corrections(json: &str) -> &str {
    &json[..json.find("\"later_corrections\"").expect("the field is there")]
}

#[test]
fn a_closed_month_refuses_silent_changes_and_books_corrections_in_the_current_month() {
    let mut d = closed_march();
    assert_eq!(d.ok(&["month", "list"]), "2026-03\tclosed\n");
    let statement_args = ["report", "customer", "Acme", "--month", "2026-03", "--format", "json"];
    let frozen = d.ok(&statement_args);
    let entries = d.entries("1");
    let time_list = d.ok(&["time", "list", "1"]);

    d.fails(2, &["time", "add", "1", "--minutes", "40", "--at", "2026-03-06T10:00:00+01:00"], CLOSED);
    d.fails(2, &["time", "correct", "1", &entries[0], "--minutes", "25"], CLOSED);
    d.fails(2, &["time", "remove", "1", &entries[0]], CLOSED);
    // Moving April work into March is a change to March too.
    d.work("1", "5", "2026-04-01T10:00:00+02:00", &[]);
    let april_entry = d.entries("1").pop().unwrap();
    // (A move names the two commands that do it, bb6 #3: `tests/cli_move_closed_month.rs`.)
    let moved = d.run(&["time", "correct", "1", &april_entry, "--at", "2026-03-31T10:00:00+02:00"]);
    assert_eq!(moved.code, 2);
    assert!(moved.stderr.contains("cannot move into or out of a closed month (2026-03)"), "{}", moved.stderr);
    d.ok(&["time", "remove", "1", &april_entry]);
    assert_eq!(d.ok(&["time", "list", "1"]), time_list);
    assert_eq!(d.ok(&statement_args), frozen);
    d.fails(
        2,
        &["time", "add", "1", "--minutes", "40", "--at", "2026-04-02T10:00:00+02:00", "--correction"],
        "2026-04 is not closed; change the time entry directly instead of booking a correction",
    );

    // +40 min: March would have had 60 → 60, 30 prepaid, 30 over = 400.00.
    let add = ["time", "add", "1", "--minutes", "40", "--at", "2026-03-06T10:00:00+01:00", "--correction"];
    d.ok_saying(&add, "booked as a correction in 2026-04: 400,00 Kč on its statement\n");
    let corrected = d.ok(&statement_args);
    assert_eq!(before_later_corrections(&corrected), before_later_corrections(&frozen), "frozen figures unchanged");
    let plus40 = json!({
        "description": "correction of 2026-03: ticket 1 +40m",
        "work_month": "2026-03",
        "booked_month": "2026-04",
        "minutes": 40,
        "amount": "400.00",
    });
    let march: Value = serde_json::from_str(&corrected).unwrap();
    assert_eq!((march["closed"].clone(), march["later_corrections"].clone()), (json!(true), json!([plus40])));
    assert_eq!(figures(&march), (json!([30, 30, 0, 0]), json!(["950.00", "0.00", "950.00", "199.50", "1149.50"])));
    // April: 950 + 400 = 1 350.00; VAT 283.50; 1 633.50.
    let april = d.statement("Acme", "2026-04");
    assert_eq!(april["adjustments"], json!([plus40]));
    assert_eq!(figures(&april).1, json!(["950.00", "0.00", "1350.00", "283.50", "1633.50"]));

    // Removing the first 20 minutes: 40 → 45, 15 over = 200.00 instead of 400.00: −200.00.
    d.at("2026-04-10T09:05:00+02:00");
    d.ok_saying(
        &["time", "remove", "1", &entries[0], "--correction"],
        "booked as a correction in 2026-04: -200,00 Kč on its statement\n",
    );
    // April: 950 + 400 − 200 = 1 150.00; VAT 241.50; 1 391.50.
    let april = d.statement("Acme", "2026-04");
    assert_eq!(april["adjustments"][1]["amount"], "-200.00");
    assert_eq!(figures(&april).1, json!(["950.00", "0.00", "1150.00", "241.50", "1391.50"]));
    let table = d.ok(&["report", "customer", "Acme", "--month", "2026-03"]);
    assert!(table.starts_with("Statement 2026-03 — Acme (STANDARD)  (closed: frozen)\n"), "{table}");
    assert!(
        table.ends_with(
            "total incl. VAT  1 149,50 Kč\n\
             later correction booked in 2026-04: correction of 2026-03: ticket 1 +40m  400,00 Kč\n\
             later correction booked in 2026-04: correction of 2026-03: ticket 1 -20m  -200,00 Kč\n"
        ),
        "{table}"
    );
    let april_table = d.ok(&["report", "customer", "Acme", "--month", "2026-04"]);
    assert!(april_table.contains("\nadjustment  correction of 2026-03: ticket 1 -20m  -200,00 Kč\n"), "{april_table}");
    assert!(april_table.contains("\ntotal excl. VAT  1 150,00 Kč\n"), "{april_table}");

    // Reopening cancels both adjustments; March bills its remaining 40 minutes itself: 45 rounded, 15
    // over = 200.00, 1 150.00; April is the fee alone again.
    d.ok_saying(
        &["month", "reopen", "2026-03"],
        "reopened 2026-03; 2 corrections billed in later months were cancelled (the month bills that work again)\n",
    );
    assert_eq!(d.ok(&["month", "list"]), "no closed months\n");
    let march = d.statement("Acme", "2026-03");
    assert_eq!((march["closed"].clone(), march["later_corrections"].clone()), (json!(false), json!([])));
    assert_eq!(march["lines"][0]["raw_minutes"], 40);
    assert_eq!(figures(&march), (json!([45, 30, 0, 15]), json!(["950.00", "200.00", "1150.00", "241.50", "1391.50"])));
    let april = d.statement("Acme", "2026-04");
    assert_eq!((april["adjustments"].clone(), april["total_excl_vat"].clone()), (json!([]), json!("950.00")));
    // Open again: changes are direct.
    d.work("1", "5", "2026-03-07T10:00:00+01:00", &[]);
    d.fails(2, &["month", "reopen", "2026-03"], "2026-03 is not closed");
}

#[test]
fn closing_and_reopening_have_their_limits() {
    let mut d = closed_march();
    d.fails(2, &["month", "close", "2026-04"], "2026-04 has not ended yet; only past months can be closed");
    d.fails(2, &["month", "close", "2026-07"], "2026-07 has not ended yet; only past months can be closed");
    d.fails(2, &["month", "close", "2026-03"], "2026-03 is already closed");
    // Also after a customer of its frozen statements was renamed (it said "customer Acme vanished").
    d.ok(&["customer", "rename", "Acme", "Acme Brno"]);
    d.fails(2, &["month", "close", "2026-03"], "2026-03 is already closed");
    d.ok(&["customer", "rename", "Acme Brno", "Acme"]);
    d.fails(2, &["month", "close", "2026-3"], "`2026-3` is not a month: write it as YYYY-MM, e.g. 2026-03");
    d.fails(
        2,
        &["customer", "tier", "Acme", "--tier", "plus", "--from", "2026-03"],
        "2026-03 is closed: a tier change from 2026-03 would alter its frozen statements; choose a month after the \
         last closed one, or reopen 2026-03",
    );
    d.fails(
        2,
        &["customer", "tier", "Acme", "--tier", "plus", "--from", "2026-01"],
        "2026-03 is closed: a tier change from 2026-01 would alter its frozen statements; choose a month after the \
         last closed one, or reopen 2026-03",
    );
    assert_eq!(d.statement("Acme", "2026-02")["tier"], "standard");
    let add = ["time", "add", "1", "--minutes", "40", "--at", "2026-03-06T10:00:00+01:00", "--correction"];
    d.ok_saying(&add, "booked as a correction in 2026-04: 400,00 Kč on its statement\n");

    // In May April is closed with the correction on it (950 + 400 = 1 350.00): March stays closed.
    d.at("2026-05-04T09:00:00+02:00");
    d.ok_saying(&["month", "close", "2026-04"], "closed 2026-04: 1 statement frozen\n");
    assert_eq!(d.statement("Acme", "2026-04")["total_excl_vat"], "1350.00");
    d.fails(
        2,
        &["month", "reopen", "2026-03"],
        "2026-03 cannot be reopened: a correction of it was billed in 2026-04, which is closed too; reopen 2026-04 first",
    );
    assert_eq!(d.ok(&["month", "list"]), "2026-04\tclosed\n2026-03\tclosed\n");
    d.ok_saying(
        &["month", "reopen", "2026-04"],
        "reopened 2026-04; 0 corrections billed in later months were cancelled (the month bills that work again)\n",
    );
    d.ok_saying(
        &["month", "reopen", "2026-03"],
        "reopened 2026-03; 1 correction billed in a later month was cancelled (the month bills that work again)\n",
    );
    // March bills its 60 minutes: 30 over = 400.00, 1 350.00; April the fee alone.
    assert_eq!(d.statement("Acme", "2026-03")["total_excl_vat"], "1350.00");
    assert_eq!(d.statement("Acme", "2026-04")["total_excl_vat"], "950.00");
    // Back-dated over two open months: said (bb8 #9's sibling).
    d.ok_saying(
        &["customer", "tier", "Acme", "--tier", "plus", "--from", "2026-03"],
        "helpdesk: `Acme` is PLUS from 2026-03 back: the statements of 2026-03 to 2026-04, not closed yet, are billed \
         with it now (their monthly fees and prepaid minutes change)\n",
    );
    assert_eq!(d.statement("Acme", "2026-03")["tier"], "plus");
}

#[test]
fn a_timer_started_in_a_month_must_stop_before_the_month_closes() {
    let mut d = Desk::new("2026-03-31T15:00:00+02:00");
    d.customer("Acme", "standard", "2026-01");
    d.ticket("Acme", "Job", "request", "2026-03-31T14:00:00+02:00");
    d.ok_saying(&["timer", "start", "1"], "timer started on ticket 1 for alice\n");
    // Left running overnight: stopped on 1 April it would become March work, which a closed March
    // refuses, so March stays open until it is stopped.
    d.at("2026-04-01T09:00:00+02:00");
    d.fails(
        2,
        &["month", "close", "2026-03"],
        "2026-03 cannot be closed while alice's timer on ticket 1, started in it, is running; stop it first \
         (`helpdesk timer stop`)",
    );
    assert_eq!(d.ok(&["month", "list"]), "no closed months\n");
    // 18 h is longer than forgotten_timer_hours (10): nothing is booked without saying what was worked.
    d.fails(
        2,
        &["timer", "stop"],
        "alice's timer on ticket 1 has run 18h (since Tue 31 Mar 15:00), longer than forgotten_timer_hours (10 h); \
         nothing was booked and it keeps running. Book what was really worked: `helpdesk timer stop --worked 1h30` \
         (45, 1h30 or 1:30)",
    );
    assert_eq!(d.ok(&["timer", "stop", "--worked", "18h"]), "stopped the timer on ticket 1: logged 18h\n");
    d.ok_saying(&["month", "close", "2026-03"], "closed 2026-03: 1 statement frozen\n");
    // 18 h = 1 080 min, 30 prepaid, 1 050 over = 14 000.00; 14 950.00; VAT 3 139.50.
    let march = d.statement("Acme", "2026-03");
    assert_eq!(figures(&march).1, json!(["950.00", "14000.00", "14950.00", "3139.50", "18089.50"]));
    // A timer started after the month is no obstacle.
    d.ok_saying(&["timer", "start", "1"], "timer started on ticket 1 for alice\n");
    d.at("2026-05-04T09:00:00+02:00");
    d.ok_saying(&["month", "close", "2026-02"], "closed 2026-02: 1 statement frozen\n");
}

/// Customers whose names and titles a spreadsheet would run, or that need quoting.
fn hostile() -> Desk {
    let d = Desk::new("2026-03-02T09:00:00+01:00");
    d.customer(FORMULA, "none", "2026-01");
    d.customer(ACME, "standard", "2026-01");
    d.ticket(FORMULA, "+SUM(A1)", "request", "2026-03-02T09:00:00+01:00");
    d.ticket(FORMULA, "@import", "request", "2026-03-02T09:10:00+01:00");
    d.ticket(ACME, "-1 printers, \"all\"", "request", "2026-03-02T09:20:00+01:00");
    d.ticket(ACME, "Plain = title", "incident", "2026-03-02T09:30:00+01:00");
    d.work("1", "10", "2026-03-03T10:00:00+01:00", &[]);
    d.work("2", "20", "2026-03-03T11:00:00+01:00", &[]);
    d.work("3", "40", "2026-03-03T12:00:00+01:00", &[]);
    d.work("4", "5", "2026-03-03T13:00:00+01:00", &[]);
    d
}

const FORMULA: &str = "=HYPERLINK(\"http://evil.test\",\"x\")";
const ACME: &str = "Acme = fine, \"really\"";

#[test]
fn csv_exports_quote_per_rfc_4180_and_neutralise_formulas() {
    let mut d = hostile();
    d.at("2026-04-10T09:00:00+02:00");
    // Acme: 40 → 45, 30 prepaid, 15 over = 200.00; 1 150.00; VAT 241.50. The formula customer (no
    // contract): 10 → 15 = 250.00, 20 → 30 = 500.00; 750.00; VAT 157.50.
    assert_eq!(
        d.ok(&["report", "month", "2026-03", "--format", "csv"]),
        "customer,month,tier,fee,prepaid_minutes,billable_minutes,prepaid_used_minutes,prepaid_left_minutes,\
         overage_minutes,overage_amount,adjustments_amount,total_excl_vat,vat,total_incl_vat,upgrade_suggested\r\n\
         \"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",2026-03,none,0.00,0,45,0,0,45,750.00,0.00,750.00,157.50,907.50,false\r\n\
         \"Acme = fine, \"\"really\"\"\",2026-03,standard,950.00,30,45,30,0,15,200.00,0.00,1150.00,241.50,1391.50,false\r\n"
    );
    assert_eq!(
        d.ok(&["report", "customer", &FORMULA.to_lowercase(), "--month", "2026-03", "--format", "csv"]),
        "customer,month,ticket,title,kind,role,rate,raw_minutes,free_minutes,rounded_minutes,prepaid_minutes,\
         overage_minutes,amount,marks\r\n\
         \"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",2026-03,1,'+SUM(A1),request,technician,1000.00,10,0,15,0,15,250.00,\r\n\
         \"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",2026-03,2,'@import,request,technician,1000.00,20,0,30,0,30,500.00,\r\n"
    );
    assert_eq!(
        d.ok(&["report", "customer", "Acme = fine, \"really\"", "--month", "2026-03", "--format", "csv"]),
        "customer,month,ticket,title,kind,role,rate,raw_minutes,free_minutes,rounded_minutes,prepaid_minutes,\
         overage_minutes,amount,marks\r\n\
         \"Acme = fine, \"\"really\"\"\",2026-03,3,\"'-1 printers, \"\"all\"\"\",request,,800.00,40,0,45,30,15,200.00,\r\n\
         \"Acme = fine, \"\"really\"\"\",2026-03,4,Plain = title,incident,,800.00,5,5,0,0,0,0.00,incident (free)\r\n"
    );
    // JSON carries the text as it is (it is not a spreadsheet).
    let month = d.json(&["report", "month", "2026-03", "--format", "json"]);
    assert_eq!(
        (month[0]["customer"].as_str(), month[1]["customer"].as_str()),
        (Some(FORMULA), Some("Acme = fine, \"really\""))
    );
}

#[test]
fn csv_adjustment_rows_carry_the_corrected_month() {
    let mut d = closed_march();
    let add = ["time", "add", "1", "--minutes", "40", "--at", "2026-03-06T10:00:00+01:00", "--correction"];
    d.ok_saying(&add, "booked as a correction in 2026-04: 400,00 Kč on its statement\n");
    d.at("2026-04-10T09:05:00+02:00");
    d.work("1", "10", "2026-04-02T10:00:00+02:00", &[]);
    assert_eq!(
        d.ok(&["report", "customer", "Acme", "--month", "2026-04", "--format", "csv"]),
        "customer,month,ticket,title,kind,role,rate,raw_minutes,free_minutes,rounded_minutes,prepaid_minutes,\
         overage_minutes,amount,marks\r\n\
         Acme,2026-04,1,Job,request,,800.00,10,0,15,15,0,0.00,\r\n\
         Acme,2026-04,,correction of 2026-03: ticket 1 +40m,adjustment,,,40,,,,,400.00,correction of 2026-03\r\n"
    );
}

#[test]
fn json_exports_keep_every_field_and_money_as_two_decimal_strings() {
    let mut d = novak();
    d.at("2026-05-04T09:00:00+02:00");
    let s = d.statement("Novák s.r.o.", "2026-04");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut expected = vec![
        "customer",
        "month",
        "tier",
        "fee",
        "prepaid_minutes",
        "billable_minutes",
        "prepaid_used_minutes",
        "prepaid_left_minutes",
        "overage_minutes",
        "overage_amount",
        "total_excl_vat",
        "vat_rate",
        "vat",
        "total_incl_vat",
        "upgrade_suggested",
        "upgrade_to",
        "closed",
        "lines",
        "adjustments",
        "later_corrections",
    ];
    expected.sort_unstable();
    assert_eq!(keys(&s), expected);
    let mut line_keys = vec![
        "ticket",
        "title",
        "kind",
        "role",
        "rate",
        "raw_minutes",
        "free_minutes",
        "rounded_minutes",
        "prepaid_minutes",
        "overage_minutes",
        "amount",
        "marks",
    ];
    line_keys.sort_unstable();
    assert_eq!(keys(&s["lines"][0]), line_keys);
    assert_eq!(
        s["lines"][1],
        json!({
            "ticket": "2", "title": "Printer jams", "kind": "request", "role": null, "rate": "800.00",
            "raw_minutes": 45, "free_minutes": 0, "rounded_minutes": 45, "prepaid_minutes": 30,
            "overage_minutes": 15, "amount": "200.00", "marks": [],
        })
    );
    assert_eq!(
        (s["month"].clone(), s["tier"].clone(), s["vat_rate"].clone(), s["upgrade_to"].clone(), s["closed"].clone()),
        (json!("2026-04"), json!("plus"), json!("0.21"), Value::Null, json!(false))
    );
    let two_places = |v: &Value| {
        let t = v.as_str().unwrap_or_else(|| panic!("{v} is not a string"));
        let (int, frac) = t.trim_start_matches('-').split_once('.').unwrap();
        assert!(!int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.len() == 2, "{t}");
    };
    for k in ["fee", "overage_amount", "total_excl_vat", "vat", "total_incl_vat"] {
        two_places(&s[k]);
    }
    for l in s["lines"].as_array().unwrap() {
        two_places(&l["rate"]);
        two_places(&l["amount"]);
    }
    assert_eq!(figures(&s).1, json!(["2500.00", "200.00", "2700.00", "567.00", "3267.00"]));
}

#[test]
fn output_writes_the_whole_file_and_nothing_on_stdout() {
    let mut d = hostile();
    d.at("2026-04-10T09:00:00+02:00");
    let dir = d.dir.path().to_path_buf();
    for (format, file) in [("csv", "march.csv"), ("json", "march.json"), ("table", "march.txt")] {
        let printed = d.ok(&["report", "month", "2026-03", "--format", format]);
        let path = dir.join(file);
        let shown = path.display().to_string();
        let out = d.ok_saying(
            &["report", "month", "2026-03", "--format", format, "--output", &shown],
            &format!("wrote {shown}\n"),
        );
        assert_eq!(out, "");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), printed, "{format}");
    }
    let statement = dir.join("acme.csv");
    let shown = statement.display().to_string();
    let args = ["report", "customer", "acme = fine, \"really\"", "--month", "2026-03", "--format", "csv"];
    let printed = d.ok(&args);
    let mut with_output = args.to_vec();
    with_output.extend(["--output", &shown]);
    assert_eq!(d.ok_saying(&with_output, &format!("wrote {shown}\n")), "");
    assert_eq!(std::fs::read_to_string(&statement).unwrap(), printed);
    // Writing again replaces the file whole.
    d.ok_saying(&["report", "month", "2026-02", "--format", "csv", "--output", &shown], &format!("wrote {shown}\n"));
    assert!(std::fs::read_to_string(&statement).unwrap().contains(",2026-02,"));
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_failing_output_exits_non_zero_and_leaves_no_file() {
    let mut d = hostile();
    d.at("2026-04-10T09:00:00+02:00");
    let dir = d.dir.path().to_path_buf();
    let before = listing(&dir);
    let missing = dir.join("no-such-dir").join("march.csv");
    let shown = missing.display().to_string();
    d.fails(
        1,
        &["report", "month", "2026-03", "--format", "csv", "--output", &shown],
        &format!(
            "cannot write {shown}: the directory {} does not exist (create it first, or check the path)",
            dir.join("no-such-dir").display()
        ),
    );
    assert!(!missing.exists());
    assert_eq!(listing(&dir), before);
    // A directory in the way: the export fails, the temporary file is gone, the directory stays.
    let blocked = dir.join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("keep"), "x").unwrap();
    let out = d.run(&["report", "customer", ACME, "--month", "2026-03", "--output", &blocked.display().to_string()]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ""), "{out:?}");
    assert!(out.stderr.starts_with(&format!("helpdesk: cannot write {}: ", blocked.display())), "{out:?}");
    assert_eq!(listing(&blocked), ["keep"]);
    let mut expected = before.clone();
    expected.push("blocked".into());
    expected.sort();
    assert_eq!(listing(&dir), expected);
}

#[test]
fn obligations_show_reports_and_consultations_used_left_due_and_overdue() {
    let mut d = Desk::new("2026-01-02T09:00:00+01:00");
    d.customer("Vipco", "vip", "2026-01");
    d.customer("Plusco", "plus", "2026-01");
    d.customer("Stdco", "standard", "2026-01");
    d.customer("Newco", "vip", "2026-05");
    d.ticket("Vipco", "Talk", "consultation", "2026-02-01T09:00:00+01:00");
    d.ticket("Vipco", "Talk again", "consultation", "2026-02-02T09:00:00+01:00");
    d.ticket("Plusco", "Talk", "consultation", "2026-02-01T09:00:00+01:00");
    d.ticket("Plusco", "Second talk", "consultation", "2026-02-02T09:00:00+01:00");
    // In February: VIP's first quarterly report is due by 31 March; PLUS's by the end of the year.
    // STANDARD has neither, Newco no contract yet: not listed.
    d.at("2026-02-10T09:00:00+01:00");
    assert_eq!(
        d.ok(&["report", "obligations"]),
        "\
CUSTOMER  TIER  REPORTS   OVERDUE  DUE BY      FREE CONSULTATIONS
Plusco    PLUS  0/1 done  0        2026-12-31  1/1 used
Vipco     VIP   0/4 done  0        2026-03-31  2/4 used
"
    );
    // In May: a quarter went by without a VIP report; Newco's contract began in May, so its first
    // report is due by 30 June and nothing is overdue.
    d.at("2026-05-04T09:00:00+02:00");
    assert_eq!(
        d.ok(&["report", "obligations"]),
        "\
CUSTOMER  TIER  REPORTS   OVERDUE  DUE BY      FREE CONSULTATIONS
Newco     VIP   0/4 done  0        2026-06-30  0/4 used
Plusco    PLUS  0/1 done  0        2026-12-31  1/1 used
Vipco     VIP   0/4 done  1        2026-06-30  2/4 used
"
    );
    for bad in ["2026-02-30", "30.2.2026", "2026-13-01", "tomorrow", ""] {
        d.fails(
            2,
            &["customer", "report-done", "Vipco", "--date", bad],
            &format!("--date: `{bad}` is not a date (write it as 2026-03-20 or 20.3.2026)"),
        );
    }
    d.ok(&["customer", "report-done", "Vipco", "--date", "2026-03-31", "--note", "Q1"]);
    d.ok(&["customer", "report-done", "Plusco", "--date", "2026-04-20"]);
    assert_eq!(
        d.ok(&["report", "obligations"]),
        "\
CUSTOMER  TIER  REPORTS   OVERDUE  DUE BY      FREE CONSULTATIONS
Newco     VIP   0/4 done  0        2026-06-30  0/4 used
Plusco    PLUS  1/1 done  0        -           1/1 used
Vipco     VIP   1/4 done  0        2026-06-30  2/4 used
"
    );
    // 2025: none of them had a contract.
    assert_eq!(
        d.ok(&["report", "obligations", "--year", "2025"]),
        "CUSTOMER  TIER  REPORTS  OVERDUE  DUE BY  FREE CONSULTATIONS\n"
    );
    // 2027, not begun: nothing overdue, each first report due by the end of its first period.
    assert_eq!(
        d.ok(&["report", "obligations", "--year", "2027"]),
        "\
CUSTOMER  TIER  REPORTS   OVERDUE  DUE BY      FREE CONSULTATIONS
Newco     VIP   0/4 done  0        2027-03-31  0/4 used
Plusco    PLUS  0/1 done  0        2027-12-31  0/1 used
Vipco     VIP   0/4 done  0        2027-03-31  0/4 used
"
    );
    // Seen from 2027, 2026 has ended whole: every report not done is overdue, none is due any more
    // (Newco owed three quarters, from May).
    d.at("2027-01-15T09:00:00+01:00");
    assert_eq!(
        d.ok(&["report", "obligations", "--year", "2026"]),
        "\
CUSTOMER  TIER  REPORTS   OVERDUE  DUE BY  FREE CONSULTATIONS
Newco     VIP   0/4 done  3        -       0/4 used
Plusco    PLUS  1/1 done  0        -       1/1 used
Vipco     VIP   1/4 done  3        -       2/4 used
"
    );
}

#[test]
fn upgrades_list_three_months_of_overage_with_the_tier_to_move_to() {
    let mut d = Desk::new("2026-01-02T09:00:00+01:00");
    // Per month: STANDARD 45 → 15 over; PLUS 75 → 15 over; VIP 315 → 15 over.
    for (name, tier) in [("Std", "standard"), ("Plus", "plus"), ("Vip", "vip"), ("Gap", "standard")] {
        d.customer(name, tier, "2026-01");
        let number = d.ticket(name, "Job", "request", "2026-01-05T09:00:00+01:00");
        let minutes = match tier {
            "standard" => "45",
            "plus" => "75",
            _ => "315",
        };
        for month in ["01", "02", "03"] {
            // Gap's February stays within its prepaid minutes.
            let minutes = if name == "Gap" && month == "02" { "10" } else { minutes };
            d.work(&number, minutes, &format!("2026-{month}-12T10:00:00+01:00"), &[]);
        }
    }
    d.at("2026-04-10T09:00:00+02:00");
    assert_eq!(
        d.ok(&["report", "upgrades", "--month", "2026-03"]),
        "\
CUSTOMER  TIER      SUGGESTED  OVERAGE MONTHS
Plus      PLUS      VIP        2026-01 … 2026-03
Std       STANDARD  PLUS       2026-01 … 2026-03
"
    );
    assert_eq!(d.ok(&["report", "upgrades", "--month", "2026-02"]), "no upgrade suggestions for 2026-02\n");
    // The current month (April) has no work yet: by default March, the last complete month, still
    // counts (bb8 #5), naming its months; a customer already moved up is not suggested again.
    d.ok(&["customer", "tier", "Plus", "--tier", "vip", "--from", "2026-04"]);
    assert_eq!(
        d.ok(&["report", "upgrades"]),
        "\
CUSTOMER  TIER      SUGGESTED  OVERAGE MONTHS
Std       STANDARD  PLUS       2026-01 … 2026-03
"
    );
    let rows = d.json(&["report", "upgrades", "--format", "json"]);
    assert_eq!(rows[0]["overage_months"], json!(["2026-01", "2026-02", "2026-03"]));
    // `--month` keeps the rule for the month named: April's own window has no overage.
    assert_eq!(d.ok(&["report", "upgrades", "--month", "2026-04"]), "no upgrade suggestions for 2026-04\n");
    d.at("2026-05-10T09:00:00+02:00");
    assert_eq!(
        d.ok(&["report", "upgrades"]),
        "no upgrade suggestions for 2026-04 (the last complete month) or 2026-05\n"
    );
    d.at("2026-04-10T09:00:00+02:00");
    let month = d.json(&["report", "month", "2026-03", "--format", "json"]);
    let flags: Vec<_> =
        month.as_array().unwrap().iter().map(|s| (s["customer"].clone(), s["upgrade_to"].clone())).collect();
    assert_eq!(
        flags,
        [
            (json!("Gap"), Value::Null),
            (json!("Plus"), json!("vip")),
            (json!("Std"), json!("plus")),
            (json!("Vip"), Value::Null)
        ]
    );
    let table = d.ok(&["report", "customer", "Std", "--month", "2026-03"]);
    assert!(table.ends_with("\nupgrade suggested: overage three months running; PLUS would fit\n"), "{table}");
}

#[test]
fn change_requests_say_what_the_tier_includes() {
    let d = Desk::new("2026-03-02T09:00:00+01:00");
    for (name, tier) in [("Std", "standard"), ("Plus", "plus"), ("Vip", "vip")] {
        d.customer(name, tier, "2026-01");
    }
    let open = |customer: &str, kind: &str| {
        let out = d.run(&["ticket", "open", "--customer", customer, "--title", "New report", "--kind", kind]);
        assert_eq!(out.code, 0, "{out:?}");
        (out.stdout, out.stderr)
    };
    assert_eq!(
        open("Std", "change"),
        (
            "1\n".into(),
            "note: product modifications are not included in STANDARD: this change is billed as paid work\n".into()
        )
    );
    assert_eq!(
        open("Plus", "change"),
        ("2\n".into(), "note: product modifications are partly included in PLUS\n".into())
    );
    assert_eq!(open("Vip", "change"), ("3\n".into(), "note: product modifications are included in VIP\n".into()));
    assert_eq!(open("Std", "request"), ("4\n".into(), String::new()));
    let show = d.ok(&["ticket", "show", "2"]);
    assert!(show.contains("\nchange     product modifications are partly included in PLUS\n"), "{show}");
    assert!(!d.ok(&["ticket", "show", "4"]).contains("product modifications"));
}

/// An instant whose month no statement can show is refused wherever a person types one (found by
/// trying to break the month figures: `time add --at 9999-12-31T23:59:59Z` exited 0 and its work was
/// stored in month `10000-01`, billed nowhere): exit 2, the message names the value and the years,
/// and nothing is written.
#[test]
fn instants_outside_the_years_helpdesk_bills_are_refused_and_nothing_is_written() {
    let d = novak();
    let before = d.entries("2");
    let out_of_range = |flag: &str, typed: &str| {
        format!(
            "{flag}: `{typed}` is outside the time helpdesk bills (2 January 1583 to 30 December 9999: months of 1583–9999 in every zone)"
        )
    };
    for at in ["9999-12-31T23:59:59Z", "9999-12-31T01:00:00+01:00", "1583-01-01T12:00:00Z", "0001-01-01T00:00:00Z"] {
        d.fails(2, &["time", "add", "2", "--minutes", "15", "--at", at], &out_of_range("--at", at));
        let open = ["ticket", "open", "--customer", "Novák s.r.o.", "--title", "Far", "--at", at];
        d.fails(2, &open, &out_of_range("--at", at));
        d.fails(2, &["ticket", "respond", "2", "--resolve-by", at], &out_of_range("--resolve-by", at));
    }
    let last_day = ["ticket", "respond", "2", "--resolve-by", "9999-12-31"];
    d.fails(2, &last_day, &out_of_range("--resolve-by", "9999-12-31"));
    assert_eq!(d.entries("2"), before, "no entry written");
    assert_eq!(
        d.ticket("Novák s.r.o.", "Near", "request", "9999-12-30T12:00:00Z"),
        "4",
        "the last billable day is taken"
    );
    d.ok(&["check"]);
}

/// STANDARD Acme (since December 2025) with January worked for `january` minutes and closed on
/// 10 February; `correct` then changes January's work by a correction (booked in February).
fn closed_january(january: &str, correct: impl FnOnce(&Desk)) -> Desk {
    let mut d = Desk::new("2026-01-05T09:00:00+01:00");
    d.customer("Acme", "standard", "2025-12");
    d.ticket("Acme", "Job", "request", "2026-01-05T09:00:00+01:00");
    d.work("1", january, "2026-01-06T10:00:00+01:00", &[]);
    d.at("2026-02-10T09:00:00+01:00");
    d.ok_saying(&["month", "close", "2026-01"], "closed 2026-01: 1 statement frozen\n");
    correct(&d);
    // February and March go over the 30 prepaid minutes (45 rounded: 15 over each).
    d.work("1", "31", "2026-02-11T10:00:00+01:00", &[]);
    d.work("1", "45", "2026-03-05T10:00:00+01:00", &[]);
    d.at("2026-04-02T09:00:00+02:00");
    d
}

/// March's upgrade suggestion as the customer's statement and the month report say it (they must agree).
fn march_upgrade(d: &Desk) -> (Value, Value) {
    let alone = d.statement("Acme", "2026-03");
    let report = d.json(&["report", "month", "2026-03", "--format", "json"]);
    let in_report = report.as_array().unwrap().iter().find(|s| s["customer"] == "Acme").unwrap().clone();
    assert_eq!(
        (&alone["upgrade_suggested"], &alone["upgrade_to"]),
        (&in_report["upgrade_suggested"], &in_report["upgrade_to"]),
        "the statement and the report agree"
    );
    (alone["upgrade_suggested"].clone(), alone["upgrade_to"].clone())
}

#[test]
fn a_closed_month_counts_for_an_upgrade_as_its_frozen_statement_shows_it() {
    // January was frozen within the prepaid minutes; a correction added a minute afterwards (billed
    // in February). January's statement shows no overage, so three months of it are not there.
    let d = closed_january("30", |d| {
        let add = ["time", "add", "1", "--minutes", "1", "--at", "2026-01-07T10:00:00+01:00", "--correction"];
        d.ok_saying(&add, "booked as a correction in 2026-02: 200,00 Kč on its statement\n");
    });
    assert_eq!(d.statement("Acme", "2026-01")["overage_minutes"], 0, "the frozen January");
    assert_eq!(march_upgrade(&d), (json!(false), Value::Null));
    // Reopened, January is billed live again with the minute: 31 → 45 rounded, over.
    d.ok_saying(
        &["month", "reopen", "2026-01"],
        "reopened 2026-01; 1 correction billed in a later month was cancelled (the month bills that work again)\n",
    );
    assert_eq!(march_upgrade(&d), (json!(true), json!("plus")));

    // The other way: January was frozen over the prepaid minutes and its work removed by a correction
    // afterwards (a credit in February). Its statement still shows the overage.
    let d = closed_january("45", |d| {
        let entry = d.entries("1").remove(0);
        let remove = ["time", "remove", "1", &entry, "--correction"];
        d.ok_saying(&remove, "booked as a correction in 2026-02: -200,00 Kč on its statement\n");
    });
    assert_eq!(d.statement("Acme", "2026-01")["overage_minutes"], 15, "the frozen January");
    assert_eq!(march_upgrade(&d), (json!(true), json!("plus")));
}

/// The note a change prints when it alters what closed months cost (booked in `month`).
fn repriced(month: &str, amount: &str) -> String {
    format!(
        "helpdesk: this change alters what closed months cost; the difference is booked as a correction in \
         {month}: {amount}\n"
    )
}

/// A statement's total excl. VAT and its adjustments' amounts (sorted as text).
fn total_and_adjustments(s: &Value) -> (Value, Vec<Value>) {
    let mut amounts: Vec<String> =
        s["adjustments"].as_array().unwrap().iter().map(|a| a["amount"].as_str().unwrap().to_string()).collect();
    amounts.sort();
    (s["total_excl_vat"].clone(), amounts.into_iter().map(Value::from).collect())
}

#[test]
fn a_correction_on_a_free_consultation_without_a_line_in_the_closed_month_is_free() {
    // PLUS, January over its 60 prepaid minutes; the year's free consultation (opened 2 January) has no
    // work in January until a correction adds 5 minutes: free, as January reopened bills them.
    let mut d = Desk::new("2026-01-02T09:00:00+01:00");
    d.customer("P", "plus", "2026-01");
    d.ticket("P", "Request", "request", "2026-01-05T10:00:00+01:00");
    d.work("1", "170", "2026-01-06T10:00:00+01:00", &[]);
    d.ticket("P", "Workshop", "consultation", "2026-01-02T10:00:00+01:00");
    d.at("2026-02-10T09:00:00+01:00");
    d.ok_saying(&["month", "close", "2026-01"], "closed 2026-01: 1 statement frozen\n");
    let frozen = d.statement("P", "2026-01")["total_excl_vat"].clone();
    let add = ["time", "add", "2", "--minutes", "5", "--at", "2026-01-16T10:00:00+01:00", "--correction"];
    d.ok_saying(&add, "booked as a correction in 2026-02: 0,00 Kč on its statement\n");
    d.ok_saying(
        &["month", "reopen", "2026-01"],
        "reopened 2026-01; 1 correction billed in a later month was cancelled (the month bills that work again)\n",
    );
    let january = d.statement("P", "2026-01");
    assert_eq!(january["total_excl_vat"], frozen, "the month bills the 5 minutes free");
    let line = january["lines"].as_array().unwrap().iter().find(|l| l["ticket"] == "2").unwrap().clone();
    assert_eq!((line["raw_minutes"].clone(), line["free_minutes"].clone()), (json!(5), json!(5)));
}

#[test]
fn a_correction_reprices_the_free_minutes_it_changes_in_a_later_closed_month() {
    // PLUS U: the free consultation worked 100 min in February, 50 in March (20 of them free) beside a
    // 60-minute request. O: 90 in February, 100 in March (30 free). Both months closed in April.
    let mut d = Desk::new("2026-02-01T09:00:00+01:00");
    d.customer("U", "plus", "2026-01");
    d.customer("O", "plus", "2026-01");
    d.ticket("U", "Workshop", "consultation", "2026-02-02T10:00:00+01:00");
    d.work("1", "100", "2026-02-03T11:00:00+01:00", &[]);
    d.ticket("U", "Request", "request", "2026-03-02T10:00:00+01:00");
    d.work("2", "60", "2026-03-02T11:00:00+01:00", &[]);
    d.work("1", "50", "2026-03-03T11:00:00+01:00", &[]);
    d.ticket("O", "Workshop", "consultation", "2026-02-02T10:00:00+01:00");
    d.work("3", "90", "2026-02-03T11:00:00+01:00", &[]);
    d.work("3", "100", "2026-03-03T11:00:00+01:00", &[]);
    d.at("2026-04-10T09:00:00+02:00");
    d.ok_saying(&["month", "close", "2026-02"], "closed 2026-02: 2 statements frozen\n");
    d.ok_saying(&["month", "close", "2026-03"], "closed 2026-03: 2 statements frozen\n");
    let frozen = |c: &str| -> Vec<Value> {
        ["2026-02", "2026-03"].iter().map(|m| d.statement(c, m)["total_excl_vat"].clone()).collect()
    };
    let (u_frozen, o_frozen) = (frozen("U"), frozen("O"));
    // U: 30 more minutes in February use up the free minutes March had (February's own line is within
    // its prepaid minutes: 0,00), so March's 20 free minutes are billed: 400,00 more.
    let add = ["time", "add", "1", "--minutes", "30", "--at", "2026-02-04T10:00:00+01:00", "--correction"];
    d.ok_saying(
        &add,
        &format!("booked as a correction in 2026-04: 0,00 Kč on its statement\n{}", repriced("2026-04", "400,00 Kč")),
    );
    // O: February's 90 minutes removed leave March's 100 all free: 200,00 back.
    let feb = d.entries("3").remove(0);
    d.ok_saying(
        &["time", "remove", "3", &feb, "--correction"],
        &format!("booked as a correction in 2026-04: 0,00 Kč on its statement\n{}", repriced("2026-04", "-200,00 Kč")),
    );
    assert_eq!(
        total_and_adjustments(&d.statement("U", "2026-04")),
        (json!("2900.00"), vec![json!("0.00"), json!("400.00")])
    );
    assert_eq!(
        total_and_adjustments(&d.statement("O", "2026-04")),
        (json!("2300.00"), vec![json!("-200.00"), json!("0.00")])
    );
    // What the corrections add up to is what the two months bill reopened, with the same work.
    for m in ["2026-03", "2026-02"] {
        assert_eq!(d.run(&["month", "reopen", m]).code, 0, "{m} reopens");
    }
    let money = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    for (c, frozen, corrected) in [("U", u_frozen, 400.0), ("O", o_frozen, -200.0)] {
        let now: f64 = ["2026-02", "2026-03"].iter().map(|m| money(&d.statement(c, m)["total_excl_vat"])).sum();
        assert_eq!(now, frozen.iter().map(money).sum::<f64>() + corrected, "{c}");
    }
}

#[test]
fn a_change_of_which_consultation_is_free_reprices_the_closed_month_at_once() {
    // PLUS has one free consultation a year. K's February one is free and its March one billed; B's
    // February one is free.
    let mut d = Desk::new("2026-02-01T09:00:00+01:00");
    d.customer("K", "plus", "2026-01");
    d.customer("B", "plus", "2026-01");
    d.ticket("K", "First", "consultation", "2026-02-02T10:00:00+01:00");
    d.work("1", "100", "2026-02-03T10:00:00+01:00", &[]);
    d.ticket("K", "Second", "consultation", "2026-03-02T10:00:00+01:00");
    d.work("2", "100", "2026-03-03T10:00:00+01:00", &[]);
    d.ticket("B", "First", "consultation", "2026-02-02T10:00:00+01:00");
    d.work("3", "100", "2026-02-03T10:00:00+01:00", &[]);
    d.at("2026-03-20T09:00:00+01:00");
    d.ok_saying(&["month", "close", "2026-02"], "closed 2026-02: 2 statements frozen\n");
    assert_eq!(d.statement("K", "2026-03")["total_excl_vat"], "3100.00", "March's consultation is billed");
    // K's February consultation becomes a request: March's is the free one now, and February bills
    // 100 minutes (105 rounded, 45 over the prepaid 60: 600,00), booked in March.
    d.ok_saying(&["ticket", "set", "1", "--kind", "request"], &repriced("2026-03", "600,00 Kč"));
    assert_eq!(total_and_adjustments(&d.statement("K", "2026-03")), (json!("3100.00"), vec![json!("600.00")]));
    // B: a consultation received in January is entered late; it is the year's free one, February's is not.
    let args = ["ticket", "open", "--customer", "B", "--title=Earlier", "--kind", "consultation", "--at"];
    let out = d.run(&[&args[..], &["2026-01-05T10:00:00+01:00"]].concat());
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "4\n", repriced("2026-03", "600,00 Kč").as_str())
    );
    assert_eq!(total_and_adjustments(&d.statement("B", "2026-03")), (json!("3100.00"), vec![json!("600.00")]));
}
