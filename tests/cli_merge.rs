//! Issue 11's inputs, through the built binary as a user types them: copies that get the same identity,
//! one time entry corrected on two copies, a timer left running over a weekend, the deadline instant —
//! and their siblings (a plain file copy of a laptop, a team file restored from a backup, `timer start`
//! over a forgotten timer, a timer whose month was closed meanwhile).

use std::io::BufRead;
use std::process::{Command, Stdio};

use serde_json::Value;

mod cli_common;

use cli_common::files::{Files, snapshot};

fn numbers(f: &Files, db: &str, now: &str) -> Vec<String> {
    let list = f.json(now, &["--db", db, "ticket", "list", "--format", "json"]);
    let mut out: Vec<String> =
        list.as_array().unwrap().iter().map(|t| format!("{} {}", t["number"].as_str().unwrap(), t["title"])).collect();
    out.sort();
    out
}

/// `--db DB` and then `args`.
fn on<'a>(db: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    [&["--db", db], args].concat()
}

const NOW: &str = "2026-03-02T10:00:00+01:00";

#[test]
fn two_copies_made_from_copies_of_the_team_file_are_refused_at_first_sync_until_one_takes_a_fresh_identity() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["--db", "team.db", "backup", "copy.db"]);
    let made = f.ok(NOW, &["sync", "clone", "team.db", "lap1.db"]);
    assert!(made.stderr.contains("(copy A:"), "{}", made.stderr);
    let made = f.ok(NOW, &["sync", "clone", "copy.db", "lap2.db"]);
    assert!(made.stderr.contains("(copy A:"), "an older copy of the team file hands out A again: {}", made.stderr);
    assert_eq!(
        f.ok(NOW, &["--db", "lap1.db", "ticket", "open", "--customer", "Kappa", "--title", "from laptop 1"]).stdout,
        "A-1\n"
    );
    assert_eq!(
        f.ok(NOW, &["--db", "lap2.db", "ticket", "open", "--customer", "Kappa", "--title", "from laptop 2"]).stdout,
        "A-1\n"
    );
    f.ok(NOW, &["--db", "lap1.db", "sync", "team.db"]);

    // Laptop 2's first sync is refused: exit 1, nothing changed on either side, the way out named.
    let (team_before, lap2_before) = (snapshot(&f.path("team.db")), snapshot(&f.path("lap2.db")));
    let refused = f.run(NOW, &["--db", "lap2.db", "sync", "team.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("two copies number their tickets with the tag `A`"), "{}", refused.stderr);
    assert!(refused.stderr.contains("Nothing was changed on either side."), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("`helpdesk --db lap2.db sync new-identity team.db`"),
        "names the command that gives the copy a fresh identity: {}",
        refused.stderr
    );
    assert_eq!(snapshot(&f.path("team.db")), team_before);
    assert_eq!(snapshot(&f.path("lap2.db")), lap2_before);

    // The fresh identity renumbers only the ticket no other copy has seen; then everything merges.
    let fresh = f.ok(NOW, &["--db", "lap2.db", "sync", "new-identity", "team.db"]);
    assert!(fresh.stderr.contains("this copy is now copy B (it was copy A)"), "{}", fresh.stderr);
    assert!(fresh.stderr.contains("ticket A-1 is now B-1 (no other copy had seen it)"), "{}", fresh.stderr);
    f.ok(NOW, &["--db", "lap2.db", "sync", "team.db"]);
    f.ok(NOW, &["--db", "lap1.db", "sync", "team.db"]);
    let both = ["A-1 \"from laptop 1\"", "B-1 \"from laptop 2\""];
    for db in ["team.db", "lap1.db", "lap2.db"] {
        assert_eq!(numbers(&f, db, NOW), both, "{db}");
    }
    // And laptop 2 keeps working and syncing (it used to fail with a raw FOREIGN KEY error).
    f.ok(NOW, &["--db", "lap2.db", "ticket", "comment", "B-1", "called back"]);
    f.ok(NOW, &["--db", "lap2.db", "sync", "team.db"]);
    let status = f.ok(NOW, &["--db", "lap2.db", "sync", "status"]).stdout;
    assert!(status.contains("changes not shared yet: 0"), "{status}");
}

#[test]
fn a_plain_file_copy_of_a_laptop_used_beside_it_is_refused_and_a_fresh_identity_merges_both() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    std::fs::copy(f.path("lap.db"), f.path("twin.db")).unwrap();
    f.ok(NOW, &["--db", "lap.db", "ticket", "open", "--customer", "Kappa", "--title", "on the laptop"]);
    f.ok(NOW, &["--db", "twin.db", "ticket", "open", "--customer", "Kappa", "--title", "on the twin"]);
    // Changes that replace each other on the twin (each names the one before): moved to the fresh
    // identity together, they still do, and no conflict appears.
    f.ok(NOW, &["--db", "twin.db", "ticket", "set", "A-1", "--status", "waiting"]);
    f.ok(NOW, &["--db", "twin.db", "ticket", "set", "A-1", "--status", "resolved"]);
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    let team_before = snapshot(&f.path("team.db"));
    let refused = f.run(NOW, &["--db", "twin.db", "sync", "team.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("Nothing was changed on either side."), "{}", refused.stderr);
    assert!(refused.stderr.contains("sync new-identity"), "{}", refused.stderr);
    assert_eq!(snapshot(&f.path("team.db")), team_before);

    f.ok(NOW, &["--db", "twin.db", "sync", "new-identity", "team.db"]);
    f.ok(NOW, &["--db", "twin.db", "sync", "team.db"]);
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    let expected = ["A-1 \"on the laptop\"", "B-1 \"on the twin\""];
    for db in ["team.db", "lap.db", "twin.db"] {
        assert_eq!(numbers(&f, db, NOW), expected, "{db}");
        assert_eq!(f.ok(NOW, &["--db", db, "sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
    }
}

/// Issue 11's stuck copy (a): a plain file copy of a laptop (one device id in two files) whose work
/// reached a third copy. The duplicate takes a fresh identity, and the third copy moves the duplicate's
/// work it holds to that same identity (whichever runs first: both derive it from the work itself), so
/// every file ends with both laptops' work, nothing lost or doubled, each number meaning one ticket.
#[test]
fn a_duplicate_whose_work_reached_a_third_copy_gets_out_whichever_file_moves_its_work_first() {
    for duplicate_first in [true, false] {
        let f = Files::new();
        let on_db = |db: &str, args: &[&str]| f.ok(NOW, &[&["--db", db], args].concat());
        on_db("team.db", &["customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
        f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
        f.ok(NOW, &["sync", "clone", "team.db", "other.db"]);
        std::fs::copy(f.path("lap.db"), f.path("dup.db")).unwrap();
        on_db("lap.db", &["ticket", "open", "--customer", "Kappa", "--title", "original"]);
        on_db("dup.db", &["ticket", "open", "--customer", "Kappa", "--title", "duplicate"]);
        on_db("dup.db", &["ticket", "set", "A-1", "--status", "waiting"]);
        on_db("lap.db", &["sync", "team.db"]);
        on_db("dup.db", &["sync", "other.db"]);
        on_db("other.db", &["ticket", "comment", "A-1", "seen on the third copy"]);
        on_db("dup.db", &["ticket", "set", "A-1", "--status", "open"]);
        let refused = f.run(NOW, &["--db", "other.db", "sync", "team.db"]);
        assert_eq!(refused.code, 1, "{}", refused.stderr);
        assert!(
            refused.stderr.contains(
                "other.db holds work of that copy that team.db lacks: move it to the copy's new identity with \
                 `helpdesk --db other.db sync new-identity team.db` (it keeps its own), then sync again."
            ),
            "{}",
            refused.stderr
        );
        let duplicate = || {
            let fresh = on_db("dup.db", &["sync", "new-identity", "team.db"]);
            assert!(fresh.stderr.contains("this copy is now copy C (it was copy A)"), "{}", fresh.stderr);
            assert!(fresh.stderr.contains("ticket A-1 is now C-1"), "{}", fresh.stderr);
        };
        let third = || {
            let moved = on_db("other.db", &["sync", "new-identity", "team.db"]);
            assert!(moved.stderr.contains("now belongs to copy C"), "{}", moved.stderr);
            assert!(moved.stderr.contains("ticket A-1 is now C-1"), "{}", moved.stderr);
        };
        if duplicate_first {
            duplicate();
            third();
        } else {
            third();
            duplicate();
        }
        for db in ["other.db", "dup.db", "lap.db", "other.db", "dup.db"] {
            on_db(db, &["sync", "team.db"]);
        }
        on_db("dup.db", &["sync", "other.db"]);
        let all = ["A-1 \"original\"", "C-1 \"duplicate\""];
        for db in ["team.db", "lap.db", "dup.db", "other.db"] {
            assert_eq!(numbers(&f, db, NOW), all, "{db} (duplicate first: {duplicate_first})");
            let shown = on_db(db, &["ticket", "show", "C-1", "--format", "json"]).stdout;
            assert!(
                shown.contains("seen on the third copy") && shown.contains("\"status\": \"open\""),
                "{db}: {shown}"
            );
            assert_eq!(on_db(db, &["sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
            assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
        }
        let again = on_db("other.db", &["sync", "team.db"]);
        assert!(again.stderr.contains("sent 0, received 0"), "{}", again.stderr);
    }
}

/// Issue 11's stuck copy (b): laptop 2 got laptop 1's tag from an older copy of the team file, opened a
/// ticket and made a copy of itself (which saw that ticket) before its first sync was refused. Its fresh
/// identity takes the number back from the ticket the sub-copy saw (it may be laptop 1's), as a change
/// the sub-copy applies when it syncs: every file ends with every ticket, each number meaning one
/// ticket, nothing lost or doubled.
#[test]
fn a_copy_made_from_a_laptop_before_it_took_a_fresh_identity_gets_the_laptops_tickets_renumbered_too() {
    let f = Files::new();
    let on_db = |db: &str, args: &[&str]| f.ok(NOW, &[&["--db", db], args].concat());
    on_db("team.db", &["customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    on_db("team.db", &["backup", "copy.db"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap1.db"]);
    f.ok(NOW, &["sync", "clone", "copy.db", "lap2.db"]);
    assert_eq!(
        on_db("lap1.db", &["ticket", "open", "--customer", "Kappa", "--title", "from laptop 1"]).stdout,
        "A-1\n"
    );
    assert_eq!(
        on_db("lap2.db", &["ticket", "open", "--customer", "Kappa", "--title", "from laptop 2"]).stdout,
        "A-1\n"
    );
    f.ok(NOW, &["sync", "clone", "lap2.db", "sub.db"]);
    assert_eq!(
        on_db("sub.db", &["ticket", "open", "--customer", "Kappa", "--title", "from the sub-copy"]).stdout,
        "A.A-1\n"
    );
    on_db("sub.db", &["ticket", "comment", "A-1", "seen on the sub-copy"]);
    on_db("lap1.db", &["sync", "team.db"]);
    assert_eq!(f.run(NOW, &["--db", "lap2.db", "sync", "team.db"]).code, 1, "the duplicated tag is refused");

    let fresh = on_db("lap2.db", &["sync", "new-identity", "team.db"]);
    assert!(fresh.stderr.contains("this copy is now copy B (it was copy A)"), "{}", fresh.stderr);
    assert!(fresh.stderr.contains("ticket A-1 is now B-1: a copy made from this one had seen it"), "{}", fresh.stderr);
    on_db("lap2.db", &["sync", "team.db"]);
    on_db("sub.db", &["sync", "lap2.db"]);
    on_db("sub.db", &["sync", "team.db"]);
    on_db("lap1.db", &["sync", "team.db"]);
    on_db("lap2.db", &["sync", "team.db"]);
    let all = ["A-1 \"from laptop 1\"", "A.A-1 \"from the sub-copy\"", "B-1 \"from laptop 2\""];
    for db in ["team.db", "lap1.db", "lap2.db", "sub.db"] {
        assert_eq!(numbers(&f, db, NOW), all, "{db}");
        let shown = on_db(db, &["ticket", "show", "B-1", "--format", "json"]).stdout;
        assert!(shown.contains("seen on the sub-copy"), "{db}: the sub-copy's comment is on laptop 2's ticket");
        assert_eq!(on_db(db, &["sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
        assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
    }
    let again = on_db("sub.db", &["sync", "team.db"]);
    assert!(again.stderr.contains("sent 0, received 0"), "{}", again.stderr);
}

/// The README's limit: a duplicated laptop whose work reached a third copy is refused between that copy
/// and the team file, changing nothing; the message names the device, in one readable line.
#[test]
fn a_duplicate_whose_work_reached_a_third_copy_is_refused_there_naming_its_device() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["sync", "clone", "team.db", "other.db"]);
    std::fs::copy(f.path("lap.db"), f.path("dup.db")).unwrap();
    f.ok(NOW, &["--db", "lap.db", "ticket", "open", "--customer", "Kappa", "--title", "original"]);
    f.ok(NOW, &["--db", "dup.db", "ticket", "open", "--customer", "Kappa", "--title", "duplicate"]);
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    f.ok(NOW, &["--db", "dup.db", "sync", "other.db"]);
    let device = f.ok(NOW, &["--db", "lap.db", "sync", "status"]).stdout;
    let device = device.lines().next().unwrap().split('…').nth(1).unwrap().trim_end_matches(')').to_string();
    let (team, other) = (snapshot(&f.path("team.db")), snapshot(&f.path("other.db")));
    let refused = f.run(NOW, &["--db", "other.db", "sync", "team.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.starts_with(&format!(
            "helpdesk: the two files hold different histories of the same copy (device …{device}): "
        )),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains(&format!("On the copy with device …{device} (")), "{}", refused.stderr);
    assert!(!refused.stderr.contains("  "), "one readable line, no run of spaces: {:?}", refused.stderr);
    assert_eq!((snapshot(&f.path("team.db")), snapshot(&f.path("other.db"))), (team, other));
}

#[test]
fn a_team_file_restored_from_a_backup_that_hands_out_a_number_again_is_refused_at_sync() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "team.db", "backup", "monday.db"]);
    f.ok(NOW, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "before the crash"]);
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    // The disk dies; Monday's backup comes back; someone opens a ticket before syncing.
    std::fs::remove_file(f.path("team.db")).unwrap();
    std::fs::copy(f.path("monday.db"), f.path("team.db")).unwrap();
    assert_eq!(
        f.ok(NOW, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "after the restore"]).stdout,
        "1\n"
    );
    let (team, lap) = (snapshot(&f.path("team.db")), snapshot(&f.path("lap.db")));
    let refused = f.run(NOW, &["--db", "lap.db", "sync", "team.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("Nothing was changed on either side."), "{}", refused.stderr);
    assert!(refused.stderr.contains("team.db is the team file and keeps its identity."), "{}", refused.stderr);
    assert!(
        !refused.stderr.contains("--db team.db sync new-identity"),
        "the team file cannot take one: {}",
        refused.stderr
    );
    assert_eq!((snapshot(&f.path("team.db")), snapshot(&f.path("lap.db"))), (team, lap));
}

#[test]
fn a_team_file_restored_with_helpdesk_restore_takes_its_lost_changes_back_from_its_copies_and_keeps_its_identity() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "team.db", "backup", "monday.db"]);
    let later = "2026-03-02T11:00:00+01:00";
    f.ok(later, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "before the crash"]);
    f.ok(later, &["--db", "lap.db", "sync", "team.db"]);
    f.ok(later, &["--db", "lap.db", "ticket", "open", "--customer", "Kappa", "--title", "on the laptop"]);
    // Monday's backup is restored; the team file syncs with its laptop before anyone writes to it.
    let after = "2026-03-02T12:00:00+01:00";
    f.ok(after, &["--db", "team.db", "restore", "monday.db"]);
    // A fresh identity is not the way: the team file keeps its own.
    let refused = f.run(after, &["--db", "team.db", "sync", "new-identity", "lap.db"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stderr,
        "helpdesk: this is the team file: it keeps its identity (its plain ticket numbers, and it alone prices \
         corrections); nothing was changed. If a sync with a copy clashed, give that copy the fresh identity: \
         `helpdesk --db COPY_DB sync new-identity team.db`\n"
    );
    let synced = f.run(after, &["--db", "lap.db", "sync", "team.db"]);
    assert_eq!(synced.code, 0, "{}", synced.stderr);
    let both = ["1 \"before the crash\"", "A-1 \"on the laptop\""];
    assert_eq!(numbers(&f, "team.db", after), both, "the team file's own lost ticket came back");
    let status = f.ok(after, &["--db", "team.db", "sync", "status"]).stdout;
    assert!(status.starts_with("this copy: team file"), "{status}");
    // And it goes on numbering after what it had handed out, and syncing.
    let next = f.ok(after, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "after"]);
    assert_eq!(next.stdout, "2\n");
    f.ok(after, &["--db", "lap.db", "sync", "team.db"]);
    assert_eq!(numbers(&f, "lap.db", after).len(), 3);
}

#[test]
fn one_time_entry_corrected_on_two_copies_is_billed_once_by_the_later_correction() {
    let f = Files::new();
    let team = |now: &str, args: &[&str]| f.ok(now, &[&["--db", "team.db"], args].concat());
    let lap = |now: &str, args: &[&str]| f.ok(now, &[&["--db", "lap.db"], args].concat());
    team(NOW, &["customer", "add", "Upsilon", "--tier", "none"]);
    team(
        NOW,
        &["ticket", "open", "--customer", "Upsilon", "--title", "Fix mail relay", "--at", "2026-03-02T09:00:00+01:00"],
    );
    team(NOW, &["time", "add", "1", "--minutes", "60", "--at", "2026-03-02T09:00:00+01:00", "--by", "+ann"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    let listed = team(NOW, &["time", "list", "1"]).stdout;
    let entry = listed.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    lap("2026-03-02T11:00:00+01:00", &["time", "correct", "1", &entry, "--minutes", "45"]);
    team("2026-03-02T11:05:00+01:00", &["time", "correct", "1", &entry, "--minutes", "30"]);
    // The entry keeps its id through corrections: both copies corrected the same entry.
    assert!(team(NOW, &["time", "list", "1"]).stdout.contains(&entry));
    lap("2026-03-02T12:00:00+01:00", &["sync", "team.db"]);

    let total = |db: &str| {
        let report = f.json(
            "2026-03-02T12:10:00+01:00",
            &["--db", db, "report", "customer", "Upsilon", "--month", "2026-03", "--format", "json"],
        );
        report["total_excl_vat"].as_str().unwrap().to_string()
    };
    for db in ["team.db", "lap.db"] {
        assert_eq!(total(db), "500.00", "{db}: one entry of 30 minutes");
        let conflicts = f.ok(NOW, &["--db", db, "sync", "conflicts"]).stdout;
        assert!(conflicts.contains("\tticket 1\ttime entry\tkept `30 min`\tother `45 min`\n"), "{db}: {conflicts}");
        assert_eq!(f.ok(NOW, &["--db", db, "check"]).code, 0);
    }
    let conflicts = team(NOW, &["sync", "conflicts"]).stdout;
    let id = conflicts.split('\t').next().unwrap().to_string();
    team("2026-03-02T13:00:00+01:00", &["sync", "resolve", &id, "--pick", "other"]);
    lap("2026-03-02T13:10:00+01:00", &["sync", "team.db"]);
    for db in ["team.db", "lap.db"] {
        assert_eq!(total(db), "750.00", "{db}: the other version, 45 minutes");
        assert_eq!(f.ok(NOW, &["--db", db, "sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
    }
}

/// Issue 11's remaining inputs: one entry corrected on copies A and B, A and B synced with each other,
/// then the team file with A alone — the team file holds both versions and lists the same conflict,
/// and picking the other value there closes it on A and B after a sync.
#[test]
fn a_conflict_merged_on_two_laptops_is_listed_on_the_team_file_too_and_settled_there_for_all() {
    let f = Files::new();
    let on_db = |db: &str, now: &str, args: &[&str]| f.ok(now, &[&["--db", db], args].concat());
    on_db("team.db", NOW, &["customer", "add", "Upsilon", "--tier", "none"]);
    on_db(
        "team.db",
        NOW,
        &["ticket", "open", "--customer", "Upsilon", "--title", "Relay", "--at", "2026-03-02T09:00:00+01:00"],
    );
    on_db(
        "team.db",
        NOW,
        &["time", "add", "1", "--minutes", "60", "--at", "2026-03-02T09:00:00+01:00", "--by", "+ann"],
    );
    f.ok(NOW, &["sync", "clone", "team.db", "a.db"]);
    f.ok(NOW, &["sync", "clone", "team.db", "b.db"]);
    let listed = on_db("team.db", NOW, &["time", "list", "1"]).stdout;
    let entry = listed.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    on_db("a.db", "2026-03-02T11:00:00+01:00", &["time", "correct", "1", &entry, "--minutes", "45"]);
    on_db("b.db", "2026-03-02T11:05:00+01:00", &["time", "correct", "1", &entry, "--minutes", "30"]);
    on_db("a.db", "2026-03-02T12:00:00+01:00", &["sync", "b.db"]);
    let merged = on_db("team.db", "2026-03-02T12:10:00+01:00", &["sync", "a.db"]);
    assert!(merged.stderr.contains("1 conflict"), "the team file's sync says it: {}", merged.stderr);
    let listed: Vec<String> =
        ["a.db", "b.db", "team.db"].iter().map(|db| on_db(db, NOW, &["sync", "conflicts"]).stdout).collect();
    assert!(listed[2].ends_with("\tticket 1\ttime entry\tkept `30 min`\tother `45 min`\n"), "{}", listed[2]);
    assert_eq!(listed[0], listed[2], "the same conflict, under the same id, on A");
    assert_eq!(listed[1], listed[2], "and on B");
    let id = listed[2].split('\t').next().unwrap().to_string();
    on_db("team.db", "2026-03-02T13:00:00+01:00", &["sync", "resolve", &id, "--pick", "other"]);
    on_db("a.db", "2026-03-02T13:10:00+01:00", &["sync", "team.db"]);
    on_db("b.db", "2026-03-02T13:20:00+01:00", &["sync", "team.db"]);
    for db in ["a.db", "b.db", "team.db"] {
        assert_eq!(on_db(db, NOW, &["sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
        let all = on_db(db, NOW, &["sync", "conflicts", "--all"]).stdout;
        assert!(all.starts_with(&format!("{id}\t")) && all.ends_with("\t(picked the other value)\n"), "{db}: {all}");
        let report =
            f.json(NOW, &["--db", db, "report", "customer", "Upsilon", "--month", "2026-03", "--format", "json"]);
        assert_eq!(report["total_excl_vat"], "750.00", "{db}: the other version, 45 minutes");
        assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
    }
}

/// Issue 11's remaining input: a timer switched on one copy and stopped on another bills each minute
/// once. ann starts a timer on ticket 1 on copy A; A syncs with B; on B (a later clock) she starts one
/// on ticket 2 at 10:00, which stops the first there; A, not knowing, stops the first at 10:30.
#[test]
fn a_timer_switched_on_another_copy_bills_the_ninety_minutes_worked_and_time_list_shows_the_cut() {
    let f = Files::new();
    let on_db = |db: &str, now: &str, args: &[&str]| f.ok(now, &[&["--db", db, "--as", "ann"], args].concat());
    let early = "2026-03-02T08:00:00+01:00";
    on_db("team.db", early, &["customer", "add", "Upsilon", "--tier", "none"]);
    on_db("team.db", early, &["ticket", "open", "--customer", "Upsilon", "--title", "one"]);
    on_db("team.db", early, &["ticket", "open", "--customer", "Upsilon", "--title", "two"]);
    f.ok(early, &["sync", "clone", "team.db", "a.db"]);
    f.ok(early, &["sync", "clone", "team.db", "b.db"]);
    on_db("a.db", "2026-03-02T09:00:00+01:00", &["timer", "start", "1"]);
    on_db("a.db", "2026-03-02T09:05:00+01:00", &["sync", "b.db"]);
    let switched = on_db("b.db", "2026-03-02T10:00:00+01:00", &["timer", "start", "2"]);
    assert!(switched.stderr.contains("stopped the timer on ticket 1: logged 1h"), "{}", switched.stderr);
    on_db("a.db", "2026-03-02T10:30:00+01:00", &["timer", "stop"]);
    on_db("b.db", "2026-03-02T10:30:00+01:00", &["timer", "stop"]);
    on_db("a.db", "2026-03-02T10:40:00+01:00", &["sync", "b.db"]);
    on_db("a.db", "2026-03-02T10:41:00+01:00", &["sync", "team.db"]);
    on_db("b.db", "2026-03-02T10:42:00+01:00", &["sync", "team.db"]);
    for db in ["a.db", "b.db", "team.db"] {
        let report =
            f.json(NOW, &["--db", db, "report", "customer", "Upsilon", "--month", "2026-03", "--format", "json"]);
        assert_eq!(report["total_excl_vat"], "1500.00", "{db}: 90 minutes at 1 000 CZK/h, not 120");
        let listed = on_db(db, NOW, &["time", "list", "1"]).stdout;
        let row = listed.lines().nth(1).unwrap();
        assert!(
            row.contains("  60  ann  technician  cut at 10:00 by the timer on ticket 2; it had booked 1h 30m"),
            "{db}: {listed}"
        );
        let json = f.json(NOW, &["--db", db, "time", "list", "1", "--format", "json"]);
        assert_eq!(json[0]["minutes"], 60);
        assert_eq!(json[0]["cut"]["ran_minutes"], 90, "{db}");
        assert_eq!(json[0]["cut"]["at"], "2026-03-02T10:00:00+01:00");
        assert_eq!(json[0]["cut"]["next_ticket"], "2");
        assert_eq!(on_db(db, NOW, &["sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
        assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
    }
}

#[test]
fn a_timer_left_running_over_a_weekend_books_nothing_until_told_what_was_worked() {
    let f = Files::new();
    let friday = "2026-04-03T17:00:00+02:00";
    let monday = "2026-04-06T09:00:00+02:00";
    f.ok(friday, &on("t.db", &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]));
    f.ok(friday, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Server"]));
    f.ok(friday, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Printer"]));
    f.ok(friday, &on("t.db", &["timer", "start", "1"]));
    let before = snapshot(&f.path("t.db"));

    let stop = f.run(monday, &on("t.db", &["timer", "stop"]));
    assert_eq!((stop.code, stop.stdout.as_str()), (2, ""));
    assert_eq!(
        stop.stderr,
        "helpdesk: alice's timer on ticket 1 has run 64h (since Fri 3 Apr 17:00), longer than \
         forgotten_timer_hours (10 h); nothing was booked and it keeps running. Book what was really worked: \
         `helpdesk timer stop --worked 1h30` (45, 1h30 or 1:30)\n"
    );
    // Starting another timer would stop it as it ran: refused the same way.
    let start = f.run(monday, &on("t.db", &["timer", "start", "2"]));
    assert_eq!(start.code, 2, "{}", start.stderr);
    assert!(start.stderr.contains("nothing was booked and it keeps running"), "{}", start.stderr);
    assert_eq!(snapshot(&f.path("t.db")), before, "nothing changed");
    let status = f.ok(monday, &on("t.db", &["timer", "status"])).stdout;
    assert!(status.lines().nth(1).is_some_and(|l| l.starts_with("alice  1 ") && l.contains("forgotten?")), "{status}");

    let booked = f.ok(monday, &on("t.db", &["timer", "stop", "--worked", "1:30"]));
    assert_eq!(booked.stdout, "stopped the timer on ticket 1: logged 1h 30m\n");
    assert_eq!(f.ok(monday, &on("t.db", &["timer", "status"])).stdout, "no timers running\n");
    let entries = f.ok(monday, &on("t.db", &["time", "list", "1"])).stdout;
    assert!(entries.contains("\t90\t") || entries.contains(" 90 "), "{entries}");

    // What was worked is accepted at any time, also for a timer that ran a few minutes.
    f.ok(monday, &on("t.db", &["timer", "start", "2"]));
    let short = f.ok("2026-04-06T09:10:00+02:00", &on("t.db", &["timer", "stop", "--worked", "45"]));
    assert_eq!(short.stdout, "stopped the timer on ticket 2: logged 45m\n");
    let bad = f.run(monday, &on("t.db", &["timer", "stop", "--worked", "soon"]));
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("helpdesk: --worked: `soon` is not a duration"), "{}", bad.stderr);
}

#[test]
fn a_timer_longer_than_one_entry_is_never_cut_to_24_hours() {
    let f = Files::new();
    std::fs::write(f.config.join("config.toml"), "forgotten_timer_hours = 72\n").unwrap();
    f.ok(
        "2026-04-06T08:00:00+02:00",
        &on("t.db", &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]),
    );
    f.ok("2026-04-06T08:00:00+02:00", &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Server"]));
    f.ok("2026-04-06T08:00:00+02:00", &on("t.db", &["timer", "start", "1"]));
    let stop = f.run("2026-04-07T14:00:00+02:00", &on("t.db", &["timer", "stop"]));
    assert_eq!(stop.code, 2, "{}", stop.stderr);
    assert!(stop.stderr.contains("has run 30h"), "{}", stop.stderr);
    assert!(stop.stderr.contains("longer than one time entry may hold (24h)"), "{}", stop.stderr);
}

#[test]
fn a_timer_whose_month_was_closed_meanwhile_is_stopped_as_a_correction_never_refused() {
    let f = Files::new();
    let april_night = "2026-04-30T23:00:00+02:00";
    f.ok(april_night, &["--db", "team.db", "customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    f.ok(april_night, &["--db", "team.db", "ticket", "open", "--customer", "Acme", "--title", "Night shift"]);
    f.ok(april_night, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(april_night, &["--db", "lap.db", "timer", "start", "1"]);
    // April is closed on the team file (the laptop's timer is not there yet) and the laptop syncs.
    let may = "2026-05-01T08:00:00+02:00";
    f.ok(may, &["--db", "team.db", "month", "close", "2026-04"]);
    // (The laptop's timer arrives on the team file too; stopping it there is the laptop's business.)
    f.ok(may, &["--db", "lap.db", "sync", "team.db"]);
    let stopped = f.ok("2026-05-01T08:30:00+02:00", &["--db", "lap.db", "timer", "stop", "--worked", "2h"]);
    assert_eq!(
        stopped.stdout,
        "stopped the timer on ticket 1: logged 2h — its month is closed, so recorded as a correction of the \
         closed month; the team file prices it when this copy syncs\n"
    );
    // And a new timer starts normally.
    f.ok("2026-05-01T08:31:00+02:00", &["--db", "lap.db", "timer", "start", "1"]);
    f.ok("2026-05-01T09:00:00+02:00", &["--db", "lap.db", "sync", "team.db"]);
    // The team file priced the two hours into May: 30 prepaid minutes of April were unused, so 90
    // minutes of overage at 800 CZK/h.
    let report = f.json(
        "2026-05-01T09:00:00+02:00",
        &["--db", "lap.db", "report", "customer", "Acme", "--month", "2026-05", "--format", "json"],
    );
    let adjustments = report["adjustments"].as_array().unwrap();
    assert_eq!(adjustments.len(), 1, "{report}");
    assert_eq!(adjustments[0]["amount"], "1200.00", "{report}");
}

/// A timer stopped on two copies whose month was closed between the stops: the conflict's other value
/// is picked on the laptop (not the pricer) and on the team file. Before, `--pick other` was refused
/// with advice to use a `--correction` that `sync resolve` does not have; now it is booked as a
/// correction of the closed month, as `timer stop` and `time correct --correction` are.
#[test]
fn picking_the_other_value_of_an_entry_in_a_closed_month_books_a_correction() {
    for (picker, priced_at_once) in [("lap.db", false), ("team.db", true)] {
        let f = Files::new();
        let night = "2026-04-30T23:00:00+02:00";
        f.ok(night, &["--db", "team.db", "customer", "add", "Upsilon", "--tier", "none"]);
        f.ok(night, &["--db", "team.db", "ticket", "open", "--customer", "Upsilon", "--title", "Night"]);
        f.ok(night, &["sync", "clone", "team.db", "lap.db"]);
        f.ok(night, &["--db", "lap.db", "--as", "ann", "timer", "start", "1"]);
        f.ok("2026-04-30T23:01:00+02:00", &["--db", "lap.db", "sync", "team.db"]);
        f.ok("2026-05-01T00:10:00+02:00", &["--db", "team.db", "--as", "ann", "timer", "stop"]);
        f.ok("2026-05-01T00:20:00+02:00", &["--db", "team.db", "month", "close", "2026-04"]);
        f.ok("2026-05-01T01:00:00+02:00", &["--db", "lap.db", "--as", "ann", "timer", "stop"]);
        f.ok("2026-05-01T01:10:00+02:00", &["--db", "lap.db", "sync", "team.db"]);
        let conflicts = f.ok(NOW, &["--db", picker, "sync", "conflicts"]).stdout;
        assert!(conflicts.contains("\tticket 1\ttime entry\tkept `120 min`\tother `70 min`"), "{conflicts}");
        let id = conflicts.split('\t').next().unwrap().to_string();
        let picked = f.ok("2026-05-01T02:00:00+02:00", &["--db", picker, "sync", "resolve", &id, "--pick", "other"]);
        assert_eq!(picked.stderr.contains("booked as a correction in 2026-05"), priced_at_once, "{}", picked.stderr);
        f.ok("2026-05-01T02:10:00+02:00", &["--db", "lap.db", "sync", "team.db"]);
        f.ok("2026-05-01T02:20:00+02:00", &["--db", "lap.db", "sync", "team.db"]);
        for db in ["team.db", "lap.db"] {
            let list = f.ok(NOW, &["--db", db, "time", "list", "1"]).stdout;
            assert_eq!(list.lines().count(), 2, "{db}: one entry: {list}");
            assert!(list.contains(" 70  ann  technician"), "{db}: the other value, 70 minutes: {list}");
            assert_eq!(f.ok(NOW, &["--db", db, "sync", "conflicts"]).stdout, "no open conflicts\n", "{db}");
            // April froze 70 minutes (1 250.00); the corrections of April add up to nothing.
            let may = f.json(
                "2026-05-01T03:00:00+02:00",
                &["--db", db, "report", "customer", "Upsilon", "--month", "2026-05", "--format", "json"],
            );
            let sum: f64 = may["adjustments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["amount"].as_str().unwrap().parse::<f64>().unwrap())
                .sum();
            assert_eq!(sum, 0.0, "{db} ({picker} picked): {may}");
            assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
        }
    }
}

#[test]
fn at_the_deadline_instant_itself_a_ticket_is_not_breached_yet() {
    let f = Files::new();
    // VIP, received Friday 12:00: due 16:00 (4 business hours).
    f.ok("2026-03-06T12:00:00+01:00", &on("v.db", &["customer", "add", "Vega", "--tier", "vip", "--since", "2026-01"]));
    f.ok("2026-03-06T12:00:00+01:00", &on("v.db", &["ticket", "open", "--customer", "Vega", "--title", "Down"]));
    f.ok("2026-03-06T12:00:00+01:00", &on("v.db", &["ticket", "open", "--customer", "Vega", "--title", "Slow"]));
    let state = |now: &str, number: &str| {
        let list = f.json(now, &on("v.db", &["ticket", "list", "--format", "json"]));
        let t = list.as_array().unwrap().iter().find(|t| t["number"] == number).unwrap().clone();
        (t["sla_state"].as_str().unwrap().to_string(), t["business_minutes_left"].as_i64().unwrap())
    };
    assert_eq!(state("2026-03-06T16:00:00+01:00", "1"), ("at_risk".to_string(), 0));
    assert_eq!(state("2026-03-06T16:00:01+01:00", "1").0, "breached");
    // A response at the deadline instant is met.
    f.ok("2026-03-06T16:00:00+01:00", &on("v.db", &["ticket", "respond", "2", "--resolve-by", "2026-03-10"]));
    assert_eq!(state("2026-03-06T17:00:00+01:00", "2").0, "met");
}

/// Two laptops that are both copy `A` (cloned from the team file and from a backup of it), laptop 1's
/// ticket already in the team file: laptop 2's sync clashes.
fn two_laptops_both_copy_a(f: &Files) {
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["--db", "team.db", "backup", "copy.db"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap1.db"]);
    f.ok(NOW, &["sync", "clone", "copy.db", "lap2.db"]);
    f.ok(NOW, &["--db", "lap1.db", "ticket", "open", "--customer", "Kappa", "--title", "from laptop 1"]);
    f.ok(NOW, &["--db", "lap2.db", "ticket", "open", "--customer", "Kappa", "--title", "from laptop 2"]);
    f.ok(NOW, &["--db", "lap1.db", "sync", "team.db"]);
}

#[test]
fn a_clash_over_sync_remote_is_refused_with_exit_1_and_the_way_out_on_both_sides() {
    let f = Files::new();
    two_laptops_both_copy_a(&f);
    let (team_before, lap2_before) = (snapshot(&f.path("team.db")), snapshot(&f.path("lap2.db")));
    let serve = format!("{} --db team.db sync serve", env!("CARGO_BIN_EXE_helpdesk"));
    let refused = f.run(NOW, &["--db", "lap2.db", "sync", "--remote", &serve]);
    assert_eq!(refused.code, 1, "an identity clash, not bad input: {}", refused.stderr);
    assert!(refused.stderr.contains("two copies number their tickets with the tag `A`"), "{}", refused.stderr);
    assert!(refused.stderr.contains("Nothing was changed on either side."), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("`helpdesk --db lap2.db sync new-identity TEAM_DB`"),
        "the way out, on this side: {}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("hung up"), "{}", refused.stderr);
    assert_eq!(snapshot(&f.path("team.db")), team_before);
    assert_eq!(snapshot(&f.path("lap2.db")), lap2_before);
    // The way out works with the team file at hand; then the remote sync merges.
    f.ok(NOW, &["--db", "lap2.db", "sync", "new-identity", "team.db"]);
    f.ok(NOW, &["--db", "lap2.db", "sync", "--remote", &serve]);
    assert_eq!(numbers(&f, "team.db", NOW), ["A-1 \"from laptop 1\"", "B-1 \"from laptop 2\""]);
}

#[test]
fn a_clashing_bundle_is_refused_with_exit_1_and_names_the_command_for_the_copy_that_made_it() {
    let f = Files::new();
    two_laptops_both_copy_a(&f);
    f.ok(NOW, &["--db", "lap2.db", "sync", "export", "lap2.hds", "--all"]);
    let team_before = snapshot(&f.path("team.db"));
    let refused = f.run(NOW, &["--db", "team.db", "sync", "import", "lap2.hds"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("Nothing was changed on either side."), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("run `helpdesk sync new-identity TEAM_DB` against the team file"),
        "{}",
        refused.stderr
    );
    assert_eq!(snapshot(&f.path("team.db")), team_before);
}

#[test]
fn a_bundle_for_a_copy_can_be_made_right_after_it_was_cloned() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "after the clone"]);
    let out = f.ok(NOW, &["--db", "team.db", "sync", "export", "team.hds", "--peer", "A"]);
    assert!(out.stderr.contains("for copy A"), "{}", out.stderr);
    f.ok(NOW, &["--db", "lap.db", "sync", "import", "team.hds"]);
    assert_eq!(numbers(&f, "lap.db", NOW), ["1 \"after the clone\""]);
}

#[test]
fn forgotten_timer_hours_of_0_is_refused_naming_the_key_and_its_range() {
    let f = Files::new();
    std::fs::write(f.config.join("config.toml"), "forgotten_timer_hours = 0\n").unwrap();
    let out = f.run(NOW, &on("t.db", &["timer", "status"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "helpdesk: bad configuration: {}: `forgotten_timer_hours` must be a whole number of hours from 1 to 168, \
             not 0\n",
            f.config.join("config.toml").display()
        )
    );
    assert!(!f.path("t.db").exists(), "nothing was created");
}

#[test]
fn a_two_file_sync_that_fails_on_the_second_file_says_which_file_has_what_and_a_rerun_finishes_it() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "lap.db", "ticket", "open", "--customer", "Kappa", "--title", "from the laptop"]);
    f.ok(NOW, &["--db", "team.db", "ticket", "open", "--customer", "Kappa", "--title", "from the team"]);
    let lap_before = snapshot(&f.path("lap.db"));
    // The team file commits what it received; applying to the laptop then fails (a full disk, injected).
    let failed =
        f.run_with(NOW, &["--db", "lap.db", "sync", "team.db"], &[("HELPDESK_TEST_PAUSE", "fail:sync-second-file")]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert_eq!(
        failed.stderr.lines().last().unwrap_or_default(),
        "helpdesk: lap.db did not receive the other copy's changes: the disk holding the database is full; nothing \
         was saved — free some space and try again (team.db did receive lap.db's changes, and keeps them.) Run the \
         same sync again to finish: it is safe, nothing is applied twice"
    );
    assert_eq!(snapshot(&f.path("lap.db")), lap_before, "the laptop is as it was");
    assert_eq!(numbers(&f, "team.db", NOW), ["1 \"from the team\"", "A-1 \"from the laptop\""]);
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    for db in ["team.db", "lap.db"] {
        assert_eq!(numbers(&f, db, NOW), ["1 \"from the team\"", "A-1 \"from the laptop\""], "{db}");
    }
    let status = f.ok(NOW, &["--db", "lap.db", "sync", "status"]).stdout;
    assert!(status.contains("changes not shared yet: 0"), "{status}");
}

/// A two-file sync commits file by file (see README, "Working offline"): killed at any point between two
/// commits, running the same sync again finishes it — both files end alike, the work in a closed month
/// is billed as one correction, nothing is applied twice, and one more sync moves nothing. Each point
/// is reached with the process stopped there (`HELPDESK_TEST_PAUSE`) and killed (SIGKILL).
#[test]
fn a_two_file_sync_killed_between_any_two_commits_is_finished_by_running_it_again() {
    let points = [
        "sync-received-not-priced",
        "sync-other-file-received",
        "sync-this-file-received",
        "sync-late-received",
        "sync-late-sent",
        "sync-peer-recorded-here",
        "sync-peer-recorded-there",
        "sync-shared-here",
    ];
    let mut reached = std::collections::BTreeSet::new();
    for (here, there) in [("lap.db", "team.db"), ("team.db", "lap.db")] {
        for point in points {
            let f = Files::new();
            let on_db = |db: &str, now: &str, args: &[&str]| f.ok(now, &[&["--db", db], args].concat());
            on_db("team.db", NOW, &["customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
            on_db(
                "team.db",
                NOW,
                &["ticket", "open", "--customer", "Kappa", "--title", "T", "--at", "2026-02-02T09:00:00+01:00"],
            );
            f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
            on_db("team.db", NOW, &["month", "close", "2026-02"]);
            // Work in February logged on the laptop, which does not know February was closed: the team
            // file bills it as a correction when it arrives. And one more change on each side.
            on_db(
                "lap.db",
                NOW,
                &["time", "add", "1", "--minutes", "90", "--at", "2026-02-20T10:00:00+01:00", "--by", "+bob"],
            );
            on_db("lap.db", NOW, &["ticket", "open", "--customer", "Kappa", "--title", "from the laptop"]);
            on_db("team.db", NOW, &["ticket", "open", "--customer", "Kappa", "--title", "from the team"]);
            let sync = ["--db", here, "sync", there];
            let mut child = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
                .current_dir(f.dir.path())
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", f.dir.path())
                .env("HELPDESK_CONFIG_DIR", &f.config)
                .env("HELPDESK_NOW", NOW)
                .env("HELPDESK_USER", "alice")
                .env("HELPDESK_TEST_PAUSE", point)
                .args(sync)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
            // Until it stops at the point (or ends without reaching it: then the line never comes).
            let paused = stderr.lines().map(Result::unwrap).any(|line| line == format!("paused at {point}"));
            child.kill().unwrap();
            child.wait().unwrap();
            if !paused {
                continue;
            }
            reached.insert(point);
            let again = f.ok(NOW, &sync);
            assert!(again.stderr.contains("synced with"), "{here} → {there} killed at {point}: {}", again.stderr);
            assert_eq!(snapshot(&f.path("team.db")), snapshot(&f.path("lap.db")), "killed at {point}: the same state");
            for db in ["team.db", "lap.db"] {
                let corrections =
                    f.json(NOW, &["--db", db, "report", "customer", "Kappa", "--month", "2026-03", "--format", "json"]);
                let lines = corrections["adjustments"].as_array().unwrap();
                assert_eq!(lines.len(), 1, "{here} → {there} killed at {point}, {db}: one correction: {lines:?}");
                assert_eq!(f.ok(NOW, &["--db", db, "check", "--replay"]).code, 0);
                let status = on_db(db, NOW, &["sync", "status"]).stdout;
                assert!(status.contains("changes not shared yet: 0"), "killed at {point}, {db}: {status}");
            }
            let once_more = f.ok(NOW, &sync);
            assert!(once_more.stderr.contains("sent 0, received 0"), "killed at {point}: {}", once_more.stderr);
        }
    }
    assert_eq!(reached.len(), points.len(), "every point was reached in one direction or the other: {reached:?}");
}

#[test]
fn a_tier_change_that_reaches_a_month_closed_meanwhile_is_reported_by_the_sync_not_silent() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "lap.db", "customer", "tier", "Acme", "--tier", "vip", "--from", "2026-02"]);
    f.ok(NOW, &["--db", "team.db", "month", "close", "2026-02"]);
    let synced = f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    let notes: Vec<&str> = synced.stderr.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(
        notes,
        ["note: Acme: tier vip from 2026-02 arrived after 2026-02 was closed; 2026-02 keeps tier standard and is not \
          billed again — to bill it under vip, reopen it (`helpdesk month reopen 2026-02`) and close it again on the \
          team file"],
        "{}",
        synced.stderr
    );
    // Said once: the next sync has nothing new to say.
    let again = f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    assert!(!again.stderr.contains("note: "), "{}", again.stderr);
}

#[test]
fn sync_new_identity_on_a_copy_whose_identity_is_not_in_question_is_refused_and_changes_nothing() {
    let f = Files::new();
    f.ok(NOW, &["--db", "team.db", "customer", "add", "Kappa", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f.ok(NOW, &["--db", "lap.db", "ticket", "open", "--customer", "Kappa", "--title", "on the laptop"]);
    let (team, lap) = (snapshot(&f.path("team.db")), snapshot(&f.path("lap.db")));
    let refused = f.run(NOW, &["--db", "lap.db", "sync", "new-identity", "team.db"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stderr,
        "helpdesk: lap.db does not clash with team.db: a sync between them goes through, so it keeps its identity; \
         nothing was changed. `sync new-identity` is for the copy a sync refused as a duplicate (the message names \
         it). If another sync named this copy's device although this file goes through, the other history of this \
         copy is in another file of it: the data `helpdesk restore` replaced here (kept beside it as \
         `lap.db.replaced-…`) or a duplicate of this file — copy that file (`cp lap.db.replaced-… recovered.db`), \
         run `helpdesk --db recovered.db sync new-identity team.db` and `helpdesk --db recovered.db sync team.db`: \
         its work arrives under new numbers\n"
    );
    assert_eq!((snapshot(&f.path("team.db")), snapshot(&f.path("lap.db"))), (team, lap));
    f.ok(NOW, &["--db", "lap.db", "sync", "team.db"]);
    assert_eq!(numbers(&f, "team.db", NOW), ["A-1 \"on the laptop\""]);
}

/// The open conflicts of `db` as `sync conflicts --format json` lists them: (id, field, kept, other).
fn conflicts_of(f: &Files, db: &str) -> Vec<(String, String, String, String)> {
    let list = f.json(NOW, &on(db, &["sync", "conflicts", "--format", "json"]));
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| (text(&c["id"]), text(&c["field"]), text(&c["kept"]), text(&c["other"])))
        .collect()
}

/// The team file with the customer Upsilon (no contract) and a laptop copy of it.
fn team_and_laptop_with_upsilon() -> Files {
    let f = Files::new();
    f.ok(NOW, &on("team.db", &["customer", "add", "Upsilon", "--tier", "none"]));
    f.ok(NOW, &on("team.db", &["ticket", "open", "--customer", "Upsilon", "--title", "Relay"]));
    f.ok(NOW, &["sync", "clone", "team.db", "lap.db"]);
    f
}

#[test]
fn a_customer_renamed_on_two_copies_takes_the_other_name_on_every_copy_with_pick_other() {
    let f = team_and_laptop_with_upsilon();
    f.ok("2026-03-02T10:00:00+01:00", &on("lap.db", &["customer", "rename", "Upsilon", "Upsilon a.s."]));
    f.ok("2026-03-02T10:05:00+01:00", &on("team.db", &["customer", "rename", "Upsilon", "Upsilon s.r.o."]));
    f.ok("2026-03-02T11:00:00+01:00", &on("lap.db", &["sync", "team.db"]));
    let listed = conflicts_of(&f, "team.db");
    assert_eq!(conflicts_of(&f, "lap.db"), listed, "the same conflict on both copies");
    let [(id, field, kept, other)] = &listed[..] else { panic!("one conflict: {listed:?}") };
    assert_eq!((&field[..], &kept[..], &other[..]), ("name", "Upsilon s.r.o.", "Upsilon a.s."));
    f.ok("2026-03-02T12:00:00+01:00", &on("lap.db", &["sync", "resolve", id, "--pick", "other"]));
    f.ok("2026-03-02T12:10:00+01:00", &on("lap.db", &["sync", "team.db"]));
    for db in ["team.db", "lap.db"] {
        let list = f.json(NOW, &on(db, &["customer", "list", "--format", "json"]));
        assert_eq!(list[0]["name"], "Upsilon a.s.", "{db}: the other name, picked on the laptop");
        assert_eq!(list.as_array().unwrap().len(), 1, "{db}");
        assert!(conflicts_of(&f, db).is_empty(), "{db}");
        let all = f.ok(NOW, &on(db, &["sync", "conflicts", "--all"])).stdout;
        assert!(all.starts_with(&format!("{id}\t")) && all.ends_with("\t(picked the other value)\n"), "{db}: {all}");
    }
}

#[test]
fn a_customer_archived_on_one_copy_while_both_rename_it_stays_archived_and_pick_other_names_it() {
    let f = team_and_laptop_with_upsilon();
    f.ok("2026-03-02T10:00:00+01:00", &on("lap.db", &["customer", "rename", "Upsilon", "Upsilon a.s."]));
    f.ok("2026-03-02T10:01:00+01:00", &on("lap.db", &["customer", "archive", "Upsilon a.s."]));
    f.ok("2026-03-02T10:05:00+01:00", &on("team.db", &["customer", "rename", "Upsilon", "Upsilon s.r.o."]));
    f.ok("2026-03-02T11:00:00+01:00", &on("lap.db", &["sync", "team.db"]));
    // Archive and rename are both kept: archived under the later name, the earlier name the other value.
    for db in ["team.db", "lap.db"] {
        assert_eq!(f.json(NOW, &on(db, &["customer", "list", "--format", "json"])), serde_json::json!([]), "{db}");
        let all = f.ok(NOW, &on(db, &["customer", "list", "--all"])).stdout;
        assert!(all.contains("Upsilon s.r.o. (archived)"), "{db}: {all}");
    }
    let listed = conflicts_of(&f, "team.db");
    let [(id, field, kept, other)] = &listed[..] else { panic!("one conflict: {listed:?}") };
    assert_eq!((&field[..], &kept[..], &other[..]), ("name", "Upsilon s.r.o.", "Upsilon a.s."));
    f.ok("2026-03-02T12:00:00+01:00", &on("team.db", &["sync", "resolve", id, "--pick", "other"]));
    f.ok("2026-03-02T12:10:00+01:00", &on("lap.db", &["sync", "team.db"]));
    for db in ["team.db", "lap.db"] {
        let all = f.ok(NOW, &on(db, &["customer", "list", "--all"])).stdout;
        assert!(all.contains("Upsilon a.s. (archived)"), "{db}: the other name, still archived: {all}");
        assert!(conflicts_of(&f, db).is_empty(), "{db}");
    }
}

#[test]
fn a_tier_set_from_one_month_on_two_copies_takes_the_other_tier_on_every_copy_with_pick_other() {
    let f = team_and_laptop_with_upsilon();
    f.ok(
        "2026-03-02T10:00:00+01:00",
        &on("lap.db", &["customer", "tier", "Upsilon", "--tier", "vip", "--from", "2026-04"]),
    );
    f.ok(
        "2026-03-02T10:05:00+01:00",
        &on("team.db", &["customer", "tier", "Upsilon", "--tier", "plus", "--from", "2026-04"]),
    );
    f.ok("2026-03-02T11:00:00+01:00", &on("lap.db", &["sync", "team.db"]));
    let listed = conflicts_of(&f, "lap.db");
    let [(id, field, kept, other)] = &listed[..] else { panic!("one conflict: {listed:?}") };
    assert_eq!((&field[..], &kept[..], &other[..]), ("tier from 2026-04", "plus", "vip"));
    f.ok("2026-03-02T12:00:00+01:00", &on("team.db", &["sync", "resolve", id, "--pick", "other"]));
    f.ok("2026-03-02T12:10:00+01:00", &on("lap.db", &["sync", "team.db"]));
    for db in ["team.db", "lap.db"] {
        let shown = f.json("2026-04-02T10:00:00+02:00", &on(db, &["customer", "show", "Upsilon", "--format", "json"]));
        assert_eq!(shown["tier"], "vip", "{db}: the other tier from April");
        assert!(conflicts_of(&f, db).is_empty(), "{db}");
    }
}

#[test]
fn a_ticket_moved_to_two_customers_goes_to_the_other_with_pick_other_but_not_while_it_is_archived() {
    let f = team_and_laptop_with_upsilon();
    for name in ["Phi", "Chi"] {
        f.ok(NOW, &on("team.db", &["customer", "add", name, "--tier", "none"]));
    }
    f.ok(NOW, &on("lap.db", &["sync", "team.db"]));
    f.ok("2026-03-02T10:00:00+01:00", &on("lap.db", &["ticket", "set", "1", "--customer", "Phi"]));
    f.ok("2026-03-02T10:05:00+01:00", &on("team.db", &["ticket", "set", "1", "--customer", "Chi"]));
    f.ok("2026-03-02T11:00:00+01:00", &on("lap.db", &["sync", "team.db"]));
    let listed = conflicts_of(&f, "team.db");
    let [(id, field, kept, other)] = &listed[..] else { panic!("one conflict: {listed:?}") };
    assert_eq!((&field[..], &kept[..], &other[..]), ("customer", "Chi", "Phi"));
    // Phi archived meanwhile takes no ticket: refused, saying how to go on, and nothing changes.
    f.ok("2026-03-02T11:30:00+01:00", &on("team.db", &["customer", "archive", "Phi"]));
    let before = snapshot(&f.path("team.db"));
    let refused = f.run("2026-03-02T12:00:00+01:00", &on("team.db", &["sync", "resolve", id, "--pick", "other"]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(refused.stderr, "helpdesk: `Phi` is archived; unarchive it first to move a ticket to it\n");
    assert_eq!(snapshot(&f.path("team.db")), before, "nothing written");
    f.ok("2026-03-02T12:05:00+01:00", &on("team.db", &["customer", "unarchive", "Phi"]));
    f.ok("2026-03-02T12:10:00+01:00", &on("team.db", &["sync", "resolve", id, "--pick", "other"]));
    f.ok("2026-03-02T12:20:00+01:00", &on("lap.db", &["sync", "team.db"]));
    for db in ["team.db", "lap.db"] {
        let shown = f.json(NOW, &on(db, &["ticket", "show", "1", "--format", "json"]));
        assert_eq!(shown["customer"], "Phi", "{db}: moved to the other customer");
        assert!(conflicts_of(&f, db).is_empty(), "{db}");
    }
}

#[test]
fn what_timer_stop_worked_says_beyond_the_run_is_never_cut_by_the_next_timer() {
    // `timer stop --worked 8h` half an hour after the start (the timer was started late), then another
    // timer at 13:00: what the person said is billed whole. The timer's version books the 30 minutes it
    // ran and a correction by hand books the 8 h, ending at the stop; one timer at a time cuts only what
    // a timer booked, so the start at 13:00 (or one on another copy) cuts nothing. Before, the 8 h
    // became 5 h there.
    let f = Files::new();
    let eight = "2026-04-06T08:00:00+02:00";
    f.ok(eight, &on("t.db", &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]));
    f.ok(eight, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Server"]));
    f.ok(eight, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Printer"]));
    f.ok(eight, &on("t.db", &["timer", "start", "1"]));
    f.ok("2026-04-06T08:30:00+02:00", &on("t.db", &["timer", "stop", "--worked", "8h"]));
    let start = f.ok("2026-04-06T13:00:00+02:00", &on("t.db", &["timer", "start", "2"]));
    assert_eq!(start.stderr, "timer started on ticket 2 for alice\n", "nothing is cut");
    f.ok("2026-04-06T14:00:00+02:00", &on("t.db", &["timer", "stop"]));
    let listed = f.json("2026-04-06T14:00:00+02:00", &on("t.db", &["time", "list", "1", "--format", "json"]));
    let minutes: Vec<u64> = listed.as_array().unwrap().iter().map(|e| e["minutes"].as_u64().unwrap()).collect();
    assert_eq!(minutes, [480], "{listed}");
    // Worked up to the stop, not into the future: 00:30 to 08:30.
    assert_eq!(listed[0]["started_at"], "2026-04-06T00:30:00+02:00", "{listed}");
    // The same when the next timer starts on a copy that never saw this one: merged, still 8 h.
    let g = Files::new();
    g.ok(eight, &on("t.db", &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]));
    g.ok(eight, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Server"]));
    g.ok(eight, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Printer"]));
    g.ok(eight, &["sync", "clone", "t.db", "lap.db"]);
    g.ok(eight, &on("t.db", &["timer", "start", "1"]));
    g.ok("2026-04-06T08:30:00+02:00", &on("t.db", &["timer", "stop", "--worked", "8h"]));
    g.ok("2026-04-06T09:00:00+02:00", &on("lap.db", &["timer", "start", "2"]));
    g.ok("2026-04-06T10:00:00+02:00", &on("lap.db", &["sync", "t.db"]));
    for db in ["t.db", "lap.db"] {
        let listed = g.json("2026-04-06T14:00:00+02:00", &on(db, &["time", "list", "1", "--format", "json"]));
        let minutes: Vec<u64> = listed.as_array().unwrap().iter().map(|e| e["minutes"].as_u64().unwrap()).collect();
        assert_eq!(minutes, [480], "{db}: {listed}");
    }
}

#[test]
fn an_at_in_the_future_is_refused_as_the_forms_refuse_it() {
    // What already happened — a ticket received, a response, work started — cannot lie ahead of the
    // clock (five minutes' slack for another machine's clock), on any command; nothing is written.
    let f = Files::new();
    let now = "2026-03-10T10:00:00+01:00";
    f.ok(now, &on("t.db", &["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]));
    f.ok(now, &on("t.db", &["ticket", "open", "--customer", "Acme", "--title", "Server"]));
    f.ok(now, &on("t.db", &["time", "add", "1", "--minutes", "30", "--at", "2026-03-10T09:00:00+01:00"]));
    let entry = f
        .ok(now, &on("t.db", &["time", "list", "1"]))
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let before = snapshot(&f.path("t.db"));
    let later = "2026-03-10T10:06:00+01:00";
    for args in [
        vec!["ticket", "open", "--customer", "Acme", "--title", "Later", "--at", later],
        vec!["ticket", "respond", "1", "--resolve-by", "2026-03-20", "--at", later],
        vec!["time", "add", "1", "--minutes", "30", "--at", later],
        vec!["time", "correct", "1", &entry, "--at", later],
    ] {
        let out = f.run(now, &on("t.db", &args));
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (
                2,
                "helpdesk: --at: `2026-03-10T10:06:00+01:00` lies in the future: only what has already happened can \
                 be recorded (a promised date is `--resolve-by`)\n"
            ),
            "{args:?}"
        );
    }
    assert_eq!(snapshot(&f.path("t.db")), before, "nothing written");
    // Within the slack: accepted.
    f.ok(
        now,
        &on("t.db", &["ticket", "respond", "1", "--resolve-by", "2026-03-20", "--at", "2026-03-10T10:04:00+01:00"]),
    );
}
