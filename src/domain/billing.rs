//! Billing: time entries → billing lines → a month statement, all in `Decimal`.
//!
//! Rules (DOMAIN.md), and the decisions that make them computable:
//! - A time entry belongs to the month (provider zone) in which it started; the caller passes only
//!   the entries of one customer and one month.
//! - A billing line is one ticket's work in the month at one rate: ticket × month for contract
//!   customers, ticket × month × role without a contract. Its *billable* minutes (work minus free
//!   minutes) are rounded up to whole blocks (15 min); raw minutes are kept beside them.
//! - Incidents are free: all their minutes are free, they draw no prepaid minutes.
//! - A free consultation (the first N consultation tickets of a calendar year by opening time, N from
//!   the tier in force when the ticket was opened) is free for its first 120 minutes of work, consumed in
//!   the order the work started, across months; the rest is billed like a request. Only consultations
//!   opened under a tier with free ones are ranked: one opened without them (STANDARD, no contract) is
//!   billed and leaves a later PLUS/VIP quota whole.
//! - Contract: billable minutes draw the month's prepaid minutes first, line by line in the order their
//!   first work started; the rest is overage at the tier's hourly rate, priced per line and rounded to
//!   0.01 half-up. No contract: each line is priced at its role's rate; everything billable counts as
//!   overage (there are no prepaid minutes), so `overage_amount` is the sum of the hourly amounts.
//! - Total excl. VAT = fee + Σ line amounts (+ adjustments); VAT = total × rate, rounded half-up to 0.01.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::money::round_money;
use super::month::YearMonth;
use super::tariff::{Role, Tariffs, Tier};
use super::ticket::TicketKind;

/// One time entry as billing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkEntry {
    pub entry_id: String,
    pub ticket_id: String,
    pub ticket_number: String,
    pub ticket_title: String,
    pub kind: TicketKind,
    pub started: DateTime<Utc>,
    pub minutes: u32,
    pub role: Role,
}

/// One customer's month, ready to bill.
#[derive(Debug, Clone, Default)]
pub struct MonthWork {
    pub entries: Vec<WorkEntry>,
    /// Free consultation minutes left at the start of the month, per consultation ticket id that is
    /// one of the year's free consultations. Consultation tickets absent here are billed like requests.
    pub free_consultation_left: HashMap<String, u32>,
    /// Corrections booked into this month (e.g. for work in a closed month), already priced.
    pub adjustments: Vec<Adjustment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub description: String,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingLine {
    pub ticket_id: String,
    pub ticket_number: String,
    pub ticket_title: String,
    pub kind: TicketKind,
    /// Set for no-contract lines (one line per role); contract lines have one rate for everyone.
    pub role: Option<Role>,
    pub rate: Decimal,
    pub raw_minutes: u32,
    /// Minutes not billed: the whole of an incident, the free part of a consultation.
    pub free_minutes: u32,
    /// Billable minutes (raw − free) rounded up to whole blocks.
    pub rounded_minutes: u32,
    pub prepaid_minutes: u32,
    pub overage_minutes: u32,
    pub amount: Decimal,
}

impl BillingLine {
    pub fn is_incident(&self) -> bool {
        self.kind == TicketKind::Incident
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub month: YearMonth,
    pub tier: Tier,
    pub fee: Decimal,
    pub prepaid_minutes: u32,
    pub billable_minutes: u32,
    pub prepaid_used_minutes: u32,
    pub prepaid_left_minutes: u32,
    pub overage_minutes: u32,
    pub overage_amount: Decimal,
    pub adjustments: Vec<Adjustment>,
    pub total_excl_vat: Decimal,
    pub vat_rate: Decimal,
    pub vat: Decimal,
    pub total_incl_vat: Decimal,
    pub lines: Vec<BillingLine>,
}

impl Statement {
    /// Whether there is anything to invoice or any contract to show.
    pub fn is_empty(&self) -> bool {
        !self.tier.has_contract() && self.lines.iter().all(|l| l.rounded_minutes == 0) && self.adjustments.is_empty()
    }
}

/// Rounds minutes up to whole blocks ("every started 15 minutes").
pub fn round_up(minutes: u32, block: u32) -> u32 {
    if block == 0 { minutes } else { minutes.div_ceil(block) * block }
}

/// Price of `minutes` at an hourly `rate`, rounded to 0.01 half-up.
pub fn price(minutes: u32, rate: Decimal) -> Decimal {
    round_money(Decimal::from(minutes) * rate / Decimal::from(60))
}

/// Which consultation tickets are free: the first `quota` by opening time (ties by id).
pub fn free_consultations(quota: u32, opened: &[(String, DateTime<Utc>)]) -> Vec<&str> {
    let mut sorted: Vec<&(String, DateTime<Utc>)> = opened.iter().collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    sorted.into_iter().take(quota as usize).map(|(id, _)| id.as_str()).collect()
}

/// A customer's month statement from its `work` (see the module's rules).
pub fn statement(tariffs: &Tariffs, month: YearMonth, tier: Tier, work: &MonthWork) -> Statement {
    let lines = group(tier, work).into_iter().map(|g| {
        let e = &work.entries[g.first];
        (g, e.ticket_id.clone(), e.ticket_number.clone(), e.ticket_title.clone())
    });
    finish(tariffs, month, tier, lines, &work.adjustments)
}

/// [`statement`] taking `work` whole: each line's ticket id, number and title are moved out of its
/// first entry instead of copied (a month report bills tens of thousands of lines).
pub fn statement_owned(tariffs: &Tariffs, month: YearMonth, tier: Tier, mut work: MonthWork) -> Statement {
    let groups = group(tier, &work);
    let entries = &mut work.entries;
    let lines = groups.into_iter().map(|g| {
        let e = &mut entries[g.first];
        (g, std::mem::take(&mut e.ticket_id), std::mem::take(&mut e.ticket_number), std::mem::take(&mut e.ticket_title))
    });
    finish(tariffs, month, tier, lines, &work.adjustments)
}

/// One billing line's work before pricing: the index of its first entry in the month's entries,
/// its role (no contract only), its raw and free minutes.
struct Group {
    first: usize,
    kind: TicketKind,
    role: Option<Role>,
    raw: u32,
    free: u32,
}

/// The month's entries grouped into lines, in the order their first work started.
fn group(tier: Tier, work: &MonthWork) -> Vec<Group> {
    let entries = &work.entries;
    let mut sorted: Vec<usize> = (0..entries.len()).collect();
    sorted.sort_by(|&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        a.started.cmp(&b.started).then_with(|| a.entry_id.cmp(&b.entry_id))
    });
    let mut groups: Vec<Group> = Vec::new();
    let mut at: rustc_hash::FxHashMap<(&str, Option<Role>), usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut free_left = work.free_consultation_left.clone();
    for i in sorted {
        let e = &entries[i];
        let role = (!tier.has_contract()).then_some(e.role);
        let free = match e.kind {
            TicketKind::Incident => e.minutes,
            TicketKind::Consultation => match free_left.get_mut(&e.ticket_id) {
                Some(left) => {
                    let used = (*left).min(e.minutes);
                    *left -= used;
                    used
                }
                None => 0,
            },
            _ => 0,
        };
        let g = *at.entry((e.ticket_id.as_str(), role)).or_insert_with(|| {
            groups.push(Group { first: i, kind: e.kind, role, raw: 0, free: 0 });
            groups.len() - 1
        });
        groups[g].raw += e.minutes;
        groups[g].free += free;
    }
    groups
}

/// The statement of `lines` (each line's work with its ticket id, number and title), in order.
fn finish(
    tariffs: &Tariffs,
    month: YearMonth,
    tier: Tier,
    groups: impl ExactSizeIterator<Item = (Group, String, String, String)>,
    adjustments: &[Adjustment],
) -> Statement {
    let block = tariffs.billing_block_minutes;
    let prepaid = tariffs.prepaid_minutes(tier);
    let mut prepaid_left = prepaid;
    let mut lines = Vec::with_capacity(groups.len());
    for (g, ticket_id, ticket_number, ticket_title) in groups {
        let (raw, free, role) = (g.raw, g.free, g.role);
        let rate = tariffs.rate(tier, role.unwrap_or(Role::Technician));
        let rounded = round_up(raw - free, block);
        let drawn = rounded.min(prepaid_left);
        prepaid_left -= drawn;
        let overage = rounded - drawn;
        lines.push(BillingLine {
            ticket_id,
            ticket_number,
            ticket_title,
            kind: g.kind,
            role,
            rate,
            raw_minutes: raw,
            free_minutes: free,
            rounded_minutes: rounded,
            prepaid_minutes: drawn,
            overage_minutes: overage,
            amount: price(overage, rate),
        });
    }

    let billable: u32 = lines.iter().map(|l| l.rounded_minutes).sum();
    let used = prepaid - prepaid_left;
    let overage_minutes = billable - used;
    let overage_amount: Decimal = lines.iter().map(|l| l.amount).sum();
    let fee = round_money(tariffs.monthly_fee(tier));
    let adjusted: Decimal = adjustments.iter().map(|a| a.amount).sum();
    let total_excl_vat = round_money(fee + overage_amount + adjusted);
    let vat = round_money(total_excl_vat * tariffs.vat_rate);
    Statement {
        month,
        tier,
        fee,
        prepaid_minutes: prepaid,
        billable_minutes: billable,
        prepaid_used_minutes: used,
        prepaid_left_minutes: prepaid_left,
        overage_minutes,
        overage_amount: round_money(overage_amount),
        adjustments: adjustments.to_vec(),
        total_excl_vat,
        vat_rate: tariffs.vat_rate,
        vat,
        total_incl_vat: round_money(total_excl_vat + vat),
        lines,
    }
}

/// The tier to suggest when the last `upgrade_after_months` statements (this month's last) all show
/// overage under a contract, and the current tier has a tier above it. `recent`: (tier in force,
/// overage minutes) of consecutive months, oldest first.
pub fn upgrade_suggestion(tariffs: &Tariffs, recent: &[(Tier, u32)]) -> Option<Tier> {
    let over: Vec<(Tier, bool)> = recent.iter().map(|&(tier, overage)| (tier, overage > 0)).collect();
    upgrade_after(tariffs, &over)
}

/// [`upgrade_suggestion`] from whether each month went over: `recent` holds (tier in force, whether
/// the month's billable minutes went over its prepaid ones) of consecutive months, oldest first.
/// DOMAIN.md: "Upgrade suggested: a STANDARD or PLUS customer whose statement shows overage in three
/// consecutive calendar months (this one and the two before)".
pub fn upgrade_after(tariffs: &Tariffs, recent: &[(Tier, bool)]) -> Option<Tier> {
    let n = tariffs.upgrade_after_months as usize;
    let &(current, _) = recent.last()?;
    let target = tariffs.terms(current)?.upgrade_to?;
    let window = recent.get(recent.len().checked_sub(n)?..)?;
    (n > 0 && window.iter().all(|(tier, over)| tier.has_contract() && *over)).then_some(target)
}

/// One customer's month as the upgrade look-back reads it (the store's month figures): the minutes
/// of each ticket worked in the month, its roles summed (under a contract a ticket is one line),
/// apart by kind. Incidents are free and not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// Minutes per ticket billed like a request (request, change), one number a ticket.
    pub billed: Vec<u32>,
    /// Minutes per consultation ticket, one number a ticket: free or not depends on the year's
    /// ranking and the minutes used before the month.
    pub consultations: Vec<u32>,
}

impl MonthFigures {
    /// Whether a month billed under `tier` (a contract) goes over its prepaid minutes, when these
    /// figures tell: `Some(over)`; `None` when it depends on how many free minutes its consultations
    /// have (then bill the month to know). Each ticket's billable minutes are rounded up to whole
    /// blocks; a consultation's free minutes are between none and `free_consultation_minutes`.
    /// DOMAIN.md: "the month's billable minutes are drawn from the month's prepaid minutes first; the
    /// rest is overage" and "free for their first 120 minutes of work".
    pub fn over_prepaid(&self, tariffs: &Tariffs, tier: Tier) -> Option<bool> {
        let block = tariffs.billing_block_minutes;
        let prepaid = u64::from(tariffs.prepaid_minutes(tier));
        let blocks = |minutes: u32| u64::from(round_up(minutes, block));
        let plain: u64 = self.billed.iter().map(|&m| blocks(m)).sum();
        let most = plain + self.consultations.iter().map(|&m| blocks(m)).sum::<u64>();
        if most <= prepaid {
            return Some(false);
        }
        let free = tariffs.free_consultation_minutes;
        let least = plain + self.consultations.iter().map(|&m| blocks(m.saturating_sub(free))).sum::<u64>();
        (least > prepaid).then_some(true)
    }
}
