//! Mail in the TUI: the triage list (mail from unknown senders, assigned to a customer from here), a
//! customer's contacts and mail domains (shown under the customers list, added and removed with
//! forms), and the "mail it to the customer" choice of the first-response and comment forms. The
//! store calls and the sending are the ones the CLI makes (`Store::assign_mail`, `add_contact`,
//! `mail::outbox::send_about`).

use crate::domain::mail::{Address, Lang, parse_domain};
use crate::i18n::refusals::Worded;
use crate::mail::outbox::{self, Mailing, Recipient};
use crate::store::{Contact, Result, Store, TicketRow, TriageItem};
use crate::t;

use super::form::{Field, FieldId as F, Form, FormKind};
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
    pub customer_id: String,
    pub contacts: Vec<Contact>,
    pub domains: Vec<String>,
}

impl CustomerMail {
    pub fn load(store: &Store, customer_id: &str) -> Result<Self> {
        Ok(Self {
            customer_id: customer_id.to_string(),
            contacts: store.contacts(customer_id)?,
            domains: store.mail_domains(customer_id)?,
        })
    }
}

/// The values of the "mail it" choice.
pub const SEND: &str = "send";
pub const KEEP: &str = "no";
const YES: &str = "yes";

fn lang_choice(value: &str) -> Field {
    Field::choice(F::Lang, &[(Lang::Cs.as_str(), t!("lang-cs")), (Lang::En.as_str(), t!("lang-en"))], value)
}

/// Whether and to whom a form's text would be mailed: a choice of sending to the ticket's contact or
/// not, or (nobody to mail, no sender configured) only "not mailed" with the reason.
pub(super) fn mail_field(app: &App, store: &Store, ticket_id: &str, default_send: bool) -> Field {
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
    ticket_id: &str,
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

/// The forms of this module, opened on the current selection.
pub(super) fn build_form(app: &App, action: &super::Action) -> std::result::Result<Form, String> {
    use super::Action;
    match action {
        Action::AssignMail => {
            let item =
                app.triage.as_ref().and_then(TriageState::selected_item).ok_or_else(|| t!("triage-none-selected"))?;
            let shown = if item.sender_name.is_empty() {
                item.sender.clone()
            } else {
                format!("{} <{}>", item.sender_name, item.sender)
            };
            Ok(Form::new(
                FormKind::AssignMail {
                    triage_id: item.id,
                    sender: item.sender.clone(),
                    sender_name: item.sender_name.clone(),
                },
                t!("form-assign-mail-title", from = shown),
                None,
                vec![
                    Field::text(F::Customer, "", t!("hint-customer-name")),
                    Field::choice(
                        F::AddSender,
                        &[(YES, t!("add-sender-yes", email = item.sender.as_str())), (KEEP, t!("add-sender-no"))],
                        YES,
                    ),
                    lang_choice(Lang::Cs.as_str()),
                ],
            ))
        }
        Action::AddContact | Action::AddDomain | Action::RemoveMail => {
            let line = app.customers.selected_line().ok_or_else(|| t!("no-customer-selected"))?;
            let customer_id = line.customer.id.clone();
            let name = line.customer.name.as_str();
            match action {
                Action::AddContact => Ok(Form::new(
                    FormKind::AddContact { customer_id },
                    t!("form-add-contact-title", customer = name),
                    None,
                    vec![
                        Field::text(F::Email, "", t!("hint-email")),
                        Field::text(F::Name, "", t!("hint-optional")),
                        lang_choice(Lang::Cs.as_str()),
                    ],
                )),
                Action::AddDomain => Ok(Form::new(
                    FormKind::AddDomain { customer_id },
                    t!("form-add-domain-title", customer = name),
                    None,
                    vec![Field::text(F::Domain, "", t!("hint-domain"))],
                )),
                _ => {
                    let mail = app.customer_mail.as_ref().filter(|m| m.customer_id == customer_id);
                    let mut choices: Vec<(String, String)> = Vec::new();
                    for m in mail.iter() {
                        for c in &m.contacts {
                            let label =
                                if c.name.is_empty() { c.email.clone() } else { format!("{} ({})", c.email, c.name) };
                            choices.push((format!("contact:{}", c.email), label));
                        }
                        for d in &m.domains {
                            choices.push((format!("domain:{d}"), format!("@{d}")));
                        }
                    }
                    if choices.is_empty() {
                        return Err(t!("customer-mail-none", customer = name));
                    }
                    let shown: Vec<(&str, String)> = choices.iter().map(|(v, l)| (v.as_str(), l.clone())).collect();
                    Ok(Form::new(
                        FormKind::RemoveMail { customer_id },
                        t!("form-remove-mail-title", customer = name),
                        None,
                        vec![Field::choice(F::Remove, &shown, &choices[0].0)],
                    ))
                }
            }
        }
        _ => Err(t!("form-nothing-to-fill")),
    }
}

/// Submits a form of this module: `Ok(Some(message))` done; `Err(())` the form says what is wrong.
pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> std::result::Result<Option<String>, ()> {
    let now = app.now;
    match form.kind.clone() {
        FormKind::AssignMail { triage_id, sender, sender_name } => {
            let typed = form.value(F::Customer).trim().to_string();
            if typed.is_empty() {
                form.set_error(F::Customer, t!("form-customer-required"));
                return Err(());
            }
            let c = match super::submit::find_customer(store, &typed) {
                Ok(c) => c,
                Err(e) => {
                    form.set_error(F::Customer, e);
                    return Err(());
                }
            };
            let ticket = match store.assign_mail(triage_id, &c.id, now) {
                Ok(t) => t,
                Err(e) => {
                    form.error = Some(e.to_string());
                    return Err(());
                }
            };
            let mut said = t!("mail-assigned", number = ticket.number.as_str(), customer = c.name.as_str());
            if form.value(F::AddSender) == YES {
                let lang: Lang = form.value(F::Lang).parse().unwrap_or_default();
                let added = Address::parse(&sender)
                    .map_err(|e| e.to_string())
                    .and_then(|a| store.add_contact(&c.id, &a, &sender_name, lang, now).map_err(|e| e.to_string()));
                said.push(' ');
                said.push_str(&match added {
                    Ok(()) => t!("mail-sender-added", email = sender.as_str()),
                    Err(e) => t!("mail-sender-not-added", email = sender.as_str(), error = e),
                });
            }
            if let Some(t) = &app.triage {
                match t.reload(store) {
                    Ok(next) => app.triage = Some(next),
                    Err(e) => said = e.to_string(),
                }
            }
            Ok(Some(said))
        }
        FormKind::AddContact { customer_id } => {
            let email = match Address::parse(form.value(F::Email)) {
                Ok(a) => a,
                Err(e) => {
                    form.set_error(F::Email, e.worded());
                    return Err(());
                }
            };
            let lang: Lang = form.value(F::Lang).parse().unwrap_or_default();
            let name = form.value(F::Name).trim().to_string();
            match store.add_contact(&customer_id, &email, &name, lang, now) {
                Ok(()) => Ok(Some(t!("contact-added", email = email.as_str()))),
                Err(e) => {
                    form.error = Some(e.to_string());
                    Err(())
                }
            }
        }
        FormKind::AddDomain { customer_id } => {
            let domain = match parse_domain(form.value(F::Domain)) {
                Ok(d) => d,
                Err(e) => {
                    form.set_error(F::Domain, e.worded());
                    return Err(());
                }
            };
            match store.set_mail_domain(&customer_id, &domain, now) {
                Ok(()) => Ok(Some(t!("domain-added", domain = domain.as_str()))),
                Err(e) => {
                    form.error = Some(e.to_string());
                    Err(())
                }
            }
        }
        FormKind::RemoveMail { customer_id } => {
            let value = form.value(F::Remove).to_string();
            let result = if let Some(email) = value.strip_prefix("contact:") {
                Address::parse(email)
                    .map_err(|e| e.to_string())
                    .and_then(|a| store.remove_contact(&customer_id, &a, now).map_err(|e| e.to_string()))
                    .map(|()| t!("contact-removed", email = email))
            } else if let Some(domain) = value.strip_prefix("domain:") {
                store
                    .remove_mail_domain(&customer_id, domain, now)
                    .map_err(|e| e.to_string())
                    .map(|()| t!("domain-removed", domain = domain))
            } else {
                Err(t!("form-choose-remove"))
            };
            result.map(Some).map_err(|e| {
                form.set_error(F::Remove, e);
            })
        }
        _ => Err(()),
    }
}
