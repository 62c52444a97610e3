//! Enumerated values and values beginning with `-` (bb4 #17): every enumerated value takes any case
//! (the domain's parsers always did: `--tier VIP`, `--kind INCIDENT`; now also clap's: `--lang CS`,
//! `--format JSON`, `completions BASH`), and a value that begins with `-` where one is plausible reaches
//! our own check and its message instead of clap's "unexpected argument".

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "VIP", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down", "--kind", "INCIDENT"]);
    d
}

#[test]
fn every_enumerated_value_takes_any_case() {
    let d = desk();
    assert!(d.ok(&["--lang", "CS", "ticket", "list"]).starts_with("TIKET"));
    assert!(d.ok(&["--lang=Cs", "customer", "list"]).starts_with("ZÁKAZNÍK"));
    assert_eq!(d.json(&["ticket", "list", "--format", "JSON"])[0]["number"], "1");
    assert_eq!(d.json(&["customer", "show", "Acme", "--format", "Json"])["name"], "Acme");
    assert!(d.ok(&["report", "month", "2026-03", "--format", "CSV"]).starts_with("customer,month,"));
    assert!(d.ok(&["completions", "BASH"]).contains("_helpdesk()"));
    // A value that is none of them is still refused, naming the possible ones.
    let out = d.run(&["ticket", "list", "--format", "yaml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("[possible values: table, json]"), "{}", out.stderr);
}

#[test]
fn values_beginning_with_a_hyphen_reach_our_own_checks() {
    let d = desk();
    d.fails(2, &["ticket", "show", "-1"], "`-1` is not a ticket number: write it like 1042 or B-17");
    d.fails(2, &["time", "add", "-1", "--minutes", "5"], "`-1` is not a ticket number: write it like 1042 or B-17");
    assert_eq!(d.run(&["timer", "start", "1"]).code, 0);
    d.fails(2, &["timer", "stop", "--worked", "-5m"], "--worked: `-5m` is negative: time worked must be positive");
    d.ok(&["time", "add", "1", "--minutes", "30"]);
    let entry = d.json(&["time", "list", "1", "--format", "json"])[0]["entry"].as_str().unwrap_or_default().to_string();
    let out = d.run(&["time", "correct", "1", &entry, "--minutes", "-15"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("`-15` is negative"), "{}", out.stderr);
    d.fails(
        2,
        &["mail", "assign", "-1", "Acme"],
        "no mail `-1` is waiting in triage: give a number from the id column of `helpdesk mail triage`",
    );
}
