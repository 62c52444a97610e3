//! What a clash's way out needs to know about a file's own history: whether it was restored and has
//! written nothing since, and whether it holds another history of a copy than an exchange brings.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::{digest, restored_unwritten};
use crate::store::change::OpRecord;
use crate::store::oplog;
use crate::store::{Hlc, Result, Store, get_meta};

/// The newest clock value (as stored) of this file's own operations, `None` before its first.
pub(crate) fn own_max_clock(conn: &Connection, device: &str) -> Result<Option<i64>> {
    Ok(conn.query_row(
        "SELECT max(clock) FROM oplog WHERE device = (SELECT no FROM devices WHERE id = id_blob(?1))",
        [device],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Whether this file was restored from a backup (`helpdesk restore`) and has written nothing of its
    /// own since: an older state of its copy that takes its lost changes back at sync (so a clash about
    /// its own identity is not one it made by writing after the restore).
    pub fn restored_unwritten(&self) -> Result<bool> {
        if restored_unwritten(self.conn(), self.device())?.is_none() {
            return Ok(false);
        }
        // Restored since the restore noted its own last change: compared by clock value, not by time
        // (a write in the same millisecond as the restore, or under a clock set back, is still a write).
        match get_meta(self.conn(), "restored_own_clock")? {
            Some(at) => {
                Ok(own_max_clock(self.conn(), self.device())?.map_or_else(String::new, |c| c.to_string()) == at)
            }
            None => Ok(true),
        }
    }

    /// Whether this file holds a different history of copy `device` than an exchange brings: one of its
    /// operations `ops` at a clock value this file holds with other content, or a clock value of `heads`
    /// (clock value → digest, as a sync header states them) whose operation here differs.
    pub fn other_history_of(&self, device: &str, ops: &[OpRecord], heads: &BTreeMap<String, String>) -> Result<bool> {
        for op in ops.iter().filter(|op| op.device == device) {
            if oplog::op_at(self.conn(), &op.hlc)?.is_some_and(|here| here != *op) {
                return Ok(true);
            }
        }
        for (hlc, theirs) in heads {
            if hlc.parse::<Hlc>().is_ok_and(|h| h.device == device)
                && oplog::op_at(self.conn(), hlc)?.is_some_and(|here| digest(&here) != *theirs)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
