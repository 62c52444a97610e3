//! Names that read the same are the same name (black-box finding 3): Unicode NFD and NFC, invisible
//! format characters (U+200B, U+2060, U+FEFF) and runs of whitespace are normalised on input and in
//! the matching key, for customer names (add, rename, lookups), contact names, ticket titles and
//! technician names.

mod cli_common;

use cli_common::Desk;

const NFC: &str = "Šťastný s.r.o.";
const NFD: &str = "S\u{30c}t\u{30c}astny\u{301} s.r.o.";

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", NFC, "--tier", "vip", "--since", "2026-01"]);
    d
}

#[test]
fn a_customer_name_that_reads_the_same_is_refused_as_existing() {
    let d = desk();
    for same in [
        NFD,
        "Šťastný s.r.o.\u{200b}",
        "S\u{30c}t\u{30c}astny\u{301} s.r.o.\u{200b}",
        "Šťastný  s.r.o.",
        "\u{feff}Šťastný\u{a0}s.r.o.",
    ] {
        d.fails(
            2,
            &["customer", "add", same, "--tier", "none", "--since", "2026-01"],
            "a customer named `Šťastný s.r.o.` already exists",
        );
    }
    assert_eq!(d.customers().as_array().unwrap().len(), 1);
    // Renaming another customer to a look-alike is refused the same way.
    d.ok(&["customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    d.fails(
        2,
        &["customer", "rename", "Acme", "Šťa\u{2060}stný s.r.o."],
        "a customer named `Šťastný s.r.o.` already exists",
    );
}

#[test]
fn a_name_is_stored_normalised_and_found_by_any_spelling() {
    let d = Desk::new();
    d.ok(&["customer", "add", "Ac\u{30c}me  Tools\u{200b}", "--tier", "plus", "--since", "2026-01"]);
    assert_eq!(d.customers()[0]["name"], "Ačme Tools");
    for typed in ["acme tools", "ACME  tools", "Ac\u{30c}me\u{2060} Tools", "acme"] {
        let shown = d.json(&["customer", "show", typed, "--format", "json"]);
        assert_eq!(shown["name"], "Ačme Tools", "{typed:?}");
    }
    d.ok(&["customer", "rename", "acme tools", "Ačme\u{200d}  Works"]);
    assert_eq!(d.customers()[0]["name"], "Ačme Works");
}

#[test]
fn contact_names_titles_and_technicians_are_normalised_too() {
    let d = desk();
    d.ok(&[
        "customer",
        "contact",
        "add",
        "stastny",
        "jana@stastny.cz",
        "--name",
        "Jana\u{200b}  Nova\u{301}kova\u{301}",
    ]);
    let contacts = d.json(&["customer", "contact", "list", "stastny", "--format", "json"]);
    assert_eq!(contacts[0]["name"], "Jana Nováková", "{contacts}");
    d.ok(&["ticket", "open", "--customer", NFD, "--title", "Tiska\u{301}rna   nejde\u{feff}"]);
    d.ok(&["ticket", "set", "1", "--assignee", "+Lucie\u{200b}  C\u{30c}erna\u{301}"]);
    d.ok(&["--as", "Lucie Černá\u{2060}", "time", "add", "1", "--minutes", "30"]);
    let t = d.json(&["ticket", "show", "1", "--format", "json"]);
    assert_eq!((t["title"].as_str(), t["assignee"].as_str()), (Some("Tiskárna nejde"), Some("Lucie Černá")), "{t}");
    let time = d.json(&["time", "list", "1", "--format", "json"]);
    assert_eq!(time[0]["technician"], "Lucie Černá");
    d.ok(&["ticket", "set", "1", "--title", "Tiskárna\u{a0}\u{a0}stále nejde"]);
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"])["title"], "Tiskárna stále nejde");
}
