//! `u` on a ticket — its title, kind, customer, promised date (after the first response) and
//! description, prefilled: only the fields whose value changed are recorded (each its own operation,
//! all in one transaction), refused as a whole when someone else changed one of them since the form
//! opened.

use super::pick::find_customer;
use super::{Outcome, Submitted, fail, kind_choices};
use crate::app::App;
use crate::app::form::{self, Field, FieldId as F, Form, FormKind, date_hint};
use crate::domain::TicketKind;
use crate::store::{Store, TicketChange};
use crate::t;

pub(super) fn build(app: &App) -> Result<Form, String> {
    let d = app.detail.as_ref().ok_or_else(|| t!("form-edit-needs-ticket"))?;
    let t = &d.ticket;
    let mut fields = vec![
        Field::text(F::Title, &t.title, t!("hint-one-line")),
        Field::choice(F::Kind, &kind_choices(), t.kind.as_str()),
        Field::text(F::Customer, &t.customer_name, t!("hint-customer-move")),
    ];
    // The promised date is the first response's: it can be moved once there is one.
    if let Some(by) = t.resolve_by {
        fields.push(Field::text(F::ResolveBy, &form::format_resolve_by(&app.settings.calendar, by), date_hint()));
    }
    fields.push(Field::text(F::Description, &t.description, t!("hint-description")).multiline());
    Ok(Form::new(
        FormKind::EditTicket,
        t!("form-edit-ticket-title", number = t.number.as_str()),
        Some(t.id.clone()),
        fields,
    ))
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let cal = app.settings.calendar.clone();
    let Some(loaded) = form.loaded.clone() else {
        return fail(form, t!("form-edit-needs-ticket"));
    };
    let mut changes = Vec::new();
    let mut changed = Vec::new();
    let title = form.value(F::Title).trim().to_string();
    if crate::domain::text::clean(&title, false).is_empty() {
        form.set_error(F::Title, t!("form-title-required"));
    } else if title != loaded.title {
        changes.push(TicketChange::Title(title));
        changed.push(F::Title);
    }
    if let Ok(kind) = form.value(F::Kind).parse::<TicketKind>()
        && kind != loaded.kind
    {
        changes.push(TicketChange::Kind(kind));
        changed.push(F::Kind);
    }
    let typed = form.value(F::Customer).trim().to_string();
    if typed.is_empty() {
        form.set_error(F::Customer, t!("form-customer-required"));
    } else if typed != loaded.customer_name {
        match find_customer(store, &typed) {
            Ok(c) if c.id != loaded.customer_id => {
                changes.push(TicketChange::Customer(c.id));
                changed.push(F::Customer);
            }
            Ok(_) => {}
            Err(e) => form.set_error(F::Customer, e),
        }
    }
    if let Some(by) = loaded.resolve_by {
        let typed = form.value(F::ResolveBy).trim().to_string();
        if typed != form::format_resolve_by(&cal, by) {
            match form::parse_resolve_by(&cal, &typed, app.now) {
                Ok(new) if new != by => {
                    changes.push(TicketChange::ResolveBy(new));
                    changed.push(F::ResolveBy);
                }
                Ok(_) => {}
                Err(e) => form.set_error(F::ResolveBy, e),
            }
        }
    }
    let description = form.value(F::Description).to_string();
    if crate::domain::text::clean(&description, true) != loaded.description {
        changes.push(TicketChange::Description(description));
        changed.push(F::Description);
    }
    if form.has_errors() {
        return Err(());
    }
    if changes.is_empty() {
        return Ok(Outcome::Saved(t!("ticket-edit-nothing", number = loaded.number.as_str())));
    }
    let fields: Vec<String> = changed.iter().map(|f| crate::i18n::text(f.label_id()).to_lowercase()).collect();
    match store.update_ticket_checked(&loaded, changes, app.now) {
        Ok(()) => Ok(Outcome::Saved(t!("ticket-edited", number = loaded.number.as_str(), fields = fields.join(", ")))),
        Err(e) => super::conflict::refused(store, &app.settings, form, e),
    }
}
