//! Importing comments by sync: many comments on one ticket (a long support thread typed offline) and the
//! same number spread over many tickets. Each touched ticket is re-indexed for search once per exchange,
//! so the import is linear in what arrives (it used to re-index the ticket, with all its comments, once
//! per comment: 600 comments on one ticket took 11 s).
//!
//! `cargo bench --bench sync_import` (optionally `-- COMMENTS`, default 2 000) prints the time of each
//! import and the time per comment; compare a count with twice that count: linear means twice the time.
//! Under `cargo test` (no `--bench` argument) it runs with 60 comments and checks instead of timing:
//! every comment arrived, and the search finds the ticket by a word of the last one.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use helpdesk::config::Settings;
use helpdesk::domain::{TicketKind, Tier, YearMonth};
use helpdesk::store::{NewTicket, Store};
use helpdesk::sync::{clone_copy, sync_files};

/// A team file with `tickets` tickets and a laptop copy of it that adds `comments` comments spread
/// round-robin over them; returns the time the sync that brings them to the team file took.
fn import(dir: &std::path::Path, tickets: usize, comments: usize, check: bool) -> std::time::Duration {
    let now: DateTime<Utc> = "2026-03-04T09:00:00Z".parse().unwrap();
    let (team_path, lap_path) = (dir.join(format!("team-{tickets}.db")), dir.join(format!("lap-{tickets}.db")));
    let mut team = Store::open(&team_path, "alice").unwrap();
    let c = team.add_customer("Acme", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now).unwrap();
    let ids: Vec<helpdesk::domain::TicketId> = (0..tickets)
        .map(|i| {
            let new = NewTicket {
                customer_id: c.id.clone(),
                title: format!("thread {i}"),
                description: String::new(),
                kind: TicketKind::Request,
                assignee: None,
                received_at: now,
            };
            team.open_ticket(new, now).unwrap().summary.id
        })
        .collect();
    clone_copy(&mut team, &lap_path, now).unwrap();
    let mut lap = Store::open(&lap_path, "bob").unwrap();
    for i in 0..comments {
        let at = now + Duration::seconds(i as i64);
        lap.add_comment(&ids[i % tickets], &format!("reply {i} about the printer queue zeta{i}"), at).unwrap();
    }
    let later = now + Duration::hours(2);
    let t = Instant::now();
    let report = sync_files(&mut team, &mut lap, &Settings::defaults(), later, &mut |_| {}).unwrap();
    let took = t.elapsed();
    if check {
        assert_eq!(report.received, comments, "every comment arrived");
        let all: usize = ids.iter().map(|id| team.comments(id).unwrap().len()).sum();
        assert_eq!(all, comments);
        let last = format!("zeta{}", comments - 1);
        let found = team.search_ticket_ids(&last, false, 10).unwrap();
        assert_eq!(found, [ids[(comments - 1) % tickets].clone()], "the search index has the last comment");
    }
    took
}

fn main() {
    // `cargo bench` passes `--bench` after our arguments; `cargo test` passes nothing.
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(if full { 2_000 } else { 60 });
    let dir = tempfile::tempdir().unwrap();
    for tickets in [1, n.div_ceil(10)] {
        let took = import(dir.path(), tickets, n, !full);
        println!(
            "{n} comments on {tickets} ticket(s) imported in {took:.1?} ({:.2?} a comment)",
            took / n.max(1) as u32
        );
    }
}
