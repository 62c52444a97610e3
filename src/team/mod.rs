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
//! - **Snapshots** (`snapshot.rs`, `snapshot_join.rs`): the admin stores a replica's file on the server
//!   (`team snapshot`), neutralised of its desk and cut at its version vector; `team join` starts from
//!   the newest one it reads and checks, and pulls only what is newer — or replays the log, saying why.
//! - Passwords come from the URL, `PGPASSWORD` or the password file (`conninfo.rs`); the replica keeps
//!   the URL without it.

mod call;
pub mod conninfo;
mod desk;
mod error;
mod init;
mod join;
pub mod live;
mod pull;
pub mod server;
mod snapshot;
mod snapshot_join;
mod status;

pub use call::answer_limit;
pub(crate) use call::bounded;
pub use desk::{Desk, Priced};
pub(crate) use error::connect_error;
pub use error::{Result, TeamError};
use error::{check_schema, server_error};
pub use init::{Initialised, add_technician, add_viewer, init};
pub use join::{Joined, join};
pub use pull::{PUSH_PAGE, Pace, Pull};
pub use snapshot::{Made, snapshot};
pub use snapshot_join::FromSnapshot;
pub use status::{ServerStatus, offline_note, status, ticket_numbers};
