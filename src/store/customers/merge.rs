//! `customer merge KEEP OTHER`: one customer out of two that two copies each added (bb7 #8).
//!
//! Built of changes every helpdesk since sync format 5 knows (ticket moves, contacts, mail domains, a
//! tier, an archive), recorded in one transaction: nothing new travels, an older copy applies it, and
//! the merge rules of each change hold (a ticket opened for OTHER on a copy that had not seen the merge
//! stays with OTHER, archived, as a ticket opened for a removed customer does; move it by hand).
//!
//! - OTHER's tickets move to KEEP with their time in open months; a ticket with time in a closed month
//!   stays with OTHER (the closed statement billed it there; reopen the month first to move it too).
//! - OTHER's contacts become KEEP's (KEEP's own name and language win for an address both have), its mail
//!   domains map to KEEP.
//! - OTHER's contract ends: tier `none` from the first month after the last closed one (and every later
//!   tier change of OTHER is set to `none`), so no open month bills its fee; closed months are not
//!   rewritten (their statements stay as billed, each under its own customer). KEEP's tiers stay; when
//!   the two differed the result says so, for someone to check.
//! - OTHER is archived (its remaining tickets and statements stay; named by its id from then on).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Customer, require_row};
use crate::domain::{CustomerId, Tier, YearMonth};
use crate::store::change::Change;
use crate::store::{Result, Store, StoreError};
use crate::t;

/// What [`Store::merge_customers`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    /// Tickets moved to KEEP.
    pub tickets_moved: usize,
    /// Tickets left with OTHER (time in a closed month), by number.
    pub tickets_kept: Vec<String>,
    /// Contacts and mail domains moved.
    pub contacts: usize,
    pub domains: usize,
    /// The month from which OTHER has no contract.
    pub fee_ends: Option<YearMonth>,
    /// KEEP's and OTHER's tiers in `fee_ends`, when they differed.
    pub tiers_differed: Option<(Tier, Tier)>,
}

impl Store {
    /// Merges customer `other` into `keep` (see the module's comment) in one transaction: OTHER's fee
    /// ends from the month after the last closed one (no month closed: from its first tier change).
    /// Errors: `Invalid` when they are the same customer or KEEP is archived; `Unknown` for either gone.
    pub fn merge_customers(&mut self, keep: &CustomerId, other: &CustomerId, now: DateTime<Utc>) -> Result<Merged> {
        if keep == other {
            return Err(StoreError::Invalid(t!("customer-merge-same")));
        }
        self.write(now, |w| {
            let conn = w.conn();
            let k: Customer = require_row(conn, keep)?;
            let o: Customer = require_row(conn, other)?;
            if k.archived {
                return Err(StoreError::Invalid(t!("customer-merge-archived", name = k.name.as_str())));
            }
            let mut done = Merged::default();
            let mut ops = Vec::new();
            // Tickets, oldest first.
            let tickets: Vec<(String, String)> = conn
                .prepare_cached(
                    "SELECT id_text(id), number FROM tickets WHERE customer_id = id_blob(?1) ORDER BY received_at, id",
                )?
                .query_map([other], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, number) in tickets {
                match crate::store::tickets::move_to(conn, &id, keep)? {
                    Some(op) => {
                        ops.push(op);
                        done.tickets_moved += 1;
                    }
                    None => done.tickets_kept.push(number),
                }
            }
            // Contacts: KEEP's own entry of an address wins; OTHER's goes.
            let contacts: Vec<(String, String, String, bool)> = conn
                .prepare_cached(
                    "SELECT o.email, o.name, o.lang, EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = id_blob(?2)
                        AND k.email = o.email AND k.removed = 0)
                     FROM contacts o WHERE o.customer_id = id_blob(?1) AND o.removed = 0 ORDER BY o.email",
                )?
                .query_map(params![other, keep], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (email, name, lang, kept) in contacts {
                if !kept {
                    ops.push(Change::ContactAdded { customer: keep.to_string(), email: email.clone(), name, lang });
                }
                ops.push(Change::ContactRemoved { customer: other.to_string(), email });
                done.contacts += 1;
            }
            let domains: Vec<String> = conn
                .prepare_cached("SELECT domain FROM mail_domains WHERE customer_id = id_blob(?1) ORDER BY domain")?
                .query_map([other], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for domain in domains {
                ops.push(Change::MailDomainSet { domain, customer: keep.to_string() });
                done.domains += 1;
            }
            // The contract: none from the first month no close froze (or from its first tier change).
            let history = tier_history(conn, other)?;
            let last_closed: Option<String> = conn
                .prepare_cached("SELECT max(month) FROM month_closes WHERE closed = 1")?
                .query_row([], |r| r.get(0))?;
            let after_closed = last_closed.and_then(|m| m.parse::<YearMonth>().ok()).map(|m| m.next());
            let first_tier = history.first().map(|(m, _)| *m);
            // A month before the last closed one that is open again (reopened for a correction) would
            // keep OTHER's fee while its tickets move to KEEP: two fees for one customer there. Refused,
            // naming the month (close it again first, or merge once every month is closed or open).
            if let (Some(after), Some(first)) = (after_closed, first_tier) {
                let rows: Vec<(String, bool)> = conn
                    .prepare_cached("SELECT month, closed = 1 FROM month_closes")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                let closed: Vec<&String> = rows.iter().filter(|(_, c)| *c).map(|(m, _)| m).collect();
                // (From the first month ever closed, reopened since or not: months before any close
                // are the file's history before it billed with helpdesk.)
                let first_closed = rows.iter().filter_map(|(m, _)| m.parse::<YearMonth>().ok()).min();
                let mut m = first_closed.map_or(after, |c| c.max(first));
                while m < after {
                    if !closed.contains(&&m.to_string()) {
                        return Err(StoreError::Invalid(t!(
                            "customer-merge-open-month",
                            month = m.to_string(),
                            last = after.prev().to_string()
                        )));
                    }
                    m = m.next();
                }
            }
            let from = match (after_closed, first_tier) {
                (Some(a), Some(f)) => Some(a.max(f)),
                (a, f) => a.or(f),
            };
            if let Some(from) = from {
                let tier_at =
                    |h: &[(YearMonth, Tier)]| h.iter().rev().find(|(m, _)| *m <= from).map_or(Tier::None, |(_, t)| *t);
                let theirs = tier_at(&history);
                let ours = tier_at(&tier_history(conn, keep)?);
                if theirs != ours {
                    done.tiers_differed = Some((ours, theirs));
                }
                if theirs != Tier::None {
                    ops.push(Change::TierSet { customer: other.to_string(), from, tier: Tier::None, prev: None });
                }
                for (m, _) in history.iter().filter(|(m, t)| *m > from && *t != Tier::None) {
                    ops.push(Change::TierSet { customer: other.to_string(), from: *m, tier: Tier::None, prev: None });
                }
                done.fee_ends = Some(from);
            }
            if !o.archived {
                ops.push(Change::CustomerArchived { id: other.to_string() });
            }
            for op in ops {
                w.record(op)?;
            }
            Ok(done)
        })
    }
}

fn tier_history(conn: &rusqlite::Connection, customer: &str) -> Result<Vec<(YearMonth, Tier)>> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT from_month, tier FROM tier_changes WHERE customer_id = id_blob(?1) ORDER BY from_month",
        )?
        .query_map([customer], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter_map(|(m, t)| Some((m.parse().ok()?, t.parse().ok()?))).collect())
}
