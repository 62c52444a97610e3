//! Month statements assembled from the store with the domain's billing rules: live statements, the
//! documents that are exported and frozen when a month is closed (`doc`), closing and corrections
//! (`close`), and the yearly obligations (`obligations`).

mod close;
mod doc;
mod obligations;

pub use close::{book_correction, close_month, reconcile_arrivals, reopen_month};
pub use doc::{AdjustmentDoc, LineDoc, StatementDoc, csv_text, month_docs, neutralise, statement_doc};
pub use obligations::{Obligations, obligations};

use chrono::{DateTime, Datelike, Utc};

use crate::config::Settings;
use crate::domain::billing::{self, MonthWork, Statement};
use crate::domain::tariff::Entitlement;
use crate::domain::{BusinessCalendar, Tier, YearMonth};
use crate::store::{Customer, Result, Store};

/// One customer's statement for one month, with the upgrade suggestion.
#[derive(Debug, Clone)]
pub struct CustomerStatement {
    pub customer: Customer,
    pub statement: Statement,
    pub upgrade_to: Option<Tier>,
}

/// The instants where a month starts and ends in the provider's zone: `[from, to)`.
pub fn month_bounds(cal: &BusinessCalendar, month: YearMonth) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |m: YearMonth| cal.local_instant(m.first_day().and_hms_opt(0, 0, 0).unwrap_or_default());
    (start(month), start(month.next()))
}

/// The month an instant falls in, in the provider's zone.
pub fn month_of(cal: &BusinessCalendar, t: DateTime<Utc>) -> YearMonth {
    YearMonth::of(cal.local_date(t))
}

/// The statement of one customer for one month (without the upgrade look-back), computed live.
pub fn statement(store: &Store, settings: &Settings, customer: &Customer, month: YearMonth) -> Result<Statement> {
    let (tier, work) = month_work(store, settings, customer, month)?;
    Ok(billing::statement(&settings.tariffs, month, tier, &work))
}

/// Everything billing needs for one customer's month: the tier in force, the work, free consultation
/// minutes left, and the adjustments billed in it.
pub fn month_work(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<(Tier, MonthWork)> {
    let cal = &settings.calendar;
    let tier = store.tier_in(&customer.id, month)?;
    let (from, to) = month_bounds(cal, month);
    let entries = store.work_between(&customer.id, from, to)?;
    let mut work = MonthWork { entries, ..MonthWork::default() };
    let mut consultations: Vec<&str> = work
        .entries
        .iter()
        .filter(|e| e.kind == crate::domain::TicketKind::Consultation)
        .map(|e| e.ticket_id.as_str())
        .collect();
    consultations.sort_unstable();
    consultations.dedup();
    let mut free_left = Vec::new();
    for ticket_id in consultations {
        if let Some(left) = free_consultation_left(store, settings, customer, ticket_id, from)? {
            free_left.push((ticket_id.to_string(), left));
        }
    }
    work.free_consultation_left.extend(free_left);
    for a in store.adjustments_booked(&customer.id, month)? {
        let amount = a.amount.parse().unwrap_or_default();
        work.adjustments.push(billing::Adjustment { description: a.description, amount });
    }
    Ok((tier, work))
}

/// Free minutes a consultation ticket has left at `at`, if it is one of its year's free consultations.
fn free_consultation_left(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    ticket_id: &str,
    at: DateTime<Utc>,
) -> Result<Option<u32>> {
    let cal = &settings.calendar;
    let Some(ticket) = store.ticket(ticket_id)? else { return Ok(None) };
    let opened_month = month_of(cal, ticket.received_at);
    let quota = settings.tariffs.free_consultations(store.tier_in(&customer.id, opened_month)?);
    if quota == 0 {
        return Ok(None);
    }
    let opened = quota_consultations(store, settings, customer, opened_month.year())?;
    if !billing::free_consultations(quota, &opened).contains(&ticket_id) {
        return Ok(None);
    }
    let used = store.minutes_before(ticket_id, at)?;
    Ok(Some(settings.tariffs.free_consultation_minutes.saturating_sub(used)))
}

/// The consultation tickets a customer opened in `year` while a tier with free consultations was in
/// force: (id, opened at). One opened under STANDARD or without a contract is billed in full and takes
/// no place in the year's free ones.
pub(crate) fn quota_consultations(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    year: i32,
) -> Result<Vec<(String, DateTime<Utc>)>> {
    let cal = &settings.calendar;
    let (Some(jan), Some(dec)) = (YearMonth::new(year, 1), YearMonth::new(year, 12)) else { return Ok(Vec::new()) };
    let mut counted = Vec::new();
    for (id, at) in store.consultations_opened(&customer.id, month_bounds(cal, jan).0, month_bounds(cal, dec).1)? {
        if settings.tariffs.free_consultations(store.tier_in(&customer.id, month_of(cal, at))?) > 0 {
            counted.push((id, at));
        }
    }
    Ok(counted)
}

/// The statement with the upgrade suggestion (looks back over the previous months).
pub fn customer_statement(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<CustomerStatement> {
    let current = statement(store, settings, customer, month)?;
    let n = settings.tariffs.upgrade_after_months.max(1);
    let mut recent = Vec::with_capacity(n as usize);
    let mut m = month;
    for _ in 1..n {
        m = m.prev();
        let s = statement(store, settings, customer, m)?;
        recent.push((s.tier, s.overage_minutes));
    }
    recent.reverse();
    recent.push((current.tier, current.overage_minutes));
    let upgrade_to = billing::upgrade_suggestion(&settings.tariffs, &recent);
    Ok(CustomerStatement { customer: customer.clone(), statement: current, upgrade_to })
}

/// One live statement per customer with a contract in force, billable work or adjustments in the
/// month, by name.
pub fn month_report(store: &Store, settings: &Settings, month: YearMonth) -> Result<Vec<CustomerStatement>> {
    let (from, to) = month_bounds(&settings.calendar, month);
    let mut with_work: std::collections::HashSet<String> = store.customers_with_work(from, to)?.into_iter().collect();
    with_work.extend(store.customers_with_adjustments(month)?);
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.customers_page(cursor.as_ref(), 500)?;
        let Some((_, last)) = page.last() else { break };
        cursor = Some(last.clone());
        for (customer, _) in page {
            let under_contract = store.tier_in(&customer.id, month)?.has_contract();
            if !under_contract && !with_work.contains(&customer.id) {
                continue;
            }
            let s = customer_statement(store, settings, &customer, month)?;
            if !s.statement.is_empty() {
                out.push(s);
            }
        }
    }
    Ok(out)
}

/// Whether a tier's contract includes product modifications (change requests); no contract: no.
pub fn product_modifications(settings: &Settings, tier: Tier) -> Entitlement {
    settings.tariffs.terms(tier).map_or(Entitlement::No, |t| t.product_modifications)
}

/// What a change request (product modification) means for a customer of `tier`: the CLI prints it
/// when one is opened or shown, the ticket view shows it on change tickets.
pub fn entitlement_note(settings: &Settings, tier: Tier) -> String {
    let label = settings.tariffs.label(tier);
    match product_modifications(settings, tier) {
        Entitlement::No => {
            format!("product modifications are not included in {label}: this change is billed as paid work")
        }
        Entitlement::Partly => format!("product modifications are partly included in {label}"),
        Entitlement::Yes => format!("product modifications are included in {label}"),
    }
}

/// The current month in the provider's zone.
pub fn current_month(cal: &BusinessCalendar, now: DateTime<Utc>) -> YearMonth {
    let d = cal.local_date(now);
    YearMonth::new(d.year(), d.month()).unwrap_or_else(|| YearMonth::of(d))
}
