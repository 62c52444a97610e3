//! `n` — a new ticket: customer, title, kind, assignee, description and when it came in.

use chrono::NaiveTime;

use super::pick::{find_customer, pick_technician};
use super::{Outcome, Submitted, fail, kind_choices};
use crate::app::form::{self, Field, FieldId as F, Form, FormKind, instant_hint, now_word};
use crate::app::{App, View};
use crate::domain::TicketKind;
use crate::store::{NewTicket, Store};
use crate::t;

pub(super) fn build(app: &App) -> Form {
    let customer = match app.view {
        View::Customers => app.customers.selected_line().map(|l| l.customer.name.clone()),
        _ => app.queue.customer.as_ref().map(|c| c.name.clone()),
    }
    .unwrap_or_default();
    Form::new(
        FormKind::NewTicket,
        t!("form-new-ticket-title"),
        None,
        vec![
            Field::text(F::Customer, &customer, t!("hint-customer-name")),
            Field::text(F::Title, "", t!("hint-one-line")),
            Field::choice(F::Kind, &kind_choices(), "request"),
            Field::text(F::Assignee, &app.me, t!("hint-empty-unassigned")),
            Field::text(F::Description, "", t!("hint-description")).multiline(),
            Field::text(F::Received, &now_word(), instant_hint()),
        ],
    )
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let now = app.now;
    let customer = match form.value(F::Customer).trim() {
        "" => {
            form.set_error(F::Customer, t!("form-customer-required"));
            None
        }
        name => match find_customer(store, name) {
            Ok(c) => Some(c),
            Err(e) => {
                form.set_error(F::Customer, e);
                None
            }
        },
    };
    let title = form.value(F::Title).trim().to_string();
    if title.is_empty() {
        form.set_error(F::Title, t!("form-title-required"));
    }
    let kind: Option<TicketKind> = form.value(F::Kind).parse().ok();
    let received = form::parse_instant(&app.settings.calendar, form.value(F::Received), now, NaiveTime::MIN)
        .map_err(|e| form.set_error(F::Received, e))
        .ok();
    if received.is_some_and(|r| !form::has_happened(r, now)) {
        form.set_error(F::Received, t!("form-not-in-future", field = t!("field-received")));
    }
    let (Some(c), Some(kind), Some(received_at), false) = (customer, kind, received, form.has_errors()) else {
        return Err(());
    };
    let assignee = match pick_technician(app, store, form.value(F::Assignee)) {
        Ok(a) => a,
        Err(e) => {
            form.set_error(F::Assignee, e);
            return Err(());
        }
    };
    let new = NewTicket {
        customer_id: c.id,
        title,
        description: form.value(F::Description).to_string(),
        kind,
        assignee,
        received_at,
    };
    match store.open_ticket(new, now) {
        Ok(t) => Ok(Outcome::Opened {
            said: t!("ticket-opened", number = t.number.as_str(), customer = t.customer_name.as_str()),
            ticket_id: t.summary.id,
        }),
        Err(e) => fail(form, e.to_string()),
    }
}
