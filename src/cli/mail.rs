//! `helpdesk mail …` (import, triage, assign), `helpdesk customer contact|domain …`, and sending a
//! ticket's first response or a comment by mail (`--send`, through [`crate::mail::outbox`]).

use crate::i18n::refusals::Worded;
use serde::Serialize;

use super::args::{ContactCmd, DomainCmd, ListFormat, MailCmd};
use super::calendar::format_instant;
use super::table::Table;
use super::{CliError, CliResult, Context};
use crate::domain::mail::{self as m, Address, Lang};
pub use crate::mail::outbox::Mailing;
use crate::mail::outbox::OutboxError;
use crate::store::{SentMail, Store, TicketRow};
use crate::t;

fn address(s: &str) -> CliResult<Address> {
    Address::parse(s).map_err(|e| CliError::input(e.worded()))
}

pub fn contact(ctx: &Context, cmd: ContactCmd) -> CliResult {
    match cmd {
        ContactCmd::Add { customer, email, name, lang } => {
            let email = address(&email)?;
            let lang: Lang = lang
                .parse()
                .map_err(|e: m::UnknownLang| CliError::input(t!("mail-lang-option", error = e.to_string())))?;
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
            let header = ["mail-col-email", "mail-col-name", "mail-col-lang"].map(|id| t!(id));
            let mut t = Table::new(&header.each_ref().map(String::as_str));
            for k in contacts {
                t.row(vec![k.email, k.name, k.lang.as_str().to_string()]);
            }
            out!("{}", t.render());
            let domains = store.mail_domains(&c.id)?;
            if !domains.is_empty() {
                outln!("{}", t!("mail-domains-line", domains = domains.join(", ")));
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
            let domain = m::parse_domain(&domain).map_err(|e| CliError::input(e.worded()))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            store.set_mail_domain(&c.id, &domain, ctx.now)?;
        }
        DomainCmd::Remove { customer, domain } => {
            let domain = m::parse_domain(&domain).map_err(|e| CliError::input(e.worded()))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            store.remove_mail_domain(&c.id, &domain, ctx.now)?;
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
                own_address: ctx.settings.app.mail.from.clone(),
            };
            let summary = crate::mail::import(&mut store, &maildir, &opts, ctx.now).map_err(|e| match e {
                crate::mail::ImportError::Store(s) => CliError::from(s),
                other => CliError::Failure(other.to_string()),
            })?;
            for n in &summary.notes {
                note!("{}", t!("mail-quarantined-note", note = n.as_str()));
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
            let header = ["mail-col-id", "mail-col-received", "mail-col-from", "mail-col-kind", "mail-col-subject"]
                .map(|id| t!(id));
            let mut t = Table::new(&header.each_ref().map(String::as_str));
            for r in rows {
                let from = if r.name.is_empty() { r.from } else { format!("{} <{}>", r.name, r.from) };
                t.row(vec![r.id.to_string(), r.received_at, from, r.kind.as_str().to_string(), r.subject]);
            }
            out!("{}", t.render());
        }
        MailCmd::Assign { id: typed, customer } => {
            let unknown = || CliError::input(t!("mail-assign-unknown", id = typed.as_str()));
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

/// Records the first response or the comment and mails it to the ticket's contact, or records nothing
/// and says why.
pub fn send_about(ctx: &Context, store: &mut Store, t: &TicketRow, what: Mailing<'_>) -> CliResult<SentMail> {
    let sent = crate::mail::outbox::send_about(
        store,
        &ctx.settings.app.mail,
        &ctx.settings.calendar,
        &ctx.actor,
        t,
        what,
        ctx.now,
    )
    .map_err(|e| match e {
        OutboxError::Store(s) => CliError::from(s),
        other => CliError::input(other.to_string()),
    })?;
    note!("{}", t!("mail-sent-note", to = sent.to.as_str(), subject = sent.subject.as_str()));
    Ok(sent)
}
