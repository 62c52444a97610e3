//! `:` — the prompt that opens a ticket by its number.

use super::{Outcome, Submitted};
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::TicketNumber;
use crate::i18n::refusals::Worded;
use crate::store::Store;
use crate::t;

pub(super) fn build() -> Form {
    Form::new(FormKind::Jump, t!("form-jump-title"), None, vec![Field::text(F::Ticket, "", t!("hint-ticket-number"))])
}

pub(super) fn submit(form: &mut Form, store: &Store) -> Submitted {
    let number: TicketNumber = match form.value(F::Ticket).parse() {
        Ok(n) => n,
        Err(e) => {
            form.set_error(F::Ticket, Worded::worded(&e));
            return Err(());
        }
    };
    match store.require_ticket(&number) {
        Ok(t) => Ok(Outcome::OpenTicket(t.summary.id)),
        Err(e) => {
            form.set_error(F::Ticket, e.to_string());
            Err(())
        }
    }
}
