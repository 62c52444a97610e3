//! A small, fixed helpdesk for the TUI tests: four customers (one per tier), five open tickets in every
//! SLA state at [`DAY`] (10:00 Prague, Wednesday 4 March 2026), one closed ticket, time entries and a
//! forgotten timer. At [`EVENING`] (17:30) the running ticket is paused.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::{Role, TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::keymap::Keymap;
use helpdesk::store::{NewEntry, NewTicket, Store, TicketChange};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

mod cut;
#[allow(unused_imports)] // each test binary uses some of them
pub use cut::{bottom, boxed, boxes, status_bar};

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub const DAY: &str = "2026-03-04T09:00:00Z";
pub const EVENING: &str = "2026-03-04T16:30:00Z";

pub struct Ids {
    pub breached: helpdesk::domain::TicketId,
    pub at_risk: helpdesk::domain::TicketId,
    pub running: helpdesk::domain::TicketId,
    pub met: helpdesk::domain::TicketId,
    pub no_sla: helpdesk::domain::TicketId,
}

pub fn ticket(
    store: &mut Store,
    customer: &str,
    title: &str,
    kind: TicketKind,
    assignee: Option<&str>,
    received: &str,
) -> helpdesk::domain::TicketId {
    let c = store.customer_by_name(customer).unwrap().unwrap();
    let t = store
        .open_ticket(
            NewTicket {
                customer_id: c.id,
                title: title.into(),
                description: format!("{title}: details from the customer.\nSecond line."),
                kind,
                assignee: assignee.map(String::from),
                received_at: at(received),
            },
            at(received),
        )
        .unwrap();
    t.summary.id
}

/// Fills `store` (acting as alice) with the fixture.
pub fn fill(store: &mut Store) -> Ids {
    let since = YearMonth::new(2026, 1).unwrap();
    let t0 = at("2026-01-05T09:00:00Z");
    store.add_customer("Acme", "ops@acme.test", Tier::Vip, since, t0).unwrap();
    store.add_customer("Beta", "it@beta.test", Tier::Plus, since, t0).unwrap();
    store.add_customer("Gamma", "", Tier::Standard, since, t0).unwrap();
    store.add_customer("Delta", "", Tier::None, since, t0).unwrap();
    let breached = ticket(store, "Acme", "Server down", TicketKind::Incident, Some("alice"), "2026-03-03T08:00:00Z");
    let at_risk = ticket(store, "Acme", "Backup failing", TicketKind::Request, Some("bob"), "2026-03-03T13:10:00Z");
    let running = ticket(store, "Beta", "Printer jams", TicketKind::Request, None, "2026-03-04T07:30:00Z");
    let met = ticket(store, "Gamma", "Účetní export", TicketKind::Request, Some("alice"), "2026-03-02T09:00:00Z");
    store
        .record_first_response(&met, at("2026-03-02T10:00:00Z"), at("2026-03-03T15:00:00Z"), at("2026-03-02T10:00:00Z"))
        .unwrap();
    let no_sla = ticket(store, "Delta", "Install help", TicketKind::Consultation, Some("bob"), "2026-03-04T08:00:00Z");
    let closed = ticket(store, "Gamma", "Password reset", TicketKind::Request, None, "2026-03-02T08:00:00Z");
    store
        .record_first_response(
            &closed,
            at("2026-03-02T12:00:00Z"),
            at("2026-03-02T15:00:00Z"),
            at("2026-03-02T12:00:00Z"),
        )
        .unwrap();
    store.update_ticket(&closed, vec![TicketChange::Status(TicketStatus::Closed)], at("2026-03-02T13:00:00Z")).unwrap();
    let entry = |ticket: &helpdesk::domain::TicketId, started: &str, minutes: u32, who: &str| NewEntry {
        ticket_id: ticket.clone(),
        started_at: at(started),
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role: Role::Technician,
        technician: who.into(),
        note: "remote session".into(),
    };
    store.add_time_entry(entry(&breached, "2026-03-03T09:00:00Z", 45, "alice"), at("2026-03-03T10:00:00Z")).unwrap();
    store.add_time_entry(entry(&running, "2026-03-04T07:30:00Z", 90, "alice"), at("2026-03-04T08:50:00Z")).unwrap();
    store.start_timer(&at_risk, "bob", Role::Technician, at("2026-03-03T20:00:00Z")).unwrap();
    Ids { breached, at_risk, running, met, no_sla }
}

pub fn store() -> (Store, Ids) {
    let mut store = Store::open_in_memory("alice").unwrap();
    let ids = fill(&mut store);
    (store, ids)
}

pub fn app(store: &mut Store, now: &str) -> App {
    App::new(Settings::defaults(), store, at(now))
}

/// Adds to the fixture (not part of [`fill`]): Beta (PLUS, 60 prepaid minutes) works 2 h in January and
/// in February on a change request opened in January, so with March's 90 minutes it has overage three
/// months running (and 7 minutes in March, rounded up); February is then closed and 20 minutes more of February work are booked as a
/// correction in March. Returns the change ticket's id.
pub fn overage_three_months(store: &mut Store, settings: &Settings) -> helpdesk::domain::TicketId {
    let migration = ticket(store, "Beta", "Data migration", TicketKind::Change, Some("alice"), "2026-01-12T09:00:00Z");
    let entry = |started: &str, minutes: u32| NewEntry {
        ticket_id: migration.clone(),
        started_at: at(started),
        minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
        role: Role::Technician,
        technician: "alice".into(),
        note: "migration".into(),
    };
    store.add_time_entry(entry("2026-01-13T09:00:00Z", 120), at("2026-01-13T11:00:00Z")).unwrap();
    store.add_time_entry(entry("2026-02-10T09:00:00Z", 120), at("2026-02-10T11:00:00Z")).unwrap();
    store.add_time_entry(entry("2026-03-02T09:00:00Z", 7), at("2026-03-02T09:07:00Z")).unwrap();
    let feb = YearMonth::new(2026, 2).unwrap();
    helpdesk::statements::close_month(store, settings, feb, at(DAY)).unwrap();
    let t = store.ticket(&migration).unwrap().unwrap();
    helpdesk::statements::book_correction(store, settings, &t, Some(entry("2026-02-11T09:00:00Z", 20)), None, at(DAY))
        .unwrap();
    migration
}

/// Runs one action at the app's own clock.
pub fn act(app: &mut App, store: &mut Store, action: Action) {
    let now = app.now;
    app.update(action, store, now);
}

/// The screen at `w`×`h` with the default keys and colour theme.
pub fn drawn(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::color())).unwrap();
    t.backend().buffer().clone()
}

/// The whole screen at `w`×`h` with the default keys and colour theme, as text (trailing blanks cut).
pub fn shot(app: &App, w: u16, h: u16) -> String {
    let buf = drawn(app, w, h);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Adds to the fixture: Beta (PLUS, 60 prepaid minutes) works 165 h more in March 2026 (DAY's month) on a
/// change request, so its overage runs to three-digit hours and a six-figure amount: wider than the
/// overage column's usual width.
pub fn heavy_overage(store: &mut Store) {
    let ticket = ticket(store, "Beta", "Rollout", TicketKind::Change, Some("alice"), "2026-02-27T08:00:00Z");
    // Four technicians, 13 h 45 m a day each on March 1–3.
    for day in 1..=3 {
        for technician in ["alice", "bob", "carol", "dave"] {
            let started = at(&format!("2026-03-0{day}T00:00:00Z"));
            let entry = NewEntry {
                ticket_id: ticket.clone(),
                started_at: started,
                minutes: helpdesk::domain::Minutes::new(825).unwrap(),
                role: Role::Technician,
                technician: technician.into(),
                note: "rollout".into(),
            };
            store.add_time_entry(entry, started).unwrap();
        }
    }
}
