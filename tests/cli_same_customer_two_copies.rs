//! The same customer added on two offline copies (black-box finding bb7 #8), through the built binary:
//! after the merge two customers read the same, and no command that names a customer picks one of them
//! silently — every one refuses (exit 2) naming both with their ids, `id:…` names each exactly; a name
//! that "reads the same" (`Zeta` renamed on one copy, `zéta` added on the other) likewise; a month
//! closed over both freezes each statement under its own customer.

use serde_json::Value;

mod cli_common;

use cli_common::files::Files;

const AT_10: &str = "2026-03-02T10:00:00+01:00";
const APRIL: &str = "2026-04-02T10:00:00+02:00";

/// The files, seen from a machine in Prague (as these tests were written).
fn prague() -> Files {
    Files { tz: "Europe/Prague", ..Files::new() }
}

impl Files {
    /// How many operations `db`'s log holds (to show a refusal wrote nothing).
    fn ops(&self, db: &str) -> usize {
        let store = helpdesk::store::Store::open_read_only(&self.dir.path().join(db), "test").unwrap();
        store.ops_missing_from(&Default::default()).unwrap().len()
    }

    /// The finding's input: a team file `t.db` with Acme, laptops `a.db` and `b.db` cloned from it, each
    /// adding `Omega s.r.o.` (standard since 2026-03) with a ticket and 20 minutes, then all synced.
    fn omega_on_two_copies() -> Files {
        let f = prague();
        f.ok(AT_10, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
        f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "a.db"]);
        f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "b.db"]);
        for (db, who, ticket) in [("a.db", "anna", "A-1"), ("b.db", "bob", "B-1")] {
            let contact = format!("signed by {who}");
            let add = ["--db", db, "customer", "add", "Omega s.r.o.", "--tier", "standard", "--since", "2026-03"];
            f.ok(AT_10, &[&add[..], &["--contact", &contact]].concat());
            f.ok(AT_10, &["--db", db, "--as", who, "ticket", "open", "--customer", "omega", "--title", who]);
            f.ok(AT_10, &["--db", db, "--as", who, "time", "add", ticket, "--minutes", "20"]);
        }
        for db in ["a.db", "b.db", "a.db"] {
            f.ok(AT_10, &["--db", db, "sync", "t.db"]);
        }
        f
    }

    /// The ids of the customers named `name` on `db` (from `customer list --format json`), by contact.
    fn ids(&self, db: &str, name: &str) -> Vec<(String, String)> {
        let list = self.json(AT_10, &["--db", db, "customer", "list", "--all", "--format", "json"]);
        let mut ids: Vec<(String, String)> = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["name"] == name)
            .map(|c| (c["contact"].as_str().unwrap().to_string(), c["id"].as_str().unwrap().to_string()))
            .collect();
        ids.sort();
        ids
    }
}

/// `id:` and the last 8 hex digits of a whole id: how the messages and `customer show` name a customer.
fn short(id: &str) -> String {
    let plain: String = id.chars().filter(|c| *c != '-').collect();
    format!("id:{}", &plain[plain.len() - 8..])
}

#[test]
fn every_command_naming_a_customer_two_copies_added_refuses_naming_both_with_their_ids() {
    let f = Files::omega_on_two_copies();
    let ids = f.ids("t.db", "Omega s.r.o.");
    assert_eq!(ids.len(), 2, "both adds arrived: {ids:?}");
    let before = f.ops("t.db");
    let commands: &[&[&str]] = &[
        &["customer", "show", "Omega s.r.o."],
        &["customer", "show", "omega"],
        &["customer", "rename", "OMEGA S.R.O.", "Omega a.s."],
        &["customer", "tier", "Omega s.r.o.", "--tier", "plus"],
        &["customer", "archive", "Omega s.r.o."],
        &["customer", "remove", "Omega s.r.o."],
        &["customer", "report-done", "Omega s.r.o.", "--date", "2026-03-02"],
        &["customer", "contact", "add", "Omega s.r.o.", "it@omega.test"],
        &["customer", "contact", "list", "Omega s.r.o."],
        &["customer", "domain", "add", "Omega s.r.o.", "omega.test"],
        &["report", "customer", "Omega s.r.o."],
        &["ticket", "open", "--customer", "Omega s.r.o.", "--title", "which one?"],
        &["ticket", "list", "--customer", "omega"],
        &["ticket", "set", "A-1", "--customer", "Omega s.r.o."],
    ];
    for args in commands {
        let out = f.run(AT_10, &[&["--db", "t.db"], *args].concat());
        assert_eq!(out.code, 2, "{args:?} must not pick one: {} {}", out.stdout, out.stderr);
        for (contact, id) in &ids {
            assert!(out.stderr.contains(&short(id)), "{args:?} names {id}: {}", out.stderr);
            assert!(out.stderr.contains(contact.as_str()), "{args:?} tells them apart: {}", out.stderr);
        }
        assert!(out.stderr.contains("customer merge"), "{args:?} says the remedy: {}", out.stderr);
    }
    assert_eq!(f.ops("t.db"), before, "nothing written by a refusal");
    // Each one by its id: the short form, the whole id, or its first characters.
    for (contact, id) in &ids {
        let first: String = id.chars().filter(|c| *c != '-').take(20).collect();
        for named in [short(id), format!("id:{id}"), format!("ID:{}", id.to_uppercase()), format!("id:{first}")] {
            let shown = f.json(AT_10, &["--db", "t.db", "customer", "show", &named, "--format", "json"]);
            assert_eq!((&shown["id"], &shown["contact"]), (&Value::from(id.as_str()), &Value::from(contact.as_str())));
        }
        let table = f.ok(AT_10, &["--db", "t.db", "customer", "show", &short(id)]).stdout;
        assert!(table.lines().any(|l| l.starts_with("id") && l.ends_with(&short(id))), "{table}");
    }
    // An id too short, not hex, or no customer's.
    for (typed, says) in [("id:12ab", "6 at least"), ("id:zzzzzzzz", "0-9 and a-f"), ("id:abcdef01", "no customer has")]
    {
        let out = f.run(AT_10, &["--db", "t.db", "customer", "show", typed]);
        assert_eq!(out.code, 2, "{typed}");
        assert!(out.stderr.contains(says), "{typed}: {}", out.stderr);
    }
}

#[test]
fn a_rename_by_id_renames_that_customer_only_and_both_become_names_again() {
    let f = Files::omega_on_two_copies();
    let ids = f.ids("t.db", "Omega s.r.o.");
    let bob = &ids[1].1;
    f.ok(AT_10, &["--db", "t.db", "customer", "rename", &short(bob), "Omega Bob"]);
    assert_eq!(f.ids("t.db", "Omega Bob"), vec![ids[1].clone()]);
    assert_eq!(f.ids("t.db", "Omega s.r.o."), vec![ids[0].clone()]);
    let shown = f.json(AT_10, &["--db", "t.db", "customer", "show", "Omega s.r.o.", "--format", "json"]);
    assert_eq!(shown["contact"], "signed by anna");
}

#[test]
fn a_name_that_reads_the_same_renamed_on_one_copy_and_added_on_another_is_never_picked_silently() {
    // The finding's `s22`: A renames Acme to `Zeta`, B adds `zéta`; `customer rename zéta …` renamed the
    // other customer.
    let f = prague();
    f.ok(AT_10, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "a.db"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "b.db"]);
    f.ok(AT_10, &["--db", "a.db", "customer", "rename", "Acme", "Zeta"]);
    f.ok(AT_10, &["--db", "b.db", "customer", "add", "zéta", "--tier", "none"]);
    for db in ["a.db", "b.db", "a.db"] {
        f.ok(AT_10, &["--db", db, "sync", "t.db"]);
    }
    for db in ["t.db", "a.db", "b.db"] {
        let before = f.ops(db);
        let out = f.run(AT_10, &["--db", db, "customer", "rename", "zéta", "Zeta Two"]);
        assert_eq!(out.code, 2, "{db}: {}", out.stderr);
        assert!(out.stderr.contains("`Zeta`") && out.stderr.contains("`zéta`"), "{db}: {}", out.stderr);
        assert_eq!(f.ops(db), before, "{db}: nothing renamed");
    }
    let list = f.json(AT_10, &["--db", "t.db", "customer", "list", "--format", "json"]);
    let id_of = |name: &str| list.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()["id"].clone();
    let zeta = id_of("zéta");
    f.ok(AT_10, &["--db", "t.db", "customer", "rename", &short(zeta.as_str().unwrap()), "Zeta Two"]);
    let list = f.json(AT_10, &["--db", "t.db", "customer", "list", "--format", "json"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Zeta", "Zeta Two"], "the one typed is renamed, not the other");
}

#[test]
fn a_month_closed_over_two_customers_of_one_name_freezes_each_statement_under_its_own_customer() {
    let f = Files::omega_on_two_copies();
    let ids = f.ids("t.db", "Omega s.r.o.");
    f.ok(APRIL, &["--db", "t.db", "month", "close", "2026-03"]);
    for ((_, id), ticket) in ids.iter().zip(["A-1", "B-1"]) {
        let named = short(id);
        let report =
            f.json(APRIL, &["--db", "t.db", "report", "customer", &named, "--month", "2026-03", "--format", "json"]);
        let lines: Vec<&str> =
            report["lines"].as_array().unwrap().iter().map(|l| l["ticket"].as_str().unwrap()).collect();
        assert_eq!(lines, [ticket], "{named}: its own work, frozen under it: {report}");
        assert_eq!(report["closed"], true);
    }
}

/// The note a sync prints when it makes two customers in use read the same.
const NOTE: &str = "note: two customers in use now read the same";

#[test]
fn the_sync_that_makes_two_customers_of_one_name_says_so_and_every_copy_lists_the_conflict() {
    let f = prague();
    f.ok(AT_10, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "a.db"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "b.db"]);
    for (db, who) in [("a.db", "anna"), ("b.db", "bob")] {
        f.ok(AT_10, &["--db", db, "customer", "add", "Omega s.r.o.", "--tier", "standard", "--contact", who]);
    }
    let first = f.ok(AT_10, &["--db", "a.db", "sync", "t.db"]);
    assert!(!first.stderr.contains(NOTE), "one Omega so far: {}", first.stderr);
    // Two-file sync: the team file and B each gain the pair.
    let second = f.ok(AT_10, &["--db", "b.db", "sync", "t.db"]);
    let ids = f.ids("t.db", "Omega s.r.o.");
    let (anna, bob) = (short(&ids[0].1), short(&ids[1].1));
    let (older, newer) = if ids[0].1 < ids[1].1 { (&anna, &bob) } else { (&bob, &anna) };
    assert!(second.stderr.contains(NOTE), "{}", second.stderr);
    assert!(second.stderr.contains(&format!("helpdesk customer merge {older} {newer}")), "{}", second.stderr);
    assert!(second.stderr.contains("1 conflict"), "{}", second.stderr);
    // A bundle: A gains it from the team file's bundle.
    f.ok(AT_10, &["--db", "t.db", "sync", "export", "for-a.hds", "--peer", "A"]);
    let imported = f.ok(AT_10, &["--db", "a.db", "sync", "import", "for-a.hds"]);
    assert!(imported.stderr.contains(NOTE), "{}", imported.stderr);
    for db in ["t.db", "a.db", "b.db"] {
        let listed = f.json(AT_10, &["--db", db, "sync", "conflicts", "--format", "json"]);
        let c = &listed.as_array().unwrap()[..];
        assert_eq!(c.len(), 1, "{db}: {listed}");
        assert_eq!((&c[0]["field"], &c[0]["customer"]), (&Value::from("same name"), &Value::from("Omega s.r.o.")));
        assert_eq!((c[0]["kept"].as_str(), c[0]["other"].as_str()), (Some(older.as_str()), Some(newer.as_str())));
        let id = c[0]["id"].as_str().unwrap().to_string();
        for (lang, field) in [("en", "same name"), ("cs", "stejné jméno")] {
            let text = f.ok(AT_10, &["--lang", lang, "--db", db, "sync", "conflicts"]).stdout;
            assert!(text.contains(&id) && text.contains(field) && text.contains(older.as_str()), "{db} {lang}: {text}");
        }
        // Settled only by a rename or a merge: --pick says so, writes nothing.
        let out = f.run(AT_10, &["--db", db, "sync", "resolve", &id, "--pick", "kept"]);
        assert_eq!(out.code, 2, "{db}: {}", out.stderr);
        assert!(out.stderr.contains("customer merge") && out.stderr.contains("customer rename"), "{}", out.stderr);
    }
    // A rename by id settles it on every copy, once synced.
    f.ok(AT_10, &["--db", "b.db", "customer", "rename", &bob, "Omega Bob"]);
    for db in ["b.db", "a.db", "b.db"] {
        f.ok(AT_10, &["--db", db, "sync", "t.db"]);
    }
    for db in ["t.db", "a.db", "b.db"] {
        assert_eq!(f.ok(AT_10, &["--db", db, "sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
    }
}

#[test]
fn a_rename_that_arrives_onto_a_name_another_copy_added_is_noted_too() {
    let f = prague();
    f.ok(AT_10, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "a.db"]);
    f.ok(AT_10, &["--db", "t.db", "customer", "add", "zéta", "--tier", "none"]);
    f.ok(AT_10, &["--db", "a.db", "customer", "rename", "Acme", "Zeta"]);
    let out = f.ok(AT_10, &["--db", "a.db", "sync", "t.db"]);
    assert!(
        out.stderr.contains(NOTE) && out.stderr.contains("`Zeta`") && out.stderr.contains("`zéta`"),
        "{}",
        out.stderr
    );
    let listed = f.json(AT_10, &["--db", "t.db", "sync", "conflicts", "--format", "json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
}

/// The statements of `month` on `db` whose customer is named `name`: (fee, billable minutes, tickets).
fn statements_of(f: &Files, now: &str, db: &str, month: &str, name: &str) -> Vec<(String, u64, Vec<String>)> {
    let report = f.json(now, &["--db", db, "report", "month", month, "--format", "json"]);
    report
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["customer"] == name)
        .map(|s| {
            let mut tickets: Vec<String> =
                s["lines"].as_array().unwrap().iter().map(|l| l["ticket"].as_str().unwrap().to_string()).collect();
            tickets.sort();
            tickets.dedup();
            (s["fee"].as_str().unwrap().to_string(), s["billable_minutes"].as_u64().unwrap(), tickets)
        })
        .collect()
}

/// The two customers of the open conflict on `db`: (older, newer) as `id:…`.
fn twin_ids(f: &Files, db: &str) -> (String, String) {
    let listed = f.json(AT_10, &["--db", db, "sync", "conflicts", "--format", "json"]);
    let c = &listed.as_array().unwrap()[0];
    (c["kept"].as_str().unwrap().to_string(), c["other"].as_str().unwrap().to_string())
}

#[test]
fn customer_merge_makes_one_customer_that_pays_one_fee_on_every_copy() {
    let f = Files::omega_on_two_copies();
    let (keep, other) = twin_ids(&f, "t.db");
    // What OTHER has besides its ticket: a contact and a mail domain.
    f.ok(AT_10, &["--db", "t.db", "customer", "contact", "add", &other, "it@omega.test", "--name", "Olga"]);
    f.ok(AT_10, &["--db", "t.db", "customer", "domain", "add", &other, "omega.test"]);
    assert_eq!(statements_of(&f, AT_10, "t.db", "2026-03", "Omega s.r.o.").len(), 2, "the finding: two fees");
    let out = f.ok(AT_10, &["--db", "t.db", "customer", "merge", &keep, &other]);
    assert!(out.stderr.contains("tickets 1, contacts 1, mail domains 1"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{other} bills no monthly fee from 2026-03")), "{}", out.stderr);
    // Only changes every helpdesk of this sync format knows: an older copy applies the merge.
    let store = helpdesk::store::Store::open_read_only(&f.dir.path().join("t.db"), "test").unwrap();
    let kinds: std::collections::BTreeSet<String> = store
        .ops_missing_from(&Default::default())
        .unwrap()
        .iter()
        .rev()
        .take(6)
        .map(|op| format!("{:?}", op.change).split([' ', '{', '(']).next().unwrap().to_string())
        .collect();
    drop(store);
    let known = ["TicketCustomerSet", "ContactAdded", "ContactRemoved", "MailDomainSet", "TierSet", "CustomerArchived"];
    assert!(kinds.iter().all(|k| known.contains(&k.as_str())), "{kinds:?}");
    for db in ["b.db", "a.db", "b.db"] {
        f.ok(AT_10, &["--db", db, "sync", "t.db"]);
    }
    for db in ["t.db", "a.db", "b.db"] {
        // One statement, one fee, both tickets' 40 minutes.
        let s = statements_of(&f, AT_10, db, "2026-03", "Omega s.r.o.");
        assert_eq!(s, [("950.00".to_string(), 60, vec!["A-1".to_string(), "B-1".to_string()])], "{db}");
        let list = f.json(AT_10, &["--db", db, "customer", "list", "--format", "json"]);
        let omegas: Vec<&Value> = list.as_array().unwrap().iter().filter(|c| c["name"] == "Omega s.r.o.").collect();
        assert_eq!(omegas.len(), 1, "{db}: {list}");
        assert_eq!(short(omegas[0]["id"].as_str().unwrap()), keep, "{db}");
        // The name means the one in use now; the archived one by its id.
        let shown = f.json(AT_10, &["--db", db, "customer", "show", "Omega s.r.o.", "--format", "json"]);
        assert_eq!((short(shown["id"].as_str().unwrap()), &shown["open_tickets"]), (keep.clone(), &Value::from(2)));
        let contacts = f.ok(AT_10, &["--db", db, "customer", "contact", "list", &keep]).stdout;
        assert!(contacts.contains("it@omega.test"), "{db}: {contacts}");
        assert_eq!(f.ok(AT_10, &["--db", db, "sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
        let check = f.ok(AT_10, &["--db", db, "check", "--replay"]).stdout;
        assert!(check.starts_with("ok"), "{db}: {check}");
    }
}

#[test]
fn a_merge_after_a_close_leaves_the_closed_month_as_billed_and_ends_the_fee_from_the_next() {
    let f = Files::omega_on_two_copies();
    let (keep, other) = twin_ids(&f, "t.db");
    f.ok(APRIL, &["--db", "t.db", "month", "close", "2026-03"]);
    let march = statements_of(&f, APRIL, "t.db", "2026-03", "Omega s.r.o.");
    let out = f.ok(APRIL, &["--db", "t.db", "customer", "merge", &keep, &other]);
    assert!(out.stderr.contains("have time in a closed month and stay with"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{other} bills no monthly fee from 2026-04")), "{}", out.stderr);
    assert_eq!(statements_of(&f, APRIL, "t.db", "2026-03", "Omega s.r.o."), march, "closed: as billed");
    let april = statements_of(&f, APRIL, "t.db", "2026-04", "Omega s.r.o.");
    assert_eq!(april.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["950.00"], "one fee from April: {april:?}");
}

#[test]
fn customer_merge_refuses_one_customer_twice_and_an_archived_keep_writing_nothing() {
    let f = Files::omega_on_two_copies();
    let (keep, other) = twin_ids(&f, "t.db");
    let before = f.ops("t.db");
    let out = f.run(AT_10, &["--db", "t.db", "customer", "merge", &keep, &keep]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("the same customer"), "{}", out.stderr);
    f.ok(AT_10, &["--db", "t.db", "customer", "add", "Old", "--tier", "none"]);
    f.ok(AT_10, &["--db", "t.db", "customer", "archive", "Old"]);
    let before_archived = f.ops("t.db");
    assert!(before_archived > before);
    let out = f.run(AT_10, &["--db", "t.db", "customer", "merge", "Old", &other]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("archived"), "{}", out.stderr);
    assert_eq!(f.ops("t.db"), before_archived, "nothing written");
}

#[test]
fn picking_the_other_customer_of_a_ticket_moves_it_to_that_customer_when_two_read_the_same() {
    // A ticket's customer conflict names both sides by name; `--pick other` looked the other one up by
    // it, so with two Omegas it could not (or, before lookups refused, took either).
    let f = Files::omega_on_two_copies();
    let ids = f.ids("t.db", "Omega s.r.o.");
    let (anna, bob) = (short(&ids[0].1), short(&ids[1].1));
    f.ok(AT_10, &["--db", "a.db", "ticket", "open", "--customer", "Acme", "--title", "moved twice"]);
    f.ok(AT_10, &["--db", "a.db", "sync", "t.db"]);
    f.ok(AT_10, &["--db", "b.db", "sync", "t.db"]);
    f.ok(AT_10, &["--db", "b.db", "ticket", "set", "A-2", "--customer", &bob]);
    let later = "2026-03-02T10:05:00+01:00";
    f.ok(later, &["--db", "a.db", "ticket", "set", "A-2", "--customer", &anna]);
    let sync_at = "2026-03-02T10:10:00+01:00";
    for db in ["a.db", "b.db"] {
        f.ok(sync_at, &["--db", db, "sync", "t.db"]);
    }
    let listed = f.json(sync_at, &["--db", "t.db", "sync", "conflicts", "--format", "json"]);
    let conflict = listed.as_array().unwrap().iter().find(|c| c["field"] == "customer").expect("a customer conflict");
    assert_eq!((&conflict["kept"], &conflict["other"]), (&Value::from("Omega s.r.o."), &Value::from("Omega s.r.o.")));
    let id = conflict["id"].as_str().unwrap();
    f.ok(sync_at, &["--db", "t.db", "sync", "resolve", id, "--pick", "other"]);
    let of_bob = f.json(sync_at, &["--db", "t.db", "ticket", "list", "--customer", &bob, "--format", "json"]);
    let numbers: Vec<&str> = of_bob.as_array().unwrap().iter().map(|t| t["number"].as_str().unwrap()).collect();
    assert!(numbers.contains(&"A-2"), "moved to bob's Omega: {numbers:?}");
}

/// The review's case: a month before the last closed one, open again (reopened for a correction), would
/// keep OTHER's fee while its tickets move to KEEP — two fees there. The merge is refused naming it,
/// nothing written; once it is closed again the merge goes through.
#[test]
fn a_merge_with_a_reopened_month_before_the_last_closed_one_is_refused_naming_it() {
    const MAY: &str = "2026-05-05T10:00:00+02:00";
    let f = Files::omega_on_two_copies();
    let (keep, other) = twin_ids(&f, "t.db");
    f.ok(MAY, &["--db", "t.db", "month", "close", "2026-03"]);
    f.ok(MAY, &["--db", "t.db", "month", "close", "2026-04"]);
    f.ok(MAY, &["--db", "t.db", "month", "reopen", "2026-03"]);
    let before = f.ops("t.db");
    let out = f.run(MAY, &["--db", "t.db", "customer", "merge", &keep, &other]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("2026-03 is open again while 2026-04 is closed"), "{}", out.stderr);
    assert_eq!(f.ops("t.db"), before, "nothing written");
    f.ok(MAY, &["--db", "t.db", "month", "close", "2026-03"]);
    f.ok(MAY, &["--db", "t.db", "customer", "merge", &keep, &other]);
}
