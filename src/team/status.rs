//! How a desk stands with its server: `team status`, the offline note, ticket numbers from the
//! server's sequence.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::conninfo::Target;
use super::{Desk, Pace, Result, answer_limit, server};
use crate::progress::Progress;
use crate::store::{Binding, TicketNumbers, Vector};

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
    /// The newest complete snapshot the server keeps (`None`: none, or another server).
    pub snapshot: Option<SnapshotStatus>,
}

/// The newest snapshot as `team status` reports it.
#[derive(Debug, Clone)]
pub struct SnapshotStatus {
    pub made_at: std::time::SystemTime,
    /// The role that made it.
    pub made_by: String,
    /// Operations its log holds, and operations the server's log holds beyond it.
    pub ops: i64,
    pub behind: i64,
    /// Bytes of its file, and compressed (what a join fetches).
    pub size: i64,
    pub compressed: i64,
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
            return Ok(ServerStatus {
                schema_version,
                same_server: false,
                lag: None,
                desks: Vec::new(),
                snapshot: None,
            });
        }
        let (_, server_id) = server::team(c)?;
        let same_server = server_id == expected;
        let lag = if same_server { Some(server::count_beyond(c, &vector)?) } else { None };
        let snapshot = match server::newest_snapshot(c)? {
            Some(row) if same_server => {
                let cut: Vector = serde_json::from_str(&row.cut).unwrap_or_default();
                let cut: Vec<(String, String)> = cut.into_iter().collect();
                Some(SnapshotStatus {
                    made_at: row.made_at,
                    made_by: row.made_by,
                    ops: row.ops,
                    behind: server::count_beyond(c, &cut)?,
                    size: row.size,
                    compressed: row.compressed,
                })
            }
            _ => None,
        };
        Ok(ServerStatus { schema_version, same_server, lag, desks: server::desks(c)?, snapshot })
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
