//! Closing a month, reopening it, and booking corrections of closed work.
//!
//! A correction is priced as the change it makes to the closed month's total excl. VAT: the month is
//! recomputed live with and without the change (so prepaid minutes, rounding and free consultations of
//! that month are honoured), and the difference is billed as an adjustment line in the current month.
//! The sum of a month's corrections is therefore what the month would have cost with all its work,
//! minus what was frozen.

use chrono::{DateTime, Utc};

use crate::t;

use super::doc::{StatementDoc, month_docs};
use super::month_work;
use crate::config::Settings;
use crate::domain::billing::{self, MonthWork, WorkEntry};
use crate::domain::tariff::FrozenTerms;
use crate::domain::worktime::format_minutes;
use crate::domain::{Tier, YearMonth};
use crate::store::{Customer, NewAdjustment, NewEntry, Result, Store, StoreError, TicketRow, TimeEntryRow};

/// Freezes `month`'s statements. Only a month that has ended can be closed.
pub fn close_month(store: &mut Store, settings: &Settings, month: YearMonth, now: DateTime<Utc>) -> Result<usize> {
    if month >= settings.calendar.month_of(now) {
        return Err(StoreError::Invalid(t!("close-not-ended", month = month.to_string())));
    }
    // Said first: the frozen statements below name customers as they were, and one renamed since would
    // read as vanished (the store refuses a second close too, under its lock).
    if store.is_month_closed(month)? {
        return Err(StoreError::Invalid(t!("month-already-closed", month = month.to_string())));
    }
    // A timer started in the month becomes an entry in it when stopped, which the closed month would
    // refuse: the timer could never be stopped (nor another one started).
    let (_, end) = settings.calendar.month_bounds(month);
    if let Some(t) = store.running_timers()?.into_iter().find(|t| t.started_at < end) {
        return Err(StoreError::Invalid(t!(
            "close-timer-running",
            month = month.to_string(),
            technician = t.technician.as_str(),
            ticket = t.ticket_number.as_str()
        )));
    }
    // Computed outside the write lock; if anyone commits meanwhile, compute again.
    for _ in 0..5 {
        let seen = store.data_version()?;
        let docs = month_docs(store, settings, month)?;
        let mut frozen = Vec::with_capacity(docs.len());
        for d in &docs {
            // By id: two customers may read the same (added on two copies), each frozen under its own.
            let customer = match &d.customer_id {
                Some(id) => store.customer(id)?,
                None => store.customer_by_name(&d.customer)?,
            }
            .ok_or_else(|| StoreError::NotFound(t!("close-customer-vanished", customer = d.customer.as_str())))?;
            let terms = Some(settings.tariffs.frozen_terms(d.tier));
            let body = serde_json::to_string(&StatementDoc { closed: true, terms, ..d.clone() })
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            frozen.push(crate::store::FrozenStatement { customer_id: customer.id, body });
        }
        let n = frozen.len();
        if store.close_month(month, settings.calendar.month_bounds(month), frozen, seen, now)? {
            return Ok(n);
        }
    }
    Err(StoreError::Busy)
}

/// Reopens a closed month (logged); returns how many of its corrections were cancelled because the
/// month now bills that work itself.
pub fn reopen_month(store: &mut Store, month: YearMonth, now: DateTime<Utc>) -> Result<usize> {
    store.reopen_month(month, now)
}

/// Books a change to work in a closed month — a new entry (`add`), a removed one (`remove`), or both
/// (a corrected entry: removal and addition, two adjustment lines). On the team file (or a file of its
/// own) it is priced at once, as adjustments billed in the current month, and the total amount is
/// returned. Any other copy records the change only (`None`): a file copy's is priced by the team file
/// when the change reaches it, like any work that arrives in a closed month; a server team's desk
/// ([`priced_by_desk`]) marks it and prices it itself under the team's pricing lock, caught up with the
/// server — at once when connected (after the command, or the interface's next push), else at its next
/// exchange (`team::Desk::price`) — so a closed month's corrections add up to what it costs with all
/// its work, each priced once team-wide.
pub fn book_correction(
    store: &mut Store,
    settings: &Settings,
    ticket: &TicketRow,
    add: Option<NewEntry>,
    remove: Option<&TimeEntryRow>,
    now: DateTime<Utc>,
) -> Result<(Option<TimeEntryRow>, Option<rust_decimal::Decimal>)> {
    let adjustments = price_correction(store, settings, ticket, add.as_ref(), remove, now)?;
    let priced = store.device_tag()?.is_empty();
    let amount = priced.then(|| adjustments.iter().map(|a| a.amount).sum());
    let adjustments = if priced { adjustments } else { Vec::new() };
    let entry = store.book_correction(add, remove.map(|r| r.id.as_str()), adjustments, now)?;
    Ok((entry, amount))
}

/// Whether corrections typed on this copy are priced by its desk under the team's pricing lock (a team
/// server's replica with a technician) rather than at once (the team file) or by the team file.
pub fn priced_by_desk(store: &Store) -> Result<bool> {
    Ok(store.team_binding()?.is_some_and(|b| !b.technician.is_empty()))
}

/// The adjustments that bill a change to work in a closed month in the current month (see
/// [`book_correction`]); the added entry's key is `add:` (the store fills in its id). Errors: the
/// month is not closed, a correction that moves an entry to another month.
pub fn price_correction(
    store: &Store,
    settings: &Settings,
    ticket: &TicketRow,
    add: Option<&NewEntry>,
    remove: Option<&TimeEntryRow>,
    now: DateTime<Utc>,
) -> Result<Vec<NewAdjustment>> {
    let cal = &settings.calendar;
    let started = add.map(|e| e.started_at).or(remove.map(|e| e.started_at));
    let Some(started) = started else {
        return Err(StoreError::Invalid(t!("correction-needs-entry")));
    };
    let work_month = cal.month_of(started);
    if let (Some(a), Some(r)) = (add, remove)
        && cal.month_of(a.started_at) != cal.month_of(r.started_at)
    {
        return Err(StoreError::Invalid(t!("correction-month-moved")));
    }
    if !store.is_month_closed(work_month)? {
        return Err(StoreError::Invalid(t!("correction-month-open", month = work_month.to_string())));
    }
    let customer =
        store.customer(&ticket.customer_id)?.ok_or_else(|| StoreError::NotFound(t!("statement-customer-missing")))?;
    let settings = &frozen_settings(store, settings, &customer.id, work_month)?;
    let (tier, mut work) = billed_work(store, settings, &customer, work_month)?;
    let total = |w: &MonthWork| billing::statement(&settings.tariffs, work_month, tier, w).total_excl_vat;
    let booked_month = cal.month_of(now);
    let adjustment = |minutes: i64, amount, key: String| NewAdjustment {
        customer_id: customer.id.to_string(),
        ticket_id: Some(ticket.id.to_string()),
        work_month,
        booked_month,
        minutes,
        amount,
        description: describe(work_month, &ticket.number, minutes),
        entry_id: Some(key),
    };
    let mut adjustments = Vec::new();
    if let Some(r) = remove
        && work.entries.iter().any(|e| e.entry_id == r.id.as_str())
    {
        let before = total(&work);
        work.entries.retain(|e| e.entry_id != r.id.as_str());
        adjustments.push(adjustment(-i64::from(r.minutes), total(&work) - before, format!("void:{}", r.id)));
    }
    if let Some(a) = add {
        let before = total(&work);
        // A consultation with no work in the month yet has no free minutes counted in it: the ones it
        // has left at the month's start are (a free one's new line is free up to them, as the month
        // reopened would bill it).
        let id = ticket.id.as_str();
        if ticket.kind == crate::domain::TicketKind::Consultation && !work.free_consultation_left.contains_key(id) {
            let (from, _) = cal.month_bounds(work_month);
            if let Some(left) = super::free_consultation_left(store, settings, &customer, id, from)? {
                work.free_consultation_left.insert(id.to_string(), left);
            }
        }
        work.entries.push(work_entry("new", ticket, a.started_at, a.minutes.get(), a.role));
        // `add:` gets the new entry's id when the store creates it.
        adjustments.push(adjustment(i64::from(a.minutes.get()), total(&work) - before, "add:".into()));
    }
    Ok(adjustments)
}

/// Prices changes to closed months that arrived from another copy (entries added or removed there):
/// each becomes an adjustment in the current month, keyed by the entry so it is booked once. The
/// arrivals of one customer's month are priced one after another from what was billed so far, so
/// together they bill what changed (prepaid minutes and rounding are shared between them). Returns
/// the total booked.
pub fn reconcile_arrivals(
    store: &mut Store,
    settings: &Settings,
    entry_ids: &[String],
    now: DateTime<Utc>,
) -> Result<rust_decimal::Decimal> {
    struct Arrival {
        entry: TimeEntryRow,
        ticket: TicketRow,
        add: bool,
        void: bool,
    }
    let mut months: std::collections::BTreeMap<(String, YearMonth), Vec<Arrival>> = Default::default();
    for id in entry_ids {
        let Some(closed) = store.closed_work(&crate::domain::EntryId::new(id.as_str()))? else { continue };
        // Billed in the closed month so far: frozen with it, or added by a correction since, and not
        // removed by one. A version that arrived and lost to another one (voided on arrival) was never
        // billed: nothing to do.
        let billed = (closed.frozen || store.has_adjustment_key(&format!("add:{id}"))?)
            && !store.has_adjustment_key(&format!("void:{id}"))?;
        let needs_add = !closed.voided && !billed;
        let needs_void = closed.voided && billed;
        if !needs_add && !needs_void {
            continue;
        }
        let Some((entry, ticket)) = store.entry_with_ticket(&crate::domain::EntryId::new(id.as_str()))? else {
            continue;
        };
        let arrival = Arrival { entry, ticket, add: needs_add, void: needs_void };
        months.entry((arrival.ticket.customer_id.to_string(), closed.month)).or_default().push(arrival);
    }
    let booked_month = settings.calendar.month_of(now);
    let mut booked = rust_decimal::Decimal::ZERO;
    for ((customer_id, month), arrivals) in months {
        let customer = store
            .customer(&crate::domain::CustomerId::new(customer_id))?
            .ok_or_else(|| StoreError::NotFound(t!("statement-customer-missing")))?;
        // From the month as billed so far, the arrivals one after another, at the month's own prices.
        let priced = frozen_settings(store, settings, &customer.id, month)?;
        let (tier, mut work) = billed_work(store, &priced, &customer, month)?;
        let total = |w: &MonthWork| billing::statement(&priced.tariffs, month, tier, w).total_excl_vat;
        let as_work =
            |a: &Arrival| work_entry(&a.entry.id, &a.ticket, a.entry.started_at, a.entry.minutes, a.entry.role);
        let in_order =
            |w: &mut MonthWork| w.entries.sort_by(|a, b| (a.started, &a.entry_id).cmp(&(b.started, &b.entry_id)));
        let mut adjustments = Vec::new();
        for a in &arrivals {
            let line = |minutes: i64, amount, key: String| NewAdjustment {
                customer_id: customer.id.to_string(),
                ticket_id: Some(a.ticket.id.to_string()),
                work_month: month,
                booked_month,
                minutes,
                amount,
                description: format!("{} (synced)", describe(month, &a.ticket.number, minutes)),
                entry_id: Some(key),
            };
            let minutes = i64::from(a.entry.minutes);
            if a.add {
                let before = total(&work);
                work.entries.push(as_work(a));
                in_order(&mut work);
                adjustments.push(line(minutes, total(&work) - before, format!("add:{}", a.entry.id)));
            }
            if a.void {
                let before = total(&work);
                work.entries.retain(|e| e.entry_id != a.entry.id.as_str());
                adjustments.push(line(-minutes, total(&work) - before, format!("void:{}", a.entry.id)));
            }
        }
        booked += adjustments.iter().map(|a| a.amount).sum::<rust_decimal::Decimal>();
        store.book_correction(None, None, adjustments, now)?;
    }
    Ok(booked)
}

/// Reprices every closed month of the customers `customer_ids` (the team file, after corrections were
/// priced): what each closed month costs now — its work as billed, under the tier it was frozen with,
/// with the free consultations and ticket kinds as they are now — against what was frozen plus the
/// corrections booked for it so far. A difference (a tier change or a consultation that arrived later
/// and changed which consultations are the year's free ones, a ticket's kind changed, free minutes used
/// up by earlier work that arrived since) is booked as one more correction in the current month. So a
/// closed month's corrections add up to what it costs with everything known now, whatever order the
/// changes arrived in. Returns the total booked.
pub fn reprice_closed_months(
    store: &mut Store,
    settings: &Settings,
    customer_ids: &std::collections::BTreeSet<String>,
    now: DateTime<Utc>,
) -> Result<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    let mut months = store.closed_months()?;
    months.sort();
    let booked_month = settings.calendar.month_of(now);
    let money = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    let mut adjustments = Vec::new();
    for customer_id in customer_ids {
        let Some(customer) = store.customer(&crate::domain::CustomerId::new(customer_id.as_str()))? else { continue };
        for &month in &months {
            if month >= booked_month {
                continue;
            }
            let priced = frozen_settings(store, settings, &customer.id, month)?;
            let (tier, mut work) = billed_work(store, &priced, &customer, month)?;
            work.adjustments.clear();
            let now_costs = billing::statement(&priced.tariffs, month, tier, &work);
            let target = now_costs.total_excl_vat - now_costs.fee;
            let frozen = match store.closed_statement(month, &customer.id)? {
                Some(body) => {
                    let doc: StatementDoc =
                        serde_json::from_str(&body).map_err(|e| StoreError::Invalid(e.to_string()))?;
                    let earlier: Decimal = doc.adjustments.iter().map(|a| money(&a.amount)).sum();
                    money(&doc.total_excl_vat) - money(&doc.fee) - earlier
                }
                None => Decimal::ZERO,
            };
            let corrected: Decimal =
                store.adjustments_for_work(&customer.id, month)?.iter().map(|a| money(&a.amount)).sum();
            let difference = target - frozen - corrected;
            if difference.is_zero() {
                continue;
            }
            adjustments.push(NewAdjustment {
                customer_id: customer.id.to_string(),
                ticket_id: None,
                work_month: month,
                booked_month,
                minutes: 0,
                amount: difference,
                description: format!(
                    "correction of {month}: repriced (free consultations, ticket kinds or earlier work changed since)"
                ),
                entry_id: Some(reprice_key(&customer.id, month, store.reprice_rounds(&customer.id, month)? + 1)),
            });
        }
    }
    let booked = adjustments.iter().map(|a| a.amount).sum();
    if !adjustments.is_empty() {
        store.book_correction(None, None, adjustments, now)?;
    }
    Ok(booked)
}

/// The key of a customer's `round`-th repricing of its closed `month`: `reprice:CUSTOMER:YYYY-MM:ROUND`.
/// Two desks that reprice the same round (one priced and vanished before it pushed, another priced
/// meanwhile) book it under one key, and only the first by id counts (`store::months::COUNTED`), so a
/// month is never corrected twice; whatever the counted one missed is the next round's difference.
pub fn reprice_key(customer_id: &str, month: YearMonth, round: u32) -> String {
    format!("reprice:{customer_id}:{month}:{round}")
}

/// The settings a customer's closed `month` is priced with: this price list with the terms its
/// statement was frozen with ([`FrozenTerms`]), so a price list edited since changes no closed month;
/// a statement frozen before the terms were kept gives its own fee, prepaid minutes and line rates
/// (its block size and free consultation minutes are then this list's). No frozen statement (a
/// no-contract customer with nothing billed when it closed): the month's block size and no-contract
/// rates from any statement frozen with its terms, else this price list.
fn frozen_settings(
    store: &Store,
    settings: &Settings,
    customer_id: &crate::domain::CustomerId,
    month: YearMonth,
) -> Result<Settings> {
    let parse = |body: &str| -> Result<StatementDoc> {
        serde_json::from_str(body).map_err(|e| StoreError::Invalid(e.to_string()))
    };
    let Some(body) = store.closed_statement(month, customer_id)? else {
        // Nothing was billed to this customer (no contract) when the month closed: the rates every
        // no-contract customer had that month, from any statement frozen with its terms.
        return Ok(match store.closed_terms_statement(month)? {
            Some(other) => match parse(&other)?.terms {
                Some(terms) => {
                    Settings { tariffs: settings.tariffs.with_frozen(Tier::None, &terms), ..settings.clone() }
                }
                None => settings.clone(),
            },
            None => settings.clone(),
        });
    };
    let doc = parse(&body)?;
    let terms = doc.terms.clone().unwrap_or_else(|| terms_shown(&settings.tariffs, &doc));
    Ok(Settings { tariffs: settings.tariffs.with_frozen(doc.tier, &terms), ..settings.clone() })
}

/// The terms a frozen statement's own figures show (one frozen before the terms were kept).
fn terms_shown(tariffs: &crate::domain::Tariffs, doc: &StatementDoc) -> FrozenTerms {
    use crate::domain::Role;
    let mut terms = tariffs.frozen_terms(doc.tier);
    let money = |s: &str| s.parse::<rust_decimal::Decimal>().ok();
    if doc.tier.has_contract() {
        terms.prepaid_minutes = doc.prepaid_minutes;
        terms.monthly_fee = money(&doc.fee).unwrap_or(terms.monthly_fee);
        terms.hourly_rate = doc.lines.iter().find_map(|l| money(&l.rate)).unwrap_or(terms.hourly_rate);
    } else {
        for line in &doc.lines {
            match (line.role, money(&line.rate)) {
                (Some(Role::Technician), Some(rate)) => terms.technician_rate = rate,
                (Some(Role::Consultant), Some(rate)) => terms.consultant_rate = rate,
                _ => {}
            }
        }
    }
    terms
}

/// A customer's closed month as billed so far (see `Store::billed_work`), with the tier it was closed
/// with and its free consultation minutes.
fn billed_work(store: &Store, settings: &Settings, customer: &Customer, month: YearMonth) -> Result<(Tier, MonthWork)> {
    let (tier, mut work) = month_work(store, settings, customer, month)?;
    let (from, to) = settings.calendar.month_bounds(month);
    work.entries = store.billed_work(&customer.id, month, from, to)?;
    Ok((tier, work))
}

fn describe(month: YearMonth, ticket: &str, minutes: i64) -> String {
    let sign = if minutes >= 0 { "+" } else { "-" };
    format!("correction of {month}: ticket {ticket} {sign}{}", format_minutes(minutes.abs()))
}

fn work_entry(
    id: &str,
    ticket: &TicketRow,
    started: DateTime<Utc>,
    minutes: u32,
    role: crate::domain::Role,
) -> WorkEntry {
    WorkEntry {
        entry_id: id.to_string(),
        ticket_id: ticket.id.to_string(),
        ticket_number: ticket.number.clone(),
        ticket_title: ticket.title.clone(),
        kind: ticket.kind,
        started,
        minutes,
        role,
    }
}
