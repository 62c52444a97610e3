//! A typed entry id that finds nothing (or several) is named as it was typed: ids are matched ignoring
//! case, but the message quotes what the user wrote (it quoted it lower-cased, so a script or a person
//! looking for `2026-03-10T25:00:00Z` in the message did not find it).

mod cli_common;

use cli_common::Desk;

#[test]
fn an_entry_id_that_finds_nothing_is_named_as_typed() {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer"]);
    assert_eq!(d.run(&["time", "add", "1", "--minutes", "20"]).code, 0);
    for typed in ["2026-03-10T25:00:00Z", "ABCDEF0123"] {
        for cmd in [vec!["time", "correct", "1", typed, "--minutes", "30"], vec!["time", "remove", "1", typed]] {
            let out = d.run(&cmd);
            assert_eq!(out.code, 2, "{cmd:?}");
            assert!(out.stderr.contains(typed), "{cmd:?}: {}", out.stderr);
        }
    }
}
