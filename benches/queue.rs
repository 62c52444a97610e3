//! The queue with a large open set: loading it (the reload after every commit), a tick (every second:
//! states re-derived from cached deadlines, re-sorted), and drawing one 120×40 frame of it.
//!
//! `cargo bench --bench queue` (optionally `-- OPEN` for the number of open tickets, default 5 000; as
//! many closed ones are added). The claims it checks: a reload well under 100 ms, a tick and a frame
//! well under 10 ms, so the interface stays responsive with thousands of open tickets.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
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

fn main() {
    let open: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(5_000);
    let now: DateTime<Utc> = "2026-03-04T09:00:00Z".parse().unwrap();
    let start = now - chrono::Duration::days(60);
    let mut store = Store::open_in_memory("alice").unwrap();
    let tiers = [Tier::Standard, Tier::Plus, Tier::Vip, Tier::None];
    let since = YearMonth::new(2026, 1).unwrap();
    let customers: Vec<String> = (0..200)
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
    let mut ticks = Vec::new();
    for i in 1..=20 {
        let t = Instant::now();
        app.update(Action::Tick, &mut store, now + chrono::Duration::seconds(i));
        ticks.push(t.elapsed());
    }
    app.update(Action::Resize { list_rows: ui::list_rows(40) }, &mut store, now);
    app.update(Action::PageDown, &mut store, now);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keymap = Keymap::default();
    let theme = Theme::color();
    let mut frames = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        terminal.draw(|f| ui::draw(f, &app, &keymap, &theme)).unwrap();
        frames.push(t.elapsed());
    }
    println!("open tickets in the queue: {}", app.queue.items.len());
    println!("first load (cold deadline cache): {cold:.1?}");
    println!("reload after a commit (median of 9): {:.1?}", median(loads));
    println!("tick (median of 20): {:.1?}", median(ticks));
    println!("draw one 120x40 frame (median of 20): {:.1?}", median(frames));
}
