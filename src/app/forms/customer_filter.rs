//! The queue's customer filter: the one customer whose name starts with what was typed (empty: all).

use super::pick::find_customer;
use super::{Outcome, Submitted};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::app::queue::CustomerRef;
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App) -> Form {
    let name = app.queue.customer.as_ref().map_or("", |c| c.name.as_str());
    Form::new(
        FormKind::CustomerFilter,
        t!("form-customer-filter-title"),
        None,
        vec![Field::text(F::Customer, name, t!("hint-customer-filter"))],
    )
}

pub(super) fn submit(form: &mut Form, store: &Store) -> Submitted {
    let name = form.value(F::Customer).trim().to_string();
    if name.is_empty() {
        return Ok(Outcome::CustomerFilter(None));
    }
    match find_customer(store, &name) {
        Ok(c) => Ok(Outcome::CustomerFilter(Some(CustomerRef::of(&c)))),
        Err(e) => {
            form.set_error(F::Customer, e);
            Err(())
        }
    }
}
