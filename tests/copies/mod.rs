//! Shared by the merge tests: a team file and its copies on temp files, syncing them, comparing them, and
//! the single-copy model of the winning versions that statements are checked against.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use helpdesk::config::Settings;
use helpdesk::domain::billing;
use helpdesk::domain::{Role, TicketKind, YearMonth};
use helpdesk::statements::{month_work, statement};
use helpdesk::store::{
    Change, Customer, NewEntry, NewTicket, OpRecord, Store, TicketFilter, TicketRow, TimeEntryRow, Vector,
};
use helpdesk::sync::{SyncReport, clone_copy, sync_files};
use rust_decimal::Decimal;

pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 instant in the test").with_timezone(&Utc)
}

pub fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

pub fn settings() -> Settings {
    Settings::defaults()
}

/// A copy as the CLI and the TUI open it: with month totals in the business zone.
pub fn open(path: &Path, actor: &str) -> Store {
    let mut store = Store::open(path, actor).unwrap();
    store.use_business_zone(settings().calendar.time_zone()).unwrap();
    store
}

pub fn new_ticket(customer: &Customer, title: &str, received: DateTime<Utc>) -> NewTicket {
    NewTicket {
        customer_id: customer.id.clone(),
        title: title.into(),
        description: String::new(),
        kind: TicketKind::Request,
        assignee: None,
        received_at: received,
    }
}

pub fn work(ticket: &TicketRow, started: DateTime<Utc>, minutes: u32, technician: &str) -> NewEntry {
    NewEntry {
        ticket_id: ticket.id.clone(),
        started_at: started,
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role: Role::Technician,
        technician: technician.into(),
        note: String::new(),
    }
}

pub fn all_tickets(store: &Store) -> Vec<TicketRow> {
    let mut tickets = store.tickets_page(&TicketFilter::default(), None, 100_000).unwrap();
    tickets.sort_by(|a, b| a.number.cmp(&b.number));
    tickets
}

pub fn customers(store: &Store) -> Vec<Customer> {
    let mut all: Vec<Customer> = store.customers_page(None, 10_000).unwrap().into_iter().map(|(c, _)| c).collect();
    all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    all
}

/// Each state table's rows as text, by table name (from `Store::state_dump`).
pub fn tables(store: &Store) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current = String::new();
    for line in store.state_dump().unwrap().lines() {
        if let Some(name) = line.strip_prefix("## ") {
            current = name.to_string();
            out.insert(current.clone(), String::new());
        } else {
            let rows = out.get_mut(&current).expect("rows follow a table name");
            rows.push_str(line);
            rows.push('\n');
        }
    }
    out
}

/// The first state table where two copies differ: (table, rows here, rows there).
pub fn first_difference(a: &Store, b: &Store) -> Option<(String, String, String)> {
    let (ta, tb) = (tables(a), tables(b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    ta.into_iter().find_map(|(name, rows)| (rows != tb[&name]).then(|| (name.clone(), rows, tb[&name].clone())))
}

/// Every operation in the file's log.
pub fn log(store: &Store) -> Vec<OpRecord> {
    store.ops_missing_from(&Vector::new()).unwrap()
}

/// The team file and copies of it (`A`, `B`, …), each opened as its own technician.
pub struct Copies {
    pub dir: tempfile::TempDir,
    pub stores: Vec<Store>,
}

impl Copies {
    /// The team file with `setup` done on it, then `n - 1` copies made from it.
    pub fn new(n: usize, now: DateTime<Utc>, setup: impl FnOnce(&mut Store)) -> Copies {
        let dir = tempfile::tempdir().unwrap();
        let mut team = open(&dir.path().join("team.db"), "alice");
        setup(&mut team);
        let mut stores = vec![];
        for i in 1..n {
            let path = dir.path().join(format!("copy{i}.db"));
            clone_copy(&mut team, &path, now).unwrap();
            stores.push(open(&path, ["bob", "carol", "dave", "erin"][(i - 1) % 4]));
        }
        stores.insert(0, team);
        Copies { dir, stores }
    }

    pub fn sync(&mut self, a: usize, b: usize, now: DateTime<Utc>) -> SyncReport {
        let (here, there) = two(&mut self.stores, a, b);
        sync_files(here, there, &settings(), now, &mut |_| {}).unwrap()
    }

    /// Rounds of syncs between every pair until one moves nothing; then every copy holds the same state.
    pub fn settle(&mut self, now: DateTime<Utc>) {
        for _ in 0..8 {
            let mut moved = 0;
            for a in 0..self.stores.len() {
                for b in a + 1..self.stores.len() {
                    let r = self.sync(a, b, now);
                    moved += r.sent + r.received;
                }
            }
            if moved == 0 {
                self.assert_converged();
                return;
            }
        }
        panic!("eight rounds of syncs between every pair still moved operations");
    }

    pub fn assert_converged(&self) {
        for (i, store) in self.stores.iter().enumerate().skip(1) {
            if let Some((table, here, there)) = first_difference(&self.stores[0], store) {
                panic!("table `{table}` differs between the team file and copy {i}:\n{here}---\n{there}");
            }
        }
    }
}

pub fn two<T>(items: &mut [T], a: usize, b: usize) -> (&mut T, &mut T) {
    assert_ne!(a, b);
    if a < b {
        let (left, right) = items.split_at_mut(b);
        (&mut left[a], &mut right[0])
    } else {
        let (left, right) = items.split_at_mut(a);
        (&mut right[0], &mut left[b])
    }
}

/// A ticket's current time entries: (minutes, technician) in the order the work started.
pub fn minutes_of(store: &Store, ticket: &TicketRow) -> Vec<u32> {
    store.time_entries(&ticket.id).unwrap().iter().map(|e| e.minutes).collect()
}

/// A month's total excl. VAT for the work itself (the statement without adjustments billed in it).
pub fn work_total(store: &Store, customer: &Customer, month: YearMonth) -> Decimal {
    let s = statement(store, &settings(), customer, month).unwrap();
    s.total_excl_vat - s.adjustments.iter().map(|a| a.amount).sum::<Decimal>()
}

/// The single-copy model of the winning versions: a fresh file holding the log's customers, tiers and
/// tickets, and for every time entry only its winning version — decided here from the log alone
/// (newest version or removal by clock, per entry) — added as plain entries. A version a timer booked
/// holds at most the time until the same technician's next timer started (whichever copy started it:
/// one timer at a time). Its statements are what every copy must bill.
pub fn model_of(converged: &Store, now: DateTime<Utc>) -> Store {
    let ops = log(converged);
    // timer id → (technician, started at)
    let mut timers: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for op in &ops {
        if let Change::TimerStarted { id, technician, started_at, .. } = &op.change {
            timers.insert(id.clone(), (technician.clone(), *started_at));
        }
    }
    let cap = |timer: &str| -> Option<u32> {
        let (who, started) = timers.get(timer)?;
        let next = timers
            .iter()
            .filter(|(id, (w, s))| w == who && (*s, id.as_str()) > (*started, timer))
            .map(|(_, (_, s))| *s)
            .min()?;
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap();
        Some(helpdesk::store::timer_minutes(at(*started), at(next)))
    };
    let mut entry_of: BTreeMap<String, String> = BTreeMap::new();
    // entry → (clock, the winning version's row, or None for a removal)
    let mut winner: BTreeMap<String, (String, Option<OpRecord>)> = BTreeMap::new();
    let mut keep = Vec::new();
    let mut sorted = ops.clone();
    sorted.sort_by(|a, b| a.hlc.cmp(&b.hlc));
    for op in &sorted {
        match &op.change {
            Change::TimeEntryAdded { id, entry, replaces, .. } => {
                let logical = entry
                    .clone()
                    .or_else(|| replaces.as_ref().map(|r| entry_of.get(r).cloned().unwrap_or_else(|| r.clone())))
                    .unwrap_or_else(|| id.clone());
                entry_of.insert(id.clone(), logical.clone());
                let w = winner.entry(logical).or_insert((String::new(), None));
                if op.hlc > w.0 {
                    *w = (op.hlc.clone(), Some(op.clone()));
                }
            }
            Change::TimeEntryVoided { id } => {
                let logical = entry_of.get(id).cloned().unwrap_or_else(|| id.clone());
                let w = winner.entry(logical).or_insert((String::new(), None));
                if op.hlc > w.0 {
                    *w = (op.hlc.clone(), None);
                }
            }
            Change::CustomerCreated { .. }
            | Change::CustomerRenamed { .. }
            | Change::TierSet { .. }
            | Change::TicketOpened { .. }
            | Change::TicketKindSet { .. }
            | Change::TicketCustomerSet { .. }
            | Change::CustomerArchived { .. }
            | Change::CustomerUnarchived { .. }
            | Change::CustomerRemoved { .. } => keep.push(op.clone()),
            _ => {}
        }
    }
    let mut model = Store::open_in_memory("model").unwrap();
    model.use_business_zone(settings().calendar.time_zone()).unwrap();
    // A file of its own numbering (the team file's tickets keep their plain numbers in it).
    model.become_copy("MODEL", "model-device", converged.device(), "", now).unwrap();
    model.import_ops(&keep, "model-source", "", &Vector::new(), now).unwrap();
    for (_, version) in winner.into_values() {
        let Some(OpRecord {
            change: Change::TimeEntryAdded { ticket, started_at, minutes, technician, role, replaces, entry, .. },
            ..
        }) = version
        else {
            continue;
        };
        let booked_by_timer = replaces.is_none() && entry.as_deref().is_some_and(|e| timers.contains_key(e));
        let minutes = match entry.as_deref().filter(|_| booked_by_timer).and_then(cap) {
            Some(cap) => minutes.min(cap),
            None => minutes,
        };
        let entry = NewEntry {
            ticket_id: helpdesk::domain::TicketId::new(ticket),
            started_at: DateTime::from_timestamp(started_at, 0).unwrap(),
            minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
            role,
            technician,
            note: String::new(),
        };
        model.add_time_entry(entry, now).unwrap();
    }
    model
}

/// Checks every copy's billing against the model, customer by customer, for `months`: an open month's
/// work bills what the model bills; a closed month's frozen statement plus every correction of it billed
/// since adds up to what the model bills for the work, under the tier the month was closed with (a
/// closed month keeps its fee and tier as frozen).
pub fn assert_bills_like_the_model(copies: &Copies, months: &[YearMonth], now: DateTime<Utc>) {
    let settings = settings();
    let model = model_of(&copies.stores[0], now);
    for store in &copies.stores {
        for customer in customers(store) {
            for &month in months {
                if !store.is_month_closed(month).unwrap() {
                    let expected = work_total(&model, &customer, month);
                    assert_eq!(work_total(store, &customer, month), expected, "{}: {month}", customer.name);
                    continue;
                }
                let (model_tier, work) = month_work(&model, &settings, &customer, month).unwrap();
                let tier = store.closed_tier(month, &customer.id).unwrap().unwrap_or(model_tier);
                let s = billing::statement(&settings.tariffs, month, tier, &work);
                let expected = s.total_excl_vat - s.fee;
                let money = |v: &serde_json::Value| v.as_str().unwrap().parse::<Decimal>().unwrap();
                let frozen: Decimal = store
                    .closed_statements(month)
                    .unwrap()
                    .into_iter()
                    .filter(|f| f.customer_id == customer.id)
                    .map(|f| {
                        let doc: serde_json::Value = serde_json::from_str(&f.body).unwrap();
                        let earlier: Decimal = doc["adjustments"]
                            .as_array()
                            .map(|a| a.iter().map(|x| money(&x["amount"])).sum())
                            .unwrap_or_default();
                        money(&doc["total_excl_vat"]) - money(&doc["fee"]) - earlier
                    })
                    .sum();
                let corrections: Decimal = store
                    .adjustments_for_work(&customer.id, month)
                    .unwrap()
                    .iter()
                    .map(|a| a.amount.parse::<Decimal>().unwrap())
                    .sum();
                assert_eq!(
                    frozen + corrections,
                    expected,
                    "{}: closed {month} froze {frozen} of work and corrected {corrections}; the model bills {expected}",
                    customer.name
                );
            }
        }
    }
}

/// The current rows of every entry of a ticket, with their entry ids.
pub fn entries(store: &Store, ticket: &TicketRow) -> Vec<TimeEntryRow> {
    store.time_entries(&ticket.id).unwrap()
}
