//! Corrections of a closed month on a server team (bb8 #12), with real processes against a real
//! PostgreSQL started by `tests/pg`: a desk's own `--correction` (`time add`, `time correct`,
//! `time remove`), a timer stopped into a month closed meanwhile, the interface's background
//! connection, a desk offline, two desks, and a desk that joins later. Every correction is priced once,
//! team-wide, by the desk that holds the team's pricing lock first, and a closed month's corrections
//! add up to what the single file bills for the same work (README "Closed-month corrections on a
//! server team"): Acme (STANDARD, 30 prepaid minutes, 15-minute blocks, 800 Kč an hour over) with
//! nothing in February when it closed; 50 minutes → 60, 30 over → 400,00 Kč; 50 + 30 + 15 → 105 min,
//! 75 over → 1 000,00 Kč.

mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pg::Pg;

/// A person's machine: its own home and config, the clock at `now`.
struct Machine {
    home: std::rc::Rc<tempfile::TempDir>,
    now: String,
}

impl Machine {
    fn new() -> Machine {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join("config")).unwrap();
        Machine { home: std::rc::Rc::new(home), now: "2026-03-02T10:00:00+01:00".into() }
    }

    fn at(&self, now: &str) -> Machine {
        Machine { home: self.home.clone(), now: now.into() }
    }

    fn replica(&self) -> PathBuf {
        self.home.path().join("desk.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .arg("--db")
            .arg(self.replica())
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("HELPDESK_CONFIG_DIR", self.home.path().join("config"))
            .env("HELPDESK_NOW", &self.now)
            .env("USER", "someone")
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed: what it said on stderr.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "helpdesk {args:?} failed ({}): {said}", out.status);
        said
    }

    /// The corrections of February billed in March, as (minutes, amount), in the order booked.
    fn corrections(&self) -> Vec<(i64, String)> {
        let out = self.run(&["report", "customer", "Acme", "--month", "2026-03", "--format", "json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let lines = report["adjustments"].as_array().cloned().unwrap_or_default();
        lines
            .iter()
            .filter(|a| a["work_month"] == "2026-02")
            .map(|a| (a["minutes"].as_i64().unwrap(), a["amount"].as_str().unwrap().to_string()))
            .collect()
    }

    /// What February's corrections bill in all, excl. VAT.
    fn corrected(&self) -> rust_decimal::Decimal {
        self.corrections().iter().map(|(_, a)| a.parse::<rust_decimal::Decimal>().unwrap()).sum()
    }

    /// The id of ticket 1's only current entry.
    fn entry(&self) -> String {
        let out = self.run(&["time", "list", "1", "--format", "json"]);
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        list[0]["entry"].as_str().unwrap().to_string()
    }
}

fn money(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// A team with technicians Alice, Bob and Carol; Alice's and Bob's desks joined, Acme with a ticket
/// (1) and February closed with nothing in it.
fn team(pg: &Pg) -> (String, Machine, Machine) {
    pg.create("helpdesk", &[("alice", None), ("bob", None), ("carol", None)]);
    let admin = Machine::new();
    let url = pg.socket_url("admin", "helpdesk");
    admin.ok(&["team", "init", &url]);
    for (role, name) in [("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")] {
        admin.ok(&["team", "add-technician", &url, role, name]);
    }
    let (a, b) = (Machine::new(), Machine::new());
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&a.replica())]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&b.replica())]);
    a.ok(&["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    a.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer", "--at", "2026-02-02T09:00:00+01:00"]);
    a.ok(&["month", "close", "2026-02"]);
    b.ok(&["ticket", "list"]);
    (url, a, b)
}

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// One desk alone: its own corrections are priced at once (it is connected), each as the single file
/// prices it — added, corrected, removed — and priced once: syncing again books nothing, and a desk
/// that joins later holds the same corrections.
#[test]
fn a_desks_own_corrections_of_a_closed_month_are_priced_at_once_when_it_is_connected() {
    let Some(pg) = Pg::start() else { return };
    let (_, a, _) = team(&pg);
    let said = a.ok(&["time", "add", "1", "--minutes", "50", "--at", "2026-02-03T09:00:00+01:00", "--correction"]);
    assert!(said.contains("this desk prices it under the team's pricing lock"), "{said}");
    assert!(said.contains("billed as corrections: 400,00 Kč"), "{said}");
    assert_eq!(a.corrections(), [(50, "400.00".to_string())]);
    // 50 → 80 minutes: 90 billed, 60 over (800,00 Kč in all).
    let entry = a.entry();
    let said = a.ok(&["time", "correct", "1", &entry, "--minutes", "80", "--correction"]);
    assert!(said.contains("billed as corrections: 400,00 Kč"), "{said}");
    assert_eq!(a.corrected(), money("800.00"));
    // Removed: nothing billed for February in all.
    let entry = a.entry();
    let said = a.ok(&["time", "remove", "1", &entry, "--correction"]);
    assert!(said.contains("billed as corrections: -800,00 Kč"), "{said}");
    assert_eq!(a.corrected(), money("0.00"));
    let booked = a.corrections();
    let said = a.ok(&["team", "sync"]);
    assert!(!said.contains("billed as corrections"), "priced twice: {said}");
    assert_eq!(a.corrections(), booked);
    // A desk that joins later replays the log: the same corrections, nothing priced again.
    let c = Machine::new();
    c.ok(&["team", "join", &pg.socket_url("carol", "helpdesk"), "--db", db(&c.replica())]);
    let said = c.ok(&["team", "sync"]);
    assert!(!said.contains("billed as corrections"), "{said}");
    assert_eq!(c.corrections(), booked);
}

/// Two desks correcting the same closed month, each priced by its own desk under the lock after it
/// caught up: together what the single file bills for 50 + 30 + 15 minutes (1 000,00 Kč), on every
/// desk, on one that joins later too.
#[test]
fn corrections_on_two_desks_add_up_to_the_closed_month_with_all_its_work() {
    let Some(pg) = Pg::start() else { return };
    let (_, a, b) = team(&pg);
    a.ok(&["time", "add", "1", "--minutes", "50", "--at", "2026-02-03T09:00:00+01:00", "--correction"]);
    b.ok(&["time", "add", "1", "--minutes", "30", "--at", "2026-02-04T09:00:00+01:00", "--correction"]);
    a.ok(&["time", "add", "1", "--minutes", "15", "--at", "2026-02-05T09:00:00+01:00", "--correction"]);
    for m in [&a, &b, &a] {
        m.ok(&["team", "sync"]);
    }
    // (Booked at one instant here: listed in the order of their ids, so compared as sets.)
    let sorted = |mut v: Vec<(i64, String)>| {
        v.sort();
        v
    };
    let expected = [(15, "200.00".to_string()), (30, "400.00".to_string()), (50, "400.00".to_string())];
    assert_eq!(sorted(a.corrections()), expected);
    assert_eq!(sorted(b.corrections()), expected);
    let c = Machine::new();
    c.ok(&["team", "join", &pg.socket_url("carol", "helpdesk"), "--db", db(&c.replica())]);
    assert_eq!(c.corrected(), money("1000.00"));
}

/// A desk offline records its correction unpriced and prices it at its next exchange, from what the
/// other desk billed meanwhile; a timer stopped into the month another desk closed meanwhile is
/// priced by its desk the same way.
#[test]
fn an_offline_desks_correction_and_a_timer_stopped_into_a_closed_month_are_priced_by_their_desk() {
    let Some(pg) = Pg::start() else { return };
    let (_, a, b) = team(&pg);
    pg.stop();
    let said = a.ok(&["time", "add", "1", "--minutes", "50", "--at", "2026-02-03T09:00:00+01:00", "--correction"]);
    assert!(said.contains("at once when connected, else at its next exchange"), "{said}");
    assert!(!said.contains("billed as corrections"), "{said}");
    pg.start_again();
    // Bob's 30 minutes are priced from what was billed (nothing): within the prepaid minutes.
    b.ok(&["time", "add", "1", "--minutes", "30", "--at", "2026-02-04T09:00:00+01:00", "--correction"]);
    assert_eq!(b.corrected(), money("0.00"));
    // Alice is back: her 50 minutes on top of Bob's 30 (80 → 90, 60 over).
    let said = a.ok(&["team", "sync"]);
    assert!(said.contains("billed as corrections: 800,00 Kč"), "{said}");
    b.ok(&["team", "sync"]);
    assert_eq!(a.corrected(), money("800.00"));
    assert_eq!(b.corrections(), a.corrections());

    // March closed while Bob's timer ran offline (its start never reached the server); he stops it
    // after the close reached him, saying 50 minutes: March's correction, priced by Bob's desk.
    pg.stop();
    b.at("2026-03-30T09:00:00+01:00").ok(&["timer", "start", "1"]);
    pg.start_again();
    let april = a.at("2026-04-01T10:00:00+02:00");
    april.ok(&["month", "close", "2026-03"]);
    let said = b.at("2026-04-01T10:05:00+02:00").ok(&["timer", "stop", "--worked", "50"]);
    assert!(said.contains("billed as corrections: 400,00 Kč"), "{said}");
    let report = |m: &Machine| {
        let out = m.run(&["report", "customer", "Acme", "--month", "2026-04", "--format", "json"]);
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        r["adjustments"].clone()
    };
    april.ok(&["team", "sync"]);
    let on_a = report(&april);
    assert_eq!(on_a.as_array().map(Vec::len), Some(1), "{on_a}");
    assert_eq!((on_a[0]["work_month"].as_str(), on_a[0]["amount"].as_str()), (Some("2026-03"), Some("400.00")));
    assert_eq!(report(&b.at("2026-04-01T10:10:00+02:00")), on_a);
}

/// The interface's background connection prices a correction the interface booked (here by another
/// process on the live replica, as the time-entry form's save-again-as-correction does) on its next
/// push, and wakes the interface.
#[test]
fn the_interfaces_background_connection_prices_a_correction_booked_on_its_replica() {
    let Some(pg) = Pg::start() else { return };
    let (_, a, _b) = team(&pg);
    let replica = a.replica();
    let store = helpdesk::store::Store::open_existing(&replica, "Alice").unwrap();
    let binding = store.team_binding().unwrap().unwrap();
    let settings = helpdesk::config::Settings::defaults();
    let timeout = std::time::Duration::from_secs(2);
    let (live, woken) = helpdesk::team::live::Live::start(replica.clone(), binding, settings.clone(), timeout);
    woken.recv_timeout(std::time::Duration::from_secs(10)).expect("the first catch-up");

    let mut writer = helpdesk::store::Store::open_existing(&replica, "Alice").unwrap();
    let ticket = writer.require_ticket(&"1".parse().unwrap()).unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let entry = helpdesk::store::NewEntry {
        ticket_id: ticket.id.clone(),
        started_at: at("2026-02-03T09:00:00+01:00"),
        minutes: helpdesk::domain::Minutes::new(50).unwrap(),
        role: helpdesk::domain::Role::Technician,
        technician: "Alice".into(),
        note: String::new(),
    };
    let now = at("2026-03-02T10:00:00+01:00");
    let (_, amount) =
        helpdesk::statements::book_correction(&mut writer, &settings, &ticket, Some(entry), None, now).expect("booked");
    assert_eq!(amount, None, "a desk does not price outside the team's lock");
    // Woken when it billed (the background connection books it in the month of the real clock).
    let february = "2026-02".parse().unwrap();
    let corrections = || {
        let store = helpdesk::store::Store::open_existing(&replica, "Alice").unwrap();
        let lines = store.adjustments_for_work(&ticket.customer_id, february).unwrap();
        lines.iter().map(|l| (l.minutes, l.amount.clone())).collect::<Vec<_>>()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while corrections().is_empty() {
        assert!(std::time::Instant::now() < deadline, "the correction was never priced");
        let _ = woken.recv_timeout(std::time::Duration::from_secs(1));
    }
    assert_eq!(corrections(), [(50, "400.00".to_string())]);
    drop(live);
}
