//! `c` — a comment on the ticket: the team's own note, or mailed to the customer.

use super::{Outcome, Submitted, TicketRef, fail, need_ticket, ticket_id};
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::app::{App, mail};
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App, store: &Store) -> Result<Form, String> {
    let TicketRef { id, number } = need_ticket(app)?;
    // A comment is the team's own note unless it is chosen to go to the customer.
    let mail = mail::mail_field(app, store, &id, false);
    Ok(Form::new(
        FormKind::Comment,
        t!("form-comment-title", number = number.as_str()),
        Some(id),
        vec![Field::text(F::Comment, "", t!("hint-lines-kept")).multiline(), mail],
    ))
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let ticket_id = ticket_id(form);
    if form.value(F::Mail) == mail::SEND {
        let text = form.value(F::Comment).to_string();
        if crate::domain::text::clean(&text, true).trim().is_empty() {
            form.set_error(F::Comment, t!("comment-needs-text"));
            return Err(());
        }
        return match mail::send(app, store, &ticket_id, crate::mail::outbox::Mailing::Comment { text: &text }) {
            Ok(said) => Ok(Outcome::Saved(t!("comment-added-mailed", mailed = said))),
            Err(e) => fail(form, e),
        };
    }
    match store.add_comment(&ticket_id, form.value(F::Comment), app.now) {
        Ok(_) => Ok(Outcome::Saved(t!("comment-added"))),
        Err(e) if e.is_bad_input() => {
            form.set_error(F::Comment, e.to_string());
            Err(())
        }
        Err(e) => fail(form, e.to_string()),
    }
}
