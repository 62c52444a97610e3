//! The statement as a document: what JSON and CSV exports carry and what a closed month freezes.
//! Money is a plain decimal string with two places (`"1234.50"`), minutes are integers. Both raw and
//! rounded minutes are on every line, so a customer can see why 7 minutes became 15.

use serde::{Deserialize, Serialize};

use super::{CustomerStatement, customer_statement};
use crate::config::Settings;
use crate::domain::billing::BillingLine;
use crate::domain::money::plain;
use crate::domain::{Role, TicketKind, Tier, YearMonth};
use crate::store::{AdjustmentRow, Customer, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementDoc {
    pub customer: String,
    /// The customer's id (not in the document: two customers can read the same, and a month's close
    /// freezes each statement under its own customer, not the first of that name).
    #[serde(skip)]
    pub customer_id: Option<crate::domain::CustomerId>,
    pub month: String,
    pub tier: Tier,
    pub fee: String,
    pub prepaid_minutes: u32,
    pub billable_minutes: u32,
    pub prepaid_used_minutes: u32,
    pub prepaid_left_minutes: u32,
    pub overage_minutes: u32,
    pub overage_amount: String,
    pub total_excl_vat: String,
    pub vat_rate: String,
    pub vat: String,
    pub total_incl_vat: String,
    pub upgrade_suggested: bool,
    pub upgrade_to: Option<Tier>,
    /// Whether this is the frozen statement of a closed month.
    pub closed: bool,
    pub lines: Vec<LineDoc>,
    /// Corrections of earlier (closed) months billed in this one.
    pub adjustments: Vec<AdjustmentDoc>,
    /// Corrections of this (closed) month billed in a later one.
    #[serde(default)]
    pub later_corrections: Vec<AdjustmentDoc>,
    /// The price-list terms the month was billed with: held in a closed month's frozen body only
    /// (what its corrections are priced with), never shown (`None` in every document read out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<crate::domain::tariff::FrozenTerms>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineDoc {
    pub ticket: String,
    pub title: String,
    pub kind: TicketKind,
    pub role: Option<Role>,
    pub rate: String,
    pub raw_minutes: u32,
    pub free_minutes: u32,
    pub rounded_minutes: u32,
    pub prepaid_minutes: u32,
    pub overage_minutes: u32,
    pub amount: String,
    /// `incident` (free), `consultation`, `free consultation`.
    pub marks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustmentDoc {
    pub description: String,
    pub work_month: String,
    pub booked_month: String,
    pub minutes: i64,
    pub amount: String,
}

impl From<&AdjustmentRow> for AdjustmentDoc {
    fn from(a: &AdjustmentRow) -> Self {
        AdjustmentDoc {
            description: a.description.clone(),
            work_month: a.work_month.clone(),
            booked_month: a.booked_month.clone(),
            minutes: a.minutes,
            amount: a.amount.clone(),
        }
    }
}

/// A billing line as its statement document shows it.
pub(crate) fn line_doc(l: &BillingLine) -> LineDoc {
    line_doc_of(l, l.ticket_number.clone(), l.ticket_title.clone(), plain(l.rate))
}

/// [`line_doc`] taking the line's ticket number and title whole (a month report: no copies). `rate`:
/// the last rate written and its text (a statement's lines share one or two rates).
fn line_doc_owned(mut l: BillingLine, rate: &mut Option<(rust_decimal::Decimal, String)>) -> LineDoc {
    let (number, title) = (std::mem::take(&mut l.ticket_number), std::mem::take(&mut l.ticket_title));
    let text = match rate {
        // The same bits (an equal amount could differ in scale or sign of zero).
        Some((r, text)) if rust_decimal::Decimal::serialize(&*r) == rust_decimal::Decimal::serialize(&l.rate) => {
            text.clone()
        }
        _ => rate.insert((l.rate, plain(l.rate))).1.clone(),
    };
    line_doc_of(&l, number, title, text)
}

/// A billing line's marks as its [`LineDoc`] has them: `incident (free)`, `consultation`, `free
/// consultation`, or none.
pub fn line_marks(l: &BillingLine) -> &'static [&'static str] {
    match l.kind {
        TicketKind::Incident => &["incident (free)"],
        TicketKind::Consultation if l.free_minutes > 0 => &["free consultation"],
        TicketKind::Consultation => &["consultation"],
        _ => &[],
    }
}

fn line_doc_of(l: &BillingLine, ticket: String, title: String, rate: String) -> LineDoc {
    let marks = line_marks(l).iter().map(|m| (*m).to_string()).collect();
    LineDoc {
        ticket,
        title,
        kind: l.kind,
        role: l.role,
        rate,
        raw_minutes: l.raw_minutes,
        free_minutes: l.free_minutes,
        rounded_minutes: l.rounded_minutes,
        prepaid_minutes: l.prepaid_minutes,
        overage_minutes: l.overage_minutes,
        amount: plain(l.amount),
        marks,
    }
}

/// The live document of a statement.
pub fn live_doc(store: &Store, c: &CustomerStatement) -> Result<StatementDoc> {
    doc_with_lines(store, c, c.statement.lines.iter().map(line_doc).collect())
}

/// [`live_doc`] taking the statement whole: its lines' texts move into the document.
fn live_doc_owned(store: &Store, mut c: CustomerStatement) -> Result<StatementDoc> {
    let mut rate = None;
    let lines = std::mem::take(&mut c.statement.lines).into_iter().map(|l| line_doc_owned(l, &mut rate)).collect();
    doc_with_lines(store, &c, lines)
}

/// The live document of `c` with `lines` (its statement's, as documents).
fn doc_with_lines(store: &Store, c: &CustomerStatement, lines: Vec<LineDoc>) -> Result<StatementDoc> {
    Ok(doc_from(c, lines, adjustment_docs(store, c)?))
}

/// The document of a live statement with `lines` and `adjustments` (those booked in its month).
pub(crate) fn doc_from(c: &CustomerStatement, lines: Vec<LineDoc>, adjustments: Vec<AdjustmentDoc>) -> StatementDoc {
    let s = &c.statement;
    StatementDoc {
        customer: c.customer.name.clone(),
        customer_id: Some(c.customer.id.clone()),
        month: s.month.to_string(),
        tier: s.tier,
        fee: plain(s.fee),
        prepaid_minutes: s.prepaid_minutes,
        billable_minutes: s.billable_minutes,
        prepaid_used_minutes: s.prepaid_used_minutes,
        prepaid_left_minutes: s.prepaid_left_minutes,
        overage_minutes: s.overage_minutes,
        overage_amount: plain(s.overage_amount),
        total_excl_vat: plain(s.total_excl_vat),
        vat_rate: vat_rate_text(s.vat_rate),
        vat: plain(s.vat),
        total_incl_vat: plain(s.total_incl_vat),
        upgrade_suggested: c.upgrade_to.is_some(),
        upgrade_to: c.upgrade_to,
        closed: false,
        lines,
        adjustments,
        later_corrections: Vec::new(),
        terms: None,
    }
}

impl StatementDoc {
    /// The sum of the corrections of earlier months billed in this one (`"0.00"` without any), as a
    /// plain amount: what the summary rows show beside the fee and the overage, so that fee + overage +
    /// corrections = total excl. VAT on every row (DOMAIN.md "Month statement per customer").
    pub fn adjustments_amount(&self) -> String {
        let sum: rust_decimal::Decimal =
            self.adjustments.iter().filter_map(|a| a.amount.parse::<rust_decimal::Decimal>().ok()).sum();
        plain(sum)
    }
}

/// A closed month's frozen document with the corrections billed since.
fn frozen_doc(
    store: &Store,
    customer_id: &crate::domain::CustomerId,
    body: &str,
    month: YearMonth,
) -> Result<StatementDoc> {
    let mut doc: StatementDoc = serde_json::from_str(body).map_err(|e| crate::store::StoreError::Corrupt {
        path: crate::t!("closed-statement-path"),
        detail: e.to_string(),
    })?;
    doc.closed = true;
    doc.terms = None;
    doc.customer_id = Some(customer_id.clone());
    doc.later_corrections = store.adjustments_for_work(customer_id, month)?.iter().map(AdjustmentDoc::from).collect();
    Ok(doc)
}

/// A closed month's document for a customer who had no statement when it was closed (no contract, no
/// billable work) but whose work in it was corrected since: nothing was frozen, so every figure is zero,
/// and the corrections are listed.
fn unfrozen_doc(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<Option<StatementDoc>> {
    let later: Vec<AdjustmentDoc> =
        store.adjustments_for_work(&customer.id, month)?.iter().map(AdjustmentDoc::from).collect();
    if later.is_empty() {
        return Ok(None);
    }
    let nothing = crate::domain::billing::statement(&settings.tariffs, month, Tier::None, &Default::default());
    let c = CustomerStatement { customer: customer.clone(), statement: nothing, upgrade_to: None };
    Ok(Some(StatementDoc { closed: true, adjustments: Vec::new(), later_corrections: later, ..live_doc(store, &c)? }))
}

/// One customer's statement document for a month: frozen when the month is closed, live otherwise.
pub fn statement_doc(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
) -> Result<Option<StatementDoc>> {
    if store.is_month_closed(month)? {
        let frozen = store.closed_statements(month)?;
        return match frozen.iter().find(|f| f.customer_id == customer.id) {
            Some(f) => frozen_doc(store, &f.customer_id, &f.body, month).map(Some),
            None => unfrozen_doc(store, settings, customer, month),
        };
    }
    let c = customer_statement(store, settings, customer, month)?;
    Ok(Some(live_doc(store, &c)?))
}

/// All statement documents of a month, by customer name: frozen when the month is closed.
pub fn month_docs(store: &Store, settings: &Settings, month: YearMonth) -> Result<Vec<StatementDoc>> {
    let mut docs = Vec::new();
    each_month_doc(store, settings, month, |d| {
        docs.push(d);
        Ok(())
    })?;
    Ok(docs)
}

/// One statement of a month as [`each_month_doc_billed`] hands it over.
pub enum Billed<'a> {
    /// A closed month's frozen document, whole (its lines in it).
    Frozen(&'a StatementDoc),
    /// A live statement and the adjustments booked in its month: its document is what
    /// [`live_doc`] makes of it, with `adjustments` as its adjustments (each line as [`line_doc`]
    /// makes it), and no later corrections.
    Live(&'a CustomerStatement, &'a [AdjustmentDoc]),
}

/// One statement of a month as [`each_month_doc_owned`] hands it over: [`Billed`], owned (to be
/// sent to another thread).
pub enum BilledOwned {
    Frozen(StatementDoc),
    Live(CustomerStatement, Vec<AdjustmentDoc>),
}

impl BilledOwned {
    /// The statement as [`each_month_doc_billed`] hands it over.
    pub fn as_billed(&self) -> Billed<'_> {
        match self {
            BilledOwned::Frozen(d) => Billed::Frozen(d),
            BilledOwned::Live(c, adjustments) => Billed::Live(c, adjustments),
        }
    }
}

/// [`each_month_doc`] for a writer that writes a live statement from the statement itself (no
/// [`StatementDoc`] nor [`LineDoc`] made of it: a full-size month has 10 000 statements and 53 000
/// lines): `visit` gets each statement as [`Billed`]; a closed month's frozen documents come whole.
pub fn each_month_doc_billed(
    store: &Store,
    settings: &Settings,
    month: YearMonth,
    mut visit: impl FnMut(Billed<'_>) -> Result<()>,
) -> Result<()> {
    each_month_doc_owned(store, settings, month, |b| visit(b.as_billed()))
}

/// [`each_month_doc_billed`], each statement handed over owned.
pub fn each_month_doc_owned(
    store: &Store,
    settings: &Settings,
    month: YearMonth,
    mut visit: impl FnMut(BilledOwned) -> Result<()>,
) -> Result<()> {
    if store.is_month_closed(month)? {
        return each_month_doc(store, settings, month, |d| visit(BilledOwned::Frozen(d)));
    }
    super::each_month_statement(store, settings, month, |c| {
        let adjustments = adjustment_docs(store, &c)?;
        visit(BilledOwned::Live(c, adjustments))
    })
}

/// The adjustments booked in a live statement's month, as its document carries them.
fn adjustment_docs(store: &Store, c: &CustomerStatement) -> Result<Vec<AdjustmentDoc>> {
    let s = &c.statement;
    // The statement bills what is booked in its month: none there, none to look up.
    Ok(if s.adjustments.is_empty() {
        Vec::new()
    } else {
        store.adjustments_booked(&c.customer.id, s.month)?.iter().map(AdjustmentDoc::from).collect()
    })
}

/// A statement's VAT rate as its document writes it (`0.21`: no trailing zeros).
pub fn vat_rate_text(rate: rust_decimal::Decimal) -> String {
    rate.normalize().to_string()
}

/// [`month_docs`] one document at a time, by customer name: a live month's are made as `visit`
/// takes them (see [`super::each_month_statement`]); a closed month's frozen ones are read first.
pub fn each_month_doc(
    store: &Store,
    settings: &Settings,
    month: YearMonth,
    mut visit: impl FnMut(StatementDoc) -> Result<()>,
) -> Result<()> {
    if store.is_month_closed(month)? {
        let frozen = store.closed_statements(month)?;
        let mut docs =
            frozen.iter().map(|f| frozen_doc(store, &f.customer_id, &f.body, month)).collect::<Result<Vec<_>>>()?;
        let frozen: std::collections::HashSet<&crate::domain::CustomerId> =
            frozen.iter().map(|f| &f.customer_id).collect();
        store.each_customer(500, |customer| -> Result<()> {
            if !frozen.contains(&customer.id) {
                docs.extend(unfrozen_doc(store, settings, &customer, month)?);
            }
            Ok(())
        })?;
        docs.sort_by_key(|d| crate::domain::text::fold(&d.customer));
        return docs.into_iter().try_for_each(visit);
    }
    super::each_month_statement(store, settings, month, |c| visit(live_doc_owned(store, c)?))
}
