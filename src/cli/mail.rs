//! `helpdesk mail …` (import, triage, assign), `helpdesk customer contact|domain …`, and sending a
//! ticket's first response or a comment by mail (`--send`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::args::{ContactCmd, DomainCmd, ListFormat, MailCmd};
use super::calendar::format_instant;
use super::table::Table;
use super::{CliError, CliResult, Context};
use crate::domain::mail::{self as m, Address, Lang};
use crate::mail::send::{Outgoing, message_id, render, send};
use crate::store::{SentMail, Store, TicketRow};

fn address(s: &str) -> CliResult<Address> {
    Address::parse(s).map_err(|e| CliError::input(e.to_string()))
}

pub fn contact(ctx: &Context, cmd: ContactCmd) -> CliResult {
    match cmd {
        ContactCmd::Add { customer, email, name, lang } => {
            let email = address(&email)?;
            let lang: Lang = lang.parse().map_err(|e: m::UnknownLang| CliError::input(format!("--lang: {e}")))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            store.add_contact(&c.id, &email, &name, lang, ctx.now)?;
        }
        ContactCmd::List { customer, format } => {
            let store = ctx.read_store()?;
            let c = store.require_customer(&customer)?;
            let contacts = store.contacts(&c.id)?;
            if format == ListFormat::Json {
                return super::print_json(&contacts);
            }
            let mut t = Table::new(&["email", "name", "lang"]);
            for k in contacts {
                t.row(vec![k.email, k.name, k.lang.as_str().to_string()]);
            }
            out!("{}", t.render());
            let domains = store.mail_domains(&c.id)?;
            if !domains.is_empty() {
                outln!("domains: {}", domains.join(", "));
            }
        }
        ContactCmd::Remove { customer, email } => {
            let email = address(&email)?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            store.remove_contact(&c.id, &email, ctx.now)?;
        }
    }
    Ok(())
}

pub fn domain(ctx: &Context, cmd: DomainCmd) -> CliResult {
    match cmd {
        DomainCmd::Add { customer, domain } => {
            let domain = m::parse_domain(&domain).map_err(|e| CliError::input(e.to_string()))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            store.set_mail_domain(&c.id, &domain, ctx.now)?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct TriageJson {
    id: i64,
    from: String,
    name: String,
    subject: String,
    kind: crate::domain::TicketKind,
    received_at: String,
}

pub fn run(ctx: &Context, cmd: MailCmd) -> CliResult {
    match cmd {
        MailCmd::Import { maildir } => {
            let mut store = ctx.open_store()?;
            let opts = crate::mail::ImportOptions {
                incident_addresses: ctx.settings.app.mail.incident_addresses.clone(),
                quarantine: ctx.settings.app.mail.quarantine.clone(),
            };
            let summary = crate::mail::import(&mut store, &maildir, &opts, ctx.now).map_err(|e| match e {
                crate::mail::ImportError::Store(s) => CliError::from(s),
                other => CliError::Failure(other.to_string()),
            })?;
            for n in &summary.notes {
                note!("quarantined {n}");
            }
            outln!("{summary}");
        }
        MailCmd::Triage { format } => {
            let store = ctx.read_store()?;
            let items = store.mail_triage()?;
            let cal = &ctx.settings.calendar;
            let rows: Vec<TriageJson> = items
                .into_iter()
                .map(|i| TriageJson {
                    id: i.id,
                    from: i.sender,
                    name: i.sender_name,
                    subject: i.subject,
                    kind: i.kind,
                    received_at: format_instant(cal, i.received_at),
                })
                .collect();
            if format == ListFormat::Json {
                return super::print_json(&rows);
            }
            let mut t = Table::new(&["id", "received", "from", "kind", "subject"]);
            for r in rows {
                let from = if r.name.is_empty() { r.from } else { format!("{} <{}>", r.name, r.from) };
                t.row(vec![r.id.to_string(), r.received_at, from, r.kind.as_str().to_string(), r.subject]);
            }
            out!("{}", t.render());
        }
        MailCmd::Assign { id: typed, customer } => {
            let unknown = || {
                CliError::input(format!(
                    "no mail `{typed}` is waiting in triage: give a number from the id column of `helpdesk mail triage`"
                ))
            };
            let id: i64 = typed.trim().parse().map_err(|_| unknown())?;
            if !ctx.read_store()?.mail_triage()?.iter().any(|i| i.id == id) {
                return Err(unknown());
            }
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            let t = store.assign_mail(id, &c.id, ctx.now)?;
            outln!("{}", t.number);
        }
    }
    Ok(())
}

/// What to mail about a ticket.
pub enum Mailing<'a> {
    FirstResponse { at: DateTime<Utc>, resolve_by: DateTime<Utc>, words: &'a str },
    Comment { text: &'a str },
}

/// Records the first response or the comment and mails it to the ticket's contact, or records nothing
/// and says why.
pub fn send_about(ctx: &Context, store: &mut Store, t: &TicketRow, what: Mailing<'_>) -> CliResult<SentMail> {
    let mail = &ctx.settings.app.mail;
    let Some(from) = mail.from.clone() else {
        return Err(CliError::input(
            "nothing was sent or recorded: set `from` in the [mail] section of config.toml (the sender of our answers)",
        ));
    };
    let thread = store.mail_thread(&t.id)?;
    let Some(to) = thread.to.clone() else {
        return Err(CliError::input(format!(
            "nothing was sent or recorded: ticket {} has no mail and its customer no contact; add one with \
             `helpdesk customer contact add \"{}\" EMAIL`",
            t.number, t.customer_name
        )));
    };
    let lang = store.contact(&t.customer_id, &to)?.map(|c| c.lang).unwrap_or_default();
    let who = ctx.actor.clone();
    let reply = thread.last_incoming.is_some();
    let subject = m::subject_for(&t.number, &t.title, reply);
    let body = match &what {
        Mailing::FirstResponse { resolve_by, words, .. } => {
            let date = resolve_by.with_timezone(&ctx.settings.calendar.time_zone()).date_naive();
            m::first_response_text(lang, &t.number, &t.title, &m::date_for(lang, date), words, &who)
        }
        Mailing::Comment { text } => m::comment_text(lang, &t.number, text, &who),
    };
    let out = Outgoing {
        from,
        to: to.clone(),
        subject: subject.clone(),
        body: body.clone(),
        message_id: message_id(mail.from.as_deref().unwrap_or_default(), ctx.now),
        in_reply_to: thread.last_incoming.clone(),
        references: thread.message_ids.iter().rev().take(20).rev().cloned().collect(),
        date: ctx.now,
    };
    let command = mail.sendmail.clone();
    let sent = SentMail { to, subject, body, message_id: out.message_id.clone() };
    let go = || send(&command, &render(&out)).map(|()| sent);
    let sent = match what {
        Mailing::FirstResponse { at, resolve_by, .. } => store.respond_by_mail(&t.id, at, resolve_by, ctx.now, go)?,
        Mailing::Comment { .. } => store.send_mail(&t.id, ctx.now, None, go)?,
    };
    note!("sent to {} ({})", sent.to, sent.subject);
    Ok(sent)
}
