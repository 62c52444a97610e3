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

/// A link to a file not made yet: the file is made where the link points and the link stays (as `>`
/// in a shell does), for `--output` and `sync export`; a link into a directory that does not exist is
/// refused by name, with nothing made.
#[test]
fn a_link_to_a_file_not_made_yet_makes_the_file_and_keeps_the_link() {
    let d = desk();
    let out_dir = d.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for (name, args) in [
        ("march.csv", vec!["report", "month", "2026-03", "--format", "csv", "--output"]),
        ("bundle.hd", vec!["sync", "export", "--all"]),
    ] {
        let link = d.dir.path().join(format!("latest-{name}"));
        // Relative, as `ln -s out/march.csv latest-march.csv` makes it.
        std::os::unix::fs::symlink(std::path::Path::new("out").join(name), &link).unwrap();
        let shown = link.display().to_string();
        let mut args = args.clone();
        if args[0] == "sync" {
            args.insert(2, &shown);
        } else {
            args.push(&shown);
        }
        let out = d.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "{args:?}");
        let written = std::fs::read(out_dir.join(name)).unwrap();
        assert!(!written.is_empty(), "{args:?}");
    }
    let nowhere = d.dir.path().join("nowhere.csv");
    std::os::unix::fs::symlink(d.dir.path().join("missing-dir").join("x.csv"), &nowhere).unwrap();
    let shown = nowhere.display().to_string();
    let out = d.run(&["report", "month", "2026-03", "--output", &shown]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains(&shown), "{}", out.stderr);
    assert!(!d.dir.path().join("missing-dir").exists());
}

/// The temporary file is made new: a file or a link already at its name (`sync export`'s is
/// `FILE.partial`) is left as it was, and what it points to is not touched.
#[test]
fn whatever_has_the_temporary_files_name_is_left_alone() {
    let d = desk();
    let victim = d.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let bundle = d.dir.path().join("bundle.hd");
    let partial = d.dir.path().join("bundle.partial");
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    let taken_too = d.dir.path().join("bundle.partial.1");
    std::fs::write(&taken_too, "a leftover").unwrap();
    let out = d.run(&["sync", "export", &bundle.display().to_string(), "--all"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(std::fs::read_link(&partial).unwrap(), victim);
    assert_eq!(std::fs::read_to_string(&taken_too).unwrap(), "a leftover");
    let written = std::fs::read_to_string(&bundle).unwrap();
    assert!(written.lines().count() > 2, "{written}");
    // Nothing else left beside them.
    let mut left: Vec<String> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(!left.iter().any(|n| n.starts_with("bundle.partial.2")), "{left:?}");
}

/// Links that go round in a circle are refused by name, in the reader's language, with nothing made.
#[test]
fn links_in_a_circle_are_refused_by_name() {
    let d = desk();
    let (a, b) = (d.dir.path().join("a.csv"), d.dir.path().join("b.csv"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let shown = a.display().to_string();
    for lang in ["en", "cs"] {
        let out = d.run(&["--lang", lang, "report", "month", "2026-03", "--output", &shown]);
        assert_ne!(out.code, 0, "{lang}");
        let said = if lang == "en" { "symbolic links" } else { "symbolické odkazy" };
        assert!(out.stderr.contains(&shown) && out.stderr.contains(said), "{lang}: {}", out.stderr);
    }
    let mut left: Vec<_> = std::fs::read_dir(d.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    left.retain(|n| n.to_string_lossy().contains("tmp"));
    assert!(left.is_empty(), "{left:?}");
}

/// A file in a directory that does not exist — typed, or where a link points — is refused naming
/// that directory, in the reader's language, and nothing is made.
#[test]
fn a_missing_directory_is_named() {
    let d = desk();
    let missing = d.dir.path().join("no-such-dir");
    let typed = missing.join("march.csv").display().to_string();
    let link = d.dir.path().join("to-nowhere.csv");
    std::os::unix::fs::symlink(missing.join("x.csv"), &link).unwrap();
    let linked = link.display().to_string();
    for (lang, said) in [("en", "does not exist"), ("cs", "neexistuje")] {
        for args in [
            vec!["--lang", lang, "report", "month", "2026-03", "--output", &typed],
            vec!["--lang", lang, "report", "month", "2026-03", "--output", &linked],
            vec!["--lang", lang, "sync", "export", &typed, "--all"],
        ] {
            let out = d.run(&args);
            assert_ne!(out.code, 0, "{args:?}");
            let dir = missing.display().to_string();
            assert!(out.stderr.contains(&dir) && out.stderr.contains(said), "{args:?}: {}", out.stderr);
        }
    }
    assert!(!missing.exists());
}
