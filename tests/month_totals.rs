//! Month totals (`work_months`) against the time entries they sum: after any sequence of adds,
//! corrections, removals, kind and title changes and tier changes, `check` finds them in step, and
//! every statement billed from them equals the statement billed entry by entry (`month_work`), across
//! month ends and DST changes in the provider's zone. Also: a zone change rebuilds them, a
//! damaged row is reported by `check`, and the batched month report equals per-customer statements.

use chrono::{DateTime, Duration, TimeZone, Utc};
use helpdesk::config::Settings;
use helpdesk::domain::billing;
use helpdesk::domain::collation::NameOrder;
use helpdesk::domain::{Role, TicketKind, Tier, YearMonth};
use helpdesk::statements::{customer_statement, month_report, month_work, statement};
use helpdesk::store::{Change, Customer, NewEntry, NewTicket, Store, TicketChange, TicketRow, TimeEntryRow};
use proptest::prelude::*;

const MONTHS: [&str; 4] = ["2026-02", "2026-03", "2026-04", "2026-05"];

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

/// Instants from 2026-02-01 to the end of May, in 7-minute steps; in Prague that crosses three
/// month ends at local midnight (two hours before UTC's in summer) and the March DST change.
fn instant(step: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 31, 21, 0, 0).unwrap() + Duration::minutes(i64::from(step) * 7)
}

#[derive(Debug, Clone)]
enum Step {
    Ticket { customer: usize, kind: u8, received: u32 },
    Entry { ticket: usize, started: u32, minutes: u32, consultant: bool },
    Correct { entry: usize, started: u32, minutes: u32 },
    Void { entry: usize },
    Kind { ticket: usize, kind: u8 },
    Title { ticket: usize },
    Tier { customer: usize, month: usize, tier: u8 },
}

fn step() -> impl Strategy<Value = Step> {
    let at = 0u32..25_000;
    prop_oneof![
        2 => (0usize..4, 0u8..4, at.clone()).prop_map(|(customer, kind, received)| Step::Ticket { customer, kind, received }),
        6 => (0usize..64, at.clone(), 1u32..200, any::<bool>())
            .prop_map(|(ticket, started, minutes, consultant)| Step::Entry { ticket, started, minutes, consultant }),
        1 => (0usize..64, at.clone(), 1u32..200).prop_map(|(entry, started, minutes)| Step::Correct { entry, started, minutes }),
        1 => (0usize..64).prop_map(|entry| Step::Void { entry }),
        1 => (0usize..64, 0u8..4).prop_map(|(ticket, kind)| Step::Kind { ticket, kind }),
        1 => (0usize..64).prop_map(|ticket| Step::Title { ticket }),
        1 => (0usize..4, 0usize..4, 0u8..4).prop_map(|(customer, month, tier)| Step::Tier { customer, month, tier }),
    ]
}

fn kind(k: u8) -> TicketKind {
    [TicketKind::Request, TicketKind::Incident, TicketKind::Consultation, TicketKind::Change][usize::from(k % 4)]
}

fn tier(t: u8) -> Tier {
    [Tier::None, Tier::Standard, Tier::Plus, Tier::Vip][usize::from(t % 4)]
}

struct World {
    store: Store,
    settings: Settings,
    customers: Vec<Customer>,
    tickets: Vec<TicketRow>,
    entries: Vec<TimeEntryRow>,
    now: DateTime<Utc>,
}

impl World {
    fn new() -> Self {
        World::with_store(Store::open_in_memory("alice").unwrap())
    }

    /// A world of four customers, one of each tier, in `store` (new, empty).
    fn with_store(mut store: Store) -> Self {
        let settings = Settings::defaults();
        assert!(store.use_business_zone(settings.calendar.time_zone()).unwrap(), "a new file gets its totals");
        let now = Utc.with_ymd_and_hms(2026, 6, 15, 8, 0, 0).unwrap();
        let mut customers = Vec::new();
        for (i, t) in [Tier::Standard, Tier::Plus, Tier::Vip, Tier::None].into_iter().enumerate() {
            customers.push(store.add_customer(&format!("Customer {i}"), "", t, ym("2025-12"), now).unwrap());
        }
        World { store, settings, customers, tickets: Vec::new(), entries: Vec::new(), now }
    }

    fn run(&mut self, step: &Step) {
        let now = self.now;
        match *step {
            Step::Ticket { customer, kind: k, received } => {
                let new = NewTicket {
                    customer_id: self.customers[customer].id.clone(),
                    title: format!("Ticket {}", self.tickets.len()),
                    description: String::new(),
                    kind: kind(k),
                    assignee: None,
                    received_at: instant(received),
                };
                self.tickets.push(self.store.open_ticket(new, now).unwrap());
            }
            Step::Entry { ticket, started, minutes, consultant } => {
                let Some(t) = self.pick(&self.tickets, ticket) else { return };
                let role = if consultant { Role::Consultant } else { Role::Technician };
                // Work never starts on a day before its ticket was received (refused, bb6 #4).
                if !helpdesk::domain::worktime::work_may_start(
                    instant(started),
                    t.received_at,
                    chrono_tz::Europe::Prague,
                ) {
                    return;
                }
                let e = self.store.add_time_entry(entry(&t, started, minutes, role), now).unwrap();
                self.entries.push(e);
            }
            Step::Correct { entry: i, started, minutes } => {
                let Some(old) = self.pick(&self.entries, i) else { return };
                let Some(t) = self.tickets.iter().find(|t| t.id == old.ticket_id).cloned() else { return };
                if let Ok(e) = self.store.correct_time_entry(&old.id, entry(&t, started, minutes, old.role), now) {
                    self.entries.push(e);
                }
            }
            Step::Void { entry: i } => {
                let Some(old) = self.pick(&self.entries, i) else { return };
                let _ = self.store.void_time_entry(&old.id, now);
            }
            Step::Kind { ticket, kind: k } => {
                let Some(t) = self.pick(&self.tickets, ticket) else { return };
                self.store.update_ticket(&t.id, vec![TicketChange::Kind(kind(k))], now).unwrap();
            }
            Step::Title { ticket } => {
                let Some(t) = self.pick(&self.tickets, ticket) else { return };
                let title = format!("{} (renamed)", t.title);
                self.store.update_ticket(&t.id, vec![TicketChange::Title(title)], now).unwrap();
            }
            Step::Tier { customer, month, tier: t } => {
                let c = &self.customers[customer];
                self.store.set_tier(&c.id, ym(MONTHS[month]), tier(t), now).unwrap();
            }
        }
    }

    /// A world whose store is the file `path`, with its month totals in the calendar's zone.
    fn on_file(path: &std::path::Path) -> Self {
        let mut w = World::new();
        w.store = Store::open(path, "alice").unwrap();
        assert!(w.store.use_business_zone(w.settings.calendar.time_zone()).unwrap());
        w
    }

    fn pick<T: Clone>(&self, items: &[T], i: usize) -> Option<T> {
        (!items.is_empty()).then(|| items[i % items.len()].clone())
    }

    /// Every customer's statement of every month, from the totals and from the entries, side by side.
    fn assert_statements_agree(&self) {
        for c in &self.customers {
            for m in MONTHS {
                let from_totals = statement(&self.store, &self.settings, c, ym(m)).unwrap();
                let (tier, work) = month_work(&self.store, &self.settings, c, ym(m)).unwrap();
                let from_entries = billing::statement(&self.settings.tariffs, ym(m), tier, &work);
                assert_eq!(from_totals, from_entries, "{} in {m}", c.name);
            }
        }
    }

    fn assert_report_agrees(&self) {
        for m in MONTHS {
            for s in month_report(&self.store, &self.settings, ym(m)).unwrap() {
                let one = customer_statement(&self.store, &self.settings, &s.customer, ym(m)).unwrap();
                assert_eq!(s.statement, one.statement, "{} in {m}", s.customer.name);
                assert_eq!(s.upgrade_to, one.upgrade_to);
            }
        }
    }
}

fn entry(t: &TicketRow, started: u32, minutes: u32, role: Role) -> NewEntry {
    NewEntry {
        ticket_id: t.id.clone(),
        started_at: instant(started),
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role,
        technician: "bob".into(),
        note: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn totals_stay_in_step_and_bill_like_the_entries(steps in prop::collection::vec(step(), 20..70)) {
        let mut w = World::new();
        // A few tickets of every kind first, so entries have somewhere to go.
        for i in 0..6u8 {
            w.run(&Step::Ticket { customer: usize::from(i % 4), kind: i, received: u32::from(i) * 3000 });
        }
        for s in &steps {
            w.run(s);
        }
        prop_assert_eq!(w.store.month_totals_differences().unwrap(), Vec::<String>::new());
        w.assert_statements_agree();
        w.assert_report_agrees();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// A month report of a file reads its customers, tier histories and look-back figures on a second
    /// connection beside the month's lines (`Store::read_beside`); on one connection it is the same.
    #[test]
    fn a_month_report_read_on_two_connections_is_the_one_read_on_one(steps in prop::collection::vec(step(), 20..60)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let mut w = World::with_store(Store::open(&path, "alice").unwrap());
        // Names a Czech reader orders otherwise ("ch" after "h").
        for name in ["Chata", "Hrad", "Cihla"] {
            w.store.add_customer(name, "", Tier::Plus, ym("2025-12"), w.now).unwrap();
        }
        for i in 0..6u8 {
            w.run(&Step::Ticket { customer: usize::from(i % 4), kind: i, received: u32::from(i) * 3000 });
        }
        for s in &steps {
            w.run(s);
        }
        let mut alone = Store::open(&path, "alice").unwrap();
        alone.use_one_reader();
        w.store.use_two_readers();
        // Customers are listed in the reader's name order: the second connection must use it too.
        for order in [NameOrder::Folded, NameOrder::Czech] {
            w.store.use_name_order(order);
            alone.use_name_order(order);
            for m in MONTHS {
                let two = month_report(&w.store, &w.settings, ym(m)).unwrap();
                let one = month_report(&alone, &w.settings, ym(m)).unwrap();
                prop_assert_eq!(two.len(), one.len(), "{}", m);
                for (a, b) in two.iter().zip(&one) {
                    prop_assert_eq!(&a.customer, &b.customer);
                    prop_assert_eq!(&a.statement, &b.statement);
                    prop_assert_eq!(a.upgrade_to, b.upgrade_to);
                }
            }
        }
        prop_assert_eq!(w.store.reads_beside(), 2 * MONTHS.len() as u32, "every report read beside");
        prop_assert_eq!(alone.reads_beside(), 0);
    }
}

#[test]
fn a_consultation_worked_under_two_roles_without_a_contract_bills_entry_by_entry() {
    let mut w = World::new();
    // Opened under VIP (free consultations), worked after the contract ended, by both roles, with the
    // entries interleaved: the free minutes go to the lines in the order the entries started.
    let vip = 2;
    w.run(&Step::Ticket { customer: vip, kind: 2, received: 10 });
    w.run(&Step::Tier { customer: vip, month: 1, tier: 0 });
    let march = 5800; // 2026-03-01 01:40 in Prague
    for (k, consultant) in [(0, false), (1, true), (2, false), (3, true)] {
        w.run(&Step::Entry { ticket: 0, started: march + k * 20, minutes: 50, consultant });
    }
    w.assert_statements_agree();
    let s = statement(&w.store, &w.settings, &w.customers[vip], ym("2026-03")).unwrap();
    let free: Vec<u32> = s.lines.iter().map(|l| l.free_minutes).collect();
    assert_eq!(free, vec![70, 50], "120 free minutes: 50 + 20 to the technician's line, 50 to the consultant's");
}

/// Two tickets' work starting in the same second: the line whose first entry's id sorts first comes
/// first and draws the prepaid minutes, in the month report as in the customer's statement and as
/// billed from the entries, also when the other ticket's id sorts first (the month totals' key
/// order). Ids are made at random in part: new files are made until the two orders differ.
#[test]
fn lines_starting_in_the_same_second_are_ordered_by_their_first_entries_in_the_month_report() {
    let standard = 0; // 30 prepaid minutes
    let march = 5800;
    for _ in 0..64 {
        let mut w = World::new();
        w.run(&Step::Ticket { customer: standard, kind: 0, received: 10 });
        w.run(&Step::Ticket { customer: standard, kind: 0, received: 11 });
        let (a, b) = (w.tickets[0].clone(), w.tickets[1].clone());
        let ea = w.store.add_time_entry(entry(&a, march, 30, Role::Technician), w.now).unwrap();
        let eb = w.store.add_time_entry(entry(&b, march, 30, Role::Technician), w.now).unwrap();
        if (ea.id.as_str() < eb.id.as_str()) == (a.id.as_str() < b.id.as_str()) {
            continue;
        }
        w.assert_statements_agree();
        w.assert_report_agrees();
        let (first, second) = if ea.id.as_str() < eb.id.as_str() { (&a, &b) } else { (&b, &a) };
        let report = month_report(&w.store, &w.settings, ym("2026-03")).unwrap();
        let s = &report.iter().find(|s| s.customer.id == w.customers[standard].id).unwrap().statement;
        let lines: Vec<(&str, u32, u32)> =
            s.lines.iter().map(|l| (l.ticket_number.as_str(), l.prepaid_minutes, l.overage_minutes)).collect();
        assert_eq!(lines, vec![(first.number.as_str(), 30, 0), (second.number.as_str(), 0, 30)]);
        return;
    }
    panic!("in 64 new files, the entries' ids always sorted as their tickets' ids");
}

/// A damaged month-totals row is read as it was before the month report read its lines itself: a
/// kind that is not text is an error (not a free incident), a first entry that is not an id is none.
#[test]
fn a_damaged_month_row_is_an_error_or_no_entry_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpdesk.db");
    let mut w = World::on_file(&path);
    w.customers = vec![w.store.add_customer("C", "", Tier::Standard, ym("2025-12"), w.now).unwrap()];
    w.run(&Step::Ticket { customer: 0, kind: 0, received: 10 });
    w.run(&Step::Ticket { customer: 0, kind: 0, received: 11 });
    let march = 5800;
    for t in w.tickets.clone() {
        w.store.add_time_entry(entry(&t, march, 30, Role::Technician), w.now).unwrap();
    }
    drop(w);
    let damage = |sql: &str| rusqlite::Connection::open(&path).unwrap().execute(sql, []).unwrap();
    let report = || month_report(&Store::open(&path, "alice").unwrap(), &Settings::defaults(), ym("2026-03"));

    // Two lines starting in the same second, one first entry a number: ordered without it.
    damage("UPDATE work_months SET first_entry = 7 WHERE ticket_id = (SELECT min(ticket_id) FROM work_months)");
    let lines = report().unwrap().into_iter().map(|s| s.statement.lines.len()).sum::<usize>();
    assert_eq!(lines, 2);

    // A kind stored as a blob: an error, as `Row::get::<String>` made it.
    damage("UPDATE work_months SET kind = CAST('incident' AS BLOB)");
    assert!(report().is_err(), "a blob kind is not read as an incident");
}

#[test]
fn a_zone_change_rebuilds_the_totals_and_check_finds_a_damaged_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpdesk.db");
    let mut w = World::on_file(&path);
    assert!(!w.store.use_business_zone(w.settings.calendar.time_zone()).unwrap(), "built once");
    let customers: Vec<Customer> =
        (0..2).map(|i| w.store.add_customer(&format!("C{i}"), "", Tier::Plus, ym("2025-12"), w.now).unwrap()).collect();
    w.customers = customers;
    w.run(&Step::Ticket { customer: 0, kind: 0, received: 0 });
    // 23:30 UTC on February 28th: still February in London, already March 1st in Prague.
    let feb_end = Utc.with_ymd_and_hms(2026, 2, 28, 23, 30, 0).unwrap();
    let t = w.tickets[0].clone();
    let e = NewEntry { started_at: feb_end, ..entry(&t, 0, 30, Role::Technician) };
    w.store.add_time_entry(e, w.now).unwrap();
    let months = |s: &Store, m: &str| s.work_totals(&t.customer_id, ym(m)).unwrap().len();
    assert_eq!((months(&w.store, "2026-02"), months(&w.store, "2026-03")), (0, 1), "00:30 on March 1st in Prague");

    let london: chrono_tz::Tz = "Europe/London".parse().unwrap();
    assert!(w.store.use_business_zone(london).unwrap());
    assert_eq!(w.store.month_zone(), Some(london));
    assert_eq!((months(&w.store, "2026-02"), months(&w.store, "2026-03")), (1, 0), "23:30 on February 28th in London");
    assert!(w.store.month_totals_differences().unwrap().is_empty());
    // Prague statements no longer read London totals: they bill from the entries, still right.
    w.assert_statements_agree();

    drop(w);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE work_months SET minutes = minutes + 1", []).unwrap();
    drop(raw);
    let mut store = Store::open(&path, "alice").unwrap();
    let report = store.check(false).unwrap();
    // One problem: the figures are checked against the totals once those are right.
    assert_eq!(report.problems, vec!["month totals of 2026-02: 1 row differs from the time entries".to_string()]);
    drop(store);

    // The figures alone damaged (the totals mended by a rebuild: back to Prague).
    let mut store = Store::open(&path, "alice").unwrap();
    assert!(store.use_business_zone(Settings::defaults().calendar.time_zone()).unwrap());
    assert!(store.check(false).unwrap().problems.is_empty());
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE month_figures SET billed = billed || ',15'", []).unwrap();
    drop(raw);
    let mut store = Store::open(&path, "alice").unwrap();
    let report = store.check(false).unwrap();
    assert_eq!(
        report.problems,
        vec!["month figures: 1 (month, customer) row differs from the month totals".to_string()]
    );
}

#[test]
fn a_reader_follows_a_zone_change_made_by_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("helpdesk.db");
    let settings = Settings::defaults();
    let mut reader = Store::open(&path, "alice").unwrap();
    reader.use_business_zone(settings.calendar.time_zone()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 6, 15, 8, 0, 0).unwrap();
    let c = reader.add_customer("Acme", "", Tier::Plus, ym("2025-12"), now).unwrap();
    let new = NewTicket {
        customer_id: c.id.clone(),
        title: "Server".into(),
        description: String::new(),
        kind: TicketKind::Request,
        assignee: None,
        received_at: Utc.with_ymd_and_hms(2026, 2, 20, 9, 0, 0).unwrap(),
    };
    let t = reader.open_ticket(new, now).unwrap();
    // 23:30 UTC on February 28th: March in Prague, February in London.
    let e = NewEntry {
        started_at: Utc.with_ymd_and_hms(2026, 2, 28, 23, 30, 0).unwrap(),
        ..entry(&t, 0, 600, Role::Technician)
    };
    reader.add_time_entry(e, now).unwrap();
    let march = |s: &Store| statement(s, &settings, &c, ym("2026-03")).unwrap().billable_minutes;
    assert_eq!(march(&reader), 600);
    // Another process, configured for London, rebuilds the totals; this one only reads from now on.
    let mut other = Store::open(&path, "bob").unwrap();
    assert!(other.use_business_zone("Europe/London".parse().unwrap()).unwrap());
    assert_eq!(march(&reader), 600, "billed from the entries: the totals are London's now");
    let (tier, work) = month_work(&reader, &settings, &c, ym("2026-03")).unwrap();
    assert_eq!(
        statement(&reader, &settings, &c, ym("2026-03")).unwrap(),
        billing::statement(&settings.tariffs, ym("2026-03"), tier, &work)
    );
}

#[test]
fn an_entry_a_peer_booked_to_another_customer_is_billed_to_its_tickets_customer() {
    // A peer's operation may carry a customer other than the ticket's (local writes never do; a copy
    // that had not seen the ticket move to another customer does, schema 12): an entry is billed to
    // the customer its ticket has, in the totals as entry by entry.
    let mut w = World::new();
    w.run(&Step::Ticket { customer: 0, kind: 0, received: 100 });
    w.run(&Step::Entry { ticket: 0, started: 6000, minutes: 600, consultant: false });
    let ops = w.store.ops_missing_from(&Default::default()).unwrap();
    let mut op = ops.into_iter().find(|o| matches!(o.change, Change::TimeEntryAdded { .. })).unwrap();
    // The same operation as another device recorded it.
    let peer = "019a0000-0000-7000-8000-00000000beef";
    let mut clock: helpdesk::store::Hlc = op.hlc.parse().unwrap();
    clock.device = peer.to_string();
    (op.hlc, op.device) = (clock.to_string(), peer.to_string());
    if let Change::TimeEntryAdded { id, customer, .. } = &mut op.change {
        *id = format!("{id}-peer");
        *customer = w.customers[1].id.to_string();
    }
    assert_eq!(w.store.apply_remote(&[op]).unwrap(), 1);
    assert_eq!(w.store.month_totals_differences().unwrap(), Vec::<String>::new());
    w.assert_statements_agree();
    let billed = |w: &World, c: usize| statement(&w.store, &w.settings, &w.customers[c], ym("2026-03")).unwrap();
    assert_eq!((billed(&w, 0).billable_minutes, billed(&w, 1).billable_minutes), (1200, 0));
}
