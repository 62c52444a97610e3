//! Closing a month, reopening it, and booking corrections of closed work.
//!
//! A correction is priced as the change it makes to the closed month's total excl. VAT: the month is
//! recomputed live with and without the change (so prepaid minutes, rounding and free consultations of
//! that month are honoured), and the difference is billed as an adjustment line in the current month.
//! The sum of a month's corrections is therefore what the month would have cost with all its work,
//! minus what was frozen.

use chrono::{DateTime, Utc};

use super::doc::{StatementDoc, month_docs};
use super::{current_month, month_bounds, month_of, month_work};
use crate::config::Settings;
use crate::domain::billing::{self, WorkEntry};
use crate::domain::worktime::format_minutes;
use crate::domain::YearMonth;
use crate::store::{NewAdjustment, NewEntry, Result, Store, StoreError, TicketRow, TimeEntryRow};

/// Freezes `month`'s statements. Only a month that has ended can be closed.
pub fn close_month(store: &mut Store, settings: &Settings, month: YearMonth, now: DateTime<Utc>) -> Result<usize> {
    if month >= current_month(&settings.calendar, now) {
        return Err(StoreError::Invalid(format!("{month} has not ended yet; only past months can be closed")));
    }
    let docs = month_docs(store, settings, month)?;
    let mut frozen = Vec::with_capacity(docs.len());
    for d in &docs {
        let customer = store
            .customer_by_name(&d.customer)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {} vanished", d.customer)))?;
        let body = serde_json::to_string(&StatementDoc { closed: true, ..d.clone() })
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        frozen.push((customer.id, body));
    }
    let n = frozen.len();
    store.close_month(month, month_bounds(&settings.calendar, month), frozen, now)?;
    Ok(n)
}

/// Reopens a closed month (logged); returns how many of its corrections were cancelled because the
/// month now bills that work itself.
pub fn reopen_month(store: &mut Store, month: YearMonth, now: DateTime<Utc>) -> Result<usize> {
    store.reopen_month(month, now)
}

/// Books a change to work in a closed month — a new entry (`add`), a removed one (`remove`), or both
/// (a corrected entry) — with its priced adjustment in the current month. Returns the new entry, if
/// any, and the adjustment's amount.
pub fn book_correction(
    store: &mut Store,
    settings: &Settings,
    ticket: &TicketRow,
    add: Option<NewEntry>,
    remove: Option<&TimeEntryRow>,
    now: DateTime<Utc>,
) -> Result<(Option<TimeEntryRow>, rust_decimal::Decimal)> {
    let cal = &settings.calendar;
    let started = add.as_ref().map(|e| e.started_at).or(remove.map(|e| e.started_at));
    let Some(started) = started else {
        return Err(StoreError::Invalid("a correction needs an entry to add or to remove".into()));
    };
    let work_month = month_of(cal, started);
    if let (Some(a), Some(r)) = (&add, remove)
        && month_of(cal, a.started_at) != month_of(cal, r.started_at)
    {
        return Err(StoreError::Invalid("a corrected entry must stay in the month it was in".into()));
    }
    if !store.is_month_closed(work_month)? {
        return Err(StoreError::Invalid(format!(
            "{work_month} is not closed; change the time entry directly instead of booking a correction"
        )));
    }
    let booked_month = current_month(cal, now);
    let customer = store
        .customer(&ticket.customer_id)?
        .ok_or_else(|| StoreError::NotFound("the ticket's customer is missing".into()))?;

    let (tier, mut work) = month_work(store, settings, &customer, work_month)?;
    let before = billing::statement(&settings.tariffs, work_month, tier, &work).total_excl_vat;
    if let Some(r) = remove {
        work.entries.retain(|e| e.entry_id != r.id);
    }
    if let Some(a) = &add {
        work.entries.push(WorkEntry {
            entry_id: "correction".into(),
            ticket_id: ticket.id.clone(),
            ticket_number: ticket.number.clone(),
            ticket_title: ticket.title.clone(),
            kind: ticket.kind,
            started: a.started_at,
            minutes: a.minutes,
            role: a.role,
        });
    }
    let after = billing::statement(&settings.tariffs, work_month, tier, &work).total_excl_vat;
    let minutes = i64::from(add.as_ref().map_or(0, |a| a.minutes)) - i64::from(remove.map_or(0, |r| r.minutes));
    let sign = if minutes >= 0 { "+" } else { "-" };
    let description = format!(
        "correction of {work_month}: ticket {} {sign}{}",
        ticket.number,
        format_minutes(minutes.abs())
    );
    let amount = after - before;
    let adjustment = NewAdjustment {
        customer_id: customer.id,
        ticket_id: Some(ticket.id.clone()),
        work_month,
        booked_month,
        minutes,
        amount,
        description,
    };
    let entry = store.book_correction(add, remove.map(|r| r.id.as_str()), adjustment, now)?;
    Ok((entry, amount))
}
