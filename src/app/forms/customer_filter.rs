//! The queue's customer filter: the one customer whose name starts with what was typed (empty: all).

use super::pick::find_customer;
use super::{Outcome, Submitted};
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::app::{App, View};
use crate::store::Store;
use crate::t;

pub(super) fn build(app: &App) -> Form {
    let name = app.queue.customer.as_ref().map_or("", |(_, n)| n.as_str());
    Form::new(
        FormKind::CustomerFilter,
        t!("form-customer-filter-title"),
        None,
        vec![Field::text(F::Customer, name, t!("hint-customer-filter"))],
    )
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &Store) -> Submitted {
    let name = form.value(F::Customer).trim().to_string();
    if name.is_empty() {
        app.queue.customer = None;
    } else {
        match find_customer(store, &name) {
            Ok(c) => app.queue.customer = Some((c.id, c.name)),
            Err(e) => {
                form.set_error(F::Customer, e);
                return Err(());
            }
        }
    }
    app.queue.history = None;
    app.queue.selected = 0;
    app.queue.offset = 0;
    app.queue.refilter_with(&app.me.clone());
    app.view = View::Queue;
    Ok(Outcome::Shown)
}
