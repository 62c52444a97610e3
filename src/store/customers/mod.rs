//! Customers and their tier history: the type and its changes; lookups and lists in [`reads`].

mod lookup;
mod merge;
pub(super) mod reads;

pub use lookup::{MIN_ID_PART, short_id};
pub use merge::Merged;

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::change::Change;
use super::{Result, Store, StoreError, from_ts, new_id};
use crate::domain::text::{clean, clean_name, fold};
use crate::domain::{CustomerId, Tier, YearMonth};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    pub contact: String,
    pub created_at: DateTime<Utc>,
    /// Archived (or removed while another copy opened a ticket for it): hidden from the customer list
    /// and the pickers; its tickets and statements stay.
    pub archived: bool,
}

/// A customer as `customer list` shows it ([`Store::customer_lines`](crate::store::Store::customer_lines)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerLine {
    /// The customer itself.
    pub customer: Customer,
    /// Its tier changes (from month, tier), oldest first; empty when none was ever recorded.
    pub tiers: Vec<(crate::domain::YearMonth, crate::domain::Tier)>,
    /// Its open tickets (new, open and waiting).
    pub open_tickets: i64,
}

/// Which customers the start of a name may pick (an exact name finds its customer either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidates {
    /// Customers in use: every command but `customer unarchive`.
    InUse,
    /// Archived customers: the ones `customer unarchive` can bring back.
    Archived,
}

/// Where the next page of customers starts (keyset paging by the sort key of the store's
/// [`NameOrder`](crate::domain::collation::NameOrder): the folded name's bytes, or the Czech key).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerCursor {
    pub key: Vec<u8>,
    pub id: String,
}

const COLUMNS: &str = "id_text(id), name, contact, created_at, name_key, state";

/// A removed customer is gone from every read unless it has a ticket (opened on another copy while it
/// was removed here) or a contract in some month (a tier other than `none` set on another copy, or by a
/// copy that removed without asking): then it reads as archived, and its fees stay billed.
pub(super) const NOT_GONE: &str = "NOT (customers.state = 2
    AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = customers.id)
    AND NOT EXISTS (SELECT 1 FROM tier_changes k WHERE k.customer_id = customers.id AND k.tier != 'none'))";

fn read(row: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: super::codec::read_id(row, 0)?.into(),
        name: row.get(1)?,
        contact: row.get(2)?,
        created_at: from_ts(row.get(3)?),
        archived: row.get::<_, i64>(5)? != 0,
    })
}

impl Store {
    pub fn add_customer(
        &mut self,
        name: &str,
        contact: &str,
        tier: Tier,
        since: YearMonth,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        let name = clean_name(name);
        if name.is_empty() {
            return Err(StoreError::Invalid(t!("customer-needs-name")));
        }
        let contact = clean(contact, false);
        self.write(now, |w| {
            if find_by_name(w.conn(), &name)?.is_some() {
                return Err(StoreError::Invalid(t!("customer-exists", name = name.to_string())));
            }
            if tier.has_contract()
                && let Some(month) = super::months::closed_at_or_after(w.conn(), since)?
            {
                return Err(StoreError::Invalid(t!(
                    "customer-since-closed",
                    month = month.to_string(),
                    since = since.to_string()
                )));
            }
            let id = new_id(now);
            w.record(Change::CustomerCreated {
                id: id.clone(),
                name: name.clone(),
                contact: contact.clone(),
                tier,
                since,
                at: now.timestamp(),
            })?;
            Ok(Customer {
                id: CustomerId::new(id),
                name,
                contact,
                created_at: from_ts(now.timestamp()),
                archived: false,
            })
        })
    }

    /// Sets the tier in force from `from` on (until a later change).
    pub fn set_tier(&mut self, customer: &CustomerId, from: YearMonth, tier: Tier, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let known = w.conn().query_row("SELECT 1 FROM customers WHERE id = id_blob(?1)", [customer], |_| Ok(()));
            if known.optional()?.is_none() {
                return Err(StoreError::Unknown(crate::store::Unknown::Customer));
            }
            if let Some(month) = super::months::closed_at_or_after(w.conn(), from)? {
                return Err(StoreError::Invalid(t!(
                    "customer-tier-closed",
                    month = month.to_string(),
                    from = from.to_string()
                )));
            }
            w.record(Change::TierSet { customer: customer.to_string(), from, tier, prev: None })?;
            Ok(())
        })
    }

    /// Renames a customer (last writer wins across copies; a name another customer has is refused).
    pub fn rename_customer(&mut self, id: &CustomerId, name: &str, now: DateTime<Utc>) -> Result<()> {
        let name = clean_name(name);
        if name.is_empty() {
            return Err(StoreError::Invalid(t!("customer-needs-name")));
        }
        self.write(now, |w| {
            if find_by_name(w.conn(), &name)?.is_some_and(|c| c.id != *id) {
                return Err(StoreError::Invalid(t!("customer-exists", name = name.to_string())));
            }
            w.record(Change::CustomerRenamed { id: id.to_string(), name, prev: None })?;
            Ok(())
        })
    }

    /// Hides a customer from the customer list and the pickers (its tickets and statements stay).
    /// Refused while a contract is in force this month or later (archiving would not end its monthly
    /// fee: the tier is set to `none` from a month first).
    pub fn archive_customer(&mut self, id: &CustomerId, this_month: YearMonth, now: DateTime<Utc>) -> Result<()> {
        let names = self.tier_names.clone();
        self.write(now, |w| {
            let c = require_row(w.conn(), id)?;
            if c.archived {
                return Err(StoreError::Invalid(t!("customer-already-archived", name = c.name.as_str())));
            }
            if let Some(refusal) = contract_refusal(w.conn(), names.as_ref(), &c, this_month)? {
                return Err(StoreError::Invalid(refusal));
            }
            w.record(Change::CustomerArchived { id: id.to_string() })?;
            Ok(())
        })
    }

    /// Brings an archived customer back into the list and the pickers.
    pub fn unarchive_customer(&mut self, id: &CustomerId, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let c = require_row(w.conn(), id)?;
            if !c.archived {
                return Err(StoreError::Invalid(t!("customer-not-archived", name = c.name.as_str())));
            }
            w.record(Change::CustomerUnarchived { id: id.to_string() })?;
            Ok(())
        })
    }

    /// Removes a customer created by mistake: one with no ticket and no contract in any month (no tier
    /// other than `none` from any month, past or future: no monthly fee ever billed). Refused
    /// ([`StoreError::Invalid`], saying to archive it instead) when it has a ticket, or a contract
    /// (named: its tier and first month; set the tier to `none` from that month if the contract was a
    /// mistake too, or end it and archive).
    pub fn remove_customer(&mut self, id: &CustomerId, now: DateTime<Utc>) -> Result<()> {
        let names = self.tier_names.clone();
        self.write(now, |w| {
            let c = require_row(w.conn(), id)?;
            let tickets: i64 =
                w.conn()
                    .query_row("SELECT count(*) FROM tickets WHERE customer_id = id_blob(?1)", [id], |r| r.get(0))?;
            if tickets > 0 {
                return Err(StoreError::Invalid(t!(
                    "customer-remove-has-tickets",
                    name = c.name.as_str(),
                    count = tickets
                )));
            }
            if let Some(refusal) = remove_contract_refusal(w.conn(), names.as_ref(), &c)? {
                return Err(StoreError::Invalid(refusal));
            }
            w.record(Change::CustomerRemoved { id: id.to_string() })?;
            Ok(())
        })
    }

    /// Why the customer `id` (without tickets) may not be removed: a contract in some month (see
    /// [`Store::remove_customer`]), in the reader's words; `None` when it may. Reads only: the
    /// interface asks it before asking to confirm.
    pub fn remove_refusal(&self, id: &CustomerId) -> Result<Option<String>> {
        let c = require_row(self.conn(), id)?;
        remove_contract_refusal(self.conn(), self.tier_names.as_ref(), &c)
    }

    /// Whether the customer has any ticket (so it can be archived, not removed).
    pub fn customer_ticket_count(&self, id: &CustomerId) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM tickets WHERE customer_id = id_blob(?1)", [id], |r| r.get(0))?)
    }

    /// A new name and/or the tier from a month (`None`: unchanged), in one transaction: both or neither.
    pub fn edit_customer(
        &mut self,
        id: &CustomerId,
        name: Option<&str>,
        tier: Option<(YearMonth, Tier)>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let name = name.map(clean_name);
        if name.as_deref().is_some_and(str::is_empty) {
            return Err(StoreError::Invalid(t!("customer-needs-name")));
        }
        self.write(now, |w| {
            require_row(w.conn(), id)?;
            if let Some(name) = &name
                && find_by_name(w.conn(), name)?.is_some_and(|c| c.id != *id)
            {
                return Err(StoreError::Invalid(t!("customer-exists", name = name.to_string())));
            }
            if let Some((from, _)) = tier
                && let Some(month) = super::months::closed_at_or_after(w.conn(), from)?
            {
                return Err(StoreError::Invalid(t!(
                    "customer-tier-closed",
                    month = month.to_string(),
                    from = from.to_string()
                )));
            }
            if let Some(name) = name {
                w.record(Change::CustomerRenamed { id: id.to_string(), name, prev: None })?;
            }
            if let Some((from, tier)) = tier {
                w.record(Change::TierSet { customer: id.to_string(), from, tier, prev: None })?;
            }
            Ok(())
        })
    }

    /// Sets a customer's contact text (last writer wins across copies).
    pub fn set_customer_contact(&mut self, id: &CustomerId, contact: &str, now: DateTime<Utc>) -> Result<()> {
        let contact = clean(contact, false);
        self.write(now, |w| {
            w.record(Change::CustomerContactSet { id: id.to_string(), contact, prev: None })?;
            Ok(())
        })
    }
}

/// Why `customer` may not be archived in `this_month`: a contract in force then or later (archiving
/// would not end its monthly fee), said with the tier's name from `names` (the price list's, in the
/// reader's language; the stored value without one). `None` when nothing stands in the way.
fn contract_refusal(
    conn: &rusqlite::Connection,
    names: Option<&crate::domain::Tariffs>,
    customer: &Customer,
    this_month: YearMonth,
) -> Result<Option<String>> {
    let contract: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT from_month, tier FROM tier_changes WHERE customer_id = id_blob(?1) AND tier != 'none'
                AND (from_month >= ?2 OR from_month = (SELECT max(from_month) FROM tier_changes
                    WHERE customer_id = id_blob(?1) AND from_month <= ?2))
             ORDER BY from_month LIMIT 1",
        )?
        .query_row(params![customer.id, this_month.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(contract.map(|(from, tier)| {
        t!(
            "customer-archive-contract",
            name = customer.name.as_str(),
            tier = tier_label(names, tier),
            from = from,
            month = this_month.to_string()
        )
    }))
}

/// Why `customer` may not be removed: its first contract (a tier other than `none` from some month,
/// any month: a fee billed or to be billed), named as [`contract_refusal`] names it. `None` when it
/// never had one.
fn remove_contract_refusal(
    conn: &rusqlite::Connection,
    names: Option<&crate::domain::Tariffs>,
    customer: &Customer,
) -> Result<Option<String>> {
    let contract: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT from_month, tier FROM tier_changes WHERE customer_id = id_blob(?1) AND tier != 'none'
             ORDER BY from_month LIMIT 1",
        )?
        .query_row([&customer.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(contract.map(|(from, tier)| {
        t!("customer-remove-contract", name = customer.name.as_str(), tier = tier_label(names, tier), from = from)
    }))
}

/// A stored tier value as the price list `names` calls it (the stored value without one).
fn tier_label(names: Option<&crate::domain::Tariffs>, tier: String) -> String {
    match (names, tier.parse::<Tier>()) {
        (Some(names), Ok(t)) => crate::i18n::words::tier(names, t).to_string(),
        _ => tier,
    }
}

impl Store {
    /// Why the customer `id` may not be archived in `this_month` (see [`Store::archive_customer`]), in
    /// the reader's words; `None` when it may. Reads only: the interface asks it before asking to confirm.
    pub fn archive_refusal(&self, id: &CustomerId, this_month: YearMonth) -> Result<Option<String>> {
        let c = require_row(self.conn(), id)?;
        contract_refusal(self.conn(), self.tier_names.as_ref(), &c, this_month)
    }

    /// Names tiers in messages as the price list `tariffs` does (`VIP`, not the stored `vip`), in the
    /// reader's language.
    pub fn use_tier_names(&mut self, tariffs: crate::domain::Tariffs) {
        self.tier_names = Some(tariffs);
    }
}

fn require_row(conn: &rusqlite::Connection, id: &str) -> Result<Customer> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = id_blob(?1) AND {NOT_GONE}");
    conn.query_row(&sql, [id], read).optional()?.ok_or_else(|| StoreError::Unknown(crate::store::Unknown::Customer))
}

fn find_by_name(conn: &rusqlite::Connection, name: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE name_key = ?1 AND {NOT_GONE} ORDER BY id LIMIT 1");
    Ok(conn.query_row(&sql, [fold(name)], read).optional()?)
}
