//! Two customers in use whose names read the same (bb7 #8): each of two copies added `Omega s.r.o.`
//! before they synced, or one renamed a customer to a name the other added. A copy refuses both
//! locally, so only a merge makes such a pair; it is listed as a conflict on every copy that holds
//! both (derived from the customers, not recorded: the same on every copy, under the same id, and gone
//! once one is renamed or merged into the other with `customer merge`, the only ways to settle it), and
//! the sync that makes the pair says so (a notice, printed by `sync`).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Conflict;
use crate::store::Result;
use crate::store::customers::short_id;
use crate::t;

/// The field of a twin conflict (`sync conflicts`): kept is the older customer's id, other the newer's.
pub const SAME_NAME: &str = "same name";

/// One customer of a pair: id (text), name, contact, when it was added.
struct Twin {
    id: String,
    name: String,
    contact: String,
    created_at: i64,
}

/// Every pair of customers in use (not archived, not removed) whose names read the same, oldest id
/// first in each pair, pairs in name order.
fn pairs(conn: &Connection, name_key: Option<&str>) -> Result<Vec<(Twin, Twin)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id_text(a.id), a.name, a.contact, a.created_at, id_text(b.id), b.name, b.contact, b.created_at
         FROM customers a JOIN customers b ON b.name_key = a.name_key AND b.id > a.id
         WHERE a.state = 0 AND b.state = 0 AND (?1 IS NULL OR a.name_key = ?1)
         ORDER BY a.name_key, a.id, b.id",
    )?;
    let rows = stmt.query_map([name_key], |r| {
        let twin = |i: usize| -> rusqlite::Result<Twin> {
            Ok(Twin { id: r.get(i)?, name: r.get(i + 1)?, contact: r.get(i + 2)?, created_at: r.get(i + 3)? })
        };
        Ok((twin(0)?, twin(4)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The open conflicts of customers that read the same, one per pair. Its id: the two short ids' hex
/// (the same on every copy); detected when the newer customer was added.
pub(super) fn twin_conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    Ok(pairs(conn, None)?
        .into_iter()
        .map(|(a, b)| Conflict {
            id: format!("{}{}", &short_id(&a.id)[3..], &short_id(&b.id)[3..]),
            ticket_id: None,
            ticket_number: None,
            customer_id: Some(b.id.clone()),
            customer_name: Some(b.name.clone()),
            subject: b.id.clone(),
            field: SAME_NAME.to_string(),
            kept_value: Some(short_id(&a.id)),
            other_value: Some(short_id(&b.id)),
            other_version: None,
            detected_at: DateTime::<Utc>::from_timestamp(b.created_at, 0).unwrap_or_default(),
            resolved: None,
        })
        .collect())
}

/// What a sync says when the customer `id` (just added, renamed or brought back by an arriving change)
/// now reads the same as another customer in use: both, with ids and contacts, and the remedy. `None`
/// when it has no twin.
pub fn twin_notice(conn: &Connection, id: &str) -> Result<Option<String>> {
    let key: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT name_key FROM customers WHERE id = id_blob(?1) AND state = 0",
        [id],
        |r| r.get(0),
    ))?;
    let Some(key) = key else { return Ok(None) };
    let Some((a, b)) = pairs(conn, Some(&key))?.into_iter().find(|(a, b)| a.id == id || b.id == id) else {
        return Ok(None);
    };
    let contact = |t: &Twin| if t.contact.is_empty() { "-".to_string() } else { t.contact.clone() };
    Ok(Some(t!(
        "sync-twin-customers",
        name = b.name.as_str(),
        first = a.name.as_str(),
        first_id = short_id(&a.id),
        first_contact = contact(&a),
        second_id = short_id(&b.id),
        second_contact = contact(&b)
    )))
}
