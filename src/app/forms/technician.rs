//! The first-start question: who is working (remembered in config.toml by the terminal).

use super::{Outcome, Submitted};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::store::Store;
use crate::t;

pub(in crate::app) fn build() -> Form {
    Form::new(
        FormKind::Technician,
        t!("form-technician-title"),
        None,
        vec![Field::text(F::Name, "", t!("hint-technician"))],
    )
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let name = crate::domain::text::clean(form.value(F::Name), false).trim().to_string();
    if name.is_empty() {
        form.set_error(F::Name, t!("form-required"));
        return Err(());
    }
    store.set_actor(&name);
    app.me = name.clone();
    app.queue.refilter_with(&name);
    app.name_to_remember = Some(name.clone());
    Ok(Outcome::Saved(t!("technician-named", name = name.as_str())))
}
