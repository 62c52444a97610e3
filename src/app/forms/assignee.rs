//! `a` — who the ticket is assigned to (empty: nobody).

use super::pick::pick_technician;
use super::{Outcome, Submitted, TicketRef, need_ticket, save, ticket_id};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::store::{Store, TicketChange};
use crate::t;

pub(super) fn build(app: &App) -> Result<Form, String> {
    let TicketRef { id, number } = need_ticket(app)?;
    let current = current_assignee(app, &id).unwrap_or_default();
    Ok(Form::new(
        FormKind::Assignee,
        t!("form-assign-title", number = number.as_str()),
        Some(id),
        vec![Field::text(F::Assignee, &current, t!("hint-assignee"))],
    ))
}

fn current_assignee(app: &App, id: &str) -> Option<String> {
    match &app.detail {
        Some(d) if d.ticket.id == id => d.ticket.assignee.clone(),
        _ => app.queue.items.iter().find(|i| i.ticket.id == id).and_then(|i| i.ticket.assignee.clone()),
    }
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let who = match pick_technician(app, store, form.value(F::Assignee)) {
        Ok(who) => who,
        Err(e) => {
            form.set_error(F::Assignee, e);
            return Err(());
        }
    };
    let msg = who.as_ref().map_or_else(|| t!("ticket-unassigned"), |w| t!("ticket-assigned", name = w.as_str()));
    match save(store, form, &ticket_id(form), TicketChange::Assignee(who), app.now) {
        Ok(()) => Ok(Outcome::Saved(msg)),
        Err(e) => super::conflict::refused(store, &app.settings, form, e),
    }
}
