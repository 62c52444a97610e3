//! Length limits in the terminal interface (bb5 #12): a title, name or comment longer than its field
//! allows (`domain::length`) is marked in the form, the status bar names the field, the limit and the
//! length typed, the form stays open with the text, and nothing is written. Driven by actions against
//! the fixture store; no terminal.

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::{Action, App};
use helpdesk::store::Store;
use tui_fixture::{DAY, act, app, store};

fn set(app: &mut App, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.fields.iter_mut().find(|f| f.id == id).unwrap_or_else(|| panic!("no field {id:?}")).input.set(text);
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn history_len(s: &Store, id: &helpdesk::domain::TicketId) -> usize {
    s.history(id).unwrap().len()
}

#[test]
fn an_over_long_title_in_the_edit_form_is_refused_and_the_form_kept() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    let before = history_len(&s, &ids.running);
    act(&mut app, &mut s, Action::EditTicket);
    let long = "T".repeat(10_000);
    set(&mut app, FieldId::Title, &long);
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "Title: at most 200 characters (you gave 10000): shorten it");
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.value(FieldId::Title), long, "the text typed is kept");
    assert_eq!(history_len(&s, &ids.running), before);
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().title, "Printer jams");
}

#[test]
fn an_over_long_customer_name_and_comment_are_refused_too() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    let customers = s.customers_matching("", 1000).unwrap().len();
    act(&mut app, &mut s, Action::NewCustomer);
    set(&mut app, FieldId::Name, &"N".repeat(201));
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "Name: at most 200 characters (you gave 201): shorten it");
    assert!(app.form.is_some());
    assert_eq!(s.customers_matching("", 1000).unwrap().len(), customers);
    app.form = None;

    app.open_ticket(&ids.running, &mut s);
    let before = history_len(&s, &ids.running);
    act(&mut app, &mut s, Action::Comment);
    set(&mut app, FieldId::Comment, &"line\n".repeat(20_000));
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "Comment: at most 65536 characters (you gave 99999): shorten it");
    assert!(app.form.is_some());
    assert_eq!(history_len(&s, &ids.running), before);
}
