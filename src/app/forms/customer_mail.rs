//! `a` / `d` / `x` on a customer — a contact or a mail domain added, or one of them removed.

use super::assign_mail::lang_choice;
use super::{Outcome, Submitted, fail};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::CustomerId;
use crate::domain::mail::{Address, Lang, parse_domain};
use crate::i18n::refusals::Worded;
use crate::store::Store;
use crate::t;

/// The selected customer: (id, name).
fn selected(app: &App) -> Result<(CustomerId, &str), String> {
    let line = app.customers.selected_line().ok_or_else(|| t!("no-customer-selected"))?;
    Ok((line.customer.id.clone(), line.customer.name.as_str()))
}

pub(super) fn build_contact(app: &App) -> Result<Form, String> {
    let (customer_id, name) = selected(app)?;
    Ok(Form::new(
        FormKind::AddContact { customer_id },
        t!("form-add-contact-title", customer = name),
        None,
        vec![
            Field::text(F::Email, "", t!("hint-email")),
            Field::text(F::Name, "", t!("hint-optional")),
            lang_choice(Lang::Cs.as_str()),
        ],
    ))
}

pub(super) fn build_domain(app: &App) -> Result<Form, String> {
    let (customer_id, name) = selected(app)?;
    Ok(Form::new(
        FormKind::AddDomain { customer_id },
        t!("form-add-domain-title", customer = name),
        None,
        vec![Field::text(F::Domain, "", t!("hint-domain"))],
    ))
}

/// A choice of the customer's contacts (`contact:<email>`) and domains (`domain:<domain>`).
pub(super) fn build_remove(app: &App) -> Result<Form, String> {
    let (customer_id, name) = selected(app)?;
    let mail = app.customer_mail.as_ref().filter(|m| m.customer_id == customer_id);
    let mut choices: Vec<(String, String)> = Vec::new();
    for m in mail.iter() {
        for c in &m.contacts {
            let label = if c.name.is_empty() { c.email.clone() } else { format!("{} ({})", c.email, c.name) };
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

pub(super) fn submit_contact(app: &mut App, form: &mut Form, store: &mut Store, customer_id: &CustomerId) -> Submitted {
    let email = match Address::parse(form.value(F::Email)) {
        Ok(a) => a,
        Err(e) => {
            form.set_error(F::Email, e.worded());
            return Err(());
        }
    };
    let lang: Lang = form.value(F::Lang).parse().unwrap_or_default();
    let name = form.value(F::Name).trim().to_string();
    match store.add_contact(customer_id, &email, &name, lang, app.now) {
        Ok(()) => Ok(Outcome::Saved(t!("contact-added", email = email.as_str()))),
        Err(e) => fail(form, e.to_string()),
    }
}

pub(super) fn submit_domain(app: &mut App, form: &mut Form, store: &mut Store, customer_id: &CustomerId) -> Submitted {
    let domain = match parse_domain(form.value(F::Domain)) {
        Ok(d) => d,
        Err(e) => {
            form.set_error(F::Domain, e.worded());
            return Err(());
        }
    };
    match store.set_mail_domain(customer_id, &domain, app.now) {
        Ok(()) => Ok(Outcome::Saved(t!("domain-added", domain = domain.as_str()))),
        Err(e) => fail(form, e.to_string()),
    }
}

pub(super) fn submit_remove(app: &mut App, form: &mut Form, store: &mut Store, customer_id: &CustomerId) -> Submitted {
    let now = app.now;
    let value = form.value(F::Remove).to_string();
    let result = if let Some(email) = value.strip_prefix("contact:") {
        Address::parse(email)
            .map_err(|e| e.to_string())
            .and_then(|a| store.remove_contact(customer_id, &a, now).map_err(|e| e.to_string()))
            .map(|()| t!("contact-removed", email = email))
    } else if let Some(domain) = value.strip_prefix("domain:") {
        store
            .remove_mail_domain(customer_id, domain, now)
            .map_err(|e| e.to_string())
            .map(|()| t!("domain-removed", domain = domain))
    } else {
        Err(t!("form-choose-remove"))
    };
    result.map(Outcome::Saved).map_err(|e| {
        form.set_error(F::Remove, e);
    })
}
