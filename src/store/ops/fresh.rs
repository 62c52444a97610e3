//! What `team join`'s bulk load knows without asking the file: it fills a file that held no ticket,
//! time entry or removal when the load began (`Store::begin_join_load`), and nobody else writes to it,
//! so some look-ups every import makes per operation have answers kept here instead.
//!
//! Every answer is the one the look-up would give:
//! - **Entries seen**: the entry keys and row ids of every time entry version, and the entry keys of
//!   every removal, applied since the load began. A key not among them matches no row (by id or entry)
//!   and no removal in the file (those tables were empty and only these changes write them), so
//!   nothing of that entry is in force: its version needs no look-up of a version or removal before it.
//! - **Tickets**: a ticket's number in the file (`tickets.no`) and its customer (id, and the
//!   customer's number), as read once. Only changes that leave every existing ticket's number and
//!   customer, and every customer's number, as they were keep them (see [`keeps_tickets`]); any other
//!   change forgets them all. A ticket not found is never kept (it may be opened later).
//! - **Search**: the load indexes every ticket at its end (each was opened during it), so a change
//!   need not mark its ticket for indexing.
//! - **Indexes only listings read** ([`DEFERRED_INDEXES`]): dropped when the load begins and made
//!   anew when it ends, one sorted pass each instead of an insert in each per row and a move per
//!   change of an indexed column. An index holds what its table holds whenever it is made, and no
//!   read of an import uses these (none names them, and none filters or orders by their columns but
//!   through another index), so every read during the load answers as it would with them.
//!
//! Kept in [`super::Numbers`] for one write transaction at a time and handed on to the next only after
//! a commit: what a transaction that rolled back read or wrote is never kept.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use crate::store::Change;
use crate::store::Result;

/// A ticket as a time entry needs it: its number in the file, its customer's id (text) and the
/// customer's number (`None` when no customer row has that id).
#[derive(Debug, Clone)]
pub(in crate::store) struct TicketFacts {
    pub no: i64,
    pub customer_id: String,
    pub customer_no: Option<i64>,
}

/// See the module comment. Made only for a file with no ticket, time entry or removal ([`Fresh::for_file`]).
#[derive(Debug, Default)]
pub(in crate::store) struct Fresh {
    entries: RefCell<HashSet<Vec<u8>>>,
    tickets: RefCell<HashMap<String, TicketFacts>>,
}

impl Fresh {
    /// The load's knowledge of an empty file: `None` when the file holds any ticket, time entry or
    /// removal (the look-ups are then made as always). Errors: the file's.
    pub(in crate::store) fn for_file(conn: &Connection) -> Result<Option<Fresh>> {
        let held: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM time_entries)
                OR EXISTS (SELECT 1 FROM entry_removals)",
            [],
            |r| r.get(0),
        )?;
        Ok((!held).then(Fresh::default))
    }

    /// Whether entry `entry` (its key: the first version's id) had no version or removal applied yet.
    pub(in crate::store) fn entry_unseen(&self, entry: &str) -> bool {
        !self.entries.borrow().contains(&crate::store::codec::id_blob(entry))
    }

    /// Entry `entry` has a version or a removal from now on.
    pub(in crate::store) fn saw_entry(&self, entry: &str) {
        self.entries.borrow_mut().insert(crate::store::codec::id_blob(entry));
    }

    /// Ticket `id` as the file holds it (`None`: no such ticket), read once.
    pub(in crate::store) fn ticket(&self, conn: &Connection, id: &str) -> Result<Option<TicketFacts>> {
        if let Some(t) = self.tickets.borrow().get(id) {
            return Ok(Some(t.clone()));
        }
        let found = conn
            .prepare_cached(
                "SELECT t.no, id_text(t.customer_id), c.no FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
                 WHERE t.id = id_blob(?1)",
            )?
            .query_row([id], |r| Ok(TicketFacts { no: r.get(0)?, customer_id: r.get(1)?, customer_no: r.get(2)? }))
            .optional()?;
        if let Some(t) = &found {
            self.tickets.borrow_mut().insert(id.to_string(), t.clone());
        }
        Ok(found)
    }

    /// Before `change` is applied: forgets the tickets unless it keeps them ([`keeps_tickets`]).
    pub(in crate::store) fn before(&self, change: &Change) {
        if !keeps_tickets(change) {
            self.tickets.borrow_mut().clear();
        }
    }

    /// After `change` was applied: the same (what was read while it was applied may have changed).
    pub(in crate::store) fn after(&self, change: &Change) {
        self.before(change);
    }
}

/// The indexes a join's load of an empty file makes at its end instead of keeping them in step (see
/// the module comment): the time entries by customer, the tickets by openness, receipt and customer.
pub(in crate::store) const DEFERRED_INDEXES: [&str; 4] =
    ["time_entries_customer", "tickets_open", "tickets_received", "tickets_customer"];

/// Drops the [`DEFERRED_INDEXES`] the file has; returns the statements that make them again, for
/// [`make_indexes`]. Errors: the file's.
pub(in crate::store) fn drop_deferred_indexes(conn: &Connection) -> Result<Vec<String>> {
    let mut made = Vec::new();
    for name in DEFERRED_INDEXES {
        let sql: Option<String> = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
            .optional()?;
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            made.push(sql);
        }
    }
    Ok(made)
}

/// Makes the indexes [`drop_deferred_indexes`] dropped, each from the table as it is now. Errors: the
/// file's.
pub(in crate::store) fn make_indexes(conn: &Connection, statements: &[String]) -> Result<()> {
    for sql in statements {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// Whether applying `change` leaves every existing ticket's number (`tickets.no`) and customer, and
/// every customer's number, as they were, and adds no customer (a ticket kept without its customer's
/// number would keep lacking it): it adds a ticket (insert-once) or changes nothing of those.
fn keeps_tickets(change: &Change) -> bool {
    use Change::*;
    matches!(
        change,
        TimeEntryAdded { .. }
            | TimeEntryVoided { .. }
            | TimerStarted { .. }
            | TimerStopped { .. }
            | TicketOpened { .. }
            | TicketTitleSet { .. }
            | TicketDescriptionSet { .. }
            | TicketKindSet { .. }
            | TicketAssigneeSet { .. }
            | TicketStatusSet { .. }
            | FirstResponse { .. }
            | CommentAdded { .. }
            | CommentDeleted { .. }
    )
}
