//! Leaving an identity that is not this copy's alone: a fresh device and tag for a copy
//! ([`Store::new_identity`]), and a duplicate's branch moved to a device of its own
//! ([`Store::take_over_branch`]).

use crate::t;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{digest, short, tag_known};
use crate::domain::TicketNumber;
use crate::store::change::{Change, OpRecord};
use crate::store::oplog::{self, read_op};
use crate::store::ops;
use crate::store::{Hlc, Result, Store, StoreError, get_meta, new_id, set_meta};

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
                path = self.path().map_or_else(|| t!("sync-team-db-placeholder"), crate::store::named)
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
        let zone = crate::store::month_totals::file_zone(self.conn())?;
        let actor = self.actor().to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let unseen: Vec<OpRecord> = if fork {
            branch
        } else {
            let seen = seen.parse::<Hlc>().map_or(-1, |h| crate::store::codec::clock_of(&h));
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
        let numbers = ops::Numbers::default();
        // Each renumbered ticket keeps its old number for mail from its customer (bb7 #6).
        let mut aliases = old_numbers(&tx, &renumbered, now)?;
        for (change, (old, _)) in renumbering.iter().zip(&taken_back) {
            if let Change::TicketRenumbered { id, .. } = change {
                aliases.push(old_number(id, old, now));
            }
        }
        for change in claims.into_iter().flatten().chain(renumbering).chain(aliases) {
            let hlc = Hlc::tick(next.as_ref(), now, &device);
            let op = OpRecord { hlc: hlc.to_string(), device: device.clone(), actor: actor.clone(), change };
            ops::apply_and_append(&tx, &numbers, &op, zone)?;
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
            return Err(StoreError::Refused(crate::store::Refused::OwnIdentity));
        }
        let branch =
            if forked(self.conn(), other, device)? { branch_of(self.conn(), other, device)? } else { Vec::new() };
        let Some(first) = branch.first() else {
            return Err(StoreError::Invalid(t!("sync-no-branch", device = short(device))));
        };
        let to = branch_device(device, first);
        let tag = other.reserve_copy_tag_for(&to)?;
        let zone = crate::store::month_totals::file_zone(self.conn())?;
        let actor = self.actor().to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut moved: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let (mut renumbered, mut seq) = (Vec::new(), 0);
        for op in branch {
            move_op(&tx, op, &to, &tag, &mut seq, &mut moved, &mut renumbered)?;
        }
        ops::rebuild(&tx, zone, &mut |_| {})?;
        // The renumbered tickets keep their old numbers for mail from their customers (bb7 #6), as the
        // duplicate's `new-identity` keeps them: changes of this copy (one old number kept twice is kept once).
        let mut clock: Option<Hlc> = get_meta(&tx, "hlc")?.and_then(|s| s.parse().ok());
        let numbers = ops::Numbers::default();
        for change in old_numbers(&tx, &renumbered, now)? {
            let hlc = Hlc::tick(clock.as_ref(), now, &self.device);
            let op = OpRecord { hlc: hlc.to_string(), device: self.device.clone(), actor: actor.clone(), change };
            ops::apply_and_append(&tx, &numbers, &op, zone)?;
            clock = Some(hlc);
        }
        if let Some(hlc) = clock {
            set_meta(&tx, "hlc", &hlc.to_string())?;
        }
        tx.commit()?;
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

/// The changes that keep each renumbered ticket's old number (`renumbered`: old, new) in its mail thread,
/// where intake finds it (`store::mail_threading`).
fn old_numbers(tx: &Connection, renumbered: &[(String, String)], now: DateTime<Utc>) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    for (old, new) in renumbered {
        let id: Option<String> = tx
            .prepare_cached("SELECT id_text(id) FROM tickets WHERE number = ?1")?
            .query_row([new], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            out.push(old_number(&id, old, now));
        }
    }
    Ok(out)
}

/// The change that keeps `old` as ticket `id`'s old number.
fn old_number(id: &str, old: &str, now: DateTime<Utc>) -> Change {
    Change::MailThreaded {
        ticket: id.to_string(),
        message_id: format!("{}{old}", crate::store::mail_threading::OLD_NUMBER),
        seen: None,
        sender: String::new(),
        incoming: false,
        at: now.timestamp(),
    }
}
