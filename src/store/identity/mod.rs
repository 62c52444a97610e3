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
//! new identity, and its tickets among them are renumbered (no other copy has seen those numbers, so
//! "numbers never change after merging" holds; each keeps its old number for its customer's mail, which
//! may quote it: `store::mail_threading`). Its tickets that another copy *has* seen (a copy made from this
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

mod moving;
mod restored;

pub(crate) use restored::own_max_clock;

use crate::t;
pub use moving::{NewIdentity, TakenOver};
use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::change::{Change, OpRecord};
use super::oplog::{self, read_op};
use super::sync::Vector;
use super::{Hlc, Result, Store, StoreError, get_meta};
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
    let mut newest = NewestClocks::default();
    for op in ops {
        let there = newest.may_hold(conn, &op.hlc)? && oplog::op_at(conn, &op.hlc)?.is_some();
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

/// The newest clock the log holds of each device, read once per device an import names: an operation
/// whose clock is above it cannot be in the log, which spares the look-up of every new operation (a
/// pull's operations are nearly all new).
#[derive(Default)]
struct NewestClocks(std::collections::HashMap<String, Option<i64>>);

impl NewestClocks {
    /// Whether the log may hold an operation at `hlc` (`false`: it certainly does not).
    fn may_hold(&mut self, conn: &Connection, hlc: &str) -> Result<bool> {
        let Ok(h) = hlc.parse::<Hlc>() else { return Ok(true) };
        let newest = match self.0.get(&h.device) {
            Some(n) => *n,
            None => {
                let n: Option<i64> = conn
                    .prepare_cached(
                        "SELECT max(clock) FROM oplog WHERE device = (SELECT no FROM devices WHERE id = id_blob(?1))",
                    )?
                    .query_row([&h.device], |r| r.get(0))?;
                self.0.insert(h.device.clone(), n);
                n
            }
        };
        Ok(newest.is_some_and(|n| super::codec::clock_of(&h) <= n))
    }
}

/// Refuses an incoming change whose references disagree with what they refer to (checked as it is
/// applied, so what the same exchange created before it counts): a time entry or a correction billed to
/// another customer than its ticket's, a version of an entry (or a correction of a row) of another
/// ticket. helpdesk never writes those; a crafted bundle could, and would bill one customer for
/// another's ticket.
/// `numbers`: the write transaction's (a join's load knows each ticket's customer, see `ops::fresh`).
pub(super) fn check_references(conn: &Connection, numbers: &super::ops::Numbers, op: &OpRecord) -> Result<()> {
    let customer_of = |ticket: &str| -> Result<Option<String>> {
        if let Some(fresh) = numbers.fresh() {
            return Ok(fresh.ticket(conn, ticket)?.map(|t| t.customer_id));
        }
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
    // A change of a ticket this file does not have (nor opened earlier in the same exchange: tickets are
    // opened before anything is done to them, in every copy's clock order) would be kept in the log and
    // shown nowhere — and lost for good if the ticket came later, since a change is applied once. A
    // bundle stripped of what it assumed the receiver had, or crafted, could do that: refused. A ticket
    // opened twice under one id likewise.
    match &op.change {
        Change::TicketOpened { id, .. } if customer_of(id)?.is_some() => {
            return Err(refuse(t!("sync-ticket-opened-again")));
        }
        Change::TicketOpened { .. }
        | Change::CommentDeleted { .. }
        | Change::TimeEntryVoided { .. }
        | Change::TimerStopped { .. } => {}
        other => {
            if let Some(ticket) = other.ticket()
                && customer_of(ticket)?.is_none()
            {
                return Err(refuse(t!("sync-unknown-ticket")));
            }
        }
    }
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
