//! The TUI side of a ticket resolved or closed without a first response (README "Decisions"): its
//! first-response clock stops when it was resolved or closed — the ticket view's SLA and the board's
//! compliance count it met (closed before the deadline) or breached (after), not breached forever.

mod tui_fixture;

use helpdesk::app::{Action, App, View};
use helpdesk::domain::sla::SlaState;
use helpdesk::domain::{TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::store::{NewTicket, Store, TicketChange};
use tui_fixture::{act, at};

/// VIP (4 business hours): two tickets received Monday 2 March 2026 08:00Z (09:00 Prague, due 13:00):
/// one resolved at 10:00 Prague, one closed at 15:00 Prague, neither answered.
fn store() -> (Store, [helpdesk::domain::TicketId; 2]) {
    let mut s = Store::open_in_memory("alice").unwrap();
    let t0 = at("2026-03-01T09:00:00Z");
    let acme = s.add_customer("Acme", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), t0).unwrap();
    let mut open = |title: &str| {
        let new = NewTicket {
            customer_id: acme.id.clone(),
            title: title.into(),
            description: String::new(),
            kind: TicketKind::Request,
            assignee: None,
            received_at: at("2026-03-02T08:00:00Z"),
        };
        s.open_ticket(new, at("2026-03-02T08:00:00Z")).unwrap().id.clone()
    };
    let (early, late) = (open("early"), open("late"));
    s.update_ticket(&early, vec![TicketChange::Status(TicketStatus::Resolved)], at("2026-03-02T09:00:00Z")).unwrap();
    s.update_ticket(&late, vec![TicketChange::Status(TicketStatus::Closed)], at("2026-03-02T14:00:00Z")).unwrap();
    (s, [early, late])
}

fn app(s: &mut Store) -> App {
    App::new(helpdesk::config::Settings::defaults(), s, at("2026-03-20T10:00:00Z"))
}

#[test]
fn the_ticket_view_shows_the_clock_stopped_when_it_was_resolved_or_closed() {
    let (mut s, [early, late]) = store();
    let mut a = app(&mut s);
    a.open_ticket(&early, &mut s);
    let sla = a.detail.as_ref().unwrap().sla.clone();
    assert_eq!((sla.state, sla.left.num_minutes()), (SlaState::Met, 180));
    a.open_ticket(&late, &mut s);
    let sla = a.detail.as_ref().unwrap().sla.clone();
    assert_eq!((sla.state, sla.left.num_minutes()), (SlaState::Breached, -120));
    let shown = tui_fixture::shot(&a, 100, 30);
    assert!(shown.contains("breached: resolved without a response 2h after the deadline"), "{shown}");
}

#[test]
fn the_boards_compliance_counts_them_met_or_breached_when_they_were_closed() {
    let (mut s, _) = store();
    let mut a = app(&mut s);
    act(&mut a, &mut s, Action::NextView);
    act(&mut a, &mut s, Action::NextView);
    assert_eq!(a.view, View::Board);
    let vip = a.board.compliance.this_month.iter().find(|c| c.tier == Tier::Vip).unwrap().clone();
    assert_eq!((vip.met, vip.due), (1, 2));
}
