//! `helpdesk customer list` made on two threads (the second half of a long table's rows made beside
//! the first, and the last part of the customers read beside the open tickets and tier histories,
//! `src/cli/customer.rs`, `src/store/customers/reads.rs`) is byte for byte the list one thread makes
//! (`HELPDESK_THREADS=1`): in English and Czech, with archived customers, and with names a cell cleans.

mod cli_common;

use cli_common::Desk;

/// The debug line saying a customer list's second half was made on a second thread.
const SECOND_THREAD: &str = "making a customer list's second half on a second thread";

#[test]
fn a_customer_list_made_on_two_threads_is_byte_for_byte_the_one_made_on_one() {
    let mut d = Desk::new();
    d.at("2026-11-25T10:00:00Z");
    let made = d.run(&["demo", "--customers", "2400", "--tickets", "3000", "--entries", "1000"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    // A name only a cleaned cell may show (a damaged or hostile copy's), one in each half of the
    // table, and archived customers among them (shown with `--all` only).
    conn.execute("UPDATE customers SET name = 'Bell' || char(7) || ' s.r.o.' WHERE no = 5", []).unwrap();
    conn.execute("UPDATE customers SET name = 'Zvon' || char(8238) || ' a.s.' WHERE no = 2390", []).unwrap();
    conn.execute("UPDATE customers SET state = 1 WHERE no % 97 = 0", []).unwrap();
    drop(conn);
    let list = |threads: &str, args: &[&str]| {
        let mut all = vec!["customer", "list"];
        all.extend_from_slice(args);
        d.output_on_threads(&all, threads)
    };
    let whole = list("1", &["--all"]);
    assert_eq!(whole.lines().count(), 2401, "a header and a line a customer");
    assert!(!whole.contains('\u{202e}') && !whole.contains('\u{7}'), "a cell shows no control or bidi character");
    assert!(whole.contains("Bell") && whole.contains("Zvon"), "the cleaned names are shown");
    let shown = list("1", &[]).lines().count();
    assert!(shown < 2401 && shown > 2001, "{shown} lines: archived customers left out, the list still long");
    for lang in ["en", "cs"] {
        for args in [vec![], vec!["--all"], vec!["--format", "json"]] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let before = d.logged(SECOND_THREAD);
            let one = list("1", &args);
            assert_eq!(d.logged(SECOND_THREAD), before, "{args:?}: one thread was asked for");
            let two = list("2", &args);
            assert!(one == two, "{args:?}: two threads made another list than one");
            let table = !args.contains(&"json");
            assert_eq!(d.logged(SECOND_THREAD), before + usize::from(table), "{args:?}: a second thread for a table");
        }
    }
}
