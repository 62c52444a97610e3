//! Issue 17's edits on the command line: a ticket moved to another customer (`ticket set --customer`),
//! a customer renamed, archived, unarchived and removed; with the bad input each one refuses.

mod cli_common;

use cli_common::Desk;

/// Acme (VIP) and Beta (PLUS) with one ticket of Acme's and 45 minutes of work on it in March.
fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Acme Two", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Účetní Dvořák", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down", "--at", "2026-03-09T10:00:00+01:00"]);
    d.ok(&["time", "add", "1", "--minutes", "45", "--at", "2026-03-09T11:00:00+01:00"]);
    d
}

fn used(d: &Desk, customer: &str) -> serde_json::Value {
    d.json(&["customer", "show", customer, "--format", "json"])["prepaid_used_minutes"].clone()
}

#[test]
fn a_ticket_moves_to_another_customer_by_a_unique_start_of_its_name_and_its_time_goes_with_it() {
    let d = desk();
    assert_eq!(used(&d, "Acme"), 45);
    d.ok(&["ticket", "set", "1", "--customer", "ucet"]);
    let t = d.json(&["ticket", "show", "1", "--format", "json"]);
    assert_eq!(t["customer"], "Účetní Dvořák", "{t}");
    // The open month's work follows the ticket: billed to the customer it has now.
    assert_eq!(used(&d, "Acme"), 0);
    assert_eq!(used(&d, "Účetní Dvořák"), 45);
    // The exact name wins over the longer one it starts.
    d.ok(&["ticket", "set", "1", "--customer", "acme"]);
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"])["customer"], "Acme");
    // With other fields, in one go.
    d.ok(&["ticket", "set", "1", "--customer", "Acme Two", "--title", "Printer jams", "--kind", "incident"]);
    let t = d.json(&["ticket", "show", "1", "--format", "json"]);
    assert_eq!(
        (t["customer"].as_str(), t["title"].as_str(), t["kind"].as_str()),
        (Some("Acme Two"), Some("Printer jams"), Some("incident"))
    );
}

#[test]
fn moving_a_ticket_refuses_an_unknown_or_ambiguous_customer_and_an_empty_title_and_changes_nothing() {
    let d = desk();
    let before = d.json(&["ticket", "show", "1", "--format", "json"]);
    d.fails(2, &["ticket", "set", "1", "--customer", "Zeta"], "no customer named `Zeta`; see `helpdesk customer list`");
    d.fails(
        2,
        &["ticket", "set", "1", "--customer", "ac"],
        "`ac` could be any of these customers: `Acme`, `Acme Two`; give more of the name",
    );
    // One refused change refuses them all: the customer does not move without the title.
    d.fails(2, &["ticket", "set", "1", "--customer", "ucet", "--title", "  "], "a ticket needs a title");
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"]), before);
    assert_eq!(used(&d, "Acme"), 45);
}

/// Time in a closed month was billed to the customer the ticket had: the move is refused naming the
/// month, so what was invoiced and what the entries say never part.
#[test]
fn a_ticket_with_time_in_a_closed_month_does_not_move() {
    let mut d = desk();
    d.at("2026-04-02T09:00:00+02:00");
    assert_eq!(d.run(&["month", "close", "2026-03"]).code, 0);
    d.fails(
        2,
        &["ticket", "set", "1", "--customer", "Acme Two"],
        "ticket 1 has time in 2026-03, which is closed and billed to Acme; reopen 2026-03 to move it, or open a new ticket for the rest of the work",
    );
    assert_eq!(d.run(&["month", "reopen", "2026-03"]).code, 0);
    d.ok(&["ticket", "set", "1", "--customer", "Acme Two"]);
}

#[test]
fn customer_rename_and_its_refusals() {
    let d = desk();
    d.ok(&["customer", "rename", "acme two", "Acme Brno"]);
    let names: Vec<String> =
        d.customers().as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["Acme", "Acme Brno", "Účetní Dvořák"]);
    d.fails(2, &["customer", "rename", "Acme Brno", "ACME"], "a customer named `ACME` already exists");
    d.fails(2, &["customer", "rename", "Acme Brno", " "], "a customer needs a name");
    d.fails(2, &["customer", "rename", "Zeta", "Omega"], "no customer named `Zeta`; see `helpdesk customer list`");
}

#[test]
fn a_customer_without_tickets_is_removed_one_with_tickets_is_refused_saying_to_archive() {
    let d = desk();
    d.ok(&["customer", "add", "Mistake", "--tier", "none"]);
    d.ok(&["customer", "remove", "mistake"]);
    assert!(!d.ok(&["customer", "list", "--all"]).contains("Mistake"));
    d.fails(2, &["customer", "remove", "Mistake"], "no customer named `Mistake`; see `helpdesk customer list`");
    // Its name is free again.
    d.ok(&["customer", "add", "Mistake", "--tier", "none"]);
    d.fails(
        1,
        &["customer", "remove", "Acme"],
        "`Acme` has a ticket: a customer with tickets is not removed; archive it instead (helpdesk customer archive, or D in the customers view)",
    );
    assert!(d.ok(&["customer", "list"]).contains("Acme"));
}

/// bb8 #9: a customer with a contract in any month (a fee billed, now, before or later) is not removed,
/// tickets or not: its fees would vanish from every month not closed. Refused (exit 2, nothing
/// written) naming the contract and the remedy; a contract that was a mistake too is set to `none`
/// from its first month, and then the customer is removed.
#[test]
fn a_customer_with_a_contract_in_any_month_is_not_removed_and_its_fees_stay() {
    let d = desk();
    let fee_of = |name: &str, month: &str| -> String {
        let csv = d.ok(&["report", "month", month, "--format", "csv"]);
        csv.lines().find(|l| l.starts_with(name)).map(str::to_string).unwrap_or_default()
    };
    // In force now (since January, no tickets).
    d.ok(&["customer", "add", "Live", "--tier", "vip", "--since", "2026-01"]);
    let before = fee_of("Live", "2026-02");
    assert!(before.contains("5000.00"), "{before}");
    d.fails(
        2,
        &["customer", "remove", "Live"],
        "`Live` has a contract (VIP from 2026-01): its monthly fees are billed, so it is not removed; archive it instead (with its tier set to none from a month first: helpdesk customer tier, then helpdesk customer archive), or, if the contract was a mistake too, set its tier to none from 2026-01 and then remove it",
    );
    assert_eq!(fee_of("Live", "2026-02"), before);
    assert!(d.ok(&["customer", "list"]).contains("Live"));
    // Ended (fees January and February): refused too; archiving it is the way.
    d.ok(&["customer", "add", "Ended", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["customer", "tier", "Ended", "--tier", "none", "--from", "2026-03"]);
    let out = d.run(&["customer", "remove", "Ended"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("has a contract (PLUS from 2026-01)"), "{}", out.stderr);
    d.ok(&["customer", "archive", "Ended"]);
    assert!(!fee_of("Ended", "2026-02").is_empty());
    // Only from a later month: refused as well (the fee is to be billed).
    d.ok(&["customer", "add", "Future", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["customer", "tier", "Future", "--tier", "standard", "--from", "2026-06"]);
    let out = d.run(&["customer", "remove", "Future"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("from 2026-06"), "{}", out.stderr);
    // A contract that was a mistake too: none from its first month, then removed.
    d.ok(&["customer", "tier", "Future", "--tier", "none", "--from", "2026-06"]);
    d.ok(&["customer", "remove", "Future"]);
    assert!(!d.ok(&["customer", "list", "--all"]).contains("Future"));
}

/// bb8 #9's sibling: a tier change back-dated over months not closed yet changes their statements
/// (here their fees go): said, not silent. From this month on: nothing to say.
#[test]
fn a_tier_change_back_dated_over_open_months_says_their_statements_change() {
    let d = desk();
    let out = d.run(&["customer", "tier", "Acme", "--tier", "none", "--from", "2026-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "from 2026-01 back: the statements of 2026-01 to 2026-02, not closed yet, are billed with it now"
        ),
        "{}",
        out.stderr
    );
    let out = d.run(&["customer", "tier", "Acme Two", "--tier", "plus", "--from", "2026-03"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

#[test]
fn an_archived_customer_leaves_the_list_and_the_pickers_but_keeps_its_statements() {
    let d = desk();
    // A contract in force would go on billing its fee: archiving is refused until it ends.
    d.fails(
        2,
        &["customer", "archive", "Acme"],
        "`Acme` has a contract (VIP from 2026-01) in force from 2026-03 on: archiving would not end its monthly fee; set its tier to none from a month first",
    );
    d.ok(&["customer", "tier", "Acme", "--tier", "none", "--from", "2026-04"]);
    d.fails(
        2,
        &["customer", "archive", "Acme"],
        "`Acme` has a contract (VIP from 2026-01) in force from 2026-03 on: archiving would not end its monthly fee; set its tier to none from a month first",
    );
    // In Czech too the price list's name of the tier (bb5 #9: the stored `vip` was shown).
    let cs = d.run(&["--lang", "cs", "customer", "archive", "Acme"]);
    assert!(cs.stderr.contains("má smlouvu (VIP od 2026-01)"), "{}", cs.stderr);
    let mut d = d;
    d.at("2026-04-02T09:00:00+02:00");
    d.ok(&["customer", "archive", "Acme"]);
    let list = d.ok(&["customer", "list"]);
    let first_column = |l: &str| l.split("  ").next().unwrap_or("").trim().to_string();
    assert!(!list.lines().any(|l| first_column(l) == "Acme"), "{list}");
    assert!(list.lines().any(|l| first_column(l) == "Acme Two"), "{list}");
    let all = d.ok(&["customer", "list", "--all"]);
    assert!(all.contains("Acme (archived)"), "{all}");
    let json = d.json(&["customer", "list", "--all", "--format", "json"]);
    assert_eq!(json[0]["archived"], true, "{json}");
    // March's statement still bills its work.
    let march = d.json(&["report", "customer", "Acme", "--month", "2026-03", "--format", "json"]);
    assert!(march.to_string().contains("Printer down"), "{march}");
    // No new ticket and no ticket moved to it.
    d.fails(
        2,
        &["ticket", "open", "--customer", "Acme", "--title", "X"],
        "`Acme` is archived; unarchive it first to open a ticket for it",
    );
    d.ok(&["ticket", "open", "--customer", "Acme Two", "--title", "Y"]);
    d.fails(
        2,
        &["ticket", "set", "2", "--customer", "Acme"],
        "`Acme` is archived; unarchive it first to move a ticket to it",
    );
    d.fails(2, &["customer", "archive", "Acme"], "`Acme` is archived already");
    d.ok(&["customer", "unarchive", "acme"]);
    d.fails(2, &["customer", "unarchive", "acme"], "`Acme` is not archived");
    assert!(d.ok(&["customer", "list"]).contains("Acme"));
    d.ok(&["ticket", "set", "2", "--customer", "Acme"]);
}

/// A prefix picks among the customers in use: one archived away does not make it ambiguous, nor is it
/// named among the candidates; `customer unarchive` picks among the archived ones; an exact name still
/// finds an archived customer.
#[test]
fn a_prefix_picks_the_customer_in_use_and_unarchive_picks_the_archived_one() {
    let mut d = desk();
    d.ok(&["customer", "tier", "Acme", "--tier", "none", "--from", "2026-04"]);
    d.at("2026-04-02T09:00:00+02:00");
    d.ok(&["customer", "add", "Acme Three", "--tier", "none"]);
    d.ok(&["customer", "archive", "Acme"]);
    d.fails(
        2,
        &["ticket", "open", "--customer", "acm", "--title", "X"],
        "`acm` could be any of these customers: `Acme Three`, `Acme Two`; give more of the name",
    );
    d.ok(&["customer", "archive", "Acme Three"]);
    // `acm` now fits Acme Two alone among those in use.
    d.ok(&["ticket", "open", "--customer", "acm", "--title", "Y"]);
    assert_eq!(d.json(&["ticket", "show", "2", "--format", "json"])["customer"], "Acme Two");
    d.ok(&["ticket", "set", "1", "--customer", "acm"]);
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"])["customer"], "Acme Two");
    // The exact name of an archived customer still finds it.
    assert_eq!(d.json(&["customer", "show", "acme", "--format", "json"])["name"], "Acme");
    d.fails(
        2,
        &["ticket", "open", "--customer", "Acme", "--title", "Z"],
        "`Acme` is archived; unarchive it first to open a ticket for it",
    );
    // Unarchive picks among the archived: `acm` fits Acme and Acme Three (not Acme Two, in use).
    d.fails(
        2,
        &["customer", "unarchive", "acm"],
        "`acm` could be any of these customers: `Acme`, `Acme Three`; give more of the name",
    );
    d.ok(&["customer", "unarchive", "acme t"]);
    d.ok(&["customer", "unarchive", "acm"]);
    let list = d.ok(&["customer", "list"]);
    assert!(list.contains("Acme Three") && !list.contains("(archived)"), "{list}");
    assert_eq!(d.json(&["customer", "show", "acme", "--format", "json"])["name"], "Acme");
}

#[test]
fn ticket_set_with_nothing_to_change_names_every_option() {
    let d = desk();
    d.fails(
        2,
        &["ticket", "set", "1"],
        "nothing to change: give --status, --assignee, --title, --description, --kind, --resolve-by or --customer",
    );
}
