//! `s` — the ticket's status.

use super::{Outcome, Submitted, TicketRef, need_ticket, save, ticket_id};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::TicketStatus;
use crate::i18n::words;
use crate::store::{Store, TicketChange};
use crate::t;

pub(super) fn build(app: &App) -> Result<Form, String> {
    let TicketRef { id, number } = need_ticket(app)?;
    let current = current_status(app, &id).map_or("open", |s| s.as_str());
    let all: Vec<(&str, String)> = TicketStatus::ALL.iter().map(|&s| (s.as_str(), words::status(s))).collect();
    Ok(Form::new(
        FormKind::Status,
        t!("form-status-title", number = number.as_str()),
        Some(id),
        vec![Field::choice(F::Status, &all, current)],
    ))
}

fn current_status(app: &App, id: &str) -> Option<TicketStatus> {
    match &app.detail {
        Some(d) if d.ticket.id == id => Some(d.ticket.status),
        _ => app.queue.items.iter().find(|i| i.ticket.id == id).map(|i| i.ticket.status),
    }
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let Ok(status) = form.value(F::Status).parse::<TicketStatus>() else {
        form.set_error(F::Status, t!("form-choose-status"));
        return Err(());
    };
    match save(store, form, &ticket_id(form), TicketChange::Status(status), app.now) {
        Ok(()) => Ok(Outcome::Saved(t!("status-set", status = words::status(status)))),
        Err(e) => super::conflict::refused(store, &app.settings, form, e),
    }
}
