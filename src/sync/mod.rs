//! Offline copies and syncing them: a laptop copy with its own identity (`clone`), and exchanging
//! operations both ways — directly between two files, through a bundle file carried by hand, or over
//! any command's stdin/stdout (`ssh host helpdesk sync serve`), with no network code of our own.
//!
//! Every exchange is: both sides state who they are (team, device, schema, version vector); each sends
//! the operations the other lacks, in clock order, closed by a count and a checksum; the receiver checks
//! everything before applying it all in one transaction. So an interrupted sync leaves both files as
//! they were or fully updated, and rerunning it is always safe (operations already known are skipped).
//! Work that arrives for a closed month is priced into the current month as a correction.

mod bundle;
mod exchange;
mod remote;
pub mod validate;
pub(crate) mod watchdog;

pub use bundle::{Header, read_bundle, write_bundle};
pub use exchange::receive as exchange_receive;
pub use exchange::receive_encoded as exchange_receive_encoded;
pub use exchange::{Progress, SyncReport, clone_copy, price_arrivals, settle_arrivals, sync_files};
pub use remote::{refuse_serve, serve, sync_remote};

use crate::store::{OpRecord, Result, Store, StoreError};
use crate::t;

/// Version of the bundle and wire format (2: sync headers carry heads, operations of the merge rules;
/// 3: operations identified by their device and clock alone, as the compact file (schema 9) keeps
/// them; 4: a change of a contested value names the value it replaced, `prev`, schema 11 — an older
/// helpdesk would drop it and then hold the operation with other content; 5: a ticket moved to another
/// customer, a customer archived, unarchived or removed, schema 12 — an older helpdesk cannot read them;
/// 6: the mail intake's bookkeeping, schema 13; 7: a closed month priced again is keyed by its round,
/// `reprice:…` — an older helpdesk refuses the key as malformed). Both sides must speak the same one: an older or newer
/// peer is refused, naming which side to upgrade.
pub const FORMAT: u32 = 7;

/// Refuses a peer that is another team's file or newer than we understand.
pub fn check_peer(store: &Store, header: &Header) -> Result<()> {
    if header.format != "helpdesk-sync" {
        return Err(StoreError::Invalid(t!("sync-not-sync-data")));
    }
    if header.version < FORMAT {
        return Err(StoreError::Invalid(t!(
            "sync-peer-older",
            theirs = header.version.to_string(),
            ours = FORMAT.to_string()
        )));
    }
    if header.version > FORMAT {
        return Err(StoreError::Invalid(t!(
            "sync-peer-newer",
            theirs = header.version.to_string(),
            ours = FORMAT.to_string()
        )));
    }
    validate::validate_incoming(header, &[])?;
    if header.schema > crate::store::LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: t!("sync-the-other-copy", copy = display_tag(&header.tag)),
            found: header.schema,
            supported: crate::store::LATEST_VERSION,
        });
    }
    if header.team != store.team_id()? {
        return Err(StoreError::Invalid(t!("sync-other-team")));
    }
    if header.device == store.device() && header.vector == store.vector()? {
        return Err(StoreError::Invalid(t!("sync-same-copy")));
    }
    let known = if header.base.is_empty() { Default::default() } else { store.vector()? };
    if header.base.iter().any(|(device, hlc)| known.get(device).is_none_or(|have| have < hlc)) {
        let tag = store.device_tag()?;
        return Err(StoreError::Invalid(t!(
            "sync-bundle-for-another",
            copy = display_tag(&tag),
            peer = if tag.is_empty() { "team" } else { tag.as_str() }
        )));
    }
    crate::store::check_header(store, &header.device, &header.tag, &header.vector, &header.base, &header.heads)?;
    // This copy's own data again (its own bundle imported back, or a stale file copy of it), whatever it
    // received since it was made: nothing to exchange, and a copy is never its own peer. (Same device
    // with something this file lacks is a duplicated or restored file: a clash above, or a restored
    // file taking back its own changes.)
    if header.device == store.device() {
        let have = store.vector()?;
        if header.vector.iter().all(|(device, hlc)| have.get(device).is_some_and(|h| h >= hlc)) {
            return Err(StoreError::Invalid(t!("sync-same-copy")));
        }
    }
    Ok(())
}

/// The device a sync of `here` and `there` would be refused over as an identity clash, if any (the same
/// checks as [`sync_files`] makes before applying anything; nothing is changed).
pub fn clash_between(here: &Store, there: &Store) -> Result<Option<String>> {
    let (mine, theirs) = (Header::of(here)?, Header::of(there)?);
    let results = [
        check_peer(here, &theirs),
        check_peer(there, &mine),
        there.check_incoming(&here.ops_missing_from(&theirs.vector)?),
        here.check_incoming(&there.ops_missing_from(&mine.vector)?),
    ];
    Ok(results.into_iter().find_map(|r| match r {
        Err(StoreError::Clash { device, .. }) => Some(device),
        _ => None,
    }))
}

/// Says how to get out of an identity clash found while syncing `here` with `there`: which file takes
/// a fresh identity, against which.
pub fn clash_hint(e: StoreError, here: &Store, there: &Store) -> StoreError {
    let StoreError::Clash { detail, device, .. } = e else { return e };
    let path = |s: &Store| s.path().map_or_else(|| t!("sync-the-file"), crate::store::named);
    let fix = |copy: &Store, against: &Store| {
        if copy.device_tag().is_ok_and(|t| t.is_empty()) {
            // A team file restored (again) that wrote nothing since: the other file holds changes of the
            // team file from a state the restore undid, which the other file moves (bb7 #7).
            if copy.restored_unwritten().unwrap_or(false) {
                return t!("sync-hint-undone-team-state", copy = path(against), team = path(copy));
            }
            return team_file_hint(&path(copy));
        }
        t!("sync-hint-fresh-identity", copy = path(copy), against = path(against))
    };
    let hint = if device == here.device() {
        fix(here, there)
    } else if device == there.device() {
        fix(there, here)
    } else if here.holds_branch_of(there, &device).unwrap_or(false) {
        t!("sync-hint-take-over", other = other_copy_hint(&device), here = path(here), there = path(there))
    } else {
        other_copy_hint(&device)
    };
    StoreError::Clash { detail, device, hint }
}

/// Says how to get out of an identity clash found in an exchange with a copy whose file is not at hand
/// (a bundle, `sync --remote`): `sync new-identity` needs the file this copy reserves its new tag in, so
/// this copy is pointed at the team file, and the other copy at the command to run where it is.
pub fn lone_clash_hint(e: StoreError, here: &Store) -> StoreError {
    let StoreError::Clash { detail, device, hint } = e else { return e };
    if !hint.is_empty() {
        return StoreError::Clash { detail, device, hint };
    }
    let team_path = || here.path().map_or_else(|| t!("sync-the-team-file"), crate::store::named);
    let hint = if device == here.device() && here.device_tag().is_ok_and(|t| t.is_empty()) {
        if here.restored_unwritten().unwrap_or(false) {
            t!("sync-hint-undone-team-state", copy = t!("sync-copy-db-placeholder"), team = team_path())
        } else {
            team_file_hint(&team_path())
        }
    } else if is_team_device(here, &device) {
        // The team file keeps its identity, so "run new-identity there" would be refused: either it wrote
        // after a restore (restore it again), or this file holds changes of it that a restore undid.
        let path = here.path().map_or_else(|| t!("sync-this-db-placeholder"), crate::store::named);
        t!("sync-hint-team-state-here", path = path)
    } else if device == here.device() {
        let path = here.path().map_or_else(|| t!("sync-this-db-placeholder"), crate::store::named);
        t!("sync-hint-this-copy", path = path)
    } else {
        other_copy_hint(&device)
    };
    StoreError::Clash { detail, device, hint }
}

/// Says how to get out of an identity clash found while importing a bundle made by copy `author`: a
/// clash about the author's own history means the bundle was made by another file of that copy than the
/// one whose changes this file holds (a duplicate, or that copy before it was restored from a backup),
/// so the bundle can never be imported; its work is in the file that made it (bb7 #3).
pub fn bundle_clash_hint(e: StoreError, here: &Store, header: &Header, ops: &[OpRecord]) -> StoreError {
    let author = header.device.as_str();
    let other_history = |device: &str| {
        device == author
            && device != here.device()
            && here.other_history_of(device, ops, &header.heads).unwrap_or(false)
    };
    match e {
        StoreError::Clash { detail, device, hint } if hint.is_empty() && other_history(&device) => {
            let short = device.get(device.len().saturating_sub(8)..).unwrap_or(&device).to_string();
            let team = here.path().map_or_else(|| t!("sync-team-db-placeholder"), crate::store::named);
            let team =
                if here.device_tag().is_ok_and(|t| t.is_empty()) { team } else { t!("sync-team-db-placeholder") };
            StoreError::Clash { detail, hint: t!("sync-hint-bundle-other-file", device = short, team = team), device }
        }
        other => lone_clash_hint(other, here),
    }
}

/// Whether `device` is the team file's (numbers plainly) as this file knows it, and not this file.
fn is_team_device(here: &Store, device: &str) -> bool {
    device != here.device() && here.peers().is_ok_and(|p| p.iter().any(|p| p.device == device && p.tag.is_empty()))
}

/// The way out when the team file's own identity clashes: it keeps its identity (it alone prices
/// corrections), so the way out is its data. A restored team file takes back its own changes from its
/// copies as long as it writes nothing before it synced; this is one that wrote first.
fn team_file_hint(path: &str) -> String {
    t!("sync-hint-team-file", path = path)
}

/// The way out of a clash about a third copy (or one whose file is not at hand).
pub fn other_copy_hint(device: &str) -> String {
    let short = device.get(device.len().saturating_sub(8)..).unwrap_or(device);
    t!("sync-hint-other-copy", device = short)
}

/// How a copy is named to people: its tag, or "team file" for the original.
pub fn display_tag(tag: &str) -> String {
    if tag.is_empty() { t!("sync-team-file-name") } else { t!("sync-copy-name", tag = tag) }
}
