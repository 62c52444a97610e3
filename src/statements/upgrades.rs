//! Which month's upgrade suggestion the lead sees when no month is named (`report upgrades` without
//! `--month`, the board's "Upgrade suggested" panel, the Customers view's column).
//!
//! DOMAIN.md: "Upgrade suggested: a STANDARD or PLUS customer whose statement shows overage in three
//! consecutive calendar months (this one and the two before)". The rule itself is kept for any named
//! month (`report upgrades --month M`). Decision (bb8 #5): by default the suggestion of the last
//! *complete* month (the statement that is invoiced) counts as well as this month's: a customer is
//! suggested when this month's window qualifies, or else when last month's did and the customer is
//! still under the tier it had then (a customer already moved up is not suggested again). So a
//! customer over in September, October and November is still suggested on 1–31 December, with the
//! months named (`2026-09–2026-11`), whatever December's own figures say so far.

use crate::config::Settings;
use crate::domain::{Tier, YearMonth};
use crate::store::{Customer, Result, Store};

use super::doc::{StatementDoc, statement_doc};

/// The tier suggested for `customer` by the statement of the month before `month` (frozen when that
/// month is closed, live otherwise; the same as `report upgrades --month` names it), when the
/// customer is still under that month's tier in `month` (`tier_now`). `None`: nothing suggested.
/// Errors: the store's.
pub fn previous_month_upgrade(
    store: &Store,
    settings: &Settings,
    customer: &Customer,
    month: YearMonth,
    tier_now: Tier,
) -> Result<Option<Tier>> {
    if !tier_now.has_contract() || settings.tariffs.terms(tier_now).and_then(|t| t.upgrade_to).is_none() {
        return Ok(None);
    }
    let Some(doc) = statement_doc(store, settings, customer, month.prev())? else { return Ok(None) };
    Ok(doc.upgrade_to.filter(|_| doc.upgrade_suggested && doc.tier == tier_now))
}

/// The default upgrade list from this month's documents (`now`) and last month's (`before`), both by
/// customer name: each customer suggested this month with this month, else each customer suggested
/// last month who is under the same tier this month, with last month; in `now`'s order.
pub fn default_upgrades(
    now: Vec<StatementDoc>,
    before: Vec<StatementDoc>,
    month: YearMonth,
) -> Vec<(StatementDoc, YearMonth)> {
    let mut before: std::collections::HashMap<String, StatementDoc> =
        before.into_iter().filter(|d| d.upgrade_suggested).map(|d| (d.customer.clone(), d)).collect();
    now.into_iter()
        .filter_map(|d| {
            if d.upgrade_suggested {
                return Some((d, month));
            }
            let b = before.remove(&d.customer)?;
            (b.tier == d.tier).then_some((b, month.prev()))
        })
        .collect()
}
