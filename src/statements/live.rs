//! Live statements: a customer's month billed from the store with the domain's rules.
//!
//! Decisions:
//! - A month's work is read the cheap way: from the month totals (one summed entry per ticket and
//!   role, see `store::month_totals`) when the file keeps them in the configured zone, else from the
//!   entries. Summed entries bill exactly like the entries they sum, except in one case: a free
//!   consultation worked under two roles in a month without a contract (one line per role), where
//!   the free minutes go to the lines in the order the entries started. That month is read from the
//!   entries. tests/month_totals.rs checks both ways give the same statements.
//! - A [`Biller`] lives for one run (a statement, a report, a view's page) and remembers what it
//!   looked up: customers' tier histories and each (customer, year)'s ranked consultations, which
//!   every month of the upgrade look-back and every consultation ticket would otherwise ask again.
//! - A free consultation's minutes used before the month come from the month totals too when they
//!   answer (`Store::minutes_before_month`): the ticket's entries, scattered over the biggest table,
//!   were what a month report still waited on the disk for on a cold cache.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::TicketId;
use crate::domain::billing::{self, MonthWork, Statement, WorkEntry};
use crate::domain::tiers::TierBook;
use crate::domain::{TicketKind, Tier, YearMonth};
use crate::store::{Customer, Result, Store};

/// Consultations ranked for a year's free ones: (ticket id, opened at).
type Ranked = Vec<(String, DateTime<Utc>)>;

/// A year's months by their first instants, in order, and the end of the year (see
/// `Biller::counted`).
type YearStarts<'s> = (&'s [(DateTime<Utc>, YearMonth)], DateTime<Utc>);

/// A month and its bounds (see `BusinessCalendar::month_bounds`).
type MonthBounds = (YearMonth, (DateTime<Utc>, DateTime<Utc>));

pub(crate) struct Biller<'a> {
    store: &'a Store,
    settings: &'a Settings,
    /// Whether the month totals answer for the configured zone.
    totals: bool,
    tiers: TierBook,
    ranked: rustc_hash::FxHashMap<(crate::domain::CustomerId, i32), Ranked>,
    /// The last month's bounds asked for (a month report asks for the same month's per customer; in
    /// the provider's zone, each is a look-up in the zone's transitions).
    bounds: Option<MonthBounds>,
}

impl<'a> Biller<'a> {
    pub fn new(store: &'a Store, settings: &'a Settings) -> Self {
        let totals = store.month_totals_for(settings.calendar.time_zone());
        Self { store, settings, totals, tiers: TierBook::default(), ranked: HashMap::default(), bounds: None }
    }

    /// The first instant of `month` and of the month after it (see `BusinessCalendar::month_bounds`).
    fn month_bounds(&mut self, month: YearMonth) -> (DateTime<Utc>, DateTime<Utc>) {
        match self.bounds {
            Some((m, bounds)) if m == month => bounds,
            _ => self.bounds.insert((month, self.settings.calendar.month_bounds(month))).1,
        }
    }

    /// Starts with the tier histories in `tiers` (every customer's, read already: see
    /// `Store::tier_book`).
    pub fn with_histories(mut self, tiers: TierBook) -> Self {
        self.tiers = tiers;
        self
    }

    /// Reads the ranked consultations of `year` of every customer in `customers` at once (one pass
    /// over the consultations' index instead of a query per customer: a run over all customers).
    pub fn rank_consultations_of(&mut self, year: i32, customers: &HashSet<&str>) -> Result<()> {
        let cal = &self.settings.calendar;
        let (Some(jan), Some(dec)) = (YearMonth::new(year, 1), YearMonth::new(year, 12)) else {
            return Ok(());
        };
        let (from, to) = (cal.month_bounds(jan).0, cal.month_bounds(dec).1);
        // A customer never on a tier with free consultations has none to rank (see
        // `free_consultation_left`): a quarter of those with a consultation in a month report.
        let tariffs = &self.settings.tariffs;
        let tiers = &self.tiers;
        let customers: HashSet<&str> = customers
            .iter()
            .copied()
            .filter(|c| !tiers.knows(c) || tiers.history(c).iter().any(|(_, t)| tariffs.free_consultations(*t) > 0))
            .collect();
        let mut all = self.store.consultations_opened_of(customers.iter().copied(), from, to)?;
        // The year's months by their first instants: a consultation's month is found among them
        // instead of through the zone's transitions for each one.
        let starts: Vec<(DateTime<Utc>, YearMonth)> =
            (1..=12).filter_map(|m| YearMonth::new(year, m)).map(|m| (cal.month_bounds(m).0, m)).collect();
        for customer in customers {
            let opened = all.remove(customer).unwrap_or_default();
            let customer = crate::domain::CustomerId::from(customer);
            let counted = self.counted(&customer, opened, Some((&starts, to)))?;
            self.ranked.insert((customer, year), counted);
        }
        Ok(())
    }

    pub fn uses_totals(&self) -> bool {
        self.totals
    }

    /// The tier in force for a customer in `month`.
    pub fn tier(&mut self, customer_id: &crate::domain::CustomerId, month: YearMonth) -> Result<Tier> {
        self.history(customer_id)?;
        Ok(self.tiers.tier_in(customer_id, month))
    }

    /// A customer's tier history, oldest first (read once per run).
    fn history(&mut self, customer_id: &crate::domain::CustomerId) -> Result<&[(YearMonth, Tier)]> {
        if !self.tiers.knows(customer_id) {
            self.tiers.insert(customer_id, self.store.tier_history(customer_id)?);
        }
        Ok(self.tiers.history(customer_id))
    }

    /// A customer's statement for `month`. `lines`: the month's totals when the caller read them
    /// already; `adjusted`: whether the customer may have adjustments booked in the month (false
    /// skips a query); `titled`: whether its lines need to be whole (numbers, titles, order, roles);
    /// without, only the tier and, under a contract, the statement's figures are right (what the
    /// upgrade look-back reads).
    pub fn statement(
        &mut self,
        customer: &Customer,
        month: YearMonth,
        lines: Option<Vec<WorkEntry>>,
        adjusted: bool,
        titled: bool,
    ) -> Result<Statement> {
        let tier = self.tier(&customer.id, month)?;
        if !titled && !tier.has_contract() {
            // Figures of a month without a contract: nothing the caller reads depends on its work.
            return Ok(billing::statement(&self.settings.tariffs, month, tier, &MonthWork::default()));
        }
        let (from, to) = self.month_bounds(month);
        let store = self.store;
        let entries = match lines {
            Some(lines) if self.totals => lines,
            _ if self.totals && titled => store.work_totals(&customer.id, month)?,
            // Figures alone (see `Store::work_figures`) only under a contract.
            _ if self.totals => store.work_figures(&customer.id, month)?,
            _ => store.work_between(&customer.id, from, to)?,
        };
        let mut work = MonthWork { entries, ..MonthWork::default() };
        work.free_consultation_left = self.free_left(customer, &work.entries, from)?;
        if self.totals && !tier.has_contract() {
            let left = &work.free_consultation_left;
            let split = left.keys().any(|id| work.entries.iter().filter(|e| &e.ticket_id == id).count() > 1);
            if split {
                work.entries = store.work_between(&customer.id, from, to)?;
            }
        }
        if adjusted {
            work.adjustments = adjustments(store, &customer.id, month)?;
        }
        Ok(billing::statement_owned(&self.settings.tariffs, month, tier, work))
    }

    /// The tier in force for a customer in `month` and whether the month's billable minutes went over
    /// its prepaid ones (the upgrade look-back): billed from its figures (see `statement`, untitled).
    pub fn over_prepaid(&mut self, customer: &Customer, month: YearMonth) -> Result<(Tier, bool)> {
        // Adjustments change the amounts, not the minutes: none read.
        let s = self.statement(customer, month, None, false, false)?;
        Ok((s.tier, s.overage_minutes > 0))
    }

    /// One customer's month entry by entry (corrections add and remove single entries): the tier in
    /// force and the work, with free consultation minutes left and the adjustments billed in it. A
    /// closed month keeps the tier it was closed with (a tier change from that month that arrived from
    /// another copy afterwards does not reprice its corrections).
    pub fn month_work(&mut self, customer: &Customer, month: YearMonth) -> Result<(Tier, MonthWork)> {
        let tier = match self.store.closed_tier(month, &customer.id)? {
            Some(tier) => tier,
            None => self.tier(&customer.id, month)?,
        };
        let (from, to) = self.settings.calendar.month_bounds(month);
        let entries = self.store.work_between(&customer.id, from, to)?;
        let free_consultation_left = self.free_left(customer, &entries, from)?;
        let adjustments = adjustments(self.store, &customer.id, month)?;
        Ok((tier, MonthWork { entries, free_consultation_left, adjustments }))
    }

    /// Free minutes left at `from` of each consultation in `entries` that is one of its year's free ones.
    fn free_left(
        &mut self,
        customer: &Customer,
        entries: &[WorkEntry],
        from: DateTime<Utc>,
    ) -> Result<HashMap<String, u32>> {
        let mut consultations: Vec<&str> =
            entries.iter().filter(|e| e.kind == TicketKind::Consultation).map(|e| e.ticket_id.as_str()).collect();
        consultations.sort_unstable();
        consultations.dedup();
        let mut free_left = HashMap::new();
        for ticket_id in consultations {
            if let Some(left) = self.free_consultation_left(customer, ticket_id, from)? {
                free_left.insert(ticket_id.to_string(), left);
            }
        }
        Ok(free_left)
    }

    /// Free minutes a consultation ticket has left at `at`, if it is one of its year's free ones.
    pub(super) fn free_consultation_left(
        &mut self,
        customer: &Customer,
        ticket_id: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<u32>> {
        let ticket = TicketId::new(ticket_id);
        // A customer never on a tier with free consultations has none.
        let tariffs = &self.settings.tariffs;
        if self.history(&customer.id)?.iter().all(|(_, tier)| tariffs.free_consultations(*tier) == 0) {
            return Ok(None);
        }
        // Most consultations are worked in the year they were opened: that year's ranking (needed
        // anyway) knows when they were received, without reading the ticket (a random read of the
        // big tickets table per consultation, which dominates a month report on a cold cache).
        let this_year = self.settings.calendar.month_of(at).year();
        let known = self.ranked_in(customer, this_year)?.iter().find(|(id, _)| id == ticket_id).map(|(_, r)| *r);
        let received = match known {
            Some(r) => r,
            None => match self.store.ticket_received_at(&ticket)? {
                Some(r) => r,
                None => return Ok(None),
            },
        };
        let opened_month = self.settings.calendar.month_of(received);
        let quota = self.settings.tariffs.free_consultations(self.tier(&customer.id, opened_month)?);
        if quota == 0 {
            return Ok(None);
        }
        let ranked = self.ranked_in(customer, opened_month.year())?;
        if !billing::free_consultations(quota, ranked).contains(&ticket_id) {
            return Ok(None);
        }
        // `at` is the first instant of a month (see `free_left`'s callers).
        let used = if self.totals {
            self.store.minutes_before_month(&ticket, self.settings.calendar.month_of(at))?
        } else {
            self.store.minutes_before(&ticket, at)?
        };
        Ok(Some(self.settings.tariffs.free_consultation_minutes.saturating_sub(used)))
    }

    /// [`Biller::ranked_consultations`], remembered for the run.
    fn ranked_in(&mut self, customer: &Customer, year: i32) -> Result<&Ranked> {
        let key = (customer.id.clone(), year);
        if !self.ranked.contains_key(&key) {
            let ranked = self.ranked_consultations(customer, year)?;
            self.ranked.insert(key.clone(), ranked);
        }
        Ok(&self.ranked[&key])
    }

    /// The consultation tickets a customer opened in `year` while a tier with free consultations was
    /// in force: (id, opened at). One opened under STANDARD or without a contract is billed in full
    /// and takes no place in the year's free ones.
    pub fn ranked_consultations(&mut self, customer: &Customer, year: i32) -> Result<Ranked> {
        let cal = &self.settings.calendar;
        let (Some(jan), Some(dec)) = (YearMonth::new(year, 1), YearMonth::new(year, 12)) else {
            return Ok(Vec::new());
        };
        let opened = self.store.consultations_opened(&customer.id, cal.month_bounds(jan).0, cal.month_bounds(dec).1)?;
        self.counted(&customer.id, opened, None)
    }

    /// The consultations of `opened` (a customer's, by received time) opened while a tier with free
    /// consultations was in force. `year`: the first instants of a year's months, in order, and the
    /// end of the year, when every one of `opened` is known to be in it (else each is placed in its
    /// month by the calendar).
    fn counted(
        &mut self,
        customer_id: &crate::domain::CustomerId,
        opened: Ranked,
        year: Option<YearStarts<'_>>,
    ) -> Result<Ranked> {
        let mut counted = Vec::with_capacity(opened.len());
        for (id, at) in opened {
            let month = match year {
                Some((starts, end)) if starts.first().is_some_and(|(first, _)| *first <= at) && at < end => {
                    starts[starts.partition_point(|(start, _)| *start <= at) - 1].1
                }
                _ => self.settings.calendar.month_of(at),
            };
            let tier = self.tier(customer_id, month)?;
            if self.settings.tariffs.free_consultations(tier) > 0 {
                counted.push((id, at));
            }
        }
        Ok(counted)
    }
}

fn adjustments(
    store: &Store,
    customer_id: &crate::domain::CustomerId,
    month: YearMonth,
) -> Result<Vec<billing::Adjustment>> {
    Ok(store
        .adjustments_booked(customer_id, month)?
        .into_iter()
        .map(|a| billing::Adjustment { amount: a.amount.parse().unwrap_or_default(), description: a.description })
        .collect())
}
