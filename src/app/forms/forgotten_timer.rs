//! The question about my timer that ran too long: what was really worked is booked and it stops.

use super::{Outcome, Submitted, fail};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::domain::worktime::parse_minutes;
use crate::i18n::refusals::Worded;
use crate::statements::timers::{self, Booking};
use crate::store::{Store, TimerRow};
use crate::t;

pub(in crate::app) fn build(timer: &TimerRow, now: chrono::DateTime<chrono::Utc>) -> Form {
    let ran = crate::i18n::words::minutes((now - timer.started_at).num_minutes().max(0));
    Form::new(
        FormKind::ForgottenTimer,
        t!("timer-forgotten-title", number = timer.ticket_number.as_str(), ran = ran),
        None,
        vec![Field::text(F::Worked, "", t!("hint-worked"))],
    )
}

pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Submitted {
    let Ok(minutes) = parse_minutes(form.value(F::Worked)).map_err(|e| form.set_error(F::Worked, e.worded())) else {
        return Err(());
    };
    match timers::stop(store, &app.settings, &app.me, Booking::Worked(minutes), app.now) {
        Ok(Some(s)) => {
            app.select_entry(&s.stopped.entry.entry);
            Ok(Outcome::Saved(crate::app::commands::timer_stopped(&app.settings, &s)))
        }
        Ok(None) => Ok(Outcome::Saved(t!("timer-already-stopped"))),
        Err(e) => fail(form, e.to_string()),
    }
}
