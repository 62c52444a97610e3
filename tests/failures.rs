//! Failures that must not cost data: a full disk, and two people editing the same ticket.

use chrono::{TimeZone, Utc};
use helpdesk::domain::{TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::store::{NewTicket, Store, StoreError, TicketChange};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

fn seeded(store: &mut Store) -> helpdesk::domain::TicketId {
    let c = store.add_customer("Acme", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now()).unwrap();
    let t = NewTicket {
        customer_id: c.id,
        title: "Shared".into(),
        description: String::new(),
        kind: TicketKind::Request,
        assignee: None,
        received_at: now(),
    };
    store.open_ticket(t, now()).unwrap().summary.id
}

#[test]
fn a_later_save_never_silently_overwrites_a_field_someone_else_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let mut alice = Store::open(&db, "alice").unwrap();
    let id = seeded(&mut alice);
    let mut bob = Store::open(&db, "bob").unwrap();

    let alice_view = alice.ticket(&id).unwrap().unwrap();
    let bob_view = bob.ticket(&id).unwrap().unwrap();
    bob.update_ticket_checked(&bob_view, vec![TicketChange::Status(TicketStatus::Waiting)], now()).unwrap();

    let err = alice
        .update_ticket_checked(&alice_view, vec![TicketChange::Status(TicketStatus::Resolved)], now())
        .unwrap_err();
    match &err {
        StoreError::Conflict { field, theirs, .. } => {
            assert_eq!(field, "status");
            assert_eq!(theirs, "waiting");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("someone else changed its status"));
    assert_eq!(alice.ticket(&id).unwrap().unwrap().status, TicketStatus::Waiting, "nothing was saved");

    // A field nobody else touched saves fine from the same stale view.
    alice.update_ticket_checked(&alice_view, vec![TicketChange::Assignee(Some("alice".into()))], now()).unwrap();
    let t = alice.ticket(&id).unwrap().unwrap();
    assert_eq!(t.assignee.as_deref(), Some("alice"));
    assert_eq!(t.status, TicketStatus::Waiting);
}

/// Mounts a tiny tmpfs (needs root, as CI has); returns None where mounting is not permitted.
fn tiny_disk(dir: &std::path::Path) -> Option<TinyDisk> {
    let mnt = dir.join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(TinyDisk(mnt))
}

struct TinyDisk(std::path::PathBuf);

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_the_write_cleanly_and_keeps_everything_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = tiny_disk(dir.path()) else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let db = disk.0.join("full.db");
    let mut store = Store::open(&db, "alice").unwrap();
    let id = seeded(&mut store);
    let body = "x".repeat(8 * 1024);
    let mut acknowledged = 0;
    let err = loop {
        match store.add_comment(&id, &format!("{acknowledged} {body}"), now()) {
            Ok(_) => acknowledged += 1,
            Err(e) => break e,
        }
        assert!(acknowledged < 10_000, "the disk never filled up");
    };
    eprintln!("disk full after {acknowledged} comments: {err}");
    assert!(acknowledged > 0);
    assert!(matches!(err, StoreError::DiskFull), "{err}");
    assert!(err.to_string().contains("disk holding the database is full"));
    // The failed write left nothing half-done, and the store still reads.
    assert_eq!(store.comments(&id).unwrap().len(), acknowledged);
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let n: i64 = conn.query_row("SELECT count(*) FROM comments", [], |r| r.get(0)).unwrap();
    assert_eq!(n, acknowledged as i64);
}
