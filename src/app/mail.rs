//! Mail in the TUI: the triage list (mail from unknown senders, assigned to a customer from here), a
//! customer's contacts and mail domains (shown under the customers list, added and removed with
//! the forms in `app::forms`), and the "mail it to the customer" choice of the first-response and comment forms. The
//! store calls and the sending are the ones the CLI makes (`Store::assign_mail`, `add_contact`,
//! `mail::outbox::send_about`).

use crate::mail::outbox::{self, Mailing, Recipient};
use crate::store::{Contact, Result, Store, TicketRow, TriageItem};
use crate::t;

use super::form::{Field, FieldId as F};
use super::{App, Focus};

/// The triage list, open over the current view.
#[derive(Debug, Clone, Default)]
pub struct TriageState {
    pub items: Vec<TriageItem>,
    pub selected: usize,
    pub offset: usize,
}

impl TriageState {
    pub fn load(store: &Store) -> Result<Self> {
        Ok(Self { items: store.mail_triage()?, selected: 0, offset: 0 })
    }

    /// The list read again, the selection kept on its mail (else at the same place).
    pub fn reload(&self, store: &Store) -> Result<Self> {
        let mut next = Self::load(store)?;
        let keep = self.selected_item().map(|i| i.id);
        next.selected = keep
            .and_then(|id| next.items.iter().position(|i| i.id == id))
            .unwrap_or(self.selected)
            .min(next.items.len().saturating_sub(1));
        next.offset = self.offset;
        Ok(next)
    }

    pub fn selected_item(&self) -> Option<&TriageItem> {
        self.items.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
        self.offset = super::queue::scrolled(self.offset, self.selected, rows, self.items.len());
    }
}

/// The selected customer's contacts and mail domains (the customers view shows them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerMail {
    pub customer_id: crate::domain::CustomerId,
    pub contacts: Vec<Contact>,
    pub domains: Vec<String>,
}

impl CustomerMail {
    pub fn load(store: &Store, customer_id: &crate::domain::CustomerId) -> Result<Self> {
        Ok(Self {
            customer_id: customer_id.clone(),
            contacts: store.contacts(customer_id)?,
            domains: store.mail_domains(customer_id)?,
        })
    }
}

/// The values of the "mail it" choice.
pub const SEND: &str = "send";
pub const KEEP: &str = "no";

/// Whether and to whom a form's text would be mailed: a choice of sending to the ticket's contact or
/// not, or (nobody to mail, no sender configured) only "not mailed" with the reason.
pub(super) fn mail_field(app: &App, store: &Store, ticket_id: &crate::domain::TicketId, default_send: bool) -> Field {
    let recipient = store.ticket(ticket_id).ok().flatten().and_then(|t| outbox::recipient(store, &t).ok().flatten());
    let keep = (KEEP, t!("mail-choice-keep"));
    match (&app.settings.app.mail.from, recipient) {
        (None, _) => Field::choice(F::Mail, &[(KEEP, t!("mail-choice-no-from"))], KEEP),
        (Some(_), None) => Field::choice(F::Mail, &[(KEEP, t!("mail-choice-no-contact"))], KEEP),
        (Some(_), Some(Recipient { to, lang })) => {
            let send = (SEND, t!("mail-choice-send", to = to.as_str(), lang = lang.as_str()));
            Field::choice(F::Mail, &[send, keep], if default_send { SEND } else { KEEP })
        }
    }
}

/// Mails the response or comment and records it (one transaction); the error says why nothing was.
pub(super) fn send(
    app: &App,
    store: &mut Store,
    ticket_id: &crate::domain::TicketId,
    what: Mailing<'_>,
) -> std::result::Result<String, String> {
    let t: TicketRow = store.ticket(ticket_id).map_err(|e| e.to_string())?.ok_or_else(|| t!("ticket-gone"))?;
    let settings = &app.settings;
    let sent = outbox::send_about(store, &settings.app.mail, &settings.calendar, &app.me, &t, what, app.now)
        .map_err(|e| e.to_string())?;
    Ok(t!("mail-sent", to = sent.to.as_str()))
}

impl App {
    /// `M`: the mail from unknown senders, over the current view.
    pub(super) fn open_triage(&mut self, store: &Store) {
        match TriageState::load(store) {
            Ok(t) => {
                self.detail = None;
                self.statement = None;
                self.triage = Some(t);
            }
            Err(e) => self.store_error(e),
        }
    }

    /// Loads the selected customer's contacts and domains when the customers view shows another
    /// customer than the loaded one (or they were dropped by a reload).
    pub(super) fn follow_customer_mail(&mut self, store: &Store) {
        if self.focus() != Focus::Customers && self.base_focus() != Focus::Customers {
            return;
        }
        let Some(id) = self.customers.selected_line().map(|l| l.customer.id.clone()) else {
            self.customer_mail = None;
            return;
        };
        if self.customer_mail.as_ref().is_some_and(|m| m.customer_id == id) {
            return;
        }
        match CustomerMail::load(store, &id) {
            Ok(m) => self.customer_mail = Some(m),
            Err(e) => self.store_error(e),
        }
    }
}
