//! A team server's replica, as the file sees it: the binding to the server (its URL without a
//! password, the server's identity, the technician this desk acts as), the desk's copy tag for tickets
//! opened while the server does not answer, and the operations this desk has not pushed yet.
//!
//! The PostgreSQL side is `crate::team`; this module holds only the SQLite half.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::change::{Change, OpRecord};
use super::codec;
use super::oplog::{OP_SELECT, read_op};
use super::{Hlc, Result, Store, StoreError, get_meta, set_meta};
use crate::domain::ticket::child_tag;

/// The meta key that holds the binding (JSON); its presence makes the file a replica.
pub(super) const BINDING: &str = "team_server";

/// Where a replica's plain ticket numbers come from: the team's next number, or `None` when the server
/// does not answer now (the copy's tagged numbers then).
pub type TicketNumbers = Box<dyn FnMut() -> Option<u64> + Send>;

/// What binds a replica to its team server. Never holds a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// The server's URL as libpq reads it, without a password.
    pub url: String,
    /// The server's identity (made by `team init`): a replica never talks to another team's server.
    pub server: String,
    /// The technician this desk acts as (the one its PostgreSQL role is mapped to); empty for a viewer.
    pub technician: String,
}

/// The technician of the team replica at `path` (empty for a viewer's), read without opening it as a
/// store; `None` when it is no replica, or cannot be read (opening it properly then says why).
/// `read_only`: the command will open the file for reading only (`--read-only`).
///
/// The connection it read with is kept for the store that opens the same file next in this process
/// (see [`take_probed`]): a command then opens the file once, not twice (a second connection parsed
/// the schema again and made the WAL index anew, about half a millisecond of every command).
pub fn replica_technician(path: &std::path::Path, read_only: bool) -> Option<String> {
    use rusqlite::OpenFlags;
    if !path.is_file() {
        return None;
    }
    // As the store will open it (see `open::open_file`): for writing when the command and the file's
    // permissions allow it.
    let read_only = read_only || std::fs::OpenOptions::new().write(true).open(path).is_err();
    let access = if read_only { OpenFlags::SQLITE_OPEN_READ_ONLY } else { OpenFlags::SQLITE_OPEN_READ_WRITE };
    super::read_pattern::before_open(path);
    let conn = rusqlite::Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    super::read_pattern::advise(path, &conn);
    super::open::plan_once(&conn).ok()?;
    let text = match conn.query_row("SELECT value FROM meta WHERE key = ?1", [BINDING], |r| r.get::<_, String>(0)) {
        Ok(text) => Some(text),
        Err(rusqlite::Error::QueryReturnedNoRows) => None,
        Err(_) => return None,
    };
    *PROBED.lock().unwrap_or_else(|e| e.into_inner()) = Some(Probed { path: path.to_path_buf(), read_only, conn });
    serde_json::from_str::<Binding>(&text?).ok().map(|b| b.technician)
}

/// A connection [`replica_technician`] opened and read `meta` with, nothing else.
struct Probed {
    path: std::path::PathBuf,
    read_only: bool,
    conn: rusqlite::Connection,
}

static PROBED: std::sync::Mutex<Option<Probed>> = std::sync::Mutex::new(None);

/// The connection [`replica_technician`] opened on `path` with the same access (`read_only`), if it
/// kept one: as a connection opened anew, but its schema already read. One opened otherwise is closed.
pub(super) fn take_probed(path: &std::path::Path, read_only: bool) -> Option<rusqlite::Connection> {
    let mut slot = PROBED.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_none_or(|p| p.path != path) {
        return None;
    }
    slot.take().filter(|p| p.read_only == read_only).map(|p| p.conn)
}

/// Closes the connection [`replica_technician`] kept, if no store took it (a command that did not open
/// its file).
pub fn forget_probed() {
    drop(PROBED.lock().unwrap_or_else(|e| e.into_inner()).take());
}

impl Store {
    /// The team server this file is a replica of, if it is one.
    pub fn team_binding(&self) -> Result<Option<Binding>> {
        let Some(text) = get_meta(self.conn(), BINDING)? else { return Ok(None) };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::Invalid(crate::t!("team-binding-damaged", error = e.to_string())))
    }

    /// A viewer's replica: nothing may be written to it (the server would refuse it anyway); a write
    /// is refused as [`crate::store::Refused::ViewerReplica`] (the role's doing, not the file's).
    pub fn make_viewer(&mut self) {
        self.read_only = true;
        self.viewer = true;
    }

    /// Whether this is a viewer's team replica (see [`Store::make_viewer`]).
    pub fn is_viewer(&self) -> bool {
        self.viewer
    }

    /// Tickets opened from now on take their numbers from `numbers` when it has one.
    pub fn set_ticket_numbers(&mut self, numbers: Option<TicketNumbers>) {
        self.numbers = numbers;
    }

    /// Whether the log holds any operation at all (a fresh file holds none).
    pub fn log_is_empty(&self) -> Result<bool> {
        Ok(self.conn().query_row("SELECT NOT EXISTS (SELECT 1 FROM oplog)", [], |r| r.get(0))?)
    }

    /// A fresh file becomes a replica of `binding`'s team: the team's id and the binding, before anything
    /// is pulled into it (so the other desks' plain numbers are the team's, not a clash).
    pub fn adopt_team(&mut self, team_id: &str, binding: &Binding) -> Result<()> {
        if !self.log_is_empty()? {
            return Err(StoreError::Invalid(crate::t!("team-replica-not-empty")));
        }
        let text = serde_json::to_string(binding).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        set_meta(&tx, "team_id", team_id)?;
        set_meta(&tx, BINDING, &text)?;
        tx.commit()?;
        Ok(())
    }

    /// The `index`-th candidate copy tag for a desk, from `index` on, that no copy this file knows of
    /// uses: (tag, its index).
    pub fn free_desk_tag(&self, mut index: u64) -> Result<(String, u64)> {
        loop {
            let tag = child_tag("", index);
            if !super::identity::tag_known(self.conn(), &tag)? {
                return Ok((tag, index));
            }
            index += 1;
        }
    }

    /// Makes this file the replica `binding` describes, numbering offline tickets with `tag` (reserved
    /// on the server): its claim to the tag is its first own operation.
    pub fn become_desk(&mut self, tag: &str, binding: &Binding, now: DateTime<Utc>) -> Result<()> {
        let text = serde_json::to_string(binding).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let device = self.device().to_string();
        self.write(now, |w| {
            set_meta(w.conn(), "device_tag", tag)?;
            set_meta(w.conn(), "ticket_seq", "0")?;
            set_meta(w.conn(), BINDING, &text)?;
            w.record(Change::CopyCreated { device, tag: tag.to_string() })?;
            Ok(())
        })
    }

    /// A file being filled in bulk by `team join`, which nobody else uses yet, until
    /// [`Store::end_join_load`]:
    /// - the page cache of a bulk load (256 MiB), so the state tables' and indexes' pages stay in
    ///   memory while the team's log is applied to them, instead of being spilled and read back;
    /// - a rollback journal in memory and no `fsync` per commit (`journal_mode=MEMORY`,
    ///   `synchronous=OFF`): the file is a scratch file that a failed or killed join throws away, and
    ///   it is synced as a whole before it gets its name (`publish`), so neither the WAL (every page
    ///   written twice) nor a sync per transaction buys anything;
    /// - its imports mark no arrivals (`sync_pending`): the join lets every mark go once the team's log
    ///   is in ([`Store::clear_all_pending_arrivals`]), so finding the entries each operation touched
    ///   would be work thrown away;
    /// - its imports leave the search index to the end: every ticket is indexed once, from its final
    ///   text, in document order (as a replay does), instead of each touched ticket once per
    ///   transaction (a ticket whose comments came in many pages was indexed as many times);
    /// - in an empty file, the indexes only listings read are dropped and made anew at the end, one
    ///   sorted pass each (`ops::fresh::DEFERRED_INDEXES`).
    ///
    /// Errors: the file refuses the settings (another connection has it).
    pub fn begin_join_load(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", super::batch::BULK_CACHE_KIB)?;
        let mode: String = self.conn.query_row("PRAGMA journal_mode = MEMORY", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::Busy);
        }
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        self.join_load = true;
        // An empty file (as a join's is): what the load knows without asking it (see `ops::fresh`).
        self.fresh = super::ops::Fresh::for_file(&self.conn)?;
        self.index_all = self.fresh.is_some();
        if self.fresh.is_some() {
            self.deferred_indexes = super::ops::drop_deferred_indexes(&self.conn)?;
        }
        Ok(())
    }

    /// Ends [`Store::begin_join_load`]: the indexes it dropped made again and the search index of every
    /// ticket the imports touched, in one transaction, and the file back in WAL mode with `synchronous=FULL`, as every replica is.
    /// Errors: the file's (the index cannot be written, or the journal mode not changed back).
    pub fn end_join_load(&mut self, now: DateTime<Utc>) -> Result<()> {
        if self.join_load {
            // A load of an empty file marked no ticket for indexing (`ops::fresh`): each was opened
            // during it, so each is marked now — what the marks of its changes would have made. (Also
            // when an import that failed took what the load knew with it: the later ones marked theirs.)
            self.fresh = None;
            let unmarked = std::mem::take(&mut self.index_all);
            let indexes = std::mem::take(&mut self.deferred_indexes);
            self.write(now, |w| {
                super::ops::make_indexes(w.conn(), &indexes)?;
                // Every ticket indexed in one pass when the index is still empty (`search_fill`).
                if unmarked && !super::search_fill::fill_empty(w.conn())? {
                    super::search::defer(w.conn())?;
                    w.conn().execute(
                        "INSERT OR IGNORE INTO temp.search_dirty (ticket_id) SELECT id_text(id) FROM tickets",
                        [],
                    )?;
                }
                super::search::flush(w.conn())
            })?;
            self.join_load = false;
        }
        let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Busy);
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Closes the file with everything in it (the WAL checkpointed into the file and removed), so it can
    /// be given another name: `team join` fills a hidden scratch file and names it only once complete.
    pub fn close_into_file(self) -> Result<()> {
        // (busy, frames in the WAL, frames checkpointed): nobody else has the file, so none stays behind.
        let (busy, _, _): (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if busy != 0 {
            return Err(StoreError::Busy);
        }
        self.conn.close().map_err(|(_, e)| StoreError::from(e))
    }

    /// This desk's own operations after clock `after` (empty: all of them), in clock order.
    pub fn own_ops_after(&self, after: &str) -> Result<Vec<OpRecord>> {
        let after = after.parse::<Hlc>().map_or(-1, |h| codec::clock_of(&h));
        let sql = format!(
            "{OP_SELECT} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1)) AND o.clock > ?2 ORDER BY o.clock"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![self.device(), after], read_op)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every operation of the log in clock order, handed to `visit` at most `per` at a time, so the log
    /// never has to fit in memory (`team init --from` moves a file of millions of operations this way).
    /// Stops at the first error `visit` returns, and returns it.
    pub fn each_op_chunk<E: From<StoreError>>(
        &self,
        per: usize,
        mut visit: impl FnMut(&[OpRecord]) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut chunk = Vec::with_capacity(per.max(1));
        let mut stopped = None;
        let read = super::oplog::each_in_clock_order(self.conn(), &mut |op| {
            chunk.push(op);
            if chunk.len() >= per.max(1) {
                if let Err(e) = visit(&chunk) {
                    stopped = Some(e);
                    return Err(StoreError::Invalid(String::new()));
                }
                chunk.clear();
            }
            Ok(())
        });
        if let Some(e) = stopped {
            return Err(e);
        }
        read?;
        if chunk.is_empty() { Ok(()) } else { visit(&chunk) }
    }

    /// The devices whose operations the log holds (ids), and how many operations it holds.
    pub fn log_devices(&self) -> Result<(Vec<String>, u64)> {
        let mut stmt = self.conn().prepare(
            "SELECT id_text(d.id), (SELECT count(*) FROM oplog o WHERE o.device = d.no) AS n FROM devices d WHERE n > 0 ORDER BY d.id",
        )?;
        let rows: Vec<(String, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let total = rows.iter().map(|(_, n)| *n as u64).sum();
        Ok((rows.into_iter().map(|(d, _)| d).collect(), total))
    }

    /// Every operation of the log, in clock order (what `team init --from` moves to the server).
    pub fn all_ops(&self) -> Result<Vec<OpRecord>> {
        self.ops_missing_from(&super::Vector::new())
    }
}

/// What a replica remembers of reaching its server (kept in the file, so that every command and the
/// interface on this replica know it): the last contact, and since when — and when last tried — the
/// server has not answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamContact {
    /// The last time a command or the interface reached the server (pulled from it or pushed to it).
    pub last_contact: Option<DateTime<Utc>>,
    /// The first failed attempt since the last contact: `None` while the server answers.
    pub offline_since: Option<DateTime<Utc>>,
    /// The latest failed attempt (for the back-off between attempts).
    pub last_try: Option<DateTime<Utc>>,
}

const LAST_CONTACT: &str = "team_last_contact";
const OFFLINE_SINCE: &str = "team_offline_since";
const LAST_TRY: &str = "team_last_try";

impl Store {
    /// What this replica remembers of reaching its server (all `None` for a file that is no replica).
    pub fn team_contact(&self) -> Result<TeamContact> {
        let at = |key: &str| -> Result<Option<DateTime<Utc>>> {
            Ok(get_meta(self.conn(), key)?.and_then(|s| s.parse::<i64>().ok()).map(super::from_ts))
        };
        Ok(TeamContact { last_contact: at(LAST_CONTACT)?, offline_since: at(OFFLINE_SINCE)?, last_try: at(LAST_TRY)? })
    }

    /// The server answered at `now`: the replica is online again. A local note, not an operation (it is
    /// never synced); a file opened read-only keeps what it had.
    pub fn record_team_contact(&mut self, now: DateTime<Utc>) -> Result<()> {
        if self.is_read_only_file() {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        contact_at(&tx, now)?;
        tx.commit()?;
        Ok(())
    }

    /// A push reached the server with this desk's operations up to `own_hlc`: they are shared, and the
    /// server answered at `now` (one transaction: a busy desk pushes several times a second).
    pub fn record_pushed(&mut self, own_hlc: &str, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current = get_meta(&tx, "shared_up_to")?.unwrap_or_default();
        if own_hlc > current.as_str() {
            set_meta(&tx, "shared_up_to", own_hlc)?;
        }
        contact_at(&tx, now)?;
        tx.commit()?;
        Ok(())
    }

    /// A pull brought everything the server `server` held (its `heads`) at `now`: what the server is
    /// known to have, and the contact, in one transaction.
    pub fn record_pulled(&mut self, server: &str, heads: &super::Vector, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        super::sync::upsert_peer(&tx, server, "", heads, now)?;
        contact_at(&tx, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The file is no longer bound to a team server (a stand-alone copy made of a replica): the binding
    /// and what it remembered of the server go; its data and history stay.
    pub fn leave_team(&mut self) -> Result<()> {
        self.conn.execute(
            "DELETE FROM meta WHERE key IN (?1, ?2, ?3, ?4)",
            [BINDING, LAST_CONTACT, OFFLINE_SINCE, LAST_TRY],
        )?;
        Ok(())
    }

    /// The server did not answer at `now`: offline since the first such attempt after the last contact.
    pub fn record_team_unreachable(&mut self, now: DateTime<Utc>) -> Result<TeamContact> {
        if self.is_read_only_file() {
            let mut contact = self.team_contact()?;
            contact.offline_since = contact.offline_since.or(Some(now));
            return Ok(contact);
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if get_meta(&tx, OFFLINE_SINCE)?.is_none() {
            set_meta(&tx, OFFLINE_SINCE, &now.timestamp().to_string())?;
        }
        set_meta(&tx, LAST_TRY, &now.timestamp().to_string())?;
        tx.commit()?;
        self.team_contact()
    }
}

/// Records that the server answered at `now` (in the caller's transaction).
fn contact_at(conn: &rusqlite::Connection, now: DateTime<Utc>) -> Result<()> {
    set_meta(conn, LAST_CONTACT, &now.timestamp().to_string())?;
    conn.execute("DELETE FROM meta WHERE key IN (?1, ?2)", [OFFLINE_SINCE, LAST_TRY])?;
    Ok(())
}

impl Store {
    /// Whether SQLite opened the file itself for reading only (not a viewer's replica, which is
    /// writable underneath and only refuses the user's writes).
    fn is_read_only_file(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }
}
