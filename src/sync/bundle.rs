//! The bundle: operations as JSON lines between a header and a trailer with their count and checksum,
//! so a truncated or altered file is refused before anything is applied. In a bundle file the checksum
//! covers the header line too (who sent it and what it had is recorded on import); over a command's
//! stdin/stdout the header is answered before the operations follow, so there it covers the operations.

use crate::t;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::FORMAT;
use crate::store::{OpRecord, Result, Store, StoreError, Vector};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub schema: i64,
    pub team: String,
    pub device: String,
    pub tag: String,
    pub vector: Vector,
    /// In a bundle: what the copy it is for had (its operations are those above it), so a copy that
    /// lacks some of that refuses it instead of taking later operations without the earlier ones.
    #[serde(default, skip_serializing_if = "Vector::is_empty")]
    pub base: Vector,
    /// The id of the operation at each clock value of `vector` and `base`, so the receiver can tell
    /// that both sides hold the same history up to there (a duplicated copy would not).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub heads: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Trailer {
    end: bool,
    count: usize,
    checksum: String,
}

impl Header {
    /// This copy's header: who it is and what it has.
    pub fn of(store: &Store) -> Result<Header> {
        let vector = store.vector()?;
        Ok(Header {
            format: "helpdesk-sync".into(),
            version: FORMAT,
            schema: crate::store::LATEST_VERSION,
            team: store.team_id()?,
            device: store.device().to_string(),
            tag: store.device_tag()?,
            heads: crate::store::heads(store, &vector)?,
            vector,
            base: Vector::new(),
        })
    }

    /// A bundle's header: this copy's, for a receiver that has `base`.
    pub fn for_peer(store: &Store, base: Vector) -> Result<Header> {
        let mut header = Header::of(store)?;
        header.heads.extend(crate::store::heads(store, &base)?);
        header.base = base;
        Ok(header)
    }
}

/// FNV-1a over the operation lines: detects truncation and damage (not tampering).
#[derive(Default)]
struct Checksum(u64);

impl Checksum {
    fn new() -> Self {
        Checksum(0xcbf2_9ce4_8422_2325)
    }

    fn over(line: &str) -> Self {
        let mut sum = Checksum::new();
        sum.add(line);
        sum
    }

    fn add(&mut self, line: &str) {
        for b in line.bytes().chain(std::iter::once(b'\n')) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Io { path: t!("sync-data"), source: e }
}

fn bad(what: String) -> StoreError {
    StoreError::Invalid(t!("sync-data-damaged", what = what))
}

fn header_line(header: &Header) -> Result<String> {
    serde_json::to_string(header).map_err(|e| StoreError::Invalid(e.to_string()))
}

pub fn write_header(out: &mut impl Write, header: &Header) -> Result<()> {
    let line = header_line(header)?;
    writeln!(out, "{line}").and_then(|_| out.flush()).map_err(io)
}

pub fn read_header(input: &mut impl BufRead) -> Result<Header> {
    read_header_line(input).map(|(header, _)| header)
}

/// The header and its line as read (without the line end).
fn read_header_line(input: &mut impl BufRead) -> Result<(Header, String)> {
    let mut line = String::new();
    if input.read_line(&mut line).map_err(io)? == 0 {
        return Err(bad(t!("sync-data-empty")));
    }
    let header = serde_json::from_str(&line).map_err(|_| StoreError::Invalid(t!("sync-data-no-header")))?;
    Ok((header, line.trim_end_matches(['\n', '\r']).to_string()))
}

/// Writes operations and the trailer.
pub fn write_ops(out: &mut impl Write, ops: &[OpRecord]) -> Result<()> {
    write_ops_summed(out, ops, Checksum::new())
}

fn write_ops_summed(out: &mut impl Write, ops: &[OpRecord], mut sum: Checksum) -> Result<()> {
    for op in ops {
        let line = serde_json::to_string(op).map_err(|e| StoreError::Invalid(e.to_string()))?;
        sum.add(&line);
        writeln!(out, "{line}").map_err(io)?;
    }
    let trailer = Trailer { end: true, count: ops.len(), checksum: sum.hex() };
    let line = serde_json::to_string(&trailer).map_err(|e| StoreError::Invalid(e.to_string()))?;
    writeln!(out, "{line}").and_then(|_| out.flush()).map_err(io)
}

/// Reads operations up to and including the trailer, checking count and checksum.
pub fn read_ops(input: &mut impl BufRead, progress: impl FnMut(usize)) -> Result<Vec<OpRecord>> {
    read_ops_summed(input, Checksum::new(), progress)
}

fn read_ops_summed(
    input: &mut impl BufRead,
    mut sum: Checksum,
    mut progress: impl FnMut(usize),
) -> Result<Vec<OpRecord>> {
    let mut ops = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(io)? == 0 {
            return Err(bad(t!("sync-data-truncated")));
        }
        let text = line.trim_end_matches(['\n', '\r']);
        if ops.is_empty() && text.starts_with("{\"error\"") {
            return Err(refusal(text));
        }
        if text.starts_with("{\"end\"") {
            let t: Trailer = serde_json::from_str(text).map_err(|_| bad(t!("sync-data-bad-trailer")))?;
            if t.count != ops.len() || t.checksum != sum.hex() {
                return Err(bad(t!("sync-data-checksum")));
            }
            return Ok(ops);
        }
        sum.add(text);
        let op: OpRecord = serde_json::from_str(text)
            .map_err(|_| bad(t!("sync-data-bad-operation", number = (ops.len() + 1).to_string())))?;
        ops.push(op);
        if ops.len() % 10_000 == 0 {
            progress(ops.len());
        }
    }
}

/// The other side's refusal, sent where its operations were expected (`sync --remote`): an identity clash
/// stays one.
fn refusal(text: &str) -> crate::store::StoreError {
    use crate::store::StoreError;
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let error = match v["error"].as_str() {
        Some(e) => crate::domain::text::clean(e, false),
        None => t!("sync-no-reason"),
    };
    match v["clash"].as_str() {
        Some(device) => StoreError::Clash {
            detail: t!("sync-refused-clash", error = error),
            device: device.to_string(),
            hint: String::new(),
        },
        None => StoreError::Invalid(t!("sync-refused", error = error)),
    }
}

pub fn write_bundle(out: &mut impl Write, header: &Header, ops: &[OpRecord]) -> Result<()> {
    let line = header_line(header)?;
    writeln!(out, "{line}").map_err(io)?;
    write_ops_summed(out, ops, Checksum::over(&line))
}

/// A bundle file whole: its header, operations and trailer, and nothing after the trailer but blank
/// lines (bytes appended to a bundle, or two bundles run together, are an altered file).
pub fn read_bundle(input: &mut impl BufRead) -> Result<(Header, Vec<OpRecord>)> {
    let (header, line) = read_header_line(input)?;
    let ops = read_ops_summed(input, Checksum::over(&line), |_| {})?;
    let mut rest = Vec::new();
    input.read_to_end(&mut rest).map_err(io)?;
    if !rest.iter().all(u8::is_ascii_whitespace) {
        return Err(bad(t!("sync-data-after-end")));
    }
    Ok((header, ops))
}
