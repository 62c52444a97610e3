//! bb8 #7: the statement's notes panel never cuts its list silently — when the adjustments and
//! corrections do not all fit, its last row says how many there are and which command lists them all.

mod tui_fixture;

use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::store::{NewEntry, Store};
use helpdesk::ui;
use tui_fixture::{DAY, act, app, at, shot, store};

fn beta_statement(s: &mut Store, corrections: usize) -> App {
    let settings = Settings::defaults();
    let migration = tui_fixture::overage_three_months(s, &settings);
    let t = s.ticket(&migration).unwrap().unwrap();
    for i in 0..corrections {
        let entry = NewEntry {
            ticket_id: migration.clone(),
            started_at: at(&format!("2026-02-{:02}T09:00:00Z", 12 + i)),
            minutes: helpdesk::domain::Minutes::new(20).unwrap(),
            role: helpdesk::domain::Role::Technician,
            technician: "alice".into(),
            note: String::new(),
        };
        helpdesk::statements::book_correction(s, &settings, &t, Some(entry), None, at(DAY)).unwrap();
    }
    let mut app = app(s, DAY);
    act(&mut app, s, Action::Resize { list_rows: ui::list_rows(24) });
    act(&mut app, s, Action::NextView);
    act(&mut app, s, Action::Top);
    while app.customers.selected_line().unwrap().customer.name != "Beta" {
        act(&mut app, s, Action::Down);
    }
    act(&mut app, s, Action::Statement);
    app
}

#[test]
fn notes_that_do_not_fit_end_with_how_many_and_where_they_are_listed() {
    let (mut s, _) = store();
    let app = beta_statement(&mut s, 6);
    let screen = shot(&app, 80, 24);
    // The notes panel's rows, right of the totals, joined: the marker may wrap.
    let notes: String = screen
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .map(|l| l.trim_end_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(notes.contains("… all 7: `helpdesk report customer \"Beta\" --month 2026-03`"), "{screen}");
    assert!(
        notes.starts_with("adjustment ") && notes.contains("correction of 2026-02"),
        "the first notes stay: {screen}"
    );
}

#[test]
fn notes_that_fit_are_shown_whole_without_the_marker() {
    let (mut s, _) = store();
    let app = beta_statement(&mut s, 0);
    let screen = shot(&app, 120, 40);
    assert!(!screen.contains("… all"), "{screen}");
    assert!(screen.contains("correction of 2026-02"), "{screen}");
}
