//! `r` — the first response: when it was given and the promised resolution date, mailed to the
//! customer when there is someone to mail.

use chrono::NaiveTime;

use super::{Outcome, Submitted, TicketRef, fail, need_ticket, ticket_id};
use crate::app::form::{self, Field, FieldId as F, Form, FormKind, date_hint, instant_hint, now_word};
use crate::app::{App, detail, mail};
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App, store: &Store) -> Result<Form, String> {
    let TicketRef { id, number } = need_ticket(app)?;
    if let Some(d) = app.detail.as_ref().filter(|d| d.ticket.id == id)
        && d.ticket.first_response_at.is_some()
    {
        return Err(t!("form-already-responded", number = number.as_str()));
    }
    // The first response is an answer to the customer: mailed to them when there is someone to mail.
    let mail = mail::mail_field(app, store, &id, true);
    Ok(Form::new(
        FormKind::Respond,
        t!("form-respond-title", number = number.as_str()),
        Some(id),
        vec![
            Field::text(F::Responded, &now_word(), instant_hint()),
            Field::text(F::ResolveBy, "", date_hint()),
            mail,
            Field::text(F::Message, "", t!("hint-mail-message")),
        ],
    ))
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let now = app.now;
    let cal = app.settings.calendar.clone();
    let ticket_id = ticket_id(form);
    let at = form::parse_instant(&cal, form.value(F::Responded), now, NaiveTime::MIN)
        .map_err(|e| form.set_error(F::Responded, e))
        .ok();
    if at.is_some_and(|a| !form::has_happened(a, now)) {
        form.set_error(F::Responded, t!("form-not-in-future", field = t!("field-responded")));
    }
    // `+N` business days from when the response was given (what the customer was told then).
    let by = form::parse_resolve_by(&cal, form.value(F::ResolveBy), at.unwrap_or(now))
        .map_err(|e| form.set_error(F::ResolveBy, e))
        .ok();
    let (Some(at), Some(by), false) = (at, by, form.has_errors()) else { return Err(()) };
    if form.value(F::Mail) == mail::SEND {
        let words = form.value(F::Message).to_string();
        let what = crate::mail::outbox::Mailing::FirstResponse { at, resolve_by: by, words: &words };
        return match mail::send(app, store, &ticket_id, what) {
            Ok(said) => {
                Ok(Outcome::Saved(t!("response-recorded-mailed", by = detail::local(&app.settings, by), mailed = said)))
            }
            Err(e) => fail(form, e),
        };
    }
    match store.record_first_response(&ticket_id, at, by, now) {
        Ok(()) => Ok(Outcome::Saved(t!("response-recorded", by = detail::local(&app.settings, by)))),
        Err(e) if e.is_bad_input() => {
            form.set_error(if e.to_string().contains("proposed") { F::ResolveBy } else { F::Responded }, e.to_string());
            Err(())
        }
        Err(e) => fail(form, e.to_string()),
    }
}
