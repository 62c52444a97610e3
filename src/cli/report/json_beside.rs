//! `report month --format json` on two threads: this one bills the statements (reading the file),
//! a second one writes their JSON (a fifth of the report's work at full size: 10 000 statements,
//! 26 MB). The second thread writes into pieces of memory handed back to this one, which owns the
//! output (stdout, or the file `--output` renames into place) and writes them in order.
//!
//! Decisions:
//! - The bytes are the ones [`StatementsJson`] writes on one thread (the same writer, fed the same
//!   statements in the same order); `HELPDESK_THREADS=1` writes them on one, and a test compares.
//! - Billing runs at most [`WAITING`] batches of [`BATCH`] statements ahead of the writing (a bounded channel); the
//!   pieces come back through an unbounded one, so neither thread can wait on the other for ever:
//!   the writer never waits, and this thread waits only for the writer to take a statement.
//! - A failed write of the output stops the billing at the next statement and is the error; a
//!   billing error stops the writing and is the error. As on one thread, the output then holds the
//!   statements written before, and the array is not closed.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use super::super::report_json::StatementsJson;
use super::super::{CliError, CliResult};
use crate::config::Settings;
use crate::domain::YearMonth;
use crate::statements::{BilledOwned, each_month_doc_owned};
use crate::store::{Store, StoreError};
use crate::t;

/// Bytes in a piece the writer hands back.
const PIECE: usize = 64 * 1024;
/// Statements handed to the writer at once: one wake-up of the writer per batch, not per statement
/// (a wake-up costs more than writing a statement).
const BATCH: usize = 64;
/// Batches billed and not yet taken by the writer, at most.
const WAITING: usize = 4;

/// What the writer hands back to the thread that owns the output.
enum Back {
    /// The next bytes of the output.
    Piece(Vec<u8>),
    /// Statements written: dropped by the thread that made them (memory freed where it was taken).
    Spent(Vec<BilledOwned>),
}

/// The writer's output: pieces of [`PIECE`] bytes sent to the thread that owns the real output,
/// written into buffers it sends back once written (the same few buffers go round: new ones each
/// time were fresh pages, a page fault each 4 KiB).
struct Pieces {
    buf: Vec<u8>,
    to: mpsc::Sender<Back>,
    spare: mpsc::Receiver<Vec<u8>>,
}

impl Pieces {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let next = self.spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(PIECE));
        let piece = std::mem::replace(&mut self.buf, next);
        // The receiver is gone only when this report stopped already (its error is reported).
        self.to.send(Back::Piece(piece)).map_err(|_| io::ErrorKind::BrokenPipe.into())
    }
}

impl Write for Pieces {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= PIECE {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// Writes `month`'s statements of `store` to `out` as the JSON array [`StatementsJson`] writes,
/// billing here and writing on a second thread. `None`: no second thread could be started (nothing
/// was read or written; write it on one). Errors: the output's, else the store's.
pub(super) fn month_json(
    store: &Store,
    settings: &Settings,
    month: YearMonth,
    out: &mut dyn Write,
) -> Option<CliResult> {
    // Set once every statement was billed: only then does the writer close the array.
    let complete = AtomicBool::new(false);
    let complete = &complete;
    let (statements, waiting) = mpsc::sync_channel::<Vec<BilledOwned>>(WAITING);
    let (back_to, back) = mpsc::channel::<Back>();
    let (spare_to, spare) = mpsc::channel::<Vec<u8>>();
    let write = move || {
        let spent = back_to.clone();
        let mut json = StatementsJson::new(Pieces { buf: Vec::with_capacity(PIECE), to: back_to, spare })?;
        for batch in waiting {
            for billed in &batch {
                json.write_billed(billed.as_billed())?;
            }
            // Nobody to take it: the report stopped; the batch is dropped here.
            let _ = spent.send(Back::Spent(batch));
        }
        let mut out = if complete.load(Ordering::Acquire) { json.finish()? } else { json.unfinished() };
        out.flush()
    };
    let bill = move || {
        let mut failed: Option<io::Error> = None;
        // What came back: a piece written to `out` (its buffer sent back to be filled again), a batch
        // dropped (its vector kept for a next batch).
        let mut batches: Vec<Vec<BilledOwned>> = Vec::new();
        let stop = || StoreError::Invalid(t!("export-not-written"));
        // Whether the writer was gone when a batch was sent (then its own error is the one to report).
        let mut writer_gone = false;
        let mut batch = Vec::with_capacity(BATCH);
        let billed = each_month_doc_owned(store, settings, month, |billed| {
            batch.push(billed);
            if batch.len() < BATCH {
                return Ok(());
            }
            let next = batches.pop().unwrap_or_else(|| Vec::with_capacity(BATCH));
            // A writer gone has failed: its error is reported below.
            if statements.send(std::mem::replace(&mut batch, next)).is_err() {
                writer_gone = true;
                return Err(stop());
            }
            for came in back.try_iter() {
                take(came, out, &spare_to, &mut batches, &mut failed);
            }
            if failed.is_some() { Err(stop()) } else { Ok(()) }
        });
        let billed = billed.and_then(|()| {
            if batch.is_empty() || statements.send(batch).is_ok() {
                return Ok(());
            }
            writer_gone = true;
            Err(stop())
        });
        complete.store(billed.is_ok(), Ordering::Release);
        drop(statements);
        if failed.is_none() {
            // The rest, until the writer ends (after a billing error: what it wrote before).
            for came in back.iter() {
                take(came, out, &spare_to, &mut batches, &mut failed);
                if failed.is_some() {
                    break;
                }
            }
        }
        // A writer still writing finds nobody to take its pieces and ends.
        drop(back);
        (failed, billed, writer_gone)
    };
    let ((failed, billed, writer_gone), written) = match crate::beside::run_beside("report-json", write, bill) {
        Ok(both) => both,
        Err(e) => {
            tracing::debug!(%e, "no thread for the report's JSON");
            return None;
        }
    };
    Some(match (failed, billed, written) {
        (Some(e), _, _) => Err(CliError::output(e)),
        (None, Err(_), Err(e)) if writer_gone => Err(CliError::output(e)),
        (None, Err(e), _) => Err(e.into()),
        (None, Ok(()), Err(e)) => Err(CliError::output(e)),
        (None, Ok(()), Ok(())) => Ok(()),
    })
}

/// What came back from the writer, taken: a piece written to `out` (unless a write failed already;
/// its buffer sent back to be filled again), a batch emptied here (its vector kept in `batches`).
fn take(
    came: Back,
    out: &mut dyn Write,
    spare: &mpsc::Sender<Vec<u8>>,
    batches: &mut Vec<Vec<BilledOwned>>,
    failed: &mut Option<io::Error>,
) {
    match came {
        Back::Piece(mut piece) => {
            if failed.is_none() {
                if let Err(e) = out.write_all(&piece) {
                    *failed = Some(e);
                }
            }
            piece.clear();
            // The writer may have ended: then the buffer goes.
            let _ = spare.send(piece);
        }
        Back::Spent(mut batch) => {
            batch.clear();
            batches.push(batch);
        }
    }
}
