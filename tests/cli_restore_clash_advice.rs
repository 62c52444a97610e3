//! bb7 #3 and #7: a clash after a restore names the way out that works — the file that holds the other
//! history (a `.replaced-…` file `helpdesk restore` kept, the copy that holds changes a second restore of
//! the team file undid) — and never sends the user to a command that refuses, or to "make the changes
//! again" where a copy brings them back.

use serde_json::Value;

mod cli_common;

use cli_common::files::Files;

impl Files {
    /// The one file in the directory whose name starts with `prefix`.
    fn named(&self, prefix: &str) -> String {
        let names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(prefix))
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        names[0].clone()
    }

    /// "number title minutes" of each ticket of `db`, sorted.
    fn tickets(&self, now: &str, db: &str) -> Vec<String> {
        let list: Value =
            serde_json::from_str(&self.ok(now, &["--db", db, "ticket", "list", "--format", "json"]).stdout).unwrap();
        let mut out: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let n = t["number"].as_str().unwrap();
                let entries: Value =
                    serde_json::from_str(&self.ok(now, &["--db", db, "time", "list", n, "--format", "json"]).stdout)
                        .unwrap();
                let minutes: u64 = entries.as_array().unwrap().iter().map(|e| e["minutes"].as_u64().unwrap()).sum();
                format!("{n} {} {minutes}", t["title"].as_str().unwrap())
            })
            .collect();
        out.sort();
        out
    }
}

const NOW: &str = "2026-03-02T10:00:00+01:00";
const LATER: &str = "2026-03-02T11:00:00+01:00";

#[test]
fn a_bundle_made_before_its_laptop_was_restored_names_the_kept_file_and_that_way_out_works() {
    let f = Files::new();
    f.ok(NOW, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "t.db", "a.db"]);
    f.ok(NOW, &["--db", "a.db", "backup", "a.bak.db"]);
    f.ok(NOW, &["--db", "a.db", "ticket", "open", "--customer", "Acme", "--title", "X ticket"]);
    f.ok(NOW, &["--db", "a.db", "time", "add", "A-1", "--minutes", "30"]);
    f.ok(NOW, &["--db", "a.db", "sync", "export", "x.hds"]);
    f.ok(NOW, &["--db", "a.db", "restore", "a.bak.db"]);
    f.ok(NOW, &["--db", "a.db", "ticket", "open", "--customer", "Acme", "--title", "Y ticket"]);
    f.ok(NOW, &["--db", "a.db", "sync", "t.db"]);
    let refused = f.run(NOW, &["--db", "t.db", "sync", "import", "x.hds"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("This bundle was made by another file of copy …"), "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "copy it (`cp DB.replaced-… recovered.db`), then `helpdesk --db recovered.db sync new-identity t.db` and \
             `helpdesk --db recovered.db sync t.db`"
        ),
        "{}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("On the copy with device"), "{}", refused.stderr);
    // The laptop's own file does not clash: its refusal names the kept file instead of sending the user back.
    let refused = f.run(NOW, &["--db", "a.db", "sync", "new-identity", "t.db"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("(kept beside it as `a.db.replaced-…`)")
            && refused.stderr.contains("run `helpdesk --db recovered.db sync new-identity t.db`"),
        "{}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("run it against that file"), "{}", refused.stderr);
    // Doing as told brings X's work over under a new number.
    std::fs::copy(f.dir.path().join(f.named("a.db.replaced-")), f.dir.path().join("recovered.db")).unwrap();
    f.ok(LATER, &["--db", "recovered.db", "sync", "new-identity", "t.db"]);
    f.ok(LATER, &["--db", "recovered.db", "sync", "t.db"]);
    assert_eq!(f.tickets(LATER, "t.db"), ["A-1 Y ticket 0", "B-1 X ticket 30"]);
}

#[test]
fn a_copy_holding_what_a_second_restore_of_the_team_file_undid_is_told_to_take_a_fresh_identity() {
    let f = Files::new();
    f.ok(NOW, &["--db", "t.db", "customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["--db", "t.db", "customer", "add", "Beta", "--tier", "plus", "--since", "2026-01"]);
    f.ok(NOW, &["sync", "clone", "t.db", "a.db"]);
    f.ok(NOW, &["sync", "clone", "t.db", "b.db"]);
    f.ok(NOW, &["--db", "t.db", "backup", "t.bak.db"]);
    f.ok(NOW, &["--db", "t.db", "ticket", "open", "--customer", "Acme", "--title", "team 1"]);
    f.ok(NOW, &["--db", "a.db", "sync", "t.db"]);
    f.ok(NOW, &["--db", "t.db", "restore", "t.bak.db"]);
    f.ok(NOW, &["--db", "t.db", "ticket", "open", "--customer", "Beta", "--title", "team 1 after restore"]);
    f.ok(NOW, &["--db", "b.db", "sync", "t.db"]);
    // The team file wrote after its restore: it is the one to restore again, and making the changes
    // again is only for what no copy received.
    let refused = f.run(NOW, &["--db", "a.db", "sync", "t.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("restore it again from the data `helpdesk restore` kept"), "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "`helpdesk --db COPY_DB sync new-identity t.db` there brings it back under new numbers — make again only \
             the changes no copy received"
        ),
        "{}",
        refused.stderr
    );
    let kept = f.named("t.db.replaced-");
    f.ok(LATER, &["--db", "t.db", "restore", &kept]);
    f.ok(LATER, &["--db", "a.db", "sync", "t.db"]);
    // Now b.db holds what the second restore undid: it is told to move it, not to restore the team file
    // again (already done) — in a sync of the two files and in the team file's import of b's bundle.
    let refused = f.run(LATER, &["--db", "b.db", "sync", "t.db"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "t.db was restored and has written nothing since, so it holds the team's history as restored; b.db holds \
             changes of the team file from a state that restore undid. Move them to a fresh identity with \
             `helpdesk --db b.db sync new-identity t.db`"
        ),
        "{}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("restore it again"), "{}", refused.stderr);
    f.ok(LATER, &["--db", "b.db", "sync", "export", "b.hds"]);
    let refused = f.run(LATER, &["--db", "t.db", "sync", "import", "b.hds"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("`helpdesk --db COPY_DB sync new-identity t.db`"), "{}", refused.stderr);
    assert!(!refused.stderr.contains("restore it again"), "{}", refused.stderr);
    // Doing as told: both tickets on the team file, once each.
    f.ok(LATER, &["--db", "b.db", "sync", "new-identity", "t.db"]);
    f.ok(LATER, &["--db", "b.db", "sync", "t.db"]);
    assert_eq!(f.tickets(LATER, "t.db"), ["1 team 1 0", "C-1 team 1 after restore 0"]);
}
