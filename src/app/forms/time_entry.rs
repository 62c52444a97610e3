//! `e` / `E` — a time entry on the ticket: logged, or an earlier one corrected (replaced).
//!
//! Decision (black-box finding #6): an entry in a closed month (new, or a correction of one there) is
//! refused the first time with the whole remedy — the CLI's `--correction` and `month reopen` — and
//! the offer: saving the same form again books it as a correction in the current month, exactly as
//! `helpdesk time add/correct --correction` does (`statements::book_correction`); changing any field
//! first lapses the offer.

use chrono::{Duration, NaiveTime};

use super::{Outcome, Submitted, TicketRef, fail, need_ticket, ticket_id};
use crate::app::App;
use crate::app::form::{self, Field, FieldId as F, Form, FormKind};
use crate::domain::Minutes;
use crate::domain::Role;
use crate::i18n::refusals::Worded;
use crate::i18n::words;
use crate::store::{NewEntry, Store, TimeEntryRow};
use crate::t;

/// `e`: a new entry on the target ticket.
pub(super) fn build_add(app: &App) -> Result<Form, String> {
    let TicketRef { id, number } = need_ticket(app)?;
    Ok(Form::new(
        FormKind::TimeEntry { replaces: None },
        t!("form-log-time-title", number = number.as_str()),
        Some(id),
        fields(app, None),
    ))
}

/// `E`: the selected entry of the open ticket, prefilled, to be replaced.
pub(super) fn build_correct(app: &App) -> Result<Form, String> {
    let d = app.detail.as_ref().ok_or_else(|| t!("form-correct-needs-ticket"))?;
    let e = d.selected_entry().ok_or_else(|| t!("form-correct-no-entries"))?;
    Ok(Form::new(
        FormKind::TimeEntry { replaces: Some(e.id.clone()) },
        t!("form-correct-title", duration = words::minutes(i64::from(e.minutes)), number = d.ticket.number.as_str()),
        Some(d.ticket.id.clone()),
        fields(app, Some(e)),
    ))
}

fn fields(app: &App, entry: Option<&TimeEntryRow>) -> Vec<Field> {
    let cal = &app.settings.calendar;
    let (duration, started, role, note) = match entry {
        Some(e) => (
            words::minutes(i64::from(e.minutes)),
            form::format_input(cal, e.started_at),
            e.role.as_str().to_string(),
            e.note.clone(),
        ),
        None => (String::new(), String::new(), app.role.as_str().to_string(), String::new()),
    };
    vec![
        Field::text(F::Duration, &duration, t!("hint-duration")),
        Field::text(F::Started, &started, t!("hint-started")),
        Field::choice(F::Role, &[Role::Technician, Role::Consultant].map(|r| (r.as_str(), words::role(r))), &role),
        Field::text(F::Note, &note, t!("hint-optional")),
    ]
}

pub(super) fn submit(
    app: &mut App,
    form: &mut Form,
    store: &mut Store,
    replaces: Option<crate::domain::EntryId>,
) -> Submitted {
    let now = app.now;
    let cal = app.settings.calendar.clone();
    let minutes = Minutes::parse(form.value(F::Duration)).map_err(|e| form.set_error(F::Duration, e.worded())).ok();
    let started = match form.value(F::Started).trim() {
        "" => minutes.map(|m| form::minute(now) - Duration::minutes(i64::from(m.get()))),
        s => form::parse_instant(&cal, s, now, NaiveTime::MIN).map_err(|e| form.set_error(F::Started, e)).ok(),
    };
    if started.is_some_and(|s| !form::has_happened(s, now)) {
        form.set_error(F::Started, t!("form-not-in-future", field = t!("field-started")));
    }
    let role: Role = form.value(F::Role).parse().unwrap_or(Role::Technician);
    let (Some(minutes), Some(started_at), false) = (minutes, started, form.has_errors()) else {
        return Err(());
    };
    let entry = NewEntry {
        ticket_id: ticket_id(form),
        started_at,
        minutes,
        role,
        technician: app.me.clone(),
        note: form.value(F::Note).to_string(),
    };
    if form.takes_offer() {
        return as_correction(app, form, store, replaces.as_ref(), entry);
    }
    let result = match &replaces {
        Some(old) => store.correct_time_entry(old, entry, now),
        None => store.add_time_entry(entry, now),
    };
    match result {
        Ok(e) => {
            app.select_entry(&e.entry);
            let duration = words::minutes(i64::from(e.minutes));
            let saved = match replaces {
                Some(_) => t!("entry-corrected", duration = duration),
                None => t!("entry-logged", duration = duration),
            };
            Ok(Outcome::Saved(before_received_note(app, store, &e, saved)))
        }
        Err(crate::store::StoreError::Needs(crate::store::Needs::Correction(month))) => {
            let said = crate::store::Needs::Correction(month.clone()).to_string();
            let current = app.settings.calendar.month_of(now).to_string();
            form.offered = Some(form.values());
            fail(form, t!("form-closed-month-offer", said = said, current = current, month = month))
        }
        Err(e) => fail(form, e.to_string()),
    }
}

/// `saved` with a note when the entry starts on a day before its ticket was received (as the CLI's
/// `time add` notes it, README "Work before the ticket was received"): booked, never silent, since a
/// mistyped year or month bills a month the customer had no ticket in.
fn before_received_note(app: &App, store: &Store, e: &TimeEntryRow, saved: String) -> String {
    let zone = app.settings.calendar.time_zone();
    match store.ticket(&e.ticket_id) {
        Ok(Some(t)) if !crate::domain::worktime::work_may_start(e.started_at, t.received_at, zone) => {
            let minute = |at| crate::domain::calendar::local_minute(zone, at);
            t!(
                "entry-before-received",
                saved = saved,
                at = minute(e.started_at),
                ticket = t.number.as_str(),
                received = minute(t.received_at)
            )
        }
        _ => saved,
    }
}

/// Books `entry` (replacing `replaces`) as a correction in the current month, as the CLI's
/// `--correction` does; says what was booked.
fn as_correction(
    app: &mut App,
    form: &mut Form,
    store: &mut Store,
    replaces: Option<&crate::domain::EntryId>,
    entry: NewEntry,
) -> Submitted {
    let now = app.now;
    let booked = (|| {
        let ticket =
            store.ticket(&entry.ticket_id)?.ok_or_else(|| crate::store::StoreError::NotFound(t!("ticket-gone")))?;
        let old = match replaces {
            Some(id) => store.time_entries(&entry.ticket_id)?.into_iter().find(|e| e.id == *id),
            None => None,
        };
        let by_desk = crate::statements::priced_by_desk(store)?;
        crate::statements::book_correction(store, &app.settings, &ticket, Some(entry), old.as_ref(), now)
            .map(|(_, amount)| (amount, by_desk))
    })();
    match booked {
        Ok((amount, by_desk)) => {
            let month = app.settings.calendar.month_of(now).to_string();
            Ok(Outcome::Saved(match amount {
                Some(amount) => t!(
                    "correction-booked",
                    month = month,
                    amount = crate::domain::money::human(amount, &app.settings.tariffs.currency)
                ),
                None if by_desk => t!("correction-recorded-desk"),
                None => t!("correction-recorded"),
            }))
        }
        Err(e) => fail(form, e.to_string()),
    }
}
