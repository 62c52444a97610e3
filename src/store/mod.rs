//! The store: the only module with SQL. One SQLite file in WAL mode with `synchronous=FULL` and foreign
//! keys; every writing transaction is `BEGIN IMMEDIATE`; migrations run under `PRAGMA user_version`.
//! Every change goes through [`Change`]: applied to the state tables and appended to the operation
//! log in one transaction (see `ops.rs`).

pub(crate) mod batch;
mod change;
pub mod codec;
mod conflicts;
mod contacts;
mod customers;
mod cuts;
mod error;
mod filesystem;
mod hlc;
pub(crate) mod identity;
mod list_customers;
mod lists;
mod log;
mod mail;
pub(crate) mod mail_threading;
mod maintenance;
mod month_totals;
pub use month_totals::FiguresTable;
mod month_totals_each;
pub use month_totals_each::{End, Meeting};
mod months;
mod open;
mod oplog;
pub mod ops;
mod prefetch;
mod read_pattern;
mod search;
mod search_fill;
mod search_terms;
mod snapshot;
mod stats;
mod sync;
mod team;
mod tickets;
mod twin;
mod work;

use crate::t;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use change::{Change, OpRecord};
pub use conflicts::{Conflict, SAME_NAME};
pub use contacts::{Contact, Sender};
pub use customers::{Candidates, Customer, CustomerCursor, CustomerLine, MIN_ID_PART, Merged, short_id};
pub use error::{Needs, Refused, Result, StoreError, Unknown};
pub use filesystem::{create_fresh, create_private, named, require_directory};
pub use hlc::Hlc;
pub use identity::{NewIdentity, TakenOver};
pub(crate) use identity::{check_header, heads};
pub use lists::{LineColumns, ResponseFacts, TicketLine, TicketSummary};
pub use mail::{IncomingMail, Intake, MAX_TITLE, MailThread, SentMail, TriageItem};
pub use maintenance::{CheckReport, restore_scratch};
pub(crate) use maintenance::{fail_point, pause_point, publish};
pub use months::{AdjustmentRow, ClosedWork, FrozenStatement, NewAdjustment, StatusReportRow};
pub use open::LATEST_VERSION;
pub use open::report_upgrades_to;
pub use read_pattern::{Reads, expect_reads};
pub use search::match_expression;
pub use snapshot::{SnapshotFacts, facts as snapshot_facts, neutralise, open_snapshot_file};
pub use stats::Counts;
pub use sync::{CopyIdentity, Imported, MAX_AHEAD_MS, Peer, Vector};
pub use team::{Binding, TeamContact, TicketNumbers, forget_probed, replica_technician};
pub use tickets::{NewTicket, TicketChange, TicketCursor, TicketFilter, TicketRow};
pub use work::{CommentRow, EntryCut, NewEntry, StoppedTimer, TimeEntryRow, TimerRow, TimerStop, timer_minutes};

/// Ticket numbers (`tickets.no`) kept through a rebuild from the log (see `ops::rebuild`): a temporary
/// table of the connection (changing `temp_store` drops it).
const TICKET_NOS: &str = "CREATE TEMP TABLE IF NOT EXISTS ticket_nos (id BLOB PRIMARY KEY, no INTEGER NOT NULL)";

/// An open database and who is writing to it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    device: String,
    actor: String,
    read_only: bool,
    /// A viewer's team replica: read-only because of the viewer's role, not the file's permissions
    /// (writes are refused as [`Refused::ViewerReplica`]).
    viewer: bool,
    /// Where long work (check, backup, restore, copies) reports how far it got.
    progress: crate::progress::Progress,
    /// Where a team replica's plain ticket numbers come from while its server answers (see `team.rs`).
    numbers: Option<TicketNumbers>,
    /// What the last imports found that people should know (a tier change that reached a closed month).
    notices: Vec<String>,
    /// The order names are listed in (the reader's language's; see `domain::collation`).
    name_order: crate::domain::collation::NameOrder,
    /// The price list whose tier names messages use (see `Store::use_tier_names`).
    tier_names: Option<crate::domain::Tariffs>,
    /// A file `team join` fills, which nobody else uses and whose arrival marks are all let go at the
    /// end (see [`Store::begin_join_load`]): imports do not mark what arrived, and leave the search
    /// index to [`Store::end_join_load`].
    join_load: bool,
    /// What a join's load of an empty file knows without asking it, between its import transactions
    /// (see `ops::fresh`); `None` otherwise.
    fresh: Option<ops::Fresh>,
    /// A join's load of an empty file: every ticket is indexed at its end (its changes mark none).
    index_all: bool,
    /// A join's load of an empty file: the statements that make the indexes it dropped, run at its end
    /// (see `ops::fresh`).
    deferred_indexes: Vec<String>,
    /// Whether reads may run on a second connection beside this one (see `Store::read_beside`).
    readers: twin::Readers,
    /// How many reads ran beside this one on a second connection (see `Store::reads_beside`).
    beside: std::cell::Cell<u32>,
    /// The opened file's device and inode (see `twin::file_identity`); `None` in memory.
    file_id: Option<(u64, u64)>,
}

impl Store {
    /// Opens the database at `path`, creating the file when it is missing or empty (never its directory:
    /// a missing directory is `Missing`). Read-only when the file's permissions forbid writing.
    pub fn open(path: &Path, actor: &str) -> Result<Self> {
        Self::open_with(path, actor, open::Access::Create)
    }

    /// Opens an existing database (read-write when permitted); a missing or empty file is `Missing`
    /// and nothing is created. For commands that only read.
    pub fn open_existing(path: &Path, actor: &str) -> Result<Self> {
        Self::open_with(path, actor, open::Access::Existing)
    }

    /// Opens an existing database for reading only (also what happens when its permissions forbid
    /// writing); a missing or empty file is `Missing`. In a directory where the `-wal`/`-shm` files
    /// cannot be created it reads the file as it is (SQLite's immutable mode) when no `-wal` waits.
    pub fn open_read_only(path: &Path, actor: &str) -> Result<Self> {
        Self::open_with(path, actor, open::Access::ReadOnly)
    }

    fn open_with(path: &Path, actor: &str, access: open::Access) -> Result<Self> {
        let (conn, read_only) = open::open_file(path, access)?;
        let mut store = Self::with_connection(conn, Some(path.to_path_buf()), actor)?;
        store.read_only = read_only;
        store.file_id = twin::file_identity(path);
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory(actor: &str) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        Self::with_connection(conn, None, actor)
    }

    fn with_connection(mut conn: Connection, path: Option<PathBuf>, actor: &str) -> Result<Self> {
        let shown = path.as_ref().map_or(":memory:".to_string(), |p| p.display().to_string());
        codec::register(&conn)?;
        // Every kind of change has its statements; they are prepared once per connection (before an
        // upgrade, which replays the log through them).
        conn.set_prepared_statement_cache_capacity(512);
        open::migrate(&mut conn, &shown)?;
        conn.execute_batch(TICKET_NOS)?;
        let device = conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| r.get(0))?;
        let progress = crate::progress::Progress::none();
        Ok(Self {
            conn,
            path,
            device,
            actor: actor.to_string(),
            read_only: false,
            viewer: false,
            progress,
            numbers: None,
            notices: Vec::new(),
            join_load: false,
            fresh: None,
            index_all: false,
            deferred_indexes: Vec::new(),
            name_order: crate::domain::collation::NameOrder::default(),
            tier_names: None,
            readers: twin::Readers::Auto,
            beside: std::cell::Cell::new(0),
            file_id: None,
        })
    }

    /// Lists names (customers, technicians) in `order` from now on: the reader's language's order
    /// (Czech collation for a Czech reader); the folded name by default.
    pub fn use_name_order(&mut self, order: crate::domain::collation::NameOrder) {
        self.name_order = order;
    }

    /// The order names are listed in.
    pub fn name_order(&self) -> crate::domain::collation::NameOrder {
        self.name_order
    }

    /// Reports the progress of long work (check, backup, restore, making a copy) to `progress`.
    pub fn report_progress_to(&mut self, progress: crate::progress::Progress) {
        self.progress = progress;
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Whether the file could only be opened for reading (its permissions): show a banner.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// Changes whenever another connection commits: poll it to refresh views.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction; the changes it records are applied and logged
    /// together, or not at all.
    pub(crate) fn write<T>(&mut self, now: DateTime<Utc>, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            let path = self.path.as_ref().map_or(String::new(), |p| p.display().to_string());
            if self.viewer {
                return Err(StoreError::Refused(Refused::ViewerReplica { path }));
            }
            return Err(StoreError::ReadOnly(t!("store-open-read-only", path = path)));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let zone = month_totals::file_zone(&tx)?;
        let mut w =
            Writer { tx, device: &self.device, actor: &self.actor, now, hlc: None, zone, numbers: Default::default() };
        let out = f(&mut w)?;
        if let Some(h) = &w.hlc {
            set_meta(&w.tx, "hlc", &h.to_string())?;
        }
        w.tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in one read transaction (unless one is open already), so everything it reads is one
    /// consistent state of the file even while others commit.
    pub fn snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f();
        // Nothing was written: ending the read cannot lose anything.
        let _ = self.conn.execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        out
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        get_meta(&self.conn, key)
    }

    /// Empties the state tables and rebuilds them from the operation log alone.
    pub fn rebuild_from_log(&mut self) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let zone = month_totals::file_zone(&tx)?;
        let n = ops::rebuild(&tx, zone, &mut |_| {})?;
        tx.commit()?;
        Ok(n)
    }

    /// Every row of every state table as text, in a stable order and without the file's own row
    /// numbers (ids, clocks and references as their text): two stores with equal dumps hold the same
    /// state.
    pub fn state_dump(&self) -> Result<String> {
        let mut out = String::new();
        for (table, select) in ops::STATE_DUMPS {
            let mut stmt = self.conn.prepare(&format!("{select} ORDER BY 1, 2"))?;
            let cols = stmt.column_count();
            let mut rows = stmt.query([])?;
            out.push_str(&format!("## {table}\n"));
            while let Some(row) = rows.next()? {
                let cells: Vec<String> = (0..cols)
                    .map(|i| match row.get_ref(i) {
                        Ok(rusqlite::types::ValueRef::Text(t)) => format!("{:?}", String::from_utf8_lossy(t)),
                        Ok(v) => format!("{v:?}"),
                        Err(e) => e.to_string(),
                    })
                    .collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        Ok(out)
    }
}

/// An open write transaction and the identity its changes are recorded under.
pub(crate) struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    device: &'a str,
    actor: &'a str,
    now: DateTime<Utc>,
    hlc: Option<Hlc>,
    /// The zone month totals are kept in (read when the transaction began).
    zone: Option<chrono_tz::Tz>,
    /// The device and actor numbers this transaction looked up.
    numbers: ops::Numbers,
}

impl Writer<'_> {
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Applies and logs an operation recorded by another copy; this copy's clock moves past it.
    /// `body`: the log's body of `op` when it was encoded beforehand (`codec::encode_body` of its change,
    /// or `codec::encode_body_quick`); `None`: encoded here.
    pub fn apply_foreign(&mut self, op: &OpRecord, body: Option<Vec<u8>>) -> Result<()> {
        ops::apply_and_append_encoded(&self.tx, &self.numbers, op, body, self.zone)?;
        let last = match &self.hlc {
            Some(h) => Some(h.clone()),
            None => get_meta(&self.tx, "hlc")?.and_then(|s| s.parse().ok()),
        };
        let theirs: Option<Hlc> = op.hlc.parse().ok();
        self.hlc = last.max(theirs);
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Hands this transaction what a join's load knows (see `ops::fresh`).
    pub(in crate::store) fn set_fresh(&mut self, fresh: Option<ops::Fresh>) {
        self.numbers.set_fresh(fresh);
    }

    /// What [`Writer::set_fresh`] handed over, with what this transaction added: to hand to the next
    /// transaction once this one committed.
    pub(in crate::store) fn take_fresh(&mut self) -> Option<ops::Fresh> {
        self.numbers.take_fresh()
    }

    /// Who the changes are recorded as.
    pub fn actor_name(&self) -> &str {
        self.actor
    }

    /// Applies `change` to the state tables and appends it to the log.
    pub fn record(&mut self, change: Change) -> Result<OpRecord> {
        let device = self.device;
        self.record_as(device, change)
    }

    /// [`Writer::record`] for a change this file records on behalf of another device: a copy being
    /// made, whose first operation (its claim to its tag) the file it is made from records.
    /// Errors: `Invalid` when a text field is longer than `domain::length`
    /// allows — nothing is written then.
    pub fn record_as(&mut self, device: &str, mut change: Change) -> Result<OpRecord> {
        crate::sync::validate::too_long(&change).map_err(|e| StoreError::Invalid(e.to_string()))?;
        conflicts::fill_prev(&self.tx, &mut change)?;
        let last = match &self.hlc {
            Some(h) => Some(h.clone()),
            None => get_meta(&self.tx, "hlc")?.and_then(|s| s.parse().ok()),
        };
        let hlc = Hlc::tick(last.as_ref(), self.now, device);
        self.hlc = Some(hlc.clone());
        let op = OpRecord { hlc: hlc.to_string(), device: device.to_string(), actor: self.actor.to_string(), change };
        ops::apply_and_append(&self.tx, &self.numbers, &op, self.zone)?;
        Ok(op)
    }
}

/// A UUIDv7 whose time part is `now`.
pub fn new_id(now: DateTime<Utc>) -> String {
    let ts = uuid::Timestamp::from_unix(uuid::NoContext, now.timestamp() as u64, now.timestamp_subsec_nanos());
    uuid::Uuid::new_v7(ts).to_string()
}

fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub(crate) fn from_ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
