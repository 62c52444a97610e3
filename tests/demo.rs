//! The demo data: every tier, status and kind; every SLA state among open tickets at the given `now`
//! (running in business hours, paused outside them); an upgrade suggestion; running timers (one
//! forgotten); a real operation log (rebuilding from it gives the same state); determinism for a
//! seed; and the CLI refusing to write into a file that already holds customers.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Duration, Utc};
use helpdesk::config::Settings;
use helpdesk::demo::{self, DemoOptions, DemoSummary};
use helpdesk::domain::sla::SlaState;
use helpdesk::domain::{TicketKind, TicketStatus, Tier};
use helpdesk::statements::month_report;
use helpdesk::store::{Store, TicketCursor, TicketFilter, TicketRow};
use rusqlite::types::Value;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 instant in the test").with_timezone(&Utc)
}

/// Wednesday 11 March 2026, 10:30 in Prague: business hours.
fn weekday_morning() -> DateTime<Utc> {
    t("2026-03-11T10:30:00+01:00")
}

/// Saturday 14 March 2026, 12:00 in Prague: the business clock is stopped.
fn saturday() -> DateTime<Utc> {
    t("2026-03-14T12:00:00+01:00")
}

fn make(path: &Path, seed: u64, now: DateTime<Utc>) -> (Store, DemoSummary) {
    let mut store = Store::open(path, "demo-test").unwrap();
    let summary = demo::generate(&mut store, &Settings::defaults(), &DemoOptions::new(seed, now), |_| {}).unwrap();
    (store, summary)
}

fn all_tickets(store: &Store, open_only: bool) -> Vec<TicketRow> {
    let filter = TicketFilter { open_only, ..TicketFilter::default() };
    let mut out: Vec<TicketRow> = Vec::new();
    let mut cursor: Option<TicketCursor> = None;
    loop {
        let page = store.tickets_page(&filter, cursor.as_ref(), 500).unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(TicketCursor { received_at: last.received_at.timestamp(), id: last.id.to_string() });
        out.extend(page);
    }
    out
}

fn sla_states(store: &Store, now: DateTime<Utc>) -> HashSet<SlaState> {
    let settings = Settings::defaults();
    all_tickets(store, true)
        .into_iter()
        .map(|tk| helpdesk::ticket_sla::item(store, &settings, tk, now).unwrap().sla.state)
        .collect()
}

#[test]
fn the_default_demo_covers_every_tier_status_kind_and_sla_state() {
    let dir = tempfile::tempdir().unwrap();
    let now = weekday_morning();
    let (store, summary) = make(&dir.path().join("demo.db"), 1, now);
    assert_eq!(summary.customers, DemoOptions::CUSTOMERS);
    assert_eq!(summary.tickets, DemoOptions::TICKETS);
    assert!(summary.entries > DemoOptions::ENTRIES * 9 / 10, "{summary:?}");
    assert!(summary.comments > 100, "{summary:?}");
    assert_eq!(summary.timers, 2);
    assert_eq!(store.customer_count().unwrap(), DemoOptions::CUSTOMERS as i64);

    let month = Settings::defaults().calendar.month_of(now);
    let mut tiers = HashSet::new();
    let mut names = Vec::new();
    for (c, _) in store.customers_page(None, 1000).unwrap() {
        tiers.insert(store.tier_in(&c.id, month).unwrap());
        names.push(c.name);
    }
    assert_eq!(tiers, HashSet::from(Tier::ALL), "customers on every tier and without a contract");
    assert!(names.iter().any(|n| n.chars().any(|c| "áčďéěíňóřšťúůýž".contains(c.to_lowercase().next().unwrap()))));

    let tickets = all_tickets(&store, false);
    assert_eq!(tickets.len(), DemoOptions::TICKETS);
    let statuses: HashSet<TicketStatus> = tickets.iter().map(|t| t.status).collect();
    assert_eq!(statuses, HashSet::from(TicketStatus::ALL), "tickets in every status");
    let kinds: HashSet<TicketKind> = tickets.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, HashSet::from(TicketKind::ALL));
    assert!(tickets.iter().all(|t| t.received_at <= now));
    assert!(tickets.iter().any(|t| t.assignee.is_none()) && tickets.iter().any(|t| t.assignee.is_some()));
    let assignees: HashSet<&str> = tickets.iter().filter_map(|t| t.assignee.as_deref()).collect();
    assert_eq!(assignees.len(), 6, "{assignees:?}");
    assert!(tickets.iter().any(|t| t.received_at < now - Duration::days(150)), "months of history");

    let states = sla_states(&store, now);
    for state in [SlaState::Breached, SlaState::AtRisk, SlaState::Running, SlaState::Met, SlaState::NoSla] {
        assert!(states.contains(&state), "an open ticket {state:?} at {now}: {states:?}");
    }
    assert!(!states.contains(&SlaState::Paused), "nothing is paused in business hours");

    // Closed tickets have first responses, some late.
    let settings = Settings::defaults();
    let closed: Vec<SlaState> = tickets
        .iter()
        .filter(|t| t.status == TicketStatus::Closed)
        .map(|t| helpdesk::ticket_sla::item(&store, &settings, t.clone(), now).unwrap().sla.state)
        .collect();
    assert!(closed.contains(&SlaState::Met) && closed.contains(&SlaState::Breached), "{closed:?}");
}

#[test]
fn outside_business_hours_the_running_tickets_are_paused() {
    let dir = tempfile::tempdir().unwrap();
    let now = saturday();
    let (store, _) = make(&dir.path().join("demo.db"), 1, now);
    let states = sla_states(&store, now);
    for state in [SlaState::Breached, SlaState::AtRisk, SlaState::Paused, SlaState::Met, SlaState::NoSla] {
        assert!(states.contains(&state), "an open ticket {state:?} on Saturday: {states:?}");
    }
    assert!(!states.contains(&SlaState::Running));
}

#[test]
fn heavy_customers_get_an_upgrade_suggestion_and_timers_run() {
    let dir = tempfile::tempdir().unwrap();
    let now = weekday_morning();
    let (store, _) = make(&dir.path().join("demo.db"), 1, now);
    let settings = Settings::defaults();
    let this_month = settings.calendar.month_of(now);
    for month in [this_month.prev(), this_month] {
        let report = month_report(&store, &settings, month).unwrap();
        let upgrades: Vec<(String, Tier)> =
            report.iter().filter_map(|s| s.upgrade_to.map(|t| (s.customer.name.clone(), t))).collect();
        assert!(upgrades.iter().any(|(_, t)| *t == Tier::Plus), "{month}: {upgrades:?}");
        assert!(upgrades.iter().any(|(_, t)| *t == Tier::Vip), "{month}: {upgrades:?}");
        assert!(report.iter().any(|s| s.statement.tier == Tier::None), "no-contract work is billed too");
    }

    let timers = store.running_timers().unwrap();
    assert_eq!(timers.len(), 2);
    let forgotten = Duration::hours(i64::from(settings.app.forgotten_timer_hours));
    assert!(timers.iter().any(|m| now - m.started_at > forgotten), "one timer is forgotten");
    assert!(timers.iter().any(|m| now - m.started_at < Duration::hours(1)), "one was started recently");
    let technicians: HashSet<&str> = timers.iter().map(|m| m.technician.as_str()).collect();
    assert_eq!(technicians.len(), 2);
}

#[test]
fn the_log_is_real_and_search_finds_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, summary) = make(&dir.path().join("demo.db"), 3, weekday_morning());
    assert_eq!(store.ops_missing_from(&Default::default()).unwrap().len(), summary.ops);
    let before = store.state_dump().unwrap();
    store.rebuild_from_log().unwrap();
    assert_eq!(store.state_dump().unwrap(), before, "the log alone rebuilds the same state");
    // The log's clocks are the times things happened: a ticket's opening is logged at its receipt.
    let tk = all_tickets(&store, false).into_iter().next().unwrap();
    let history = store.history(&tk.id).unwrap();
    let millis: i64 = history[0].hlc.split('-').next().unwrap().parse().unwrap();
    assert_eq!(millis / 1000, tk.received_at.timestamp());
    assert!(!store.search_tickets("faktur", false, 10).unwrap().is_empty());
    assert!(!store.search_tickets("zakaznik", true, 10).unwrap().is_empty());
}

/// Everything but the random ids: tickets by number, customers by name, comments, time and timers.
fn fingerprint(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    let queries = [
        "SELECT name, contact, created_at FROM customers ORDER BY name",
        "SELECT c.name, m.from_month, m.tier FROM tier_changes m JOIN customers c ON c.id = m.customer_id
         ORDER BY c.name, m.from_month",
        "SELECT t.number, c.name, t.title, t.description, t.kind, t.status, t.assignee, t.received_at,
                t.first_response_at, t.resolve_by
         FROM tickets t JOIN customers c ON c.id = t.customer_id ORDER BY t.seq",
        "SELECT t.number, m.author, m.body, m.created_at, m.deleted FROM comments m JOIN tickets t ON t.id = m.ticket_id
         ORDER BY t.seq, m.created_at, m.body",
        "SELECT t.number, e.started_at, e.minutes, e.technician, e.role, e.note FROM time_entries e
         JOIN tickets t ON t.no = e.ticket ORDER BY t.seq, e.started_at, e.minutes, e.technician, e.note",
        "SELECT t.number, m.technician, m.started_at FROM timers m JOIN tickets t ON t.id = m.ticket_id ORDER BY 1",
        "SELECT count(*), count(DISTINCT device << 48 | clock) FROM oplog",
    ];
    for q in queries {
        let mut stmt = conn.prepare(q).unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..cols).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
        out.push_str("--\n");
    }
    out
}

#[test]
fn the_same_seed_and_now_give_the_same_demo() {
    let dir = tempfile::tempdir().unwrap();
    let now = weekday_morning();
    let (a, sa) = make(&dir.path().join("a.db"), 7, now);
    let (b, sb) = make(&dir.path().join("b.db"), 7, now);
    let (c, _) = make(&dir.path().join("c.db"), 8, now);
    drop((a, b, c));
    assert_eq!(sa, sb);
    let fa = fingerprint(&dir.path().join("a.db"));
    assert_eq!(fa, fingerprint(&dir.path().join("b.db")));
    assert_ne!(fa, fingerprint(&dir.path().join("c.db")), "another seed, other data");
    let tally: BTreeMap<&str, usize> = fa.lines().fold(BTreeMap::new(), |mut m, l| {
        *m.entry(if l == "--" { "sections" } else { "rows" }).or_default() += 1;
        m
    });
    assert_eq!(tally["sections"], 7);
}

#[test]
fn sizes_are_honoured_even_tiny_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tiny.db"), "demo-test").unwrap();
    let opts = DemoOptions { customers: 3, tickets: 12, entries: 20, open: None, seed: 5, now: weekday_morning() };
    let s = demo::generate(&mut store, &Settings::defaults(), &opts, |_| {}).unwrap();
    assert_eq!((s.customers, s.tickets), (3, 12));
    assert!(s.entries <= 20);
    let opts = DemoOptions { customers: 0, ..opts };
    let mut empty = Store::open_in_memory("demo-test").unwrap();
    assert!(demo::generate(&mut empty, &Settings::defaults(), &opts, |_| {}).is_err());
}

#[test]
fn exactly_the_asked_number_of_tickets_is_open() {
    for (tickets, open) in [(300, Some(40)), (2_000, None), (500, Some(0))] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("open.db"), "demo-test").unwrap();
        let now = weekday_morning();
        let opts = DemoOptions { customers: 20, tickets, entries: tickets * 2, open, seed: 9, now };
        demo::generate(&mut store, &Settings::defaults(), &opts, |_| {}).unwrap();
        // Default: 12 % of the tickets, at most 4 000 + one per thousand.
        let expected = open.unwrap_or((tickets * 12 / 100).min(4000 + tickets / 1000));
        assert_eq!(all_tickets(&store, true).len(), expected, "{tickets} tickets, --open {open:?}");
    }
}

fn helpdesk(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HELPDESK_CONFIG_DIR", db.with_extension("no-config"))
        .env("HELPDESK_NOW", "2026-03-11T10:30:00+01:00")
        .env_remove("HELPDESK_DB")
        .output()
        .unwrap()
}

#[test]
fn the_cli_writes_a_new_file_and_refuses_one_with_customers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let small = ["demo", "--customers", "6", "--tickets", "40", "--entries", "120", "--seed", "2"];
    let out = helpdesk(&db, &small);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("6 customers, 40 tickets"), "{stderr}");
    assert!(stderr.contains(&format!("helpdesk --db {}", db.display())), "{stderr}");

    let again = helpdesk(&db, &small);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "helpdesk: {} already holds 6 customers; demo data goes into a new file: pass another --db PATH (or --force to replace this one)",
            db.display()
        )
    );

    let forced = ["demo", "--customers", "5", "--tickets", "40", "--entries", "120", "--force"];
    let out = helpdesk(&db, &forced);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&db, "x").unwrap();
    assert_eq!(store.customer_count().unwrap(), 5, "replaced, not added to");

    // Not a helpdesk file: left alone even with --force.
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "my notes").unwrap();
    let out = helpdesk(&other, &["demo", "--force"]);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "my notes");
}

/// `customer list`'s lines (`Store::customer_lines`): each customer in `all_customers` order with the
/// tier history `tier_book` holds for it and the count `open_ticket_counts` gives, also when the
/// file holds tier changes the book leaves out or files under a text id (a damaged file); the same
/// lines whether the counts and histories are read on a second connection beside the customers or not.
/// Writes tier changes (customer id as stored, from month, tier) straight into the file at `path`,
/// foreign keys off: what another copy or a damaged file may hold.
fn add_tier_rows<const N: usize>(path: &Path, rows: [(Value, &str, &str); N]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    for (customer, month, tier) in rows {
        conn.execute(
            "INSERT INTO tier_changes (customer_id, from_month, tier, hlc) VALUES (?1, ?2, ?3, X'00')",
            rusqlite::params![customer, month, tier],
        )
        .unwrap();
    }
}

/// A long list of open tickets in a big file reads every customer's name here and their tier
/// histories on a second connection beside them (`Store::read_beside`); a short one looks its
/// customers up one by one. Both give the same lines, on a file with damaged tier rows too.
#[test]
fn open_ticket_lines_are_the_same_with_the_tier_histories_read_beside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (store, _) = make(&path, 11, weekday_morning());
    let open = TicketFilter { open_only: true, ..TicketFilter::default() };
    // The first open ticket's customer with one more tier change (an earlier one), so that a
    // history of several changes is read both ways.
    let mut first = None;
    store
        .each_ticket_line(&open, |l| {
            first.get_or_insert_with(|| l.customer_id.to_string());
            Ok(())
        })
        .unwrap();
    let first = first.expect("open tickets");
    drop(store);
    add_tier_rows(&path, [(Value::Blob(helpdesk::store::codec::id_blob(&first)), "2020-01", "plus")]);
    let mut store = Store::open(&path, "demo-test").unwrap();
    let lines = |store: &Store, filter: &TicketFilter| {
        let mut out = Vec::new();
        store
            .each_ticket_line(filter, |l| {
                out.push((l.summary(), l.customer_tiers.to_vec(), l.customer_index));
                Ok(())
            })
            .unwrap();
        out
    };
    let same = |store: &mut Store| {
        // A demo file has fewer customers than the second connection is used for by itself.
        store.use_one_reader();
        let one_by_one = lines(store, &open);
        assert_eq!(store.reads_beside(), 0);
        store.use_two_readers();
        let beside = lines(store, &open);
        assert_eq!(store.reads_beside(), 1, "the tier histories were read on a second connection");
        assert_eq!(beside, one_by_one);
        let book = store.tier_book().unwrap();
        for (ticket, tiers, _) in &one_by_one {
            assert_eq!(tiers, &book.history(&ticket.customer_id), "{}", ticket.customer_name);
        }
        let customers: HashSet<_> = one_by_one.iter().map(|(t, _, _)| t.customer_id.clone()).collect();
        assert!(customers.len() > 16, "{} customers: too few to read them all", customers.len());
        assert!(one_by_one.iter().any(|(_, tiers, _)| tiers.len() > 1));
        // One customer's list looks that customer up: no second connection.
        let theirs = TicketFilter { customer_id: Some(one_by_one[0].0.customer_id.clone()), ..open.clone() };
        assert!(!lines(store, &theirs).is_empty());
        assert_eq!(store.reads_beside(), 1);
        one_by_one
    };
    let before = same(&mut store);
    // A change with a month that is none, and one of a customer the file does not hold: skipped both
    // ways.
    drop(store);
    add_tier_rows(
        &path,
        [
            (Value::Blob(helpdesk::store::codec::id_blob(&first)), "someday", "vip"),
            (Value::Blob(vec![7; 16]), "2030-02", "vip"),
        ],
    );
    store = Store::open(&path, "demo-test").unwrap();
    assert_eq!(same(&mut store), before);
}

#[test]
fn customer_lines_agree_with_the_tier_book_and_the_open_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut store, _) = make(&path, 7, weekday_morning());
    let same = |store: &mut Store| {
        // In Czech order too: the second connection reads the last customers of the table as well,
        // sorted there and merged with the rest by the same keys.
        for order in [helpdesk::domain::collation::NameOrder::Czech, helpdesk::domain::collation::NameOrder::Folded] {
            store.use_name_order(order);
            store.use_one_reader();
            let alone = store.customer_lines().unwrap();
            let reads = store.reads_beside();
            store.use_two_readers();
            let lines = store.customer_lines().unwrap();
            assert_eq!(store.reads_beside(), reads + 1, "the second connection read the counts and histories");
            assert_eq!(lines, alone, "{order:?}");
        }
        store.use_one_reader();
        let alone = store.customer_lines().unwrap();
        store.use_two_readers();
        let lines = store.customer_lines().unwrap();
        assert_eq!(lines, alone);
        let (customers, book, open) =
            (store.all_customers().unwrap(), store.tier_book().unwrap(), store.open_ticket_counts().unwrap());
        assert_eq!(lines.len(), customers.len());
        for (line, customer) in lines.iter().zip(&customers) {
            assert_eq!(&line.customer, customer);
            assert_eq!(line.tiers, book.history(&customer.id), "{}", customer.name);
            assert_eq!(line.open_tickets, open.get(&customer.id).copied().unwrap_or(0), "{}", customer.name);
        }
        lines
    };
    let lines = same(&mut store);
    assert!(lines.iter().any(|l| l.tiers.len() > 1) && lines.iter().any(|l| l.open_tickets > 1));
    // A change stored under the text form of a customer's id, one with a month that is none, one of a
    // customer the file does not hold.
    let first = lines[0].customer.id.to_string();
    drop(store);
    add_tier_rows(
        &path,
        [
            (Value::Text(first.clone()), "2030-01", "vip"),
            (Value::Blob(helpdesk::store::codec::id_blob(&first)), "someday", "vip"),
            (Value::Blob(vec![7; 16]), "2030-02", "vip"),
        ],
    );
    store = Store::open(&path, "demo-test").unwrap();
    let damaged = same(&mut store);
    assert_eq!(damaged[0].tiers.last().map(|(m, _)| m.to_string()).as_deref(), Some("2030-01"));
}
