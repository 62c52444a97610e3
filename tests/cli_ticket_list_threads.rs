//! `helpdesk ticket list` made on two threads (a long list's rows made on a second thread while the
//! lines are read, `src/cli/ticket_table.rs`) is byte for byte the list one thread makes
//! (`HELPDESK_THREADS=1`): in English and Czech, whole and filtered, with text that a cell cleans,
//! and when the output cannot be written.

mod cli_common;

use cli_common::Desk;

/// The debug line saying a list's rows were made on a second thread.
const SECOND_THREAD: &str = "making a list's rows on a second thread";

#[test]
fn a_list_made_on_two_threads_is_byte_for_byte_the_one_made_on_one() {
    let mut d = Desk::new();
    d.at("2026-11-25T10:00:00Z");
    let made = d.run(&["demo", "--customers", "300", "--tickets", "3000", "--entries", "1000"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    // A title and a customer's name only a cleaned cell may show (a damaged or hostile copy's).
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    conn.execute("UPDATE tickets SET title = 'evil' || char(8238) || 'txt' || char(7) WHERE number = '2000'", [])
        .unwrap();
    let named: Vec<String> = {
        let mut names = conn.prepare("SELECT name FROM customers ORDER BY name LIMIT 2").unwrap();
        names.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    conn.execute("UPDATE customers SET name = 'Bell' || char(7) || ' s.r.o.' WHERE name = ?1", [&named[0]]).unwrap();
    drop(conn);
    let customer = named[1].clone();
    let list = |threads: &str, args: &[&str]| {
        let mut all = vec!["ticket", "list"];
        all.extend_from_slice(args);
        d.output_on_threads(&all, threads)
    };
    let whole = list("1", &[]);
    assert_eq!(whole.lines().count(), 3001, "a header and a line a ticket");
    assert!(!whole.contains('\u{202e}') && !whole.contains('\u{7}'), "a cell shows no control or bidi character");
    assert!(whole.lines().any(|l| l.starts_with("2000 ") && l.contains("evil")), "the cleaned title is shown");
    assert!(whole.contains("Bell"), "the cleaned name is shown");
    for lang in ["en", "cs"] {
        for args in [vec![], vec!["--open"], vec!["--customer", customer.as_str()]] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let before = d.logged(SECOND_THREAD);
            let one = list("1", &args);
            assert_eq!(d.logged(SECOND_THREAD), before, "{args:?}: one thread was asked for");
            let two = list("2", &args);
            assert!(one == two, "{args:?}: two threads made another list than one");
            let long = one.lines().count() > 1024;
            assert_eq!(
                d.logged(SECOND_THREAD),
                before + usize::from(long),
                "{args:?}: a second thread for a long list only"
            );
        }
    }
    // A line the store cannot read (a title that is not UTF-8) halfway through a long list: the same
    // error either way, and nothing printed before it.
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    conn.execute("UPDATE tickets SET title = CAST(x'ff' AS TEXT) WHERE number = '2500'", []).unwrap();
    drop(conn);
    let damaged = |threads: &str| {
        let out = d.command(&["ticket", "list"]).env("HELPDESK_THREADS", threads).output().unwrap();
        (out.status.code(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (one, two) = (damaged("1"), damaged("2"));
    assert_ne!(one.0, Some(0), "{one:?}");
    assert!(one.1.is_empty(), "nothing printed before the error");
    assert!(!one.2.contains("panicked"), "{one:?}");
    assert_eq!(one, two);
    // A list no output takes: the same exit code and message, no panic.
    let (one, two) = (d.on_full_disk(&["ticket", "list"], "1"), d.on_full_disk(&["ticket", "list"], "2"));
    assert_ne!(one.0, Some(0), "{one:?}");
    assert!(!one.1.contains("panicked"), "{one:?}");
    assert_eq!(one, two);
}
