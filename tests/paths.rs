//! Where the database is: a command that only reads never creates one (nor its directories), a
//! command that writes creates the file but never a missing directory, the default database is made
//! with its directories on first use, an empty file counts as missing, a database on a read-only
//! filesystem can still be read, and full disks leave nothing behind.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn helpdesk(home: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .env_clear()
        .env("HOME", home)
        // The log files, apart from the home directory these tests look into.
        .env("XDG_STATE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/paths-logs"))
        .env("HELPDESK_CONFIG_DIR", home.join("config"))
        .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
        .env("HELPDESK_USER", "alice")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = helpdesk(home, args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

/// Every command that only reads, on `db`.
fn readers(db: &str, other: &str) -> Vec<Vec<String>> {
    let cmds: &[&[&str]] = &[
        &["ticket", "list"],
        &["ticket", "show", "1"],
        &["ticket", "explain", "1"],
        &["customer", "list"],
        &["time", "list", "1"],
        &["timer", "status"],
        &["report", "month", "2026-03"],
        &["report", "customer", "Acme"],
        &["report", "upgrades"],
        &["report", "obligations"],
        &["month", "list"],
        &["check"],
        &["backup", other],
        &["sync", "status"],
        &["sync", "conflicts"],
        &["sync", "export", "--all", other],
        &["--read-only", "ticket", "list"],
    ];
    cmds.iter().map(|c| ["--db", db].iter().chain(c.iter()).map(|s| s.to_string()).collect()).collect()
}

fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn a_command_that_only_reads_a_missing_path_exits_1_naming_it_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("nope/deeper/team.db");
    let out = helpdesk(home.path(), &["--db", db.to_str().unwrap(), "ticket", "list"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr),
        (
            1,
            "",
            format!(
                "helpdesk: {} does not exist; check the path (a command that only reads never creates a database)\n",
                db.display()
            )
        )
    );
    let before = tree(home.path());
    let other = home.path().join("out.hds");
    for (args, db) in [(db.clone(), &db), (home.path().join("team.db"), &home.path().join("team.db"))]
        .iter()
        .flat_map(|(p, db)| readers(p.to_str().unwrap(), other.to_str().unwrap()).into_iter().map(move |a| (a, db)))
    {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = helpdesk(home.path(), &args);
        assert_eq!((out.code, out.stdout.as_str()), (1, ""), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("helpdesk: {} does not exist", db.display())),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(tree(home.path()), before, "{args:?} created something");
    }
}

#[test]
fn a_command_that_writes_creates_the_file_but_never_a_missing_directory() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("nope/deeper/team.db");
    let writers: &[&[&str]] = &[
        &["customer", "add", "Acme", "--tier", "vip"],
        &["ticket", "open", "--customer", "Acme", "--title", "x"],
        &["month", "close", "2026-01"],
    ];
    for cmd in writers {
        let args: Vec<&str> = ["--db", db.to_str().unwrap()].into_iter().chain(cmd.iter().copied()).collect();
        let out = helpdesk(home.path(), &args);
        assert_eq!(
            (out.code, out.stderr),
            (
                1,
                format!(
                    "helpdesk: cannot create {}: the directory {} does not exist (create it first, or check the path)\n",
                    db.display(),
                    db.parent().unwrap().display()
                )
            ),
            "{cmd:?}"
        );
        assert!(!home.path().join("nope").exists());
    }
    // In a directory that exists, the file is made.
    let here = home.path().join("team.db");
    ok(home.path(), &["--db", here.to_str().unwrap(), "customer", "add", "Acme", "--tier", "vip"]);
    assert!(ok(home.path(), &["--db", here.to_str().unwrap(), "customer", "list"]).contains("Acme"));
}

#[test]
fn a_write_that_fails_on_a_database_it_just_created_keeps_nothing_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let typo = home.path().join("tema.db");
    let out = helpdesk(home.path(), &["--db", typo.to_str().unwrap(), "ticket", "comment", "1", "called back"]);
    assert_eq!(
        (out.code, out.stderr),
        (
            2,
            format!(
                "helpdesk: no ticket 1; see `helpdesk ticket list` ({} did not exist and was not kept; check the path)\n",
                typo.display()
            )
        )
    );
    assert!(tree(home.path()).is_empty(), "{:?}", tree(home.path()));
}

#[test]
fn the_default_database_is_made_with_its_directories_on_first_use() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(ok(home.path(), &["ticket", "list"]), "no tickets\n");
    assert!(home.path().join(".local/share/helpdesk/helpdesk.db").is_file());
}

#[test]
fn an_empty_file_is_a_missing_database_reads_refuse_it_and_writes_make_it_one() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("empty.db");
    std::fs::write(&db, "").unwrap();
    for args in readers(db.to_str().unwrap(), home.path().join("o.hds").to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = helpdesk(home.path(), &args);
        assert_eq!(
            (out.code, out.stderr),
            (
                1,
                format!(
                    "helpdesk: {} is empty (no database in it yet); check the path (a command that only reads never \
                     creates a database)\n",
                    db.display()
                )
            ),
            "{args:?}"
        );
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "{args:?} wrote to the empty file");
    }
    ok(home.path(), &["--db", db.to_str().unwrap(), "customer", "add", "Acme", "--tier", "vip"]);
    assert!(ok(home.path(), &["--db", db.to_str().unwrap(), "customer", "list"]).contains("Acme"));
}

#[test]
fn another_programs_sqlite_file_is_named_as_such() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("firefox.sqlite");
    rusqlite::Connection::open(&db).unwrap().execute_batch("CREATE TABLE moz_places (id INTEGER)").unwrap();
    let out = helpdesk(home.path(), &["--db", db.to_str().unwrap(), "ticket", "list"]);
    assert_eq!(
        (out.code, out.stderr),
        (
            1,
            format!(
                "helpdesk: {} is not a helpdesk database (an SQLite file of another program); check the path\n",
                db.display()
            )
        )
    );
    let text = home.path().join("notes.txt");
    std::fs::write(&text, "hello, this is not a database").unwrap();
    let out = helpdesk(home.path(), &["--db", text.to_str().unwrap(), "ticket", "list"]);
    assert_eq!(
        out.stderr,
        format!("helpdesk: {} is not a helpdesk database (not an SQLite file); check the path\n", text.display())
    );
}

/// A small tmpfs mounted at `dir/mnt` (needs root, as CI has). Not root: `None`, said on stderr.
fn tiny_disk(dir: &Path, size: &str) -> Option<TinyDisk> {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
    if !root {
        eprintln!("not run: mounting a tmpfs needs root");
        return None;
    }
    let mnt = dir.join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", mnt.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(mounted.success(), "root could not mount a tmpfs");
    Some(TinyDisk(mnt))
}

struct TinyDisk(PathBuf);

impl TinyDisk {
    fn read_only(&self) {
        let status = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.0).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_database_on_a_read_only_filesystem_can_be_read() {
    let home = tempfile::tempdir().unwrap();
    let Some(disk) = tiny_disk(home.path(), "4m") else { return };
    let db = disk.0.join("team.db");
    let db = db.to_str().unwrap();
    ok(home.path(), &["--db", db, "customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    ok(home.path(), &["--db", db, "ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    disk.read_only();
    for args in [&["--db", db, "--read-only", "ticket", "list"][..], &["--db", db, "ticket", "list"]] {
        let listed = ok(home.path(), args);
        assert!(listed.contains("Printer down"), "{args:?}: {listed}");
    }
    let out = helpdesk(home.path(), &["--db", db, "ticket", "comment", "1", "x"]);
    assert_eq!(
        (out.code, out.stderr),
        (1, format!("helpdesk: {db} is open read-only (you may not write to the file); nothing was changed\n"))
    );
}

#[test]
fn changes_waiting_in_a_wal_that_cannot_be_read_here_are_explained() {
    let home = tempfile::tempdir().unwrap();
    let Some(disk) = tiny_disk(home.path(), "4m") else { return };
    let elsewhere = home.path().join("team.db");
    ok(home.path(), &["--db", elsewhere.to_str().unwrap(), "customer", "add", "Acme", "--tier", "vip"]);
    {
        // A writer that died before folding its changes into the file.
        let conn = rusqlite::Connection::open(&elsewhere).unwrap();
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0; UPDATE customers SET contact = 'x';").unwrap();
        std::mem::forget(conn);
    }
    let db = disk.0.join("team.db");
    std::fs::copy(&elsewhere, &db).unwrap();
    let wal = disk.0.join("team.db-wal");
    std::fs::copy(home.path().join("team.db-wal"), &wal).unwrap();
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    disk.read_only();
    let out = helpdesk(home.path(), &["--db", db.to_str().unwrap(), "--read-only", "customer", "list"]);
    let d = db.display();
    assert_eq!(
        (out.code, out.stderr),
        (
            1,
            format!(
                "helpdesk: {d} cannot be read here: its latest changes wait in {d}-wal, and reading them needs a \
                 {d}-shm file that cannot be created in this directory (it is read-only for you); ask someone who may \
                 write there to run `helpdesk check` once, or copy the file with its -wal to a writable place\n"
            )
        )
    );
}

#[test]
fn a_full_disk_leaves_no_backup_and_no_report_behind_and_names_the_file() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("team.db");
    let db = db.to_str().unwrap();
    ok(home.path(), &["--db", db, "customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    let long = "x".repeat(60_000);
    for i in 0..40 {
        ok(
            home.path(),
            &["--db", db, "ticket", "open", "--customer", "Acme", "--title", &format!("{i}"), "--description", &long],
        );
    }
    let Some(disk) = tiny_disk(home.path(), "512k") else { return };
    let target = disk.0.join("bk.db");
    let out = helpdesk(home.path(), &["--db", db, "backup", target.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stderr),
        (
            1,
            format!(
                "helpdesk: cannot use {}: the disk it is on is full; nothing was written there — free some space or \
                 choose another disk\n",
                target.display()
            )
        )
    );
    assert!(tree(&disk.0).is_empty(), "{:?}", tree(&disk.0));

    // A copy for a laptop is made the same way, and named as the user typed it, not its temporary name.
    let laptop = disk.0.join("laptop.db");
    let out = helpdesk(home.path(), &["sync", "clone", db, laptop.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stderr),
        (
            1,
            format!(
                "helpdesk: cannot use {}: the disk it is on is full; nothing was written there — free some space or \
                 choose another disk\n",
                laptop.display()
            )
        )
    );
    assert!(tree(&disk.0).is_empty(), "{:?}", tree(&disk.0));

    // A report bigger than the disk: refused whole, no temporary file left.
    {
        use std::io::Write;
        let mut filler = std::fs::File::create(disk.0.join("filler")).unwrap();
        while filler.write_all(&[0u8; 4096]).is_ok() {}
    }
    let report = disk.0.join("rep.json");
    let out = helpdesk(
        home.path(),
        &[
            "--db",
            db,
            "report",
            "customer",
            "Acme",
            "--month",
            "2026-03",
            "--format",
            "json",
            "--output",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.starts_with(&format!("helpdesk: cannot write {}: ", report.display())), "{}", out.stderr);
    assert_eq!(tree(&disk.0), vec![disk.0.join("filler")]);
}

#[test]
fn a_sync_never_creates_its_own_file_even_where_the_directory_exists_or_not() {
    // A sync needs a copy of the team: a file it would create could never take part (`sync clone`
    // makes one), so `sync serve` refuses a missing file up front, naming it, and creates nothing.
    let home = tempfile::tempdir().unwrap();
    for db in [home.path().join("nope/deeper/team.db"), home.path().join("team.db")] {
        let before = tree(home.path());
        let out = helpdesk(home.path(), &["--db", db.to_str().unwrap(), "sync", "serve"]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.starts_with(&format!("helpdesk: {} does not exist", db.display())), "{}", out.stderr);
        assert_eq!(tree(home.path()), before, "sync serve created something");
    }
}
