//! Files written by every earlier schema version open and upgrade without loss. Each fixture in
//! tests/fixtures/ was made by the helpdesk of that schema version with the CLI (see the commands in
//! the test) and is copied before use, so the fixture itself is never changed.

use std::path::{Path, PathBuf};
use std::process::Command;

use helpdesk::store::{LATEST_VERSION, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(name);
    std::fs::copy(fixture(name), &db).unwrap();
    (dir, db)
}

fn count(store_path: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// schema-v1.db: 3 customers (STANDARD, VIP, none), 3 tickets, 1 comment, 3 time entries, a running
/// timer, a first response; its March 2026 report is in schema-v1.report-2026-03.json.
#[test]
fn schema_v1_upgrades_without_loss() {
    let (_dir, db) = copy_of("schema-v1.db");
    let mut store = Store::open(&db, "tester").unwrap();
    let version: i64 =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(count(&db, "customers"), 3);
    assert_eq!(count(&db, "tickets"), 3);
    assert_eq!(count(&db, "comments"), 1);
    assert_eq!(count(&db, "time_entries"), 3);
    assert_eq!(count(&db, "timers"), 1);
    let t = store.ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap();
    assert_eq!(t.title, "Faktura se netiskne");
    assert!(t.first_response_at.is_some());
    assert!(store.history(&t.id).unwrap().len() >= 4);

    // The log still rebuilds the same state after the upgrade.
    let before = store.state_dump().unwrap();
    store.rebuild_from_log().unwrap();
    assert_eq!(store.state_dump().unwrap(), before);
    drop(store);

    // The month report has every figure schema v1 computed (later versions add fields).
    let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .args(["--db", db.to_str().unwrap(), "report", "month", "2026-03", "--format", "json"])
        .env("HELPDESK_CONFIG_DIR", db.parent().unwrap().join("no-config"))
        .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&std::fs::read_to_string(fixture("schema-v1.report-2026-03.json")).unwrap()).unwrap();
    let actual: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(&expected) {
        for (key, value) in e {
            assert_eq!(a.get(key), Some(value), "{key} of {}", e["customer"]);
        }
    }

    // And it takes new writes.
    let mut store = Store::open(&db, "tester").unwrap();
    store.add_comment(&t.id, "after the upgrade", chrono::Utc::now()).unwrap();
}
