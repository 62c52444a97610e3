//! Applying customer changes: creation, name, contact, tier, archiving.

use rusqlite::{Connection, params};

use crate::domain::{Tier, YearMonth};
use crate::store::Result;
use crate::store::conflicts::{Contender, Of};
use crate::store::{Change, OpRecord};

/// Applies a customer change (the arms of [`super::apply`] for them).
pub(super) fn apply(conn: &Connection, op: &OpRecord, change: &Change, h: &[u8]) -> Result<()> {
    use Change::*;
    match change {
        CustomerCreated { id, name, contact, tier, since, at } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO customers (id, name, name_key, contact, created_at, name_hlc, contact_hlc)
                 VALUES (id_blob(?1), ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), contact, at, h])?;
            set_tier(conn, id, *since, *tier, h)?;
        }
        CustomerRenamed { id, name, prev } => {
            let before = crate::store::conflicts::customer_value(conn, "name", id)?;
            conn.prepare_cached(
                "UPDATE customers SET name = ?2, name_key = ?3, name_hlc = ?4 WHERE id = id_blob(?1) AND name_hlc < ?4",
            )?
            .execute(params![id, name, crate::domain::text::fold(name), h])?;
            let c = Contender::new(Of::Customer, id, "name", h, prev, Some(name.clone()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        CustomerContactSet { id, contact, prev } => {
            let before = crate::store::conflicts::customer_value(conn, "contact", id)?;
            conn.prepare_cached(
                "UPDATE customers SET contact = ?2, contact_hlc = ?3 WHERE id = id_blob(?1) AND contact_hlc < ?3",
            )?
            .execute(params![id, contact, h])?;
            let c = Contender::new(Of::Customer, id, "contact", h, prev, Some(contact.clone()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        TierSet { customer, from, tier, prev } => {
            let before = crate::store::conflicts::tier_value(conn, customer, &from.to_string())?;
            set_tier(conn, customer, *from, *tier, h)?;
            let field = format!("tier from {from}");
            let c = Contender::new(Of::Customer, customer, &field, h, prev, Some(tier.as_str().to_string()));
            crate::store::conflicts::contend(conn, &c, before)?;
        }
        CustomerArchived { id } | CustomerUnarchived { id } | CustomerRemoved { id } => {
            let state = match &op.change {
                CustomerArchived { .. } => 1,
                CustomerRemoved { .. } => 2,
                _ => 0,
            };
            conn.prepare_cached(
                "UPDATE customers SET state = ?2, state_hlc = ?3 WHERE id = id_blob(?1) AND state_hlc < ?3",
            )?
            .execute(params![id, state, h])?;
        }
        _ => unreachable!("not a customer change"),
    }
    Ok(())
}

fn set_tier(conn: &Connection, customer: &str, from: YearMonth, tier: Tier, h: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tier_changes (customer_id, from_month, tier, hlc) VALUES (id_blob(?1), ?2, ?3, ?4)
         ON CONFLICT (customer_id, from_month) DO UPDATE SET tier = excluded.tier, hlc = excluded.hlc
         WHERE excluded.hlc > tier_changes.hlc",
    )?
    .execute(params![customer, from.to_string(), tier.as_str(), h])?;
    Ok(())
}
