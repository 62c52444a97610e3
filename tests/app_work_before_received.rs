//! The TUI's log-time form (`e`) and its correction form refuse work that starts on a day before the
//! ticket was received (bb6 #4), as the CLI does: the form stays open with the refusal, nothing written.

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::{Action, App};
use tui_fixture::{DAY, act, app, store};

fn set(app: &mut App, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.fields.iter_mut().find(|f| f.id == id).unwrap().input.set(text);
}

fn form_error(app: &App) -> String {
    app.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default()
}

#[test]
fn logging_time_a_year_before_the_ticket_was_received_is_refused_in_the_form() {
    // "Printer jams" was received 2026-03-04 07:30 UTC.
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    let before = s.time_entries(&ids.running).unwrap();
    act(&mut app, &mut s, Action::AddTime);
    set(&mut app, FieldId::Duration, "30");
    set(&mut app, FieldId::Started, "2025-03-04 08:00");
    act(&mut app, &mut s, Action::Save);
    assert!(form_error(&app).contains("cannot start on a day before the ticket was received"), "{}", form_error(&app));
    assert_eq!(s.time_entries(&ids.running).unwrap(), before, "nothing written");
    // The same day, earlier than the ticket came, is work on it.
    set(&mut app, FieldId::Started, "2026-03-04 07:00");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", form_error(&app));
    assert_eq!(s.time_entries(&ids.running).unwrap().len(), before.len() + 1);
}

#[test]
fn correcting_an_entrys_start_to_a_day_before_the_ticket_was_received_is_refused_in_the_form() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    app.detail.as_mut().unwrap().entry_selected = 0;
    let before = s.time_entries(&ids.running).unwrap();
    act(&mut app, &mut s, Action::CorrectTime);
    set(&mut app, FieldId::Started, "2026-03-03 10:00");
    act(&mut app, &mut s, Action::Save);
    assert!(form_error(&app).contains("cannot start on a day before the ticket was received"), "{}", form_error(&app));
    assert_eq!(s.time_entries(&ids.running).unwrap(), before, "nothing written");
}
