//! `timer status` (bb8 #11): a table like every other list — a header, the role each timer books under,
//! when it started, how long it has run — and a timer past `forgotten_timer_hours` flagged as the TUI
//! board flags it, in both languages; JSON carries the same facts (`forgotten`).

mod cli_common;

use cli_common::Desk;

fn desk_with_a_timer() -> Desk {
    let mut d = Desk::new();
    d.at("2026-12-01T08:00:00+01:00");
    d.ok(&["customer", "add", "Alfa", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Alfa", "--title", "Printer"]);
    assert_eq!(d.run(&["--as", "Petr", "timer", "start", "1", "--role", "consultant"]).code, 0);
    d
}

#[test]
fn running_timers_are_a_table_with_role_start_and_time_run() {
    let mut d = desk_with_a_timer();
    d.at("2026-12-01T09:30:00+01:00");
    let out = d.ok(&["timer", "status"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for column in ["BY", "TICKET", "ROLE", "STARTED", "RAN", "TITLE"] {
        assert!(lines[0].contains(column), "header names {column}: {out}");
    }
    assert!(
        lines[1].contains("Petr")
            && lines[1].contains("consultant")
            && lines[1].contains("2026-12-01 08:00")
            && lines[1].contains("1h 30m")
            && lines[1].contains("Printer"),
        "{out}"
    );
    assert!(!out.contains("forgotten"), "{out}");
}

#[test]
fn a_forgotten_timer_is_flagged_in_both_languages_and_in_json() {
    let mut d = desk_with_a_timer();
    d.at("2026-12-01T21:00:00+01:00");
    let out = d.ok(&["timer", "status"]);
    assert!(out.contains("forgotten?") && out.contains("timer stop --worked"), "{out}");
    let cs = d.ok(&["--lang", "cs", "timer", "status"]);
    assert!(cs.contains("TECHNIK") || cs.contains("KDO"), "a Czech header: {cs}");
    assert!(cs.contains("zapomenutý?") && cs.contains("konzultant"), "{cs}");
    let json = d.json(&["timer", "status", "--format", "json"]);
    assert_eq!(json[0]["forgotten"], true, "{json}");
    d.at("2026-12-01T10:00:00+01:00");
    assert_eq!(d.json(&["timer", "status", "--format", "json"])[0]["forgotten"], false);
}
