//! Length limits on typed text (bb4 #9, bb5 #12): one limit per kind of field (`domain::length`: a
//! line 200 characters, free text 64 Ki), the same on every way in; over it the CLI exits 2 naming the
//! field, the limit and the length given, and writes nothing.

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    d
}

fn line(n: usize) -> String {
    "ž".repeat(n)
}

fn text(n: usize) -> String {
    "řádek\n".repeat(n / 6) + &"x".repeat(n % 6)
}

#[test]
fn one_line_fields_over_200_characters_are_refused_and_nothing_is_written() {
    let d = desk();
    let long = line(201);
    let said = |field: &str| format!("{field}: at most 200 characters (you gave 201): shorten it");
    d.fails(2, &["customer", "add", &long, "--tier", "none", "--since", "2026-01"], &said("Customer"));
    d.fails(2, &["customer", "rename", "Acme", &long], &said("Customer"));
    d.fails(2, &["ticket", "open", "--customer", "Acme", "--title", &long], &said("Title"));
    d.fails(2, &["ticket", "set", "1", "--title", &long], &said("Title"));
    d.fails(2, &["ticket", "set", "1", "--assignee", &format!("+{long}")], &said("Technician"));
    d.fails(2, &["customer", "contact", "add", "Acme", "jana@acme.cz", "--name", &long], &said("Contact name"));
    assert_eq!(d.customers().as_array().map(Vec::len), Some(1));
    let tickets = d.tickets();
    assert_eq!(tickets.as_array().map(Vec::len), Some(1), "{tickets}");
    assert_eq!(tickets[0]["title"], "Printer down");
    // At the limit it is taken.
    d.ok(&["ticket", "set", "1", "--title", &line(200)]);
    assert_eq!(d.tickets()[0]["title"], line(200));
}

#[test]
fn free_text_over_64_ki_characters_is_refused_and_nothing_is_written() {
    let d = desk();
    let long = text(64 * 1024 + 1);
    let said = |field: &str| format!("{field}: at most 65536 characters (you gave 65537): shorten it");
    d.fails(2, &["ticket", "set", "1", "--description", &long], &said("Description"));
    d.fails(2, &["ticket", "open", "--customer", "Acme", "--title", "t", "--description", &long], &said("Description"));
    d.fails(2, &["ticket", "comment", "1", &long], &said("Comment"));
    d.fails(2, &["time", "add", "1", "--minutes", "30", "--note", &long], &said("Note"));
    let show = d.json(&["ticket", "show", "1", "--format", "json"]);
    assert_eq!(show["comments"], serde_json::json!([]), "{show}");
    assert_eq!(show["time"].as_array().map(Vec::len).unwrap_or(0), 0, "{show}");
    d.ok(&["ticket", "comment", "1", &text(64 * 1024)]);
}

#[test]
fn the_refusal_is_in_czech_for_a_czech_reader() {
    let d = desk();
    d.fails(
        2,
        &["--lang", "cs", "ticket", "set", "1", "--title", &line(300)],
        "Název: nejvýše 200 znaků (zadáno 300): zkraťte text",
    );
}
