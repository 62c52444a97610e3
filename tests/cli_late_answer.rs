//! bb8 #2: the CLI tells a breach answered late from one still waiting for its answer, as the TUI's
//! queue does (`late answer` / `odpověď pozdě` beside `breached` / `po termínu`), in `ticket list` and
//! `ticket show`. JSON keeps `sla_state` as the machine value (`breached`); `first_response_at` tells the
//! two apart there.

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let mut d = Desk::new();
    d.at("2026-12-22T10:00:00+01:00");
    d.ok(&["customer", "add", "Alfa", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Alfa", "--title", "answered-late", "--at", "2026-11-02T09:00:00+01:00"]);
    d.ok(&["ticket", "open", "--customer", "Alfa", "--title", "still-waiting", "--at", "2026-11-03T09:00:00+01:00"]);
    d.ok(&["ticket", "respond", "1", "--resolve-by", "2027-01-10", "--at", "2026-11-12T09:00:00+01:00"]);
    d
}

fn row<'a>(list: &'a str, title: &str) -> &'a str {
    list.lines().find(|l| l.ends_with(title)).unwrap_or_else(|| panic!("{list}"))
}

#[test]
fn a_breach_answered_late_reads_late_answer_in_the_list_and_the_ticket() {
    let d = desk();
    let list = d.ok(&["ticket", "list", "--open"]);
    assert!(row(&list, "answered-late").contains("late answer"), "{list}");
    assert!(row(&list, "still-waiting").contains("breached"), "{list}");
    let cs = d.ok(&["--lang", "cs", "ticket", "list", "--open"]);
    assert!(row(&cs, "answered-late").contains("odpověď pozdě"), "{cs}");
    assert!(row(&cs, "still-waiting").contains("po termínu"), "{cs}");
    assert!(d.ok(&["ticket", "show", "1"]).contains("late answer"));
    assert!(!d.ok(&["ticket", "show", "2"]).contains("late answer"));
    let json = d.json(&["ticket", "list", "--open", "--format", "json"]);
    let states: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["title"].as_str().unwrap(), t["sla_state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&("answered-late", "breached")) && states.contains(&("still-waiting", "breached")));
}
