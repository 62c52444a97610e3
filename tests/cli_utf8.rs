//! An argument that is not UTF-8 (bb4 #20): refused naming the option it belongs to (or the value),
//! showing it, saying how to fix it, in the reader's language; exit 2, nothing written. A path may be
//! any bytes and is still taken.
#![cfg(unix)]

mod cli_common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use cli_common::Desk;

/// Runs `args` then the raw bytes `bad` (then `after`): (exit code, stderr).
fn run_bytes(d: &Desk, args: &[&str], bad: &[u8], after: &[&str]) -> (i32, String) {
    let out = d.command(args).arg(OsStr::from_bytes(bad)).args(after).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

const HOW: &str =
    "give it in UTF-8 (text from a file in another encoding: convert it first, e.g. iconv -f cp1250 -t utf-8)";

#[test]
fn the_refusal_names_the_option_and_shows_the_value() {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "none", "--since", "2026-01"]);
    let open = ["ticket", "open", "--customer", "Acme", "--title", "Tiskárna", "--description"];
    let (code, err) = run_bytes(&d, &open, b"Popis \xe8ern\xfd", &[]);
    assert_eq!(
        (code, err.as_str()),
        (2, format!("helpdesk: --description is not valid UTF-8 (`Popis \u{fffd}ern\u{fffd}`): {HOW}\n").as_str())
    );
    let (code, err) = run_bytes(&d, &["ticket", "open", "--customer", "Acme"], b"--title=x\xff", &[]);
    assert_eq!(
        (code, err.as_str()),
        (2, format!("helpdesk: --title is not valid UTF-8 (`x\u{fffd}`): {HOW}\n").as_str())
    );
    // A value on its own (after a flag that takes none).
    let (code, err) = run_bytes(&d, &["ticket", "comment", "1", "--send"], b"\xff", &[]);
    assert_eq!(
        (code, err.as_str()),
        (2, format!("helpdesk: the argument `\u{fffd}` is not valid UTF-8: {HOW}\n").as_str())
    );
    assert_eq!(d.tickets().as_array().map(Vec::len), Some(0), "nothing written");
}

#[test]
fn the_refusal_is_in_czech_for_a_czech_reader() {
    let d = Desk::new();
    let (code, err) =
        run_bytes(&d, &["--lang", "cs", "customer", "add", "--tier", "none", "--since", "2026-01"], b"\xe8", &[]);
    assert_eq!(code, 2);
    assert!(err.starts_with("helpdesk: argument `\u{fffd}` není platné UTF-8: zadejte ho v UTF-8"), "{err}");
}
