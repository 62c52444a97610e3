//! The search index of a file that has none yet, made in one pass (`Store::end_join_load` of an
//! empty file): every ticket's document, as [`super::search::flush`] would make it one ticket at a
//! time, but with a few statements over all tickets.
//!
//! Decisions:
//! - **The same documents and numbers**: a ticket's document number is its receipt slot
//!   (`received_at << SLOT_BITS`) plus its place among the tickets received in the same second, by id
//!   text, which is what `flush` gives an empty index (it numbers the tickets sorted by slot, then
//!   id). A second with more tickets than a slot holds is left to `flush` (it numbers those above
//!   every document).
//! - **Documents given in document order**: FTS5 then writes the fewest segments, as `flush` does.
//! - **The words learnt from the index itself**: `search_terms` gets the terms of `search` through
//!   `fts5vocab`, the words the tokenizer put there, instead of tokenizing every text a second time.

use rusqlite::Connection;

use super::Result;
use super::search::{MAX_SECS, SLOT_BITS};

/// Indexes every ticket of a file whose search index is empty; `false` (nothing written) when the
/// index is not empty or a second holds more tickets than a slot, for `flush` to do it one ticket at
/// a time. Errors: the file's.
pub(super) fn fill_empty(conn: &Connection) -> Result<bool> {
    let docs: i64 = conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))?;
    let fullest: Option<i64> = conn.query_row(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM tickets GROUP BY min(max(received_at, 0), ?1))",
        [MAX_SECS],
        |r| r.get(0),
    )?;
    if docs > 0 || fullest.unwrap_or(0) >= 1 << SLOT_BITS {
        return Ok(false);
    }
    // The text as `search::TEXT` reads it for one ticket, for all of them.
    conn.execute(
        "INSERT INTO search_docs (doc, ticket_id, title, body, open)
         SELECT (slot << ?2) + row_number() OVER (PARTITION BY slot ORDER BY id_text(id)) - 1,
                id, title, body, open
         FROM (SELECT min(max(t.received_at, 0), ?1) AS slot, t.id, t.title,
                      t.description || coalesce((SELECT char(10) || group_concat(c.body, char(10) ORDER BY c.created_at, c.id)
                                                 FROM comments c WHERE c.ticket_id = t.id AND c.deleted = 0), '') AS body,
                      t.is_open != 0 AS open
               FROM tickets t)
         ORDER BY 1",
        rusqlite::params![MAX_SECS, SLOT_BITS],
    )?;
    conn.execute("INSERT INTO search (rowid, title, body) SELECT doc, title, body FROM search_docs ORDER BY doc", [])?;
    conn.execute(
        "INSERT INTO search_open (rowid, title, body) SELECT doc, title, body FROM search_docs WHERE open = 1 ORDER BY doc",
        [],
    )?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.search_fill_terms USING fts5vocab (main, search, row);
         INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_fill_terms;
         DROP TABLE temp.search_fill_terms;
         DROP TABLE IF EXISTS temp.search_dirty;",
    )?;
    Ok(true)
}
