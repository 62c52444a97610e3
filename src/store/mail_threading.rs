//! Which ticket an incoming message belongs to (bb7 #6).
//!
//! - A message that answers mail of a ticket (`In-Reply-To`/`References` naming a message id the ticket's
//!   thread holds, the customer's or ours) belongs to that ticket, whoever sent it: only someone who
//!   received that mail can name its id.
//! - `[#N]` in the subject is only a number, which anyone can type or mistype. It names ticket N only for
//!   mail from that ticket's customer (a contact's address or a mapped domain, as intake finds a sender's
//!   customer) or from an address that wrote in on that ticket before. A number a copy gave up when `sync
//!   new-identity` renumbered its ticket (`A-1 → B-1`) stays that ticket's *old number* (an alias, kept in
//!   the ticket's mail thread as `number:A-1`, so it travels to every copy): `[#A-1]` from the ticket's
//!   customer reaches B-1 even where A-1 is now another customer's ticket.
//! - Anything else quoting a number is a new message of its sender (a ticket of the sender's customer,
//!   else triage) that starts with a note naming the number it quoted ([`Thread::Quoted`]) — never a
//!   comment on another customer's ticket.

use rusqlite::{Connection, OptionalExtension};

use chrono::{DateTime, Utc};

use super::change::Change;
use super::mail::{IncomingMail, Intake, fit, received};
use super::tickets::TicketRow;
use super::{Result, Writer, new_id};
use crate::domain::TicketStatus;
use crate::domain::mail::{Address, ticket_in_subject};
use crate::t;

/// The prefix of a ticket's old number in its mail thread (`number:A-1`): not a message id (those hold
/// no such prefix in a real mail's header without the sender choosing it; intake never treats a message
/// carrying one as our own mail).
pub(crate) const OLD_NUMBER: &str = "number:";

/// Where an incoming message goes.
#[derive(Debug)]
pub(super) enum Thread {
    /// A comment on this ticket.
    Ticket(Box<TicketRow>),
    /// No ticket of its own: a new message of its sender. `Some(note)`: it quoted a ticket number that it
    /// is not taken to (the note says which and why, in the user's language).
    New(Option<String>),
}

/// The ticket a message belongs to: a message id it answers, else `[#N]` in its subject when its sender
/// may write to ticket N (or to the ticket whose old number N is), see the module's comment.
pub(super) fn thread_of(conn: &Connection, mail: &IncomingMail) -> Result<Thread> {
    // Ids helpdesk keeps for itself (a ticket's old numbers, local threads) are never in mail it sent,
    // so a reply cannot carry them: one that does is forged, and threading by it would skip the
    // sender check below.
    for id in mail.replies_to.iter().filter(|id| !id.starts_with(OLD_NUMBER) && !id.starts_with("local:")) {
        let ticket: Option<String> = conn
            .prepare_cached("SELECT id_text(ticket_id) FROM mail_threads WHERE message_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(t) = ticket
            && let Some(row) = super::tickets::load(conn, &t)?
        {
            return Ok(Thread::Ticket(Box::new(row)));
        }
    }
    let Some(number) = ticket_in_subject(&mail.subject) else { return Ok(Thread::New(None)) };
    let named = match super::tickets::by_number(conn, &number)? {
        Some(row) if may_write_to(conn, &mail.sender, &row)? => return Ok(Thread::Ticket(Box::new(row))),
        Some(_) => true,
        None => false,
    };
    let was: Option<String> = conn
        .prepare_cached("SELECT id_text(ticket_id) FROM mail_threads WHERE message_id = ?1")?
        .query_row([format!("{OLD_NUMBER}{number}")], |r| r.get(0))
        .optional()?;
    if let Some(t) = was
        && let Some(row) = super::tickets::load(conn, &t)?
        && may_write_to(conn, &mail.sender, &row)?
    {
        return Ok(Thread::Ticket(Box::new(row)));
    }
    let number = number.to_string();
    let note = match named {
        true => t!("mail-quoted-other-ticket", number = number.as_str()),
        false => t!("mail-quoted-unknown-ticket", number = number.as_str()),
    };
    Ok(Thread::New(Some(note)))
}

/// Whether mail from `sender` quoting a ticket's number is taken to that ticket: the sender belongs to
/// the ticket's customer (a contact's address, else a mapped domain), or wrote in on the ticket before.
fn may_write_to(conn: &Connection, sender: &Address, ticket: &TicketRow) -> Result<bool> {
    if super::contacts::sender_in(conn, sender)?.is_some_and(|s| s.customer_id == ticket.customer_id) {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM mail_threads WHERE ticket_id = id_blob(?1) AND incoming AND sender = ?2 LIMIT 1",
        )?
        .query_row(rusqlite::params![ticket.id, sender.as_str()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Takes `mail` in as a comment on `ticket` by its sender (the contact's name, else the name the mail
/// gives, with the address); a waiting, resolved or closed ticket moves back to `open`.
pub(super) fn commented(
    w: &mut Writer<'_>,
    mail: &IncomingMail,
    ticket: &TicketRow,
    now: DateTime<Utc>,
) -> Result<Intake> {
    let at = mail.received_at.timestamp();
    let sender = super::contacts::sender_in(w.conn(), &mail.sender)?;
    let name = sender.and_then(|s| s.contact).map(|c| c.name).filter(|n| !n.is_empty());
    let name = name.or_else(|| Some(mail.sender_name.clone()).filter(|n| !n.is_empty()));
    let author = match name {
        Some(n) => format!("{n} <{}>", mail.sender),
        None => mail.sender.to_string(),
    };
    let author = fit(author, false);
    let body = if mail.body.trim().is_empty() { t!("mail-no-text") } else { mail.body.clone() };
    w.record(Change::CommentAdded { id: new_id(now), ticket: ticket.id.to_string(), author, body, at })?;
    received(w, mail, &ticket.id, Some(&mail.key), mail.sender.as_str(), at)?;
    // The customer wrote again: the ticket goes back where the team looks (RT and Zammad do the same).
    // Its SLA facts stay as recorded (the first response is not undone).
    if matches!(ticket.summary.status, TicketStatus::Waiting | TicketStatus::Resolved | TicketStatus::Closed) {
        w.record(Change::TicketStatusSet { id: ticket.id.to_string(), status: TicketStatus::Open, prev: None })?;
        Ok(Intake::Reopened(ticket.summary.number.clone()))
    } else {
        Ok(Intake::Comment(ticket.summary.number.clone()))
    }
}
