//! The bundle: operations as JSON lines between a header and a trailer with their count and checksum,
//! so a truncated or altered file is refused before anything is applied.

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Trailer {
    end: bool,
    count: usize,
    checksum: String,
}

impl Header {
    pub fn of(store: &Store) -> Result<Header> {
        Ok(Header {
            format: "helpdesk-sync".into(),
            version: FORMAT,
            schema: crate::store::LATEST_VERSION,
            team: store.team_id()?,
            device: store.device().to_string(),
            tag: store.device_tag()?,
            vector: store.vector()?,
        })
    }
}

/// FNV-1a over the operation lines: detects truncation and damage (not tampering).
#[derive(Default)]
struct Checksum(u64);

impl Checksum {
    fn new() -> Self {
        Checksum(0xcbf2_9ce4_8422_2325)
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
    StoreError::Io { path: "sync data".into(), source: e }
}

fn bad(what: &str) -> StoreError {
    StoreError::Invalid(format!("the sync data is damaged or incomplete ({what}); nothing was changed — make it again"))
}

pub fn write_header(out: &mut impl Write, header: &Header) -> Result<()> {
    let line = serde_json::to_string(header).map_err(|e| StoreError::Invalid(e.to_string()))?;
    writeln!(out, "{line}").and_then(|_| out.flush()).map_err(io)
}

pub fn read_header(input: &mut impl BufRead) -> Result<Header> {
    let mut line = String::new();
    if input.read_line(&mut line).map_err(io)? == 0 {
        return Err(bad("it is empty"));
    }
    serde_json::from_str(&line)
        .map_err(|_| StoreError::Invalid("this is not helpdesk sync data (no header); nothing was changed".into()))
}

/// Writes operations and the trailer.
pub fn write_ops(out: &mut impl Write, ops: &[OpRecord]) -> Result<()> {
    let mut sum = Checksum::new();
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
pub fn read_ops(input: &mut impl BufRead, mut progress: impl FnMut(usize)) -> Result<Vec<OpRecord>> {
    let mut ops = Vec::new();
    let mut sum = Checksum::new();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(io)? == 0 {
            return Err(bad("it ends before its last line"));
        }
        let text = line.trim_end_matches(['\n', '\r']);
        if text.starts_with("{\"end\"") {
            let t: Trailer = serde_json::from_str(text).map_err(|_| bad("unreadable last line"))?;
            if t.count != ops.len() || t.checksum != sum.hex() {
                return Err(bad("its checksum does not match"));
            }
            return Ok(ops);
        }
        sum.add(text);
        let op: OpRecord =
            serde_json::from_str(text).map_err(|_| bad(&format!("unreadable operation {}", ops.len() + 1)))?;
        ops.push(op);
        if ops.len() % 10_000 == 0 {
            progress(ops.len());
        }
    }
}

pub fn write_bundle(out: &mut impl Write, header: &Header, ops: &[OpRecord]) -> Result<()> {
    write_header(out, header)?;
    write_ops(out, ops)
}

pub fn read_bundle(input: &mut impl BufRead) -> Result<(Header, Vec<OpRecord>)> {
    let header = read_header(input)?;
    let ops = read_ops(input, |_| {})?;
    Ok((header, ops))
}
