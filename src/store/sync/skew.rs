//! The bound on another copy's clock. A hybrid logical clock orders changes by wall-clock time only
//! while the copies' clocks roughly agree: every copy moves its clock past what it receives, so one
//! change stamped by a clock that was far ahead (a laptop whose clock was reset to 2099, a typo) would
//! drag every copy's clock there and win every later concurrent edit until real time catches up. So,
//! as hybrid-clock systems bound the offset they accept (CockroachDB's max offset, the ε of the HLC
//! paper), an import refuses — whole, before anything is applied — any operation whose clock is more
//! than [`MAX_AHEAD_MS`] ahead of this machine's clock (and of this copy's own clock, which already
//! moved past everything it holds: an operation no further ahead than that changes nothing). A close of
//! a month that has not ended by this machine's clock is refused the same way (the closing copy's
//! clock was ahead when it checked that the month had ended), unless the same exchange reopens it
//! later. Every way operations arrive goes through here: a two-file sync (checked in both directions
//! before either file is written), a bundle, `sync --remote` (each side refuses what it receives), a
//! team server's pull (and a desk pushes nothing too far ahead of the server's clock, `team::Desk`).

use crate::t;

use chrono::{DateTime, Utc};

use super::super::change::{Change, OpRecord};
use super::super::oplog::op_at;
use super::super::{Hlc, Result, Store, StoreError, get_meta};

/// How far another copy's clock may be ahead of this machine's: 5 minutes, in milliseconds. Clocks
/// kept by NTP agree within a second; a laptop that has been offline for weeks drifts by seconds to a
/// minute. More than this is a wrong clock, not drift.
pub const MAX_AHEAD_MS: i64 = 5 * 60 * 1000;

impl Store {
    /// Refuses `ops` (from the copy `peer_device` with tag `peer_tag`) when one of them was made under
    /// a clock more than [`MAX_AHEAD_MS`] ahead of `now` and of this copy's own clock, or closes a month
    /// that has not ended at `now`. Errors: `Invalid` naming the copy, its clock and ours, and what to
    /// do; nothing is changed.
    pub fn check_clock(
        &self,
        ops: &[OpRecord],
        (peer_device, peer_tag): (&str, &str),
        now: DateTime<Utc>,
    ) -> Result<()> {
        // A team server's replica: the server's clock is the reference, checked at each desk's push
        // (`team::Desk::push`); a pull does not judge the clocks again (a desk whose own clock is behind
        // must not refuse the team's changes).
        if self.team_binding()?.is_some() {
            return Ok(());
        }
        let own = get_meta(self.conn(), "hlc")?.and_then(|s| s.parse::<Hlc>().ok()).map_or(0, |h| h.millis);
        let limit = now.timestamp_millis().saturating_add(MAX_AHEAD_MS).max(own);
        let copy = |device: &str| {
            if device == peer_device {
                if peer_tag.is_empty() { t!("sync-team-file-name") } else { t!("sync-copy-name", tag = peer_tag) }
            } else {
                let short = device.get(device.len().saturating_sub(8)..).unwrap_or(device);
                t!("sync-copy-of-device", device = short)
            }
        };
        let Some(ahead) =
            ops.iter().filter_map(|op| op.hlc.parse::<Hlc>().ok().map(|h| (op, h))).max_by_key(|(_, h)| h.millis)
        else {
            return Ok(());
        };
        if ahead.1.millis > limit && op_at(self.conn(), &ahead.0.hlc)?.is_none() {
            return Err(StoreError::Invalid(t!(
                "sync-clock-ahead",
                copy = copy(&ahead.0.device),
                theirs = shown_millis(ahead.1.millis),
                ours = shown_millis(now.timestamp_millis()),
                tolerance = crate::i18n::words::minutes(MAX_AHEAD_MS / 60_000)
            )));
        }
        for op in ops {
            if let Change::MonthClosed { month, ends_at, .. } = &op.change
                && ends_at.saturating_mul(1000) > now.timestamp_millis()
                && !reopened_later(ops, month, &op.hlc)
                && op_at(self.conn(), &op.hlc)?.is_none()
            {
                return Err(StoreError::Invalid(t!(
                    "sync-close-not-ended",
                    copy = copy(&op.device),
                    month = month.as_str(),
                    ours = shown_millis(now.timestamp_millis())
                )));
            }
        }
        Ok(())
    }
}

/// Whether `ops` reopen `month` after the close at clock `closed` (the way out the refusal names: the
/// month reopened on the copy that closed it too early travels with the close).
fn reopened_later(ops: &[OpRecord], month: &str, closed: &str) -> bool {
    ops.iter()
        .any(|op| matches!(&op.change, Change::MonthReopened { month: m } if m == month) && op.hlc.as_str() > closed)
}

/// An instant (unix milliseconds) as people read it in a message: RFC 3339 in UTC, `2099-01-01T09:00:00Z`.
fn shown_millis(millis: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(millis)
        .map_or_else(|| millis.to_string(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}
