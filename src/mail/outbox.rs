//! Mailing a ticket's first response or a comment to the customer, for the CLI (`--send`) and the TUI
//! alike: who it goes to (the address that wrote in, else the customer's first contact), in their
//! language, threaded with the ticket's mail, through the configured sendmail command, recorded in the
//! same transaction as the response (a command that fails records nothing).

use chrono::{DateTime, Utc};

use super::send::{Outgoing, message_id, render, send};
use crate::config::MailConfig;
use crate::domain::BusinessCalendar;
use crate::domain::mail::{self as m, Lang};
use crate::store::{SentMail, Store, StoreError, TicketRow};
use crate::t;

/// What to mail about a ticket.
pub enum Mailing<'a> {
    FirstResponse { at: DateTime<Utc>, resolve_by: DateTime<Utc>, words: &'a str },
    Comment { text: &'a str },
}

/// Who a ticket's mail would go to, and in which language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub to: String,
    pub lang: Lang,
}

/// Why nothing was sent (and nothing recorded).
#[derive(Debug)]
pub enum OutboxError {
    /// `from` is not set in `[mail]`.
    NoFrom,
    /// The ticket has no mail and its customer no contact.
    NoRecipient { number: String, customer: String },
    /// The store refused, or the mail command failed (`StoreError::External`).
    Store(StoreError),
}

impl From<StoreError> for OutboxError {
    fn from(e: StoreError) -> Self {
        OutboxError::Store(e)
    }
}

impl std::fmt::Display for OutboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutboxError::NoFrom => f.write_str(&t!("mail-no-from")),
            OutboxError::NoRecipient { number, customer } => {
                f.write_str(&t!("mail-no-recipient", number = number.as_str(), customer = customer.as_str()))
            }
            OutboxError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OutboxError {}

/// Where mail about the ticket would go (`None`: nobody to mail).
pub fn recipient(store: &Store, t: &TicketRow) -> Result<Option<Recipient>, StoreError> {
    let thread = store.mail_thread(&t.id)?;
    let Some(to) = thread.to else { return Ok(None) };
    let lang = store.contact(&t.customer_id, &to)?.map(|c| c.lang).unwrap_or_default();
    Ok(Some(Recipient { to, lang }))
}

/// Records the first response or the comment and mails it to the ticket's contact as `who`, or
/// records nothing and says why.
pub fn send_about(
    store: &mut Store,
    mail: &MailConfig,
    calendar: &BusinessCalendar,
    who: &str,
    t: &TicketRow,
    what: Mailing<'_>,
    now: DateTime<Utc>,
) -> Result<SentMail, OutboxError> {
    let Some(from) = mail.from.clone() else { return Err(OutboxError::NoFrom) };
    let thread = store.mail_thread(&t.id)?;
    let Some(Recipient { to, lang }) = recipient(store, t)? else {
        return Err(OutboxError::NoRecipient { number: t.number.clone(), customer: t.customer_name.clone() });
    };
    let reply = thread.last_incoming.is_some();
    let subject = m::subject_for(&t.number, &t.title, reply);
    let body = match &what {
        Mailing::FirstResponse { resolve_by, words, .. } => {
            let date = resolve_by.with_timezone(&calendar.time_zone()).date_naive();
            m::first_response_text(lang, &t.number, &t.title, &m::date_for(lang, date), words, who)
        }
        Mailing::Comment { text } => m::comment_text(lang, &t.number, text, who),
    };
    let out = Outgoing {
        message_id: message_id(&from, now),
        from,
        to: to.clone(),
        subject: subject.clone(),
        body: body.clone(),
        in_reply_to: thread.last_incoming.clone(),
        references: thread.message_ids.iter().rev().take(20).rev().cloned().collect(),
        date: now,
    };
    let command = mail.sendmail.clone();
    let limit = crate::environment::mail_timeout().map_err(|e| StoreError::Invalid(e.to_string()))?;
    let sent = SentMail { to, subject, body, message_id: out.message_id.clone() };
    let go = || send(&command, &render(&out), limit).map(|()| sent);
    Ok(match what {
        Mailing::FirstResponse { at, resolve_by, .. } => store.respond_by_mail(&t.id, at, resolve_by, now, go)?,
        Mailing::Comment { .. } => store.send_mail(&t.id, now, None, go)?,
    })
}
