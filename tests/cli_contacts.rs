//! `customer contact add` (black-box findings 8 and 10): its `--mail-lang` does not shadow the global
//! `--lang`; adding a contact again changes only what was given and says what; an address moved to
//! another customer is said and listed under its owner only.

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Beta", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["customer", "contact", "add", "Acme", "jana@acme.cz", "--name", "Jana Nováková", "--mail-lang", "en"]);
    d
}

fn contacts(d: &Desk, customer: &str) -> serde_json::Value {
    d.json(&["customer", "contact", "list", customer, "--format", "json"])
}

#[test]
fn the_global_lang_chooses_what_contact_add_prints() {
    let d = desk();
    let out = d.run(&["--lang", "cs", "customer", "contact", "add", "Nikdo", "a@b.cz", "--mail-lang", "en"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "helpdesk: zákazník `Nikdo` neexistuje; viz `helpdesk customer list`\n")
    );
    d.ok(&["--lang", "en", "customer", "contact", "add", "Beta", "petr@beta.cz"]);
    assert_eq!(contacts(&d, "Beta")[0]["lang"], "cs", "--lang is not the contact's language");
}

#[test]
fn adding_a_contact_again_changes_only_what_was_given_and_says_so() {
    let d = desk();
    let out = d.run(&["customer", "contact", "add", "Acme", "JANA@acme.cz"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "jana@acme.cz is a contact of Acme already; nothing changed\n"));
    let out = d.run(&["customer", "contact", "add", "Acme", "jana@acme.cz", "--mail-lang", "cs"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "jana@acme.cz: mail language en → cs\n"));
    let k = &contacts(&d, "Acme")[0];
    assert_eq!((k["name"].as_str(), k["lang"].as_str()), (Some("Jana Nováková"), Some("cs")), "{k}");
}

#[test]
fn a_contact_moved_to_another_customer_is_said_and_listed_there_only() {
    let d = desk();
    let out = d.run(&["customer", "contact", "add", "Beta", "jana@acme.cz"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "jana@acme.cz was Acme's contact; it is now Beta's\n"));
    assert_eq!(contacts(&d, "Acme"), serde_json::json!([]));
    assert_eq!(contacts(&d, "Beta")[0]["email"], "jana@acme.cz");
}
