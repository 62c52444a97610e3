//! A team on many machines: the team's store is a PostgreSQL server, and every desk works on a local
//! replica — an ordinary helpdesk file bound to the team.
//!
//! Decisions:
//! - **The server holds the team's operation log**, the same operations file and bundle syncs exchange,
//!   keyed by (device, clock) with the actor (`server.rs` has every statement and the schema). The
//!   state tables are not on the server: each replica applies the log with the merge code every sync
//!   uses (`Store::import_ops`), so the merge rules hold unchanged and there is one implementation.
//! - **Push** = this desk's operations beyond the server's head for its device, in one transaction,
//!   under a per-device lock (so a device's operations reach the server as a prefix, in clock order);
//!   re-pushing an operation already there is a no-op, a different one at the same key is a clash.
//!   Each push is a *batch* that records the desk's version vector: what it knew when it made those
//!   changes, which decides at the other desks whether a change overrode another knowingly or is a
//!   conflict.
//! - **Pull** = the operations beyond this replica's per-device vector (the server keeps a head per
//!   device), checked as a bundle's are (`sync::validate`) and imported batch by batch in push order.
//! - **Identity lives in PostgreSQL**: a trigger refuses an operation whose actor is not the technician
//!   mapped to the connected role, or whose device is not that role's desk; viewers get SELECT only.
//!   Our client checks the same first (`--as` another name is refused before anything is written).
//! - **Ticket numbers** while the server answers come from a PostgreSQL sequence (plain `1`, `2`, …,
//!   unique across desks); a replica whose server does not answer numbers with its own copy tag
//!   (reserved on the server at `team join`), like a laptop copy, and those numbers never change.
//! - **Waking up**: every insert into the log `NOTIFY`s; the TUI's background thread `LISTEN`s, pulls
//!   into the replica (SQLite's `data_version` then tells the interface), and pushes local commits.
//! - Passwords come from the URL, `PGPASSWORD` or the password file (`conninfo.rs`); the replica keeps
//!   the URL without it.

pub mod conninfo;
mod join;
pub mod live;
pub mod server;

pub use join::{Joined, join};

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use fallible_iterator::FallibleIterator;
use postgres::Client;

use crate::config::Settings;
use crate::domain::text::clean;
use crate::progress::{Progress, Unit};
use crate::store::{Binding, Change, OpRecord, Store, StoreError, TicketNumbers, Vector};
use conninfo::Target;

/// Why a team operation failed; the CLI maps `Input` to exit 2 and the rest to exit 1.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Failure(String),
    /// The server could not be reached, or stopped answering: the desk is offline (exit 1 for `team`
    /// commands; other commands go on with the replica alone).
    #[error("{0}")]
    Unreachable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T, E = TeamError> = std::result::Result<T, E>;

/// Says what a connection error means and how to fix it, without the password (which no error holds).
pub(crate) fn connect_error(e: &postgres::Error, target: &Target) -> TeamError {
    let at = target.shown();
    if let Some(db) = e.as_db_error() {
        let msg = clean(db.message(), false);
        return TeamError::Failure(match db.code().code() {
            "28P01" => crate::t!("team-wrong-password", at = at, role = target.user(), msg = msg),
            "28000" => crate::t!("team-role-not-let-in", at = at, role = target.user(), msg = msg),
            "3D000" => crate::t!("team-no-such-database", at = at, msg = msg),
            code if code.starts_with("57") => {
                return TeamError::Unreachable(crate::t!("team-not-taking-connections", at = at, msg = msg));
            }
            _ => crate::t!("team-connection-refused", at = at, msg = msg),
        });
    }
    let text = e.to_string();
    let cause = std::error::Error::source(e).map_or(text.clone(), |s| s.to_string());
    if text.contains("password missing") || cause.contains("password missing") {
        return TeamError::Failure(crate::t!("team-password-needed", at = at, role = target.user()));
    }
    TeamError::Unreachable(crate::t!("team-cannot-reach", at = at, cause = clean(&cause, false)))
}

/// A statement's error after connecting: the server's own words (untrusted text, cleaned).
fn server_error(e: postgres::Error) -> TeamError {
    match e.as_db_error() {
        Some(db) if db.code().code() == "42501" => {
            let msg = clean(db.message(), false);
            TeamError::Failure(crate::t!("team-server-refused-it", msg = our_refusal(&msg).unwrap_or(msg)))
        }
        // Terminated by the admin or a restart (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
        // cannot_connect_now) or cut off by `statement_timeout` (57014): the connection is gone or
        // useless for now, as when the network drops.
        Some(db) if db.code().code().starts_with("57") => {
            TeamError::Unreachable(crate::t!("team-server-closed", msg = clean(db.message(), false)))
        }
        Some(db) => TeamError::Failure(crate::t!("team-server-failed", msg = clean(db.message(), false))),
        None => TeamError::Unreachable(crate::t!("team-connection-broke", msg = clean(&e.to_string(), false))),
    }
}

/// A refusal our own server functions raise (`server::SCHEMA`: `RAISE EXCEPTION … USING ERRCODE =
/// '42501'`) in the reader's language. They share their code with PostgreSQL's own "permission denied",
/// so they are told apart by their fixed English wording; `None` for any other text (shown as the
/// server wrote it).
fn our_refusal(msg: &str) -> Option<String> {
    if let Some(role) = msg
        .strip_prefix("role ")
        .and_then(|r| r.strip_suffix(" is not a technician of this helpdesk team (a viewer reads only)"))
    {
        return Some(crate::t!("team-refused-not-technician", role = role));
    }
    if let Some(rest) = msg.strip_prefix("an operation recorded as ") {
        let (actor, rest) = rest.split_once(" was refused: role ")?;
        let (role, technician) = rest.rsplit_once(" is the technician ")?;
        return Some(crate::t!("team-refused-actor", actor = actor, role = role, technician = technician));
    }
    if let Some(rest) = msg.strip_prefix("device ") {
        let (device, role) = rest.rsplit_once(" is not a desk of role ")?;
        return Some(crate::t!("team-refused-desk", device = device, role = role));
    }
    if let Some(rest) = msg.strip_prefix("batch ") {
        let (batch, role) = rest.rsplit_once(" is not one of role ")?;
        return Some(crate::t!("team-refused-batch", batch = batch, role = role));
    }
    None
}

/// The server's schema version must be ours: older → `team init` upgrades it; newer → upgrade helpdesk.
fn check_schema(client: &mut Client, at: &str) -> Result<()> {
    match server::schema_version(client).map_err(server_error)? {
        None => Err(TeamError::Failure(crate::t!("team-no-team-yet", at = at))),
        Some(v) if v > server::SCHEMA_VERSION => Err(TeamError::Failure(crate::t!(
            "team-schema-newer",
            at = at,
            version = v,
            known = server::SCHEMA_VERSION
        ))),
        Some(v) if v < server::SCHEMA_VERSION => {
            Err(TeamError::Failure(crate::t!("team-schema-older", at = at, version = v)))
        }
        Some(_) => Ok(()),
    }
}

/// What `team init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Initialised {
    /// The schema was there at this version already.
    AlreadyThere,
    Created {
        moved: usize,
        highest_number: i64,
    },
}

/// `team init URL [--from TEAM_DB]`: creates or upgrades the server's schema; with `from`, moves that
/// file's whole log in (refused when the server holds tickets already).
pub fn init(url: &str, from: Option<&Store>, timeout: Duration, progress: &Progress) -> Result<Initialised> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    let version = server::schema_version(&mut client).map_err(server_error)?;
    if let Some(v) = version
        && v > server::SCHEMA_VERSION
    {
        check_schema(&mut client, &at)?;
    }
    let team_id = match from {
        Some(store) => store.team_id()?,
        None => crate::store::new_id(Utc::now()),
    };
    let current = version.unwrap_or(0);
    if current < server::SCHEMA_VERSION {
        server::migrate(&mut client, current, &team_id).map_err(server_error)?;
    }
    let Some(store) = from else {
        return Ok(if current == server::SCHEMA_VERSION {
            Initialised::AlreadyThere
        } else {
            Initialised::Created { moved: 0, highest_number: 0 }
        });
    };
    let (server_team, _) = server::team(&mut client).map_err(server_error)?;
    if server::holds_tickets(&mut client).map_err(server_error)? {
        return Err(TeamError::Failure(crate::t!("team-init-holds-tickets", at = at.as_str())));
    }
    progress.report(&crate::t!("team-progress-reading-file"), Unit::Count("steps"), 0, 1);
    if server_team != store.team_id()? && !server::desk_tags(&mut client).map_err(server_error)?.is_empty() {
        return Err(TeamError::Failure(crate::t!("team-init-desks-joined", at = at.as_str())));
    }
    let mut tx = client.transaction().map_err(server_error)?;
    if server_team != store.team_id()? {
        tx.execute("UPDATE helpdesk.team SET team_id = $1", &[&store.team_id()?]).map_err(server_error)?;
    }
    let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
    let batch = server::new_batch(&mut tx, store.device(), &vector).map_err(server_error)?;
    // The log is read as it is sent, 10 000 operations at a time (a big team's log does not fit in
    // memory: 1.6 GB at 1.7 million operations).
    let (devices, total) = store.log_devices()?;
    let devices: Vec<&str> = devices.iter().map(String::as_str).collect();
    let stage = crate::t!("team-progress-moving");
    let sent = |n: usize| progress.report(&stage, Unit::Count("operations"), n as u64, total);
    // (operations moved, the highest plain ticket number among them)
    let (mut moved, mut highest) = (0usize, 0i64);
    let note = |part: &[OpRecord], moved: &mut usize, highest: &mut i64| {
        for op in part {
            if let Change::TicketOpened { tag, seq, .. } = &op.change
                && tag.is_empty()
            {
                *highest = (*highest).max(*seq as i64);
            }
        }
        *moved += part.len();
    };
    if server::holds_ops_of(&mut tx, &devices).map_err(server_error)? {
        // Some of it is there already (a file without tickets moved before): each operation compared.
        let mut clash = None;
        store.each_op_chunk(10_000, |part| -> Result<()> {
            let rows = rows_of(part)?;
            if clash.is_none() {
                clash = server::insert_ops(&mut tx, batch, &rows, &|_| {}).map_err(server_error)?.into_iter().next();
            }
            note(part, &mut moved, &mut highest);
            sent(moved);
            Ok(())
        })?;
        if let Some(hlc) = clash {
            return Err(TeamError::Failure(crate::t!("team-init-clash", clock = clean(&hlc, false))));
        }
    } else {
        // Nothing of it is there: one COPY, the heads computed once after it.
        let mut log = server::BulkLog::start(&mut tx, batch).map_err(server_error)?;
        store.each_op_chunk(10_000, |part| -> Result<()> {
            for row in rows_of(part)? {
                log.write(&row).map_err(|e| {
                    TeamError::Unreachable(crate::t!("team-connection-broke", msg = clean(&e.to_string(), false)))
                })?;
            }
            note(part, &mut moved, &mut highest);
            sent(moved);
            Ok(())
        })?;
        log.finish().map_err(server_error)?;
        server::bulk_done(&mut tx, &devices).map_err(server_error)?;
    }
    if highest > 0 {
        server::numbers_past(&mut tx, highest).map_err(server_error)?;
    }
    tx.commit().map_err(server_error)?;
    Ok(Initialised::Created { moved, highest_number: highest })
}

/// `team add-technician URL ROLE NAME`.
pub fn add_technician(url: &str, role: &str, name: &str, timeout: Duration) -> Result<()> {
    let name = clean(name, false);
    if name.is_empty() {
        return Err(TeamError::Input(crate::t!("team-technician-needs-name")));
    }
    let (mut client, at) = admin_session(url, role, timeout)?;
    server::add_technician(&mut client, role, &name).map_err(|e| {
        if e.as_db_error().is_some_and(|d| d.code().code() == "23505") {
            TeamError::Input(crate::t!("team-technician-taken", at = at.as_str(), name = name.as_str()))
        } else {
            server_error(e)
        }
    })
}

/// `team add-viewer URL ROLE`.
pub fn add_viewer(url: &str, role: &str, timeout: Duration) -> Result<()> {
    let (mut client, _) = admin_session(url, role, timeout)?;
    server::add_viewer(&mut client, role).map_err(server_error)
}

fn admin_session(url: &str, role: &str, timeout: Duration) -> Result<(Client, String)> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    check_schema(&mut client, &at)?;
    if !server::role_exists(&mut client, role).map_err(server_error)? {
        return Err(TeamError::Failure(crate::t!("team-no-such-role", at = at.as_str(), role = clean(role, false))));
    }
    Ok((client, at))
}

/// How long a desk waits for the answer to one exchange with a server it is connected to (a pull's
/// queries, a push's transaction): `timeout` × 5, 10 s by default. Longer, the server counts as gone
/// (the server's own `statement_timeout` is the same, so it gives up on its side too).
pub fn answer_limit(timeout: Duration) -> Duration {
    timeout.saturating_mul(5)
}

/// Runs `f` on a thread of its own and waits at most `limit` for it: `None` when it did not finish.
/// The thread is then left behind, blocked on a server that stopped answering, until its connection
/// breaks or the process ends (the synchronous client has no deadline of its own).
pub(crate) fn bounded<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (done, result) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("team-call".into())
        .spawn(move || {
            let _ = done.send(f());
        })
        .ok()?;
    result.recv_timeout(limit).ok()
}

/// The thread that runs a desk's exchanges, one after another, for the desk's whole life (a thread
/// spawned per exchange cost a busy desk — several pushes and pulls a second, each a few exchanges —
/// thousands of thread starts a minute). A desk waits at most its limit for each answer; one that did
/// not come leaves the thread blocked on the server, and the desk gives the connection up (the
/// thread ends when its exchange does, its desk gone).
struct Runner {
    jobs: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
}

impl Runner {
    fn start() -> Option<Runner> {
        let (jobs, queue) = std::sync::mpsc::channel::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("team-call".into())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })
            .ok()?;
        Some(Runner { jobs })
    }

    /// Runs `f` on the runner's thread: `None` when it did not finish within `limit`.
    fn run<T: Send + 'static>(&self, limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (done, result) = std::sync::mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move || {
                let _ = done.send(f());
            }))
            .ok()?;
        result.recv_timeout(limit).ok()
    }
}

/// The most operations one transaction of a push sends (one exchange).
pub const PUSH_PAGE: usize = 5_000;

/// How a pull applies what it fetched to the replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// The most operations one page of a pull fetches (one exchange with the server).
    page: i64,
    /// The most operations in one SQLite transaction.
    max_ops: usize,
    /// The fewest: however slow a transaction was, the next takes at least these. A transaction has a
    /// fixed cost (its commit, the import's set-up, the ticket's search document): on a busy machine,
    /// transactions cut to fit `slice` shrank to one operation each, every one followed by its pause,
    /// and a desk that fell behind applied fewer operations a second than the team wrote — it never
    /// caught up (issue 16's load bench: 3 of 20 replicas complete 120 s after the last write).
    min_ops: usize,
    /// A transaction that took longer makes the next ones smaller.
    slice: Duration,
    /// After each transaction (but the last), the pull waits as long as it took: the desk's own
    /// writers — a command, the interface — waiting for the file's lock (`busy_timeout`) get it
    /// between two, instead of being refused busy behind one long import.
    yields: bool,
}

impl Pace {
    /// A replica others write to: transactions of 50 to 500 operations, about 50 ms, with a pause
    /// after each.
    pub const SHARED: Pace =
        Pace { page: 2_000, max_ops: 500, min_ops: 50, slice: Duration::from_millis(50), yields: true };
    /// A file nobody else uses yet (`team join` makes it): big pages and transactions, no pauses.
    pub const ALONE: Pace =
        Pace { page: 20_000, max_ops: 20_000, min_ops: 1_000, slice: Duration::from_secs(2), yields: false };
}

/// One catch-up with the server, taken a step at a time: a step fetches a page when none is waiting
/// and applies one transaction's worth of it. Operations come in push order (batch by batch, each by
/// clock), so what the replica holds of each device stays a prefix whenever a step ends, and a pull
/// that stops anywhere (a budget spent, the connection lost, the process killed) is continued by the
/// next one from the replica's vector. Between two steps the caller may push, or stop.
///
/// Each page starts from the replica's vector *now*, read in one snapshot of the server with where
/// that leads in the log: batches are numbered when their push begins but become visible when it
/// commits, so a batch numbered lower may appear after a higher one — a page that went on from the
/// last one fetched (or from where the pull began) would skip it and apply its desk's next batch, a
/// gap the replica's vector would then hide for ever (issue 16's load bench: 3 comments missing on a
/// replica that counted itself complete).
pub struct Pull {
    /// Whether the server may hold more than was fetched (the last page was full, or none was fetched
    /// yet and the pull began behind).
    more: bool,
    /// The server's heads when the pull began: what the replica knows once all is applied.
    heads: Vector,
    /// Fetched operations not applied yet, in order, with their batch.
    queue: std::collections::VecDeque<(i64, OpRecord)>,
    /// The vectors of the batches fetched so far.
    batches: BTreeMap<i64, Vector>,
    team: String,
    /// Operations per transaction now.
    chunk: usize,
    /// Operations applied (new to the replica) and handled (applied or known already).
    pub applied: usize,
    pub handled: u64,
    /// How many operations the server holds beyond the replica's vector, counted when the catch-up
    /// is longer than one page (`None` otherwise).
    pub total: Option<u64>,
    finished: bool,
}

impl Pull {
    /// Reads the server's heads and where the pull starts; the server answered, so the replica is
    /// online from now on.
    pub fn start(desk: &mut Desk, store: &mut Store, now: DateTime<Utc>) -> Result<Pull> {
        let v = serde_json::to_string(&store.vector()?).unwrap_or_default();
        let device = store.device().to_string();
        let began = std::time::Instant::now();
        let (heads, first) = desk.call(move |client| {
            let heads = server::heads(client)?;
            let first = server::first_batch_beyond(client, &v)?;
            server::touch(client, &device)?;
            Ok((heads, first))
        })?;
        tracing::debug!(took_ms = began.elapsed().as_secs_f64() * 1e3, behind = first.is_some(), "team pull started");
        crate::store::pause_point("team-pull-started");
        if store.team_contact()?.offline_since.is_some() {
            // Back online now, not only once a long catch-up is done.
            store.record_team_contact(now)?;
        }
        Ok(Pull {
            more: first.is_some(),
            heads: heads.into_iter().collect(),
            queue: std::collections::VecDeque::new(),
            batches: BTreeMap::new(),
            team: store.team_id()?,
            chunk: desk.pace.max_ops,
            applied: 0,
            handled: 0,
            total: None,
            finished: false,
        })
    }

    /// Whether everything the server held when the pull began is in the replica.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Fetches a page if none is waiting, then applies one transaction's worth: whether the pull is
    /// finished (the replica then records what the server held as known).
    pub fn step(
        &mut self,
        desk: &mut Desk,
        store: &mut Store,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        if self.finished {
            return Ok(true);
        }
        if self.queue.is_empty() {
            self.fetch(desk, store)?;
        }
        if self.queue.is_empty() {
            // What the server holds is what this replica now knows of the team.
            let began = std::time::Instant::now();
            store.record_pulled(&desk.binding.server, &self.heads, now)?;
            tracing::debug!(
                handled = self.handled,
                took_ms = began.elapsed().as_secs_f64() * 1e3,
                "team pull finished"
            );
            self.finished = true;
            return Ok(true);
        }
        // One transaction may span batches (under load, each push of every desk is a batch of one or
        // two operations): its vector is the batches' merged, which is all an import records of them
        // (what the server had of this desk, and the peer's vector that the end of the pull replaces).
        let mut ops = Vec::with_capacity(self.chunk);
        let mut vector = Vector::new();
        let mut last = None;
        while ops.len() < self.chunk {
            let Some(&(batch, _)) = self.queue.front() else { break };
            if last != Some(batch) {
                let Some(theirs) = self.batches.get(&batch) else {
                    return Err(TeamError::Failure(crate::t!("team-ops-of-no-batch")));
                };
                for (device, hlc) in theirs {
                    let known = vector.entry(device.clone()).or_default();
                    if hlc > known {
                        *known = hlc.clone();
                    }
                }
                last = Some(batch);
            }
            ops.extend(self.queue.pop_front().map(|(_, op)| op));
        }
        let header = desk.header(&self.team, vector);
        let began = std::time::Instant::now();
        let (n, _, _) = crate::sync::exchange_receive(store, settings, &header, &ops, now)?;
        let took = began.elapsed();
        crate::store::pause_point("team-pull-applied");
        self.applied += n;
        self.handled += ops.len() as u64;
        desk.progress.report(
            &crate::t!("team-progress-applying"),
            Unit::Count("operations"),
            self.handled,
            self.total.unwrap_or(self.handled + self.queue.len() as u64),
        );
        // Smaller transactions after a slow one, larger again (up to the pace's) after quick ones.
        let pace = desk.pace;
        if took > pace.slice {
            let scaled = ops.len() as f64 * pace.slice.as_secs_f64() / took.as_secs_f64();
            self.chunk = (scaled as usize).clamp(pace.min_ops, pace.max_ops);
        } else if took < pace.slice / 2 {
            self.chunk = (self.chunk + self.chunk / 2 + 1).min(pace.max_ops);
        }
        let paused = if pace.yields && (self.more || !self.queue.is_empty()) {
            let pause = took.max(Duration::from_millis(2));
            std::thread::sleep(pause);
            pause
        } else {
            Duration::ZERO
        };
        tracing::debug!(
            ops = ops.len(),
            applied = n,
            took_ms = took.as_secs_f64() * 1e3,
            paused_ms = paused.as_secs_f64() * 1e3,
            next_chunk = self.chunk,
            queued = self.queue.len(),
            "team pull applied"
        );
        Ok(false)
    }

    /// The next page, when there is one.
    fn fetch(&mut self, desk: &mut Desk, store: &Store) -> Result<()> {
        if !self.more {
            return Ok(());
        }
        // Everything fetched before is applied: the replica's vector says where the page begins.
        let mine = store.vector()?;
        let vector = serde_json::to_string(&mine).unwrap_or_default();
        let known: Vec<i64> = self.batches.keys().copied().collect();
        let count = self.total.is_none() && self.handled == 0;
        let page = desk.pace.page;
        let local: Vec<(String, String)> = if count { mine.into_iter().collect() } else { Vec::new() };
        desk.progress.report(&crate::t!("team-progress-fetching"), Unit::Count("operations"), self.handled, 0);
        let began = std::time::Instant::now();
        let (rows, batches, total) = desk.call(move |client| {
            // Where the page begins and the page itself, in one snapshot (see [`Pull`]).
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let rows = match server::first_beyond(&mut tx, &vector)? {
                Some((batch, hlc)) => server::page_after(&mut tx, &vector, (batch, &hlc), page)?,
                None => Vec::new(),
            };
            tx.commit()?;
            let mut ids: Vec<i64> = rows.iter().map(|(_, b)| *b).filter(|b| !known.contains(b)).collect();
            ids.sort_unstable();
            ids.dedup();
            let batches = server::batches(client, &ids)?;
            // A catch-up longer than a page says how long it is (counting reads the whole log).
            let total =
                if count && rows.len() as i64 == page { Some(server::count_beyond(client, &local)?) } else { None };
            Ok((rows, batches, total))
        })?;
        tracing::debug!(rows = rows.len(), took_ms = began.elapsed().as_secs_f64() * 1e3, "team pull fetched");
        if let Some(t) = total {
            self.total = Some(t.max(0) as u64);
        }
        self.more = rows.len() as i64 == page;
        for (id, _, vector) in batches {
            let vector: Vector =
                serde_json::from_str(&vector).map_err(|_| TeamError::Failure(crate::t!("team-bad-batch-vector")))?;
            self.batches.insert(id, vector);
        }
        for (row, batch) in rows {
            self.queue.push_back((batch, record_of(row)?));
        }
        Ok(())
    }
}

/// A replica's live connection to its team server.
pub struct Desk {
    /// `None` once given up (the server stopped answering within `limit`).
    client: Option<Client>,
    binding: Binding,
    /// How long one exchange may wait for the server (`None`: as long as it takes).
    limit: Option<Duration>,
    /// Where a pull reports how far it got (`team join` draws a bar).
    progress: Progress,
    /// How pulled operations are applied.
    pace: Pace,
    /// Where exchanges run when they have a limit (made on the first).
    runner: Option<Runner>,
}

impl Desk {
    /// Connects to the server a replica is bound to; it must be the same server (its identity) and
    /// speak our schema version. Each later exchange waits at most [`answer_limit`] for the server.
    pub fn connect(binding: &Binding, timeout: Duration) -> Result<Desk> {
        Self::connect_with(binding, timeout, Some(answer_limit(timeout)))
    }

    /// As [`Desk::connect`], with each exchange waiting at most `limit` (`None`: as long as it takes).
    pub fn connect_with(binding: &Binding, timeout: Duration, limit: Option<Duration>) -> Result<Desk> {
        let target = Target::parse(&binding.url)?;
        let client = target.connect(timeout)?;
        let mut desk = Desk {
            client: Some(client),
            binding: binding.clone(),
            limit,
            progress: Progress::none(),
            pace: Pace::SHARED,
            runner: None,
        };
        let at = binding.url.clone();
        let millis = limit.map_or(0, |l| l.as_millis());
        let server_id = desk.call(move |c| {
            // The server gives up on a statement when the desk would (0: never).
            c.batch_execute(&format!("SET statement_timeout = {millis}"))?;
            Ok(check_schema(c, &at).map(|()| server::team(c)))
        })??;
        let (_, server_id) = server_id.map_err(server_error)?;
        if server_id != binding.server {
            return Err(TeamError::Failure(crate::t!("team-another-server", at = binding.url.as_str())));
        }
        Ok(desk)
    }

    pub fn binding(&self) -> &Binding {
        &self.binding
    }

    /// Runs `f` with the connection, waiting at most the desk's limit for it; past it the connection is
    /// given up and the server counts as unreachable.
    fn call<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error> + Send + 'static,
    ) -> Result<T> {
        let gone = || {
            TeamError::Unreachable(crate::t!(
                "team-stopped-answering",
                at = self.binding.url.as_str(),
                ms = self.limit.unwrap_or_default().as_millis() as u64
            ))
        };
        if self.limit.is_some() && self.runner.is_none() {
            self.runner = Runner::start();
        }
        let Some(mut client) = self.client.take() else { return Err(gone()) };
        let out = match (self.limit, &self.runner) {
            (Some(limit), Some(runner)) => match runner.run(limit, move || {
                let out = f(&mut client);
                (client, out)
            }) {
                Some((client, out)) => {
                    self.client = Some(client);
                    out
                }
                None => {
                    // The runner is stuck on the server: the next connection gets a thread of its own.
                    self.runner = None;
                    return Err(gone());
                }
            },
            // No thread to be had: as when the server does not answer.
            (Some(_), None) => return Err(gone()),
            (None, _) => {
                let out = f(&mut client);
                self.client = Some(client);
                out
            }
        };
        out.map_err(server_error)
    }

    /// Brings all of the other desks' operations into the replica: how many were applied. Page by
    /// page, each page in small transactions (see [`Pull`]); each exchange waits at most the desk's
    /// limit, so a catch-up of any size goes through.
    pub fn pull(&mut self, store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<usize> {
        let mut pull = Pull::start(self, store, now)?;
        while !pull.step(self, store, settings, now)? {}
        Ok(pull.applied)
    }

    /// As [`Desk::pull`], but stops once `budget` is spent (after at least one transaction): the rest
    /// comes with a later pull, from where this one stopped (the replica's vector says where).
    pub fn pull_for(
        &mut self,
        store: &mut Store,
        settings: &Settings,
        now: DateTime<Utc>,
        budget: Duration,
    ) -> Result<Pull> {
        let started = std::time::Instant::now();
        let mut pull = Pull::start(self, store, now)?;
        while !pull.step(self, store, settings, now)? {
            if started.elapsed() >= budget {
                break;
            }
        }
        Ok(pull)
    }

    /// How this desk applies what it pulls; `team join` makes a file nobody else uses yet.
    pub fn set_pace(&mut self, pace: Pace) {
        self.pace = pace;
    }

    /// Where a pull reports how far it got (a progress bar).
    pub fn set_progress(&mut self, progress: Progress) {
        self.progress = progress;
    }

    fn header(&self, team: &str, vector: Vector) -> crate::sync::Header {
        crate::sync::Header {
            format: "helpdesk-sync".into(),
            version: crate::sync::FORMAT,
            schema: crate::store::LATEST_VERSION,
            team: team.to_string(),
            device: self.binding.server.clone(),
            tag: String::new(),
            vector,
            base: Vector::new(),
            heads: BTreeMap::new(),
        }
    }

    /// Sends this desk's operations the server lacks: how many. In transactions of at most
    /// [`PUSH_PAGE`] operations (each one exchange, so a week of offline work goes through however
    /// long it takes), each a batch with the desk's vector now. A transaction is keyed by (device,
    /// clock): interrupted before its commit it left nothing on the server, and sent again (also after a
    /// commit this replica did not hear of) it adds only what is missing.
    pub fn push(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
        if self.binding.technician.is_empty() {
            return Ok(0);
        }
        let began = std::time::Instant::now();
        let device = store.device().to_string();
        let dev = device.clone();
        let head = self.call(move |c| server::head_of(c, &dev))?;
        let ops = store.own_ops_after(&head)?;
        if ops.is_empty() {
            // Everything is there (also when an earlier push committed and its process ended before it
            // could note it here): the replica's count of unshared changes says so.
            if !head.is_empty() {
                store.mark_shared(&head)?;
            }
            return Ok(0);
        }
        let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
        let mut total = 0;
        for part in ops.chunks(PUSH_PAGE) {
            let last = part.last().map(|op| op.hlc.clone()).unwrap_or_default();
            let rows = rows_of(part)?;
            let (device, vector) = (device.clone(), vector.clone());
            let (sent, clashes) = self.call(move |client| {
                // One statement: the desk's push lock, what is beyond the server's head of this desk
                // (another process of this desk — its interface and a command — may have pushed
                // meanwhile), a batch, the rows, the desk's last contact (`server::push`).
                let mut tx = client.transaction()?;
                let (sent, clashes) = server::push(&mut tx, &device, &vector, &rows)?;
                if sent == 0 || !clashes.is_empty() {
                    return Ok((0, clashes));
                }
                crate::store::pause_point("team-push-inserted");
                tx.commit()?;
                Ok((sent, clashes))
            })?;
            if let Some(hlc) = clashes.first() {
                return Err(TeamError::Failure(crate::t!("team-push-clash", clock = clean(hlc, false))));
            }
            crate::store::pause_point("team-push-committed");
            store.record_pushed(&last, now)?;
            total += sent;
        }
        tracing::debug!(ops = total, took_ms = began.elapsed().as_secs_f64() * 1e3, "team push");
        Ok(total)
    }

    /// Prices work that reached months closed meanwhile (see `sync::settle_arrivals`), when this
    /// replica holds such arrivals: one desk at a time, under the team's pricing lock on the server (a
    /// PostgreSQL advisory lock, released with the connection should the desk vanish), caught up with
    /// everything the server holds, and pushing the corrections before the lock is let go — so each
    /// desk prices from what the others booked, in the server's order, and an arrival is priced once
    /// (its correction is keyed by the entry). Another desk pricing now: nothing happens here and the
    /// arrivals stay marked for the next time. A viewer prices nothing. Returns the total booked.
    pub fn price(
        &mut self,
        store: &mut Store,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<rust_decimal::Decimal> {
        use rust_decimal::Decimal;
        if self.binding.technician.is_empty() || store.pending_arrivals()?.is_empty() {
            return Ok(Decimal::ZERO);
        }
        if !self.call(server::try_pricing_lock)? {
            tracing::info!("another desk is pricing closed months; the arrivals wait");
            return Ok(Decimal::ZERO);
        }
        let priced = (|| -> Result<Decimal> {
            self.pull(store, settings, now)?;
            let booked = crate::sync::price_arrivals(store, settings, now)?;
            crate::store::pause_point("team-priced-not-pushed");
            self.push(store, now)?;
            Ok(booked)
        })();
        // A lost connection took the lock with it.
        let _ = self.call(server::pricing_unlock);
        let booked = priced?;
        tracing::info!(%booked, "priced work that reached closed months");
        Ok(booked)
    }

    /// Whether another desk pushed since the last look, without waiting.
    pub fn notified(&mut self) -> Result<bool> {
        let Some(client) = self.client.as_mut() else {
            return Err(TeamError::Unreachable(crate::t!("team-stopped-answering-now")));
        };
        let mut notes = client.notifications();
        let mut any = false;
        loop {
            match notes.iter().next() {
                Ok(Some(_)) => any = true,
                Ok(None) => return Ok(any),
                Err(e) => return Err(server_error(e)),
            }
        }
    }

    /// Turns this connection into a listener for new operations (see [`Desk::wait`]).
    pub fn listen(&mut self) -> Result<()> {
        self.call(server::listen)
    }

    /// Waits up to `timeout` for another desk's push: whether one came (several count once).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let Some(client) = self.client.as_mut() else {
            return Err(TeamError::Unreachable(crate::t!("team-stopped-answering-now")));
        };
        let mut notes = client.notifications();
        let first = notes.timeout_iter(timeout).next();
        match first {
            Ok(Some(_)) => {
                // Drain what else is waiting: one pull covers it all.
                while let Ok(Some(_)) = notes.iter().next() {}
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(e) => Err(server_error(e)),
        }
    }

    /// Whether the server still answers, within the desk's limit (an idle listener's heartbeat).
    pub fn check(&mut self) -> Result<()> {
        self.call(|c| c.simple_query("").map(|_| ()))
    }

    pub fn is_closed(&self) -> bool {
        self.client.as_ref().is_none_or(Client::is_closed)
    }

    /// The team's next plain ticket number.
    fn next_number(&mut self) -> Result<i64> {
        self.call(server::next_ticket_number)
    }
}

/// The note of an offline replica, on stderr and in the interface's status bar:
/// `offline since 10:32 · 5 unshared` — the time in `zone`, with the date when it is not `now`'s day
/// there; `unshared` is how many of this desk's changes the server does not have yet.
pub fn offline_note(since: DateTime<Utc>, now: DateTime<Utc>, zone: chrono_tz::Tz, unshared: i64) -> String {
    let local = since.with_timezone(&zone);
    let when = if local.date_naive() == now.with_timezone(&zone).date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    };
    crate::t!("team-offline-note", when = when, count = unshared)
}

/// The server as `team status` reports it.
#[derive(Debug, Clone)]
pub struct ServerStatus {
    /// The server's helpdesk schema version (`None`: `team init` never ran there).
    pub schema_version: Option<i32>,
    /// Whether it is the server this replica was made from (its identity).
    pub same_server: bool,
    /// Operations on the server this replica does not hold yet (`None` on another server).
    pub lag: Option<i64>,
    /// Every desk of the team, by tag (empty when the schema is not ours).
    pub desks: Vec<server::DeskRow>,
}

/// Asks the server of `binding` how it stands and how far `vector` (this replica's) is behind it; each
/// step waits at most [`answer_limit`], connecting at most `timeout`. Nothing is written anywhere.
pub fn status(binding: &Binding, vector: &Vector, timeout: Duration) -> Result<ServerStatus> {
    let target = Target::parse(&binding.url)?;
    let client = target.connect(timeout)?;
    let mut desk = Desk {
        client: Some(client),
        binding: binding.clone(),
        limit: Some(answer_limit(timeout)),
        progress: Progress::none(),
        pace: Pace::SHARED,
        runner: None,
    };
    let vector: Vec<(String, String)> = vector.iter().map(|(d, h)| (d.clone(), h.clone())).collect();
    let expected = binding.server.clone();
    desk.call(move |c| {
        let schema_version = server::schema_version(c)?;
        if schema_version != Some(server::SCHEMA_VERSION) {
            return Ok(ServerStatus { schema_version, same_server: false, lag: None, desks: Vec::new() });
        }
        let (_, server_id) = server::team(c)?;
        let same_server = server_id == expected;
        let lag = if same_server { Some(server::count_beyond(c, &vector)?) } else { None };
        Ok(ServerStatus { schema_version, same_server, lag, desks: server::desks(c)? })
    })
}

/// How long a replica numbers with its tag alone after the server failed to give a number.
const RETRY_NUMBERS_AFTER: Duration = Duration::from_secs(10);

/// The team's next plain ticket number while the server answers (its own connection, made on first
/// use and again after a failure); `None` otherwise, so the replica numbers with its copy tag. With
/// `online`, the interface's background connection says whether the server answers: while it does
/// not, no connection is tried here at all (a keypress never waits for an absent server).
pub fn ticket_numbers(binding: &Binding, timeout: Duration, online: Option<Arc<AtomicBool>>) -> TicketNumbers {
    let binding = binding.clone();
    let mut desk: Option<Desk> = None;
    // After a failure the server is not asked again for a while: a ticket opened meanwhile takes its
    // tagged number at once instead of waiting for a connection that is unlikely to come.
    let mut failed_at: Option<std::time::Instant> = None;
    Box::new(move || {
        if online.as_ref().is_some_and(|o| !o.load(Ordering::Relaxed)) {
            return None;
        }
        if failed_at.is_some_and(|at| at.elapsed() < RETRY_NUMBERS_AFTER) {
            return None;
        }
        if desk.as_ref().is_none_or(Desk::is_closed) {
            desk = Desk::connect(&binding, timeout).ok();
        }
        let number = desk.as_mut().and_then(|d| d.next_number().ok()).filter(|n| *n > 0);
        if number.is_none() {
            desk = None;
            failed_at = Some(std::time::Instant::now());
        }
        number.map(|n| n as u64)
    })
}

fn rows_of(ops: &[OpRecord]) -> Result<Vec<server::Row>> {
    ops.iter()
        .map(|op| {
            Ok(server::Row {
                device: op.device.clone(),
                hlc: op.hlc.clone(),
                actor: op.actor.clone(),
                body: serde_json::to_string(&op.change).map_err(|e| TeamError::Failure(e.to_string()))?,
            })
        })
        .collect()
}

/// An operation as the server sent it: the change must be one helpdesk writes (the fields are checked
/// further by `sync::validate` before anything is applied).
fn record_of(row: server::Row) -> Result<OpRecord> {
    let change: Change = serde_json::from_str(&row.body)
        .map_err(|_| TeamError::Failure(crate::t!("team-bad-operation", clock = clean(&row.hlc, false))))?;
    Ok(OpRecord { hlc: row.hlc, device: row.device, actor: row.actor, change })
}

#[cfg(test)]
mod tests {
    use super::our_refusal;
    use crate::i18n::{Language, Scoped};

    /// The texts `server::SCHEMA` raises, as PostgreSQL delivers them.
    const RAISED: [&str; 4] = [
        "role wally is not a technician of this helpdesk team (a viewer reads only)",
        "an operation recorded as Bob was refused: role alice is the technician Alice",
        "device 0190f1f0aa is not a desk of role alice",
        "batch 17 is not one of role alice",
    ];

    #[test]
    fn our_servers_refusals_read_in_english_as_raised_and_in_czech_in_czech() {
        {
            let _en = Scoped::new(Language::English);
            for raised in RAISED {
                assert_eq!(our_refusal(raised).as_deref(), Some(raised));
            }
            assert_eq!(our_refusal("permission denied for table ops"), None, "PostgreSQL's own words stay");
        }
        let _cs = Scoped::new(Language::Czech);
        let worded: Vec<String> = RAISED.iter().map(|r| our_refusal(r).unwrap()).collect();
        assert_eq!(
            worded,
            [
                "role wally nepatří žádnému technikovi tohoto týmu (divák data jen čte)",
                "operace zapsaná jménem Bob byla odmítnuta: role alice patří technikovi Alice",
                "zařízení 0190f1f0aa není pracovištěm role alice",
                "dávka 17 nepatří roli alice",
            ]
        );
        assert_eq!(our_refusal("device x"), None);
    }

    /// Every text the server's functions raise is one `our_refusal` words (a new `RAISE` is worded
    /// there too): each format with its `%` filled in.
    #[test]
    fn every_refusal_the_schema_raises_is_known() {
        let _cs = Scoped::new(Language::Czech);
        let sql = super::server::MIGRATIONS.join("\n");
        let formats: Vec<&str> = sql
            .split("RAISE EXCEPTION '")
            .skip(1)
            .map(|rest| rest.split_once('\'').map_or(rest, |(format, _)| format))
            .collect();
        assert!(formats.len() >= 4, "{formats:?}");
        for format in formats {
            let raised = format.replace('%', "x");
            assert!(our_refusal(&raised).is_some(), "not worded: {raised}");
        }
    }
}
