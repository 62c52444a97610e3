//! bb6 #4 in the TUI: an entry logged (`e`) or corrected (`E`) to start on a day before its ticket was
//! received is booked, and the status bar says so with both days (as the CLI's `time add` notes it).

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::{Action, App};
use helpdesk::store::Store;
use tui_fixture::{DAY, act, app, store};

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn set(app: &mut App, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.fields.iter_mut().find(|f| f.id == id).unwrap().input.set(text);
}

fn ticket_received_february_16(s: &mut Store) -> helpdesk::domain::TicketId {
    tui_fixture::ticket(s, "Beta", "Phone call", helpdesk::domain::TicketKind::Request, None, "2026-02-16T08:00:00Z")
}

fn log(app: &mut App, s: &mut Store, started: &str) {
    act(app, s, Action::AddTime);
    set(app, FieldId::Duration, "30");
    set(app, FieldId::Started, started);
    act(app, s, Action::Save);
}

#[test]
fn an_entry_starting_a_day_before_the_ticket_was_received_is_booked_with_a_note() {
    let (mut s, _) = store();
    let t = ticket_received_february_16(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&t, &mut s);
    log(&mut app, &mut s, "2025-02-16 10:00");
    assert!(app.form.is_none(), "booked: {}", message(&app));
    assert_eq!(s.time_entries(&t).unwrap().len(), 1);
    let msg = message(&app);
    assert!(msg.contains("logged 30m"), "{msg}");
    assert!(msg.contains("2025-02-16 10:00"), "names the entry's start: {msg}");
    assert!(msg.contains("2026-02-16 09:00"), "names when the ticket was received: {msg}");
    assert!(msg.contains("correct the entry with E"), "{msg}");
}

#[test]
fn an_entry_on_the_day_received_or_later_has_no_note() {
    let (mut s, _) = store();
    let t = ticket_received_february_16(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&t, &mut s);
    // Earlier on the same day: a call worked before the ticket was typed.
    log(&mut app, &mut s, "2026-02-16 07:30");
    assert!(app.form.is_none(), "{}", message(&app));
    assert_eq!(message(&app), "logged 30m");
}

#[test]
fn a_correction_moving_the_start_a_day_earlier_gets_the_note() {
    let (mut s, _) = store();
    let t = ticket_received_february_16(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&t, &mut s);
    log(&mut app, &mut s, "2026-02-16 10:00");
    act(&mut app, &mut s, Action::CorrectTime);
    set(&mut app, FieldId::Started, "2026-02-15 10:00");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", message(&app));
    let msg = message(&app);
    assert!(msg.starts_with("entry corrected to 30m"), "{msg}");
    assert!(msg.contains("2026-02-15 10:00"), "{msg}");
}
