//! The terminal interface's customer pickers over two customers that read the same (bb7 #8: added on
//! two copies before they synced): the typed name is refused in place naming both with their ids, never
//! one picked; `id:…` picks each.

mod copies;
mod tui_fixture;

use copies::{Copies, t, ym};
use helpdesk::app::form::FieldId;
use helpdesk::app::input::InputKey;
use helpdesk::app::{Action, App};
use helpdesk::domain::Tier;
use helpdesk::store::Store;
use tui_fixture::{DAY, act, app};

fn typed(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(InputKey::Char(c)), store, app.now);
    }
}

/// The team file after copies 1 and 2 each added `Omega s.r.o.` (contacts `anna`, `bob`) and synced.
fn twins() -> Copies {
    let now = t("2026-03-02T09:00:00+01:00");
    let mut c = Copies::new(3, now, |_| {});
    for (i, who) in [(1, "anna"), (2, "bob")] {
        c.stores[i].add_customer("Omega s.r.o.", who, Tier::Standard, ym("2026-03"), now).unwrap();
    }
    c.settle(now);
    c
}

#[test]
fn the_customer_filter_refuses_a_name_two_customers_have_and_takes_either_by_id() {
    let mut c = twins();
    let s = &mut c.stores[0];
    let twins = s.customers_named("omega s.r.o.").unwrap();
    assert_eq!(twins.len(), 2);
    let ids: Vec<String> = twins.iter().map(|c| helpdesk::store::short_id(&c.id)).collect();
    let mut app = app(s, DAY);
    act(&mut app, s, Action::FilterCustomer);
    typed(&mut app, s, "omega");
    act(&mut app, s, Action::Submit);
    let form = app.form.as_ref().expect("the form stays open");
    let err = form.error_of(FieldId::Customer).unwrap().to_string();
    for (id, contact) in ids.iter().zip(twins.iter().map(|c| c.contact.as_str())) {
        assert!(err.contains(id.as_str()) && err.contains(contact), "{err}");
    }
    assert!(app.queue.customer.is_none(), "no customer picked");
    for (id, customer) in ids.iter().zip(&twins) {
        if app.form.is_none() {
            act(&mut app, s, Action::FilterCustomer);
        }
        act(&mut app, s, Action::Input(InputKey::ClearToStart));
        typed(&mut app, s, id);
        act(&mut app, s, Action::Submit);
        assert!(app.form.is_none(), "{id} picks one");
        assert_eq!(app.queue.customer.as_ref().map(|c| c.id.to_string()), Some(customer.id.to_string()));
    }
}
