//! Every kind of change the product makes, as data: what the operation log stores, what sync carries,
//! and what `ops.rs` applies to the state tables. No SQL here; every store file that records a
//! change needs only this. What a change is about (its entity, its ticket, its `prev`) is read in
//! [`about`].

mod about;

use serde::{Deserialize, Serialize};

use crate::domain::{Role, TicketKind, TicketStatus, Tier, YearMonth};

/// One recorded change with its identity — where and when (`hlc`, which names the device too) — and who.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpRecord {
    pub hlc: String,
    pub device: String,
    pub actor: String,
    pub change: Change,
}

/// Every kind of change the product makes. Instants are unix seconds (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    CustomerCreated {
        id: String,
        name: String,
        contact: String,
        tier: Tier,
        since: YearMonth,
        at: i64,
    },
    CustomerRenamed {
        id: String,
        name: String,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    CustomerContactSet {
        id: String,
        contact: String,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TierSet {
        customer: String,
        from: YearMonth,
        tier: Tier,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TicketOpened {
        id: String,
        tag: String,
        seq: u64,
        customer: String,
        title: String,
        description: String,
        kind: TicketKind,
        assignee: Option<String>,
        received_at: i64,
    },
    TicketTitleSet {
        id: String,
        title: String,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TicketDescriptionSet {
        id: String,
        description: String,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TicketKindSet {
        id: String,
        kind: TicketKind,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    /// The ticket moves to another customer (schema 12): its time entries follow it, so its work is
    /// billed to that customer in every month not closed (closed months keep their frozen statements).
    TicketCustomerSet {
        id: String,
        customer: String,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TicketStatusSet {
        id: String,
        status: TicketStatus,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    TicketAssigneeSet {
        id: String,
        assignee: Option<String>,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    FirstResponse {
        id: String,
        at: i64,
        resolve_by: i64,
        /// The clock of the value this change replaced where it was made (what its author saw; `""`: there
        /// was none). Absent in logs written before schema 11. Two changes of one value, neither of which
        /// replaced the other, are a conflict on every copy that holds both (`conflicts.rs`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prev: Option<String>,
    },
    CommentAdded {
        id: String,
        ticket: String,
        author: String,
        body: String,
        at: i64,
    },
    CommentDeleted {
        id: String,
    },
    TimeEntryAdded {
        id: String,
        ticket: String,
        customer: String,
        started_at: i64,
        minutes: u32,
        technician: String,
        role: Role,
        note: String,
        /// The row (version) this one corrects (the version the corrector saw).
        replaces: Option<String>,
        at: i64,
        /// The entry this row is a version of: its first row's id, or the id of the timer whose stop
        /// made it (so a timer stopped on two copies is one entry). `None` in older logs: the entry of
        /// `replaces`, else this row itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry: Option<String>,
        /// The clock of the removal this version undoes: a removed entry brought back by picking the
        /// other side of its conflict (`replaces` then names the row that removal removed). Whoever
        /// made this version saw the removal, so it is no conflict with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restores: Option<String>,
    },
    /// Removes a time entry: `id` is the row (version) that was current when it was removed.
    TimeEntryVoided {
        id: String,
    },
    TimerStarted {
        id: String,
        technician: String,
        ticket: String,
        started_at: i64,
        /// The role its time is booked under (older logs: technician).
        #[serde(default)]
        role: Role,
    },
    TimerStopped {
        id: String,
        /// Stopped because the same technician's timer `unbooked` (started on another copy) started more
        /// than one entry's length (24 h) later: it booked nothing, and that is a conflict on every copy.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unbooked: Option<String>,
    },
    /// A month's statements frozen as they are (one JSON document per customer).
    MonthClosed {
        month: String,
        starts_at: i64,
        ends_at: i64,
        statements: Vec<ClosedStatement>,
        /// The time entries the statements were computed from.
        #[serde(default)]
        entries: Vec<String>,
    },
    MonthReopened {
        month: String,
    },
    /// A correction of a closed month, priced and billed in an open month.
    AdjustmentBooked {
        id: String,
        customer: String,
        ticket: Option<String>,
        work_month: String,
        booked_month: String,
        minutes: i64,
        amount: String,
        description: String,
        at: i64,
        /// What this prices, so that it is booked once however many desks price it: `add:ENTRY` or
        /// `void:ENTRY` for a time entry that arrived by sync into a closed month, `reprice:CUSTOMER:
        /// YYYY-MM:ROUND` for a closed month priced again (sync format 7 on).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry: Option<String>,
        /// The clock of the close of `work_month` this was priced against (older logs: none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        close: Option<String>,
    },
    AdjustmentCancelled {
        id: String,
    },
    StatusReportRecorded {
        id: String,
        customer: String,
        done_on: String,
        note: String,
        at: i64,
    },
    /// A sync conflict settled (`kept` or `picked the other value`), so it is settled on every copy.
    /// `id` is the conflict's id, the same on every copy that detected it.
    ConflictSettled {
        id: String,
        resolution: String,
        at: i64,
    },
    /// A copy was made (or took a fresh identity): `device` numbers its tickets with `tag`. Recorded by
    /// the file the copy is made from, so that file knows the tag is taken before the copy exists.
    CopyCreated {
        device: String,
        tag: String,
    },
    /// A person at a customer who writes in by mail (`email` in lower case; `lang` `cs` or `en`). Adding an
    /// address the customer has already sets its name and language.
    ContactAdded {
        customer: String,
        email: String,
        name: String,
        lang: String,
    },
    ContactRemoved {
        customer: String,
        email: String,
    },
    /// Mail from any address at `domain` belongs to `customer` (its latest mapping by clock).
    MailDomainSet {
        domain: String,
        customer: String,
    },
    /// Mail from `domain` no longer belongs to `customer` (who had it when it was removed): a later
    /// mapping by clock brings it back, an older one arriving late does not.
    MailDomainRemoved {
        domain: String,
        customer: String,
    },
    /// A message about a ticket, received or sent (schema 13): every copy threads replies by it, answers
    /// the address that wrote in, and knows a received message was imported (so importing it on another
    /// copy changes nothing).
    MailThreaded {
        ticket: String,
        /// The `Message-ID` without angle brackets; a received message without one: `local:<uuid>`.
        message_id: String,
        /// Intake's key of a received message (`mid:<Message-ID>;<content hash>`, `mid:<Message-ID>` before
        /// content keys, or `sha256:<hex>`); `None` for mail we sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<String>,
        /// The address that wrote in; empty for mail we sent.
        sender: String,
        incoming: bool,
        /// When it reached our mailbox, or was sent.
        at: i64,
    },
    /// Mail from an unknown sender waits in triage (schema 13), on every copy: anyone may assign it.
    MailTriaged {
        id: String,
        /// Intake's key (see `MailThreaded`).
        seen: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message_id: Option<String>,
        sender: String,
        sender_name: String,
        subject: String,
        body: String,
        kind: TicketKind,
        received_at: i64,
    },
    /// A triage entry became `ticket`. Assigned on two copies at once, both tickets stay and the entry
    /// names the one assigned first by clock.
    MailAssigned {
        id: String,
        ticket: String,
    },
    /// The customer is hidden from the customer list and the pickers (schema 12); its tickets and
    /// statements stay. Of archive, unarchive and removal the later by clock wins.
    CustomerArchived {
        id: String,
    },
    /// The customer is in the list and the pickers again.
    CustomerUnarchived {
        id: String,
    },
    /// A customer created by mistake (it had no tickets where this was made) is gone from every list.
    /// A ticket another copy opened for it meanwhile keeps it: it then reads as archived.
    CustomerRemoved {
        id: String,
    },
    /// A copy gave up its identity (`device`) for a fresh one: its tag no longer counts as taken.
    CopyRetired {
        device: String,
    },
    /// A ticket number given to two tickets (two copies numbering with one tag) is taken back from this
    /// ticket, which another copy had seen under it: from now on it is numbered `tag`-`seq`, on every
    /// copy (written by `sync new-identity` on the copy that gave up the tag, under its new one; of two
    /// renumberings the later by clock wins).
    TicketRenumbered {
        id: String,
        tag: String,
        seq: u64,
    },
}

/// One customer's frozen statement in a closed month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosedStatement {
    pub customer: String,
    pub body: String,
}
