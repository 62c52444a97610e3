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
pub mod live;
pub mod server;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use fallible_iterator::FallibleIterator;
use postgres::{Client, IsolationLevel};

use crate::config::Settings;
use crate::domain::text::clean;
use crate::store::{Binding, Change, OpRecord, Store, StoreError, TicketNumbers, Vector};
use conninfo::Target;

/// Why a team operation failed; the CLI maps `Input` to exit 2 and the rest to exit 1.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Failure(String),
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
            "28P01" => format!(
                "the team server at {at} refused the password for role `{}` ({msg}); check PGPASSWORD or your ~/.pgpass line",
                target.user()
            ),
            "28000" => format!(
                "the team server at {at} does not let role `{}` in ({msg}); ask the admin to `createuser` it and allow it in pg_hba.conf",
                target.user()
            ),
            "3D000" => {
                format!("the team server at {at} has no such database ({msg}); the admin creates it with `createdb`")
            }
            _ => format!("the team server at {at} refused the connection: {msg}"),
        });
    }
    let text = e.to_string();
    let cause = std::error::Error::source(e).map_or(text.clone(), |s| s.to_string());
    if text.contains("password missing") || cause.contains("password missing") {
        return TeamError::Failure(format!(
            "the team server at {at} asks for a password for role `{}`: set PGPASSWORD or add a line \
             host:port:database:user:password to ~/.pgpass (chmod 0600)",
            target.user()
        ));
    }
    TeamError::Failure(format!("cannot reach the team server at {at}: {}", clean(&cause, false)))
}

/// A statement's error after connecting: the server's own words (untrusted text, cleaned).
fn server_error(e: postgres::Error) -> TeamError {
    match e.as_db_error() {
        Some(db) if db.code().code() == "42501" => {
            TeamError::Failure(format!("the team server refused it: {}", clean(db.message(), false)))
        }
        Some(db) => TeamError::Failure(format!("the team server failed: {}", clean(db.message(), false))),
        None => {
            TeamError::Failure(format!("the connection to the team server broke: {}", clean(&e.to_string(), false)))
        }
    }
}

/// The server's schema version must be ours: older → `team init` upgrades it; newer → upgrade helpdesk.
fn check_schema(client: &mut Client, at: &str) -> Result<()> {
    match server::schema_version(client).map_err(server_error)? {
        None => Err(TeamError::Failure(format!(
            "{at} holds no helpdesk team yet; the admin runs `helpdesk team init {at}` first"
        ))),
        Some(v) if v > server::SCHEMA_VERSION => Err(TeamError::Failure(format!(
            "the team server at {at} has helpdesk schema version {v}, this helpdesk knows up to {}; upgrade helpdesk (nothing was changed)",
            server::SCHEMA_VERSION
        ))),
        Some(v) if v < server::SCHEMA_VERSION => Err(TeamError::Failure(format!(
            "the team server at {at} has helpdesk schema version {v}; the admin upgrades it with `helpdesk team init {at}`"
        ))),
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
pub fn init(url: &str, from: Option<&Store>, timeout: Duration) -> Result<Initialised> {
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
        return Err(TeamError::Failure(format!(
            "the team server at {at} holds tickets already; `--from` only moves a team file into an empty team (nothing was changed)"
        )));
    }
    let ops = store.all_ops()?;
    let highest = ops
        .iter()
        .filter_map(|op| match &op.change {
            Change::TicketOpened { tag, seq, .. } if tag.is_empty() => Some(*seq as i64),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if server_team != store.team_id()? && !server::desk_tags(&mut client).map_err(server_error)?.is_empty() {
        return Err(TeamError::Failure(format!(
            "desks joined the team at {at} before the file moved in (their replicas are of another team); \
             move the file into a new database (`createdb`, then `helpdesk team init URL --from FILE`); nothing was changed"
        )));
    }
    let mut tx = client.transaction().map_err(server_error)?;
    if server_team != store.team_id()? {
        tx.execute("UPDATE helpdesk.team SET team_id = $1", &[&store.team_id()?]).map_err(server_error)?;
    }
    let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
    let batch = server::new_batch(&mut tx, store.device(), &vector).map_err(server_error)?;
    let rows = rows_of(&ops)?;
    let clashes = server::insert_ops(&mut tx, batch, &rows).map_err(server_error)?;
    if let Some(hlc) = clashes.first() {
        return Err(TeamError::Failure(format!(
            "the server holds another operation at clock {}; nothing was moved",
            clean(hlc, false)
        )));
    }
    if highest > 0 {
        server::numbers_past(&mut tx, highest).map_err(server_error)?;
    }
    tx.commit().map_err(server_error)?;
    Ok(Initialised::Created { moved: ops.len(), highest_number: highest })
}

/// `team add-technician URL ROLE NAME`.
pub fn add_technician(url: &str, role: &str, name: &str, timeout: Duration) -> Result<()> {
    let name = clean(name, false);
    if name.is_empty() {
        return Err(TeamError::Input("a technician needs a name".into()));
    }
    let (mut client, at) = admin_session(url, role, timeout)?;
    server::add_technician(&mut client, role, &name).map_err(|e| {
        if e.as_db_error().is_some_and(|d| d.code().code() == "23505") {
            TeamError::Input(format!("another role of the team at {at} is the technician `{name}` already"))
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
        return Err(TeamError::Failure(format!(
            "the server at {at} has no role `{}`; create it first (`createuser {}`)",
            clean(role, false),
            clean(role, false)
        )));
    }
    Ok((client, at))
}

/// What `team join` made.
#[derive(Debug, Clone)]
pub struct Joined {
    pub technician: String,
    pub tag: String,
    pub url: String,
    pub pulled: usize,
}

/// `team join URL --db FILE`: a new replica at `path` (which must not exist), bound to the team, with
/// everything the server holds.
pub fn join(url: &str, path: &Path, settings: &Settings, now: DateTime<Utc>, timeout: Duration) -> Result<Joined> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    check_schema(&mut client, &at)?;
    let role = server::current_role(&mut client).map_err(server_error)?;
    let technician = match server::technician_of(&mut client, &role).map_err(server_error)? {
        Some(name) => name,
        None if server::is_viewer(&mut client, &role).map_err(server_error)? => String::new(),
        None => {
            return Err(TeamError::Failure(format!(
                "role `{}` is neither a technician nor a viewer of the team at {at}; the admin runs \
                 `helpdesk team add-technician {at} {} NAME`",
                clean(&role, false),
                clean(&role, false)
            )));
        }
    };
    let (team_id, server_id) = server::team(&mut client).map_err(server_error)?;
    let binding = Binding { url: at.clone(), server: server_id, technician: technician.clone() };
    let mut store = Store::open(path, &technician)?;
    store.adopt_team(&team_id, &binding)?;
    let mut desk = Desk { client, binding: binding.clone() };
    let pulled = desk.pull(&mut store, settings, now)?;
    let tag = if technician.is_empty() {
        // A viewer's replica only reads: no desk, no tag.
        String::new()
    } else {
        let taken = server::desk_tags(&mut desk.client).map_err(server_error)?;
        let mut index = 0;
        loop {
            let (tag, at_index) = store.free_desk_tag(index)?;
            if !taken.contains(&tag)
                && server::claim_desk(&mut desk.client, store.device(), &tag).map_err(server_error)?
            {
                store.become_desk(&tag, &binding, now)?;
                break tag;
            }
            index = at_index + 1;
        }
    };
    desk.push(&mut store)?;
    Ok(Joined { technician, tag, url: at, pulled })
}

/// A replica's live connection to its team server.
pub struct Desk {
    client: Client,
    binding: Binding,
}

impl Desk {
    /// Connects to the server a replica is bound to; it must be the same server (its identity) and
    /// speak our schema version.
    pub fn connect(binding: &Binding, timeout: Duration) -> Result<Desk> {
        let target = Target::parse(&binding.url)?;
        let mut client = target.connect(timeout)?;
        check_schema(&mut client, &binding.url)?;
        let (_, server_id) = server::team(&mut client).map_err(server_error)?;
        if server_id != binding.server {
            return Err(TeamError::Failure(format!(
                "the server at {} is not the one this replica was made from (another team, or it was set up again); join it with a new replica",
                binding.url
            )));
        }
        Ok(Desk { client, binding: binding.clone() })
    }

    pub fn binding(&self) -> &Binding {
        &self.binding
    }

    /// Brings the other desks' operations into the replica: how many were applied.
    pub fn pull(&mut self, store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<usize> {
        let local = store.vector()?;
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(server_error)?;
        let heads = server::heads(&mut tx).map_err(server_error)?;
        let mut rows = Vec::new();
        for (device, hlc) in &heads {
            let have = local.get(device).map_or("", String::as_str);
            if hlc.as_str() > have {
                rows.extend(server::ops_after(&mut tx, device, have).map_err(server_error)?);
            }
        }
        let mut ids: Vec<i64> = rows.iter().map(|(_, b)| *b).collect();
        ids.sort_unstable();
        ids.dedup();
        let batches = server::batches(&mut tx, &ids).map_err(server_error)?;
        tx.commit().map_err(server_error)?;
        let team = store.team_id()?;
        let mut by_batch: BTreeMap<i64, Vec<OpRecord>> = BTreeMap::new();
        for (row, batch) in rows {
            by_batch.entry(batch).or_default().push(record_of(row)?);
        }
        let mut applied = 0;
        for (id, _, vector) in batches {
            let Some(ops) = by_batch.remove(&id) else { continue };
            let vector: Vector = serde_json::from_str(&vector).map_err(|_| {
                TeamError::Failure("the team server sent a batch whose version vector is not one helpdesk writes; nothing more was applied".into())
            })?;
            let header = self.header(&team, vector);
            let (n, _, _) = crate::sync::exchange_receive(store, settings, &header, &ops, now)?;
            applied += n;
        }
        if !by_batch.is_empty() {
            return Err(TeamError::Failure(
                "the team server sent operations of no batch; nothing more was applied".into(),
            ));
        }
        // What the server holds is what this replica now knows of the team.
        let server_vector: Vector = heads.into_iter().collect();
        store.record_peer(&self.binding.server, "", &server_vector, now)?;
        Ok(applied)
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

    /// Sends this desk's operations the server lacks, in one transaction: how many.
    pub fn push(&mut self, store: &mut Store) -> Result<usize> {
        if self.binding.technician.is_empty() {
            return Ok(0);
        }
        let device = store.device().to_string();
        let mut tx = self.client.transaction().map_err(server_error)?;
        server::lock_device(&mut tx, &device).map_err(server_error)?;
        let head = server::heads(&mut tx)
            .map_err(server_error)?
            .into_iter()
            .find_map(|(d, h)| (d == device).then_some(h))
            .unwrap_or_default();
        let ops = store.own_ops_after(&head)?;
        let Some(last) = ops.last().map(|op| op.hlc.clone()) else { return Ok(0) };
        let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
        let batch = server::new_batch(&mut tx, &device, &vector).map_err(server_error)?;
        let clashes = server::insert_ops(&mut tx, batch, &rows_of(&ops)?).map_err(server_error)?;
        if let Some(hlc) = clashes.first() {
            return Err(TeamError::Failure(format!(
                "the team server holds another operation of this desk at clock {}: this replica is a copy of another \
                 desk's (a restored backup or a file copy); join the team with a new replica (nothing was pushed)",
                clean(hlc, false)
            )));
        }
        tx.commit().map_err(server_error)?;
        store.mark_shared(&last)?;
        Ok(ops.len())
    }

    /// Turns this connection into a listener for new operations (see [`Desk::wait`]).
    pub fn listen(&mut self) -> Result<()> {
        server::listen(&mut self.client).map_err(server_error)
    }

    /// Waits up to `timeout` for another desk's push: whether one came (several count once).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let mut notes = self.client.notifications();
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

    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

/// How long a replica numbers with its tag alone after the server failed to give a number.
const RETRY_NUMBERS_AFTER: Duration = Duration::from_secs(10);

/// The team's next plain ticket number while the server answers (its own connection, made on first
/// use and again after a failure); `None` otherwise, so the replica numbers with its copy tag.
pub fn ticket_numbers(binding: &Binding, timeout: Duration) -> TicketNumbers {
    let binding = binding.clone();
    let mut client: Option<Client> = None;
    // After a failure the server is not asked again for a while: a ticket opened meanwhile takes its
    // tagged number at once instead of waiting for a connection that is unlikely to come.
    let mut failed_at: Option<std::time::Instant> = None;
    Box::new(move || {
        if failed_at.is_some_and(|at| at.elapsed() < RETRY_NUMBERS_AFTER) {
            return None;
        }
        if client.as_ref().is_none_or(Client::is_closed) {
            client = Desk::connect(&binding, timeout).ok().map(|d| d.client);
        }
        let number = client.as_mut().and_then(|c| server::next_ticket_number(c).ok()).filter(|n| *n > 0);
        if number.is_none() {
            client = None;
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
    let change: Change = serde_json::from_str(&row.body).map_err(|_| {
        TeamError::Failure(format!(
            "the team server sent an operation that is not one helpdesk writes (at clock {}); nothing more was applied",
            clean(&row.hlc, false)
        ))
    })?;
    Ok(OpRecord { hlc: row.hlc, device: row.device, actor: row.actor, change })
}
