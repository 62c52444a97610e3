//! What a file holds, in numbers, for `helpdesk info`: its schema version and how many customers,
//! tickets, time entries (current ones: not voided, not superseded), comments (not deleted) and
//! operations it has. Each count is one scan of a table or an index (about a second at the scale
//! targets: ten million time entries).

use super::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub customers: i64,
    pub tickets: i64,
    pub time_entries: i64,
    pub comments: i64,
    pub operations: i64,
}

impl Store {
    /// The schema version (`PRAGMA user_version`: the migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The counts, read in one snapshot.
    pub fn counts(&self) -> Result<Counts> {
        self.snapshot(|| {
            let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
            Ok(Counts {
                // As `customer list --all` lists them: archived ones too, removed ones not.
                customers: count(&format!("SELECT count(*) FROM customers WHERE {}", super::customers::NOT_GONE))?,
                tickets: count("SELECT count(*) FROM tickets")?,
                time_entries: count("SELECT count(*) FROM time_entries WHERE voided = 0")?,
                comments: count("SELECT count(*) FROM comments WHERE deleted = 0")?,
                operations: count("SELECT count(*) FROM oplog")?,
            })
        })
    }
}
