//! `team join` from a snapshot the server keeps (see `snapshot.rs`): the newest complete one this
//! helpdesk reads (its file schema and log format), fetched part by part on a connection of its own
//! while the parts already here are decompressed into the join's scratch file, then checked before
//! anything is built on it:
//! - the file's size and SHA-256 are the snapshot's (a part flipped, missing or cut short fails here;
//!   the decompressed stream never grows past the size claimed);
//! - SQLite's `quick_check` (affordable: a full-size join, 5.8 GB, took 38 s with it), and the file's
//!   schema version is this helpdesk's;
//! - the file's team is the server's, its log holds as many operations as claimed, and its vector is
//!   the claimed cut, which the server's heads reach (the server holds everything the file does).
//!
//! The file then becomes this desk's (`store::neutralise`: a fresh device id, no tag, nothing of the
//! maker's desk) and the join goes on as from an empty file: the ordinary pull from the file's vector
//! brings everything newer. Whatever fails here, the join replays the log instead (the scratch file is
//! removed first), and says why once on stderr.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::conninfo::Target;
use super::{server, server_error};
use crate::progress::{Progress, Unit};
use crate::store::{LATEST_VERSION, Vector};

/// What a join took from a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromSnapshot {
    pub id: i64,
    /// Operations the snapshot's log holds (not pulled).
    pub ops: u64,
    /// Compressed bytes fetched, and the file's size.
    pub fetched: u64,
    pub size: u64,
}

/// Fills `scratch` (which must not exist) from the newest readable snapshot of the server at `target`
/// whose team is `team_id`, given the device id `device`. `Ok(None)`: the server keeps none. `Err`: why
/// the snapshot cannot be used (words for the user); `scratch` may then hold a partial file.
pub(super) fn restore(
    target: &Target,
    timeout: Duration,
    client: &mut postgres::Client,
    (scratch, team_id, device): (&Path, &str, &str),
    progress: &Progress,
) -> Result<Option<FromSnapshot>, String> {
    let Some(row) = server::newest_readable_snapshot(client, LATEST_VERSION as i32, server::LOG_FORMAT as i32)
        .map_err(|e| server_error(e).to_string())?
    else {
        return Ok(None);
    };
    let fetched = fetch_into(target, timeout, &row, scratch, progress)?;
    let (conn, schema) = crate::store::open_snapshot_file(scratch, true).map_err(|e| e.to_string())?;
    if schema != LATEST_VERSION {
        return Err(crate::t!("team-snapshot-bad-schema", version = schema));
    }
    crate::store::neutralise(&conn, device).map_err(|e| e.to_string())?;
    let facts = crate::store::snapshot_facts(&conn).map_err(|e| e.to_string())?;
    drop(conn);
    let cut: Vector = serde_json::from_str(&row.cut).map_err(|_| crate::t!("team-snapshot-bad-cut"))?;
    if facts.team_id != team_id {
        return Err(crate::t!("team-snapshot-another-team"));
    }
    if facts.ops != row.ops.max(0) as u64 || facts.vector != cut {
        return Err(crate::t!("team-snapshot-log-differs"));
    }
    let heads: Vector = server::heads(client).map_err(|e| server_error(e).to_string())?.into_iter().collect();
    if cut.iter().any(|(d, h)| heads.get(d).is_none_or(|s| s < h)) {
        return Err(crate::t!("team-snapshot-beyond-server"));
    }
    Ok(Some(FromSnapshot { id: row.id, ops: facts.ops, fetched, size: row.size.max(0) as u64 }))
}

/// Fetches the parts of `row` (on a connection of its own, one part ahead) and decompresses them into
/// `scratch`, checking size and hash: the compressed bytes fetched.
fn fetch_into(
    target: &Target,
    timeout: Duration,
    row: &server::SnapshotRow,
    scratch: &Path,
    progress: &Progress,
) -> Result<u64, String> {
    let mut fetcher = target.connect(timeout).map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::sync_channel::<Result<Vec<u8>, String>>(2);
    let (id, parts, claimed) = (row.id, row.parts, row.compressed.max(0) as u64);
    let thread = std::thread::spawn(move || {
        let mut got = 0u64;
        for n in 0..parts.max(0) {
            let part = match server::part(&mut fetcher, id, n) {
                Ok(Some(data)) => {
                    got += data.len() as u64;
                    if got > claimed { Err(crate::t!("team-snapshot-part-size")) } else { Ok(data) }
                }
                Ok(None) => Err(crate::t!("team-snapshot-part-missing", part = n as i64)),
                Err(e) => Err(server_error(e).to_string()),
            };
            let failed = part.is_err();
            if tx.send(part).is_err() || failed {
                return got;
            }
        }
        got
    });
    let size = row.size.max(0) as u64;
    // Private, as every helpdesk file is.
    crate::store::create_private(scratch).map_err(|e| e.to_string())?;
    let file = std::fs::OpenOptions::new().write(true).open(scratch).map_err(|e| e.to_string())?;
    let mut out =
        Checked { file: std::io::BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), written: 0, size };
    let limit = super::answer_limit(timeout);
    let source = Fetched { rx, limit, current: Vec::new(), at: 0, failed: None, fetched: 0 };
    let copied = zstd::stream::read::Decoder::new(source).map_err(|e| e.to_string()).and_then(|mut decoder| {
        let stage = crate::t!("team-progress-fetching-snapshot");
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let n = match decoder.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(decoder.get_mut().get_mut().failed.take().unwrap_or_else(|| e.to_string())),
            };
            out.write_all(&buffer[..n]).map_err(|e| e.to_string())?;
            progress.report(&stage, Unit::Bytes, out.written, size);
        }
        Ok(decoder.get_ref().get_ref().fetched)
    });
    // A fetch that failed (a server that stopped answering among them) is not waited for: its thread
    // is left blocked on the server until the connection breaks or the process ends.
    let fetched = copied?;
    let fetched_by_thread = thread.join().unwrap_or(0);
    out.file.flush().map_err(|e| e.to_string())?;
    let sha: String = out.hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    if out.written != size || sha != row.sha256 || fetched_by_thread != claimed {
        return Err(crate::t!("team-snapshot-bad-hash"));
    }
    Ok(fetched)
}

/// The decompressed file as it is written: hashed, and never longer than claimed.
struct Checked {
    file: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
    written: u64,
    size: u64,
}

impl Write for Checked {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.written + data.len() as u64 > self.size {
            return Err(std::io::Error::other(crate::t!("team-snapshot-bad-hash")));
        }
        let n = self.file.write(data)?;
        self.hasher.update(&data[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// The compressed stream, part after part as the fetching thread hands them over.
struct Fetched {
    rx: mpsc::Receiver<Result<Vec<u8>, String>>,
    /// How long a part may take (the answer limit of every exchange): a server that stops answering
    /// midway fails the fetch instead of hanging the join.
    limit: Duration,
    current: Vec<u8>,
    at: usize,
    /// Why the fetching stopped (the decoder only sees an I/O error).
    failed: Option<String>,
    /// Compressed bytes received.
    fetched: u64,
}

impl Read for Fetched {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.current.len() {
            match self.rx.recv_timeout(self.limit) {
                Ok(Ok(part)) => {
                    self.fetched += part.len() as u64;
                    self.current = part;
                    self.at = 0;
                }
                Ok(Err(e)) => {
                    self.failed = Some(e.clone());
                    return Err(std::io::Error::other(e));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let e = crate::t!("team-snapshot-stalled", seconds = self.limit.as_secs() as i64);
                    self.failed = Some(e.clone());
                    return Err(std::io::Error::other(e));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_that_never_comes_fails_the_fetch_instead_of_hanging_it() {
        // The fetching thread is stuck on a server that stopped answering: it holds its sender and
        // sends nothing.
        let (held, rx) = mpsc::sync_channel::<Result<Vec<u8>, String>>(1);
        let limit = Duration::from_millis(20);
        let mut source = Fetched { rx, limit, current: Vec::new(), at: 0, failed: None, fetched: 0 };
        let mut buf = [0u8; 8];
        assert!(source.read(&mut buf).is_err());
        assert!(source.failed.as_deref().is_some_and(|why| why.contains("stopped answering")), "{:?}", source.failed);
        // A part that came is read; the end of the parts is the end of the stream.
        held.send(Ok(vec![1, 2, 3])).unwrap();
        drop(held);
        assert_eq!(source.read(&mut buf).unwrap(), 3);
        assert_eq!(source.read(&mut buf).unwrap(), 0);
    }
}
