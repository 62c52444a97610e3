//! A save refused because someone else changed a field since the form opened (the optimistic check of
//! `Store::update_ticket_checked`: the `s` status, `a` assignee and `u` edit forms).
//!
//! Decision (black-box finding #3): refusing once is right — the user has not seen the other value —
//! but the form must not keep comparing with the value it opened with, or "save again" is refused for
//! ever. After the refusal the form is *rebased* on the ticket as it is now: what the user typed or
//! chose is kept, fields the user did not touch take the other person's values (else the next save
//! would put the old ones back), and the message names what they set and says that saving again
//! overwrites it with the form's value (Esc keeps theirs). A third person's change after that is
//! refused again the same way.

use super::{Submitted, fail};
use crate::app::form::{FieldId as F, Form, format_resolve_by};
use crate::config::Settings;
use crate::store::{Store, StoreError, TicketRow};
use crate::t;

/// Shows `e` on the form; when it is an edit conflict, rebases the form on the ticket as stored now
/// (see the module's comment). Always `Err(())`: nothing was saved.
pub(super) fn refused(store: &Store, settings: &Settings, form: &mut Form, e: StoreError) -> Submitted {
    let StoreError::Conflict { .. } = &e else { return fail(form, e.to_string()) };
    let Some(old) = form.loaded.clone() else { return fail(form, e.to_string()) };
    let Ok(Some(now)) = store.ticket(&old.id) else { return fail(form, e.to_string()) };
    let was = values(settings, &old);
    let is = values(settings, &now);
    for ((id, was), (_, is)) in was.iter().zip(&is) {
        if form.field(*id).is_some_and(|f| f.value() == was) {
            form.set_value(*id, is);
        }
    }
    form.loaded = Some(now);
    fail(form, t!("form-conflict-rebased", refusal = e.to_string()))
}

/// What each ticket field of these forms holds for `t`, as the forms prefill it.
fn values(settings: &Settings, t: &TicketRow) -> [(F, String); 7] {
    [
        (F::Title, t.title.clone()),
        (F::Kind, t.kind.as_str().to_string()),
        (F::Customer, t.customer_name.clone()),
        (F::ResolveBy, t.resolve_by.map(|by| format_resolve_by(&settings.calendar, by)).unwrap_or_default()),
        (F::Description, t.description.clone()),
        (F::Status, t.status.as_str().to_string()),
        (F::Assignee, t.assignee.clone().unwrap_or_default()),
    ]
}
