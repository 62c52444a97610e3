//! A sync and this copy's own file, through the built binary (black-box findings bb7 #5 and #12): a
//! mistyped `--db` (a file that does not exist) for `sync OTHER`, `sync import`, `sync new-identity` and
//! `sync serve` is refused up front naming it, and nothing is created; a database file given to `sync
//! import` is named as one; a copy's own data coming back to it (its own bundle, a stale file copy of it)
//! is refused every time, whatever it received since, and it never becomes its own peer.

use serde_json::Value;

mod cli_common;

use cli_common::files::{Files, snapshot};

const AT_10: &str = "2026-03-02T10:00:00+01:00";
const AT_12: &str = "2026-03-02T12:00:00+01:00";

impl Files {
    /// A team file with a customer and its laptop copy `a.db` (copy A).
    fn team_and_laptop() -> Files {
        let f = Files::new();
        f.ok(AT_10, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
        f.ok(AT_10, &["--db", "t.db", "sync", "clone", "t.db", "a.db"]);
        f
    }
}

const MISSING: &str = "helpdesk: typo.db does not exist; check --db (a sync needs a copy of the team: make one with \
                       `helpdesk sync clone TEAM_DB LAPTOP_DB`); nothing was created\n";

#[test]
fn a_sync_whose_own_file_does_not_exist_is_refused_up_front_naming_it_and_creates_nothing() {
    let f = Files::team_and_laptop();
    f.ok(AT_10, &["--db", "a.db", "sync", "export", "a.hds"]);
    let (team, laptop) = (snapshot(&f.path("t.db")), snapshot(&f.path("a.db")));
    for args in [
        &["--db", "typo.db", "sync", "a.db"][..],
        &["--db", "typo.db", "sync", "import", "a.hds"],
        &["--db", "typo.db", "sync", "new-identity", "t.db"],
    ] {
        let out = f.run(AT_10, args);
        assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (2, "", MISSING), "{args:?}");
        assert!(!f.path("typo.db").exists(), "{args:?} created the mistyped file");
    }
    // Over `--remote`, the serving side's missing file is what the asking side is told.
    let serve = format!("{} --db typo.db sync serve", env!("CARGO_BIN_EXE_helpdesk"));
    let out = f.run(AT_10, &["--db", "a.db", "sync", "--remote", &serve]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("the other side refused: typo.db does not exist; check --db (a sync needs a copy of the team"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("another team"), "{}", out.stderr);
    assert!(!f.path("typo.db").exists(), "sync serve created the mistyped file");
    assert_eq!((snapshot(&f.path("t.db")), snapshot(&f.path("a.db"))), (team, laptop));
}

#[test]
fn a_database_file_given_to_sync_import_is_named_as_one_with_the_command_that_syncs_with_it() {
    let f = Files::team_and_laptop();
    let laptop = snapshot(&f.path("a.db"));
    let out = f.run(AT_10, &["--db", "a.db", "sync", "import", "t.db"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "helpdesk: t.db is a helpdesk database file, not a bundle; to sync with it run `helpdesk sync t.db`\n")
    );
    assert_eq!(snapshot(&f.path("a.db")), laptop);
}

fn status(f: &Files, db: &str) -> Value {
    serde_json::from_str(&f.ok(AT_12, &["--db", db, "sync", "status", "--format", "json"]).stdout).unwrap()
}

#[test]
fn a_copy_given_its_own_data_back_is_refused_every_time_and_never_becomes_its_own_peer() {
    let f = Files::team_and_laptop();
    f.ok(AT_10, &["--db", "a.db", "--as", "anna", "ticket", "open", "--customer", "Acme", "--title", "offline"]);
    f.ok(AT_10, &["--db", "a.db", "sync", "export", "lap.hds"]);
    f.ok(AT_10, &["--db", "a.db", "backup", "a-old.db"]);
    let same = "helpdesk: that is this same copy; sync with another file\n";
    let first = f.run(AT_10, &["--db", "a.db", "sync", "import", "lap.hds"]);
    assert_eq!(first.stderr, same);
    assert_ne!(first.code, 0);
    // The laptop receives something from the team file; its own bundle and its stale file copy stay its own.
    f.ok(AT_10, &["--db", "t.db", "sync", "import", "lap.hds"]);
    f.ok(AT_10, &["--db", "t.db", "ticket", "open", "--customer", "Acme", "--title", "team work"]);
    f.ok(AT_10, &["--db", "t.db", "sync", "export", "team.hds", "--peer", "A"]);
    f.ok(AT_10, &["--db", "a.db", "sync", "import", "team.hds"]);
    let before = status(&f, "a.db");
    let files = (snapshot(&f.path("a.db")), snapshot(&f.path("a-old.db")));
    let again = f.run(AT_12, &["--db", "a.db", "sync", "import", "lap.hds"]);
    assert_eq!((again.code, again.stdout.as_str(), again.stderr.as_str()), (first.code, "", same));
    let stale = f.run(AT_12, &["--db", "a.db", "sync", "a-old.db"]);
    assert_eq!((stale.code, stale.stderr.as_str()), (first.code, same));
    assert_eq!((snapshot(&f.path("a.db")), snapshot(&f.path("a-old.db"))), files);
    let after = status(&f, "a.db");
    assert_eq!(after, before, "last synced and the peers move only on a real exchange");
    let own = after["device"].clone();
    assert!(after["peers"].as_array().unwrap().iter().all(|p| p["device"] != own), "{after}");
    f.ok(AT_12, &["--db", "a.db", "sync", "export", "next.hds"]);
}

/// A bundle given as a pipe (`sync import <(…)`, a named pipe) is read through the one opening: its
/// first bytes, looked at to tell a database from a bundle, are not lost, and the import does not wait
/// for a second writer (it hung before).
#[test]
fn a_bundle_read_from_a_pipe_is_imported_through_one_opening() {
    let f = Files::team_and_laptop();
    f.ok(AT_10, &["--db", "a.db", "--as", "anna", "ticket", "open", "--customer", "Acme", "--title", "from a pipe"]);
    f.ok(AT_10, &["--db", "a.db", "sync", "export", "lap.hds"]);
    let bundle = std::fs::read(f.path("lap.hds")).unwrap();
    let pipe = f.path("pipe.hds");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let writer = std::thread::spawn(move || std::fs::write(pipe, bundle));
    // An import that waits for ever is ended (exit 124).
    let out = f.run_within(60, AT_12, &["--db", "t.db", "sync", "import", "pipe.hds"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    writer.join().unwrap().unwrap();
    let tickets = f.json(AT_12, &["--db", "t.db", "ticket", "list", "--format", "json"]);
    assert!(tickets.to_string().contains("from a pipe"), "{tickets}");
}
