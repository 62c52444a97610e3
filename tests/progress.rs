//! Long work reports how far it got, in its own unit, up to a total known in advance: the demo by
//! tickets, check by stage and its replay by operation, backup and copies by bytes, restore by stage
//! and pages. (The bars that draw it are in `cli::progress`; `tests/conventions.rs` sees them on a
//! pseudo-terminal.)

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use helpdesk::config::Settings;
use helpdesk::demo::{self, DemoOptions};
use helpdesk::progress::{Progress, Unit};
use helpdesk::store::Store;

type Seen = Arc<Mutex<Vec<(String, Unit, u64, u64)>>>;

fn collector() -> (Progress, Seen) {
    let seen: Seen = Arc::default();
    let s = Arc::clone(&seen);
    (
        Progress::new(move |stage, unit, done, total| s.lock().unwrap().push((stage.to_string(), unit, done, total))),
        seen,
    )
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-10T09:00:00+01:00").unwrap().with_timezone(&Utc)
}

/// A small demo in a file.
fn demo_file(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("live.db"), "alice").unwrap();
    let settings = Settings::defaults();
    store.use_business_zone(settings.calendar.time_zone()).unwrap();
    let opts = DemoOptions { customers: 6, tickets: 120, entries: 200, open: Some(20), seed: 3, now: now() };
    let mut reports = Vec::new();
    demo::generate(&mut store, &settings, &opts, |p| reports.push(p)).unwrap();
    let last = reports.last().expect("the demo reported after its transaction");
    assert_eq!((last.tickets, last.of), (120, 120), "every ticket planned");
    store
}

/// The reports of one stage.
fn stage(seen: &Seen, name: &str) -> Vec<(Unit, u64, u64)> {
    seen.lock().unwrap().iter().filter(|(s, ..)| s == name).map(|(_, u, d, t)| (*u, *d, *t)).collect()
}

#[test]
fn check_reports_its_stages_and_replays_operation_by_operation_against_their_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    let (progress, seen) = collector();
    store.report_progress_to(progress);
    let report = store.check(true).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let stages: Vec<String> = seen.lock().unwrap().iter().map(|(s, ..)| s.clone()).collect();
    for expected in
        ["checking the file's structure", "recomputing month totals", "replaying the operation log", "checked"]
    {
        assert!(stages.iter().any(|s| s == expected), "no `{expected}` in {stages:?}");
    }
    let replay = stage(&seen, "replaying the operation log");
    let total = report.operations as u64;
    assert_eq!(replay.last().map(|r| r.1), Some(total), "the last operation is reported");
    assert!(replay.iter().all(|&(u, d, t)| u == Unit::Count("operations") && t == total && d <= t), "{replay:?}");
    assert!(replay.windows(2).all(|w| w[0].1 < w[1].1), "forward only: {replay:?}");
    assert_eq!(stage(&seen, "checked"), [(Unit::Count("steps"), 6, 6)]);
}

#[test]
fn backup_reports_the_bytes_written_up_to_the_pages_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    let (progress, seen) = collector();
    store.report_progress_to(progress);
    store.backup_to(&dir.path().join("copy.db")).unwrap();
    let copying = stage(&seen, "copying");
    let (_, first, total) = copying[0];
    assert_eq!((first, copying.last().unwrap().1), (0, total), "from nothing to all of it: {copying:?}");
    assert!(copying.iter().all(|&(u, d, t)| u == Unit::Bytes && t == total && d <= t));
    let size = std::fs::metadata(dir.path().join("copy.db")).unwrap().len();
    assert!(total >= size / 2 && total <= size * 2, "the total ({total}) is about the copy's size ({size})");
}

#[test]
fn restore_reports_its_check_the_kept_copy_and_the_pages_copied_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    store.backup_to(&dir.path().join("backup.db")).unwrap();
    let (progress, seen) = collector();
    store.report_progress_to(progress);
    store.restore_from(&dir.path().join("backup.db"), now()).unwrap();
    assert!(!stage(&seen, "checking the file's structure").is_empty(), "the backup is checked");
    assert!(!stage(&seen, "copying").is_empty(), "the replaced data is kept");
    let pages = stage(&seen, "copying the backup in");
    let &(unit, done, total) = pages.last().expect("pages copied in");
    assert_eq!((unit, done), (Unit::Count("pages"), total), "{pages:?}");
}

#[test]
fn a_laptop_copy_reports_the_bytes_of_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = demo_file(&dir);
    let (progress, seen) = collector();
    team.report_progress_to(progress);
    helpdesk::sync::clone_copy(&mut team, &dir.path().join("laptop.db"), now()).unwrap();
    let copying = stage(&seen, "copying");
    let &(_, done, total) = copying.last().expect("the copy reported");
    assert_eq!(done, total);
}
