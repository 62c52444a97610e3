//! Bulk writes (the demo, and any future import): many changes recorded through [`Writer::record`], so
//! every state row still has its operation in the log, but in few `BEGIN IMMEDIATE` transactions
//! instead of one per change. Each change carries the instant it happened (its HLC and id time) and
//! who made it. The clock meta is read once and written once per transaction, and the search index is
//! updated once per touched ticket at the end of each transaction (`search::defer`/`flush`).
//!
//! A bulk load is atomic per transaction, not as a whole: when one fails, the transactions committed
//! before it stay (the caller says so).

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;

use super::change::Change;
use super::{Result, Store, StoreError, Writer, month_totals, search, set_meta};

/// The page cache of a bulk load, as `PRAGMA cache_size` wants it (negative: KiB): 256 MiB.
pub(super) const BULK_CACHE_KIB: i64 = -256 * 1024;

/// One change to record in bulk: when it happened and who made it (`None`: the store's actor).
#[derive(Debug, Clone)]
pub(crate) struct Stamped<'x> {
    pub at: DateTime<Utc>,
    pub actor: Option<&'x str>,
    pub change: Change,
}

impl Store {
    /// Records every change of `changes` in order, committing after each `per_tx` of them and then
    /// calling `progress` with the number recorded so far. Returns that number.
    pub(crate) fn record_all<'x>(
        &mut self,
        changes: impl IntoIterator<Item = Stamped<'x>>,
        per_tx: usize,
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        if self.read_only {
            return Err(StoreError::ReadOnly(t!("store-database-read-only")));
        }
        let per_tx = per_tx.max(1);
        // A big page cache keeps the indexes' hot pages in memory instead of spilling them to the WAL
        // and reading them back (the load's hot spot at the default 2 MiB).
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let result = self.record_chunks(changes, per_tx, &mut progress);
        self.conn.pragma_update(None, "cache_size", cache)?;
        result
    }

    fn record_chunks<'x>(
        &mut self,
        changes: impl IntoIterator<Item = Stamped<'x>>,
        per_tx: usize,
        progress: &mut impl FnMut(usize),
    ) -> Result<usize> {
        let mut changes = changes.into_iter().peekable();
        let mut total = 0;
        while let Some(first) = changes.peek() {
            let now = first.at;
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let zone = month_totals::file_zone(&tx)?;
            let mut w = Writer {
                tx,
                device: &self.device,
                actor: &self.actor,
                now,
                hlc: None,
                zone,
                numbers: Default::default(),
            };
            search::defer(&w.tx)?;
            month_totals::defer(&w.tx)?;
            for s in changes.by_ref().take(per_tx) {
                w.now = s.at;
                w.actor = s.actor.unwrap_or(&self.actor);
                w.record(s.change)?;
                total += 1;
            }
            search::flush(&w.tx)?;
            month_totals::flush(&w.tx, w.zone)?;
            if let Some(h) = &w.hlc {
                set_meta(&w.tx, "hlc", &h.to_string())?;
            }
            w.tx.commit()?;
            progress(total);
        }
        Ok(total)
    }
}
