//! Applying mail changes: contacts, mail domains, threads, triaged messages.

use rusqlite::{Connection, params};

use crate::store::Change;
use crate::store::Result;

/// Applies a mail change (the arms of [`super::apply`] for them).
pub(super) fn apply(conn: &Connection, change: &Change, h: &[u8]) -> Result<()> {
    use Change::*;
    match change {
        ContactAdded { customer, email, name, lang } => {
            conn.prepare_cached(
                "INSERT INTO contacts (customer_id, email, name, lang, removed, hlc) VALUES (id_blob(?1), ?2, ?3, ?4, 0, ?5)
                 ON CONFLICT (customer_id, email) DO UPDATE SET name = excluded.name, lang = excluded.lang, removed = 0,
                    hlc = excluded.hlc WHERE excluded.hlc > contacts.hlc",
            )?
            .execute(params![customer, email, name, lang, h])?;
        }
        ContactRemoved { customer, email } => {
            conn.prepare_cached(
                "INSERT INTO contacts (customer_id, email, name, lang, removed, hlc) VALUES (id_blob(?1), ?2, '', 'cs', 1, ?3)
                 ON CONFLICT (customer_id, email) DO UPDATE SET name = '', lang = 'cs', removed = 1, hlc = excluded.hlc
                 WHERE excluded.hlc > contacts.hlc",
            )?
            .execute(params![customer, email, h])?;
        }
        MailDomainSet { domain, customer } => {
            conn.prepare_cached(
                "INSERT INTO mail_domains (domain, customer_id, hlc) VALUES (?1, id_blob(?2), ?3)
                 ON CONFLICT (domain) DO UPDATE SET customer_id = excluded.customer_id, hlc = excluded.hlc
                 WHERE excluded.hlc > mail_domains.hlc",
            )?
            .execute(params![domain, customer, h])?;
        }
        MailDomainRemoved { domain, customer: _ } => {
            // A tombstone (an empty customer) that wins by clock like a mapping does.
            conn.prepare_cached(
                "INSERT INTO mail_domains (domain, customer_id, hlc) VALUES (?1, X'', ?2)
                 ON CONFLICT (domain) DO UPDATE SET customer_id = X'', hlc = excluded.hlc
                 WHERE excluded.hlc > mail_domains.hlc",
            )?
            .execute(params![domain, h])?;
        }
        MailThreaded { ticket, message_id, seen, sender, incoming, at } => {
            conn.prepare_cached(
                "INSERT INTO mail_threads (message_id, ticket_id, sender, incoming, at, hlc)
                 VALUES (?1, id_blob(?2), ?3, ?4, ?5, ?6)
                 ON CONFLICT (message_id) DO UPDATE SET ticket_id = excluded.ticket_id, sender = excluded.sender,
                    incoming = excluded.incoming, at = excluded.at, hlc = excluded.hlc
                 WHERE mail_threads.hlc IS NOT NULL AND excluded.hlc < mail_threads.hlc",
            )?
            .execute(params![message_id, ticket, sender, incoming, at, h])?;
            if let Some(key) = seen {
                mail_seen(conn, key, if *incoming { "imported" } else { "sent" }, *at)?;
            }
        }
        MailTriaged { id, seen, message_id, sender, sender_name, subject, body, kind, received_at } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO mail_triage
                    (uid, key, message_id, sender, sender_name, subject, body, kind, received_at)
                 VALUES (id_blob(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                seen,
                message_id,
                sender,
                sender_name,
                subject,
                body,
                kind.as_str(),
                received_at
            ])?;
            mail_seen(conn, seen, "triage", *received_at)?;
        }
        MailAssigned { id, ticket } => {
            // The first assignment by clock, whatever order they arrive in (see `Change::MailAssigned`).
            conn.prepare_cached(
                "UPDATE mail_triage SET ticket_id = id_blob(?2), assigned_hlc = ?3
                 WHERE uid = id_blob(?1) AND (ticket_id IS NULL OR assigned_hlc > ?3)",
            )?
            .execute(params![id, ticket, h])?;
        }
        _ => unreachable!("not a mail change"),
    }
    Ok(())
}

/// Notes an intake key as seen (kept once: the first note stays).
fn mail_seen(conn: &Connection, key: &str, outcome: &str, at: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO mail_seen (key, outcome, seen_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key, outcome, at])?;
    Ok(())
}
