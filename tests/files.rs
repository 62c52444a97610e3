//! Database files: creation modes, damaged files refused untouched, `helpdesk check` finding damage.

use std::path::Path;
use std::process::Command;

use helpdesk::store::{Store, StoreError};

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn make_db(path: &Path) {
    let mut s = Store::open(path, "t").unwrap();
    for i in 0..300 {
        s.add_customer(
            &format!("Customer {i}"),
            &"x".repeat(200),
            helpdesk::domain::Tier::Standard,
            helpdesk::domain::YearMonth::new(2026, 1).unwrap(),
            chrono::Utc::now(),
        )
        .unwrap();
    }
    drop(s);
    // Fold the WAL into the main file so the bytes we damage are the real pages.
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;").unwrap();
}

#[cfg(unix)]
#[test]
fn new_files_are_private_or_group_shared_in_a_setgid_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.db");
    Store::open(&private, "t").unwrap();
    assert_eq!(std::fs::metadata(&private).unwrap().permissions().mode() & 0o777, 0o600);

    let shared_dir = dir.path().join("team");
    std::fs::create_dir(&shared_dir).unwrap();
    std::fs::set_permissions(&shared_dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let shared = shared_dir.join("team.db");
    Store::open(&shared, "t").unwrap();
    assert_eq!(std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777, 0o660);
}

#[test]
fn a_file_with_a_damaged_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.db");
    make_db(&db);
    let mut data = bytes(&db);
    for b in &mut data[100..1024] {
        *b = 0xA5;
    }
    std::fs::write(&db, &data).unwrap();
    let err = Store::open(&db, "t").err().expect("a damaged file must be refused");
    assert!(matches!(err, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged.db"), "{err}");
    assert_eq!(bytes(&db), data, "the refused file was changed");
    assert!(!dir.path().join("damaged.db-wal").exists());
}

#[test]
fn check_reports_damaged_data_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.db");
    make_db(&db);
    let mut data = bytes(&db);
    let page = 4096;
    let last = data.len() / page - 1;
    for b in &mut data[last * page + 8..last * page + 200] {
        *b = 0xFF;
    }
    std::fs::write(&db, &data).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .args(["--db", db.to_str().unwrap(), "check"])
        .env("HELPDESK_CONFIG_DIR", dir.path().join("cfg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!((stderr.contains("problem") || stderr.contains("damaged")) && stderr.contains("restore"), "{stderr}");
}
