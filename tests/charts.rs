//! The two charts: SLA compliance per tier over the last twelve months on the board, and a customer's
//! prepaid minutes per month against the prepaid line on their statement — what the app computes
//! (actions on a fixture store) and what is drawn (small snapshots of the chart at 120×40, NO_COLOR).

use chrono::{DateTime, Utc};
use helpdesk::app::compliance::MonthCompliance;
use helpdesk::app::{Action, App, View};
use helpdesk::config::Settings;
use helpdesk::domain::{Role, TicketKind, Tier, YearMonth};
use helpdesk::keymap::Keymap;
use helpdesk::store::{NewEntry, NewTicket, Store};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Wednesday 4 March 2026, 10:00 Prague.
const NOW: &str = "2026-03-04T09:00:00Z";

fn month(s: &str) -> YearMonth {
    s.parse().unwrap()
}

fn ticket(store: &mut Store, customer: &str, received: &str, kind: TicketKind) -> helpdesk::domain::TicketId {
    let c = store.customer_by_name(customer).unwrap().unwrap();
    let new = NewTicket {
        customer_id: c.id,
        title: "Something".into(),
        description: String::new(),
        kind,
        assignee: None,
        received_at: at(received),
    };
    store.open_ticket(new, at(received)).unwrap().summary.id
}

fn respond(store: &mut Store, id: &helpdesk::domain::TicketId, when: &str) {
    store.record_first_response(id, at(when), at(when) + chrono::Duration::days(3), at(when)).unwrap();
}

/// Customers on each tier since April 2025, and tickets whose outcomes fall in past months:
/// VIP met in October, VIP answered late in November (decided when answered), STANDARD met in December,
/// PLUS unanswered past its deadline (Wednesday 4 February) — decided in February. Returns the PLUS
/// ticket's id.
fn fixture(store: &mut Store) -> helpdesk::domain::TicketId {
    let since = month("2025-04");
    let t0 = at("2025-04-01T08:00:00Z");
    store.add_customer("Acme", "", Tier::Vip, since, t0).unwrap();
    store.add_customer("Beta", "", Tier::Plus, since, t0).unwrap();
    store.add_customer("Gamma", "", Tier::Standard, since, t0).unwrap();
    // Monday 6 October 10:00 Prague, due 14:00; answered at 11:00.
    let met = ticket(store, "Acme", "2025-10-06T08:00:00Z", TicketKind::Request);
    respond(store, &met, "2025-10-06T09:00:00Z");
    // Monday 3 November 09:00 Prague, due 13:00; answered two days later.
    let late = ticket(store, "Acme", "2025-11-03T08:00:00Z", TicketKind::Incident);
    respond(store, &late, "2025-11-05T09:00:00Z");
    let standard = ticket(store, "Gamma", "2025-12-01T08:00:00Z", TicketKind::Request);
    respond(store, &standard, "2025-12-01T10:00:00Z");
    // Friday 30 January 09:00 Prague: 24 business hours end Wednesday 4 February 09:00.
    ticket(store, "Beta", "2026-01-30T08:00:00Z", TicketKind::Request)
}

fn board(store: &mut Store) -> App {
    let mut app = App::new(Settings::defaults(), store, at(NOW));
    let now = app.now;
    app.update(Action::NextView, store, now);
    app.update(Action::NextView, store, now);
    assert_eq!(app.view, View::Board);
    app
}

/// (met, due) of `tier` in `m`.
fn counts(history: &[MonthCompliance], m: &str, tier: Tier) -> (usize, usize) {
    let month = history.iter().find(|h| h.month == self::month(m)).unwrap_or_else(|| panic!("{m} is not charted"));
    let c = month.tiers.iter().find(|c| c.tier == tier).unwrap();
    (c.met, c.due)
}

#[test]
fn board_compliance_has_twelve_months_each_counted_in_the_month_its_outcome_was_decided() {
    let mut s = Store::open_in_memory("lead").unwrap();
    fixture(&mut s);
    let app = board(&mut s);
    let h = &app.board.compliance.history;
    let months: Vec<String> = h.iter().map(|m| m.month.to_string()).collect();
    assert_eq!(months.first().map(String::as_str), Some("2025-04"));
    assert_eq!(months.last().map(String::as_str), Some("2026-03"));
    assert_eq!(h.len(), 12);
    assert_eq!(counts(h, "2025-10", Tier::Vip), (1, 1), "met in October");
    assert_eq!(counts(h, "2025-11", Tier::Vip), (0, 1), "answered late in November");
    assert_eq!(counts(h, "2025-12", Tier::Standard), (1, 1));
    assert_eq!(counts(h, "2026-02", Tier::Plus), (0, 1), "unanswered: decided when its deadline passed");
    assert_eq!(counts(h, "2026-01", Tier::Plus), (0, 0));
    let total: usize = h.iter().flat_map(|m| m.tiers.iter().map(|c| c.due)).sum();
    assert_eq!(total, 4, "nothing else is counted");
    assert_eq!(h.last().unwrap().tiers, app.board.compliance.this_month, "this month is the chart's last");
}

#[test]
fn past_months_are_read_once_per_session_and_the_current_window_again_after_every_change() {
    let mut s = Store::open_in_memory("lead").unwrap();
    let plus = fixture(&mut s);
    let mut app = board(&mut s);
    // Answered now, late: decided in March instead of February.
    respond(&mut s, &plus, "2026-03-04T08:00:00Z");
    // A ticket received before the window (15 January), met in December, arriving now (as from a sync).
    let old = ticket(&mut s, "Acme", "2025-12-01T08:00:00Z", TicketKind::Request);
    respond(&mut s, &old, "2025-12-01T09:00:00Z");
    app.reload(&mut s);
    let h = &app.board.compliance.history;
    assert_eq!(counts(h, "2026-02", Tier::Plus), (0, 0));
    assert_eq!(counts(h, "2026-03", Tier::Plus), (0, 1));
    assert_eq!(counts(h, "2025-12", Tier::Vip), (0, 0), "months before the window are not read again");
    // The next session reads them.
    let app = board(&mut s);
    assert_eq!(counts(&app.board.compliance.history, "2025-12", Tier::Vip), (1, 1));
}

#[test]
fn when_a_new_month_begins_the_month_that_ended_joins_the_past_months() {
    let mut s = Store::open_in_memory("lead").unwrap();
    let plus = fixture(&mut s);
    // Answered on the last day of March (late): decided in March.
    respond(&mut s, &plus, "2026-03-31T12:00:00Z");
    let mut app = App::new(Settings::defaults(), &mut s, at("2026-03-31T21:00:00Z"));
    let now = app.now;
    app.update(Action::NextView, &mut s, now);
    app.update(Action::NextView, &mut s, now);
    assert_eq!(counts(&app.board.compliance.history, "2026-03", Tier::Plus), (0, 1));
    // 00:30 on 1 April in Prague.
    let april = at("2026-03-31T22:30:00Z");
    app.update(Action::Tick, &mut s, april);
    assert!(app.has_background_work(), "the facts are read again");
    app.update(Action::Background, &mut s, april);
    let h = &app.board.compliance.history;
    assert_eq!((h[0].month, h[11].month), (month("2025-05"), month("2026-04")));
    assert_eq!(counts(h, "2026-03", Tier::Plus), (0, 1), "March, now a past month, keeps its count");
    assert_eq!(counts(h, "2025-10", Tier::Vip), (1, 1));
}

#[test]
fn a_statement_charts_twelve_months_of_prepaid_minutes_as_the_month_statements_bill_them() {
    let mut s = Store::open_in_memory("lead").unwrap();
    fixture(&mut s);
    let beta = s.customer_by_name("Beta").unwrap().unwrap();
    let work = ticket(&mut s, "Beta", "2026-01-12T09:00:00Z", TicketKind::Request);
    for (started, minutes) in [("2026-01-13T09:00:00Z", 50), ("2026-02-10T09:00:00Z", 70), ("2026-02-11T09:00:00Z", 7)]
    {
        let entry = NewEntry {
            ticket_id: work.clone(),
            started_at: at(started),
            minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
            role: Role::Technician,
            technician: "alice".into(),
            note: String::new(),
        };
        s.add_time_entry(entry, at(started)).unwrap();
    }
    let mut app = App::new(Settings::defaults(), &mut s, at(NOW));
    let now = app.now;
    app.update(Action::NextView, &mut s, now);
    let row = app.customers.lines.iter().position(|l| l.customer.id == beta.id).unwrap();
    app.update(Action::Top, &mut s, now);
    for _ in 0..row {
        app.update(Action::Down, &mut s, now);
    }
    app.update(Action::Statement, &mut s, now);
    app.update(Action::PrevMonth, &mut s, now);
    let st = app.statement.as_ref().expect("the statement is open");
    assert_eq!(st.month, month("2026-02"));
    let p = &st.prepaid;
    assert_eq!(p.len(), 12);
    assert_eq!((p[0].month, p[11].month), (month("2025-03"), month("2026-02")));
    // March 2025: before the contract, no prepaid minutes. January: 50 minutes → 60 (started blocks).
    // February: 70 → 75 and 7 → 15 on the same ticket and month: 77 → 90, 30 beyond 60.
    assert_eq!((p[0].prepaid, p[0].used, p[0].overage), (0, 0, 0));
    assert_eq!((p[10].prepaid, p[10].used, p[10].overage), (60, 60, 0));
    assert_eq!((p[11].prepaid, p[11].used, p[11].overage), (60, 60, 30));
    let settings = Settings::defaults();
    for m in p {
        let statement = helpdesk::statements::statement(&s, &settings, &beta, m.month).unwrap();
        assert_eq!(
            (m.prepaid, m.used, m.overage),
            (statement.prepaid_minutes, statement.prepaid_used_minutes, statement.overage_minutes),
            "{} as its statement",
            m.month
        );
    }
}

fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::mono())).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>()).collect()
}

/// The box whose top border holds `title`: `height` rows from there, from its left corner on.
fn boxed(lines: &[String], title: &str, height: usize) -> String {
    let (y, line) = lines.iter().enumerate().find(|(_, l)| l.contains(title)).unwrap_or_else(|| {
        panic!("`{title}` not on screen:\n{}", lines.join("\n"));
    });
    let before: Vec<char> = line[..line.find(title).unwrap()].chars().collect();
    let left = before.iter().rposition(|&c| c == '┌').expect("a box around the title");
    lines[y..y + height].iter().map(|l| format!("{}\n", l.chars().skip(left).collect::<String>().trim_end())).collect()
}

#[test]
fn board_at_120x40_charts_compliance_per_tier_with_markers_that_read_without_colour() {
    let mut s = Store::open_in_memory("lead").unwrap();
    fixture(&mut s);
    let mut app = board(&mut s);
    let now = app.now;
    app.update(Action::Resize { list_rows: ui::list_rows(40) }, &mut s, now);
    let lines = screen(&app, 120, 40);
    insta::assert_snapshot!("chart_board_compliance_12_months", boxed(&lines, "SLA compliance, last 12 months", 13));
}

#[test]
fn board_at_24_rows_has_no_room_for_the_chart_and_shows_this_months_compliance_as_text() {
    let mut s = Store::open_in_memory("lead").unwrap();
    fixture(&mut s);
    let app = board(&mut s);
    // 90 columns is the narrowest the interface draws at (80×24 says the terminal is too small).
    let lines = screen(&app, 90, 24);
    let all = lines.join("\n");
    assert!(!all.contains("last 12 months"), "{all}");
    assert!(all.contains("SLA compliance this month"), "{all}");
}

#[test]
fn statement_at_120x40_charts_prepaid_minutes_per_month_against_the_prepaid_line() {
    let mut s = Store::open_in_memory("lead").unwrap();
    fixture(&mut s);
    let work = ticket(&mut s, "Beta", "2025-11-03T09:00:00Z", TicketKind::Request);
    for (started, minutes) in [
        ("2025-11-04T09:00:00Z", 45),
        ("2025-12-02T09:00:00Z", 60),
        ("2026-01-13T09:00:00Z", 95),
        ("2026-03-02T09:00:00Z", 30),
    ] {
        let entry = NewEntry {
            ticket_id: work.clone(),
            started_at: at(started),
            minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
            role: Role::Technician,
            technician: "alice".into(),
            note: String::new(),
        };
        s.add_time_entry(entry, at(started)).unwrap();
    }
    let mut app = App::new(Settings::defaults(), &mut s, at(NOW));
    let now = app.now;
    app.update(Action::Resize { list_rows: ui::list_rows(40) }, &mut s, now);
    app.update(Action::NextView, &mut s, now);
    let row = app.customers.lines.iter().position(|l| l.customer.name == "Beta").unwrap();
    for _ in 0..row {
        app.update(Action::Down, &mut s, now);
    }
    app.update(Action::Statement, &mut s, now);
    let lines = screen(&app, 120, 40);
    insta::assert_snapshot!(
        "chart_statement_prepaid_12_months",
        boxed(&lines, "Prepaid minutes, 12 months to 2026-03", 11)
    );
}
