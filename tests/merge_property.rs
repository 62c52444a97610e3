//! The convergence property of offline copies: random work of every kind on four copies (the team file,
//! two copies of it and a copy of a copy, each with its own clock skew of up to ±2.5 min — two copies
//! differ by at most the 5 minutes a sync allows, see `store::sync::skew`), random pairwise syncs,
//! then rounds of syncs between every pair until nothing moves. Then:
//! - **convergent**: every copy holds the same state, table by table, and one more sync moves nothing;
//! - **lossless**: every ticket (with the number and received time it was born with), comment and
//!   time-entry version made anywhere is everywhere; ticket numbers are unique;
//! - **no double work**: one running timer per technician, no timer's entry running past the start of
//!   its technician's next timer, and every copy bills every customer's February and March exactly
//!   like the single-copy model of the winning versions (a closed month: its frozen statement plus its
//!   corrections);
//! - **the same conflicts**: every copy lists the same conflicts, with the same ids, values and
//!   settlements;
//! - **consistent**: `check --replay` finds nothing on any copy.
//!
//! The work: customers, tickets, status/assignee/title changes, first responses and promised dates,
//! comments, time entries and their corrections and removals (as `--correction` in a closed month),
//! timers started and stopped (forgotten ones with what was worked) and switched on one copy while another
//! stops them later, February closed and reopened,
//! tier changes, renamed customers, conflicts settled either way, and syncs.
//! Sizes: 24 cases of 30–60 steps (`PROPTEST_CASES` raises it).

mod copies;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use copies::*;
use helpdesk::domain::{Role, TicketKind, TicketStatus, Tier};
use helpdesk::statements::{book_correction, close_month, reopen_month, timers};
use helpdesk::store::{NewEntry, NewTicket, Store, TicketChange, TimeEntryRow};
use helpdesk::sync::clone_copy;
use proptest::prelude::*;

const DEVICES: usize = 4;
const TECHS: [&str; 3] = ["bob", "carol", "dave"];

#[derive(Debug, Clone)]
enum Step {
    AddCustomer {
        dev: usize,
        name: u8,
        tier: u8,
    },
    TicketSummary {
        dev: usize,
        customer: usize,
        received_ago_min: u32,
        kind: u8,
        assignee: Option<u8>,
    },
    SetStatus {
        dev: usize,
        ticket: usize,
        status: u8,
    },
    SetAssignee {
        dev: usize,
        ticket: usize,
        who: Option<u8>,
    },
    SetTitle {
        dev: usize,
        ticket: usize,
        title: u8,
    },
    FirstResponse {
        dev: usize,
        ticket: usize,
        days: u8,
    },
    SetResolveBy {
        dev: usize,
        ticket: usize,
        days: u8,
    },
    Comment {
        dev: usize,
        ticket: usize,
    },
    TimeEntry {
        dev: usize,
        ticket: usize,
        minutes: u32,
        ago_min: u32,
    },
    CorrectEntry {
        dev: usize,
        entry: usize,
        minutes: u32,
    },
    RemoveEntry {
        dev: usize,
        entry: usize,
    },
    TimerStart {
        dev: usize,
        ticket: usize,
        tech: u8,
    },
    TimerStop {
        dev: usize,
        tech: u8,
    },
    /// A timer started on copy `a` and synced to `b`; on `b` its technician switches to another ticket
    /// (which stops it there); `a`, not knowing, stops it later.
    TimerSwitchedElsewhere {
        a: usize,
        b: usize,
        ticket: usize,
        tech: u8,
    },
    CloseFebruary {
        dev: usize,
    },
    ReopenFebruary {
        dev: usize,
    },
    SetTier {
        dev: usize,
        customer: usize,
        from: u8,
        tier: u8,
    },
    Rename {
        dev: usize,
        customer: usize,
        name: u8,
    },
    Settle {
        dev: usize,
        conflict: usize,
        other: bool,
    },
    Sync {
        a: usize,
        b: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let dev = 0..DEVICES;
    let pick = 0usize..64;
    prop_oneof![
        1 => (dev.clone(), 0u8..6, 0u8..4).prop_map(|(dev, name, tier)| Step::AddCustomer { dev, name, tier }),
        3 => (dev.clone(), pick.clone(), prop_oneof![Just(0u32), 1u32..4320], 0u8..4, proptest::option::of(0u8..3))
            .prop_map(|(dev, customer, received_ago_min, kind, assignee)| Step::TicketSummary {
                dev, customer, received_ago_min, kind, assignee
            }),
        2 => (dev.clone(), pick.clone(), 0u8..5).prop_map(|(dev, ticket, status)| Step::SetStatus { dev, ticket, status }),
        1 => (dev.clone(), pick.clone(), proptest::option::of(0u8..3))
            .prop_map(|(dev, ticket, who)| Step::SetAssignee { dev, ticket, who }),
        1 => (dev.clone(), pick.clone(), 0u8..4).prop_map(|(dev, ticket, title)| Step::SetTitle { dev, ticket, title }),
        2 => (dev.clone(), pick.clone(), 1u8..20).prop_map(|(dev, ticket, days)| Step::FirstResponse { dev, ticket, days }),
        1 => (dev.clone(), pick.clone(), 1u8..20).prop_map(|(dev, ticket, days)| Step::SetResolveBy { dev, ticket, days }),
        1 => (dev.clone(), pick.clone()).prop_map(|(dev, ticket)| Step::Comment { dev, ticket }),
        4 => (dev.clone(), pick.clone(), 1u32..240, 0u32..4000)
            .prop_map(|(dev, ticket, minutes, ago_min)| Step::TimeEntry { dev, ticket, minutes, ago_min }),
        3 => (dev.clone(), pick.clone(), 1u32..240)
            .prop_map(|(dev, entry, minutes)| Step::CorrectEntry { dev, entry, minutes }),
        2 => (dev.clone(), pick.clone()).prop_map(|(dev, entry)| Step::RemoveEntry { dev, entry }),
        2 => (dev.clone(), pick.clone(), 0u8..3).prop_map(|(dev, ticket, tech)| Step::TimerStart { dev, ticket, tech }),
        1 => (dev.clone(), 0u8..3).prop_map(|(dev, tech)| Step::TimerStop { dev, tech }),
        2 => (dev.clone(), dev.clone(), pick.clone(), 0u8..3)
            .prop_map(|(a, b, ticket, tech)| Step::TimerSwitchedElsewhere { a, b, ticket, tech }),
        1 => dev.clone().prop_map(|dev| Step::CloseFebruary { dev }),
        1 => dev.clone().prop_map(|dev| Step::ReopenFebruary { dev }),
        1 => (dev.clone(), pick.clone(), 0u8..3, 0u8..4)
            .prop_map(|(dev, customer, from, tier)| Step::SetTier { dev, customer, from, tier }),
        1 => (dev.clone(), pick.clone(), 0u8..3).prop_map(|(dev, customer, name)| Step::Rename { dev, customer, name }),
        1 => (dev.clone(), pick.clone(), any::<bool>())
            .prop_map(|(dev, conflict, other)| Step::Settle { dev, conflict, other }),
        5 => (dev.clone(), dev).prop_map(|(a, b)| Step::Sync { a, b }),
    ]
}

/// Everything created anywhere, as it was when created.
#[derive(Default)]
struct Ledger {
    /// Ticket id → (number, received at).
    tickets: BTreeMap<helpdesk::domain::TicketId, (String, DateTime<Utc>)>,
    comments: BTreeSet<(helpdesk::domain::TicketId, String)>,
    /// Every time-entry row (version) made.
    versions: BTreeSet<helpdesk::domain::EntryId>,
}

struct World {
    copies: Copies,
    skew: Vec<i64>,
    now: DateTime<Utc>,
    ledger: Ledger,
}

/// The current entries of a copy, in an order that does not depend on random ids.
fn live_entries(store: &Store) -> Vec<TimeEntryRow> {
    let mut out: Vec<(String, TimeEntryRow)> = Vec::new();
    for ticket in all_tickets(store) {
        for e in store.time_entries(&ticket.id).unwrap() {
            out.push((ticket.number.clone(), e));
        }
    }
    out.sort_by(|(na, a), (nb, b)| (na, a.started_at, a.minutes).cmp(&(nb, b.started_at, b.minutes)));
    out.into_iter().map(|(_, e)| e).collect()
}

impl World {
    fn new(skew: Vec<i64>) -> World {
        let now = t("2026-03-02T09:00:00+01:00");
        let mut copies = Copies::new(3, now, |team| {
            let acme = team.add_customer("Acme", "", Tier::Standard, ym("2026-01"), now).unwrap();
            team.open_ticket(new_ticket(&acme, "Printer jams", now - Duration::days(6)), now).unwrap();
        });
        let path = copies.dir.path().join("copy-of-copy.db");
        clone_copy(&mut copies.stores[1], &path, now).unwrap();
        copies.stores.push(open(&path, "erin"));
        let mut ledger = Ledger::default();
        let first = all_tickets(&copies.stores[0]).remove(0);
        ledger.tickets.insert(first.id.clone(), (first.number.clone(), first.received_at));
        World { copies, skew, now, ledger }
    }

    fn clock(&self, dev: usize) -> DateTime<Utc> {
        self.now + Duration::seconds(self.skew[dev])
    }

    fn run(&mut self, step: &Step) {
        use Step::*;
        let dev = match *step {
            Sync { a, b } => {
                let b = if a == b { (a + 1) % DEVICES } else { b };
                let now = self.clock(a);
                self.copies.sync(a, b, now);
                return;
            }
            TimerSwitchedElsewhere { a, b, ticket, tech } => {
                let b = if a == b { (a + 1) % DEVICES } else { b };
                self.run(&TimerStart { dev: a, ticket, tech });
                self.now += Duration::minutes(5);
                self.run(&Sync { a, b });
                self.now += Duration::minutes(40);
                self.run(&TimerStart { dev: b, ticket: ticket + 1, tech });
                self.now += Duration::minutes(25);
                self.run(&TimerStop { dev: a, tech });
                return;
            }
            AddCustomer { dev, .. }
            | TicketSummary { dev, .. }
            | SetStatus { dev, .. }
            | SetAssignee { dev, .. }
            | SetTitle { dev, .. }
            | FirstResponse { dev, .. }
            | SetResolveBy { dev, .. }
            | Comment { dev, .. }
            | TimeEntry { dev, .. }
            | CorrectEntry { dev, .. }
            | RemoveEntry { dev, .. }
            | TimerStart { dev, .. }
            | TimerStop { dev, .. }
            | CloseFebruary { dev }
            | ReopenFebruary { dev }
            | SetTier { dev, .. }
            | Rename { dev, .. }
            | Settle { dev, .. } => dev,
        };
        let now = self.clock(dev);
        let settings = settings();
        let ledger = &mut self.ledger;
        let store = &mut self.copies.stores[dev];
        let tickets = all_tickets(store);
        let ticket = |i: usize| tickets[i % tickets.len()].clone();
        let all_customers = customers(store);
        let customer = |i: usize| all_customers[i % all_customers.len()].clone();
        let closed = |store: &Store, at: DateTime<Utc>| store.is_month_closed(settings.calendar.month_of(at)).unwrap();
        match *step {
            AddCustomer { name, tier, .. } => {
                let name = format!("Customer {name}");
                if store.customer_by_name(&name).unwrap().is_none() {
                    let tier = Tier::ALL[tier as usize % 4];
                    // A contract cannot start in a closed month: then it starts in March.
                    if store.add_customer(&name, "", tier, ym("2026-01"), now).is_err() {
                        store.add_customer(&name, "", tier, ym("2026-03"), now).unwrap();
                    }
                }
            }
            TicketSummary { customer: c, received_ago_min, kind, assignee, .. } => {
                let new = NewTicket {
                    kind: TicketKind::ALL[kind as usize % 4],
                    assignee: assignee.map(|w| TECHS[w as usize].to_string()),
                    ..new_ticket(
                        &customer(c),
                        &format!("opened on {dev}"),
                        now - Duration::minutes(received_ago_min.into()),
                    )
                };
                let row = store.open_ticket(new, now).unwrap();
                ledger.tickets.insert(row.id.clone(), (row.number.clone(), row.received_at));
            }
            SetStatus { ticket: i, status, .. } => {
                let change = TicketChange::Status(TicketStatus::ALL[status as usize % 5]);
                store.update_ticket(&ticket(i).id, vec![change], now).unwrap();
            }
            SetAssignee { ticket: i, who, .. } => {
                let change = TicketChange::Assignee(who.map(|w| TECHS[w as usize].to_string()));
                store.update_ticket(&ticket(i).id, vec![change], now).unwrap();
            }
            SetTitle { ticket: i, title, .. } => {
                let change = TicketChange::Title(format!("title {title} set on {dev}"));
                store.update_ticket(&ticket(i).id, vec![change], now).unwrap();
            }
            FirstResponse { ticket: i, days, .. } => {
                let t = ticket(i);
                if t.first_response_at.is_none() && t.received_at <= now {
                    store.record_first_response(&t.id, now, now + Duration::days(days.into()), now).unwrap();
                }
            }
            SetResolveBy { ticket: i, days, .. } => {
                let t = ticket(i);
                if let Some(at) = t.first_response_at {
                    store.set_resolve_by(&t.id, at + Duration::days(days.into()), now).unwrap();
                }
            }
            Comment { ticket: i, .. } => {
                let c = store.add_comment(&ticket(i).id, &format!("comment on {dev} at {now}"), now).unwrap();
                ledger.comments.insert((c.ticket_id, c.id));
            }
            TimeEntry { ticket: i, minutes, ago_min, .. } => {
                let started = now - Duration::minutes(ago_min.into());
                let t = ticket(i);
                // Work never starts on a day before its ticket was received (refused, bb6 #4).
                if !helpdesk::domain::worktime::work_may_start(started, t.received_at, chrono_tz::Europe::Prague) {
                    return;
                }
                let entry = work(&t, started, minutes, TECHS[dev % 3]);
                let row = if closed(store, started) {
                    book_correction(store, &settings, &t, Some(entry), None, now).unwrap().0.unwrap()
                } else {
                    store.add_time_entry(entry, now).unwrap()
                };
                ledger.versions.insert(row.id);
            }
            CorrectEntry { entry, minutes, .. } => {
                let live = live_entries(store);
                if let Some(old) = live.get(entry % live.len().max(1)).cloned() {
                    let new = NewEntry {
                        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
                        note: format!("corrected on {dev}"),
                        ..work_of(&old)
                    };
                    let row = if closed(store, old.started_at) {
                        let t = store.ticket(&old.ticket_id).unwrap().unwrap();
                        book_correction(store, &settings, &t, Some(new), Some(&old), now).unwrap().0.unwrap()
                    } else {
                        store.correct_time_entry(&old.id, new, now).unwrap()
                    };
                    ledger.versions.insert(row.id);
                }
            }
            RemoveEntry { entry, .. } => {
                let live = live_entries(store);
                if let Some(old) = live.get(entry % live.len().max(1)).cloned() {
                    if closed(store, old.started_at) {
                        let t = store.ticket(&old.ticket_id).unwrap().unwrap();
                        book_correction(store, &settings, &t, None, Some(&old), now).unwrap();
                    } else {
                        store.void_time_entry(&old.id, now).unwrap();
                    }
                }
            }
            TimerStart { ticket: i, tech, .. } => {
                let who = TECHS[tech as usize];
                let t = ticket(i);
                let started = timers::start(store, &settings, &t.id, who, Role::Technician, now);
                match started {
                    Ok(stopped) => ledger.versions.extend(stopped.map(|s| s.stopped.entry.id)),
                    Err(_) => {
                        // Forgotten: say what was worked, then start.
                        let s = timers::stop(store, &settings, who, timers::Booking::Worked(30), now).unwrap();
                        ledger.versions.extend(s.map(|s| s.stopped.entry.id));
                        timers::start(store, &settings, &t.id, who, Role::Technician, now).unwrap();
                    }
                }
            }
            TimerStop { tech, .. } => {
                let who = TECHS[tech as usize];
                let stopped = match timers::stop(store, &settings, who, timers::Booking::AsRan, now) {
                    Ok(s) => s,
                    Err(_) => timers::stop(store, &settings, who, timers::Booking::Worked(45), now).unwrap(),
                };
                ledger.versions.extend(stopped.map(|s| s.stopped.entry.id));
            }
            CloseFebruary { .. } => {
                let _ = close_month(store, &settings, ym("2026-02"), now);
            }
            ReopenFebruary { .. } => {
                let _ = reopen_month(store, ym("2026-02"), now);
            }
            SetTier { customer: c, from, tier, .. } => {
                let from = ym(["2026-02", "2026-03", "2026-04"][from as usize % 3]);
                let _ = store.set_tier(&customer(c).id, from, Tier::ALL[tier as usize % 4], now);
            }
            Rename { customer: c, name, .. } => {
                let name = format!("Renamed {name} on {dev}");
                let _ = store.rename_customer(&customer(c).id, &name, now);
            }
            Settle { conflict, other, .. } => {
                // Two customers renamed to one name on two copies: settled by a rename or `customer
                // merge`, not by a settlement (the conflict is derived from the customers).
                let mut open = store.conflicts(false).unwrap();
                open.retain(|c| c.field != helpdesk::store::SAME_NAME);
                if let Some(c) = open.get(conflict % open.len().max(1)) {
                    let picked = other && pick_other(store, c, now);
                    let resolution = if picked { "picked the other value" } else { "kept" };
                    store.settle_conflict(&c.id, resolution, now).unwrap();
                }
            }
            Sync { .. } | TimerSwitchedElsewhere { .. } => unreachable!(),
        }
    }
}

/// Every timer ever started, from the log: id → (technician, started at).
fn timer_starts(store: &Store) -> BTreeMap<String, (String, DateTime<Utc>)> {
    log(store)
        .into_iter()
        .filter_map(|op| match op.change {
            helpdesk::store::Change::TimerStarted { id, technician, started_at, .. } => {
                Some((id, (technician, DateTime::from_timestamp(started_at, 0).unwrap())))
            }
            _ => None,
        })
        .collect()
}

fn work_of(e: &TimeEntryRow) -> NewEntry {
    NewEntry {
        ticket_id: e.ticket_id.clone(),
        started_at: e.started_at,
        minutes: helpdesk::domain::Minutes::new(e.minutes).unwrap(),
        role: e.role,
        technician: e.technician.clone(),
        note: e.note.clone(),
    }
}

/// Records the losing side of a conflict as a new change where that is a plain change (as
/// `sync resolve --pick other` does); whether it did.
fn pick_other(store: &mut Store, c: &helpdesk::store::Conflict, now: DateTime<Utc>) -> bool {
    let ticket = helpdesk::domain::TicketId::new(c.ticket_id.clone().unwrap_or_default());
    let value = c.other_value.clone();
    match c.field.as_str() {
        "status" => {
            let status = value.unwrap_or_default().parse().unwrap();
            store.update_ticket(&ticket, vec![TicketChange::Status(status)], now).is_ok()
        }
        "assignee" => store.update_ticket(&ticket, vec![TicketChange::Assignee(value)], now).is_ok(),
        "title" => store.update_ticket(&ticket, vec![TicketChange::Title(value.unwrap_or_default())], now).is_ok(),
        "time entry" => {
            let version = c.other_version.clone().unwrap_or_default();
            store.restore_entry_version(&helpdesk::domain::EntryId::new(c.subject.as_str()), &version, now).is_ok()
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_work_and_any_sync_schedule_converge_losing_and_doubling_nothing(
        skew in proptest::collection::vec(-150i64..=150, DEVICES),
        steps in proptest::collection::vec((step(), 0u32..1200), 30..=60),
    ) {
        let mut world = World::new(skew);
        for (step, advance) in &steps {
            world.now += Duration::seconds((*advance).into());
            world.run(step);
        }
        world.now += Duration::minutes(1);
        world.copies.settle(world.now);

        // Lossless: everything created anywhere exists everywhere, with the number and time it was born with.
        let ledger = &world.ledger;
        let numbers: BTreeSet<&String> = ledger.tickets.values().map(|(n, _)| n).collect();
        prop_assert_eq!(numbers.len(), ledger.tickets.len(), "ticket numbers collided");
        for (i, store) in world.copies.stores.iter_mut().enumerate() {
            prop_assert_eq!(all_tickets(store).len(), ledger.tickets.len(), "copy {} has other tickets", i);
            for (id, (number, received)) in &ledger.tickets {
                let row = store.ticket(id).unwrap();
                prop_assert!(row.is_some(), "ticket {} is missing on copy {}", number, i);
                let row = row.unwrap();
                prop_assert_eq!(&row.number, number, "a ticket changed its number on copy {}", i);
                prop_assert_eq!(row.received_at, *received);
            }
            for (ticket, comment) in &ledger.comments {
                prop_assert!(store.comments(ticket).unwrap().iter().any(|c| &c.id == comment), "comment missing");
            }
            for version in &ledger.versions {
                prop_assert!(store.entry_with_ticket(version).unwrap().is_some(), "entry {} missing on {}", version, i);
            }
            // No double work: one running timer per technician.
            let mut running: Vec<String> = store.running_timers().unwrap().into_iter().map(|t| t.technician).collect();
            let all = running.len();
            running.dedup();
            prop_assert_eq!(running.len(), all, "a technician has two running timers on copy {}", i);
            let report = store.check(true).unwrap();
            prop_assert!(report.problems.is_empty(), "copy {}: {:?}", i, report.problems);
        }
        // No double work: what a timer booked ends before its technician's next timer started.
        let starts = timer_starts(&world.copies.stores[0]);
        for (i, store) in world.copies.stores.iter().enumerate() {
            for e in live_entries(store) {
                let Some((who, started)) = starts.get(&e.entry).filter(|_| e.replaces.is_none()) else { continue };
                let next = starts.iter().filter(|(id, (w, s))| w == who && (s, *id) > (started, &e.entry)).map(|(_, (_, s))| *s).min();
                if let Some(next) = next {
                    let most = helpdesk::store::timer_minutes(*started, next);
                    prop_assert!(e.minutes <= most, "copy {}: a timer entry of {} min runs past the next timer ({} min)", i, e.minutes, most);
                }
            }
        }
        // The same conflicts on every copy.
        let conflicts = |s: &Store| {
            let mut all: Vec<_> = s.conflicts(true).unwrap().into_iter().map(|c| format!("{c:?}")).collect();
            all.sort();
            all
        };
        for store in &world.copies.stores[1..] {
            prop_assert_eq!(conflicts(store), conflicts(&world.copies.stores[0]));
        }
        // No double work: every copy bills like the single-copy model of the winning versions.
        assert_bills_like_the_model(&world.copies, &[ym("2026-02"), ym("2026-03")], world.now);

        // And one more sync of any pair changes nothing.
        let again = world.copies.sync(1, 3, world.now + Duration::minutes(1));
        prop_assert_eq!((again.sent, again.received), (0, 0));
    }
}
