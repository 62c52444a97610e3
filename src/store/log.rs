//! Reading the operation log in order, and importing operations recorded by another copy.

use rusqlite::{TransactionBehavior, params};

use super::ops::{self, OP_SELECT, OpRecord, read_op_from};
use super::{Hlc, Result, Store, get_meta, set_meta};

impl Store {
    /// Up to `limit` operations appended after log position `after_seq` (0: from the start), in the
    /// order they were appended, each with its position.
    pub fn ops_since(&self, after_seq: i64, limit: usize) -> Result<Vec<(i64, OpRecord)>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql =
            format!("{OP_SELECT} WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2").replacen("SELECT ", "SELECT o.seq, ", 1);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after_seq, limit], |r| Ok((r.get(0)?, read_op_from(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applies and logs operations recorded elsewhere (in an order that keeps causes before effects,
    /// e.g. another store's `ops_since`), in one transaction. Operations already in the log (same
    /// device and clock) are skipped; the local clock moves past the newest one imported. Returns how
    /// many were new.
    pub fn apply_remote(&mut self, remote: &[OpRecord]) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let zone = super::month_totals::file_zone(&tx)?;
        let mut clock: Option<Hlc> = get_meta(&tx, "hlc")?.and_then(|s| s.parse().ok());
        let mut n = 0;
        for op in remote {
            if ops::op_at(&tx, &op.hlc)?.is_some() {
                continue;
            }
            ops::apply_and_append(&tx, op, zone)?;
            n += 1;
            let h: Option<Hlc> = op.hlc.parse().ok();
            if h > clock {
                clock = h;
            }
        }
        if let Some(h) = clock {
            set_meta(&tx, "hlc", &h.to_string())?;
        }
        tx.commit()?;
        Ok(n)
    }
}
