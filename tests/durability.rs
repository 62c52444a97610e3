//! Team use on one file and nothing lost: concurrent writer processes, kill -9 mid-write, a writer
//! that stays busy, backups taken while others write, restores. Drives the real binary.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use helpdesk::store::Store;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_helpdesk"))
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    config: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("team.db");
        let config = dir.path().join("config");
        std::fs::create_dir(&config).unwrap();
        let f = Fixture { db, config, _dir: dir };
        f.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
        f.ok(&["ticket", "open", "--customer", "Acme", "--title", "Shared ticket"]);
        f
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.arg("--db").arg(&self.db).args(args).env("HELPDESK_CONFIG_DIR", &self.config).env_remove("HELPDESK_NOW");
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn writer(&self, label: &str, count: u32) -> Child {
        self.cmd(&["--as", label, "debug", "write-loop", "1", "--count", &count.to_string(), "--label", label])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn ids(&self, table: &str) -> Vec<String> {
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        let mut stmt = conn.prepare(&format!("SELECT id FROM {table}")).unwrap();
        // Ids are stored as 16-byte blobs; the text form is what the CLI prints.
        stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))
            .unwrap()
            .map(|b| helpdesk::store::codec::id_text(&b.unwrap()))
            .collect()
    }
}

/// Splits acknowledged lines (`comment <id>` / `entry <id>`) into the two id sets.
fn acked(lines: &[String]) -> (Vec<String>, Vec<String>) {
    let mut comments = Vec::new();
    let mut entries = Vec::new();
    for l in lines {
        match l.split_once(' ') {
            Some(("comment", id)) => comments.push(id.to_string()),
            Some(("entry", id)) => entries.push(id.to_string()),
            _ => panic!("unexpected output line {l:?}"),
        }
    }
    (comments, entries)
}

fn assert_exactly_once(acked: &[String], stored: &[String], what: &str) {
    let stored_set: HashSet<&String> = stored.iter().collect();
    assert_eq!(stored_set.len(), stored.len(), "duplicate {what} rows");
    for id in acked {
        assert!(stored_set.contains(id), "acknowledged {what} {id} is missing");
    }
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(result, "ok");
}

#[test]
fn eight_processes_write_concurrently_and_every_acknowledged_write_is_there_once() {
    let f = Fixture::new();
    const PROCESSES: usize = 8;
    const EACH: u32 = 25;
    let children: Vec<Child> = (0..PROCESSES).map(|i| f.writer(&format!("tech{i}"), EACH)).collect();
    let mut lines = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        lines.extend(String::from_utf8(out.stdout).unwrap().lines().map(str::to_string));
    }
    let (comments, entries) = acked(&lines);
    assert_eq!(comments.len(), PROCESSES * EACH as usize);
    assert_eq!(entries.len(), PROCESSES * EACH as usize);
    let stored_comments = f.ids("comments");
    let stored_entries = f.ids("time_entries");
    assert_exactly_once(&comments, &stored_comments, "comment");
    assert_exactly_once(&entries, &stored_entries, "time entry");
    assert_eq!(stored_comments.len(), comments.len());
    assert_eq!(stored_entries.len(), entries.len());
    let out = f.ok(&["check", "--replay"]);
    assert!(out.starts_with("ok:"), "{out}");
}

/// A small deterministic generator for kill points.
fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn kill_9_mid_write_never_loses_an_acknowledged_write_or_corrupts_the_file() {
    let f = Fixture::new();
    const KILLS: usize = 40;
    let mut seed = 2026;
    let mut all = Vec::new();
    for round in 0..KILLS {
        let mut child = f.writer(&format!("round{round}"), 1_000_000);
        let wanted = 1 + (next(&mut seed) % 12) as usize;
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        for _ in 0..wanted {
            line.clear();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            all.push(line.trim().to_string());
        }
        // SIGKILL while the writer is in the middle of its next transaction.
        child.kill().unwrap();
        child.wait().unwrap();
        // Lines it flushed after we stopped reading were acknowledged too.
        let mut rest = String::new();
        while reader.read_line(&mut rest).unwrap_or(0) > 0 {
            if rest.ends_with('\n') {
                all.push(rest.trim().to_string());
            }
            rest.clear();
        }
    }
    integrity_ok(&f.db);
    let (comments, entries) = acked(&all);
    assert!(comments.len() >= KILLS);
    assert_exactly_once(&comments, &f.ids("comments"), "comment");
    assert_exactly_once(&entries, &f.ids("time_entries"), "time entry");
    let out = f.ok(&["check", "--replay"]);
    assert!(out.starts_with("ok:"), "{out}");
    // And the file still takes writes.
    f.ok(&["ticket", "comment", "1", "after the crashes"]);
}

#[test]
fn a_writer_that_stays_busy_gives_exit_code_3_and_writes_nothing() {
    let f = Fixture::new();
    let before = f.ids("comments").len();
    let lock = rusqlite::Connection::open(&f.db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = f.cmd(&["ticket", "comment", "1", "blocked"]).env("HELPDESK_BUSY_TIMEOUT_MS", "200").output().unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("busy") && stderr.contains("try again"), "{stderr}");
    assert_eq!(f.ids("comments").len(), before);
}

#[test]
fn backup_while_another_process_writes_is_a_consistent_database() {
    let f = Fixture::new();
    let mut writer = f.writer("busy", 200);
    let target = f.db.with_file_name("backup.db");
    f.ok(&["backup", target.to_str().unwrap()]);
    let out = writer.wait().unwrap();
    assert!(out.success());
    integrity_ok(&target);
    let store = Store::open_read_only(&target, "check").unwrap();
    assert!(store.ticket_by_number(&"1".parse().unwrap()).unwrap().is_some());
    // A second backup to the same name is refused rather than overwriting.
    let again = f.cmd(&["backup", target.to_str().unwrap()]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn restore_checks_the_file_first_and_keeps_the_replaced_one() {
    let f = Fixture::new();
    let target = f.db.with_file_name("backup.db");
    f.ok(&["backup", target.to_str().unwrap()]);
    f.ok(&["ticket", "comment", "1", "written after the backup"]);
    assert_eq!(f.ids("comments").len(), 1);

    let garbage = f.db.with_file_name("garbage.db");
    std::fs::write(&garbage, "not a database at all").unwrap();
    let refused = f.cmd(&["restore", garbage.to_str().unwrap()]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a helpdesk database"));
    assert_eq!(f.ids("comments").len(), 1, "a refused restore changes nothing");

    f.ok(&["restore", target.to_str().unwrap()]);
    assert_eq!(f.ids("comments").len(), 0);
    let kept: Vec<_> = std::fs::read_dir(f.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("team.db.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let old = Store::open_read_only(&f.db.with_file_name(&kept[0]), "check").unwrap();
    let t = old.ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap();
    assert_eq!(old.comments(&t.id).unwrap().len(), 1);
}

#[test]
fn read_only_open_refuses_writes_with_a_clear_message() {
    let f = Fixture::new();
    let out = f.cmd(&["--read-only", "ticket", "comment", "1", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    let list = f.cmd(&["--read-only", "ticket", "list"]).output().unwrap();
    assert!(list.status.success());
    assert_eq!(f.ids("comments").len(), 0);
}
