//! Environment variables and arguments that cannot be used: exit 2 and one line naming the variable
//! or argument and what it accepts, never a panic, never the integer parser's own words, never a
//! silent fallback, and no file left behind. The README lists every variable the program reads.

use std::ffi::OsStr;
use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &tempfile::TempDir, args: &[&str], env: &[(&str, &OsStr)]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .env_clear()
        .env("HOME", dir.path())
        .env("HELPDESK_CONFIG_DIR", dir.path().join("config"))
        .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
        .envs(env.iter().copied())
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn files(dir: &tempfile::TempDir) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_busy_timeout_beyond_its_range_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&dir, &["--db", "x.db", "ticket", "list"], &[("HELPDESK_BUSY_TIMEOUT_MS", "4294967296".as_ref())]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            2,
            "",
            "helpdesk: HELPDESK_BUSY_TIMEOUT_MS: `4294967296` is not a whole number of milliseconds from 0 to 3600000 \
             (fix it, or unset it)\n"
        )
    );
    assert!(files(&dir).is_empty(), "{:?}", files(&dir));
}

#[test]
fn every_variable_with_a_value_it_cannot_take_is_refused_by_name_before_anything_is_written() {
    use std::os::unix::ffi::OsStrExt;
    let not_utf8 = OsStr::from_bytes(b"al\xffice");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let a_file = dir.path().join("a-file");
    let cases: Vec<(&str, &OsStr, String)> = vec![
        (
            "HELPDESK_BUSY_TIMEOUT_MS",
            "abc".as_ref(),
            "`abc` is not a whole number of milliseconds from 0 to 3600000".into(),
        ),
        ("HELPDESK_BUSY_TIMEOUT_MS", "-1".as_ref(), "`-1` is not a whole number of milliseconds".into()),
        (
            "HELPDESK_BUSY_TIMEOUT_MS",
            "".as_ref(),
            "is set but empty: set it to a whole number from 0 to 3600000".into(),
        ),
        ("HELPDESK_SYNC_TIMEOUT_S", "0".as_ref(), "`0` is not a whole number of seconds from 1 to 86400".into()),
        ("HELPDESK_NOW", "".as_ref(), "is set but empty: set it to an RFC 3339 instant".into()),
        ("HELPDESK_NOW", "yesterday".as_ref(), "`yesterday` is not an RFC 3339 instant".into()),
        ("HELPDESK_NOW", not_utf8, "is not valid UTF-8 (`al�ice`)".into()),
        ("HELPDESK_USER", not_utf8, "is not valid UTF-8".into()),
        ("HELPDESK_USER", "\u{1b}\u{7}".as_ref(), "holds no printable name".into()),
        ("HELPDESK_ALLOW_NETWORK_FS", "yes".as_ref(), "`yes` is neither 1 nor 0".into()),
        ("HELPDESK_DB", "".as_ref(), "is set but empty: set it to a path".into()),
        ("HELPDESK_CONFIG_DIR", a_file.as_os_str(), format!("{} is not a directory", a_file.display())),
    ];
    for (name, value, says) in cases {
        let before = files(&dir);
        let out = run(&dir, &["--db", "new.db", "customer", "add", "Acme", "--tier", "vip"], &[(name, value)]);
        assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{name}={value:?}: {}", out.stderr);
        assert!(out.stderr.starts_with(&format!("helpdesk: {name}")), "{name}: {}", out.stderr);
        assert!(out.stderr.contains(&says), "{name}={value:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert_eq!(files(&dir), before, "{name}={value:?} left a file");
    }
    // Good values go through.
    let out = run(
        &dir,
        &["--db", "new.db", "customer", "add", "Acme", "--tier", "vip"],
        &[
            ("HELPDESK_BUSY_TIMEOUT_MS", "0".as_ref()),
            ("HELPDESK_SYNC_TIMEOUT_S", "86400".as_ref()),
            ("HELPDESK_ALLOW_NETWORK_FS", "0".as_ref()),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn numbers_in_arguments_are_refused_in_our_words_naming_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["calendar", "holidays", "abc"],
            "invalid value 'abc' for '<YEAR>': `abc` is not a year: write it like 2026 (from 1583 to 9999); see `helpdesk calendar holidays --help`",
        ),
        (
            &["--db", "r.db", "report", "obligations", "--year", "20x6"],
            "invalid value '20x6' for '--year <YEAR>': `20x6` is not a year: write it like 2026 (from 1583 to 9999); see `helpdesk report obligations --help`",
        ),
        (
            &["demo", "--db", "d.db", "--customers", "0"],
            "invalid value '0' for '--customers <N>': `0` is not a whole number from 1 to 100000; see `helpdesk demo --help`",
        ),
        (
            &["demo", "--db", "d.db", "--tickets", "-1"],
            "invalid value '-1' for '--tickets <N>': `-1` is not a whole number from 0 to 10000000; see `helpdesk demo --help`",
        ),
        (
            &["demo", "--db", "d.db", "--entries", "1e3"],
            "invalid value '1e3' for '--entries <N>': `1e3` is not a whole number from 0 to 100000000; see `helpdesk demo --help`",
        ),
        (
            &["demo", "--db", "d.db", "--open", "99999999999"],
            "invalid value '99999999999' for '--open <N>': `99999999999` is not a whole number from 0 to 10000000; see `helpdesk demo --help`",
        ),
        (
            &["demo", "--db", "d.db", "--seed", "18446744073709551616"],
            "invalid value '18446744073709551616' for '--seed <S>': `18446744073709551616` is not a whole number from 0 to 18446744073709551615; see `helpdesk demo --help`",
        ),
        (
            &["calendar"],
            "`helpdesk calendar` needs a subcommand: holidays, deadline, elapsed (see `helpdesk calendar --help`)",
        ),
        (&["ticket", "list", "--bogus"], "unexpected argument '--bogus' found; see `helpdesk ticket list --help`"),
        (&["ticket", "show", "\u{1b}[2J\u{202e}"], "`[2J` is not a ticket number: write it like 1042 or B-17"),
    ];
    for (args, message) in cases {
        let out = run(&dir, args, &[]);
        assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr, format!("helpdesk: {message}\n"), "{args:?}");
    }
    assert!(!dir.path().join("d.db").exists() && !dir.path().join("r.db").exists());
}

/// Every `HELPDESK_…` name in the source is one the environment module checks and the README lists.
#[test]
fn the_readme_lists_every_variable_the_program_reads() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let known: Vec<&str> = helpdesk::environment::VARIABLES.iter().map(|(name, _, _)| *name).collect();
    for name in &known {
        assert!(readme.contains(&format!("`{name}`")), "the README does not list {name}");
    }
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("\"HELPDESK_") {
            let name: String = text[i + 1..].chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
            // The debug-build pause point of the race tests is not read by a release build.
            if name != "HELPDESK_TEST_PAUSE" {
                assert!(known.contains(&name.as_str()), "{} reads {name}, which is not checked", path.display());
            }
        }
    }
}
