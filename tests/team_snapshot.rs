//! Issue 16: `team join` from a snapshot the server keeps (`team snapshot`), against a real PostgreSQL
//! (`tests/pg`): a replica joined from one (and the operations pushed after it) is the replica a replay
//! join makes, table by table, search index and log; it is a desk of its own; a snapshot that is
//! corrupt, incomplete or of another version means a replay join with one note; only the admin may
//! store snapshots (the server refuses anyone else); a replica with unshared changes makes none.

mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pg::Pg;

struct Machine(tempfile::TempDir);

impl Machine {
    fn new() -> Machine {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join("config")).unwrap();
        Machine(home)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.0.path())
            .env("HELPDESK_CONFIG_DIR", self.path("config"))
            .env("HELPDESK_NOW", "2026-03-02T10:00:00+01:00")
            .env("USER", "someone")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "helpdesk {args:?} failed ({}): {}", out.status, stderr(&out));
        stderr(&out)
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A team with technicians Alice, Bob, Carol and the viewer wally; Alice's desk holds a demo's history
/// (tickets, entries, comments, closed months), pushed to the server. Returns (admin URL, Alice's
/// machine, her replica).
fn team_with_history(pg: &Pg) -> (String, Machine, PathBuf) {
    pg.create("helpdesk", &[("alice", None), ("bob", None), ("carol", None), ("wally", None)]);
    let admin = Machine::new();
    let url = pg.socket_url("admin", "helpdesk");
    admin.ok(&["team", "init", &url]);
    for (role, name) in [("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")] {
        admin.ok(&["team", "add-technician", &url, role, name]);
    }
    admin.ok(&["team", "add-viewer", &url, "wally"]);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    for title in ["Printer jammed", "Mail relay down", "New laptop"] {
        a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", title]);
    }
    a.ok(&["--db", db(&ra), "ticket", "comment", "1", "Restarted the relay"]);
    a.ok(&["--db", db(&ra), "time", "add", "2", "--minutes", "90", "--note", "relay"]);
    (url, a, ra)
}

/// A replica's state tables, log (device, clock, actor, body) and search documents, and its device id.
fn contents(replica: &Path) -> (Vec<(String, String)>, Vec<String>, Vec<String>) {
    let store = helpdesk::store::Store::open_read_only(replica, "check").unwrap();
    let dump = store.state_dump().unwrap();
    let tables = dump
        .split("## ")
        .filter(|s| !s.is_empty())
        .map(|s| s.split_once('\n').map_or((s.to_string(), String::new()), |(t, r)| (t.into(), r.into())))
        .collect();
    let conn = rusqlite::Connection::open_with_flags(replica, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let log = rows(
        "SELECT hex(d.id) || ' ' || o.clock || ' ' || a.name || ' ' || hex(o.body)
         FROM oplog o JOIN devices d ON d.no = o.device JOIN actors a ON a.no = o.actor ORDER BY d.id, o.clock",
    );
    let search =
        rows("SELECT hex(ticket_id) || ' ' || title || ' ' || body || ' ' || open FROM search_docs ORDER BY 1");
    (tables, log, search)
}

fn meta(replica: &Path, key: &str) -> String {
    let conn = rusqlite::Connection::open_with_flags(replica, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).unwrap_or_default()
}

#[test]
fn a_replica_joined_from_a_snapshot_is_what_a_replay_join_makes_and_a_desk_of_its_own() {
    let Some(pg) = Pg::start() else { return };
    let (admin_url, a, ra) = team_with_history(&pg);
    // Only the admin stores snapshots: a technician and a viewer are refused, by the server itself.
    for role in ["alice", "wally"] {
        let out = a.run(&["--db", db(&ra), "team", "snapshot", "--url", &pg.socket_url(role, "helpdesk")]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("only the team's admin may store snapshots"), "{}", stderr(&out));
        let mut raw = pg.connect_as(role, "helpdesk");
        let refused = raw
            .execute("INSERT INTO helpdesk.snapshots (file_schema, log_format, cut, ops) VALUES (1, 1, '{}', 0)", &[]);
        assert_eq!(refused.unwrap_err().code().map(|c| c.code()), Some("42501"), "{role} may not write snapshots");
    }
    // A replica with changes the server does not have makes no snapshot.
    pg.stop();
    a.ok(&["--db", db(&ra), "ticket", "comment", "2", "Written offline"]);
    pg.start_again();
    let out = a.run(&["--db", db(&ra), "team", "snapshot", "--url", &admin_url]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("run `helpdesk team sync` on it first"), "{}", stderr(&out));
    a.ok(&["--db", db(&ra), "team", "sync"]);
    let made = a.ok(&["--db", db(&ra), "team", "snapshot", "--url", &admin_url]);
    assert!(made.contains("snapshot 1 stored"), "{made}");
    // The stored file holds nothing of Alice's desk: no binding, device, tag, peers or shared mark.
    let parts = pg.connect_as("wally", "helpdesk").query("SELECT data FROM helpdesk.snapshot_parts ORDER BY part", &[]);
    let compressed: Vec<u8> = parts.unwrap().iter().flat_map(|r| r.get::<_, Vec<u8>>(0)).collect();
    let stored = a.path("stored.db");
    std::fs::write(&stored, zstd::decode_all(compressed.as_slice()).unwrap()).unwrap();
    for key in ["team_server", "shared_up_to", "team_last_contact"] {
        assert_eq!(meta(&stored, key), "", "{key} is the maker's own");
    }
    assert_eq!(meta(&stored, "device_tag"), "");
    assert_ne!(meta(&stored, "device_id"), meta(&ra, "device_id"));
    let conn = rusqlite::Connection::open(&stored).unwrap();
    let peers: i64 = conn.query_row("SELECT count(*) FROM sync_peers", [], |r| r.get(0)).unwrap();
    assert_eq!(peers, 0, "the maker's peers");
    a.ok(&["--db", db(&ra), "ticket", "comment", "3", "After the snapshot"]);

    // Carol's desk starts from the snapshot, then pulls what came after it.
    let c = Machine::new();
    let rc = c.path("desk.db");
    let joined = c.ok(&["team", "join", &pg.socket_url("carol", "helpdesk"), "--db", db(&rc)]);
    assert!(joined.contains("started from the team's snapshot 1"), "{joined}");
    assert!(!joined.contains("replaying"), "{joined}");
    let docs = contents(&rc).2;
    assert!(docs.iter().any(|d| d.contains("After the snapshot")), "pulled after the snapshot: {docs:?}");
    // Bob's desk joins by replay: the snapshot's stored part is damaged now.
    pg.admin("helpdesk")
        .execute("UPDATE helpdesk.snapshot_parts SET data = set_byte(data, 100, 255 - get_byte(data, 100))", &[])
        .unwrap();
    let b = Machine::new();
    let rb = b.path("desk.db");
    let replayed = b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    assert!(replayed.contains("cannot be used") && replayed.contains("replaying"), "{replayed}");
    c.ok(&["--db", db(&rc), "team", "sync"]);
    a.ok(&["--db", db(&ra), "team", "sync"]);

    let (from_snapshot, by_replay) = (contents(&rc), contents(&rb));
    assert!(from_snapshot.1.len() > 10, "{}", from_snapshot.1.len());
    assert_eq!(from_snapshot.1, by_replay.1, "the logs differ");
    assert_eq!(from_snapshot.2, by_replay.2, "the search documents differ");
    assert!(from_snapshot.2.iter().any(|d| d.contains("After the snapshot")), "{:?}", from_snapshot.2);
    for ((table, rows), (_, other)) in from_snapshot.0.iter().zip(&by_replay.0) {
        assert_eq!(rows, other, "table {table} differs");
    }
    for (m, r) in [(&c, &rc), (&b, &rb)] {
        let check = m.run(&["--db", db(r), "check", "--replay"]);
        assert!(check.status.success(), "{}", stderr(&check));
    }
    // A desk of its own: nothing of Alice's desk (the snapshot's maker) is left in Carol's file.
    assert_ne!(meta(&rc, "device_id"), meta(&ra, "device_id"));
    assert_ne!(meta(&rc, "device_tag"), meta(&ra, "device_tag"));
    assert!(!meta(&rc, "team_server").contains("alice"), "{}", meta(&rc, "team_server"));
    assert!(!meta(&rc, "hlc").ends_with(&meta(&ra, "device_id")));
    // Its writes go both ways.
    c.ok(&["--db", db(&rc), "ticket", "comment", "1", "Carol was here"]);
    a.ok(&["--db", db(&ra), "team", "sync"]);
    a.ok(&["--db", db(&ra), "ticket", "comment", "1", "Alice answers"]);
    c.ok(&["--db", db(&rc), "team", "sync"]);
    let (ours, theirs) = (contents(&rc), contents(&ra));
    assert_eq!(ours.1, theirs.1, "Carol's and Alice's logs differ after syncing both ways");
    assert!(ours.2.iter().any(|d| d.contains("Carol was here") && d.contains("Alice answers")), "{:?}", ours.2);
    // `team status` shows the newest snapshot.
    let status = String::from_utf8(c.run(&["--db", db(&rc), "team", "status", "--format", "json"]).stdout).unwrap();
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["snapshot"]["made_by"], "admin", "{status}");
    assert!(status["snapshot"]["behind"].as_i64().unwrap() >= 3, "{status}");
    assert!(status["snapshot"]["compressed"].as_i64().unwrap() > 0, "{status}");
}

#[test]
fn a_damaged_incomplete_or_foreign_snapshot_means_a_replay_join_with_one_note() {
    let Some(pg) = Pg::start() else { return };
    let (admin_url, a, ra) = team_with_history(&pg);
    let damages: [(&str, &str); 5] = [
        ("a flipped byte", "UPDATE helpdesk.snapshot_parts SET data = set_byte(data, 200, 255 - get_byte(data, 200))"),
        ("a wrong hash", "UPDATE helpdesk.snapshots SET sha256 = repeat('0', 64)"),
        ("a part missing", "DELETE FROM helpdesk.snapshot_parts WHERE part = 0"),
        ("an incomplete snapshot", "UPDATE helpdesk.snapshots SET complete = false"),
        ("another schema version", "UPDATE helpdesk.snapshots SET file_schema = file_schema + 1"),
    ];
    for (i, (what, sql)) in damages.iter().enumerate() {
        a.ok(&["--db", db(&ra), "team", "snapshot", "--url", &admin_url]);
        pg.admin("helpdesk").batch_execute(sql).unwrap();
        let b = Machine::new();
        let rb = b.path(&format!("desk-{i}.db"));
        let out = b.run(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        let note: Vec<String> = stderr(&out).lines().filter(|l| l.contains("replaying")).map(String::from).collect();
        assert_eq!(note.len(), 1, "{what}: one note: {}", stderr(&out));
        assert!(!stderr(&out).contains("started from the team's snapshot"), "{what}: {}", stderr(&out));
        a.ok(&["--db", db(&ra), "team", "sync"]);
        let (got, want) = (contents(&rb), contents(&ra));
        assert_eq!(got.1, want.1, "{what}: the log differs from the team's");
        assert_eq!(got.2, want.2, "{what}: the search documents differ");
        let check = b.run(&["--db", db(&rb), "check"]);
        assert!(check.status.success(), "{what}: {}", stderr(&check));
        let left: Vec<String> = std::fs::read_dir(b.0.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("desk"))
            .collect();
        assert_eq!(left, [format!("desk-{i}.db")], "{what}: the replica alone, no scratch file");
    }
}

/// `team init --from TEAM_FILE`, then `team snapshot --db TEAM_FILE --url ADMIN_URL`: the team's first
/// snapshot is the file that moved in, and the first desk joins from it without a replay.
#[test]
fn the_team_file_moved_in_makes_the_first_snapshot() {
    let Some(pg) = Pg::start() else { return };
    pg.create("helpdesk", &[("alice", None)]);
    let admin = Machine::new();
    let file = admin.path("team.db");
    admin.ok(&["--db", db(&file), "demo", "--customers", "3", "--tickets", "40", "--entries", "300", "--seed", "16"]);
    let url = pg.socket_url("admin", "helpdesk");
    admin.ok(&["team", "init", &url, "--from", db(&file)]);
    admin.ok(&["team", "add-technician", &url, "alice", "Alice"]);
    // Without the admin's URL a file that is no replica names no server.
    let out = admin.run(&["--db", db(&file), "team", "snapshot"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    admin.ok(&["--db", db(&file), "team", "snapshot", "--url", &url]);
    let a = Machine::new();
    let ra = a.path("desk.db");
    let joined = a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    assert!(joined.contains("started from the team's snapshot 1"), "{joined}");
    let check = a.run(&["--db", db(&ra), "check", "--replay"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let (ours, theirs) = (contents(&ra), contents(&file));
    assert_eq!(ours.2, theirs.2, "the search documents differ from the team file's");
    assert_eq!(ours.1.len(), theirs.1.len() + 1, "the team file's log and the desk's claim");
    assert_ne!(meta(&ra, "device_id"), meta(&file, "device_id"));
}
