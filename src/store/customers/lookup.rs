//! Naming a customer on the command line and in the pickers: by name (exactly, ignoring case and
//! diacritics, or by its start) or by id (`id:` and the whole id, or its first or last characters).
//!
//! Two customers may read the same: two copies that each added `Omega s.r.o.` before they synced hold
//! both after the merge (README, Working offline). A lookup never picks one of them silently: several
//! candidates are an error naming each with its id (`id:1a2b3c4d`, the last 8 characters of the id,
//! which differ between customers added on different copies), the way to name one exactly.

use rusqlite::params;

use super::{COLUMNS, Candidates, Customer, NOT_GONE, read};
use crate::domain::text::{clean_name, fold};
use crate::store::{Result, Store, StoreError};
use crate::t;

/// How many characters of an id name a customer at least (as a time entry's first or last characters).
pub const MIN_ID_PART: usize = 6;

/// The customer's id as people give it: `id:` and the last 8 characters of the id (its random part:
/// two customers added on two copies differ there).
pub fn short_id(id: &str) -> String {
    let plain: String = id.chars().filter(|c| *c != '-').collect();
    let skip = plain.chars().count().saturating_sub(8);
    format!("id:{}", plain.chars().skip(skip).collect::<String>())
}

/// The hex digits of an `id:` argument (lower case, dashes dropped); `None` for a name.
fn id_part(typed: &str) -> Option<String> {
    let t = typed.trim();
    let rest = t.get(..3).filter(|p| p.eq_ignore_ascii_case("id:")).map(|_| &t[3..])?;
    Some(rest.trim().chars().filter(|c| *c != '-').flat_map(char::to_lowercase).collect())
}

impl Store {
    /// Every customer (not removed; archived ones too) whose name reads as `name` (case and
    /// diacritics aside), oldest id first. More than one only after two copies each added one.
    pub fn customers_named(&self, name: &str) -> Result<Vec<Customer>> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE name_key = ?1 AND {NOT_GONE} ORDER BY id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([fold(&clean_name(name))], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The customers an `id:…` argument names (archived ones too: an id is exact), or `None` when
    /// `typed` is a name. The whole id, or its first or last characters (at least [`MIN_ID_PART`]
    /// hex digits; dashes and case aside).
    ///
    /// Errors: [`StoreError::Invalid`] for an id part that is too short or not hex (naming the form).
    pub fn customers_by_id(&self, typed: &str) -> Result<Option<Vec<Customer>>> {
        let Some(part) = id_part(typed) else { return Ok(None) };
        if part.len() < MIN_ID_PART || !part.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(StoreError::Invalid(t!("customer-id-form", typed = typed.trim(), min = MIN_ID_PART)));
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM customers WHERE {NOT_GONE} AND (replace(id_text(id), '-', '') = ?1
                 OR replace(id_text(id), '-', '') LIKE ?1 || '%' OR replace(id_text(id), '-', '') LIKE '%' || ?1)
             ORDER BY id LIMIT 11"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![part], read)?;
        Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// The customers an exact name (or an `id:`) finds, narrowed to `among` when that leaves one of
    /// several of the same name: the archived customer `customer merge` leaves behind keeps its name, and
    /// the one in use is meant. `None`: neither an id nor an exact name (the caller tries a prefix).
    pub(crate) fn customers_exactly(&self, typed: &str, among: Candidates) -> Result<Option<Vec<Customer>>> {
        if let Some(found) = self.customers_by_id(typed)? {
            return Ok(Some(found));
        }
        let mut found = self.customers_named(typed)?;
        if found.is_empty() {
            return Ok(None);
        }
        if found.len() > 1 {
            let wanted = |c: &Customer| c.archived == (among == Candidates::Archived);
            if found.iter().filter(|c| wanted(c)).count() == 1 {
                found.retain(wanted);
            }
        }
        Ok(Some(found))
    }

    /// The message for several customers that `typed` could mean: their names, each with its id and
    /// what tells them apart (added when, contact, archived) when two of them read the same; else the
    /// names (`give more of the name`). `more`: candidates beyond those shown exist.
    pub fn several_customers(&self, typed: &str, found: &[Customer], more: bool) -> String {
        let twins =
            found.iter().enumerate().any(|(i, a)| found[i + 1..].iter().any(|b| fold(&a.name) == fold(&b.name)));
        let mut names: Vec<String> = found
            .iter()
            .map(|c| {
                if !twins {
                    return format!("`{}`", c.name);
                }
                t!(
                    "customer-candidate",
                    name = c.name.as_str(),
                    id = short_id(&c.id),
                    added = c.created_at.format("%Y-%m-%d").to_string(),
                    contact = if c.contact.is_empty() { "-".to_string() } else { c.contact.clone() },
                    archived = if c.archived { "yes" } else { "no" }
                )
            })
            .collect();
        if more {
            names.push("…".into());
        }
        let name = clean_name(typed);
        if twins {
            t!("customer-same-name", name = name, matches = names.join(", "))
        } else {
            t!("no-customer-unique", name = name, matches = names.join(", "))
        }
    }
}
