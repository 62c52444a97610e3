//! The number fields of a change: instants, minutes, ticket numbers, a close's bounds — each within
//! what helpdesk itself writes.

use super::kinds::malformed;
use crate::domain::worktime::MAX_ENTRY_MINUTES;
use crate::store::ops::Change;
use crate::store::{Hlc, OpRecord, Result};

/// The earliest and latest instants (unix seconds) an RFC 3339 instant can name: 0000-01-01T00:00:00Z
/// and 9999-12-31T23:59:59Z — only a close's bounds may lie outside the billable range (a month's start
/// in a zone east of UTC), and they are checked against their month besides.
const INSTANTS: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

/// Whether `v` (unix seconds) is an instant helpdesk takes from a person: the range every local input
/// path accepts ([`crate::domain::month::is_billable_instant`], 1583-01-02 to 9999-12-30 UTC), so an
/// instant from another copy shows as RFC 3339 and lies in a month statements can show (bb7 #2).
fn billable(v: i64) -> bool {
    chrono::DateTime::from_timestamp(v, 0).is_some_and(crate::domain::month::is_billable_instant)
}

/// The most minutes one correction line may move (the entries of a month are far fewer).
const ADJUSTMENT_MINUTES: u64 = 1_000_000_000;

/// The number fields of a change: each within what helpdesk itself writes.
pub(super) fn check_numbers(op: &OpRecord) -> Result<()> {
    use Change::*;
    let instant = |field: &str, v: i64| {
        if billable(v) { Ok(()) } else { Err(malformed(op, field, &v.to_string(), "sync-what-instant")) }
    };
    let bound = |field: &str, v: i64| {
        if INSTANTS.contains(&v) { Ok(()) } else { Err(malformed(op, field, &v.to_string(), "sync-what-instant")) }
    };
    if let Some(prev) = op.change.prev().filter(|p| !p.is_empty())
        && prev.parse::<Hlc>().ok() >= op.hlc.parse::<Hlc>().ok()
    {
        return Err(malformed(op, "prev", prev, "sync-what-prev-before"));
    }
    match &op.change {
        CustomerCreated { at, .. }
        | CommentAdded { at, .. }
        | MailThreaded { at, .. }
        | ConflictSettled { at, .. }
        | StatusReportRecorded { at, .. } => instant("at", *at)?,
        MailTriaged { received_at, .. } => instant("received_at", *received_at)?,
        TicketOpened { seq, received_at, .. } => {
            if *seq == 0 || *seq > i64::MAX as u64 {
                return Err(malformed(op, "seq", &seq.to_string(), "sync-what-seq"));
            }
            instant("received_at", *received_at)?;
        }
        TicketRenumbered { seq, tag, .. } => {
            if *seq == 0 || *seq > i64::MAX as u64 {
                return Err(malformed(op, "seq", &seq.to_string(), "sync-what-seq"));
            }
            if tag.is_empty() {
                return Err(malformed(op, "tag", tag, "sync-what-renumber-tag"));
            }
        }
        FirstResponse { at, resolve_by, .. } => {
            instant("at", *at)?;
            instant("resolve_by", *resolve_by)?;
        }
        TimeEntryAdded { started_at, minutes, at, .. } => {
            instant("started_at", *started_at)?;
            instant("at", *at)?;
            if *minutes == 0 || *minutes > MAX_ENTRY_MINUTES {
                return Err(malformed(op, "minutes", &minutes.to_string(), "sync-what-entry-minutes"));
            }
        }
        TimerStarted { started_at, .. } => instant("started_at", *started_at)?,
        MonthClosed { month, starts_at, ends_at, .. } => {
            bound("starts_at", *starts_at)?;
            bound("ends_at", *ends_at)?;
            // The month's bounds in the closing copy's zone: within a day's offsets of its UTC bounds.
            if let Ok(m) = month.parse::<crate::domain::YearMonth>() {
                let utc =
                    |m: crate::domain::YearMonth| m.first_day().and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
                let near = |v: i64, at: Option<i64>| at.is_some_and(|at| (v - at).abs() <= 14 * 3600);
                if !near(*starts_at, utc(m)) {
                    return Err(malformed(op, "starts_at", &starts_at.to_string(), "sync-what-month-start"));
                }
                if !near(*ends_at, utc(m.next())) {
                    return Err(malformed(op, "ends_at", &ends_at.to_string(), "sync-what-month-end"));
                }
            }
        }
        AdjustmentBooked { minutes, at, .. } => {
            instant("at", *at)?;
            if minutes.unsigned_abs() > ADJUSTMENT_MINUTES {
                return Err(malformed(op, "minutes", &minutes.to_string(), "sync-what-correction-minutes"));
            }
        }
        _ => {}
    }
    Ok(())
}
