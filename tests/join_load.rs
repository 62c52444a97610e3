//! Issue 16: `team join` fills an empty file as a bulk load (`Store::begin_join_load`), which skips
//! look-ups whose answers it knows (an entry it never saw has nothing in force; a ticket's number and
//! customer read once; every ticket indexed at the end) and makes the indexes only listings read at its
//! end. The file it makes is the one the ordinary import makes from the same operations in the same
//! transactions: state table by table, search index and log body for body, schema — on a history with
//! corrections made on two copies (a conflict), a removal, a ticket moved to another customer while
//! work was booked on it, a field changed on two copies, comments added and deleted.

mod copies;

use chrono::{DateTime, Duration, Utc};
use copies::*;
use helpdesk::domain::{TicketStatus, Tier};
use helpdesk::store::{Binding, OpRecord, Store, TicketChange};
use rusqlite::types::ValueRef;

const MONDAY: &str = "2026-03-02T09:00:00+01:00";

/// Two customers, each with a ticket and an hour of ann's work on it, and a second hour on the first.
fn two_customers(team: &mut Store) {
    let now = t(MONDAY);
    for (name, title) in [("Upsilon", "Fix mail relay"), ("Omega", "New printer")] {
        let c = team.add_customer(name, "", Tier::None, ym("2026-01"), now).unwrap();
        let ticket = team.open_ticket(new_ticket(&c, title, now), now).unwrap();
        team.add_time_entry(work(&ticket, now, 60, "ann"), now).unwrap();
    }
    let first = all_tickets(team).remove(0);
    team.add_time_entry(work(&first, now + Duration::hours(2), 60, "ann"), now).unwrap();
}

/// The team's history: three copies changing the same things, then all synced.
fn history() -> Copies {
    let mut c = Copies::new(3, t(MONDAY), two_customers);
    let at = |h: i64| t(MONDAY) + Duration::hours(h);
    let (one, two) = (all_tickets(&c.stores[0]).remove(0), all_tickets(&c.stores[0]).remove(1));
    // The first ticket's first entry corrected on two copies (a conflict), its second removed.
    for (i, minutes, h) in [(1, 45, 1), (0, 30, 2)] {
        let store = &mut c.stores[i];
        let old = entries(store, &one).remove(0);
        store.correct_time_entry(&old.id, work(&one, old.started_at, minutes, "ann"), at(h)).unwrap();
    }
    let second = entries(&c.stores[2], &one).remove(1);
    c.stores[2].void_time_entry(&second.id, at(3)).unwrap();
    // The second ticket moved to the first customer, while another copy books work on it and closes it.
    let upsilon = customers(&c.stores[1]).remove(0);
    c.stores[1].update_ticket(&two.id, vec![TicketChange::Customer(upsilon.id.clone())], at(4)).unwrap();
    c.stores[2].add_time_entry(work(&two, at(5), 15, "bob"), at(5)).unwrap();
    c.stores[2].update_ticket(&two.id, vec![TicketChange::Status(TicketStatus::Resolved)], at(5)).unwrap();
    // The first ticket retitled on two copies; comments, one deleted.
    c.stores[0].update_ticket(&one.id, vec![TicketChange::Title("Mail relay down".into())], at(6)).unwrap();
    c.stores[1].update_ticket(&one.id, vec![TicketChange::Title("Relay broken".into())], at(7)).unwrap();
    c.stores[0].add_comment(&one.id, "Restarted the relay", at(6)).unwrap();
    let gone = c.stores[1].add_comment(&two.id, "Toner ordered", at(6)).unwrap();
    c.stores[1].delete_comment(&gone.id, at(7)).unwrap();
    c.settle(at(8));
    c
}

/// The file's log as stored (device, clock, actor, the ticket whose history shows it, body bytes), its
/// search documents with its month totals and figures, and its state tables.
fn made(store: &Store) -> (Vec<String>, Vec<String>, std::collections::BTreeMap<String, String>) {
    let path = store.path().unwrap();
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let cell = |v: ValueRef<'_>| match v {
            ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
            ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
            other => format!("{other:?}"),
        };
        stmt.query_map([], |r| Ok((0..n).map(|i| cell(r.get_ref(i).unwrap())).collect::<Vec<_>>().join(" ")))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let log = rows(
        "SELECT hex(d.id), o.clock, a.name, hex((SELECT t.id FROM tickets t WHERE t.no = o.ticket)), hex(o.body)
         FROM oplog o JOIN devices d ON d.no = o.device JOIN actors a ON a.no = o.actor ORDER BY 1, 2",
    );
    let mut search = rows("SELECT hex(ticket_id), title, body, open FROM search_docs ORDER BY 1");
    // The derived tables too: month totals and figures.
    for table in ["work_months", "month_figures"] {
        let mut derived = rows(&format!("SELECT '{table}', * FROM {table}"));
        derived.sort();
        search.extend(derived);
    }
    (log, search, tables(store))
}

/// The file's tables and indexes as declared (type, name, table, SQL), by name.
fn schema(store: &Store) -> Vec<String> {
    let path = store.path().unwrap();
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name").unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The search documents by number (ticket, open) and the words the index knows.
fn index_of(store: &Store) -> (Vec<String>, Vec<String>) {
    let path = store.path().unwrap();
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let docs = rows("SELECT doc || ' ' || hex(ticket_id) || ' ' || open FROM search_docs ORDER BY doc");
    assert!(!docs.is_empty());
    (docs, rows("SELECT term FROM search_terms ORDER BY term"))
}

/// A new file filled with `ops` in transactions of `per`, as a join's load or as an ordinary import.
fn fill(path: &std::path::Path, ops: &[OpRecord], per: usize, from: &Store, join: bool, now: DateTime<Utc>) -> Store {
    let mut store = open(path, "newbie");
    // A new desk's replica of the team, as `team join` makes it before it pulls.
    let binding =
        Binding { url: "postgresql:///helpdesk".into(), server: "server".into(), technician: "Newbie".into() };
    store.adopt_team(&from.team_id().unwrap(), &binding).unwrap();
    if join {
        store.begin_join_load().unwrap();
    }
    let vector = from.vector().unwrap();
    for chunk in ops.chunks(per) {
        store.import_ops(chunk, from.device(), "", &vector, now).unwrap();
    }
    if join {
        store.end_join_load(now).unwrap();
    }
    store.clear_all_pending_arrivals().unwrap();
    store
}

#[test]
fn a_joins_load_of_an_empty_file_makes_what_the_ordinary_import_makes_table_by_table() {
    let c = history();
    let team = &c.stores[0];
    let ops = log(team);
    let now = t("2026-03-03T09:00:00+01:00");
    let dir = tempfile::tempdir().unwrap();
    // One operation a transaction, a few, and all at once: what one transaction learnt is used by the next.
    for per in [1, 7, ops.len()] {
        let ordinary = fill(&dir.path().join(format!("ordinary-{per}.db")), &ops, per, team, false, now);
        let joined = fill(&dir.path().join(format!("joined-{per}.db")), &ops, per, team, true, now);
        let (want, got) = (made(&ordinary), made(&joined));
        assert_eq!(got.0.len(), ops.len(), "the whole log");
        assert_eq!(got.0, want.0, "the logs differ ({per} a transaction)");
        assert_eq!(got.1, want.1, "the search documents or month totals differ ({per} a transaction)");
        assert!(got.1.iter().any(|r| r.starts_with("\"work_months\"")), "{:?}", got.1);
        assert!(got.1.iter().any(|d| d.contains("Restarted the relay")), "{:?}", got.1);
        for (table, rows) in &want.2 {
            assert_eq!(&got.2[table], rows, "table {table} differs ({per} a transaction)");
        }
        // The indexes the load dropped are made again: the same schema, and every index holds what its
        // table holds (`check` below runs SQLite's integrity check).
        let (got_schema, want_schema) = (schema(&joined), schema(&ordinary));
        let lacking: Vec<&String> = want_schema.iter().filter(|s| !got_schema.contains(s)).collect();
        assert!(got_schema == want_schema, "the schema differs ({per} a transaction); lacking {lacking:?}");
        assert!(got_schema.iter().any(|s| s.contains("time_entries_customer")), "{got_schema:?}");
        // What the history holds is there: versions (one voided by the conflict), a removal, conflicts.
        let tables = &got.2;
        assert!(tables["entry_removals"].lines().count() >= 1, "{}", tables["entry_removals"]);
        assert!(tables["contested"].lines().count() >= 2, "{}", tables["contested"]);
        // The search index answers alike; loaded at once, it numbers the documents and knows the words
        // alike too (one transaction a few operations learns old titles' words, numbers by arrival).
        for (word, open) in [("relay", false), ("relay", true), ("printer", false), ("toner", false), ("restart", true)]
        {
            let (got, want) = (joined.search_ticket_ids(word, open, 10), ordinary.search_ticket_ids(word, open, 10));
            assert_eq!(got.unwrap(), want.unwrap(), "search {word:?} (open only: {open}, {per} a transaction)");
        }
        if per == ops.len() {
            assert_eq!(index_of(&joined), index_of(&ordinary), "the search index differs");
        }
        let mut joined = joined;
        let report = joined.check(true).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}
