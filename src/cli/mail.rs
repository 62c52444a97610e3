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
        ContactCmd::Add { customer, email, name, mail_lang } => {
            let email = address(&email)?;
            let lang: Option<Lang> = mail_lang
                .map(|l| l.parse())
                .transpose()
                .map_err(|e: m::UnknownLang| CliError::input(t!("mail-lang-option", error = e.to_string())))?;
            let mut store = ctx.open_store()?;
            let c = store.require_customer(&customer)?;
            add_contact(ctx, &mut store, &c, &email, name.as_deref(), lang)?;
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

/// `contact add`: a new contact (name empty and `cs` unless given); one the customer has changes only
/// what was given and says what changed (or that nothing did); an address another customer has moves
/// here and says so (the last one to add an address owns it, as between copies).
fn add_contact(
    ctx: &Context,
    store: &mut Store,
    c: &crate::store::Customer,
    email: &Address,
    name: Option<&str>,
    lang: Option<Lang>,
) -> CliResult {
    let had = store.contact(&c.id, email.as_str())?;
    let owner = store.sender(email)?.filter(|s| s.contact.is_some() && s.customer_id != c.id);
    let new_name = name.map(crate::domain::text::clean_name);
    let (final_name, final_lang) = match &had {
        Some(k) => (new_name.clone().unwrap_or_else(|| k.name.clone()), lang.unwrap_or(k.lang)),
        None => (new_name.clone().unwrap_or_default(), lang.unwrap_or(Lang::Cs)),
    };
    if let Some(k) = &had
        && owner.is_none()
    {
        let mut changed = Vec::new();
        if k.name != final_name {
            changed.push(t!("contact-changed-name", from = k.name.as_str(), to = final_name.as_str()));
        }
        if k.lang != final_lang {
            changed.push(t!("contact-changed-lang", from = k.lang.as_str(), to = final_lang.as_str()));
        }
        if changed.is_empty() {
            note!("{}", t!("contact-unchanged", email = email.as_str(), customer = c.name.as_str()));
            return Ok(());
        }
        store.add_contact(&c.id, email, &final_name, final_lang, ctx.now)?;
        note!("{}", t!("contact-updated", email = email.as_str(), changes = changed.join(", ")));
        return Ok(());
    }
    store.add_contact(&c.id, email, &final_name, final_lang, ctx.now)?;
    if let Some(o) = owner {
        let from = store.customer(&o.customer_id)?.map(|c| c.name).unwrap_or_default();
        note!("{}", t!("contact-moved", email = email.as_str(), from = from, to = c.name.as_str()));
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
                t.row(vec![r.id.to_string(), r.received_at, from, crate::i18n::words::kind(r.kind), r.subject]);
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
