//! `u` on a customer — a new name and/or the tier from a month, prefilled, in one transaction.

use super::{Outcome, Submitted, fail, tier_choices};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::{CustomerId, Tier};
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App) -> Result<Form, String> {
    let line = app.customers.selected_line().ok_or_else(|| t!("no-customer-selected"))?;
    let since = app.settings.calendar.month_of(app.now).to_string();
    Ok(Form::new(
        FormKind::EditCustomer { customer_id: line.customer.id.clone() },
        t!("form-edit-customer-title", name = line.customer.name.as_str()),
        None,
        vec![
            Field::text(F::Name, &line.customer.name, t!("hint-unique")),
            Field::choice(F::Tier, &tier_choices(app), line.tier.as_str()),
            Field::text(F::Since, &since, t!("hint-tier-from")),
        ],
    ))
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store, customer_id: &CustomerId) -> Submitted {
    let now = app.now;
    let current = match store.customer(customer_id) {
        Ok(Some(c)) => c,
        Ok(None) => return fail(form, crate::store::Unknown::Customer.to_string()),
        Err(e) => return fail(form, e.to_string()),
    };
    let name = form.value(F::Name).trim().to_string();
    if crate::domain::text::clean(&name, false).is_empty() {
        form.set_error(F::Name, t!("form-customer-name-required"));
    }
    let tier: Option<Tier> = form.value(F::Tier).parse().ok();
    let from = form
        .value(F::Since)
        .trim()
        .parse::<crate::domain::YearMonth>()
        .map_err(|e: crate::domain::month::BadMonth| crate::i18n::refusals::Worded::worded(&e));
    if let Err(e) = &from {
        form.set_error(F::Since, e.clone());
    }
    let (Some(tier), Ok(from), false) = (tier, from, form.has_errors()) else { return Err(()) };
    let rename = (name != current.name).then_some(name.as_str());
    let in_force = match store.tier_in(customer_id, from) {
        Ok(t) => t,
        Err(e) => return fail(form, e.to_string()),
    };
    let tier_change = (tier != in_force).then_some((from, tier));
    if rename.is_none() && tier_change.is_none() {
        return Ok(Outcome::Saved(t!("customer-edit-nothing", name = current.name.as_str())));
    }
    let before = match store.tier_history(customer_id) {
        Ok(h) => h,
        Err(e) => return fail(form, e.to_string()),
    };
    match store.edit_customer(customer_id, rename, tier_change, now) {
        Ok(()) => Ok(Outcome::Saved(match tier_change {
            Some((from, tier)) => {
                // Back-dated over months not closed yet: said, their statements change (bb8 #9's sibling).
                let said = if from < app.settings.calendar.month_of(now) {
                    t!(
                        "customer-tier-backdated",
                        name = rename.unwrap_or(&current.name),
                        tier = crate::i18n::words::tier(&app.settings.tariffs, tier),
                        from = from.to_string(),
                        last = app.settings.calendar.month_of(now).prev().to_string()
                    )
                } else {
                    t!(
                        "customer-edited-tier",
                        name = rename.unwrap_or(&current.name),
                        tier = crate::i18n::words::tier(&app.settings.tariffs, tier),
                        from = from.to_string()
                    )
                };
                // Tickets already received whose deadline moves: said (bb8 #10, as `customer tier`).
                match crate::ticket_sla::tier_change_effect_in(store, &app.settings, customer_id, &before, now) {
                    Ok((moved, breached, met)) if breached + met > 0 => format!(
                        "{said} · {}",
                        t!("customer-tier-sla-moved", count = moved, breached = breached, met = met)
                    ),
                    _ => said,
                }
            }
            None => t!("customer-renamed", old = current.name.as_str(), name = name.as_str()),
        })),
        Err(e) => fail(form, e.to_string()),
    }
}
