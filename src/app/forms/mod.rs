//! The forms, one module each: what fields a form has and how they are filled when it opens
//! (`build`), and how its typed text is read, checked and recorded (`submit`). A submission that is
//! wrong marks the fields in place (the form stays open with what was typed) and returns `Err(())`;
//! one that went through returns an [`Outcome`] for the app to apply.
//!
//! Fields are named by one [`super::form::FieldId`] enum and read by it (`Form::value(FieldId::…)`):
//! a misspelt field does not compile, and a form asked for a field it lacks fails its tests (debug
//! assertion) instead of reading an empty string. A struct of fields per form was weighed and left:
//! the form editor (focus, cursor, marking errors in place, drawing) works over a list of fields, so
//! each form would still keep that list and copy it into its struct on submit.

mod assign_mail;
mod assignee;
mod comment;
mod conflict;
mod customer_filter;
mod customer_mail;
mod edit_customer;
mod edit_ticket;
mod forgotten_timer;
mod jump;
mod new_customer;
mod new_ticket;
mod pick;
mod respond;
mod search;
mod status;
mod technician;
mod time_entry;

pub(super) use self::forgotten_timer::build as forgotten_timer;
pub(super) use self::technician::build as technician;

use super::commands::TicketRef;
use super::form::{Form, FormKind};
use super::queue::{CustomerRef, ListSource, Search};
use super::{Action, App};
use crate::domain::{TicketKind, Tier};
use crate::i18n::words;
use crate::store::{Store, TicketChange, TicketSummary};
use crate::t;

/// What a submission that went through asks of the app (applied in `app::editing`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Recorded: say this and read the views again.
    Saved(String),
    /// Narrow the queue's open tickets to a search's hits, and say this (nothing was written: no
    /// reload).
    Searched { search: Search, said: String },
    /// Clear the queue's search.
    SearchCleared,
    /// Show these tickets (of any status) as a list of their own in the queue view, and say this.
    Listed { source: ListSource, tickets: Vec<TicketSummary>, said: String },
    /// Narrow the queue to one customer (`None`: to every customer).
    CustomerFilter(Option<CustomerRef>),
    /// Who is working (the first-start question): the store records as them, the queue's "mine" is
    /// theirs, the terminal remembers the name.
    Technician(String),
    /// Open this ticket (by id).
    OpenTicket(crate::domain::TicketId),
    /// A ticket was made: read the views again, open it and say this.
    Opened { ticket_id: crate::domain::TicketId, said: String },
}

/// `Err(())`: the form's fields or `form.error` say what is wrong.
pub(super) type Submitted = Result<Outcome, ()>;

/// The form `action` opens, filled from the current selection; `Err`: why none opens.
pub(super) fn build(app: &App, store: &Store, action: &Action) -> Result<Form, String> {
    match action {
        Action::Jump => Ok(jump::build()),
        Action::Search => Ok(search::build(app)),
        Action::FilterCustomer => Ok(customer_filter::build(app)),
        Action::NewTicket => Ok(new_ticket::build(app)),
        Action::NewCustomer => Ok(new_customer::build(app)),
        Action::Comment => comment::build(app, store),
        Action::SetStatus => status::build(app),
        Action::Assign => assignee::build(app),
        Action::Respond => respond::build(app, store),
        Action::AddTime => time_entry::build_add(app),
        Action::CorrectTime => time_entry::build_correct(app),
        Action::AssignMail => assign_mail::build(app),
        Action::AddContact => customer_mail::build_contact(app),
        Action::AddDomain => customer_mail::build_domain(app),
        Action::RemoveMail => customer_mail::build_remove(app),
        Action::EditTicket => edit_ticket::build(app),
        Action::EditCustomer => edit_customer::build(app),
        _ => Err(t!("form-nothing-to-fill")),
    }
}

/// Reads, checks and records the form (see [`Submitted`]).
pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    if !within_limits(form) {
        return Err(());
    }
    match form.kind.clone() {
        FormKind::Jump => jump::submit(form, store),
        FormKind::Search => search::submit(form, store),
        FormKind::CustomerFilter => customer_filter::submit(form, store),
        FormKind::NewTicket => new_ticket::submit(app, form, store),
        FormKind::NewCustomer => new_customer::submit(app, form, store),
        FormKind::Comment => comment::submit(app, form, store),
        FormKind::Status => status::submit(app, form, store),
        FormKind::Assignee => assignee::submit(app, form, store),
        FormKind::Respond => respond::submit(app, form, store),
        FormKind::Technician => technician::submit(form),
        FormKind::ForgottenTimer => forgotten_timer::submit(app, form, store),
        FormKind::EditTicket => edit_ticket::submit(app, form, store),
        FormKind::EditCustomer { customer_id } => edit_customer::submit(app, form, store, &customer_id),
        FormKind::TimeEntry { replaces } => time_entry::submit(app, form, store, replaces),
        FormKind::AssignMail { triage_id, sender, sender_name } => {
            assign_mail::submit(app, form, store, triage_id, &sender, &sender_name)
        }
        FormKind::AddContact { customer_id } => customer_mail::submit_contact(app, form, store, &customer_id),
        FormKind::AddDomain { customer_id } => customer_mail::submit_domain(app, form, store, &customer_id),
        FormKind::RemoveMail { customer_id } => customer_mail::submit_remove(app, form, store, &customer_id),
    }
}

/// Marks every free-text field longer than `domain::length` allows (its message names the field, the
/// limit and the length typed: the status bar shows the first, the form stays open with the text);
/// whether none is.
fn within_limits(form: &mut Form) -> bool {
    use crate::app::form::FieldId as F;
    let mut fits = true;
    for f in &mut form.fields {
        let free_text = matches!(
            f.id,
            F::Title | F::Description | F::Name | F::Contact | F::Comment | F::Note | F::Message | F::Assignee
        );
        if !free_text || !f.choices.is_empty() {
            continue;
        }
        let value = crate::domain::text::clean(f.value(), f.multiline);
        if let Err(e) = crate::domain::length::check(f.id.label_id(), &value, f.multiline) {
            f.error = Some(e.to_string());
            fits = false;
        }
    }
    fits
}

/// The ticket a form acts on.
fn need_ticket(app: &App) -> Result<TicketRef, String> {
    app.target_ticket().ok_or_else(|| t!("form-need-ticket"))
}

/// A whole-form failure: `msg` shown above the fields.
fn fail(form: &mut Form, msg: String) -> Submitted {
    form.error = Some(msg);
    Err(())
}

/// The ticket kinds as a choice: (value, what a person reads).
fn kind_choices() -> Vec<(&'static str, String)> {
    TicketKind::ALL.iter().map(|&k| (k.as_str(), words::kind(k))).collect()
}

/// The tiers as a choice, named as the tariffs name them.
fn tier_choices(app: &App) -> Vec<(&'static str, String)> {
    Tier::ALL.iter().map(|&t| (t.as_str(), words::tier(&app.settings.tariffs, t).to_string())).collect()
}

/// One field change, refused when someone else changed that field since the form opened.
fn save(
    store: &mut Store,
    form: &Form,
    ticket_id: &crate::domain::TicketId,
    change: TicketChange,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::store::Result<()> {
    match &form.loaded {
        Some(loaded) if loaded.id == *ticket_id => store.update_ticket_checked(loaded, vec![change], now),
        _ => store.update_ticket(ticket_id, vec![change], now),
    }
}

/// The ticket the form was opened on (empty when none: the store then refuses it).
fn ticket_id(form: &Form) -> crate::domain::TicketId {
    form.ticket_id.clone().unwrap_or_default()
}
