//! `N` — a new customer: name, contact, tier and the month the tier holds from.

use super::{Outcome, Submitted, fail, tier_choices};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::Tier;
use crate::i18n::words;
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App) -> Form {
    let since = app.settings.calendar.month_of(app.now).to_string();
    Form::new(
        FormKind::NewCustomer,
        t!("form-new-customer-title"),
        None,
        vec![
            Field::text(F::Name, "", t!("hint-unique")),
            Field::text(F::Contact, "", t!("hint-contact")),
            Field::choice(F::Tier, &tier_choices(app), "standard"),
            Field::text(F::Since, &since, t!("hint-since")),
        ],
    )
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let name = form.value(F::Name).trim().to_string();
    if name.is_empty() {
        form.set_error(F::Name, t!("form-customer-name-required"));
    }
    let tier: Option<Tier> = form.value(F::Tier).parse().ok();
    let since = form
        .value(F::Since)
        .trim()
        .parse()
        .map_err(|e: crate::domain::month::BadMonth| crate::i18n::refusals::Worded::worded(&e));
    if let Err(e) = &since {
        form.set_error(F::Since, e.clone());
    }
    let (Some(tier), Ok(since), false) = (tier, since, form.has_errors()) else { return Err(()) };
    match store.add_customer(&name, form.value(F::Contact), tier, since, app.now) {
        Ok(c) => Ok(Outcome::Saved(t!(
            "customer-added",
            name = c.name.as_str(),
            tier = words::tier(&app.settings.tariffs, tier)
        ))),
        Err(e) if e.is_bad_input() => {
            form.set_error(F::Name, e.to_string());
            Err(())
        }
        Err(e) => fail(form, e.to_string()),
    }
}
