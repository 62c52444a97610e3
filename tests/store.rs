//! The store against in-memory and tempfile databases: the operation log (what each write appends,
//! rebuilding and replaying it), ticket numbers, keyset paging, tier history, validation, and the
//! files it refuses to touch. Every `now` is fixed.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use helpdesk::domain::{Role, TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::store::{
    Change, CustomerCursor, Hlc, NewEntry, NewTicket, OpRecord, Store, StoreError, TicketChange, TicketCursor,
    TicketFilter, TicketRow,
};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 instant in the test").with_timezone(&Utc)
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// Monday 2 March 2026, 09:00 in Prague.
fn base() -> DateTime<Utc> {
    t("2026-03-02T09:00:00+01:00")
}

fn mins(n: i64) -> Duration {
    Duration::minutes(n)
}

fn mem() -> Store {
    Store::open_in_memory("alice").unwrap()
}

/// The whole log in clock order, each with its place in it.
fn all_ops(store: &Store) -> Vec<(i64, OpRecord)> {
    store.ops_missing_from(&Default::default()).unwrap().into_iter().enumerate().map(|(i, op)| (i as i64, op)).collect()
}

fn op_count(store: &Store) -> usize {
    all_ops(store).len()
}

/// The changes appended since the log had `before` operations.
fn changes_after(store: &Store, before: usize) -> Vec<Change> {
    all_ops(store).into_iter().skip(before).map(|(_, op)| op.change).collect()
}

/// The variant names of changes, e.g. `["TimerStopped", "TimeEntryAdded"]`, for readable assertions.
fn kinds(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            let debug = format!("{c:?}");
            debug.split([' ', '{', '(']).next().unwrap_or_default().to_string()
        })
        .collect()
}

fn ticket(customer_id: &str, title: &str, kind: TicketKind, received_at: DateTime<Utc>) -> NewTicket {
    NewTicket {
        customer_id: helpdesk::domain::CustomerId::new(customer_id),
        title: title.to_string(),
        description: String::new(),
        kind,
        assignee: None,
        received_at,
    }
}

fn entry(ticket_id: &str, started_at: DateTime<Utc>, minutes: u32, technician: &str) -> NewEntry {
    NewEntry {
        ticket_id: helpdesk::domain::TicketId::new(ticket_id),
        started_at,
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role: Role::Technician,
        technician: technician.to_string(),
        note: String::new(),
    }
}

fn assert_bad_input<T: std::fmt::Debug>(r: Result<T, StoreError>, what: &str) -> StoreError {
    let e = r.expect_err(what);
    assert!(
        matches!(
            e,
            StoreError::Invalid(_)
                | StoreError::NotFound(_)
                | StoreError::Unknown(_)
                | StoreError::Needs(_)
                | StoreError::Refused(_)
        ) && e.is_bad_input(),
        "{what}: expected Invalid/NotFound/Unknown/Needs/Refused, got {e:?}"
    );
    e
}

/// A realistic mix of everything the store records; returns the store and the ids it made.
struct Fixture {
    store: Store,
    acme: helpdesk::domain::CustomerId,
    tickets: Vec<TicketRow>,
}

fn populate(mut store: Store) -> Fixture {
    let now = base();
    let acme = store.add_customer("Acme s.r.o.", "it@acme.test", Tier::Standard, ym(2026, 1), now).unwrap();
    let beta = store.add_customer("Beta", "", Tier::None, ym(2026, 3), now + mins(1)).unwrap();
    let vip = store.add_customer("Žluťoučký kůň", "kun@test", Tier::Vip, ym(2025, 12), now + mins(2)).unwrap();
    store.set_tier(&acme.id, ym(2026, 4), Tier::Plus, now + mins(3)).unwrap();
    store.set_tier(&beta.id, ym(2026, 5), Tier::Standard, now + mins(4)).unwrap();

    let t1 = store.open_ticket(ticket(&acme.id, "Printer offline", TicketKind::Incident, now), now + mins(5)).unwrap();
    let t2 = store
        .open_ticket(ticket(&vip.id, "Export to XML", TicketKind::Consultation, now + mins(6)), now + mins(6))
        .unwrap();
    let t3 =
        store.open_ticket(ticket(&beta.id, "New report", TicketKind::Request, now + mins(7)), now + mins(7)).unwrap();
    store
        .update_ticket(
            &t1.id,
            vec![
                TicketChange::Status(TicketStatus::Open),
                TicketChange::Assignee(Some("bob".into())),
                TicketChange::Title("Printer offline again".into()),
            ],
            now + mins(8),
        )
        .unwrap();
    store.update_ticket(&t3.id, vec![TicketChange::Description("Line one\nline two".into())], now + mins(9)).unwrap();
    store.record_first_response(&t1.id, now + mins(30), now + Duration::days(2), now + mins(30)).unwrap();
    store.set_resolve_by(&t1.id, now + Duration::days(3), now + mins(31)).unwrap();
    let c1 = store.add_comment(&t1.id, "Called the customer", now + mins(32)).unwrap();
    store.add_comment(&t2.id, "Sent the spec", now + mins(33)).unwrap();

    let e1 = store.add_time_entry(entry(&t1.id, now + mins(10), 20, "alice"), now + mins(34)).unwrap();
    store.correct_time_entry(&e1.id, entry(&t1.id, now + mins(10), 25, "alice"), now + mins(35)).unwrap();
    let e3 = store.add_time_entry(entry(&t3.id, now + mins(40), 15, "bob"), now + mins(41)).unwrap();
    store.void_time_entry(&e3.id, now + mins(42)).unwrap();
    let mut consult = entry(&t2.id, now + mins(43), 90, "carol");
    consult.role = Role::Consultant;
    consult.note = "workshop".into();
    store.add_time_entry(consult, now + mins(44)).unwrap();

    assert!(store.start_timer(&t1.id, "alice", Role::Technician, now + mins(60)).unwrap().is_none());
    let first = store.start_timer(&t2.id, "alice", Role::Technician, now + mins(85)).unwrap();
    assert_eq!(first.expect("the first timer is stopped").entry.minutes, 25);
    store.start_timer(&t3.id, "bob", Role::Technician, now + mins(86)).unwrap();
    store.stop_timer("bob", now + mins(100)).unwrap().expect("bob's timer");
    store.set_actor("bob");
    store.add_comment(&t3.id, "Waiting for the data", now + mins(101)).unwrap();
    store.update_ticket(&t3.id, vec![TicketChange::Status(TicketStatus::Waiting)], now + mins(102)).unwrap();
    // A laptop clock that went back: the later write still wins, live and on replay.
    store.update_ticket(&t2.id, vec![TicketChange::Title("Export to XML, v2".into())], now + mins(110)).unwrap();
    store.update_ticket(&t2.id, vec![TicketChange::Title("Export to XML, v3".into())], now + mins(105)).unwrap();
    assert_eq!(store.ticket(&t2.id).unwrap().unwrap().title, "Export to XML, v3");
    let _ = c1;
    Fixture { store, acme: acme.id, tickets: vec![t1, t2, t3] }
}

// ---------------------------------------------------------------------------------------------
// The operation log

#[test]
fn rebuilding_from_the_log_restores_the_same_state() {
    let Fixture { mut store, tickets, .. } = populate(mem());
    let before = store.state_dump().unwrap();
    // The dump is not trivially empty: it holds the voided and the corrected entry and the running timer.
    assert!(before.contains("Printer offline again") && before.contains("Export to XML, v3"), "{before}");
    assert_eq!(store.running_timers().unwrap().len(), 1);
    let replayed = store.rebuild_from_log().unwrap();
    assert_eq!(replayed, op_count(&store));
    assert_eq!(store.state_dump().unwrap(), before);
    // Derived reads agree after the rebuild too.
    let entries = store.time_entries(&tickets[0].id).unwrap();
    assert_eq!(entries.iter().map(|e| e.minutes).collect::<Vec<_>>(), vec![25, 25]);
    assert_eq!(store.running_timer("alice").unwrap().unwrap().ticket_id, tickets[1].id);
}

#[test]
fn replaying_the_log_into_a_fresh_store_gives_the_same_state() {
    let Fixture { store, .. } = populate(mem());
    let mut copy = Store::open_in_memory("someone else").unwrap();
    assert_ne!(copy.device(), store.device());
    // Imported in small pages, in clock order.
    let mut imported = 0;
    let all: Vec<OpRecord> = all_ops(&store).into_iter().map(|(_, op)| op).collect();
    for page in all.chunks(4) {
        imported += copy.apply_remote(page).unwrap();
    }
    assert_eq!(imported, op_count(&store));
    assert_eq!(copy.state_dump().unwrap(), store.state_dump().unwrap());
    // The copy's log is the original's, operation for operation.
    let original: Vec<OpRecord> = all_ops(&store).into_iter().map(|(_, op)| op).collect();
    let copied: Vec<OpRecord> = all_ops(&copy).into_iter().map(|(_, op)| op).collect();
    assert_eq!(copied, original);
    // Importing again changes nothing.
    assert_eq!(copy.apply_remote(&original).unwrap(), 0);
    assert_eq!(copy.state_dump().unwrap(), store.state_dump().unwrap());
    // The copy's own next change is ordered after everything it imported, even with an older clock.
    let acme = copy.require_customer("acme s.r.o.").unwrap();
    copy.set_tier(&acme.id, ym(2027, 1), Tier::Vip, base() - Duration::days(30)).unwrap();
    let ops = all_ops(&copy);
    let (newest, previous) = (&ops[ops.len() - 1].1, &ops[ops.len() - 2].1);
    assert!(newest.hlc > previous.hlc, "{} !> {}", newest.hlc, previous.hlc);
    assert_eq!(newest.device, copy.device());
}

/// An import finds the operations the file holds already by their device and clock, also when they
/// come mixed with new ones (each device's newest clock in the file spares the look-up of the new ones
/// only): the held ones are skipped, the new ones applied, and one at a held clock with other content
/// is refused, never skipped.
#[test]
fn an_import_skips_what_the_file_holds_and_refuses_it_with_other_content() {
    let Fixture { store, .. } = populate(mem());
    let all: Vec<OpRecord> = all_ops(&store).into_iter().map(|(_, op)| op).collect();
    let mut copy = mem();
    copy.become_copy("K", "copy-device", store.device(), "", base()).unwrap();
    let (half, none) = (all.len() / 2, helpdesk::store::Vector::new());
    // Imported a day later (what the fixture wrote is not ahead of the importing clock).
    let later = base() + Duration::days(1);
    let first = copy.import_ops(&all[..half], store.device(), "", &none, later).unwrap();
    assert_eq!((first.applied, first.skipped), (half, 0));
    // Everything again: the first half (at and below the newest clock held) with the rest (above it).
    let again = copy.import_ops(&all, store.device(), "", &none, later).unwrap();
    assert_eq!((again.applied, again.skipped), (all.len() - half, half));
    assert_eq!(copy.state_dump().unwrap(), store.state_dump().unwrap());
    let mut forged = all[half / 2].clone();
    forged.actor = "mallory".into();
    let refused = copy.import_ops(&[forged], store.device(), "", &none, base());
    assert!(matches!(refused, Err(StoreError::Clash { .. })), "{refused:?}");
}

#[test]
fn what_a_copy_lacks_is_the_log_above_its_clock_per_device() {
    let Fixture { store, .. } = populate(mem());
    let all = all_ops(&store);
    assert!(all.windows(2).all(|w| w[0].1.hlc < w[1].1.hlc), "in clock order");
    let mut seen = helpdesk::store::Vector::new();
    seen.insert(store.device().to_string(), all[5].1.hlc.clone());
    let rest = store.ops_missing_from(&seen).unwrap();
    assert_eq!(rest, all[6..].iter().map(|(_, op)| op.clone()).collect::<Vec<_>>());
    assert!(store.ops_missing_from(&store.vector().unwrap()).unwrap().is_empty());
}

#[test]
fn each_write_appends_exactly_its_operations() {
    let mut s = mem();
    let now = base();
    let mut seen = 0;
    let mut step = |s: &Store, expected: &[&str]| {
        let got = changes_after(s, seen);
        assert_eq!(kinds(&got), expected);
        seen += got.len();
    };

    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 3), now).unwrap();
    step(&s, &["CustomerCreated"]);
    s.set_tier(&c.id, ym(2026, 6), Tier::Plus, now).unwrap();
    step(&s, &["TierSet"]);
    let tk = s.open_ticket(ticket(&c.id, "Broken", TicketKind::Request, now), now).unwrap();
    step(&s, &["TicketOpened"]);
    s.update_ticket(
        &tk.id,
        vec![
            TicketChange::Kind(TicketKind::Incident),
            TicketChange::Assignee(Some("bob".into())),
            TicketChange::Status(TicketStatus::Open),
        ],
        now,
    )
    .unwrap();
    step(&s, &["TicketKindSet", "TicketAssigneeSet", "TicketStatusSet"]);
    s.update_ticket(&tk.id, vec![], now).unwrap();
    step(&s, &[]);
    s.record_first_response(&tk.id, now + mins(5), now + Duration::days(1), now).unwrap();
    step(&s, &["FirstResponse"]);
    let cm = s.add_comment(&tk.id, "hello", now).unwrap();
    step(&s, &["CommentAdded"]);
    let e = s.add_time_entry(entry(&tk.id, now, 30, "alice"), now).unwrap();
    step(&s, &["TimeEntryAdded"]);
    let fixed = s.correct_time_entry(&e.id, entry(&tk.id, now, 35, "alice"), now).unwrap();
    step(&s, &["TimeEntryAdded"]);
    assert_eq!(fixed.replaces.as_deref(), Some(e.id.as_str()));
    s.void_time_entry(&fixed.id, now).unwrap();
    step(&s, &["TimeEntryVoided"]);
    s.start_timer(&tk.id, "alice", Role::Technician, now).unwrap();
    step(&s, &["TimerStarted"]);
    s.start_timer(&tk.id, "alice", Role::Technician, now + mins(10)).unwrap();
    step(&s, &["TimerStopped", "TimeEntryAdded", "TimerStarted"]);
    s.stop_timer("alice", now + mins(20)).unwrap();
    step(&s, &["TimerStopped", "TimeEntryAdded"]);
    assert!(s.stop_timer("alice", now + mins(30)).unwrap().is_none());
    step(&s, &[]);

    // Failed writes append nothing.
    assert_bad_input(s.add_customer("ACME", "", Tier::None, ym(2026, 3), now), "duplicate name");
    assert_bad_input(s.add_time_entry(entry(&tk.id, now, 30, " "), now), "no technician");
    assert_bad_input(s.correct_time_entry(&e.id, entry(&tk.id, now, 5, "alice"), now), "correct a voided entry");
    assert_bad_input(s.void_time_entry(&fixed.id, now), "void twice");
    assert_bad_input(s.add_comment(&tk.id, " \u{1b} ", now), "empty comment");
    assert_bad_input(
        s.update_ticket(&tk.id, vec![TicketChange::Status(TicketStatus::Closed), TicketChange::Title(" ".into())], now),
        "an empty title among other changes",
    );
    step(&s, &[]);
    assert_eq!(s.ticket(&tk.id).unwrap().unwrap().status, TicketStatus::Open, "no partial update");

    // The ticket's history, from the log, includes the changes that name only an entry or a timer.
    let history = kinds(&s.history(&tk.id).unwrap().into_iter().map(|op| op.change).collect::<Vec<_>>());
    assert_eq!(history.len(), seen - 2, "everything but the customer's two ops: {history:?}");
    assert!(history.contains(&"TimeEntryVoided".to_string()) && history.contains(&"TimerStopped".to_string()));
    let _ = cm;
}

#[test]
fn ops_carry_uuid_v7_ids_increasing_clocks_the_device_and_the_actor() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 3), now).unwrap();
    let tk = s.open_ticket(ticket(&c.id, "One", TicketKind::Request, now), now).unwrap();
    s.set_actor("bob");
    // Several ops in one transaction share one wall-clock millisecond; then the clock goes back.
    s.update_ticket(
        &tk.id,
        vec![TicketChange::Title("Two".into()), TicketChange::Status(TicketStatus::Waiting)],
        now + mins(1),
    )
    .unwrap();
    s.add_comment(&tk.id, "earlier clock", now - Duration::hours(2)).unwrap();
    s.start_timer(&tk.id, "bob", Role::Technician, now - Duration::hours(1)).unwrap();
    s.start_timer(&tk.id, "bob", Role::Technician, now + mins(30)).unwrap();

    let ops = all_ops(&s);
    assert_eq!(ops.len(), 9);
    // An operation is identified by its device and clock: unique, increasing on one device.
    let mut ids = HashSet::new();
    for (i, (_, op)) in ops.iter().enumerate() {
        assert!(ids.insert(op.hlc.clone()), "duplicate op {}", op.hlc);
        assert_eq!(op.device, s.device());
        let hlc: Hlc = op.hlc.parse().unwrap();
        assert_eq!(hlc.device, s.device());
        assert_eq!(op.actor, if i < 2 { "alice" } else { "bob" }, "op {i}");
    }
    for w in ops.windows(2) {
        assert!(w[0].1.hlc < w[1].1.hlc, "clock not increasing: {} then {}", w[0].1.hlc, w[1].1.hlc);
    }
    // The clock's wall-clock part is the `now` the op was recorded at.
    let first: Hlc = ops[0].1.hlc.parse().unwrap();
    assert_eq!(first.millis / 1000, now.timestamp());
    assert!(uuid::Uuid::parse_str(s.device()).is_ok(), "device id {}", s.device());
}

// ---------------------------------------------------------------------------------------------
// Ticket numbers

#[test]
fn ticket_numbers_are_sequential_and_unique() {
    let mut s = mem();
    let now = base();
    let a = s.add_customer("Acme", "", Tier::Vip, ym(2026, 1), now).unwrap();
    let b = s.add_customer("Beta", "", Tier::None, ym(2026, 1), now).unwrap();
    let mut numbers = Vec::new();
    for i in 0..12 {
        let c = if i % 3 == 0 { &b } else { &a };
        numbers.push(
            s.open_ticket(ticket(&c.id, &format!("T{i}"), TicketKind::Request, now), now).unwrap().summary.number,
        );
    }
    let expected: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    // A failed open does not burn a number.
    assert_bad_input(s.open_ticket(ticket(&a.id, "  ", TicketKind::Request, now), now), "empty title");
    assert_eq!(s.open_ticket(ticket(&a.id, "T13", TicketKind::Request, now), now).unwrap().number, "13");
    // Numbers survive a rebuild, and the counter continues after it.
    s.rebuild_from_log().unwrap();
    assert_eq!(s.open_ticket(ticket(&a.id, "T14", TicketKind::Request, now), now).unwrap().number, "14");

    let seven = s.ticket_by_number(&"7".parse().unwrap()).unwrap().unwrap();
    assert_eq!((seven.title.as_str(), seven.customer_name.as_str()), ("T6", "Beta"));
    assert_eq!(s.require_ticket(&"#7".parse().unwrap()).unwrap().id, seven.id);
    assert_eq!(s.require_ticket(&" 7 ".parse().unwrap()).unwrap().id, seven.id);
    assert!(s.ticket_by_number(&"99".parse().unwrap()).unwrap().is_none());

    // The store says what is missing; where to look is the CLI's to add (tests/i18n_cli.rs).
    let e = assert_bad_input(s.require_ticket(&"99".parse().unwrap()), "unknown number");
    assert!(matches!(e, StoreError::Unknown(helpdesk::store::Unknown::TicketNumber(_))));
    assert_eq!(e.to_string(), "no ticket 99");
    let other = s.require_ticket(&"B-1".parse().unwrap());
    assert!(matches!(assert_bad_input(other, "other copy's number"), StoreError::Unknown(_)));
    // A number that does not parse never reaches the store.
    for bad in ["", "abc", "0", "-3", "1.5", "12a"] {
        let e = bad.parse::<helpdesk::domain::TicketNumber>().expect_err(bad);
        assert!(e.to_string().contains("is not a ticket number"), "{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Keyset paging

#[test]
fn customers_page_walks_every_customer_once_in_name_order() {
    let mut s = mem();
    let now = base();
    let names = ["zeta", "Čedok", "alfa", "Beta", "éra", "ALFA 2", "cedr", "Delta", "Ábel"];
    for n in names {
        s.add_customer(n, "", Tier::Standard, ym(2026, 1), now).unwrap();
    }
    for limit in [1, 2, 4, 9, 50] {
        let mut seen = Vec::new();
        let mut cursor: Option<CustomerCursor> = None;
        let mut pages = 0;
        loop {
            let page = s.customers_page(cursor.as_ref(), limit).unwrap();
            assert!(page.len() <= limit);
            let Some((_, last)) = page.last() else { break };
            cursor = Some(last.clone());
            pages += 1;
            seen.extend(page.into_iter().map(|(c, _)| c.name));
            assert!(pages <= names.len() + 1, "paging does not end");
        }
        // Folded order, case and diacritics ignored: "cedok" < "cedr".
        assert_eq!(seen, ["Ábel", "alfa", "ALFA 2", "Beta", "Čedok", "cedr", "Delta", "éra", "zeta"], "limit {limit}");
    }
    assert_eq!(s.customer_count().unwrap(), names.len() as i64);
    // Lookups by name ignore case and diacritics.
    assert_eq!(s.require_customer("CEDOK").unwrap().name, "Čedok");
    assert_bad_input(s.require_customer("Omega"), "unknown customer");
}

/// A Czech reader's customer list pages in Czech order (`Ch` after `H`, `Č` after `C`, `Ř` after `R`,
/// `Š` after `S`, `Ž` after `Z`; other accents with their letter), and stays right whatever the page
/// size: the order moves `Chata` past every `H…`, across page boundaries.
#[test]
fn customers_page_in_czech_order_walks_every_customer_once_whatever_the_page() {
    use helpdesk::domain::collation::NameOrder;
    let mut s = mem();
    let now = base();
    let names = [
        "Žďár", "Chata", "Hora", "Hůrka", "Cyril", "Čedok", "cedr", "Zahrada", "Řeka", "Rys", "Šimon", "Sova", "Ábel",
        "alfa", "Ivo", "Tůma", "Ťuk",
    ];
    for n in names {
        s.add_customer(n, "", Tier::Standard, ym(2026, 1), now).unwrap();
    }
    s.use_name_order(NameOrder::Czech);
    let czech = [
        "Ábel", "alfa", "cedr", "Cyril", "Čedok", "Hora", "Hůrka", "Chata", "Ivo", "Rys", "Řeka", "Sova", "Šimon",
        "Ťuk", "Tůma", "Zahrada", "Žďár",
    ];
    for limit in [1, 2, 3, 5, 17, 50] {
        let mut seen = Vec::new();
        let mut cursor: Option<CustomerCursor> = None;
        loop {
            let page = s.customers_page(cursor.as_ref(), limit).unwrap();
            assert!(page.len() <= limit);
            let Some((_, last)) = page.last() else { break };
            cursor = Some(last.clone());
            seen.extend(page.into_iter().map(|(c, _)| c.name));
            assert!(seen.len() <= names.len(), "paging does not end");
        }
        assert_eq!(seen, czech, "limit {limit}");
    }
    // A picker's matches come in the same order.
    let matching: Vec<String> = s.customers_matching("c", 10).unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(matching, ["cedr", "Cyril", "Čedok", "Chata"]);
    // English keeps the folded order it always had.
    s.use_name_order(NameOrder::Folded);
    let page: Vec<String> = s.customers_page(None, 50).unwrap().into_iter().map(|(c, _)| c.name).collect();
    assert_eq!(&page[..6], ["Ábel", "alfa", "Čedok", "cedr", "Chata", "Cyril"]);
}

#[test]
fn tickets_page_walks_every_matching_ticket_once_in_order() {
    let mut s = mem();
    let now = base();
    let a = s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), now).unwrap();
    let b = s.add_customer("Beta", "", Tier::Plus, ym(2026, 1), now).unwrap();
    let mut made = Vec::new();
    for i in 0..17u32 {
        let customer = if i % 2 == 0 { &a } else { &b };
        // Groups of three share one receipt time, so the id breaks ties.
        let received = now + mins(i64::from(i / 3) * 10);
        let mut nt = ticket(&customer.id, &format!("T{i}"), TicketKind::Request, received);
        nt.assignee = match i % 3 {
            0 => Some("bob".into()),
            1 => None,
            _ => Some("carol".into()),
        };
        made.push(s.open_ticket(nt, now + mins(i64::from(i))).unwrap());
    }
    for (i, tk) in made.iter().enumerate() {
        if i % 4 == 0 {
            let status = if i % 8 == 0 { TicketStatus::Closed } else { TicketStatus::Resolved };
            s.update_ticket(&tk.id, vec![TicketChange::Status(status)], now + mins(60)).unwrap();
        }
    }
    let mut by_order = made.clone();
    by_order.sort_by(|x, y| (x.received_at, &x.id).cmp(&(y.received_at, &y.id)));
    let is_open = |tk: &TicketRow| {
        let i: usize = tk.title[1..].parse().unwrap();
        i % 4 != 0
    };

    type Keep<'a> = Box<dyn Fn(&TicketRow) -> bool + 'a>;
    let filters: Vec<(&str, TicketFilter, Keep)> = vec![
        ("all", TicketFilter::default(), Box::new(|_| true)),
        ("open", TicketFilter { open_only: true, ..Default::default() }, Box::new(is_open)),
        (
            "customer",
            TicketFilter { customer_id: Some(b.id.clone()), ..Default::default() },
            Box::new(|tk| tk.customer_id == b.id),
        ),
        (
            "open of customer",
            TicketFilter { open_only: true, customer_id: Some(a.id.clone()), assignee: None },
            Box::new(|tk| is_open(tk) && tk.customer_id == a.id),
        ),
        (
            "assignee",
            TicketFilter { assignee: Some(Some("bob".into())), ..Default::default() },
            Box::new(|tk| tk.assignee.as_deref() == Some("bob")),
        ),
        (
            "unassigned",
            TicketFilter { assignee: Some(None), ..Default::default() },
            Box::new(|tk| tk.assignee.is_none()),
        ),
        (
            "open, unassigned, customer",
            TicketFilter { open_only: true, customer_id: Some(b.id.clone()), assignee: Some(None) },
            Box::new(|tk| is_open(tk) && tk.assignee.is_none() && tk.customer_id == b.id),
        ),
    ];
    for (name, filter, keep) in &filters {
        let expected: Vec<String> = by_order.iter().filter(|tk| keep(tk)).map(|tk| tk.number.clone()).collect();
        assert!(!expected.is_empty(), "{name}: the filter selects something");
        for limit in [1, 2, 5, 100] {
            let mut seen = Vec::new();
            let mut cursor: Option<TicketCursor> = None;
            loop {
                let page = s.tickets_page(filter, cursor.as_ref(), limit).unwrap();
                assert!(page.len() <= limit);
                let Some(last) = page.last() else { break };
                cursor = Some(TicketCursor { received_at: last.received_at.timestamp(), id: last.id.to_string() });
                seen.extend(page.into_iter().map(|tk| tk.summary.number));
                assert!(seen.len() <= made.len(), "{name}: paging does not end");
            }
            assert_eq!(seen, expected, "{name}, limit {limit}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tier history

#[test]
fn tier_history_decides_the_tier_of_each_month() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 3), now).unwrap();
    assert_eq!(s.tier_in(&c.id, ym(2026, 2)).unwrap(), Tier::None, "before the first change");
    assert_eq!(s.tier_in(&c.id, ym(2025, 12)).unwrap(), Tier::None);
    assert_eq!(s.tier_in(&c.id, ym(2026, 3)).unwrap(), Tier::Standard);
    s.set_tier(&c.id, ym(2026, 6), Tier::Vip, now).unwrap();
    s.set_tier(&c.id, ym(2026, 9), Tier::None, now).unwrap();
    let expect = [
        (ym(2026, 5), Tier::Standard),
        (ym(2026, 6), Tier::Vip),
        (ym(2026, 8), Tier::Vip),
        (ym(2026, 9), Tier::None),
        (ym(2027, 1), Tier::None),
    ];
    for (m, tier) in expect {
        assert_eq!(s.tier_in(&c.id, m).unwrap(), tier, "{m}");
    }
    // A later change for the same month replaces the earlier one.
    s.set_tier(&c.id, ym(2026, 6), Tier::Plus, now + mins(1)).unwrap();
    assert_eq!(s.tier_in(&c.id, ym(2026, 7)).unwrap(), Tier::Plus);
    assert_eq!(
        s.tier_history(&c.id).unwrap(),
        vec![(ym(2026, 3), Tier::Standard), (ym(2026, 6), Tier::Plus), (ym(2026, 9), Tier::None)]
    );
    // An unknown customer has no contract.
    assert_eq!(s.tier_in(&helpdesk::domain::CustomerId::new("nobody"), ym(2026, 6)).unwrap(), Tier::None);
}

// ---------------------------------------------------------------------------------------------
// Validation

#[test]
fn first_response_is_validated() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Vip, ym(2026, 1), now).unwrap();
    let tk = s.open_ticket(ticket(&c.id, "Down", TicketKind::Incident, now), now).unwrap();
    let ops = op_count(&s);

    let e = assert_bad_input(
        s.record_first_response(&tk.id, now - mins(1), now + Duration::days(1), now),
        "response before the ticket was received",
    );
    assert!(e.to_string().contains("before the ticket was received"), "{e}");
    let e = assert_bad_input(
        s.record_first_response(&tk.id, now + mins(10), now + mins(9), now),
        "resolve-by before the response",
    );
    assert!(e.to_string().contains("before the response"), "{e}");
    assert_bad_input(s.set_resolve_by(&tk.id, now + Duration::days(1), now), "resolve-by without a response");
    assert_eq!(op_count(&s), ops, "refused responses append nothing");

    // At the receipt instant, resolving at the response instant: both boundaries are allowed.
    s.record_first_response(&tk.id, now, now, now).unwrap();
    let row = s.ticket(&tk.id).unwrap().unwrap();
    assert_eq!((row.first_response_at, row.resolve_by), (Some(now), Some(now)));

    let e = assert_bad_input(
        s.record_first_response(&tk.id, now + mins(5), now + Duration::days(1), now),
        "a second first response",
    );
    assert!(e.to_string().contains("already has its first response"), "{e}");
    assert!(!e.to_string().contains("helpdesk") && !e.to_string().contains("--"), "no CLI words in the store's: {e}");
    assert_bad_input(s.set_resolve_by(&tk.id, now - mins(1), now), "promise moved before the response");
    s.set_resolve_by(&tk.id, now + Duration::days(2), now).unwrap();
    let row = s.ticket(&tk.id).unwrap().unwrap();
    assert_eq!((row.first_response_at, row.resolve_by), (Some(now), Some(now + Duration::days(2))));
    assert_eq!(op_count(&s), ops + 2);
}

#[test]
fn time_entries_are_validated() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), now).unwrap();
    let tk = s.open_ticket(ticket(&c.id, "Work", TicketKind::Request, now), now).unwrap();
    let ops = op_count(&s);
    // An entry's minutes are 1 ..= 24 h by their type: no other count reaches the store.
    for minutes in [0, 24 * 60 + 1] {
        assert!(helpdesk::domain::Minutes::new(minutes).is_err(), "{minutes}");
    }
    let e = assert_bad_input(s.add_time_entry(entry(&tk.id, now, 30, "  \u{7} "), now), "no technician");
    assert!(matches!(e, StoreError::Needs(helpdesk::store::Needs::Technician)), "no technician: {e:?}");
    assert_eq!(op_count(&s), ops);
    let e = s.add_time_entry(entry(&tk.id, now, 24 * 60, " alice\t"), now).unwrap();
    assert_eq!((e.minutes, e.technician.as_str()), (24 * 60, "alice"));
    let e = s.add_time_entry(entry(&tk.id, now, 1, "alice"), now).unwrap();
    assert_eq!(e.minutes, 1);
    assert_eq!(s.time_entries(&tk.id).unwrap().len(), 2);
    // A correction is validated like a new entry and leaves the original in place when refused.
    assert_bad_input(s.correct_time_entry(&e.id, entry(&tk.id, now, 30, ""), now), "corrected to no technician");
    assert_eq!(s.time_entries(&tk.id).unwrap().len(), 2);
}

#[test]
fn unknown_tickets_customers_and_entries_are_bad_input() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), now).unwrap();
    let tk = s.open_ticket(ticket(&c.id, "Work", TicketKind::Request, now), now).unwrap();
    let ops = op_count(&s);
    let nope = "01900000-0000-7000-8000-000000000000";

    assert_bad_input(s.open_ticket(ticket(nope, "Orphan", TicketKind::Request, now), now), "open for unknown customer");
    assert_bad_input(
        s.set_tier(&helpdesk::domain::CustomerId::new(nope), ym(2026, 5), Tier::Vip, now),
        "tier of unknown customer",
    );
    assert_bad_input(s.require_customer("Nobody"), "unknown customer name");
    assert_bad_input(s.add_customer(" \n ", "", Tier::None, ym(2026, 1), now), "empty customer name");
    assert_bad_input(s.add_time_entry(entry(nope, now, 10, "alice"), now), "time on unknown ticket");
    assert_bad_input(s.add_comment(&helpdesk::domain::TicketId::new(nope), "hi", now), "comment on unknown ticket");
    assert_bad_input(
        s.update_ticket(&helpdesk::domain::TicketId::new(nope), vec![TicketChange::Status(TicketStatus::Open)], now),
        "update unknown",
    );
    assert_bad_input(
        s.record_first_response(&helpdesk::domain::TicketId::new(nope), now, now, now),
        "respond to unknown",
    );
    assert_bad_input(s.set_resolve_by(&helpdesk::domain::TicketId::new(nope), now, now), "resolve-by of unknown");
    assert_bad_input(
        s.start_timer(&helpdesk::domain::TicketId::new(nope), "alice", Role::Technician, now),
        "timer on unknown ticket",
    );
    assert_bad_input(s.void_time_entry(&helpdesk::domain::EntryId::new(nope), now), "void unknown entry");
    assert_bad_input(
        s.correct_time_entry(&helpdesk::domain::EntryId::new(nope), entry(&tk.id, now, 10, "alice"), now),
        "correct unknown entry",
    );
    let e = s.add_time_entry(entry(&tk.id, now, 10, "alice"), now).unwrap();
    assert_bad_input(s.correct_time_entry(&e.id, entry(nope, now, 10, "alice"), now), "correct onto unknown ticket");
    assert_eq!(op_count(&s), ops + 1);
    assert_eq!(s.time_entries(&tk.id).unwrap(), vec![e]);
}

#[test]
fn starting_a_timer_stops_the_running_one() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), now).unwrap();
    let t1 = s.open_ticket(ticket(&c.id, "One", TicketKind::Request, now), now).unwrap();
    let t2 = s.open_ticket(ticket(&c.id, "Two", TicketKind::Request, now), now).unwrap();
    assert!(s.start_timer(&t1.id, "alice", Role::Technician, now).unwrap().is_none());
    assert!(s.start_timer(&t1.id, "bob", Role::Technician, now + mins(5)).unwrap().is_none(), "bob's own timer");
    let stopped = s
        .start_timer(&t2.id, "alice", Role::Consultant, now + mins(44) + Duration::seconds(30))
        .unwrap()
        .expect("alice's first timer stops");
    assert_eq!(stopped.timer.ticket_id, t1.id);
    assert_eq!(stopped.timer.ticket_number, "1");
    assert_eq!((stopped.entry.minutes, stopped.entry.started_at), (45, now), "44.5 min rounds to 45");
    assert_eq!(stopped.entry.technician, "alice");
    let running: Vec<(String, String)> =
        s.running_timers().unwrap().into_iter().map(|r| (r.technician, r.ticket_number)).collect();
    assert_eq!(running, vec![("bob".to_string(), "1".to_string()), ("alice".to_string(), "2".to_string())]);
    // Stopping books the time; a stopped timer cannot stop twice.
    let done = s.stop_timer("alice", now + mins(45) + Duration::seconds(10)).unwrap().unwrap();
    assert_eq!((done.entry.ticket_id.as_str(), done.entry.minutes), (t2.id.as_str(), 1), "at least one minute");
    assert!(s.stop_timer("alice", now + mins(50)).unwrap().is_none());
    let over = s.stop_timer_with_minutes("bob", 20, now + Duration::hours(30)).unwrap().unwrap();
    assert_eq!(over.entry.minutes, 20);
    assert!(s.running_timers().unwrap().is_empty());
    let t1_minutes: Vec<u32> = s.time_entries(&t1.id).unwrap().iter().map(|e| e.minutes).collect();
    assert_eq!(t1_minutes, vec![45, 20]);
}

// ---------------------------------------------------------------------------------------------
// Files

fn sqlite_file(path: &Path, setup: &str) -> Vec<u8> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(setup).unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

/// Asserts the file still holds exactly `before`, naming the first differing byte (not dumping both).
fn assert_unchanged(path: &Path, before: &[u8]) {
    let after = std::fs::read(path).unwrap();
    if after != before {
        let at = after.iter().zip(before).position(|(a, b)| a != b).unwrap_or(after.len().min(before.len()));
        panic!(
            "{} changed: {} bytes before, {} after, first difference at byte {at}",
            path.display(),
            before.len(),
            after.len()
        );
    }
}

/// The files in a directory, to show that no `-wal`/`-shm`/journal was left beside a refused file.
fn dir_listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_new_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/helpdesk.db");
    // A missing directory is never created (a mistyped path must not grow one); the file is.
    assert!(matches!(Store::open(&path, "alice"), Err(helpdesk::store::StoreError::Missing(_))));
    assert!(!dir.path().join("sub").exists());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut s = Store::open(&path, "alice").unwrap();
    s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), base()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    drop(s);
    // Reopening finds what was written, under the same device id.
    let again = Store::open(&path, "bob").unwrap();
    assert_eq!(again.require_customer("acme").unwrap().name, "Acme");
    assert_eq!(again.actor(), "bob");
    assert_eq!(again.path(), Some(path.as_path()));
}

#[test]
fn a_text_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("notes.txt", &b"Meeting notes\nnothing to see here, really\n"[..]), ("short", &b"hi\n"[..])] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let e = Store::open(&path, "alice").err().expect("a text file is refused");
        assert!(matches!(e, StoreError::NotADatabase { .. }), "{e:?}");
        assert!(!e.is_bad_input());
        assert!(e.to_string().contains("is not a helpdesk database"), "{e}");
        assert_unchanged(&path, text);
    }
    assert_eq!(dir_listing(dir.path()), ["notes.txt", "short"]);
}

#[test]
fn a_database_from_a_newer_helpdesk_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let newer = helpdesk::store::LATEST_VERSION + 1;
    let bytes = sqlite_file(
        &path,
        &format!("CREATE TABLE things (x); INSERT INTO things VALUES (1); PRAGMA user_version = {newer};"),
    );
    let e = Store::open(&path, "alice").err().expect("a newer schema is refused");
    match &e {
        StoreError::NewerVersion { found, supported, .. } => {
            assert_eq!((*found, *supported), (newer, helpdesk::store::LATEST_VERSION));
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert!(e.to_string().contains("upgrade helpdesk"), "{e}");
    assert_unchanged(&path, &bytes);
    assert_eq!(dir_listing(dir.path()), ["future.db"]);
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let bytes = sqlite_file(&path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
    let e = Store::open(&path, "alice").err().expect("another program's database is refused");
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e:?}");
    assert!(e.to_string().contains("another program"), "{e}");
    assert_unchanged(&path, &bytes);
    assert_eq!(dir_listing(dir.path()), ["other.sqlite"]);
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let mut s = Store::open(&path, "alice").unwrap();
    s.add_customer("Acme", "", Tier::Standard, ym(2026, 1), base()).unwrap();
    assert_eq!(s.customer_count().unwrap(), 1);
}

#[test]
fn two_handles_on_one_file_see_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = Store::open(&path, "alice").unwrap();
    let mut b = Store::open(&path, "bob").unwrap();
    assert_eq!(a.device(), b.device(), "one file, one device");

    let before = b.data_version().unwrap();
    assert_eq!(b.data_version().unwrap(), before, "stable without commits");
    let c = a.add_customer("Acme", "", Tier::Vip, ym(2026, 1), base()).unwrap();
    let after = b.data_version().unwrap();
    assert_ne!(after, before, "b sees a's commit");
    assert_eq!(b.require_customer("ACME").unwrap().id, c.id);

    let a_version = a.data_version().unwrap();
    let tk = b.open_ticket(ticket(&c.id, "From b", TicketKind::Request, base()), base()).unwrap();
    assert_ne!(a.data_version().unwrap(), a_version, "a sees b's commit");
    assert_eq!(a.require_ticket(&"1".parse().unwrap()).unwrap().id, tk.id);
    // Both handles share one log and one clock.
    let ops = all_ops(&a);
    assert_eq!(ops.len(), 2);
    assert_eq!((ops[0].1.actor.as_str(), ops[1].1.actor.as_str()), ("alice", "bob"));
    assert!(ops[0].1.hlc < ops[1].1.hlc);
    // The number counter is shared too.
    let tk2 = a.open_ticket(ticket(&c.id, "From a", TicketKind::Request, base()), base()).unwrap();
    assert_eq!(tk2.number, "2");
}

#[test]
fn a_populated_file_rebuilds_and_reopens_identically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let Fixture { mut store, acme, tickets } = populate(Store::open(&path, "alice").unwrap());
    let dump = store.state_dump().unwrap();
    store.rebuild_from_log().unwrap();
    assert_eq!(store.state_dump().unwrap(), dump);
    drop(store);
    let reopened = Store::open(&path, "alice").unwrap();
    assert_eq!(reopened.state_dump().unwrap(), dump);
    assert_eq!(reopened.tier_in(&acme, ym(2026, 4)).unwrap(), Tier::Plus);
    assert_eq!(reopened.require_ticket(&"3".parse().unwrap()).unwrap().status, TicketStatus::Waiting);
    assert_eq!(tickets.len(), 3);
}

#[test]
fn a_timer_books_its_time_under_the_role_it_was_started_with() {
    let mut s = mem();
    let now = base();
    let c = s.add_customer("Walk-in", "", Tier::None, ym(2026, 1), now).unwrap();
    let t = s.open_ticket(ticket(&c.id, "Advice", TicketKind::Request, now), now).unwrap();
    s.start_timer(&t.id, "carol", Role::Consultant, now).unwrap();
    assert_eq!(s.running_timer("carol").unwrap().unwrap().role, Role::Consultant);
    let stopped = s.stop_timer("carol", now + mins(20)).unwrap().unwrap();
    assert_eq!((stopped.entry.role, stopped.entry.minutes), (Role::Consultant, 20));
    // Starting another timer stops the first under its own role too.
    s.start_timer(&t.id, "carol", Role::Consultant, now + mins(30)).unwrap();
    let switched = s.start_timer(&t.id, "carol", Role::Technician, now + mins(40)).unwrap().unwrap();
    assert_eq!(switched.entry.role, Role::Consultant);
    assert_eq!(s.stop_timer("carol", now + mins(50)).unwrap().unwrap().entry.role, Role::Technician);
}
