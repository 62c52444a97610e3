//! Moving a time entry into or out of a closed month (bb6 #3): the refusal used to offer
//! `--correction`, which was then refused with a bare rule. Now both say the way that works — remove
//! the entry and add it again at the new time, each as a correction where its month is closed — and
//! the two commands it names do work.

mod cli_common;

use cli_common::Desk;

const NOW: &str = "2026-04-10T12:00:00+02:00";

fn ok(d: &mut Desk, args: &[&str]) -> String {
    let out = d.at(NOW).run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

/// STANDARD, ticket 1 received 2 March; one entry (`at`, 60 min); March closed. Returns the entry.
fn desk(at: &str) -> (Desk, String) {
    let mut d = Desk::new();
    ok(&mut d, &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    ok(&mut d, &["ticket", "open", "--customer", "Acme", "--title", "t", "--at", "2026-03-02T10:00:00+01:00"]);
    ok(&mut d, &["time", "add", "1", "--minutes", "60", "--at", at]);
    ok(&mut d, &["month", "close", "2026-03"]);
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&mut d, &["time", "list", "1", "--format", "json"])).unwrap();
    let entry = listed[0]["entry"].as_str().unwrap().to_string();
    (d, entry)
}

/// Runs a command line as the refusal names it (`helpdesk …` between backticks).
fn run_named(d: &mut Desk, command: &str) {
    let args: Vec<&str> = command.strip_prefix("helpdesk ").unwrap().split(' ').collect();
    ok(d, &args);
}

fn named_commands(stderr: &str) -> Vec<String> {
    stderr.split('`').filter(|s| s.starts_with("helpdesk time")).map(str::to_string).collect()
}

#[test]
fn moving_an_april_entry_into_closed_march_names_the_two_commands_and_they_work() {
    let (mut d, entry) = desk("2026-04-02T10:00:00+02:00");
    for correction in [false, true] {
        let mut args = vec!["time", "correct", "1", &entry, "--at", "2026-03-31T23:00:00+02:00"];
        if correction {
            args.push("--correction");
        }
        let out = d.at(NOW).run(&args);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("cannot move into or out of a closed month (2026-03)"), "{}", out.stderr);
        assert_eq!(
            named_commands(&out.stderr),
            [
                format!("helpdesk time remove 1 {entry}"),
                "helpdesk time add 1 --minutes 60 --at 2026-03-31T23:00:00+02:00 --correction".to_string()
            ],
            "{}",
            out.stderr
        );
        if correction {
            for c in named_commands(&out.stderr) {
                run_named(&mut d, &c);
            }
        }
    }
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&mut d, &["time", "list", "1", "--format", "json"])).unwrap();
    let starts: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["started_at"].as_str().unwrap()).collect();
    assert_eq!(starts, ["2026-03-31T23:00:00+02:00"]);
}

#[test]
fn moving_a_closed_march_entry_into_april_names_the_two_commands_and_they_work() {
    let (mut d, entry) = desk("2026-03-20T10:00:00+01:00");
    let out = d.at(NOW).run(&["time", "correct", "1", &entry, "--at", "2026-04-03T10:00:00+02:00", "--correction"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let named = named_commands(&out.stderr);
    assert_eq!(
        named,
        [
            format!("helpdesk time remove 1 {entry} --correction"),
            "helpdesk time add 1 --minutes 60 --at 2026-04-03T10:00:00+02:00".to_string()
        ],
        "{}",
        out.stderr
    );
    for c in named {
        run_named(&mut d, &c);
    }
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&mut d, &["time", "list", "1", "--format", "json"])).unwrap();
    let starts: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["started_at"].as_str().unwrap()).collect();
    assert_eq!(starts, ["2026-04-03T10:00:00+02:00"]);
}
