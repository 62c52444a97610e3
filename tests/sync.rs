//! Offline copies and syncing them (issue 7), on temp files: a team file, its copies and copies of copies.
//! The library is driven directly where it can be (`clone_copy`, `sync_files`, `sync_remote`); the CLI
//! through the built binary with an empty config directory and a fixed clock, and it is also the
//! `sync serve` end of every remote exchange.
//!
//! The convergence property test is in `merge_property.rs`; the table of concurrent changes in `merge.rs`.
//!
//! Measuring a week of laptop work (≈ 2,000 operations) synced into a team file: the small-scale figure
//! is printed by `a_week_of_laptop_work_syncs_in_one_go`
//! (`cargo test --release --test sync a_week -- --nocapture`); the large one by the ignored
//! `a_week_of_laptop_work_into_a_big_team_file` on a demo file (see its comment).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use helpdesk::config::Settings;
use helpdesk::domain::{Role, TicketKind, TicketStatus, Tier, YearMonth, sla};
use helpdesk::statements::{close_month, statement};
use helpdesk::store::{
    Customer, LATEST_VERSION, NewEntry, NewTicket, Store, TicketChange, TicketFilter, TicketRow, Vector,
};
use helpdesk::sync::{Header, SyncReport, check_peer, clone_copy, read_bundle, sync_files, sync_remote, write_bundle};
use rust_decimal::Decimal;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 instant in the test").with_timezone(&Utc)
}

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

fn settings() -> Settings {
    Settings::defaults()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A copy as the CLI and the TUI open it: with month totals in the business zone (so `check`
/// compares them with the entries after every sync).
fn open(path: &Path, actor: &str) -> Store {
    let mut store = Store::open(path, actor).unwrap();
    store.use_business_zone(settings().calendar.time_zone()).unwrap();
    store
}

fn sync(here: &mut Store, there: &mut Store, now: DateTime<Utc>) -> SyncReport {
    sync_files(here, there, &settings(), now, &mut |_| {}).unwrap()
}

/// Every operation in the file's log.
fn op_count(store: &Store) -> usize {
    store.ops_missing_from(&Vector::new()).unwrap().len()
}

/// Each state table's rows as text, by table name (from `Store::state_dump`).
fn tables(store: &Store) -> BTreeMap<String, String> {
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
    assert!(out.len() >= 11, "state_dump names every state table");
    out
}

/// The first state table where two copies differ: (table, rows here, rows there).
fn first_difference(a: &Store, b: &Store) -> Option<(String, String, String)> {
    let (ta, tb) = (tables(a), tables(b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    ta.into_iter().find_map(|(name, rows)| (rows != tb[&name]).then(|| (name.clone(), rows, tb[&name].clone())))
}

fn assert_same_state(a: &Store, b: &Store) {
    if let Some((table, here, there)) = first_difference(a, b) {
        panic!("table `{table}` differs:\n--- {}\n{here}--- {}\n{there}", a.device(), b.device());
    }
}

/// `PRAGMA integrity_check`, foreign keys, and the state tables equal to a replay of the log.
fn assert_consistent(store: &mut Store) {
    let report = store.check(true).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let path = store.path().unwrap().to_path_buf();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok", "{}", path.display());
}

fn new_ticket(customer: &Customer, title: &str, received: DateTime<Utc>) -> NewTicket {
    NewTicket {
        customer_id: customer.id.clone(),
        title: title.into(),
        description: String::new(),
        kind: TicketKind::Request,
        assignee: None,
        received_at: received,
    }
}

fn work(ticket: &TicketRow, started: DateTime<Utc>, minutes: u32, technician: &str) -> NewEntry {
    NewEntry {
        ticket_id: ticket.id.clone(),
        started_at: started,
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role: Role::Technician,
        technician: technician.into(),
        note: String::new(),
    }
}

/// A team file at `path` with one STANDARD customer (Acme, since January 2026) and one ticket (`1`).
fn team_file(path: &Path, now: DateTime<Utc>) -> (Store, Customer, TicketRow) {
    let mut team = open(path, "alice");
    let acme = team.add_customer("Acme", "", Tier::Standard, ym("2026-01"), now).unwrap();
    // Received at the start of the year (or now, if earlier): work on it may be booked from then on
    // (never on a day before its ticket was received).
    let received = t("2026-01-02T09:00:00+01:00").min(now);
    let ticket = team.open_ticket(new_ticket(&acme, "Printer jams", received), now).unwrap();
    assert_eq!(ticket.number, "1");
    (team, acme, ticket)
}

fn all_tickets(store: &Store) -> Vec<TicketRow> {
    let mut tickets = store.tickets_page(&TicketFilter::default(), None, 100_000).unwrap();
    tickets.sort_by(|a, b| a.number.cmp(&b.number));
    tickets
}

// ---------------------------------------------------------------------------------------------------
// Getting a laptop copy

#[test]
fn a_copy_has_its_own_identity_and_the_same_state() {
    let dir = tempdir();
    let now = t("2026-03-02T09:00:00+01:00");
    let (mut team, acme, _) = team_file(&dir.path().join("team.db"), now);
    team.add_comment(&all_tickets(&team)[0].id, "seen it", now).unwrap();

    assert_eq!(clone_copy(&mut team, &dir.path().join("a.db"), now).unwrap(), "A");
    let mut a = open(&dir.path().join("a.db"), "bob");
    assert_ne!(a.device(), team.device());
    assert_eq!((team.device_tag().unwrap().as_str(), a.device_tag().unwrap().as_str()), ("", "A"));
    assert!(!team.team_id().unwrap().is_empty());
    assert_eq!(a.team_id().unwrap(), team.team_id().unwrap());
    assert_same_state(&team, &a);
    assert_eq!(op_count(&a), op_count(&team));

    assert_eq!(clone_copy(&mut team, &dir.path().join("b.db"), now).unwrap(), "B");
    assert_eq!(clone_copy(&mut a, &dir.path().join("aa.db"), now).unwrap(), "A.A");
    let mut aa = open(&dir.path().join("aa.db"), "dave");
    assert_same_state(&a, &aa);
    assert_eq!(clone_copy(&mut a, &dir.path().join("ab.db"), now).unwrap(), "A.B");
    let mut b = open(&dir.path().join("b.db"), "carol");
    assert_eq!(aa.device_tag().unwrap(), "A.A");
    assert_eq!(aa.team_id().unwrap(), team.team_id().unwrap());
    // The file a copy is made from records the copy's tag at once: the team file knows B, A knows A.A.
    let tags = |s: &Store| s.state_dump().unwrap().split("## copy_tags\n").nth(1).unwrap_or("").to_string();
    assert!(tags(&team).contains("\"B\"") && !tags(&team).contains("\"A.A\""), "{}", tags(&team));
    assert!(tags(&a).contains("\"A.A\"") && tags(&a).contains("\"A.B\""), "{}", tags(&a));
    let devices: BTreeSet<&str> = [team.device(), a.device(), b.device(), aa.device()].into();
    assert_eq!(devices.len(), 4, "every copy is its own device");

    // Each numbers its new tickets with its own tag; the team file carries on with plain numbers.
    let numbers: Vec<String> = [&mut team, &mut a, &mut b, &mut aa]
        .into_iter()
        .map(|s| s.open_ticket(new_ticket(&acme, "new here", now), now).unwrap().summary.number)
        .collect();
    assert_eq!(numbers, ["2", "A-1", "B-1", "A.A-1"]);
}

#[test]
fn a_copy_onto_an_existing_file_is_refused_and_the_file_left_alone() {
    let dir = tempdir();
    let now = t("2026-03-02T09:00:00+01:00");
    let (mut team, _, _) = team_file(&dir.path().join("team.db"), now);
    let existing = dir.path().join("laptop.db");
    std::fs::write(&existing, b"someone's precious file").unwrap();

    let err = clone_copy(&mut team, &existing, now).unwrap_err();
    assert_eq!(err.to_string(), format!("{} already exists; choose a new file for the copy", existing.display()));
    assert_eq!(std::fs::read(&existing).unwrap(), b"someone's precious file");
    // The refused copy did not use up a tag.
    assert_eq!(clone_copy(&mut team, &dir.path().join("other.db"), now).unwrap(), "A");
}

// ---------------------------------------------------------------------------------------------------
// Idempotent

#[test]
fn syncing_again_changes_nothing() {
    let dir = tempdir();
    let now = t("2026-03-02T09:00:00+01:00");
    let (mut team, acme, ticket) = team_file(&dir.path().join("team.db"), now);
    clone_copy(&mut team, &dir.path().join("a.db"), now).unwrap();
    let mut a = open(&dir.path().join("a.db"), "bob");
    let later = now + Duration::hours(2);
    a.open_ticket(new_ticket(&acme, "Scanner offline", now), later).unwrap();
    a.add_time_entry(work(&ticket, now, 45, "bob"), later).unwrap();
    team.add_comment(&ticket.id, "called them back", later).unwrap();
    team.update_ticket(&ticket.id, vec![TicketChange::Status(TicketStatus::Waiting)], later).unwrap();

    let first = sync(&mut a, &mut team, later);
    assert_eq!((first.sent, first.received, first.conflicts), (2, 2, 0));
    assert_same_state(&a, &team);
    let (dump, ops) = (team.state_dump().unwrap(), op_count(&team));
    assert_eq!(op_count(&a), ops);

    let again =
        [sync(&mut a, &mut team, later + Duration::minutes(5)), sync(&mut team, &mut a, later + Duration::minutes(6))];
    for r in again {
        assert_eq!((r.sent, r.received, r.conflicts), (0, 0, 0));
    }
    for store in [&a, &team] {
        assert_eq!(store.state_dump().unwrap(), dump);
        assert_eq!(op_count(store), ops);
    }
}

// ---------------------------------------------------------------------------------------------------
// Lossless

#[test]
fn work_done_offline_and_at_the_office_all_arrives_with_numbers_and_deadlines_intact() {
    let dir = tempdir();
    let settings = settings();
    let monday = t("2026-03-02T08:00:00+01:00");
    let (mut team, acme, first) = team_file(&dir.path().join("team.db"), monday);
    clone_copy(&mut team, &dir.path().join("laptop.db"), monday).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"), "bob");

    // On site, offline: a call at 09:15 written down at 10:30, a new customer, work and a running timer.
    let at_site = t("2026-03-02T10:30:00+01:00");
    let received = t("2026-03-02T09:15:00+01:00");
    let offline = laptop.open_ticket(new_ticket(&acme, "Server down at the branch", received), at_site).unwrap();
    let beta = laptop.add_customer("Beta", "", Tier::Plus, ym("2026-03"), at_site).unwrap();
    let beta_ticket = laptop.open_ticket(new_ticket(&beta, "New laptop", at_site), at_site).unwrap();
    let laptop_comment = laptop.add_comment(&offline.id, "replaced the PSU", at_site).unwrap();
    let laptop_entry = laptop.add_time_entry(work(&offline, received, 75, "bob"), at_site).unwrap();
    laptop.start_timer(&first.id, "carol", Role::Technician, at_site).unwrap();
    laptop.start_timer(&beta_ticket.id, "bob", Role::Technician, at_site).unwrap();
    let stopped = laptop.stop_timer("bob", at_site + Duration::minutes(40)).unwrap().unwrap();

    // Meanwhile at the office.
    let office = t("2026-03-02T11:00:00+01:00");
    let team_ticket = team.open_ticket(new_ticket(&acme, "Mail bounces", office), office).unwrap();
    let team_comment = team.add_comment(&first.id, "ordered a part", office).unwrap();
    let team_entry = team.add_time_entry(work(&first, office, 20, "alice"), office).unwrap();
    team.start_timer(&team_ticket.id, "alice", Role::Technician, office).unwrap();

    let evening = t("2026-03-02T17:30:00+01:00");
    let before = helpdesk::ticket_sla::item(&laptop, &settings, laptop.ticket(&offline.id).unwrap().unwrap(), evening)
        .unwrap()
        .sla;
    let numbers_before: Vec<(helpdesk::domain::TicketId, String)> =
        all_tickets(&laptop).into_iter().chain(all_tickets(&team)).map(|t| (t.summary.id, t.summary.number)).collect();

    sync(&mut laptop, &mut team, evening);
    assert_same_state(&laptop, &team);

    for store in [&team, &laptop] {
        let tickets = all_tickets(store);
        let numbers: Vec<&str> = tickets.iter().map(|t| t.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "A-1", "A-2"]);
        for (id, number) in &numbers_before {
            assert_eq!(&store.ticket(id).unwrap().unwrap().number, number, "numbers never change");
        }
        assert!(store.customer_by_name("Beta").unwrap().is_some());
        let comments: Vec<String> =
            [&offline.id, &first.id].iter().flat_map(|t| store.comments(t).unwrap()).map(|c| c.id).collect();
        assert_eq!(comments, [laptop_comment.id.clone(), team_comment.id.clone()]);
        for entry in [&laptop_entry.id, &team_entry.id, &stopped.entry.id] {
            assert!(store.entry_with_ticket(entry).unwrap().is_some());
        }
        let mut timers: Vec<(String, String)> =
            store.running_timers().unwrap().into_iter().map(|t| (t.technician, t.ticket_number)).collect();
        timers.sort();
        assert_eq!(timers, [("alice".to_string(), "2".to_string()), ("carol".to_string(), "1".to_string())]);

        // The ticket opened offline keeps its received time, so its SLA deadline is the same after the merge.
        let merged = store.ticket(&offline.id).unwrap().unwrap();
        assert_eq!(merged.received_at, received);
        let after = helpdesk::ticket_sla::item(store, &settings, merged, evening).unwrap().sla;
        assert_eq!(after, before);
        let hours = settings.tariffs.response_hours(Tier::Standard).unwrap();
        assert_eq!(after.deadline, Some(sla::deadline(&settings.calendar, received, hours)));
    }
}

// ---------------------------------------------------------------------------------------------------
// Field conflicts

#[test]
fn the_same_field_changed_on_two_copies_resolves_by_clock_on_both_and_is_recorded() {
    let dir = tempdir();
    let nine = t("2026-03-02T09:00:00+01:00");
    let at = |hm: &str| t(&format!("2026-03-02T{hm}:00+01:00"));
    let (mut team, _, ticket) = team_file(&dir.path().join("team.db"), nine);
    clone_copy(&mut team, &dir.path().join("laptop.db"), nine).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"), "bob");
    let set = |store: &mut Store, change: TicketChange, when: &str| {
        store.update_ticket(&ticket.id, vec![change], at(when)).unwrap();
    };

    set(&mut laptop, TicketChange::Assignee(Some("bob".into())), "09:30");
    set(&mut team, TicketChange::Status(TicketStatus::Waiting), "10:00");
    set(&mut team, TicketChange::Assignee(Some("carol".into())), "10:05");
    set(&mut team, TicketChange::Title("Printer jams (team)".into()), "10:10");
    set(&mut laptop, TicketChange::Title("Printer jams (laptop)".into()), "10:30");
    set(&mut laptop, TicketChange::Status(TicketStatus::Resolved), "11:00");

    let report = sync(&mut laptop, &mut team, at("12:00"));
    assert_eq!(report.conflicts, 3);
    assert_same_state(&laptop, &team);
    let expected = [
        ("assignee", Some("carol"), Some("bob")),
        ("status", Some("resolved"), Some("waiting")),
        ("title", Some("Printer jams (laptop)"), Some("Printer jams (team)")),
    ];
    for store in [&team, &laptop] {
        let now = store.ticket(&ticket.id).unwrap().unwrap();
        assert_eq!(
            (now.status, now.assignee.as_deref(), now.title.as_str()),
            (TicketStatus::Resolved, Some("carol"), "Printer jams (laptop)"),
            "the later change wins on {}",
            store.device()
        );
        let mut recorded: Vec<(String, Option<String>, Option<String>)> = store
            .conflicts(false)
            .unwrap()
            .into_iter()
            .map(|c| {
                assert_eq!(c.ticket_number.as_deref(), Some("1"));
                (c.field, c.kept_value, c.other_value)
            })
            .collect();
        recorded.sort();
        let expected: Vec<(String, Option<String>, Option<String>)> =
            expected.iter().map(|(f, k, o)| (f.to_string(), k.map(str::to_string), o.map(str::to_string))).collect();
        assert_eq!(recorded, expected, "on {}", store.device());
    }

    // Syncing again finds nothing new; a change made after seeing the other side is no conflict.
    assert_eq!(sync(&mut team, &mut laptop, at("12:05")).conflicts, 0);
    set(&mut team, TicketChange::Status(TicketStatus::Open), "12:10");
    assert_eq!(sync(&mut laptop, &mut team, at("12:15")).conflicts, 0);
    assert_eq!(laptop.ticket(&ticket.id).unwrap().unwrap().status, TicketStatus::Open);
    assert_eq!(laptop.conflicts(true).unwrap().len(), 3);
    assert_eq!(team.conflicts(true).unwrap().len(), 3);
    assert_consistent(&mut laptop);
    assert_consistent(&mut team);
}

// ---------------------------------------------------------------------------------------------------
// The CLI

/// An installation of the built binary: its own empty config directory; the database per command.
struct Cli {
    dir: tempfile::TempDir,
    config: PathBuf,
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempdir();
        let config = dir.path().join("config");
        std::fs::create_dir(&config).unwrap();
        Cli { dir, config }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, db: &Path, now: &str, args: &[&str]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", &self.config)
            .env("HELPDESK_NOW", now)
            .env("HELPDESK_USER", "alice")
            .env("TZ", "Asia/Tokyo")
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap();
        Out {
            code: out.status.code().expect("exited normally"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn ok(&self, db: &Path, now: &str, args: &[&str]) -> Out {
        let out = self.run(db, now, args);
        assert_eq!(out.code, 0, "helpdesk {args:?} failed: {}", out.stderr);
        out
    }

    /// The command that runs `helpdesk --db DB sync serve` in this installation, for `sync --remote`.
    fn serve(&self, db: &Path, now: &str) -> String {
        format!(
            "HELPDESK_CONFIG_DIR='{}' HELPDESK_NOW='{now}' HELPDESK_USER=alice '{}' --db '{}' sync serve",
            self.config.display(),
            env!("CARGO_BIN_EXE_helpdesk"),
            db.display()
        )
    }

    /// A team file with customer Acme and ticket 1, and a laptop copy of it (`A`).
    fn team_and_laptop(&self, now: &str) -> (PathBuf, PathBuf) {
        let (team, laptop) = (self.path("team.db"), self.path("laptop.db"));
        self.ok(&team, now, &["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
        // Received at the start of the year: work on it may be booked from then on.
        self.ok(
            &team,
            now,
            &["ticket", "open", "--customer", "Acme", "--title", "Printer jams", "--at", "2026-01-02T09:00:00+01:00"],
        );
        self.ok(&team, now, &["sync", "clone", team.to_str().unwrap(), laptop.to_str().unwrap()]);
        (team, laptop)
    }
}

fn peek(path: &Path) -> Store {
    Store::open_read_only(path, "test").unwrap()
}

/// What a file holds, to show it unchanged: its state tables and its log length.
fn snapshot(path: &Path) -> (String, usize) {
    let store = peek(path);
    (store.state_dump().unwrap(), op_count(&store))
}

#[test]
fn cli_clone_names_the_copy_and_refuses_an_existing_file() {
    let cli = Cli::new();
    let now = "2026-03-02T09:00:00+01:00";
    let (team, laptop) = (cli.path("team.db"), cli.path("laptop.db"));
    cli.ok(&team, now, &["customer", "add", "Acme", "--tier", "standard"]);

    let out = cli.ok(&team, now, &["sync", "clone", team.to_str().unwrap(), laptop.to_str().unwrap()]);
    assert_eq!(
        out.stderr,
        format!(
            "made {l} a copy of {t} (copy A: its new tickets are numbered A-1, A-2, …); work offline with \
             `helpdesk --db {l}` and sync back with `helpdesk --db {l} sync {t}`\n",
            l = laptop.display(),
            t = team.display()
        )
    );
    assert_eq!(snapshot(&team), snapshot(&laptop));
    let opened = cli.ok(&laptop, now, &["ticket", "open", "--customer", "Acme", "--title", "On site"]);
    assert!(opened.stdout.contains("A-1"), "{}", opened.stdout);

    let before = std::fs::read(&laptop).unwrap();
    let again = cli.run(&team, now, &["sync", "clone", team.to_str().unwrap(), laptop.to_str().unwrap()]);
    assert_eq!((again.code, again.stdout.as_str()), (2, ""));
    assert_eq!(
        again.stderr,
        format!("helpdesk: {} already exists; choose a new file for the copy\n", laptop.display())
    );
    assert_eq!(std::fs::read(&laptop).unwrap(), before);

    let copy_of_copy = cli.path("aa.db");
    let out = cli.ok(&laptop, now, &["sync", "clone", laptop.to_str().unwrap(), copy_of_copy.to_str().unwrap()]);
    assert!(out.stderr.contains("(copy A.A: its new tickets are numbered A.A-1"), "{}", out.stderr);
    let out = cli.ok(&copy_of_copy, now, &["sync", "status"]);
    let device = peek(&copy_of_copy).device().to_string();
    let short = &device[device.len() - 8..];
    assert!(out.stdout.starts_with(&format!("this copy: copy A.A (device …{short})\n")), "{}", out.stdout);
}

#[test]
fn cli_importing_the_same_bundle_twice_changes_nothing() {
    let cli = Cli::new();
    let now = "2026-03-02T09:00:00+01:00";
    let (team, laptop) = cli.team_and_laptop(now);
    let later = "2026-03-02T15:00:00+01:00";
    cli.ok(&laptop, later, &["ticket", "comment", "1", "fixed the tray"]);
    cli.ok(&laptop, later, &["time", "add", "1", "--minutes", "30", "--by", "+bob"]);
    let bundle = cli.path("laptop.hds");
    let out = cli.ok(&laptop, later, &["sync", "export", bundle.to_str().unwrap()]);
    assert!(out.stderr.starts_with("wrote 2 operations for team file to "), "{}", out.stderr);

    let first = cli.ok(&team, later, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(
        first.stderr,
        "synced with copy A: sent 0, received 2\n(2 of the bundle's 2 operations were new here)\n"
    );
    let after_first = snapshot(&team);
    assert_eq!(after_first.0, snapshot(&laptop).0);
    let second = cli.ok(&team, later, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(
        second.stderr,
        "synced with copy A: sent 0, received 0\n(0 of the bundle's 2 operations were new here)\n"
    );
    assert_eq!(snapshot(&team), after_first);
}

#[test]
fn cli_conflicts_are_listed_and_picking_the_other_value_syncs_it() {
    let cli = Cli::new();
    let (team, laptop) = cli.team_and_laptop("2026-03-02T09:00:00+01:00");
    cli.ok(&team, "2026-03-02T10:00:00+01:00", &["ticket", "set", "1", "--status", "waiting"]);
    cli.ok(&laptop, "2026-03-02T11:00:00+01:00", &["ticket", "set", "1", "--status", "resolved"]);
    let out = cli.ok(&laptop, "2026-03-02T12:00:00+01:00", &["sync", team.to_str().unwrap()]);
    assert_eq!(
        out.stderr,
        "sync: sending 1 operation, receiving 1\n\
         synced with team file: sent 1, received 1, 1 conflict — see `helpdesk sync conflicts`\n"
    );

    let status = |db: &Path| peek(db).ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap().status;
    assert_eq!((status(&team), status(&laptop)), (TicketStatus::Resolved, TicketStatus::Resolved));
    let listed = cli.ok(&team, "2026-03-02T12:30:00+01:00", &["sync", "conflicts"]).stdout;
    let id = listed.split('\t').next().unwrap().to_string();
    assert_eq!(listed, format!("{id}\tticket 1\tstatus\tkept `resolved`\tother `waiting`\n"));

    let bad = cli.run(&team, "2026-03-02T12:40:00+01:00", &["sync", "resolve", &id, "--pick", "mine"]);
    assert_eq!((bad.code, bad.stderr.as_str()), (2, "helpdesk: --pick must be `kept` or `other`\n"));
    cli.ok(&team, "2026-03-02T12:45:00+01:00", &["sync", "resolve", &id, "--pick", "other"]);
    assert_eq!(status(&team), TicketStatus::Waiting);
    assert_eq!(cli.ok(&team, "2026-03-02T12:46:00+01:00", &["sync", "conflicts"]).stdout, "no open conflicts\n");
    assert_eq!(
        cli.ok(&team, "2026-03-02T12:46:00+01:00", &["sync", "conflicts", "--all"]).stdout,
        format!("{id}\tticket 1\tstatus\tkept `resolved`\tother `waiting`\t(picked the other value)\n")
    );

    // The choice is a normal change: it reaches the laptop and is no new conflict there; the laptop
    // found the same conflict (same id), and settling it on the team file settled it there too.
    let out = cli.ok(&laptop, "2026-03-02T13:00:00+01:00", &["sync", team.to_str().unwrap()]);
    assert!(out.stderr.ends_with("synced with team file: sent 0, received 2\n"), "{}", out.stderr);
    assert_eq!(status(&laptop), TicketStatus::Waiting);
    assert_eq!(snapshot(&laptop).0, snapshot(&team).0);
    assert_eq!(cli.ok(&laptop, "2026-03-02T13:00:00+01:00", &["sync", "conflicts"]).stdout, "no open conflicts\n");
    assert_eq!(
        cli.ok(&laptop, "2026-03-02T13:00:00+01:00", &["sync", "conflicts", "--all"]).stdout,
        format!("{id}\tticket 1\tstatus\tkept `resolved`\tother `waiting`\t(picked the other value)\n")
    );
}

// ---------------------------------------------------------------------------------------------------
// Interrupted

/// Passes two lines on at once, then ends the stream (`head` would hold the first line in its buffer while
/// waiting for the second, and the exchange would wait for it forever).
const TWO_LINES: &str = "{ IFS= read -r a; printf '%s\\n' \"$a\"; IFS= read -r b; printf '%s\\n' \"$b\"; }";

#[test]
fn a_remote_that_dies_mid_exchange_changes_nothing_and_the_rerun_completes() {
    let cli = Cli::new();
    let now = "2026-03-02T09:00:00+01:00";
    let (team_path, laptop_path) = cli.team_and_laptop(now);
    let later = "2026-03-02T15:00:00+01:00";
    for text in ["one", "two", "three"] {
        cli.ok(&laptop_path, later, &["ticket", "comment", "1", text]);
    }
    cli.ok(&team_path, later, &["ticket", "set", "1", "--assignee", "+carol"]);
    let settings = settings();
    let mut laptop = open(&laptop_path, "bob");
    // (What the server says on its stderr as it stops is not this test's business.)
    let serve = format!("{} 2>/dev/null", cli.serve(&team_path, later));
    let (team_before, laptop_before) = (snapshot(&team_path), snapshot(&laptop_path));

    let dying = [
        ("head -n 1 >/dev/null; exit 1".to_string(), "the other side ended without answering"),
        ("exit 7".to_string(), "the other side ended without answering"),
        ("echo hello".to_string(), "this is not helpdesk sync data (no header); nothing was changed"),
        // The real server gets our header and one operation, then the stream ends.
        (format!("{TWO_LINES} | {serve}"), "the other side hung up in the middle of the sync; run it again"),
    ];
    for (command, message) in &dying {
        let err = sync_remote(&mut laptop, &settings, command, t(later), &mut |_| {}).unwrap_err().to_string();
        assert!(err.contains(message) || err.contains("Broken pipe"), "`{command}`: {err}");
        assert_eq!(snapshot(&team_path), team_before, "`{command}` changed the team file");
        assert_eq!(snapshot(&laptop_path), laptop_before, "`{command}` changed the laptop");
        assert_consistent(&mut open(&team_path, "test"));
        assert_consistent(&mut laptop);
    }

    // Cut after the server applied what we sent: the server has it, we are untouched, both are whole.
    // (The server answers into a pipe whose reader passes two lines on and ends; the server, left behind,
    // ends when it notices.)
    let fifo = cli.path("answers");
    let cut = format!(
        "rm -f '{f}'; mkfifo '{f}'; exec 3<&0; {serve} <&3 3<&- >'{f}' & exec 3<&- <'{f}'; {TWO_LINES}",
        f = fifo.display()
    );
    let err = sync_remote(&mut laptop, &settings, &cut, t(later), &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("damaged or incomplete"), "{err}");
    assert_eq!(snapshot(&laptop_path), laptop_before);
    assert_eq!(snapshot(&team_path).1, team_before.1 + 3);
    assert_consistent(&mut open(&team_path, "test"));
    assert_consistent(&mut laptop);

    // Rerun with the real server: complete, converged, and a further run moves nothing.
    let report = sync_remote(&mut laptop, &settings, &serve, t(later), &mut |_| {}).unwrap();
    assert_eq!((report.sent, report.received), (0, 1));
    assert_same_state(&laptop, &open(&team_path, "test"));
    let report = sync_remote(&mut laptop, &settings, &serve, t(later), &mut |_| {}).unwrap();
    assert_eq!((report.sent, report.received), (0, 0));
}

#[test]
fn cli_sync_over_a_remote_command_converges_both_ways() {
    let cli = Cli::new();
    let (team, laptop) = cli.team_and_laptop("2026-03-02T09:00:00+01:00");
    let later = "2026-03-02T15:00:00+01:00";
    cli.ok(&laptop, later, &["ticket", "open", "--customer", "Acme", "--title", "Scanner offline"]);
    cli.ok(&laptop, later, &["time", "add", "A-1", "--minutes", "30", "--by", "+bob"]);
    cli.ok(&team, later, &["ticket", "comment", "1", "parts ordered"]);

    let out = cli.ok(&laptop, later, &["sync", "--remote", &cli.serve(&team, later)]);
    assert_eq!(out.stderr, "sync: sending 2 operations\nsynced with team file: sent 2, received 1\n");
    let synced = snapshot(&team);
    assert_eq!(snapshot(&laptop), synced);
    let out = cli.ok(&laptop, later, &["sync", "--remote", &cli.serve(&team, later)]);
    assert_eq!(out.stderr, "sync: sending 0 operations\nsynced with team file: sent 0, received 0\n");
    assert_eq!((snapshot(&laptop), snapshot(&team)), (synced.clone(), synced));
}

// ---------------------------------------------------------------------------------------------------
// Refused

/// Replaces the first occurrence of `from` in the file's bytes.
fn edit(path: &Path, to: &Path, from: &str, into: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in the bundle");
    std::fs::write(to, text.replacen(from, into, 1)).unwrap();
}

#[test]
fn damaged_newer_and_foreign_data_is_refused_and_changes_nothing() {
    let cli = Cli::new();
    let now = "2026-03-02T09:00:00+01:00";
    let (team, laptop) = cli.team_and_laptop(now);
    let later = "2026-03-02T15:00:00+01:00";
    cli.ok(&laptop, later, &["ticket", "open", "--customer", "Acme", "--title", "Scanner offline"]);
    cli.ok(&laptop, later, &["ticket", "comment", "A-1", "toner low"]);
    let bundle = cli.path("laptop.hds");
    cli.ok(&laptop, later, &["sync", "export", bundle.to_str().unwrap()]);
    let bytes = std::fs::read(&bundle).unwrap();

    let elsewhere = cli.path("other-team.db");
    cli.ok(&elsewhere, now, &["customer", "add", "Acme", "--tier", "standard"]);
    let foreign = cli.path("other-team.hds");
    cli.ok(&elsewhere, later, &["sync", "export", "--all", foreign.to_str().unwrap()]);

    // Cut in the middle of the second (last) operation.
    let truncated = cli.path("truncated.hds");
    let trailer = bytes[..bytes.len() - 1].iter().rposition(|&b| b == b'\n').unwrap();
    std::fs::write(&truncated, &bytes[..trailer - 20]).unwrap();
    let last_line_missing = cli.path("no-end.hds");
    let text = String::from_utf8(bytes.clone()).unwrap();
    std::fs::write(&last_line_missing, &text[..text.trim_end().rfind('\n').unwrap() + 1]).unwrap();
    let changed = cli.path("changed.hds");
    edit(&bundle, &changed, "Scanner offline", "Scanner offlinf");
    // Bytes after the trailer (another bundle run on, or anything appended).
    let appended = cli.path("appended.hds");
    std::fs::write(&appended, [bytes.as_slice(), bytes.as_slice()].concat()).unwrap();
    // A newer helpdesk's bundle: intact, but its header names a schema this one does not know.
    let newer = cli.path("newer.hds");
    {
        let store = peek(&laptop);
        let header = Header { schema: LATEST_VERSION + 1, ..Header::of(&store).unwrap() };
        let mut out = std::fs::File::create(&newer).unwrap();
        write_bundle(&mut out, &header, &store.ops_missing_from(&peek(&team).vector().unwrap()).unwrap()).unwrap();
    }

    let damaged = |what: &str| {
        format!("helpdesk: the sync data is damaged or incomplete ({what}); nothing was changed — make it again\n")
    };
    let cases = [
        (&truncated, damaged("unreadable operation 2")),
        (&last_line_missing, damaged("it ends before its last line")),
        (&changed, damaged("its checksum does not match")),
        (&appended, damaged("something follows its last line")),
        (
            &newer,
            format!(
                "helpdesk: the other copy (copy A) was written by a newer helpdesk (schema version {}, this one knows \
                 up to {LATEST_VERSION}); upgrade helpdesk to open it\n",
                LATEST_VERSION + 1
            ),
        ),
        (
            &foreign,
            "helpdesk: the other file belongs to another team (a different team database); nothing was changed\n"
                .to_string(),
        ),
    ];
    let before = snapshot(&team);
    for (file, message) in cases {
        let out = cli.run(&team, later, &["sync", "import", file.to_str().unwrap()]);
        // A newer helpdesk's data is a problem of the file (1), the others of what was given (2).
        let code = if file == &newer { 1 } else { 2 };
        assert_eq!(out.code, code, "{}: {}", file.display(), out.stderr);
        assert_eq!(out.stderr, message);
        assert_eq!(snapshot(&team), before, "{} changed the team file", file.display());
    }

    // Another team's file, directly and over a remote: refused, both files untouched.
    let other_before = snapshot(&elsewhere);
    let out = cli.run(&team, later, &["sync", elsewhere.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "helpdesk: the other file belongs to another team (a different team database); nothing was changed\n")
    );
    let out = cli.run(&team, later, &["sync", "--remote", &cli.serve(&elsewhere, later)]);
    // The other side says why on its stderr (as over ssh), then this side does.
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "helpdesk: the other file belongs to another team (a different team database); nothing was changed\n\
             helpdesk: the other side refused: the other file belongs to another team (a different team database); \
             nothing was changed\n"
        )
    );
    assert_eq!(snapshot(&team), before);
    assert_eq!(snapshot(&elsewhere), other_before);

    // The intact bundle goes in.
    cli.ok(&team, later, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(snapshot(&team).0, snapshot(&laptop).0);
}

#[test]
fn a_bundle_made_for_another_copy_is_refused_where_it_would_leave_a_gap() {
    let cli = Cli::new();
    let (team, a) = cli.team_and_laptop("2026-03-02T09:00:00+01:00");
    let b = cli.path("b.db");
    cli.ok(&team, "2026-03-02T09:00:00+01:00", &["sync", "clone", team.to_str().unwrap(), b.to_str().unwrap()]);
    cli.ok(&a, "2026-03-02T10:00:00+01:00", &["ticket", "comment", "1", "first"]);
    cli.ok(&a, "2026-03-02T10:05:00+01:00", &["ticket", "comment", "1", "second"]);
    cli.ok(&a, "2026-03-02T10:10:00+01:00", &["sync", team.to_str().unwrap()]);
    cli.ok(&a, "2026-03-02T11:00:00+01:00", &["ticket", "comment", "1", "third"]);
    // For the team file, which has the first two: the bundle holds only the third.
    let for_team = cli.path("for-team.hds");
    let out = cli.ok(&a, "2026-03-02T11:00:00+01:00", &["sync", "export", for_team.to_str().unwrap()]);
    assert!(out.stderr.starts_with("wrote 1 operation for team file to "), "{}", out.stderr);

    // Copy B has neither: taking the third alone would leave it without the first two for good.
    let before = snapshot(&b);
    let out = cli.run(&b, "2026-03-02T12:00:00+01:00", &["sync", "import", for_team.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "helpdesk: this bundle was made for a copy that has changes this one lacks (it leaves them out); \
             nothing was changed — import one made for copy B (`sync export --peer B`) or a full one \
             (`sync export --all`)\n"
        )
    );
    assert_eq!(snapshot(&b), before);

    // Where it was made for, it goes in; a full bundle goes in anywhere; and everyone ends equal.
    cli.ok(&team, "2026-03-02T12:00:00+01:00", &["sync", "import", for_team.to_str().unwrap()]);
    let full = cli.path("full.hds");
    cli.ok(&a, "2026-03-02T12:00:00+01:00", &["sync", "export", "--all", full.to_str().unwrap()]);
    cli.ok(&b, "2026-03-02T12:30:00+01:00", &["sync", "import", full.to_str().unwrap()]);
    cli.ok(&b, "2026-03-02T13:00:00+01:00", &["sync", team.to_str().unwrap()]);
    let comments = |db: &Path| {
        let store = peek(db);
        let ticket = store.ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap();
        store.comments(&ticket.id).unwrap().into_iter().map(|c| c.body).collect::<Vec<_>>()
    };
    for db in [&team, &a, &b] {
        assert_eq!(comments(db), ["first", "second", "third"], "{}", db.display());
    }
    assert_eq!(snapshot(&b).0, snapshot(&team).0);
}

#[test]
fn every_single_byte_change_in_a_bundle_is_caught_before_anything_is_applied() {
    let dir = tempdir();
    let now = t("2026-03-02T09:00:00+01:00");
    let (mut team, acme, ticket) = team_file(&dir.path().join("team.db"), now);
    clone_copy(&mut team, &dir.path().join("a.db"), now).unwrap();
    let mut a = open(&dir.path().join("a.db"), "bob");
    a.open_ticket(new_ticket(&acme, "Scanner offline", now), now).unwrap();
    a.add_time_entry(work(&ticket, now, 30, "bob"), now).unwrap();
    // Made for the team file, as `sync export` makes it.
    let base = team.vector().unwrap();
    let header = Header::for_peer(&a, base.clone()).unwrap();
    let mut bundle = Vec::new();
    write_bundle(&mut bundle, &header, &a.ops_missing_from(&base).unwrap()).unwrap();
    let accepted = |bytes: &[u8]| read_bundle(&mut &bytes[..]).and_then(|(h, _)| check_peer(&team, &h)).is_ok();
    assert!(accepted(&bundle), "the intact bundle is accepted");

    let mut missed = Vec::new();
    for i in 0..bundle.len() {
        for flip in [0x01u8, 0x20] {
            let mut bytes = bundle.clone();
            bytes[i] ^= flip;
            if accepted(&bytes) {
                let line = bundle[..i].iter().filter(|&&b| b == b'\n').count() + 1;
                missed.push(format!("byte {i} (line {line}) ^ {flip:#04x}"));
            }
        }
    }
    assert!(missed.is_empty(), "{} changes went unnoticed, e.g. {:?}", missed.len(), &missed[..missed.len().min(5)]);
}

// ---------------------------------------------------------------------------------------------------
// Closed months

#[test]
fn work_synced_into_a_closed_month_is_one_correction_on_every_copy() {
    let dir = tempdir();
    let settings = settings();
    let (feb, march) = (ym("2026-02"), ym("2026-03"));
    let friday = t("2026-02-27T10:00:00+01:00");
    let (mut team, acme, ticket) = team_file(&dir.path().join("team.db"), friday);
    team.add_time_entry(work(&ticket, t("2026-02-10T10:00:00+01:00"), 30, "alice"), friday).unwrap();
    let mut copies: Vec<Store> = ["laptop.db", "second-laptop.db", "third.db"]
        .iter()
        .map(|name| {
            clone_copy(&mut team, &dir.path().join(name), friday).unwrap();
            open(&dir.path().join(name), name)
        })
        .collect();
    let [laptop, second, third] = &mut copies[..] else { unreachable!() };

    // The team closes February; the third copy hears of it.
    close_month(&mut team, &settings, feb, t("2026-03-02T09:00:00+01:00")).unwrap();
    let mut frozen = team.closed_statements(feb).unwrap();
    frozen.sort();
    sync(third, &mut team, t("2026-03-02T10:00:00+01:00"));

    // Two laptops, offline since Friday, log February work: 90 minutes and 45 minutes.
    let offline = t("2026-03-03T10:00:00+01:00");
    let late = laptop.add_time_entry(work(&ticket, t("2026-02-20T10:00:00+01:00"), 90, "bob"), offline).unwrap();
    let later = second.add_time_entry(work(&ticket, t("2026-02-24T10:00:00+01:00"), 45, "dave"), offline).unwrap();
    // What the first carries to the third copy on a stick, before meeting the team file.
    let stick = (Header::of(laptop).unwrap(), laptop.ops_missing_from(&third.vector().unwrap()).unwrap());

    // 30 prepaid minutes were used in February, so the 90 minutes are all overage at 800 CZK/h (1 200),
    // and so are the 45 (600).
    let first_line = ("correction of 2026-02: ticket 1 +1h 30m (synced)", 1200);
    let second_line = ("correction of 2026-02: ticket 1 +45m (synced)", 600);
    let check = |store: &Store, after: &str, expected: &[(&str, i64)]| {
        let lines: Vec<(String, Decimal)> = statement(store, &settings, &acme, march)
            .unwrap()
            .adjustments
            .iter()
            .map(|a| (a.description.clone(), a.amount))
            .collect();
        let expected: Vec<(String, Decimal)> =
            expected.iter().map(|(d, a)| (d.to_string(), Decimal::new(*a, 0))).collect();
        assert_eq!(lines, expected, "{after}: March on {}", store.device());
        assert_eq!(store.adjustments_for_work(&acme.id, feb).unwrap().len(), expected.len());
        let mut now_frozen = store.closed_statements(feb).unwrap();
        now_frozen.sort();
        assert_eq!(now_frozen, frozen, "{after}: February's frozen statements on {}", store.device());
    };

    // The laptop syncs with the team file (the team file prices it as the other side) …
    let report = sync(laptop, &mut team, t("2026-03-04T09:00:00+01:00"));
    assert_eq!(report.corrections, Decimal::ZERO, "the laptop prices nothing: it did not know February was closed");
    check(&team, "the first laptop synced", &[first_line]);
    check(laptop, "the first laptop synced", &[first_line]);
    assert_same_state(laptop, &team);
    // … and the team file syncs with the second laptop (the team file prices it as this side).
    let report = sync(&mut team, second, t("2026-03-04T09:30:00+01:00"));
    assert_eq!(report.corrections, Decimal::new(600, 0));
    check(&team, "the second laptop synced", &[first_line, second_line]);
    check(second, "the second laptop synced", &[first_line, second_line]);
    assert_same_state(second, &team);

    // The third copy gets the first laptop's entry from the stick: only the team file prices work that
    // arrives in a closed month (one pricer, so the corrections add up however the work travelled), so
    // the third copy bills it once it has met the team file; once everyone has met, each copy bills
    // each entry once.
    helpdesk::sync::exchange_receive(third, &settings, &stick.0, &stick.1, t("2026-03-04T10:00:00+01:00")).unwrap();
    check(third, "the stick", &[]);
    let at = t("2026-03-04T11:00:00+01:00");
    sync(third, &mut team, at);
    sync(laptop, third, at);
    sync(second, laptop, at);
    sync(&mut team, laptop, at);
    for store in [&team, &*laptop, &*second, &*third] {
        check(store, "everyone synced", &[first_line, second_line]);
        assert!(
            store.entry_with_ticket(&late.id).unwrap().is_some()
                && store.entry_with_ticket(&later.id).unwrap().is_some()
        );
        assert_same_state(&team, store);
    }
    let again = sync(third, second, at);
    assert_eq!((again.sent, again.received), (0, 0));
}

#[test]
fn a_closed_month_correction_reaches_the_laptop_over_a_remote_too() {
    let cli = Cli::new();
    let (team, laptop) = cli.team_and_laptop("2026-02-27T10:00:00+01:00");
    cli.ok(&team, "2026-03-02T09:00:00+01:00", &["month", "close", "2026-02"]);
    cli.ok(
        &laptop,
        "2026-03-03T10:00:00+01:00",
        &["time", "add", "1", "--minutes", "90", "--by", "+bob", "--at", "2026-02-20T10:00:00+01:00"],
    );
    let later = "2026-03-04T09:00:00+01:00";
    let out = cli.ok(&laptop, later, &["sync", "--remote", &cli.serve(&team, later)]);
    assert!(out.stderr.ends_with("synced with team file: sent 1, received 2\n"), "{}", out.stderr);
    assert_eq!(snapshot(&laptop), snapshot(&team));
    let settings = settings();
    for db in [&team, &laptop] {
        let store = peek(db);
        let acme = store.customer_by_name("Acme").unwrap().unwrap();
        let adjustments = statement(&store, &settings, &acme, ym("2026-03")).unwrap().adjustments;
        assert_eq!(adjustments.len(), 1, "{}", db.display());
        // February had no other work: 30 of the 90 minutes are prepaid, 60 are overage at 800 CZK/h.
        assert_eq!(adjustments[0].amount, Decimal::new(800, 0));
    }
    let status = cli.ok(&laptop, later, &["sync", "status"]).stdout;
    assert!(status.contains("changes not shared yet: 0\n"), "{status}");
}

/// Work in February as each copy bills it now: the live statement, and the corrections billed in March.
fn february_and_march(store: &Store, customer: &Customer) -> (Decimal, Vec<(String, Decimal)>) {
    let settings = settings();
    let feb = statement(store, &settings, customer, ym("2026-02")).unwrap().total_excl_vat;
    let march = statement(store, &settings, customer, ym("2026-03")).unwrap();
    (feb, march.adjustments.iter().map(|a| (a.description.clone(), a.amount)).collect())
}

#[test]
fn frozen_work_corrected_or_removed_offline_is_billed_by_what_changed() {
    let dir = tempdir();
    let settings = settings();
    let friday = t("2026-02-27T10:00:00+01:00");
    let (mut team, acme, ticket) = team_file(&dir.path().join("team.db"), friday);
    // February: 20 minutes on ticket 1, within the 30 prepaid minutes; a second ticket with 25 minutes.
    let small = team.add_time_entry(work(&ticket, t("2026-02-10T10:00:00+01:00"), 20, "alice"), friday).unwrap();
    let other = team.open_ticket(new_ticket(&acme, "VPN", t("2026-02-11T09:00:00+01:00")), friday).unwrap();
    let vpn = team.add_time_entry(work(&other, t("2026-02-11T10:00:00+01:00"), 25, "alice"), friday).unwrap();
    clone_copy(&mut team, &dir.path().join("laptop.db"), friday).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"), "bob");
    close_month(&mut team, &settings, ym("2026-02"), t("2026-03-02T09:00:00+01:00")).unwrap();
    let (frozen_total, none) = february_and_march(&team, &acme);
    assert!(none.is_empty());

    // Offline, the laptop (which does not know February is closed) corrects the 20 minutes to 80 and
    // removes the VPN entry: February now has 80 minutes, 50 of them over the prepaid 30.
    let offline = t("2026-03-03T10:00:00+01:00");
    laptop.correct_time_entry(&small.id, work(&ticket, small.started_at, 80, "alice"), offline).unwrap();
    laptop.void_time_entry(&vpn.id, offline).unwrap();
    let (live_total, _) = february_and_march(&laptop, &acme);

    sync(&mut laptop, &mut team, t("2026-03-04T09:00:00+01:00"));
    for store in [&team, &laptop] {
        let (_, lines) = february_and_march(store, &acme);
        let billed: Decimal = lines.iter().map(|(_, a)| *a).sum();
        assert_eq!(billed, live_total - frozen_total, "{lines:?} on {}", store.device());
    }
    assert_same_state(&laptop, &team);
}

// ---------------------------------------------------------------------------------------------------
// Status

#[test]
fn status_counts_this_copys_unshared_changes_until_they_are_shared() {
    let cli = Cli::new();
    let (team, laptop) = cli.team_and_laptop("2026-03-02T09:00:00+01:00");
    let status = |db: &Path, now: &str| cli.ok(db, now, &["sync", "status"]).stdout;
    let short = |db: &Path| {
        let device = peek(db).device().to_string();
        device[device.len() - 8..].to_string()
    };
    assert_eq!(
        status(&laptop, "2026-03-02T09:05:00+01:00"),
        format!(
            "this copy: copy A (device …{})\nlast synced: 2026-03-02T09:00:00+01:00\nchanges not shared yet: 0\n\
             peer team file: last 2026-03-02T09:00:00+01:00\n",
            short(&laptop)
        )
    );
    assert_eq!(
        status(&team, "2026-03-02T09:05:00+01:00"),
        // The copy holds everything the team file had when it was made, and the team file knows it as a peer.
        format!(
            "this copy: team file (device …{})\nlast synced: never\nchanges not shared yet: 0\n\
             peer copy A: last 2026-03-02T09:00:00+01:00\n",
            short(&team)
        )
    );

    let work_at = "2026-03-02T10:00:00+01:00";
    cli.ok(&laptop, work_at, &["ticket", "comment", "1", "on site"]);
    cli.ok(&laptop, work_at, &["time", "add", "1", "--minutes", "30", "--by", "+bob"]);
    assert!(status(&laptop, work_at).contains("\nchanges not shared yet: 2\n"));

    // Directly.
    cli.ok(&laptop, "2026-03-02T11:00:00+01:00", &["sync", team.to_str().unwrap()]);
    let s = status(&laptop, "2026-03-02T11:05:00+01:00");
    assert!(s.contains("\nlast synced: 2026-03-02T11:00:00+01:00\nchanges not shared yet: 0\n"), "{s}");
    let s = status(&team, "2026-03-02T11:05:00+01:00");
    assert!(s.contains("\nlast synced: 2026-03-02T11:00:00+01:00\nchanges not shared yet: 0\n"), "{s}");

    // Over a remote.
    cli.ok(&laptop, "2026-03-02T12:00:00+01:00", &["ticket", "set", "1", "--status", "open"]);
    assert!(status(&laptop, "2026-03-02T12:00:00+01:00").contains("\nchanges not shared yet: 1\n"));
    let at = "2026-03-02T13:00:00+01:00";
    cli.ok(&laptop, at, &["sync", "--remote", &cli.serve(&team, at)]);
    let s = status(&laptop, at);
    assert!(s.contains("\nlast synced: 2026-03-02T13:00:00+01:00\nchanges not shared yet: 0\n"), "{s}");

    // By bundles, there and back: the team's bundle shows what it has of ours.
    cli.ok(&laptop, "2026-03-02T14:00:00+01:00", &["ticket", "comment", "1", "done"]);
    let (there, back) = (cli.path("there.hds"), cli.path("back.hds"));
    cli.ok(&laptop, "2026-03-02T14:00:00+01:00", &["sync", "export", there.to_str().unwrap()]);
    assert!(status(&laptop, "2026-03-02T14:00:00+01:00").contains("\nchanges not shared yet: 1\n"));
    cli.ok(&team, "2026-03-02T15:00:00+01:00", &["sync", "import", there.to_str().unwrap()]);
    cli.ok(&team, "2026-03-02T15:00:00+01:00", &["sync", "export", "--peer", "A", back.to_str().unwrap()]);
    cli.ok(&laptop, "2026-03-02T16:00:00+01:00", &["sync", "import", back.to_str().unwrap()]);
    let s = status(&laptop, "2026-03-02T16:00:00+01:00");
    assert!(s.contains("\nlast synced: 2026-03-02T16:00:00+01:00\nchanges not shared yet: 0\n"), "{s}");
}

// ---------------------------------------------------------------------------------------------------
// Measured: a week of laptop work

/// A laptop's week: 5 days of 40 tickets, each with 4 comments, 4 time entries and a status change
/// (2,000 operations), while the team keeps working too.
fn a_week_of_work(laptop: &mut Store, team: &mut Store, acme: &Customer, monday: DateTime<Utc>) -> usize {
    let office_ticket = team.tickets_page(&TicketFilter::default(), None, 1).unwrap().remove(0).summary.id;
    let before = op_count(laptop);
    for day in 0..5 {
        for n in 0..40 {
            let now = monday + Duration::days(day) + Duration::minutes(n * 10);
            let ticket = laptop.open_ticket(new_ticket(acme, &format!("site visit {day}/{n}"), now), now).unwrap();
            for k in 0..4 {
                laptop.add_comment(&ticket.id, &format!("step {k}"), now).unwrap();
                laptop.add_time_entry(work(&ticket, now, 15, "bob"), now).unwrap();
            }
            laptop.update_ticket(&ticket.id, vec![TicketChange::Status(TicketStatus::Resolved)], now).unwrap();
            if n % 4 == 0 {
                team.add_comment(&office_ticket, "office work", now).unwrap();
            }
        }
    }
    op_count(laptop) - before
}

#[test]
fn a_week_of_laptop_work_syncs_in_one_go() {
    let dir = tempdir();
    let monday = t("2026-03-02T08:00:00+01:00");
    let (mut team, acme, _) = team_file(&dir.path().join("team.db"), monday);
    clone_copy(&mut team, &dir.path().join("laptop.db"), monday).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"), "bob");
    let week = a_week_of_work(&mut laptop, &mut team, &acme, monday);
    assert_eq!(week, 2000);

    let started = Instant::now();
    let report = sync(&mut laptop, &mut team, monday + Duration::days(7));
    let took = started.elapsed();
    eprintln!(
        "synced a laptop's week ({} operations; {} back from the team) into a team file of {} operations in {:.0} ms",
        report.sent,
        report.received,
        op_count(&team) - report.sent,
        took.as_secs_f64() * 1000.0
    );
    assert_eq!((report.sent, report.received), (2000, 50));
    assert_same_state(&laptop, &team);
}

/// The same week into a big team file, e.g. a demo at the issue-6 size, from a release build:
///
/// ```sh
/// cargo build --release
/// HELPDESK_NOW=2026-03-02T08:00:00+01:00 target/release/helpdesk --db /tmp/big-team.db demo \
///     --customers 1000 --tickets 100000 --entries 1000000
/// HELPDESK_SYNC_TEAM=/tmp/big-team.db cargo test --release --test sync -- --ignored --nocapture big_team
/// ```
///
/// It makes a copy `/tmp/big-team.db.laptop-N`, does a week of work on it (and a little on the team file:
/// use a scratch one), then times `helpdesk --db LAPTOP sync TEAM` as the technician would run it.
#[test]
#[ignore = "needs a big team file in HELPDESK_SYNC_TEAM; prints a figure"]
fn a_week_of_laptop_work_into_a_big_team_file() {
    let team_path = PathBuf::from(std::env::var("HELPDESK_SYNC_TEAM").expect("HELPDESK_SYNC_TEAM=path"));
    let mut team = open(&team_path, "alice");
    let monday = Utc::now();
    let acme = team.customers_page(None, 1).unwrap().remove(0).0;
    let laptop_path = (1..).map(|n| PathBuf::from(format!("{}.laptop-{n}", team_path.display()))).find(|p| !p.exists());
    let laptop_path = laptop_path.unwrap();
    let started = Instant::now();
    clone_copy(&mut team, &laptop_path, monday).unwrap();
    eprintln!("made the laptop copy in {:.1} s", started.elapsed().as_secs_f64());
    let mut laptop = open(&laptop_path, "bob");
    let week = a_week_of_work(&mut laptop, &mut team, &acme, monday);
    drop((laptop, team));

    let cli = Cli::new();
    let now = (monday + Duration::days(7)).to_rfc3339();
    let started = Instant::now();
    let out = cli.ok(&laptop_path, &now, &["sync", team_path.to_str().unwrap()]);
    let took = started.elapsed();
    eprintln!(
        "`helpdesk --db LAPTOP sync TEAM` with a week of laptop work ({week} operations) into {}: {:.0} ms",
        team_path.display(),
        took.as_secs_f64() * 1000.0
    );
    assert!(out.stderr.ends_with(&format!("synced with team file: sent {week}, received 50\n")), "{}", out.stderr);
}

/// A refusal crosses between copies as a message id with its arguments beside the English text: a
/// Czech asking side reads the other side's reason in Czech; a message it does not know (a newer
/// helpdesk's) or one that is not well formed leaves the English text the other side sent.
#[test]
fn a_refusal_from_the_other_side_is_worded_in_the_asking_sides_language() {
    let cli = Cli::new();
    let now = "2026-03-02T09:00:00+01:00";
    let (team, elsewhere) = (cli.path("team.db"), cli.path("elsewhere.db"));
    cli.ok(&team, now, &["customer", "add", "Acme", "--tier", "standard"]);
    cli.ok(&elsewhere, now, &["customer", "add", "Beta", "--tier", "plus"]);
    let serve = format!("{} 2>/dev/null", cli.serve(&elsewhere, now));
    let out = cli.run(&team, now, &["--lang", "cs", "sync", "--remote", &serve]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "helpdesk: druhá strana odmítla: druhý soubor patří jinému týmu (jiná týmová databáze); nic se \
             nezměnilo\n"
        )
    );
    // In English the same refusal reads as the other side wrote it.
    let out = cli.run(&team, now, &["--lang", "en", "sync", "--remote", &serve]);
    assert_eq!(
        out.stderr,
        "helpdesk: the other side refused: the other file belongs to another team (a different team database); \
         nothing was changed\n"
    );

    // A peer's reply as it comes: an id this helpdesk does not know, arguments that are not plain
    // text, arguments that do not fill the message, no id at all (an older helpdesk): the English text.
    let peers = [
        r#"{"error":"a reason from the future","message":{"id":"sync-refused-for-a-new-reason","args":{}}}"#,
        r#"{"error":"a reason from the future","message":{"id":"sync-peer-newer","args":{"theirs":5,"ours":4}}}"#,
        r#"{"error":"a reason from the future","message":{"id":"sync-peer-newer","args":{}}}"#,
        r#"{"error":"a reason from the future","message":"sync-other-team"}"#,
        r#"{"error":"a reason from the future"}"#,
    ];
    let before = snapshot(&team);
    for reply in peers {
        let peer = format!("printf '%s\\n' '{reply}'; cat >/dev/null");
        let out = cli.run(&team, now, &["--lang", "cs", "sync", "--remote", &peer]);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (2, "helpdesk: druhá strana odmítla: a reason from the future\n"),
            "{reply}"
        );
    }
    // A known id with its arguments: worded here, whatever the English text says.
    let reply = r#"{"error":"whatever","message":{"id":"sync-peer-newer","args":{"theirs":"5","ours":"4"}}}"#;
    let out = cli.run(
        &team,
        now,
        &["--lang", "cs", "sync", "--remote", &format!("printf '%s\\n' '{reply}'; cat >/dev/null")],
    );
    assert_eq!(
        out.stderr,
        "helpdesk: druhá strana odmítla: helpdesk druhé kopie je novější (formát synchronizace 5, tento umí 4); \
         aktualizujte helpdesk zde a synchronizujte znovu; nic se nezměnilo\n"
    );
    assert_eq!(snapshot(&team), before, "nothing was changed");
}
