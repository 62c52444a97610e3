//! Month statements assembled from the store with the domain's billing rules: live statements, the
//! documents that are exported and frozen when a month is closed (`doc`), closing and corrections
//! (`close`), and the yearly obligations (`obligations`).
//!
//! Measured and left out (a month report of the full-size demo, 10k customers and 10M entries, 26 MB
//! of JSON, ~400 ms of CPU warm): a 64 MiB page cache for the report's read halves the pages read
//! from the file (15,800 to 7,750: customers come by name and their totals by id, so a page is
//! visited again after the usual 16 MiB cache let it go) but not the CPU time (the new cache pages
//! cost as many page faults as the reads they save). Where the time goes (perf, warm): the month's
//! totals 25 %, the upgrade look-back's figures of the two months before 21 %, JSON 15 %, ranking
//! consultations 10 %; SQLite's stepping is 40 % of the whole. Since, the month's totals are read
//! in one pass for every customer and the JSON is written field by field (`cli::report_json`):
//! 300–340 ms of CPU. Since schema 14 the look-back reads per (customer, month) figures kept beside
//! the month totals (`month_figures`: one row per customer and month, read in one range, see
//! [`crate::domain::billing::MonthFigures`]) and the year's consultations are ranked from one pass
//! over their index: about 220 ms of CPU (since, a range of that index per customer who may have
//! free ones, `Store::consultations_opened_of`).
//!
//! On a cold cache the same report waited on the disk for the month totals read customer by
//! customer (by name: in no order of the file): the upgrade look-back's two months 64 % of the
//! waits, the month itself 22 %, free consultations' earlier minutes 12 % (sched_switch stacks,
//! compacted full-size file). [`each_month_statement`] therefore reads the three months once in key
//! order first (`Store::preload_month_totals`: 10–20 ms warm), and a free consultation's earlier
//! minutes come from the month totals (`Store::minutes_before_month`). A cold report of the compacted
//! full-size file went from 850–970 ms to 660–710 ms, of the file as the demo wrote it from 2.5 s to
//! 2.1–2.3 s (`benches/full_size.sh`; the same output byte for byte).
//!
//! Since (2 Dec 2026, callgrind, full size): 853 → 767 M instructions for the JSON report. A line's
//! first entry is read only for a customer with two lines starting in the same second; numbers and
//! titles made into text with a quicker check for ASCII, kinds and roles compared as bytes; the
//! JSON writes a live statement from the statement itself (`doc::Billed`: no document of text
//! amounts made of it) and keeps the text of amounts met lately; the look-back's figures are kept as
//! read and found by a binary search (`store::FiguresTable`); the year's consultations are placed in
//! their months among the year's twelve first instants, not through the zone's transitions.
//!
//! On two cores (`HELPDESK_THREADS`, by default the machine's) [`each_month_statement`] reads the
//! customers, their tier histories, the look-back's figures and the closed months on a second
//! connection of the same snapshot while the month's lines are read (`Store::read_beside`), then
//! takes customers' lines from the top of the month while the first reads on from the bottom
//! (`store::month_totals_each`), and the JSON report is written on a second thread while the
//! statements are billed (`cli::report`'s `json_beside`). The second connection and the second
//! thread: at full size the report's wall time 114–165 → 94–125 ms median (minimum 104–112 → 84–92)
//! for 1–35 % more CPU time, at 100k the same (2 Dec 2026, README "Issue 13's two-core round"); the
//! month read from both ends: full size 162 → 139 ms median, 100k 45 → 39, the same CPU time (3 Dec
//! 2026, README "Issue 13's afternoon round").

mod close;
mod csv_doc;
mod doc;
mod history;
mod live;
mod obligations;
pub mod timers;
mod upgrades;

pub use close::{
    book_correction, close_month, price_correction, priced_by_desk, reconcile_arrivals, reopen_month,
    reprice_closed_months,
};
pub use csv_doc::{CsvStatements, csv_text, neutralise};
pub use doc::{
    AdjustmentDoc, Billed, BilledOwned, LineDoc, StatementDoc, each_month_doc, each_month_doc_billed,
    each_month_doc_owned, line_marks, month_docs, statement_doc, vat_rate_text,
};
#[cfg(test)]
pub(crate) use doc::{doc_from, line_doc};
pub use history::{PrepaidMonth, prepaid_history};
pub use obligations::{Obligations, obligations};
pub use upgrades::{default_upgrades, previous_month_upgrade};

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::billing::{self, MonthWork, Statement};
use crate::domain::tariff::Entitlement;
use crate::domain::{Tier, YearMonth};
use crate::store::{Customer, Result, Store};
use live::Biller;

/// One customer's statement for one month, with the upgrade suggestion.
#[derive(Debug, Clone)]
pub struct CustomerStatement {
    pub customer: Customer,
    pub statement: Statement,
    pub upgrade_to: Option<Tier>,
}

/// The statement of one customer for one month (without the upgrade look-back), computed live.
pub fn statement(store: &Store, settings: &Settings, customer: &Customer, month: YearMonth) -> Result<Statement> {
    store.snapshot(|| Biller::new(store, settings).statement(customer, month, None, true, true))
}

/// Everything billing needs for one customer's month, entry by entry (corrections add and remove
/// single entries): the tier in force, the work, free consultation minutes left, and the adjustments
/// billed in it.
pub fn month_work(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<(Tier, MonthWork)> {
    Biller::new(store, settings).month_work(customer, month)
}

/// Free minutes a consultation ticket of `customer` has left at `at` (DOMAIN.md: the year's first
/// consultations are "free for their first 120 minutes of work, consumed in the order the work
/// started"): `None` when it is not one of its year's free ones.
pub(crate) fn free_consultation_left(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    ticket_id: &str,
    at: DateTime<Utc>,
) -> Result<Option<u32>> {
    Biller::new(store, settings).free_consultation_left(customer, ticket_id, at)
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
    Biller::new(store, settings).ranked_consultations(customer, year)
}

/// The statement with the upgrade suggestion (looks back over the previous months).
pub fn customer_statement(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<CustomerStatement> {
    store.snapshot(|| {
        let mut biller = Biller::new(store, settings);
        let current = biller.statement(customer, month, None, true, true)?;
        let closed = store.closed_months()?;
        let upgrade_to =
            upgrade_of(settings, store, &closed, customer, &current, |m| biller.over_prepaid(customer, m))?;
        Ok(CustomerStatement { customer: customer.clone(), statement: current, upgrade_to })
    })
}

/// The upgrade suggestion for `current`'s statement from the months before it. `over_in(m)`: the
/// tier in force in month `m` and whether its billable minutes went over the prepaid ones. The
/// suggestion needs every month of its window over the prepaid minutes under a contract and a tier
/// to go to, so the look-back stops at the first month that is not (most customers need none).
///
/// A month in `closed` (closed months) counts as its frozen statement shows it (DOMAIN.md: "whose
/// statement shows overage in three consecutive calendar months"): the tier and overage it was
/// frozen with, whatever corrections of its work were booked in later months since (those bill in
/// the month they were booked in and change no minutes of the month they correct); a customer with
/// no frozen statement in a closed month had nothing billed in it.
fn upgrade_of(
    settings: &Settings,
    store: &Store,
    closed: &[YearMonth],
    customer: &Customer,
    current: &Statement,
    mut over_in: impl FnMut(YearMonth) -> Result<(Tier, bool)>,
) -> Result<Option<Tier>> {
    let tariffs = &settings.tariffs;
    let over_now = current.tier.has_contract() && current.overage_minutes > 0;
    let may_upgrade = tariffs.upgrade_after_months > 0
        && over_now
        && tariffs.terms(current.tier).and_then(|t| t.upgrade_to).is_some();
    let mut recent = Vec::new();
    if may_upgrade {
        let mut m = current.month;
        for _ in 1..tariffs.upgrade_after_months {
            m = m.prev();
            let (tier, over) = if closed.contains(&m) {
                store.frozen_overage(m, &customer.id)?.map_or((Tier::None, false), |(tier, over)| (tier, over > 0))
            } else {
                over_in(m)?
            };
            let over = tier.has_contract() && over;
            recent.push((tier, over));
            if !over {
                break;
            }
        }
    }
    recent.reverse();
    recent.push((current.tier, over_now));
    Ok(if may_upgrade { billing::upgrade_after(tariffs, &recent) } else { None })
}

/// One live statement per customer with a contract in force, billable work or adjustments in the
/// month, by name (see [`each_month_statement`]).
pub fn month_report(store: &Store, settings: &Settings, month: YearMonth) -> Result<Vec<CustomerStatement>> {
    let mut out = Vec::new();
    each_month_statement(store, settings, month, |s| {
        out.push(s);
        Ok(())
    })?;
    Ok(out)
}

/// [`month_report`] one statement at a time, in customers' name order, inside one read: `visit`
/// gets each as it is computed (an export writes it and lets it go). With month totals the month's
/// lines of every customer are read first, in one pass over the month's key, from both ends on two
/// connections (`Store::month_work_totals_from`: on the full-size demo 53k lines, about 15 MB held
/// while the report runs), and the upgrade look-back's months from
/// the month figures, one range for all of them (`Store::month_figures`: a row per customer and
/// month); a month the figures cannot tell (its consultations decide it) is billed.
pub fn each_month_statement(
    store: &Store,
    settings: &Settings,
    month: YearMonth,
    mut visit: impl FnMut(CustomerStatement) -> Result<()>,
) -> Result<()> {
    store.snapshot(|| {
        let n = settings.tariffs.upgrade_after_months.max(1);
        let first = std::iter::successors(Some(month), |m| Some(m.prev())).nth(n as usize - 1).unwrap_or(month);
        let biller = Biller::new(store, settings);
        let totals = biller.uses_totals();
        let (mut month_lines, reads) = if totals {
            // The month read in key order (see `store::month_totals_each`), and, on a second
            // connection of the same snapshot beside it, what does not depend on it: the customers,
            // their tier histories, the look-back's figures in one range (see `store::twin`).
            // The second connection, once those are read, takes the month's customers from the top
            // of the key while this one goes on from the bottom, until they meet.
            let look_back = (first < month).then(|| (first, month.prev()));
            let meeting = crate::store::Meeting::default();
            let (mut bottom, (reads, top)) = store.read_beside(
                |twin| {
                    let reads = MonthReads::read(twin, month, look_back)?;
                    Ok((reads, twin.month_work_totals_from(month, crate::store::End::Top, &meeting)?))
                },
                || store.month_work_totals_from(month, crate::store::End::Bottom, &meeting),
            )?;
            bottom.extend(top);
            (bottom, reads)
        } else {
            (rustc_hash::FxHashMap::default(), MonthReads::read(store, month, None)?)
        };
        let MonthReads { tiers, adjusted, figures, closed, customers } = reads;
        let mut biller = biller.with_histories(tiers);
        let with_work: Option<HashSet<crate::domain::CustomerId>> = if totals {
            // The year's consultations ranked for every customer who worked one in the month.
            let consulted: HashSet<&str> = month_lines
                .iter()
                .filter(|(_, lines)| lines.iter().any(|l| l.kind == crate::domain::TicketKind::Consultation))
                .map(|(id, _)| id.as_str())
                .collect();
            biller.rank_consultations_of(month.year(), &consulted)?;
            None
        } else {
            let (from, to) = settings.calendar.month_bounds(month);
            Some(store.customers_with_work(from, to)?.into_iter().collect())
        };
        // Every customer at once, in the order `each_customer` gives them: its pages in name order
        // looked each customer up through the name index (at full size, 10 000 customers, 7 % of the
        // report).
        customers.into_iter().try_for_each(|customer| -> Result<()> {
            let id = &customer.id;
            let lines = match &with_work {
                None => Some(month_lines.remove(id).unwrap_or_default()),
                Some(_) => None,
            };
            let has_work = match &with_work {
                Some(set) => set.contains(id),
                None => lines.as_ref().is_some_and(|l| !l.is_empty()),
            };
            let is_adjusted = adjusted.contains(id);
            if !has_work && !is_adjusted && !biller.tier(id, month)?.has_contract() {
                return Ok(());
            }
            let current = biller.statement(&customer, month, lines, is_adjusted, true)?;
            let upgrade_to = upgrade_of(settings, store, &closed, &customer, &current, |m| {
                if with_work.is_some() {
                    return biller.over_prepaid(&customer, m);
                }
                let tier = biller.tier(id, m)?;
                if !tier.has_contract() {
                    return Ok((tier, false));
                }
                let told = match figures.get(m, id) {
                    // No work in the month: nothing over the prepaid minutes.
                    None => Some(false),
                    Some(f) => f.over_prepaid(&settings.tariffs, tier),
                };
                match told {
                    Some(over) => Ok((tier, over)),
                    None => biller.over_prepaid(&customer, m),
                }
            })?;
            if !current.is_empty() {
                visit(CustomerStatement { customer, statement: current, upgrade_to })?;
            }
            Ok(())
        })
    })
}

/// What a month report reads besides the month's lines: independent of them, so read beside them
/// on a second connection of the same snapshot (see [`each_month_statement`], `store::twin`).
struct MonthReads {
    /// Every customer's tier history.
    tiers: crate::domain::tiers::TierBook,
    /// Who has adjustments booked in the month (a handful of customers).
    adjusted: HashSet<crate::domain::CustomerId>,
    /// The look-back's month figures (none read without a look-back range).
    figures: crate::store::FiguresTable,
    /// The closed months, latest first.
    closed: Vec<YearMonth>,
    /// Every customer, in the store's name order.
    customers: Vec<Customer>,
}

impl MonthReads {
    /// Reads them from `store`; `look_back`: the first and last month of the upgrade look-back's
    /// figures, when they are read from the month figures. Errors: the store's.
    fn read(store: &Store, month: YearMonth, look_back: Option<(YearMonth, YearMonth)>) -> Result<Self> {
        Ok(Self {
            tiers: store.tier_book()?,
            adjusted: store.customers_with_adjustments(month)?.into_iter().collect(),
            figures: match look_back {
                Some((from, to)) => store.month_figures(from, to)?,
                None => crate::store::FiguresTable::default(),
            },
            closed: store.closed_months()?,
            customers: store.all_customers()?,
        })
    }
}

/// Whether a tier's contract includes product modifications (change requests); no contract: no.
pub fn product_modifications(settings: &Settings, tier: Tier) -> Entitlement {
    settings.tariffs.terms(tier).map_or(Entitlement::No, |t| t.product_modifications)
}

/// What a change request (product modification) means for a customer of `tier`: the CLI prints it
/// when one is opened or shown, the ticket view shows it on change tickets.
pub fn entitlement_note(settings: &Settings, tier: Tier) -> String {
    let label = crate::i18n::words::tier(&settings.tariffs, tier);
    match product_modifications(settings, tier) {
        Entitlement::No => crate::t!("entitlement-no", tier = label),
        Entitlement::Partly => crate::t!("entitlement-partly", tier = label),
        Entitlement::Yes => crate::t!("entitlement-yes", tier = label),
    }
}
