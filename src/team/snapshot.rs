//! `team snapshot`: a replica's file kept by the server, which `team join` starts from instead of
//! replaying the team's whole log (see `snapshot_join.rs` for the joining half).
//!
//! Decisions:
//! - **What a snapshot is**: a consistent copy of a replica (`VACUUM INTO`, one read transaction), with
//!   everything local to its desk taken out (`store::neutralise`: device id and tag, clock, sequences,
//!   binding, peers, unpriced arrivals), zstd-compressed as it is read (level [`LEVEL`]), uploaded in
//!   parts of 8 MiB, with its metadata: the file's schema version and log format, its cut (the file's
//!   version vector), its operation count, size and SHA-256, who made it and when
//!   (`server::snapshots`). It is complete only once every part is in; completing it removes the older
//!   ones.
//! - **The cut is the replica's vector**: a replica holds of each device a prefix of what the server
//!   has (it pulls in push order), so the file is exactly the state after the operations up to its
//!   vector, and a join that starts from it pulls everything beyond that vector, as any pull does.
//! - **Nothing unshared**: a replica holding an operation the server does not have (its own unpushed
//!   work, or a device's beyond the server's head) is refused: a replica made from it would hold an
//!   operation nobody ever pushes.
//! - **Only the admin writes snapshots** (the schema's owner; enforced by the server: nobody else is
//!   granted more than SELECT). A snapshot carries every desk's operations and the state made of them,
//!   which the server lets no technician insert (its identity trigger); a joining desk checks the
//!   file's log against the snapshot's metadata and the server's heads, not every operation's author.
//!   Everyone in the team reads snapshots. The admin makes them from a fully synced replica (any
//!   desk's file, or a viewer's), connecting as the admin role with `--url`, e.g. nightly from cron.
//!   The team file `team init --from` moved in is one too (its log is what the server holds, its state
//!   what that log makes): `team snapshot --db TEAM_FILE --url ADMIN_URL` right after the init gives a
//!   new team's first joins a snapshot without a replay.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use postgres::Client;
use sha2::{Digest, Sha256};

use super::conninfo::Target;
use super::{Result, TeamError, check_schema, server, server_error};
use crate::progress::{Progress, Unit};
use crate::store::{Store, Vector};

/// The zstd level snapshots are compressed at (fast; most of a file's bytes are the log's bodies).
pub const LEVEL: i32 = 3;

/// What `team snapshot` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub id: i64,
    /// Operations in the snapshot's log.
    pub ops: u64,
    /// Bytes of the file, and compressed (what the server holds and a join fetches).
    pub size: u64,
    pub compressed: u64,
    pub parts: i32,
}

/// `team snapshot`: a snapshot of the replica `store` kept by its server, connecting to `url` (the
/// replica's own when `None`; the admin's role is needed). The copy is made in a temporary directory
/// beside the replica and removed either way.
/// Errors: `Input` when the file is no replica and no `url` is given; `Failure` when it holds unshared changes, the server is
/// another team's, or the role may not write snapshots; `Unreachable`.
pub fn snapshot(store: &Store, url: Option<&str>, timeout: Duration, progress: &Progress) -> Result<Made> {
    let path = store.path().map(Path::to_path_buf).unwrap_or_default();
    let binding = store.team_binding()?;
    // A replica, or the team file `team init --from` moved in (its log is the server's, so it is the
    // state a replica reaches: the team's first snapshot without a join), named with the admin's URL.
    let Some(url) = url.or(binding.as_ref().map(|b| b.url.as_str())) else {
        return Err(TeamError::Input(crate::t!("team-not-a-replica", path = crate::store::named(&path))));
    };
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    check_schema(&mut client, &at)?;
    let (team_id, server_id) = server::team(&mut client).map_err(server_error)?;
    let ours = match &binding {
        Some(binding) => server_id == binding.server,
        None => team_id == store.team_id()?,
    };
    if !ours {
        return Err(TeamError::Failure(crate::t!("team-another-server", at = at.as_str())));
    }
    // Refused before the copy is made (the server refuses the rows anyway, see `begin_snapshot`).
    if !server::may_write_snapshots(&mut client).map_err(server_error)? {
        return Err(TeamError::Failure(crate::t!("team-snapshot-admin-only")));
    }
    let heads: Vector = server::heads(&mut client).map_err(server_error)?.into_iter().collect();
    refuse_unshared(&store.vector()?, &heads)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new().prefix(".helpdesk-snapshot-").tempdir_in(dir).map_err(|e| io_error(&e))?;
    let copy = temp.path().join("snapshot.db");
    progress.report(&crate::t!("team-progress-copying"), Unit::Count("steps"), 0, 1);
    let facts = store.copy_for_snapshot(&copy)?;
    // The copy is what counts: the replica may have pulled meanwhile (never pushed: refused above).
    let heads: Vector = server::heads(&mut client).map_err(server_error)?.into_iter().collect();
    refuse_unshared(&facts.vector, &heads)?;
    let cut = serde_json::to_string(&facts.vector).unwrap_or_default();
    let id =
        server::begin_snapshot(&mut client, facts.schema as i32, server::LOG_FORMAT as i32, &cut, facts.ops as i64)
            .map_err(|e| match e.as_db_error() {
                Some(db) if db.code().code() == "42501" => TeamError::Failure(crate::t!("team-snapshot-admin-only")),
                _ => server_error(e),
            })?;
    let sent = upload(&mut client, id, &copy, progress);
    let done = sent.and_then(|(size, sha, compressed, parts)| {
        server::complete_snapshot(&mut client, id, (size as i64, &sha), (compressed as i64, parts))
            .map_err(server_error)?;
        Ok(Made { id, ops: facts.ops, size, compressed, parts })
    });
    if done.is_err() {
        let _ = server::drop_snapshot(&mut client, id);
    }
    done
}

/// Refuses a replica that holds an operation the server does not (`heads`: the server's).
fn refuse_unshared(vector: &Vector, heads: &Vector) -> Result<()> {
    let unshared = vector.iter().filter(|(d, h)| heads.get(*d).is_none_or(|s| s < *h)).count();
    if unshared > 0 {
        return Err(TeamError::Failure(crate::t!("team-snapshot-unshared", devices = unshared as u64)));
    }
    Ok(())
}

fn io_error(e: &std::io::Error) -> TeamError {
    TeamError::Failure(crate::t!("team-snapshot-io", error = e.to_string()))
}

/// Compresses the file at `copy` into the parts of snapshot `id` as it reads it: (file size, its
/// SHA-256 in hex, compressed bytes, parts).
fn upload(client: &mut Client, id: i64, copy: &Path, progress: &Progress) -> Result<(u64, String, u64, i32)> {
    let mut file = std::fs::File::open(copy).map_err(|e| io_error(&e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let parts = Parts { client, id, buffer: Vec::with_capacity(server::PART_BYTES), sent: 0, bytes: 0, failed: None };
    let mut encoder = zstd::stream::write::Encoder::new(parts, LEVEL).map_err(|e| io_error(&e))?;
    let _ = encoder.include_checksum(true);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut read = 0u64;
    let stage = crate::t!("team-progress-uploading");
    loop {
        let n = file.read(&mut buffer).map_err(|e| io_error(&e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        if let Err(e) = encoder.write_all(&buffer[..n]) {
            return Err(encoder.get_mut().failed.take().unwrap_or_else(|| io_error(&e)));
        }
        read += n as u64;
        progress.report(&stage, Unit::Bytes, read, total);
    }
    let mut parts = match encoder.finish() {
        Ok(parts) => parts,
        Err(e) => return Err(io_error(&e)),
    };
    parts.flush_part()?;
    let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((read, sha, parts.bytes, parts.sent))
}

/// Where the compressed stream goes: a part sent each time [`server::PART_BYTES`] are buffered.
struct Parts<'a> {
    client: &'a mut Client,
    id: i64,
    buffer: Vec<u8>,
    /// Parts sent, and their bytes.
    sent: i32,
    bytes: u64,
    /// The server's error that stopped the stream.
    failed: Option<TeamError>,
}

impl Parts<'_> {
    fn flush_part(&mut self) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        server::put_part(self.client, self.id, self.sent, &self.buffer).map_err(server_error)?;
        self.bytes += self.buffer.len() as u64;
        self.sent += 1;
        self.buffer.clear();
        Ok(())
    }
}

impl Write for Parts<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let room = server::PART_BYTES - self.buffer.len();
        let n = data.len().min(room);
        self.buffer.extend_from_slice(&data[..n]);
        if self.buffer.len() >= server::PART_BYTES
            && let Err(e) = self.flush_part()
        {
            let text = e.to_string();
            self.failed = Some(e);
            return Err(std::io::Error::other(text));
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
