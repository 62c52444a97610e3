//! Importing operations recorded by another copy without a sync (tests, tools).

use rusqlite::TransactionBehavior;

use super::change::OpRecord;
use super::{Hlc, Result, Store, get_meta, set_meta};
use super::{oplog, ops};

impl Store {
    /// Applies and logs operations recorded elsewhere (in an order that keeps causes before effects,
    /// e.g. another store's `ops_missing_from`), in one transaction. Operations already in the log (same
    /// device and clock) are skipped; the local clock moves past the newest one imported. Returns how
    /// many were new.
    pub fn apply_remote(&mut self, remote: &[OpRecord]) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let zone = super::month_totals::file_zone(&tx)?;
        let mut clock: Option<Hlc> = get_meta(&tx, "hlc")?.and_then(|s| s.parse().ok());
        let mut n = 0;
        let numbers = ops::Numbers::default();
        for op in remote {
            if oplog::op_at(&tx, &op.hlc)?.is_some() {
                continue;
            }
            ops::apply_and_append(&tx, &numbers, op, zone)?;
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
