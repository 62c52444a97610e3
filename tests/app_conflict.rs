//! Finding #3: a save refused because someone else changed a field since the form opened can be
//! saved again from the same form (the form is rebased on the stored ticket: the second save is a
//! deliberate overwrite), in every form with the optimistic check: `s` status, `a` assignee, `u` edit.

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::{Action, App};
use helpdesk::domain::TicketStatus;
use helpdesk::store::{Store, TicketChange};
use tui_fixture::{DAY, act, app, at, store};

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// Another technician changes the ticket (the app has not reloaded yet).
fn meanwhile(s: &mut Store, id: &helpdesk::domain::TicketId, change: TicketChange) {
    s.update_ticket(id, vec![change], at(DAY)).unwrap();
}

fn set(app: &mut App, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.fields.iter_mut().find(|f| f.id == id).unwrap().input.set(text);
}

#[test]
fn a_refused_status_saves_on_the_second_try() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::SetStatus);
    meanwhile(&mut s, &ids.running, TicketChange::Status(TicketStatus::Waiting));
    set(&mut app, FieldId::Status, "resolved");
    act(&mut app, &mut s, Action::Submit);
    let msg = message(&app);
    assert!(msg.contains("someone else changed its status to `waiting`"), "{msg}");
    assert!(msg.contains("save again to overwrite theirs"), "{msg}");
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().status, TicketStatus::Waiting, "nothing saved yet");
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Status), "resolved", "the choice is kept");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{}", message(&app));
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().status, TicketStatus::Resolved);
}

#[test]
fn a_refused_assignee_saves_on_the_second_try() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::Assign);
    meanwhile(&mut s, &ids.running, TicketChange::Assignee(Some("bob".into())));
    set(&mut app, FieldId::Assignee, "alice");
    act(&mut app, &mut s, Action::Submit);
    assert!(message(&app).contains("someone else changed its assignee to `bob`"), "{}", message(&app));
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{}", message(&app));
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().assignee.as_deref(), Some("alice"));
}

#[test]
fn a_refused_edit_keeps_what_was_typed_takes_their_other_fields_and_saves_on_the_second_try() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    meanwhile(&mut s, &ids.running, TicketChange::Title("Petr's title".into()));
    meanwhile(&mut s, &ids.running, TicketChange::Description("Petr's description".into()));
    set(&mut app, FieldId::Title, "My title");
    act(&mut app, &mut s, Action::Save);
    let msg = message(&app);
    assert!(msg.contains("someone else changed its title to `Petr's title`"), "{msg}");
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.value(FieldId::Title), "My title", "what I typed is kept");
    assert_eq!(form.value(FieldId::Description), "Petr's description", "a field I did not touch shows theirs");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", message(&app));
    let t = s.ticket(&ids.running).unwrap().unwrap();
    assert_eq!((t.title.as_str(), t.description.as_str()), ("My title", "Petr's description"));
}

#[test]
fn a_third_change_after_the_refusal_is_refused_again() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    meanwhile(&mut s, &ids.running, TicketChange::Title("Petr's title".into()));
    set(&mut app, FieldId::Title, "My title");
    act(&mut app, &mut s, Action::Save);
    meanwhile(&mut s, &ids.running, TicketChange::Title("Jana's title".into()));
    act(&mut app, &mut s, Action::Save);
    assert!(message(&app).contains("to `Jana's title`"), "{}", message(&app));
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().title, "Jana's title");
}
