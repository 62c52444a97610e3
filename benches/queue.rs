//! The queue with a large open set: loading it (the reload after every commit), a tick (every second:
//! states re-derived from cached deadlines, re-sorted), and drawing one 120×40 frame of it.
//!
//! `cargo bench --bench queue` (optionally `-- OPEN` for the number of open tickets, default 5 000; as
//! many closed ones are added). The claims it checks: a reload well under 100 ms, a tick and a frame
//! well under 10 ms, so the interface stays responsive with thousands of open tickets.
//!
//! Under `cargo test` (no `--bench` argument) it runs with 200 open tickets and checks instead of
//! timing: the queue holds exactly the open tickets, each once, most urgent first after every tick,
//! and a frame is drawn.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use helpdesk::app::queue::Item;
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::sla::SlaState;
use helpdesk::domain::{TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::keymap::Keymap;
use helpdesk::store::{NewTicket, Store, TicketChange};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The queue's order, restated: breached, at risk, running, paused (by deadline), met (by promised
/// resolution), no SLA; then by receipt.
fn urgency(item: &Item) -> (u8, i64, i64) {
    let t = &item.ticket;
    let (rank, at) = match item.sla.state {
        SlaState::Breached => (0, item.sla.deadline),
        SlaState::AtRisk => (1, item.sla.deadline),
        SlaState::Running => (2, item.sla.deadline),
        SlaState::Paused => (3, item.sla.deadline),
        SlaState::Met => (4, t.resolve_by),
        SlaState::NoSla => (5, None),
    };
    (rank, at.unwrap_or(t.received_at).timestamp(), t.received_at.timestamp())
}

/// Correctness at a small size (`cargo test`): what the queue holds after a load and after ticks.
fn check(app: &App, open: usize, now: DateTime<Utc>) {
    let items = &app.queue.items;
    assert_eq!(items.len(), open, "the queue holds every open ticket");
    let ids: std::collections::HashSet<&str> = items.iter().map(|i| i.ticket.id.as_str()).collect();
    assert_eq!(ids.len(), open, "each open ticket once");
    assert_eq!(app.queue.visible.len(), open, "no filter: all visible");
    for pair in items.windows(2) {
        assert!(
            urgency(&pair[0]) <= urgency(&pair[1]),
            "most urgent first at {now}: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
    for i in items {
        assert_ne!(i.ticket.status, TicketStatus::Closed, "a closed ticket in the queue: {:?}", i.ticket);
        if i.sla.state == SlaState::Breached {
            assert!(i.sla.deadline.is_some_and(|d| d <= now), "breached before its deadline at {now}: {i:?}");
        }
    }
    let states: std::collections::HashSet<SlaState> = items.iter().map(|i| i.sla.state).collect();
    assert!(states.len() > 1, "tickets received over 60 days are not all in one state: {states:?}");
}

fn main() {
    // `cargo bench` passes `--bench` after our arguments; `cargo test` passes nothing.
    let full = std::env::args().any(|a| a == "--bench");
    let open: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(if full { 5_000 } else { 200 });
    let now: DateTime<Utc> = "2026-03-04T09:00:00Z".parse().unwrap();
    let start = now - chrono::Duration::days(60);
    let mut store = Store::open_in_memory("alice").unwrap();
    let tiers = [Tier::Standard, Tier::Plus, Tier::Vip, Tier::None];
    let since = YearMonth::new(2026, 1).unwrap();
    let customers: Vec<helpdesk::domain::CustomerId> = (0..200)
        .map(|i| store.add_customer(&format!("Customer {i:03}"), "", tiers[i % 4], since, start).unwrap().id)
        .collect();
    let built = Instant::now();
    let step = (60 * 24 * 3600) / (2 * open as i64);
    for i in 0..2 * open {
        let t = store
            .open_ticket(
                NewTicket {
                    customer_id: customers[i % customers.len()].clone(),
                    title: format!("Ticket {i} with a realistic, fairly long title"),
                    description: String::new(),
                    kind: TicketKind::Request,
                    assignee: Some(["alice", "bob", "carol"][i % 3].to_string()),
                    received_at: start + chrono::Duration::seconds(i as i64 * step),
                },
                now,
            )
            .unwrap();
        if i % 2 == 1 {
            store.update_ticket(&t.id, vec![TicketChange::Status(TicketStatus::Closed)], now).unwrap();
        }
    }
    println!("built {} tickets ({open} open) in {:.1?}", 2 * open, built.elapsed());

    let settings = Settings::defaults();
    let mut loads = Vec::new();
    let mut app = App::new(settings.clone(), &mut store, now);
    for _ in 0..9 {
        let t = Instant::now();
        app.reload(&mut store);
        loads.push(t.elapsed());
    }
    let first = Instant::now();
    let _ = App::new(settings, &mut store, now);
    let cold = first.elapsed();
    if !full {
        check(&app, open, now);
    }
    let mut ticks = Vec::new();
    for i in 1..=20 {
        let t = Instant::now();
        app.update(Action::Tick, &mut store, now + chrono::Duration::seconds(i));
        ticks.push(t.elapsed());
    }
    if !full {
        // A day later (many deadlines passed since): the states and the order follow.
        let later = now + chrono::Duration::days(1);
        app.update(Action::Tick, &mut store, later);
        check(&app, open, later);
    }
    app.update(Action::Resize { list_rows: ui::list_rows(40) }, &mut store, now);
    app.update(Action::PageDown, &mut store, now);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keymap = Keymap::default();
    let theme = Theme::color();
    let mut frames = Vec::new();
    for n in 0..20 {
        let t = Instant::now();
        let count = terminal.draw(|f| ui::draw(f, &app, &keymap, &theme)).unwrap().count;
        frames.push(t.elapsed());
        assert_eq!(count, n, "a frame was drawn");
    }
    println!("open tickets in the queue: {}", app.queue.items.len());
    println!("first load (cold deadline cache): {cold:.1?}");
    println!("reload after a commit (median of 9): {:.1?}", median(loads));
    println!("tick (median of 20): {:.1?}", median(ticks));
    println!("draw one 120x40 frame (median of 20): {:.1?}", median(frames));
}
