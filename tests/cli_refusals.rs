//! Bad input on the command line refused in our own words, naming what was wrong (black-box findings
//! 13, 17, 18, 19, 20).

mod cli_common;

use cli_common::Desk;

fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    d
}

/// Finding 13: a blank `--as` is refused as a blank `HELPDESK_USER` is, not replaced by the next source.
#[test]
fn a_blank_as_is_refused_and_nothing_is_written() {
    let d = desk();
    for blank in ["", "  ", "\u{1b}\u{7}", "\u{200b}"] {
        d.fails(
            2,
            &["--as", blank, "ticket", "comment", "1", "hello"],
            "--as holds no printable name: give a name (--as \"Jana Nováková\"), or leave --as out",
        );
    }
    assert_eq!(d.json(&["ticket", "show", "1", "--format", "json"])["comments"], serde_json::json!([]));
    d.ok(&["--as", " Jana ", "ticket", "comment", "1", "hello"]);
}

/// Finding 18: `calendar elapsed` with FROM after TO is refused, not answered 0.
#[test]
fn elapsed_refuses_a_range_given_backwards() {
    let d = Desk::new();
    let (from, to) = ("2026-03-06T15:00:00+01:00", "2026-03-09T11:00:00+01:00");
    assert_eq!(d.ok(&["calendar", "elapsed", from, to]), "240\n");
    assert_eq!(d.ok(&["calendar", "elapsed", from, from]), "0\n");
    d.fails(
        2,
        &["calendar", "elapsed", to, from],
        "FROM (2026-03-09T11:00:00+01:00) is after TO (2026-03-06T15:00:00+01:00): give the earlier instant first",
    );
}

/// Finding 19: `info` counts customers as `customer list --all` lists them (a removed one is gone).
#[test]
fn info_does_not_count_a_removed_customer() {
    let d = desk();
    d.ok(&["customer", "add", "Omyl", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["customer", "remove", "Omyl"]);
    let info = d.json(&["info", "--format", "json"]);
    assert_eq!(info["database"]["counts"]["customers"], 1, "{info}");
}

/// Finding 6: Czech `ticket list`'s LEFT column is a table cell (`4:00 h`), not the sentence form.
#[test]
fn czech_ticket_list_uses_the_table_cell_form_for_time_left() {
    let d = desk();
    let out = d.ok(&["--lang", "cs", "ticket", "list"]);
    assert!(out.contains(" 4:00 h "), "{out}");
    assert!(!out.contains(" h 00 min"), "{out}");
}

/// A `--db` that names a directory, a pipe or a device is refused at once, naming the path: a pipe
/// was opened and waited on for a writer for ever; a directory got the system's "Is a directory".
#[test]
fn a_database_path_that_is_no_regular_file_is_refused_at_once() {
    let mut d = Desk::new();
    let pipe = d.dir.path().join("pipe.db");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
    assert!(made.success());
    let folder = d.dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    // A link to a database is a database.
    d.ok(&["customer", "add", "Acme", "--tier", "vip"]);
    let link = d.dir.path().join("link.db");
    std::os::unix::fs::symlink(&d.db, &link).unwrap();
    let real = std::mem::replace(&mut d.db, link);
    assert!(d.ok(&["customer", "list"]).contains("Acme"));
    d.db = real;
    for path in [pipe, folder, std::path::PathBuf::from("/dev/null")] {
        d.db = path.clone();
        for args in [
            &["ticket", "list", "--open"][..],
            &["--read-only", "customer", "list"],
            &["customer", "add", "Acme", "--tier", "vip"],
            // `info` says what is at the path, not "no database there yet".
            &["info"],
        ] {
            let out = d.command(args).timeout(std::time::Duration::from_secs(30)).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{path:?} {args:?}: {stderr}");
            assert_eq!(
                stderr,
                format!(
                    "helpdesk: {} is not a helpdesk database (not a regular file but a directory, a pipe or a \
                     device); check the path\n",
                    path.display()
                )
            );
        }
    }
}
