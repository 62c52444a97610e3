//! Enter in the triage list — a mail from an unknown sender becomes a ticket of a customer, and the
//! sender (if chosen) one of its contacts.

use super::pick::find_customer;
use super::{Outcome, Submitted, fail};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::app::mail::{KEEP, TriageState};
use crate::domain::mail::{Address, Lang};
use crate::store::Store;
use crate::t;

/// The value of "add the sender as a contact".
const YES: &str = "yes";

/// The language a contact is written to in.
pub(super) fn lang_choice(value: &str) -> Field {
    Field::choice(F::Lang, &[(Lang::Cs.as_str(), t!("lang-cs")), (Lang::En.as_str(), t!("lang-en"))], value)
}

pub(super) fn build(app: &App) -> Result<Form, String> {
    let item = app.triage.as_ref().and_then(TriageState::selected_item).ok_or_else(|| t!("triage-none-selected"))?;
    let shown = if item.sender_name.is_empty() {
        item.sender.clone()
    } else {
        format!("{} <{}>", item.sender_name, item.sender)
    };
    Ok(Form::new(
        FormKind::AssignMail { triage_id: item.id, sender: item.sender.clone(), sender_name: item.sender_name.clone() },
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

pub(super) fn submit(
    app: &mut App,
    form: &mut Form,
    store: &mut Store,
    triage_id: i64,
    sender: &str,
    sender_name: &str,
) -> Submitted {
    let now = app.now;
    let typed = form.value(F::Customer).trim().to_string();
    if typed.is_empty() {
        form.set_error(F::Customer, t!("form-customer-required"));
        return Err(());
    }
    let c = match find_customer(store, &typed) {
        Ok(c) => c,
        Err(e) => {
            form.set_error(F::Customer, e);
            return Err(());
        }
    };
    let ticket = match store.assign_mail(triage_id, &c.id, now) {
        Ok(t) => t,
        Err(e) => return fail(form, e.to_string()),
    };
    let mut said = t!("mail-assigned", number = ticket.number.as_str(), customer = c.name.as_str());
    if form.value(F::AddSender) == YES {
        let lang: Lang = form.value(F::Lang).parse().unwrap_or_default();
        let added = Address::parse(sender)
            .map_err(|e| e.to_string())
            .and_then(|a| store.add_contact(&c.id, &a, sender_name, lang, now).map_err(|e| e.to_string()));
        said.push(' ');
        said.push_str(&match added {
            Ok(()) => t!("mail-sender-added", email = sender),
            Err(e) => t!("mail-sender-not-added", email = sender, error = e),
        });
    }
    if let Some(t) = &app.triage {
        match t.reload(store) {
            Ok(next) => app.triage = Some(next),
            Err(e) => said = e.to_string(),
        }
    }
    Ok(Outcome::Saved(said))
}
