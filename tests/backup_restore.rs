//! Backups, restores and copies that nothing can cut in half: a write that comes during a restore
//! waits for it or fails busy (never acknowledged and then lost), a backup or a copy stopped half way
//! leaves nothing under its final name. The races are made exact with the binary's debug-build pause
//! points (`HELPDESK_TEST_PAUSE`), not with timing.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};

use helpdesk::store::Store;

struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let d = Desk { db: dir.path().join("live.db"), dir };
        d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
        d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
        d
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", self.dir.path().join("config"))
            .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
            .env("HELPDESK_USER", "alice")
            .arg("--db")
            .arg(&self.db)
            .args(args);
        c
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let out = self.cmd(args).envs(env.iter().copied()).output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().expect("exited normally"), text(out.stdout), text(out.stderr))
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args, &[]);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    }

    /// Starts `args` stopped at the pause point `at`: returns once it says it is there.
    fn paused(&self, args: &[&str], at: &str) -> (Child, BufReader<ChildStderr>) {
        let mut child = self
            .cmd(args)
            .env("HELPDESK_TEST_PAUSE", at)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        assert_eq!(line, format!("paused at {at}\n"), "{args:?} never reached the pause point `{at}`");
        (child, stderr)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn comment_bodies(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT body FROM comments ORDER BY body").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn go_on(mut child: Child, stderr: BufReader<ChildStderr>) -> (i32, String) {
    child.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = child.wait().unwrap();
    let rest: Vec<String> = stderr.lines().map(Result::unwrap).collect();
    (status.code().expect("exited normally"), rest.join("\n"))
}

#[test]
fn a_write_during_a_restore_waits_for_it_or_fails_busy_and_nothing_acknowledged_is_lost() {
    let d = Desk::new();
    let backup = d.path("bk.db");
    d.ok(&["backup", backup.to_str().unwrap()]);
    d.ok(&["ticket", "comment", "1", "BEFORE the restore"]);

    // The restore stops after it kept the replaced data and before it copies the backup in.
    let (restore, stderr) = d.paused(&["restore", backup.to_str().unwrap()], "restore-locked");
    let (code, _, err) = d.run(&["ticket", "comment", "1", "DURING the restore"], &[("HELPDESK_BUSY_TIMEOUT_MS", "0")]);
    let (restored, said) = go_on(restore, stderr);
    assert_eq!(restored, 0, "{said}");

    let kept = d.names().into_iter().find(|n| n.starts_with("live.db.replaced-")).expect("the replaced data is kept");
    let (live, kept) = (comment_bodies(&d.db), comment_bodies(&d.path(&kept)));
    assert_eq!(kept, ["BEFORE the restore"], "every write acknowledged before the restore is in the kept file");
    assert!(live.is_empty(), "the live file holds the backup: {live:?}");
    // The restore held the file: the write in between was refused as busy, not acknowledged and lost.
    assert_eq!(
        (code, err.as_str()),
        (3, "helpdesk: the database is busy (another helpdesk is writing to it); try again\n")
    );
    // Once the restore is done, writes go on into the restored data.
    d.ok(&["ticket", "comment", "1", "AFTER the restore"]);
    assert_eq!(comment_bodies(&d.db), ["AFTER the restore"]);
}

#[test]
fn restores_in_the_same_second_keep_each_replaced_file() {
    let d = Desk::new();
    let backup = d.path("bk.db");
    d.ok(&["backup", backup.to_str().unwrap()]);
    d.ok(&["ticket", "comment", "1", "first"]);
    d.ok(&["restore", backup.to_str().unwrap()]);
    d.ok(&["ticket", "comment", "1", "second"]);
    d.ok(&["restore", backup.to_str().unwrap()]);
    let kept: Vec<String> = d.names().into_iter().filter(|n| n.starts_with("live.db.replaced-")).collect();
    assert_eq!(kept, ["live.db.replaced-20260310T080000Z", "live.db.replaced-20260310T080000Z-2"]);
    assert_eq!(comment_bodies(&d.path(&kept[0])), ["first"]);
    assert_eq!(comment_bodies(&d.path(&kept[1])), ["second"]);
}

#[test]
fn a_write_during_a_backup_goes_on_and_the_backup_is_the_snapshot_it_started_from() {
    let d = Desk::new();
    d.ok(&["ticket", "comment", "1", "BEFORE the backup"]);
    let backup = d.path("bk.db");
    // The copy stops after its first page (one page a step in this test mode): half made.
    let (child, stderr) = d.paused(&["backup", backup.to_str().unwrap()], "backup-copying");
    d.ok(&["ticket", "comment", "1", "DURING the backup"]);
    d.ok(&["customer", "add", "Written meanwhile", "--tier", "vip", "--since", "2026-01"]);
    let (code, said) = go_on(child, stderr);
    assert_eq!(code, 0, "{said}");
    assert_eq!(comment_bodies(&backup), ["BEFORE the backup"], "the backup is the snapshot it started from");
    assert_eq!(comment_bodies(&d.db), ["BEFORE the backup", "DURING the backup"], "the write went on");
    let check = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .env("HELPDESK_CONFIG_DIR", d.path("config"))
        .args(["--db", backup.to_str().unwrap(), "check", "--replay"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn a_backup_killed_half_way_leaves_nothing_under_its_name_and_the_next_one_works() {
    let d = Desk::new();
    let backup = d.path("bk.db");
    let before = d.names();
    let (mut child, _stderr) = d.paused(&["backup", backup.to_str().unwrap()], "backup-started");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!backup.exists(), "a killed backup left {}", backup.display());
    let left: Vec<String> =
        d.names().into_iter().filter(|n| !before.contains(n) && !n.starts_with("live.db-")).collect();
    assert!(left.iter().all(|n| n.starts_with(".bk.db.tmp-")), "{left:?}");

    let (code, stdout, stderr) = d.run(&["backup", backup.to_str().unwrap()], &[]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(stderr, format!("backed up {} to {}\n", d.db.display(), backup.display()));
    let store = Store::open_read_only(&backup, "check").unwrap();
    assert!(store.ticket_by_number(&"1".parse().unwrap()).unwrap().is_some());
    let check = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .env("HELPDESK_CONFIG_DIR", d.path("config"))
        .args(["--db", backup.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn a_backup_into_a_missing_directory_names_it_and_creates_nothing() {
    let d = Desk::new();
    let target = d.path("nope/deeper/bk.db");
    let (code, _, stderr) = d.run(&["backup", target.to_str().unwrap()], &[]);
    assert_eq!(
        (code, stderr),
        (
            1,
            format!(
                "helpdesk: cannot create {}: the directory {} does not exist (create it first, or check the path)\n",
                target.display(),
                d.path("nope/deeper").display()
            )
        )
    );
    assert!(!d.path("nope").exists());
}

#[test]
fn a_copy_killed_half_way_leaves_no_twin_of_the_team_file_and_the_next_one_works() {
    let d = Desk::new();
    let laptop = d.path("laptop.db");
    let (mut child, _stderr) =
        d.paused(&["sync", "clone", d.db.to_str().unwrap(), laptop.to_str().unwrap()], "clone-copied");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!laptop.exists(), "a killed clone left a copy without its own identity");

    d.ok(&["sync", "clone", d.db.to_str().unwrap(), laptop.to_str().unwrap()]);
    let (team, copy) = (Store::open_read_only(&d.db, "t").unwrap(), Store::open_read_only(&laptop, "t").unwrap());
    assert_ne!(team.device(), copy.device());
    assert_eq!(copy.device_tag().unwrap(), "B", "copy A was reserved by the killed clone");
}

#[test]
fn a_restore_killed_half_way_changes_nothing_and_the_next_one_says_what_it_left_and_removes_it() {
    let d = Desk::new();
    let backup = d.path("bk.db");
    d.ok(&["backup", backup.to_str().unwrap()]);
    d.ok(&["ticket", "comment", "1", "kept"]);
    // Killed while it holds the write lock, the backup checked on its scratch copy, nothing copied in.
    let (mut child, _stderr) = d.paused(&["restore", backup.to_str().unwrap()], "restore-locked");
    child.kill().unwrap();
    child.wait().unwrap();
    let scratch = d.path("live.db.restoring");
    assert!(scratch.exists(), "the scratch copy is what a killed restore leaves");
    assert_eq!(comment_bodies(&d.db), ["kept"], "a killed restore changed the database");

    let (code, _, stderr) = d.run(&["restore", backup.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{stderr}");
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "removing {}: a restore stopped before it finished left it (its scratch copy of the backup); {} was not \
             changed by that restore",
            scratch.display(),
            d.db.display()
        )
    );
    assert!(!scratch.exists());
    assert!(comment_bodies(&d.db).is_empty(), "the backup was restored");
}

#[test]
fn compact_keeps_every_row_and_says_the_sizes_and_a_read_only_one_is_refused() {
    let d = Desk::new();
    for i in 0..20 {
        d.ok(&["ticket", "open", "--customer", "Acme", "--title", &format!("Ticket {i}")]);
        d.ok(&["time", "add", "1", "--minutes", "25", "--note", &format!("work {i}")]);
    }
    let report = d.ok(&["report", "month", "2026-03", "--format", "json"]);
    let tickets = d.ok(&["ticket", "list"]);
    let (code, stdout, stderr) = d.run(&["compact"], &[]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let db = d.db.display().to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(lines[0], format!("compacting {db} (on a big file this takes minutes; other writers wait)"));
    let sizes = lines[1].strip_prefix(&format!("compacted {db}: ")).expect(&stderr);
    let (before, after) = sizes.split_once(" bytes before, ").expect(&stderr);
    let before: u64 = before.parse().unwrap();
    let after: u64 = after.strip_suffix(" bytes now").expect(&stderr).parse().unwrap();
    assert!(after <= before, "{stderr}");
    assert_eq!(after, std::fs::metadata(&d.db).unwrap().len(), "the log was checkpointed into the file");
    assert_eq!(d.ok(&["report", "month", "2026-03", "--format", "json"]), report);
    assert_eq!(d.ok(&["ticket", "list"]), tickets);
    assert!(d.ok(&["check", "--replay"]).starts_with("ok: "));
    let (code, _, stderr) = d.run(&["--read-only", "compact"], &[]);
    assert_ne!(code, 0);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "a refusal is one line, nothing said to have begun: {stderr}");
}

/// First and last page of a table or index in the file beside its root page (SQLite's `dbstat`; every
/// root lies among the file's first pages, where `VACUUM` makes them).
fn pages_of(conn: &rusqlite::Connection, name: &str) -> (i64, i64) {
    conn.query_row(
        "SELECT min(pageno), max(pageno) FROM dbstat
         WHERE name = ?1 AND pageno != (SELECT rootpage FROM sqlite_schema WHERE name = ?1)",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// What the open tickets' search finds for the first word of an open ticket's title, and every
/// ticket's search for the same word.
fn found(db: &Path) -> (String, Vec<helpdesk::domain::TicketId>, Vec<helpdesk::domain::TicketId>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let title: String =
        conn.query_row("SELECT title FROM search_docs WHERE open = 1 ORDER BY doc LIMIT 1", [], |r| r.get(0)).unwrap();
    let word = title.split_whitespace().next().unwrap().to_string();
    let store = Store::open_read_only(db, "t").unwrap();
    let (open, all) =
        (store.search_ticket_ids(&word, true, 10_000).unwrap(), store.search_ticket_ids(&word, false, 10_000).unwrap());
    (word, open, all)
}

#[test]
fn compact_puts_the_small_tables_a_list_reads_before_the_open_tickets_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let helpdesk = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .env_clear()
            .env("HOME", dir.path())
            .env("HELPDESK_CONFIG_DIR", dir.path())
            .env("HELPDESK_NOW", "2026-11-25T10:00:00Z")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    helpdesk(&["demo", "--customers", "300", "--tickets", "3000", "--entries", "3000"]);
    let before = found(&db);
    assert!(!before.1.is_empty() && before.1.len() < before.2.len(), "{before:?}");
    let list = helpdesk(&["ticket", "list", "--open"]);
    helpdesk(&["compact"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (index, _) = pages_of(&conn, "search_open_data");
    for small in ["customers", "customers_name_key", "tier_changes"] {
        let (_, last) = pages_of(&conn, small);
        assert!(last < index, "{small} ends at page {last}, the open tickets' search index starts at {index}");
    }
    assert_eq!(found(&db), before, "the same tickets found, open and all");
    assert_eq!(helpdesk(&["ticket", "list", "--open"]), list);
    assert!(helpdesk(&["check"]).starts_with("ok: "), "the index holds exactly the open documents");
    // Kept in step after the compaction: a ticket closed leaves the open tickets' index.
    let first = helpdesk::store::codec::id_blob(before.1[0].as_str());
    let number: String = conn.query_row("SELECT number FROM tickets WHERE id = ?1", [&first], |r| r.get(0)).unwrap();
    drop(conn);
    helpdesk(&["ticket", "set", &number, "--status", "closed"]);
    let after = found(&db);
    assert_eq!(after.1.len() + 1, before.1.len());
    assert!(helpdesk(&["check"]).starts_with("ok: "));
}
