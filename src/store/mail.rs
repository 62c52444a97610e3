//! Mail intake and threading: a message becomes a ticket, a comment on its ticket, or a triage entry,
//! each in one transaction with the note that it was seen (so importing again changes nothing); mail we
//! send is threaded by its Message-ID. Since schema 13 this bookkeeping is in the operation log
//! (`MailThreaded`, `MailTriaged`, `MailAssigned`): every copy of a team threads a reply by the ids of
//! its ticket's mail, answers the address that wrote in, skips a message another copy imported, and
//! can assign triage. Only which Maildir files this file has read (`file:` keys) and what it
//! quarantined stay its own: they name files on this machine.

use crate::i18n::refusals::Worded;
use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::change::Change;
use super::mail_threading::{OLD_NUMBER, Thread, commented, thread_of};
use super::tickets::{NewTicket, TicketRow};
use super::{Result, Store, StoreError, Writer, from_ts, new_id};
use crate::domain::TicketKind;
use crate::domain::mail::Address;

/// A message as intake uses it: text already decoded, cleaned and capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingMail {
    /// `mid:<Message-ID>;<content hash>` (see `mail::parse::content_key`), else `sha256:<hex of the raw
    /// message>`; files imported before content keys hold `mid:<Message-ID>` alone.
    pub key: String,
    pub message_id: Option<String>,
    /// `In-Reply-To` then `References`, as message ids.
    pub replies_to: Vec<String>,
    pub sender: Address,
    pub sender_name: String,
    pub subject: String,
    pub body: String,
    pub kind: TicketKind,
    pub received_at: DateTime<Utc>,
    /// The Maildir file's stable name, noted as seen too (`file:<name>`), so a later import skips the
    /// file without reading it.
    pub file_key: Option<String>,
}

/// What a message became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    /// A new ticket (its number).
    Ticket(String),
    /// A comment on a ticket (its number).
    Comment(String),
    /// A comment on a ticket that was waiting, resolved or closed, which the reply moved back to
    /// `open` (its number).
    Reopened(String),
    /// Waiting in triage (the entry's id).
    Triage(i64),
    AlreadySeen,
}

/// A message from an unknown sender, waiting to be assigned to a customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TriageItem {
    pub id: i64,
    pub sender: String,
    pub sender_name: String,
    pub subject: String,
    pub kind: TicketKind,
    #[serde(serialize_with = "crate::store::mail::rfc3339")]
    pub received_at: DateTime<Utc>,
    pub body: String,
}

pub(crate) fn rfc3339<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Where our mail about a ticket goes and how it threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailThread {
    /// The address that wrote in (the first incoming mail's sender), else the customer's first contact.
    pub to: Option<String>,
    /// Message ids of the ticket's mail, oldest first (for `References`).
    pub message_ids: Vec<String>,
    /// The newest incoming message id (for `In-Reply-To`).
    pub last_incoming: Option<String>,
}

/// The longest title kept from a subject, in characters (a one-line field's limit).
pub const MAX_TITLE: usize = crate::domain::length::LINE_MAX;

impl Store {
    /// Whether a message with this key was seen before (imported, triaged or quarantined).
    pub fn mail_seen(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM mail_seen WHERE key = ?1")?
            .query_row([key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Whether `message_id` is mail we sent (recorded by [`Store::send_mail`], on any copy).
    pub fn mail_sent(&self, message_id: &str) -> Result<bool> {
        if message_id.starts_with(OLD_NUMBER) {
            return Ok(false);
        }
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM mail_threads WHERE message_id = ?1 AND NOT incoming")?
            .query_row([message_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Takes one message in: a reply becomes a comment on its ticket (by `In-Reply-To`/`References`,
    /// else `[#N]` in the subject; a waiting, resolved or closed ticket moves back to `open`), mail from a known sender a ticket of their customer, any other mail
    /// a triage entry. One transaction with the note that it was seen.
    ///
    /// A mail is never refused for its length: its subject, sender name and text are clipped to the
    /// limits of `domain::length` (intake's parser keeps within them already), and so is the comment
    /// author it makes (`name <address>`).
    pub fn take_mail(&mut self, mail: &IncomingMail, now: DateTime<Utc>) -> Result<Intake> {
        let fitted = fitted(mail);
        let mail = fitted.as_ref().unwrap_or(mail);
        // A mail that opens a ticket on a team replica whose server answers takes the team's next plain
        // number, as `ticket open` does (asked before the file's write lock; a mail seen before wastes
        // the number it took — a gap, never a tagged number while the server answers).
        let team_number = match self.numbers.is_some()
            && matches!(thread_of(self.conn(), mail)?, Thread::New(_))
            && super::contacts::sender_in(self.conn(), &mail.sender)?.is_some()
        {
            true => self.numbers.as_mut().and_then(|next| next()),
            false => None,
        };
        self.write(now, |w| {
            if let Some(f) = &mail.file_key {
                mark_seen(w, f, "file")?;
            }
            if seen_before(w, mail)? {
                return Ok(Intake::AlreadySeen);
            }
            let at = mail.received_at.timestamp();
            let quoted = match thread_of(w.conn(), mail)? {
                Thread::Ticket(ticket) => return commented(w, mail, &ticket, now),
                Thread::New(note) => note,
            };
            // A new message that quoted a number it is not taken to: its text starts with a note saying
            // which (so the team can find the ticket it meant), in the ticket or the triage entry.
            let noted =
                quoted.map(|note| IncomingMail { body: fit(format!("{note}\n\n{}", mail.body), true), ..mail.clone() });
            let mail = noted.as_ref().unwrap_or(mail);
            let outcome = if let Some(sender) = super::contacts::sender_in(w.conn(), &mail.sender)? {
                let id = open(w, mail, &sender.customer_id, now, team_number)?;
                received(w, mail, &id, Some(&mail.key), mail.sender.as_str(), at)?;
                Intake::Ticket(number_of(w, &id)?)
            } else {
                let uid = super::codec::triage_uid(&mail.key);
                w.record(Change::MailTriaged {
                    id: uid.clone(),
                    seen: mail.key.clone(),
                    message_id: mail.message_id.clone(),
                    sender: mail.sender.to_string(),
                    sender_name: mail.sender_name.clone(),
                    subject: mail.subject.clone(),
                    body: mail.body.clone(),
                    kind: mail.kind,
                    received_at: at,
                })?;
                let id = w
                    .conn()
                    .prepare_cached("SELECT id FROM mail_triage WHERE uid = id_blob(?1)")?
                    .query_row([&uid], |r| r.get(0))?;
                Intake::Triage(id)
            };
            Ok(outcome)
        })
    }

    /// Notes a message (by `key`) as seen with its outcome, e.g. `quarantined`.
    pub fn mark_mail_seen(&mut self, key: &str, outcome: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| mark_seen(w, key, outcome))
    }

    /// Mail from unknown senders not assigned yet, oldest first.
    pub fn mail_triage(&self) -> Result<Vec<TriageItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, sender, sender_name, subject, kind, received_at, body FROM mail_triage
             WHERE ticket_id IS NULL ORDER BY received_at, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(4)?;
            Ok(TriageItem {
                id: r.get(0)?,
                sender: r.get(1)?,
                sender_name: r.get(2)?,
                subject: r.get(3)?,
                kind: kind.parse().unwrap_or(TicketKind::Request),
                received_at: from_ts(r.get(5)?),
                body: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Makes the ticket of a triage entry for `customer`, received when the mail was.
    pub fn assign_mail(
        &mut self,
        triage_id: i64,
        customer: &crate::domain::CustomerId,
        now: DateTime<Utc>,
    ) -> Result<TicketRow> {
        // The team's next plain number while the server answers, as `take_mail` takes it.
        let team_number = self.numbers.as_mut().and_then(|next| next());
        let id = self.write(now, |w| {
            let row = w
                .conn()
                .query_row(
                    "SELECT key, message_id, sender, sender_name, subject, body, kind, received_at, id_text(ticket_id),
                        id_text(uid)
                     FROM mail_triage WHERE id = ?1",
                    [triage_id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, String>(6)?,
                            r.get::<_, i64>(7)?,
                            r.get::<_, Option<String>>(8)?,
                            r.get::<_, String>(9)?,
                        ))
                    },
                )
                .optional()?;
            let Some((key, message_id, sender, sender_name, subject, body, kind, received_at, ticket, uid)) = row
            else {
                return Err(StoreError::Unknown(crate::store::Unknown::Triage(triage_id.to_string())));
            };
            if ticket.is_some() {
                return Err(StoreError::Invalid(t!("mail-triage-assigned-already", id = triage_id)));
            }
            let mail = IncomingMail {
                key,
                message_id,
                replies_to: Vec::new(),
                sender: Address::parse(&sender).map_err(|e| StoreError::Invalid(e.worded()))?,
                sender_name,
                subject,
                body,
                kind: kind.parse().unwrap_or(TicketKind::Request),
                received_at: from_ts(received_at),
                file_key: None,
            };
            let id = open(w, &mail, customer, now, team_number)?;
            received(w, &mail, &id, None, &sender, received_at)?;
            w.record(Change::MailAssigned { id: uid, ticket: id.clone() })?;
            Ok(id)
        })?;
        self.ticket(&crate::domain::TicketId::new(id))?
            .ok_or_else(|| StoreError::NotFound(t!("mail-new-ticket-vanished")))
    }

    /// Where our mail about a ticket goes, and the ids it threads with.
    pub fn mail_thread(&self, ticket_id: &crate::domain::TicketId) -> Result<MailThread> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT message_id, sender, incoming FROM mail_threads WHERE ticket_id = id_blob(?1) ORDER BY at, message_id",
        )?;
        let rows: Vec<(String, String, bool)> =
            stmt.query_map([ticket_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let to = rows.iter().find(|(_, s, inc)| *inc && !s.is_empty()).map(|(_, s, _)| s.clone());
        let to = match to {
            Some(t) => Some(t),
            None => {
                let customer: crate::domain::CustomerId = self.conn().query_row(
                    "SELECT id_text(customer_id) FROM tickets WHERE id = id_blob(?1)",
                    [ticket_id],
                    |r| r.get(0),
                )?;
                self.first_contact(&customer)?
            }
        };
        let last_incoming =
            rows.iter().rev().find(|(m, _, inc)| *inc && !m.starts_with("local:")).map(|(m, _, _)| m.clone());
        let message_ids = rows
            .into_iter()
            .map(|(m, _, _)| m)
            .filter(|m| !m.starts_with("local:") && !m.starts_with(OLD_NUMBER))
            .collect();
        Ok(MailThread { to, message_ids, last_incoming })
    }

    /// Records the first response and mails it: see [`Store::send_mail`].
    pub fn respond_by_mail(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        at: DateTime<Utc>,
        resolve_by: DateTime<Utc>,
        now: DateTime<Utc>,
        send: impl FnOnce() -> std::result::Result<SentMail, String>,
    ) -> Result<SentMail> {
        self.send_mail(ticket_id, now, Some((at, resolve_by)), send)
    }

    /// Records mail we sent about a ticket: its Message-ID (so replies thread back) and, in the ticket's
    /// history, a comment with what was sent to whom (and the first response, when `response` is
    /// given). `send` runs inside the same transaction, after the response's checks: a send that fails
    /// records nothing, and nothing is recorded as sent that was not.
    pub fn send_mail(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        now: DateTime<Utc>,
        response: Option<(DateTime<Utc>, DateTime<Utc>)>,
        send: impl FnOnce() -> std::result::Result<SentMail, String>,
    ) -> Result<SentMail> {
        self.write(now, |w| {
            if let Some((at, resolve_by)) = response {
                super::tickets::first_response_in(w, ticket_id, at, resolve_by)?;
            } else {
                super::tickets::load(w.conn(), ticket_id)?
                    .ok_or_else(|| StoreError::Unknown(crate::store::Unknown::Ticket))?;
            }
            let sent = send().map_err(StoreError::External)?;
            let body = t!(
                "mail-sent-comment",
                to = sent.to.as_str(),
                subject = sent.subject.as_str(),
                body = sent.body.as_str()
            );
            let author = w.actor_name().to_string();
            w.record(Change::CommentAdded {
                id: new_id(now),
                ticket: ticket_id.to_string(),
                author,
                // What was sent (at most a comment's length) with its headers: clipped, never refused
                // after the mail has gone.
                body: fit(crate::domain::text::clean(&body, true), true),
                at: now.timestamp(),
            })?;
            w.record(Change::MailThreaded {
                ticket: ticket_id.to_string(),
                message_id: sent.message_id.clone(),
                seen: None,
                sender: String::new(),
                incoming: false,
                at: now.timestamp(),
            })?;
            Ok(sent)
        })
    }
}

/// What was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
}

fn seen(w: &Writer<'_>, key: &str) -> Result<bool> {
    Ok(w.conn()
        .prepare_cached("SELECT 1 FROM mail_seen WHERE key = ?1")?
        .query_row([key], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether this message was taken in before (or is mail we sent): its own key, or the bare `mid:<id>` that imports before
/// content keys wrote (their content cannot be compared, so the id alone decides, as it did). A message
/// that only shares its Message-ID with an earlier, different one is new.
fn seen_before(w: &Writer<'_>, mail: &IncomingMail) -> Result<bool> {
    if seen(w, &mail.key)? {
        return Ok(true);
    }
    // Our own answer coming back into the Maildir (a Bcc, a list or an alias with the support address).
    if let Some(id) = mail.message_id.as_ref().filter(|id| !id.starts_with(OLD_NUMBER)) {
        let sent: Option<()> = w
            .conn()
            .prepare_cached("SELECT 1 FROM mail_threads WHERE message_id = ?1 AND NOT incoming")?
            .query_row([id], |_| Ok(()))
            .optional()?;
        if sent.is_some() {
            return Ok(true);
        }
    }
    match &mail.message_id {
        Some(id) if mail.key.starts_with("mid:") => seen(w, &format!("mid:{id}")),
        _ => Ok(false),
    }
}

fn mark_seen(w: &Writer<'_>, key: &str, outcome: &str) -> Result<()> {
    w.conn()
        .prepare_cached("INSERT OR IGNORE INTO mail_seen (key, outcome, seen_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key, outcome, w.now().timestamp()])?;
    Ok(())
}

fn thread_has(w: &Writer<'_>, message_id: &str) -> Result<bool> {
    Ok(w.conn()
        .prepare_cached("SELECT 1 FROM mail_threads WHERE message_id = ?1")?
        .query_row([message_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `value` clipped to its field's limit (`domain::length`).
pub(super) fn fit(value: String, multiline: bool) -> String {
    crate::domain::length::clip(&value, multiline).unwrap_or(value)
}

/// The mail with its text clipped to the limits, `None` when it fits.
fn fitted(mail: &IncomingMail) -> Option<IncomingMail> {
    use crate::domain::length::clip;
    let (subject, name, body) = (clip(&mail.subject, false), clip(&mail.sender_name, false), clip(&mail.body, true));
    if subject.is_none() && name.is_none() && body.is_none() {
        return None;
    }
    let mut m = mail.clone();
    m.subject = subject.unwrap_or(m.subject);
    m.sender_name = name.unwrap_or(m.sender_name);
    m.body = body.unwrap_or(m.body);
    Some(m)
}

/// Opens the ticket a mail makes; `team_number`: the team's plain number to take (see `open_in`).
fn open(
    w: &mut Writer<'_>,
    mail: &IncomingMail,
    customer: &str,
    now: DateTime<Utc>,
    team_number: Option<u64>,
) -> Result<String> {
    let title = if mail.subject.trim().is_empty() { t!("mail-no-subject") } else { mail.subject.clone() };
    let new = NewTicket {
        customer_id: crate::domain::CustomerId::new(customer),
        title,
        description: mail.body.clone(),
        kind: mail.kind,
        assignee: None,
        received_at: mail.received_at,
    };
    super::tickets::open_in(w, &new, now, team_number)
}

fn number_of(w: &Writer<'_>, id: &str) -> Result<String> {
    Ok(w.conn().query_row("SELECT number FROM tickets WHERE id = id_blob(?1)", [id], |r| r.get(0))?)
}

/// Records a received message as part of a ticket's thread (one without a Message-ID gets a local
/// key), and its intake key (`seen`) as imported on every copy.
pub(super) fn received(
    w: &mut Writer<'_>,
    mail: &IncomingMail,
    ticket: &str,
    seen: Option<&str>,
    sender: &str,
    at: i64,
) -> Result<()> {
    // A Message-ID another message used first stays that message's (a reply to it threads there); this
    // one is kept under a local key, so its sender is still the address that wrote in.
    let message_id = match &mail.message_id {
        Some(id) if !thread_has(w, id)? => id.clone(),
        _ => format!("local:{}", new_id(w.now())),
    };
    w.record(Change::MailThreaded {
        ticket: ticket.to_string(),
        message_id,
        seen: seen.map(str::to_string),
        sender: sender.to_string(),
        incoming: true,
        at,
    })?;
    Ok(())
}
