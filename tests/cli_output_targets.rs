//! Where `--output FILE` and `sync export FILE` write (a `report month --output /dev/null` replaced the
//! device by a regular file, renaming its temporary file over it): a path that is not a regular file is
//! written straight, a symbolic link is followed (the link stays, the file it points to is replaced), a
//! directory is refused by name. The tests never name a device themselves: a link in the test's own
//! directory points at `/dev/null`, so a regression replaces only that link.
#![cfg(unix)]

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer"]);
    assert_eq!(d.run(&["time", "add", "1", "--minutes", "20", "--at", "2026-03-09T10:00:00+01:00"]).code, 0);
    d
}

#[test]
fn a_link_to_a_device_is_written_through_and_stays_a_link() {
    let d = desk();
    let link = d.dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let shown = link.display().to_string();
    for args in [
        vec!["report", "month", "2026-03", "--output", &shown],
        vec!["report", "customer", "Acme", "--month", "2026-03", "--format", "csv", "--output", &shown],
        vec!["sync", "export", &shown, "--all"],
    ] {
        let out = d.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink(), "{args:?} replaced the link by a file");
        assert_eq!(std::fs::read_link(&link).unwrap(), std::path::Path::new("/dev/null"));
    }
    let left: Vec<_> = std::fs::read_dir(d.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(
        !left.iter().any(|n| n.to_string_lossy().contains("tmp") || n.to_string_lossy().contains("partial")),
        "{left:?}"
    );
}

#[test]
fn a_link_to_a_file_replaces_the_file_and_keeps_the_link() {
    let d = desk();
    let real = d.dir.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    let link = d.dir.path().join("latest.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = d.run(&["report", "month", "2026-03", "--format", "csv", "--output", &link.display().to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.contains("Acme"), "{written}");
}

#[test]
fn a_directory_is_refused_by_name_and_left_alone() {
    let d = desk();
    let dir = d.dir.path().join("reports");
    std::fs::create_dir(&dir).unwrap();
    let shown = dir.display().to_string();
    for args in [vec!["report", "month", "2026-03", "--output", &shown], vec!["sync", "export", &shown, "--all"]] {
        let out = d.run(&args);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(out.stderr.contains(&shown) && out.stderr.contains("directory"), "{args:?}: {}", out.stderr);
        assert!(dir.is_dir() && std::fs::read_dir(&dir).unwrap().next().is_none());
    }
}
