//! The first-start question: who is working (remembered in config.toml by the terminal).

use super::{Outcome, Submitted};
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::t;

pub(in crate::app) fn build() -> Form {
    Form::new(
        FormKind::Technician,
        t!("form-technician-title"),
        None,
        vec![Field::text(F::Name, "", t!("hint-technician"))],
    )
}

pub(super) fn submit(form: &mut Form) -> Submitted {
    let name = crate::domain::text::clean_name(form.value(F::Name));
    if name.is_empty() {
        form.set_error(F::Name, t!("form-technician-name-required"));
        return Err(());
    }
    Ok(Outcome::Technician(name))
}
