//! `helpdesk report month` (every customer's month) against figures computed by hand from DOMAIN.md:
//! 15-minute blocks, prepaid minutes first, overage at 800 CZK/h, no-contract rates per role, free
//! incidents and consultations, VAT 21 % half-up, months in Prague time, the upgrade suggestion, and CSV
//! formula neutralising. One customer's statement, month closing and exports: `cli_statements.rs`.

mod cli_common;

use cli_common::Desk;
use serde_json::{Value, json};

const FORMULA: &str = r#"=HYPERLINK("http://evil.test","click")"#;

/// Customers and work around March 2026 (see each line for the figures it should produce).
fn billing_desk() -> Desk {
    let mut d = Desk::new();
    d.at("2026-01-02T09:00:00+01:00");
    for (name, tier, since) in [
        ("Std Small", "standard", "2026-01"),
        ("Std Over", "standard", "2026-01"),
        ("VIP Co", "vip", "2026-01"),
        ("Walk-in", "none", "2026-01"),
        ("Later", "standard", "2026-05"),
        ("Later Busy", "standard", "2026-05"),
        (FORMULA, "none", "2026-01"),
    ] {
        d.ok(&["customer", "add", name, "--tier", tier, "--since", since]);
    }
    let open = |customer: &str, title: &str, kind: &str, at: &str| {
        d.ok(&["ticket", "open", "--customer", customer, "--title", title, "--kind", kind, "--at", at])
    };
    let time = |args: &[&str]| {
        let mut all = vec!["time", "add"];
        all.extend_from_slice(args);
        d.ok(&all);
    };
    assert_eq!(open("Std Small", "Small", "request", "2026-02-27T09:00:00+01:00"), "1\n");
    assert_eq!(open("Std Over", "Over", "request", "2026-01-05T09:00:00+01:00"), "2\n");
    assert_eq!(open("Std Over", "Outage", "incident", "2026-03-03T09:00:00+01:00"), "3\n");
    assert_eq!(open("VIP Co", "Workshop", "consultation", "2026-03-04T09:00:00+01:00"), "4\n");
    assert_eq!(open("Walk-in", "Walk", "request", "2026-03-05T09:00:00+01:00"), "5\n");
    assert_eq!(open("Later Busy", "Early", "request", "2026-03-06T09:00:00+01:00"), "6\n");
    assert_eq!(open(FORMULA, "Formula", "request", "2026-03-06T10:00:00+01:00"), "7\n");

    // Std Small: 7 min just after midnight on 1 March in Prague (still February in UTC) → 15 billable
    // within the 30 prepaid; 40 min just after midnight on 1 April (still March in UTC) belong to April.
    time(&["1", "--minutes", "7", "--at", "2026-03-01T00:10:00+01:00"]);
    time(&["1", "--minutes", "40", "--at", "2026-04-01T00:30:00+02:00"]);
    // Std Over: overage in January, February and March (45 → 45: 15 over; 50 → 60: 30 over = 400.00);
    // the incident's two hours are free and draw no prepaid minutes.
    time(&["2", "--minutes", "45", "--at", "2026-01-15T10:00:00+01:00"]);
    time(&["2", "--minutes", "45", "--at", "2026-02-16T10:00:00+01:00"]);
    time(&["3", "--minutes", "2h", "--at", "2026-03-03T10:00:00+01:00"]);
    time(&["2", "--minutes", "50", "--at", "2026-03-16T10:00:00+01:00"]);
    // VIP Co: the year's first consultation is free for 120 minutes; 150 → 30 billable, within prepaid.
    time(&["4", "--minutes", "2h30", "--at", "2026-03-04T10:00:00+01:00", "--role", "consultant", "--by", "+carol"]);
    // Walk-in (no contract): technician 20 → 30 min × 1000/h = 500.00; consultant 10 → 15 × 1500/h = 375.00.
    time(&["5", "--minutes", "20", "--at", "2026-03-05T10:00:00+01:00", "--by", "+bob"]);
    time(&["5", "--minutes", "10", "--at", "2026-03-05T11:00:00+01:00", "--role", "consultant", "--by", "+carol"]);
    // Later Busy: the contract starts in May, so March's 20 min are no-contract work: 30 × 1000/h.
    time(&["6", "--minutes", "20", "--at", "2026-03-06T10:00:00+01:00"]);
    // The formula-named customer: 10 → 15 min × 1000/h = 250.00.
    time(&["7", "--minutes", "10", "--at", "2026-03-06T11:00:00+01:00"]);
    d.at("2026-04-02T09:00:00+02:00");
    d
}

#[allow(clippy::too_many_arguments)]
fn statement(
    customer: &str,
    tier: &str,
    fee: &str,
    minutes: [u32; 5],
    overage_amount: &str,
    totals: [&str; 3],
    upgrade_to: Option<&str>,
) -> Value {
    let [prepaid, billable, used, left, overage] = minutes;
    json!({
        "customer": customer,
        "month": "2026-03",
        "tier": tier,
        "fee": fee,
        "prepaid_minutes": prepaid,
        "billable_minutes": billable,
        "prepaid_used_minutes": used,
        "prepaid_left_minutes": left,
        "overage_minutes": overage,
        "overage_amount": overage_amount,
        "total_excl_vat": totals[0],
        "vat": totals[1],
        "total_incl_vat": totals[2],
        "upgrade_suggested": upgrade_to.is_some(),
        "upgrade_to": upgrade_to,
    })
}

#[test]
fn month_report_json_matches_hand_computed_figures() {
    let d = billing_desk();
    let report = d.json(&["report", "month", "2026-03", "--format", "json"]);
    // By name, case-folded; "Later" has neither a contract in March nor billable work.
    let expected = json!([
        statement(FORMULA, "none", "0.00", [0, 15, 0, 0, 15], "250.00", ["250.00", "52.50", "302.50"], None),
        statement("Later Busy", "none", "0.00", [0, 30, 0, 0, 30], "500.00", ["500.00", "105.00", "605.00"], None),
        statement(
            "Std Over",
            "standard",
            "950.00",
            [30, 60, 30, 0, 30],
            "400.00",
            ["1350.00", "283.50", "1633.50"],
            Some("plus")
        ),
        statement(
            "Std Small",
            "standard",
            "950.00",
            [30, 15, 15, 15, 0],
            "0.00",
            ["950.00", "199.50", "1149.50"],
            None
        ),
        statement("VIP Co", "vip", "5000.00", [300, 30, 30, 270, 0], "0.00", ["5000.00", "1050.00", "6050.00"], None),
        statement("Walk-in", "none", "0.00", [0, 45, 0, 0, 45], "875.00", ["875.00", "183.75", "1058.75"], None),
    ]);
    let names = |v: &Value| v.as_array().unwrap().iter().map(|s| s["customer"].clone()).collect::<Vec<_>>();
    assert_eq!(names(&report), names(&expected));
    for (got, want) in report.as_array().unwrap().iter().zip(expected.as_array().unwrap()) {
        for (key, value) in want.as_object().unwrap() {
            assert_eq!(&got[key], value, "{}: {key}", want["customer"]);
        }
    }
    // The no-contract customer's ticket has one line per role, each at its own rate.
    let walk_in = &report[5];
    let lines: Vec<(Value, Value, Value, Value)> = walk_in["lines"]
        .as_array()
        .expect("statement lines")
        .iter()
        .map(|l| (l["role"].clone(), l["rate"].clone(), l["rounded_minutes"].clone(), l["amount"].clone()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (json!("technician"), json!("1000.00"), json!(30), json!("500.00")),
            (json!("consultant"), json!("1500.00"), json!(15), json!("375.00")),
        ]
    );
}

#[test]
fn months_are_prague_months_and_upgrades_need_three_in_a_row() {
    let d = billing_desk();
    let find = |month: &str, customer: &str| {
        let report = d.json(&["report", "month", month, "--format", "json"]);
        report.as_array().unwrap().iter().find(|s| s["customer"] == customer).cloned()
    };
    let feb_small = find("2026-02", "Std Small").expect("a contract customer always has a statement");
    assert_eq!(
        (feb_small["billable_minutes"].clone(), feb_small["total_excl_vat"].clone()),
        (json!(0), json!("950.00"))
    );
    let apr_small = find("2026-04", "Std Small").unwrap();
    assert_eq!(
        (
            apr_small["billable_minutes"].clone(),
            apr_small["overage_minutes"].clone(),
            apr_small["overage_amount"].clone()
        ),
        (json!(45), json!(15), json!("200.00"))
    );
    // Two months of overage (December had no contract) are not enough.
    let feb_over = find("2026-02", "Std Over").unwrap();
    assert_eq!((feb_over["overage_minutes"].clone(), feb_over["upgrade_suggested"].clone()), (json!(15), json!(false)));
    assert_eq!(find("2026-03", "Std Over").unwrap()["upgrade_suggested"], true);
    // April has no overage for Std Over: no suggestion.
    assert_eq!(find("2026-04", "Std Over").unwrap()["upgrade_suggested"], false);
    // "Later" appears once its contract is in force, with the fee alone.
    assert!(find("2026-04", "Later").is_none());
    assert_eq!(find("2026-05", "Later").unwrap()["total_incl_vat"], "1149.50");
    // A month before anyone's contract, without work: nothing.
    assert_eq!(d.ok(&["report", "month", "2025-06", "--format", "json"]), "[]\n");
    assert_eq!(
        d.ok(&["report", "month", "2025-06"]),
        "no statements: no customer had a contract or billable work that month\n"
    );
}

#[test]
fn month_report_csv_is_rfc_4180_and_neutralises_formulas() {
    let d = billing_desk();
    let csv = d.ok(&["report", "month", "2026-03", "--format", "csv"]);
    assert_eq!(
        csv,
        "customer,month,tier,fee,prepaid_minutes,billable_minutes,prepaid_used_minutes,prepaid_left_minutes,\
         overage_minutes,overage_amount,adjustments_amount,total_excl_vat,vat,total_incl_vat,upgrade_suggested\r\n\
         \"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",2026-03,none,0.00,0,15,0,0,15,250.00,0.00,250.00,52.50,302.50,false\r\n\
         Later Busy,2026-03,none,0.00,0,30,0,0,30,500.00,0.00,500.00,105.00,605.00,false\r\n\
         Std Over,2026-03,standard,950.00,30,60,30,0,30,400.00,0.00,1350.00,283.50,1633.50,true\r\n\
         Std Small,2026-03,standard,950.00,30,15,15,15,0,0.00,0.00,950.00,199.50,1149.50,false\r\n\
         VIP Co,2026-03,vip,5000.00,300,30,30,270,0,0.00,0.00,5000.00,1050.00,6050.00,false\r\n\
         Walk-in,2026-03,none,0.00,0,45,0,0,45,875.00,0.00,875.00,183.75,1058.75,false\r\n"
    );
    // JSON is not a spreadsheet: the name is kept as it is there.
    let json = d.json(&["report", "month", "2026-03", "--format", "json"]);
    assert_eq!(json[0]["customer"], FORMULA);
    assert_eq!(
        d.ok(&["report", "month", "2025-06", "--format", "csv"]),
        "customer,month,tier,fee,prepaid_minutes,billable_minutes,prepaid_used_minutes,prepaid_left_minutes,\
         overage_minutes,overage_amount,adjustments_amount,total_excl_vat,vat,total_incl_vat,upgrade_suggested\r\n"
    );
}

#[test]
fn month_report_table_shows_human_amounts() {
    let d = billing_desk();
    assert_eq!(
        d.ok(&["report", "month", "2026-03"]),
        "CUSTOMER                                TIER                 FEE  PREPAID  USED  OVER    OVERAGE  CORRECTIONS    EXCL. VAT          VAT        TOTAL  UPGRADE\n\
         =HYPERLINK(\"http://evil.test\",\"click\")  no contract      0,00 Kč       0m    0m   15m  250,00 Kč                 250,00 Kč     52,50 Kč    302,50 Kč\n\
         Later Busy                              no contract      0,00 Kč       0m    0m   30m  500,00 Kč                 500,00 Kč    105,00 Kč    605,00 Kč\n\
         Std Over                                STANDARD       950,00 Kč      30m   30m   30m  400,00 Kč               1 350,00 Kč    283,50 Kč  1 633,50 Kč  → PLUS\n\
         Std Small                               STANDARD       950,00 Kč      30m   15m    0m    0,00 Kč                 950,00 Kč    199,50 Kč  1 149,50 Kč\n\
         VIP Co                                  VIP          5 000,00 Kč     300m   30m    0m    0,00 Kč               5 000,00 Kč  1 050,00 Kč  6 050,00 Kč\n\
         Walk-in                                 no contract      0,00 Kč       0m    0m   45m  875,00 Kč                 875,00 Kč    183,75 Kč  1 058,75 Kč\n"
    );
}

#[test]
fn vat_is_rounded_half_up() {
    let d = Desk::new();
    // A fee whose VAT falls exactly on half a heller: 950.50 × 0.21 = 199.605 → 199.61 (not 199.60).
    std::fs::write(d.config.join("tariffs.toml"), "[tiers.standard]\nmonthly_fee = \"950.50\"\n").unwrap();
    d.ok(&["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    let s = &d.json(&["report", "month", "2026-03", "--format", "json"])[0];
    let figures: Vec<&str> =
        ["fee", "total_excl_vat", "vat", "total_incl_vat"].iter().map(|k| s[k].as_str().unwrap()).collect();
    assert_eq!(figures, ["950.50", "950.50", "199.61", "1150.11"]);
}

#[test]
fn month_report_refuses_a_bad_month() {
    let d = billing_desk();
    for bad in ["2026-13", "2026-3", "March", "2026/03"] {
        d.fails(2, &["report", "month", bad], &format!("`{bad}` is not a month: write it as YYYY-MM, e.g. 2026-03"));
    }
    let out = d.run(&["report", "month", "2026-03", "--format", "xml"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, ""), "clap usage error");
}

#[test]
fn every_summary_row_adds_up_with_the_corrections_billed_in_the_month() {
    // STANDARD: 90 minutes in March (30 prepaid + 60 over = 800), March closed; in April the entry is
    // corrected to 20 minutes: the two corrections billed in April are −800 (90 → gone) and 0 (20 min,
    // within the prepaid). April: fee 950 + overage 0 + corrections −800 = 150 excl. VAT — the row
    // must show the −800, or 950 + 0 = 150 reads as an error (bb6 #1).
    let mut d = Desk::new();
    d.at("2026-03-02T10:00:00+01:00");
    d.ok(&["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer"]);
    d.ok(&["time", "add", "1", "--minutes", "90"]);
    d.at("2026-04-10T12:00:00+02:00");
    // Both say what they did on stderr.
    assert_eq!(d.run(&["month", "close", "2026-03"]).code, 0);
    let entries: Value = serde_json::from_str(&d.ok(&["time", "list", "1", "--format", "json"])).unwrap();
    let entry = entries[0]["entry"].as_str().unwrap().to_string();
    assert_eq!(d.run(&["time", "correct", "1", &entry, "--minutes", "20", "--correction"]).code, 0);
    let csv = d.ok(&["report", "month", "2026-04", "--format", "csv"]);
    let row = csv.lines().nth(1).unwrap();
    assert_eq!(row, "Acme,2026-04,standard,950.00,30,0,0,30,0,0.00,-800.00,150.00,31.50,181.50,false", "{csv}");
    let table = d.ok(&["report", "month", "2026-04"]);
    assert!(table.lines().next().unwrap().contains("OVERAGE  CORRECTIONS  EXCL. VAT"), "{table}");
    assert!(table.contains("0,00 Kč   -800,00 Kč  150,00 Kč"), "{table}");
    let cs = d.ok(&["--lang", "cs", "report", "month", "2026-04"]);
    assert!(cs.lines().next().unwrap().contains("OPRAVY"), "{cs}");
    // The Czech statement words its correction lines in Czech (bb6 #2: they read `correction of …`).
    let statement = d.ok(&["--lang", "cs", "report", "customer", "Acme", "--month", "2026-04"]);
    assert!(statement.contains("oprava za 2026-03: tiket 1 -1 h 30 min"), "{statement}");
    assert!(!statement.contains("correction of"), "{statement}");
}

/// `report month --format json` with two threads (`HELPDESK_THREADS=2`: the customers, tier
/// histories and look-back figures read on a second connection beside the month's lines, the JSON
/// written on a second thread while the statements are billed) is byte for byte what one thread
/// (`HELPDESK_THREADS=1`) writes: on stdout and into `--output`, for live months with hundreds of
/// statements (many 64 KiB pieces, billing held back by the writer) and for a closed month. A write
/// that fails (stdout on `/dev/full`) fails the same way, and a bad value is refused naming it.
#[test]
fn a_month_report_on_two_threads_is_byte_for_byte_the_one_on_one() {
    let mut d = Desk::new();
    d.at("2026-11-25T10:00:00Z");
    let made = d.run(&["demo", "--customers", "300", "--tickets", "1000", "--entries", "8000"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let report = |threads: &str, args: &[&str]| {
        let mut all = vec!["report", "month"];
        all.extend_from_slice(args);
        let out = d.command(&all).env("HELPDESK_THREADS", threads).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{all:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(all.contains(&"--output") || out.stderr.is_empty(), "{all:?}");
        out.stdout
    };
    let mut big = 0;
    for month in ["2026-08", "2026-10", "2026-11"] {
        let one = report("1", &[month, "--format", "json"]);
        let two = report("2", &[month, "--format", "json"]);
        assert!(one == two, "{month}: two threads wrote other bytes than one");
        let statements: Value = serde_json::from_slice(&one).unwrap();
        big = big.max(statements.as_array().unwrap().len());
        assert!(one.len() > 2 * 64 * 1024, "{month}: only {} bytes, too few to be written in many pieces", one.len());
        for threads in ["1", "2"] {
            let file = d.dir.path().join(format!("{month}-{threads}.json"));
            assert!(report(threads, &[month, "--format", "json", "--output", file.to_str().unwrap()]).is_empty());
            assert!(std::fs::read(&file).unwrap() == one, "{month}, --output, {threads} thread(s)");
        }
    }
    assert!(big > 200, "{big} statements at most: the writer never held the billing back");
    // The second connection was used (its debug line in the log), and not with one thread.
    let beside = || d.logged("reading beside on a second connection");
    let logged = |threads: &str| {
        let out = d
            .command(&["report", "month", "2026-10", "--format", "json"])
            .env("HELPDESK_THREADS", threads)
            .env("HELPDESK_LOG", "helpdesk=debug")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
    };
    let before = beside();
    logged("1");
    assert_eq!(beside(), before);
    logged("2");
    assert_eq!(beside(), before + 1, "two threads: the customers were read on a second connection");
    // A closed month: its frozen statements, the same way.
    assert_eq!(d.run(&["month", "close", "2026-10"]).code, 0);
    assert!(report("1", &["2026-10", "--format", "json"]) == report("2", &["2026-10", "--format", "json"]));
    // A failed write: the same exit code and message, no panic.
    let full = |threads: &str| d.on_full_disk(&["report", "month", "2026-11", "--format", "json"], threads);
    let (one, two) = (full("1"), full("2"));
    assert_ne!(one.0, Some(0), "{one:?}");
    assert!(!one.1.contains("panicked"), "{one:?}");
    assert_eq!(one, two);
    // A damaged file: the same error, and the same bytes before it (the array not closed).
    rusqlite::Connection::open(&d.db)
        .unwrap()
        .execute("UPDATE work_months SET kind = CAST('incident' AS BLOB) WHERE month = '2026-11'", [])
        .unwrap();
    let damaged = |threads: &str| {
        let out = d
            .command(&["report", "month", "2026-11", "--format", "json"])
            .env("HELPDESK_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (one, two) = (damaged("1"), damaged("2"));
    assert_ne!(one.0, Some(0), "{one:?}");
    assert!(!one.2.contains("panicked"), "{one:?}");
    assert_eq!(one, two);
    for bad in ["0", "two", "-1", "1025"] {
        let out = d.command(&["report", "month", "2026-11"]).env("HELPDESK_THREADS", bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "HELPDESK_THREADS={bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("HELPDESK_THREADS") && stderr.contains("1 to 1024"), "{bad}: {stderr}");
    }
}
