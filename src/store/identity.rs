//! A copy's identity (its device id and ticket-number tag) and what protects it at sync.
//!
//! A copy's tag is reserved in the file it was made from, so any older copy of that file (a backup, a
//! restored file, a plain file copy, a VM snapshot) can hand out the same tag again, and a duplicated
//! copy writes under the same device id as the original. Neither can be prevented from inside one file,
//! so every exchange checks, before anything is applied on either side:
//! - **tags**: every copy says which tag it numbers with (its first operation, every ticket it opens, the
//!   sync header); a tag another device already uses is refused;
//! - **numbers**: a ticket number that already belongs to another ticket is refused;
//! - **this copy's own identity**: changes made under it elsewhere, or a peer that knows more of it than
//!   this file has, mean this file is a duplicate or an older state of the copy;
//! - **histories**: the operation at each clock value both sides claim to have must be the same one;
//! - **operations**: one known here with other content is refused, never silently skipped.
//!
//! The way out is [`Store::new_identity`] (`helpdesk sync new-identity OTHER_DB`): a fresh device id and
//! a tag reserved in the other file; this copy's own operations that no other copy has seen move to the
//! new identity, and its tickets among them are renumbered (nobody has seen those numbers, so "numbers
//! never change after merging" holds). Its tickets that another copy *has* seen (a copy made from this
//! one before) and the other file does not know keep their operations, but their numbers, which may be
//! another ticket's, are taken back (`TicketRenumbered`): the one case where a number others saw changes,
//! said by the command and in the ticket's history, so nothing is lost and no number means two tickets.
//!
//! A *duplicated file* of a copy (one device id, two files both used) forks that device's history. The
//! duplicate's branch — its own operations the other file lacks, seen or not — moves to a device derived
//! from the branch's first operation (`branch_device`), with a tag the other file reserves for that device,
//! its tickets renumbered in clock order; a third copy that holds part of the branch moves it the same
//! way ([`Store::take_over_branch`]), so the moved operations are identical wherever they moved, and the
//! original keeps the device.

use crate::t;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::change::{Change, OpRecord};
use super::oplog::{self, read_op};
use super::ops;
use super::sync::Vector;
use super::{Hlc, Result, Store, StoreError, get_meta, new_id, set_meta};
use crate::domain::TicketNumber;

/// Whether any copy this file knows of numbers (or numbered) its tickets with `tag`.
pub(super) fn tag_known(conn: &Connection, tag: &str) -> Result<bool> {
    let own = get_meta(conn, "device_tag")?.unwrap_or_default() == tag;
    let claimed = conn
        .prepare_cached(
            "SELECT 1 FROM copy_tags WHERE tag = ?1 UNION ALL SELECT 1 FROM sync_peers WHERE tag = ?1
             UNION ALL SELECT 1 FROM tickets WHERE device_tag = ?1 LIMIT 1",
        )?
        .query_row([tag], |_| Ok(()))
        .optional()?
        .is_some();
    Ok(own || claimed)
}

/// A device other than `except` that this file knows to number its tickets with `tag` now (copies that
/// took a fresh identity no longer count).
fn tag_owner(conn: &Connection, tag: &str, except: &str) -> Result<Option<String>> {
    let own = get_meta(conn, "device_id")?.unwrap_or_default();
    if get_meta(conn, "device_tag")?.unwrap_or_default() == tag && own != except {
        return Ok(Some(own));
    }
    Ok(conn
        .prepare_cached(
            "SELECT id_text(device) FROM copy_tags WHERE tag = ?1 AND retired = 0 AND device != id_blob(?2)
             UNION ALL
             SELECT device FROM sync_peers WHERE tag = ?1 AND device != ?2
                AND id_blob(device) NOT IN (SELECT device FROM copy_tags WHERE retired = 1)
             LIMIT 1",
        )?
        .query_row([tag, except], |r| r.get(0))
        .optional()?)
}

fn retired(conn: &Connection, device: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM copy_tags WHERE device = id_blob(?1) AND retired = 1")?
        .query_row([device], |_| Ok(()))
        .optional()?
        .is_some())
}

fn short(device: &str) -> &str {
    device.get(device.len().saturating_sub(8)..).unwrap_or(device)
}

fn shown(tag: &str) -> String {
    if tag.is_empty() { t!("clash-plain-numbers") } else { format!("`{tag}`") }
}

fn clash(detail: String, device: &str) -> StoreError {
    StoreError::Clash { detail, device: device.to_string(), hint: String::new() }
}

/// Refuses a copy (`device`) numbering with `tag` when this file knows another device with that tag
/// (other than the devices `retiring` in the same exchange: they gave the tag up).
fn check_claim(conn: &Connection, tag: &str, device: &str, retiring: &[&str]) -> Result<()> {
    if retired(conn, device)? {
        return Ok(());
    }
    match tag_owner(conn, tag, device)?.filter(|owner| !retiring.contains(&owner.as_str())) {
        Some(owner) => Err(clash(
            t!("clash-tag-collides", tag = shown(tag), owner = short(&owner), device = short(device)),
            device,
        )),
        None => Ok(()),
    }
}

/// When this file was restored from a backup (`helpdesk restore`) and has written nothing of its own
/// since: the instant of the restore (milliseconds). Such a file is an older state of its own copy, so
/// its own changes made before the restore that another copy kept are taken back at sync, as any
/// missing changes are (a restored team file catches up from its laptops instead of clashing with them).
/// Anything it writes after the restore ends that: from then on the clash rules hold as for any file.
fn restored_unwritten(conn: &Connection, device: &str) -> Result<Option<i64>> {
    let Some(at) = get_meta(conn, "restored_at")?.and_then(|s| s.parse::<i64>().ok()) else { return Ok(None) };
    let own: Option<i64> = conn.query_row(
        "SELECT max(clock) FROM oplog WHERE device = (SELECT no FROM devices WHERE id = id_blob(?1))",
        [device],
        |r| r.get(0),
    )?;
    let own_millis = own.map(|c| super::codec::hlc_of(c, device.to_string()).millis);
    Ok(own_millis.is_none_or(|m| m <= at).then_some(at))
}

/// Whether an operation under this file's own identity is one this file made before it was restored
/// (see [`restored_unwritten`]).
fn made_before_restore(conn: &Connection, device: &str, hlc: &str) -> Result<bool> {
    let Some(at) = restored_unwritten(conn, device)? else { return Ok(false) };
    Ok(hlc.parse::<Hlc>().is_ok_and(|h| h.millis <= at))
}

/// Checks the other side's identity as its sync header states it: its tag, what it knows of this copy,
/// and that the operations at the clock values both sides have are the same ones.
/// `heads`: clock value → the digest of the operation there ([`digest`]), for the header's vector (and,
/// in a bundle, its base).
pub(crate) fn check_header(
    store: &Store,
    device: &str,
    tag: &str,
    vector: &Vector,
    base: &Vector,
    heads: &BTreeMap<String, String>,
) -> Result<()> {
    let conn = store.conn();
    check_claim(conn, tag, device, &[])?;
    let mine = store.device();
    if let Some(theirs) = vector.get(mine)
        && *theirs > store.own_clock()?
        && !made_before_restore(conn, mine, theirs)?
    {
        return Err(clash(t!("clash-older-state", tag = shown(&store.device_tag()?)), mine));
    }
    if heads.is_empty() {
        return Ok(());
    }
    let have = store.vector()?;
    for (dev, hlc) in vector.iter().chain(base) {
        if have.get(dev).is_none_or(|h| h < hlc) {
            continue;
        }
        let Some(theirs) = heads.get(hlc) else { continue };
        let here = oplog::op_at(conn, hlc)?.map(|op| digest(&op));
        if here.as_ref() != Some(theirs) {
            return Err(clash(t!("clash-two-histories", device = short(dev)), dev));
        }
    }
    Ok(())
}

/// The digest of the operation at each clock value of `vector` (what [`check_header`] compares).
pub(crate) fn heads(store: &Store, vector: &Vector) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for hlc in vector.values() {
        if let Some(op) = oplog::op_at(store.conn(), hlc)? {
            out.insert(hlc.clone(), digest(&op));
        }
    }
    Ok(out)
}

/// An operation's content (who and what) as 16 hex digits (FNV-1a, 64 bits): two copies holding
/// different operations at one clock value differ here.
pub(crate) fn digest(op: &OpRecord) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let json = serde_json::to_vec(&op.change).unwrap_or_default();
    for byte in op.actor.bytes().chain([0]).chain(json) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Refuses incoming operations (in the order they will be applied) that would break a copy's identity.
/// Returns, for each of `ops`, whether the log holds an operation at its clock already (asked here of
/// each, so the import asks again only of those: [`known`]).
pub(super) fn check_ops(conn: &Connection, my_device: &str, ops: &[&OpRecord]) -> Result<Vec<bool>> {
    let mut tags: BTreeMap<&str, &str> = BTreeMap::new();
    let mut numbers: BTreeMap<String, &str> = BTreeMap::new();
    let retiring: Vec<&str> = ops
        .iter()
        .filter_map(|op| match &op.change {
            Change::CopyRetired { device } => Some(device.as_str()),
            _ => None,
        })
        .collect();
    // Tickets this exchange renumbers (a number taken back from a copy that gave up a duplicated tag):
    // the number each ends with (the operations are in clock order: the later renumbering wins).
    let mut renumbered: BTreeMap<&str, String> = BTreeMap::new();
    for op in ops {
        if let Change::TicketRenumbered { id, tag, seq } = &op.change {
            renumbered.insert(id, TicketNumber::new(tag, *seq).to_string());
        }
    }
    // On a team server's replica every desk numbers with the team's plain numbers (the server's
    // sequence hands each out once), so the empty tag has many owners there; numbers are still checked.
    let team_replica = super::get_meta(conn, super::team::BINDING)?.is_some();
    let mut present = Vec::with_capacity(ops.len());
    for op in ops {
        let there = oplog::op_at(conn, &op.hlc)?.is_some();
        present.push(there);
        if there {
            continue;
        }
        if op.device == my_device && !made_before_restore(conn, my_device, &op.hlc)? {
            return Err(clash(t!("clash-same-copy"), my_device));
        }
        let claim = match &op.change {
            Change::TicketOpened { id, tag, seq, .. } | Change::TicketRenumbered { id, tag, seq } => {
                // The number the ticket ends with after this exchange, against the numbers the others end
                // with (a ticket here that the exchange renumbers no longer holds its number).
                let number =
                    renumbered.get(id.as_str()).cloned().unwrap_or_else(|| TicketNumber::new(tag, *seq).to_string());
                let holder: Option<String> = conn
                    .prepare_cached("SELECT id_text(id) FROM tickets WHERE number = ?1")?
                    .query_row([&number], |r| r.get(0))
                    .optional()?;
                let holder = holder.filter(|h| !renumbered.contains_key(h.as_str()));
                let other = holder.as_deref().or(numbers.get(&number).copied());
                if other.is_some_and(|t| t != id) {
                    return Err(clash(t!("clash-number-twice", number = number.as_str()), &op.device));
                }
                numbers.insert(number, id);
                Some(tag.as_str())
            }
            Change::CopyCreated { device, tag } if *device == op.device => Some(tag.as_str()),
            _ => None,
        };
        let shared_plain = |tag: &&str| team_replica && tag.is_empty();
        if let Some(tag) = claim.filter(|_| !retiring.contains(&op.device.as_str())).filter(|t| !shared_plain(t)) {
            match tags.get(tag) {
                Some(owner) if *owner != op.device => {
                    return Err(clash(t!("clash-tag-twice", tag = shown(tag)), &op.device));
                }
                Some(_) => {}
                None => {
                    check_claim(conn, tag, &op.device, &retiring)?;
                    tags.insert(tag, &op.device);
                }
            }
        }
    }
    Ok(present)
}

/// Refuses an incoming change whose references disagree with what they refer to (checked as it is
/// applied, so what the same exchange created before it counts): a time entry or a correction billed to
/// another customer than its ticket's, a version of an entry (or a correction of a row) of another
/// ticket. helpdesk never writes those; a crafted bundle could, and would bill one customer for
/// another's ticket.
pub(super) fn check_references(conn: &Connection, op: &OpRecord) -> Result<()> {
    let customer_of = |ticket: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT id_text(customer_id) FROM tickets WHERE id = id_blob(?1)")?
            .query_row([ticket], |r| r.get(0))
            .optional()?)
    };
    let refuse = |what: String| {
        StoreError::Invalid(t!(
            "sync-malformed-reference",
            op = crate::domain::text::clean(&op.hlc, false),
            what = what
        ))
    };
    // A ticket can move to another customer (schema 12): work booked on a copy that had not seen the
    // move names the customer the ticket had there, one of its customers (the entry follows the ticket).
    let ever_of = |ticket: &str, customer: &str| -> Result<bool> {
        let Some(now) = customer_of(ticket)? else { return Ok(true) };
        if now == customer {
            return Ok(true);
        }
        let mut stmt = conn.prepare_cached(&format!(
            "{} WHERE o.ticket = (SELECT no FROM tickets WHERE id = id_blob(?1))",
            oplog::OP_SELECT
        ))?;
        let ops = stmt.query_map([ticket], read_op)?;
        for op in ops {
            match op?.change {
                Change::TicketOpened { customer: c, .. } | Change::TicketCustomerSet { customer: c, .. }
                    if c == customer =>
                {
                    return Ok(true);
                }
                _ => {}
            }
        }
        Ok(false)
    };
    match &op.change {
        Change::TimeEntryAdded { id, ticket, customer, replaces, entry, .. } => {
            if !ever_of(ticket, customer)? {
                return Err(refuse(t!("sync-entry-other-customer")));
            }
            let on_ticket = |sql: &str, key: &str| -> Result<bool> {
                let t: Option<String> = conn.prepare_cached(sql)?.query_row([key], |r| r.get(0)).optional()?;
                Ok(t.is_none_or(|t| t == *ticket))
            };
            if let Some(e) = entry.as_deref().filter(|e| e != id)
                && !on_ticket(
                    "SELECT id_text(t.id) FROM time_entries e JOIN tickets t ON t.no = e.ticket
                     WHERE e.id = id_blob(?1) OR e.entry = id_blob(?1) LIMIT 1",
                    e,
                )?
            {
                return Err(refuse(t!("sync-entry-version-other-ticket")));
            }
            if let Some(r) = replaces
                && !on_ticket(
                    "SELECT id_text(t.id) FROM time_entries e JOIN tickets t ON t.no = e.ticket
                     WHERE e.id = id_blob(?1)",
                    r,
                )?
            {
                return Err(refuse(t!("sync-entry-corrects-other-ticket")));
            }
        }
        Change::AdjustmentBooked { customer, ticket: Some(ticket), .. } if !ever_of(ticket, customer)? => {
            return Err(refuse(t!("sync-correction-other-customer")));
        }
        _ => {}
    }
    Ok(())
}

/// Whether `op` is already in the log (an operation at its device and clock); one known with other
/// content is refused.
pub(super) fn known(conn: &Connection, op: &OpRecord) -> Result<bool> {
    match oplog::op_at(conn, &op.hlc)? {
        None => Ok(false),
        Some(here) if here == *op => Ok(true),
        Some(_) => Err(clash(t!("clash-other-content", op = op.hlc.as_str()), &op.device)),
    }
}

impl Store {
    /// Refuses operations from another copy that [`Store::import_ops`] would refuse for the copies'
    /// identities, without applying anything (a two-sided sync checks both directions first).
    pub fn check_incoming(&self, ops: &[OpRecord]) -> Result<()> {
        let mut sorted: Vec<&OpRecord> = ops.iter().collect();
        sorted.sort_by(|a, b| a.hlc.cmp(&b.hlc));
        check_ops(self.conn(), self.device(), &sorted)?;
        for op in sorted {
            known(self.conn(), op)?;
        }
        Ok(())
    }
}

/// What [`Store::new_identity`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIdentity {
    pub old_tag: String,
    pub tag: String,
    pub device: String,
    /// Tickets renumbered: (old number, new number).
    pub renumbered: Vec<(String, String)>,
    /// Tickets another copy had seen under the old tag that the other file does not know, whose numbers
    /// are taken back (one may belong to another ticket there): (old number, new number).
    pub taken_back: Vec<(String, String)>,
}

impl Store {
    /// Gives this copy a fresh identity: a new device id and a tag reserved in `other` (a file of the
    /// same team, usually the team file) that no copy either file knows of uses. This copy's own
    /// operations that no other copy has seen (none of its peers had them when it last synced, and
    /// `other` does not have them) move to the new identity; its tickets among them are renumbered in
    /// the order they were opened. The state tables are rebuilt from the log. Errors: another team's
    /// file, a read-only file, busy.
    pub fn new_identity(&mut self, other: &mut Store, now: DateTime<Utc>) -> Result<NewIdentity> {
        if self.team_id()? != other.team_id()? {
            return Err(StoreError::Invalid(t!("sync-other-team")));
        }
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(t!("sync-copy-read-only")));
        }
        if self.device_tag()?.is_empty() {
            // The team file numbers plainly and is the one copy that prices corrections: it keeps its
            // identity. A restored team file catches up from its copies at sync; a clash with a copy is
            // the copy's to resolve.
            return Err(StoreError::Invalid(t!(
                "sync-team-file-keeps-identity",
                path = self.path().map_or_else(|| t!("sync-team-db-placeholder"), super::named)
            )));
        }
        let old_device = self.device().to_string();
        let old_tag = self.device_tag()?;
        // A duplicated file of this copy: the other file holds a history of this device that this file
        // does not (the original's). Then this file's branch of it — everything of its own the other
        // file lacks, also what a third copy has seen — moves to the identity every file holding the
        // branch moves it to (`branch_device`; a third copy moves its part with `take_over_branch`), and
        // the old device, which lives on in the original, is not retired.
        let fork = forked(self.conn(), other, &old_device)?;
        let branch = if fork { branch_of(self.conn(), other, &old_device)? } else { Vec::new() };
        let device = branch.first().map_or_else(|| new_id(now), |first| branch_device(&old_device, first));
        let tag = if branch.is_empty() {
            loop {
                let tag = other.reserve_copy_tag()?;
                if !tag_known(self.conn(), &tag)? {
                    break tag;
                }
            }
        } else {
            other.reserve_copy_tag_for(&device)?
        };
        let seen =
            self.peers()?.into_iter().filter_map(|p| p.vector.get(&old_device).cloned()).max().unwrap_or_default();
        let mut renumbered = Vec::new();
        let zone = super::month_totals::file_zone(self.conn())?;
        let actor = self.actor().to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let unseen: Vec<OpRecord> = if fork {
            branch
        } else {
            let seen = seen.parse::<Hlc>().map_or(-1, |h| super::codec::clock_of(&h));
            let mut stmt = tx.prepare(&format!(
                "{} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1)) AND o.clock > ?2 ORDER BY o.clock",
                oplog::OP_SELECT
            ))?;
            let rows = stmt.query_map(params![old_device, seen], read_op)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut rewritten = 0;
        // Old clock → new clock of every operation moved, for the `prev` of later ones that name it.
        let mut moved: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut seq = 0;
        let mut clock: Option<Hlc> = get_meta(&tx, "hlc")?.and_then(|s| s.parse().ok());
        for op in unseen {
            // Seen when the other file holds this very operation (a duplicate of this copy may hold
            // another one at the same clock: that one is this copy's own, unseen).
            if oplog::op_at(other.conn(), &op.hlc)?.as_ref() == Some(&op) {
                continue;
            }
            let hlc = move_op(&tx, op, &device, &tag, &mut seq, &mut moved, &mut renumbered)?;
            clock = clock.max(Some(hlc));
            rewritten += 1;
        }
        set_meta(&tx, "device_id", &device)?;
        set_meta(&tx, "device_tag", &tag)?;
        set_meta(&tx, "ticket_seq", &seq.to_string())?;
        set_meta(&tx, "copies_made", "0")?;
        set_meta(&tx, "shared_up_to", "")?;
        if rewritten > 0 {
            ops::rebuild(&tx, zone, &mut |_| {})?;
        }
        // Tickets opened under the old identity that another copy has seen (a copy made from this one,
        // a bundle) keep their operations, but not a number that may be another ticket's: unless the
        // other file holds them (then their numbers are known to be theirs), they take numbers of the
        // new tag, as changes every copy that has them applies.
        let mut taken_back = Vec::new();
        let mut renumbering = Vec::new();
        if !fork {
            let mut stmt = tx.prepare(&format!(
                "{} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1)) ORDER BY o.clock",
                oplog::OP_SELECT
            ))?;
            let kept: Vec<OpRecord> = stmt.query_map([&old_device], read_op)?.collect::<rusqlite::Result<_>>()?;
            for op in kept {
                let Change::TicketOpened { id, .. } = &op.change else { continue };
                let current: Option<(String, String)> = tx
                    .query_row("SELECT number, device_tag FROM tickets WHERE id = id_blob(?1)", [id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                let Some((number, numbered_with)) = current else { continue };
                if numbered_with != old_tag || oplog::op_at(other.conn(), &op.hlc)?.as_ref() == Some(&op) {
                    continue;
                }
                seq += 1;
                taken_back.push((number, TicketNumber::new(&tag, seq).to_string()));
                renumbering.push(Change::TicketRenumbered { id: id.clone(), tag: tag.clone(), seq });
            }
        }
        set_meta(&tx, "ticket_seq", &seq.to_string())?;
        // The old identity is given up and the new one claimed, as this copy's first operations.
        let mut next = clock;
        let retire = (!fork).then(|| Change::CopyRetired { device: old_device.clone() });
        let claims = [retire, Some(Change::CopyCreated { device: device.clone(), tag: tag.clone() })];
        for change in claims.into_iter().flatten().chain(renumbering) {
            let hlc = Hlc::tick(next.as_ref(), now, &device);
            let op = OpRecord { hlc: hlc.to_string(), device: device.clone(), actor: actor.clone(), change };
            ops::apply_and_append(&tx, &op, zone)?;
            next = Some(hlc);
        }
        let next = next.unwrap_or_else(|| Hlc::tick(None, now, &device));
        set_meta(&tx, "hlc", &next.to_string())?;
        tx.commit()?;
        self.device = device.clone();
        Ok(NewIdentity { old_tag, tag, device, renumbered, taken_back })
    }
}

/// Whether `other` holds operations of `device` that this file lacks, or holds with other content: the
/// two files hold different histories of that copy (one of them a duplicated file of it).
fn forked(conn: &Connection, other: &Store, device: &str) -> Result<bool> {
    let sql = format!("{} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1))", oplog::OP_SELECT);
    let mut stmt = other.conn().prepare(&sql)?;
    for op in stmt.query_map([device], read_op)? {
        let op = op?;
        if oplog::op_at(conn, &op.hlc)?.as_ref() != Some(&op) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The operations of `device` this file holds that `other` lacks (or holds with other content), in clock
/// order: its branch of that copy's history.
fn branch_of(conn: &Connection, other: &Store, device: &str) -> Result<Vec<OpRecord>> {
    let sql = format!(
        "{} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1)) ORDER BY o.clock",
        oplog::OP_SELECT
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut out = Vec::new();
    for op in stmt.query_map([device], read_op)? {
        let op = op?;
        if oplog::op_at(other.conn(), &op.hlc)?.as_ref() != Some(&op) {
            out.push(op);
        }
    }
    Ok(out)
}

/// The device a branch of `device`'s history moves to, from the branch's first operation: the same on
/// every file that holds the branch, so the duplicate and each copy that saw its work move it alike
/// (a UUID, version 8, of two FNV-1a hashes).
fn branch_device(device: &str, first: &OpRecord) -> String {
    let seed = format!("{device}|{}|{}", first.hlc, digest(first));
    let fnv = |basis: u64| seed.bytes().fold(basis, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv(0x84222325_cbf29ce4).to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).hyphenated().to_string()
}

/// What [`Store::take_over_branch`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenOver {
    /// The copy whose duplicated file made the branch.
    pub from: String,
    /// The identity the branch moved to: its device and tag.
    pub device: String,
    pub tag: String,
    /// Tickets renumbered: (old number, new number).
    pub renumbered: Vec<(String, String)>,
}

impl Store {
    /// For a file that holds work of a *duplicated* copy (a plain file copy of a laptop, both files used):
    /// the operations of `device` this file holds that `other` (the team file) lacks — the duplicate's
    /// branch of that copy's history, which `other` holds the original's of — move to the identity the
    /// duplicate itself moves them to with [`Store::new_identity`] (the same device and tag, whichever
    /// runs first), its tickets renumbered alike. This file keeps its own identity. Then this file and
    /// `other` sync. Errors: `Invalid` when `device` is this copy's own, or `other` holds no other history
    /// of it, or this file holds nothing of it that `other` lacks; another team's file; read-only.
    pub fn take_over_branch(&mut self, other: &mut Store, device: &str, now: DateTime<Utc>) -> Result<TakenOver> {
        if self.team_id()? != other.team_id()? {
            return Err(StoreError::Invalid(t!("sync-other-team")));
        }
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(t!("sync-copy-read-only")));
        }
        if device == self.device() {
            return Err(StoreError::Invalid(t!("sync-own-identity")));
        }
        let branch =
            if forked(self.conn(), other, device)? { branch_of(self.conn(), other, device)? } else { Vec::new() };
        let Some(first) = branch.first() else {
            return Err(StoreError::Invalid(t!("sync-no-branch", device = short(device))));
        };
        let to = branch_device(device, first);
        let tag = other.reserve_copy_tag_for(&to)?;
        let zone = super::month_totals::file_zone(self.conn())?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut moved: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let (mut renumbered, mut seq) = (Vec::new(), 0);
        for op in branch {
            move_op(&tx, op, &to, &tag, &mut seq, &mut moved, &mut renumbered)?;
        }
        ops::rebuild(&tx, zone, &mut |_| {})?;
        tx.commit()?;
        let _ = now;
        Ok(TakenOver { from: device.to_string(), device: to, tag, renumbered })
    }

    /// Whether this file holds work of copy `device` that `other` lacks while `other` holds another
    /// history of it: a duplicated file's work, which [`Store::take_over_branch`] moves.
    pub fn holds_branch_of(&self, other: &Store, device: &str) -> Result<bool> {
        Ok(device != self.device()
            && forked(self.conn(), other, device)?
            && !branch_of(self.conn(), other, device)?.is_empty())
    }
}

/// Moves one operation to `device` (its clock keeps its time, takes the device): a ticket it opens takes
/// the next number of `tag` (`seq`, the old and new numbers go to `renumbered`), a `prev` naming an
/// operation moved before follows it (`moved`: old clock → new clock, this one added). Returns the new clock.
fn move_op(
    tx: &rusqlite::Transaction<'_>,
    mut op: OpRecord,
    device: &str,
    tag: &str,
    seq: &mut u64,
    moved: &mut std::collections::HashMap<String, String>,
    renumbered: &mut Vec<(String, String)>,
) -> Result<Hlc> {
    let old_hlc = op.hlc.clone();
    let mut hlc: Hlc = op.hlc.parse().map_err(StoreError::Invalid)?;
    hlc.device = device.to_string();
    op.hlc = hlc.to_string();
    op.device = device.to_string();
    if let Change::TicketOpened { tag: t, seq: s, .. } = &mut op.change {
        let old = TicketNumber::new(t, *s).to_string();
        *seq += 1;
        *t = tag.to_string();
        *s = *seq;
        renumbered.push((old, TicketNumber::new(tag, *seq).to_string()));
    }
    if let Some(prev) = op.change.prev_mut().and_then(|p| p.as_mut())
        && let Some(new) = moved.get(prev.as_str())
    {
        *prev = new.clone();
    }
    ops::rewrite(tx, &old_hlc, &op)?;
    moved.insert(old_hlc, op.hlc.clone());
    Ok(hlc)
}
