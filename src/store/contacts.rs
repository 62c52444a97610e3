//! A customer's contacts (people who write in by mail) and mail domains, and finding the customer
//! behind a sender: a contact's address first, then its domain.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::change::Change;
use super::{Result, Store, StoreError};
use crate::domain::CustomerId;
use crate::domain::mail::{Address, Lang};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub email: String,
    pub name: String,
    pub lang: Lang,
}

/// Who a sender is: the customer, and the contact when the address is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub customer_id: CustomerId,
    pub contact: Option<Contact>,
}

/// `Unknown` (made by `unknown`) unless `sql` (a `SELECT 1 …`) finds a row for `params`.
fn require(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    unknown: impl FnOnce() -> crate::store::Unknown,
) -> Result<()> {
    match conn.query_row(sql, params, |_| Ok(())).optional()? {
        Some(()) => Ok(()),
        None => Err(StoreError::Unknown(unknown())),
    }
}

fn require_customer(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    require(conn, "SELECT 1 FROM customers WHERE id = id_blob(?1)", [id], || crate::store::Unknown::Customer)
}

impl Store {
    /// Adds a contact (or sets the name and language of one the customer has).
    pub fn add_contact(
        &mut self,
        customer: &CustomerId,
        email: &Address,
        name: &str,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let name = crate::domain::text::clean_name(name);
        self.write(now, |w| {
            require_customer(w.conn(), customer)?;
            w.record(Change::ContactAdded {
                customer: customer.to_string(),
                email: email.to_string(),
                name,
                lang: lang.as_str().to_string(),
            })?;
            Ok(())
        })
    }

    /// Removes a contact; one the customer does not have is `NotFound`.
    pub fn remove_contact(&mut self, customer: &CustomerId, email: &Address, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let sql = "SELECT 1 FROM contacts WHERE customer_id = id_blob(?1) AND email = ?2 AND removed = 0";
            require(w.conn(), sql, params![customer, email.as_str()], || {
                crate::store::Unknown::Contact(email.to_string())
            })?;
            w.record(Change::ContactRemoved { customer: customer.to_string(), email: email.to_string() })?;
            Ok(())
        })
    }

    /// Maps a whole mail domain to a customer (a later mapping of the same domain replaces it).
    pub fn set_mail_domain(&mut self, customer: &CustomerId, domain: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            require_customer(w.conn(), customer)?;
            w.record(Change::MailDomainSet { domain: domain.to_string(), customer: customer.to_string() })?;
            Ok(())
        })
    }

    /// Takes a mail domain away from the customer it is mapped to; a domain the customer does not have
    /// is `NotFound`.
    pub fn remove_mail_domain(&mut self, customer: &CustomerId, domain: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let sql = "SELECT 1 FROM mail_domains WHERE domain = ?1 AND customer_id = id_blob(?2)";
            require(w.conn(), sql, params![domain, customer], || {
                crate::store::Unknown::MailDomain(domain.to_string())
            })?;
            w.record(Change::MailDomainRemoved { domain: domain.to_string(), customer: customer.to_string() })?;
            Ok(())
        })
    }

    /// A customer's contacts by address.
    pub fn contacts(&self, customer: &CustomerId) -> Result<Vec<Contact>> {
        let mut stmt = self.conn().prepare_cached(
            // An address listed by two customers belongs to the one that added it last (as mail finds it):
            // listed there only.
            "SELECT email, name, lang FROM contacts WHERE customer_id = id_blob(?1) AND removed = 0
               AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.email = contacts.email AND o.removed = 0
                               AND o.hlc > contacts.hlc AND o.customer_id <> contacts.customer_id
                               AND o.customer_id IN (SELECT id FROM customers WHERE state = 0))
             ORDER BY email",
        )?;
        let rows = stmt.query_map([customer], read_contact)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The address a customer's mail goes to when no mail of theirs started the ticket: their first
    /// contact — the one whose entry is oldest (added, or last changed, first; the address breaks a
    /// tie), so adding another contact later never redirects the mail. `None`: no contact.
    pub fn first_contact(&self, customer: &CustomerId) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT email FROM contacts WHERE customer_id = id_blob(?1) AND removed = 0 ORDER BY hlc, email LIMIT 1",
            )?
            .query_row([customer], |r| r.get(0))
            .optional()?)
    }

    /// A customer's mail domains.
    pub fn mail_domains(&self, customer: &CustomerId) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT domain FROM mail_domains WHERE customer_id = id_blob(?1) ORDER BY domain")?;
        let rows = stmt.query_map([customer], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The customer behind a sender: a contact with the address (the newest, should two customers list
    /// it), else the customer its domain is mapped to.
    pub fn sender(&self, address: &Address) -> Result<Option<Sender>> {
        sender_in(self.conn(), address)
    }

    /// The contact with this address at this customer, if any.
    pub fn contact(&self, customer: &CustomerId, address: &str) -> Result<Option<Contact>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT email, name, lang FROM contacts WHERE customer_id = id_blob(?1) AND email = ?2 AND removed = 0",
            )?
            .query_row(params![customer, address], read_contact)
            .optional()?)
    }
}

/// (An archived or removed customer's contacts and domains name nobody: new mail from them waits in
/// triage for a person to decide; replies to a ticket's thread still reach the ticket.)
pub(super) fn sender_in(conn: &rusqlite::Connection, address: &Address) -> Result<Option<Sender>> {
    let by_contact = conn
        .prepare_cached(
            "SELECT id_text(customer_id), email, name, lang FROM contacts INDEXED BY contacts_by_email
             WHERE email = ?1 AND removed = 0 AND customer_id IN (SELECT id FROM customers WHERE state = 0)
             ORDER BY hlc DESC LIMIT 1",
        )?
        .query_row([address.as_str()], |r| Ok(Sender { customer_id: r.get(0)?, contact: Some(read_contact_at(r, 1)?) }))
        .optional()?;
    if by_contact.is_some() {
        return Ok(by_contact);
    }
    Ok(conn
        .prepare_cached(
            "SELECT id_text(customer_id) FROM mail_domains WHERE domain = ?1 AND customer_id <> X''
                AND customer_id IN (SELECT id FROM customers WHERE state = 0)",
        )?
        .query_row([address.domain()], |r| Ok(Sender { customer_id: r.get(0)?, contact: None }))
        .optional()?)
}

fn read_contact(r: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    read_contact_at(r, 0)
}

fn read_contact_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Contact> {
    let lang: String = r.get(i + 2)?;
    Ok(Contact { email: r.get(i)?, name: r.get(i + 1)?, lang: lang.parse().unwrap_or_default() })
}
