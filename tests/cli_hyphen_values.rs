//! Values that start with `-` (fixg #1): an option's value is taken as typed (`--title -urgent`), a
//! positional one is refused with our hint naming the field and the line with `--`, and a domain that
//! starts with `-` is refused as not a DNS name.

mod cli_common;

use cli_common::Desk;

/// Runs a line that must be refused (exit 2) with `message`, the `--db` the harness adds left out of the
/// line it shows.
fn refused(d: &Desk, args: &[&str], message: &str) {
    let out = d.run(args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    let shown = match out.stderr.split_once("--db ") {
        Some((head, tail)) => format!("{head}{}", tail.split_once(' ').map_or("", |(_, rest)| rest)),
        None => out.stderr.clone(),
    };
    assert_eq!(shown, format!("helpdesk: {message}\n"), "{args:?}");
}

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    d
}

#[test]
fn an_options_value_may_start_with_a_hyphen() {
    let d = desk();
    assert_eq!(d.ok(&["ticket", "open", "--customer", "Acme", "--title", "-urgent", "--description", "-x"]), "2\n");
    let t = d.json(&["ticket", "show", "2", "--format", "json"]);
    assert_eq!(t["title"], "-urgent");
}

#[test]
fn a_positional_value_starting_with_a_hyphen_is_refused_with_how_to_pass_it() {
    let d = desk();
    refused(
        &d,
        &["ticket", "comment", "1", "-5 min"],
        "`-5 min` starts with `-` and reads as an option; if it is the TEXT, put `--` before it: `helpdesk ticket comment 1 -- '-5 min'`",
    );
    d.ok(&["ticket", "comment", "1", "--", "-5 min"]);
}

#[test]
fn a_domain_starting_with_a_hyphen_is_not_a_dns_name() {
    let d = desk();
    refused(
        &d,
        &["customer", "domain", "add", "Acme", "-a.cz"],
        "`-a.cz` starts with `-` and reads as an option; if it is the DOMAIN, put `--` before it: `helpdesk customer domain add Acme -- -a.cz`",
    );
    d.fails(
        2,
        &["customer", "domain", "add", "Acme", "--", "-a.cz"],
        "`-a.cz` is not a mail domain: a part of a domain name cannot start or end with `-`; write it like example.cz",
    );
}
