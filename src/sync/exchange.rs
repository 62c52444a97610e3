//! Running an exchange between two open files (with a remote `helpdesk sync serve`: `remote.rs`),
//! settling and pricing what arrived, and making a laptop copy.

use crate::t;
use std::path::Path;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::bundle::Header;
use super::check_peer;
use crate::config::Settings;
use crate::statements::{reconcile_arrivals, reprice_closed_months};
use crate::store::{OpRecord, Result, Store, StoreError, Vector};

/// What a sync did, from this copy's side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub peer: String,
    pub sent: usize,
    pub received: usize,
    pub conflicts: usize,
    pub corrections: Decimal,
}

/// Progress messages for long syncs (written to stderr by the CLI).
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// Imports `ops` from the copy described by `from`, then prices arrivals in closed months.
pub fn receive(
    store: &mut Store,
    settings: &Settings,
    from: &Header,
    ops: &[OpRecord],
    now: DateTime<Utc>,
) -> Result<(usize, usize, Decimal)> {
    receive_encoded(store, settings, from, ops, None, now)
}

/// [`receive`] with the log's body of each operation made beforehand (`bodies[i]`: `codec::encode_body`
/// or `codec::encode_body_quick` of `ops[i].change`); used only when validating changed no operation (cleaned text is encoded anew).
pub fn receive_encoded(
    store: &mut Store,
    settings: &Settings,
    from: &Header,
    ops: &[OpRecord],
    bodies: Option<Vec<Vec<u8>>>,
    now: DateTime<Utc>,
) -> Result<(usize, usize, Decimal)> {
    let valid = super::validate::validate_incoming(from, ops)?;
    let bodies = bodies.filter(|_| matches!(valid, std::borrow::Cow::Borrowed(_)));
    let ops: &[OpRecord] = &valid;
    let imported = store.import_encoded(ops, bodies, (&from.device, &from.tag, &from.vector), now)?;
    crate::store::pause_point("sync-received-not-priced");
    let corrections = settle_arrivals(store, settings, now)?;
    Ok((imported.applied, imported.conflicts, corrections))
}

/// Prices entries that arrived in closed months and were not priced yet (also after an interrupted run).
/// Only the team file prices them (the copy with the empty tag, which every copy syncs with sooner or
/// later): one pricer, in the order the changes reach it, so corrections add up to exactly what the
/// closed month would have cost with all its work, however the changes travelled. A file copy's own
/// `--correction` is priced by the team file when it arrives. A replica of a team server keeps what
/// arrived marked, and its own corrections too (the store marks a correction booked unpriced): it
/// prices them itself, one desk at a time under the team's lock, caught up with the server
/// (`team::Desk::price`, which calls [`price_arrivals`]). Other copies let the marks go.
pub fn settle_arrivals(store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<Decimal> {
    let pending = store.pending_arrivals()?;
    if pending.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // A team server's replica never prices here, not even while `team join` fills it before it has its
    // desk's tag (it would book corrections as its own operations and push them unlocked): it keeps the
    // marks, and its desk prices them under the team's lock (`team::Desk::price`).
    // A viewer's replica prices nothing and pushes nothing: it lets the marks go like a copy.
    let binding = store.team_binding()?;
    let replica = binding.as_ref().is_some_and(|b| !b.technician.is_empty());
    if !store.device_tag()?.is_empty() || binding.is_some() {
        if !replica {
            store.clear_pending_arrivals(&pending)?;
        }
        return Ok(Decimal::ZERO);
    }
    price_arrivals(store, settings, now)
}

/// Prices what [`settle_arrivals`] left marked, whatever the copy: each arrival in a closed month not
/// billed yet becomes a correction (keyed by its entry, so it is booked once however often this runs),
/// and the closed months of the customers marked are priced again against what is known now (nothing
/// is booked when nothing changed). The caller makes sure this copy is the one pricer at the time.
/// Returns the total booked.
pub fn price_arrivals(store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<Decimal> {
    let pending = store.pending_arrivals()?;
    if pending.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let mut booked = reconcile_arrivals(store, settings, &pending, now)?;
    // The marks are entries and customers (see `Store::pending_arrivals`): the customers marked (work in
    // or before a closed month, tiers, kinds, consultations) and those with work in a closed month have
    // every closed month repriced against what is known now. (A sync of ordinary work reprices nothing.)
    let mut customers = std::collections::BTreeSet::new();
    // Closed month → the tickets of its work checked here → the customer each has now.
    let mut checked: std::collections::BTreeMap<_, std::collections::BTreeMap<String, String>> = Default::default();
    for id in &pending {
        if store.customer(&crate::domain::CustomerId::new(id.as_str()))?.is_some() {
            customers.insert(id.clone());
        } else if let Some(closed) = store.closed_work(&crate::domain::EntryId::new(id.as_str()))?
            && let Some((_, ticket)) = store.entry_with_ticket(&crate::domain::EntryId::new(id.as_str()))?
        {
            // Work in a closed month (arrived, or checked against a close that arrived).
            customers.insert(ticket.customer_id.to_string());
            checked
                .entry(closed.month)
                .or_default()
                .insert(ticket.summary.number, ticket.summary.customer_id.into_string());
        }
    }
    customers.extend(billed_before_a_move(store, &checked)?);
    booked += reprice_closed_months(store, settings, &customers, now)?;
    store.clear_pending_arrivals(&pending)?;
    Ok(booked)
}

/// The customers whose frozen statement of a closed month billed one of `checked`'s tickets (month →
/// ticket number → its customer now) while the ticket is another customer's now: a ticket moved before
/// the close reached this copy (the move arrived first, so nothing marked the customer it left). Their
/// closed months are repriced too, so the work they no longer have is taken back by a correction and
/// billed once, to the customer the ticket has now.
fn billed_before_a_move(
    store: &Store,
    checked: &std::collections::BTreeMap<crate::domain::YearMonth, std::collections::BTreeMap<String, String>>,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (&month, tickets) in checked {
        for frozen in store.closed_statements(month)? {
            let doc: crate::statements::StatementDoc =
                serde_json::from_str(&frozen.body).map_err(|e| StoreError::Invalid(e.to_string()))?;
            let left = doc.lines.iter().any(|l| tickets.get(&l.ticket).is_some_and(|now| frozen.customer_id != *now));
            if left {
                out.push(frozen.customer_id.into_string());
            }
        }
    }
    Ok(out)
}

pub(super) fn merged(a: &Vector, b: &Vector) -> Vector {
    let mut out = a.clone();
    for (device, hlc) in b {
        let e = out.entry(device.clone()).or_default();
        if hlc > e {
            *e = hlc.clone();
        }
    }
    out
}

/// Syncs two open files both ways.
pub fn sync_files(
    here: &mut Store,
    there: &mut Store,
    settings: &Settings,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<SyncReport> {
    let mine = Header::of(here)?;
    let theirs = Header::of(there)?;
    let hint = |e| super::clash_hint(e, here, there);
    check_peer(here, &theirs).map_err(hint)?;
    check_peer(there, &mine).map_err(hint)?;
    // Identities are checked both ways before either side applies anything.
    there.check_incoming(&here.ops_missing_from(&theirs.vector)?).map_err(hint)?;
    here.check_incoming(&there.ops_missing_from(&mine.vector)?).map_err(hint)?;
    settle_arrivals(here, settings, now)?;
    let to_them = here.ops_missing_from(&theirs.vector)?;
    let to_me = there.ops_missing_from(&mine.vector)?;
    // A clock too far ahead is refused both ways before either side applies anything, too.
    there.check_clock(&to_them, (&mine.device, &mine.tag), now)?;
    here.check_clock(&to_me, (&theirs.device, &theirs.tag), now)?;
    progress(&t!("sync-progress-both", sending = to_them.len(), receiving = to_me.len()));
    let there_clock = there.own_clock()?;
    let (_, their_conflicts, _) = receive(there, settings, &mine, &to_them, now)?;
    crate::store::pause_point("sync-other-file-received");
    // The other file has committed what it received: from here on a failure leaves the sync half done,
    // and says so (which file has what), instead of "nothing was saved".
    let finished = finish_sync(here, there, settings, now, (&mine, &theirs), &to_me, (to_them.len(), there_clock));
    let (sent, received, conflicts, corrections) = finished.map_err(|cause| {
        let name = |s: &Store| s.path().map_or_else(|| t!("sync-the-other-file"), crate::store::named);
        StoreError::PartlySynced { applied: name(there), failed: name(here), cause: Box::new(cause) }
    })?;
    let _ = their_conflicts;
    Ok(SyncReport { peer: super::display_tag(&theirs.tag), sent, received, conflicts, corrections })
}

/// The second half of [`sync_files`], after `there` committed what it received: `here` receives, the
/// corrections either side booked go across, both record the exchange. Returns (sent, received,
/// conflicts, corrections).
fn finish_sync(
    here: &mut Store,
    there: &mut Store,
    settings: &Settings,
    now: DateTime<Utc>,
    (mine, theirs): (&Header, &Header),
    to_me: &[OpRecord],
    (sent, there_clock): (usize, String),
) -> Result<(usize, usize, usize, Decimal)> {
    crate::store::fail_point("sync-second-file")?;
    let here_clock = here.own_clock()?;
    let (mut received, conflicts, corrections) = receive(here, settings, theirs, to_me, now)?;
    crate::store::pause_point("sync-this-file-received");
    // Corrections either side booked for what it just received (work in a month it had closed) go across
    // too, so both end with the same state and nothing is left unshared.
    let mut sent = sent;
    if there.own_clock()? != there_clock {
        let late = there.ops_missing_from(&here.vector()?)?;
        received += receive(here, settings, &Header::of(there)?, &late, now)?.0;
        crate::store::pause_point("sync-late-received");
    }
    if here.own_clock()? != here_clock {
        let late = here.ops_missing_from(&there.vector()?)?;
        sent += late.len();
        receive(there, settings, &Header::of(here)?, &late, now)?;
        crate::store::pause_point("sync-late-sent");
    }
    let both = merged(&mine.vector, &theirs.vector);
    here.record_peer(&theirs.device, &theirs.tag, &both, now)?;
    crate::store::pause_point("sync-peer-recorded-here");
    there.record_peer(&mine.device, &mine.tag, &both, now)?;
    crate::store::pause_point("sync-peer-recorded-there");
    here.mark_shared(&here.own_clock()?)?;
    crate::store::pause_point("sync-shared-here");
    there.mark_shared(&there.own_clock()?)?;
    Ok((sent, received, conflicts, corrections))
}

/// Makes `target` a full copy of `team` with its own identity: a new device id, a ticket-number tag
/// reserved in `team` (so no two copies share one), `team` as its first peer. Made under a temporary
/// name and renamed when complete, so `target` is never a twin of `team` that has not got its own
/// identity yet (whatever stops the clone).
pub fn clone_copy(team: &mut Store, target: &Path, now: DateTime<Utc>) -> Result<String> {
    let taken = || StoreError::Invalid(t!("sync-copy-exists", path = target.display().to_string()));
    if target.exists() {
        return Err(taken());
    }
    crate::store::require_directory(target)?;
    let name = target.file_name().map_or("copy".into(), |n| n.to_string_lossy().into_owned());
    let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let crate::store::CopyIdentity { tag, device } = team.make_copy_identity(now)?;
    // What the copy holds of every device (at least): the team file knows the copy as a peer at once, so
    // a bundle for it (`sync export --peer A`) can be made before it ever syncs.
    let vector = team.vector()?;
    let made = team.backup_to(&tmp).and_then(|_| {
        crate::store::pause_point("clone-copied");
        let mut copy = Store::open(&tmp, team.actor())?;
        let parent_tag = team.device_tag()?;
        copy.become_copy(&tag, &device, team.device(), &parent_tag, now)?;
        // A copy of a team server's replica is a stand-alone file: the way back from the server to one
        // file (the server knows no desk of this identity and would refuse its changes).
        copy.leave_team()?;
        drop(copy);
        crate::store::publish(&tmp, target).map_err(|e| if target.exists() { taken() } else { e })?;
        team.record_peer(&device, &tag, &vector, now)?;
        // Everything this file had made is in the copy: shared.
        match vector.get(team.device()) {
            Some(own) => team.mark_shared(own),
            None => Ok(()),
        }
    });
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
    }
    // A failure is the user's file's, not the temporary name's (a full disk names where the copy goes).
    let named = |path: String| if path == tmp.display().to_string() { target.display().to_string() } else { path };
    made.map(|_| tag).map_err(|e| match e {
        StoreError::Io { path, source } => StoreError::Io { path: named(path), source },
        other => other,
    })
}
