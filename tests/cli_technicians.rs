//! Technician names on the command line (`--assignee`, `--by`) read as the interface's assignee field
//! reads them (black-box finding 12): a known technician by the start of the name, ignoring case and
//! diacritics; an exact name wins; several or none are refused naming them; a new one only with `+`.

mod cli_common;

use cli_common::Desk;

/// Acme with ticket 1; `Lucie Černá` and `Luboš Novák` are known (they changed something).
fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down", "--at", "2026-03-09T10:00:00+01:00"]);
    d.ok(&["--as", "Lucie Černá", "ticket", "comment", "1", "on it"]);
    d.ok(&["--as", "Luboš Novák", "ticket", "comment", "1", "me too"]);
    d
}

fn assignee(d: &Desk) -> serde_json::Value {
    d.json(&["ticket", "show", "1", "--format", "json"])["assignee"].clone()
}

fn people(d: &Desk) -> Vec<String> {
    let list = d.json(&["time", "list", "1", "--format", "json"]);
    let mut names: Vec<String> =
        list.as_array().unwrap().iter().map(|e| e["technician"].as_str().unwrap().to_string()).collect();
    names.sort();
    names
}

#[test]
fn an_assignee_is_a_known_technician_by_the_start_of_the_name_and_a_new_one_needs_a_plus() {
    let d = desk();
    for typed in ["cerna", "lucie černá", "LUCIE", "Lucie Černá"] {
        // The first sets her; the others name her again (nothing changed, said on stderr, exit 0).
        assert_eq!(d.run(&["ticket", "set", "1", "--assignee", typed]).code, 0, "{typed}");
        assert_eq!(assignee(&d), "Lucie Černá", "{typed}");
    }
    d.ok(&["ticket", "set", "1", "--assignee", "+Zdeněk Malý"]);
    assert_eq!(assignee(&d), "Zdeněk Malý", "a new name on purpose, without the plus");
    d.ok(&["ticket", "set", "1", "--assignee", ""]);
    assert_eq!(assignee(&d), serde_json::Value::Null, "empty unassigns");
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Fax", "--assignee", "novak"]);
    assert_eq!(d.json(&["ticket", "show", "2", "--format", "json"])["assignee"], "Luboš Novák");
}

#[test]
fn an_unknown_or_ambiguous_technician_is_refused_naming_the_option_and_nothing_changes() {
    let d = desk();
    d.ok(&["ticket", "set", "1", "--assignee", "lucie"]);
    d.fails(
        2,
        &["ticket", "set", "1", "--assignee", "lu", "--status", "waiting"],
        "--assignee: “lu” fits Luboš Novák, Lucie Černá: type more of the name",
    );
    d.fails(
        2,
        &["ticket", "set", "1", "--assignee", "petr"],
        "--assignee: no technician “petr” (known: Luboš Novák, Lucie Černá, alice); type +petr to add a new name",
    );
    d.fails(2, &["ticket", "set", "1", "--assignee", "+ "], "--assignee: type the new name after +");
    let t = d.json(&["ticket", "show", "1", "--format", "json"]);
    assert_eq!((t["assignee"].as_str(), t["status"].as_str()), (Some("Lucie Černá"), Some("new")));
    d.fails(
        2,
        &["ticket", "open", "--customer", "Acme", "--title", "Fax", "--assignee", "petr"],
        "--assignee: no technician “petr” (known: Luboš Novák, Lucie Černá, alice); type +petr to add a new name",
    );
    assert_eq!(d.tickets().as_array().unwrap().len(), 1, "no ticket opened");
}

#[test]
fn time_by_names_a_known_technician_the_same_way() {
    let d = desk();
    d.ok(&["time", "add", "1", "--minutes", "30", "--by", "lucie cerna"]);
    d.ok(&["time", "add", "1", "--minutes", "15", "--by", "Lucie Černá"]);
    d.ok(&["time", "add", "1", "--minutes", "10", "--by", "+Zdeněk Malý"]);
    assert_eq!(people(&d), ["Lucie Černá", "Lucie Černá", "Zdeněk Malý"]);
    d.fails(
        2,
        &["time", "add", "1", "--minutes", "5", "--by", "cerny"],
        // Zdeněk, introduced with `+` above, is known from then on (bb8 #1).
        "--by: no technician “cerny” (known: Luboš Novák, Lucie Černá, Zdeněk Malý, alice); type +cerny to add a new name",
    );
    assert_eq!(people(&d).len(), 3, "nothing written");
}
