//! Full-text search over tickets: the index (kept in step by `ops::apply`) and the query behind the
//! TUI's `/`.
//!
//! Decisions:
//! - **One document per ticket**: its title, and as body its description followed by the bodies of its
//!   comments that are not deleted, so the words of a query may be spread over the ticket (`tisk
//!   laserjet` finds a ticket titled "Nefunguje tisk" whose comment mentions a LaserJet). A ticket
//!   opened, a title or description that really changed (the last-writer-wins `UPDATE` changed a row),
//!   a comment added or deleted re-indexes that ticket's document from the state tables.
//! - **External content**: `search_docs` holds each document's text as indexed and is the content
//!   table of the FTS5 table `search`, so replacing a document deletes exactly the old terms (through
//!   FTS5's in-memory buffer; a contentless table with `contentless_delete` writes a segment for every
//!   delete, which made bulk loads several times slower). Tokenizer `unicode61 remove_diacritics 2`:
//!   case and Czech diacritics are ignored on both sides, so `ucetni` finds `Účetní`.
//! - **Bulk writes defer indexing** ([`defer`]/[`flush`], used by `Store::record_all` and
//!   `ops::rebuild`): each touched ticket is re-indexed once, in document order, at the end of the
//!   transaction. Single writes re-index at once.
//! - **Open tickets have an index of their own** (`search_open`, the same documents while their
//!   ticket is open; `search_docs.open` says which are in it): the queue's `/` searches a few thousand
//!   documents, so a word in most of a million tickets costs as little as a rare one.
//! - **Newest first, not bm25.** A document's rowid is `received_at << 20` plus a counter for tickets
//!   received in the same second, and FTS5 walks its doclists in rowid order, so `ORDER BY rowid DESC
//!   LIMIT n` stops after `n` hits instead of ranking every match (bm25 must score all of them: a
//!   common word in a million tickets takes far longer than the 50 ms a keystroke may cost). The
//!   newest tickets are also what a helpdesk usually looks for. The rowid is the INTEGER PRIMARY KEY of
//!   `search_docs`, so it survives `VACUUM` (implicit rowids may not).
//! - **User input is never FTS syntax.** Control characters are removed, each whitespace-separated word
//!   becomes a quoted prefix term (`"ucet"*`, inner quotes doubled) and the terms are ANDed; words
//!   without a letter or digit are dropped (an empty phrase would match nothing), as are words beyond
//!   the first [`MAX_TERMS`]. So `AND`, `NEAR(`, `-`, `^`, `*` and `"` are searched for as text, never
//!   parsed as operators. A word with inner punctuation (`e-shop`) is a phrase of its parts.

use crate::t;
use rusqlite::{Connection, OptionalExtension, params};

use super::tickets::{COLUMNS, read};
use super::{Result, Store, TicketRow};

/// Low bits of a document number: tickets received within the same second.
pub(super) const SLOT_BITS: u32 = 20;
/// The largest receipt time (unix seconds) that still fits the document number; later ones share it.
pub(super) const MAX_SECS: i64 = (1 << 42) - 1;
/// Words of a query beyond this many are ignored (a pasted paragraph should not stall the search).
pub const MAX_TERMS: usize = 12;

impl Store {
    /// Tickets whose title, description or live comments contain every word of `query` (as a word
    /// prefix, ignoring case and diacritics), newest received first, at most `limit`. `open_only`
    /// keeps new, open and waiting tickets. An empty query (or one without letters or digits) finds
    /// nothing; no input is ever an error of the search syntax.
    pub fn search_tickets(&self, query: &str, open_only: bool, limit: usize) -> Result<Vec<TicketRow>> {
        self.hits(query, open_only, limit, Some(COLUMNS), read)
    }

    /// [`Store::search_tickets`], ids only: what the queue filters its open set by (no ticket row is
    /// read, so a few hundred hits cost little more than the index walk).
    pub fn search_ticket_ids(
        &self,
        query: &str,
        open_only: bool,
        limit: usize,
    ) -> Result<Vec<crate::domain::TicketId>> {
        self.hits(query, open_only, limit, None, |r| r.get(0))
    }

    /// [`Store::search_tickets`] of every ticket, as list rows (no descriptions), newest first.
    pub fn search_ticket_lines(&self, query: &str, limit: usize) -> Result<Vec<super::TicketSummary>> {
        self.hits(query, false, limit, Some(super::lists::LIGHT_COLUMNS), super::lists::read_light)
    }

    /// The newest `limit` matches of `query`, read by `read` from `columns` of the ticket (`t`) and
    /// its customer (`c`), or (`None`) just the ticket's id.
    fn hits<T>(
        &self,
        query: &str,
        open_only: bool,
        limit: usize,
        columns: Option<&str>,
        read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let Some(expr) = self.expression(query, open_only)? else { return Ok(Vec::new()) };
        if limit == 0 {
            return Ok(Vec::new());
        }
        // Open tickets have an index of their own: a few thousand documents, whatever the word.
        let index = if open_only { "search_open" } else { "search" };
        let (select, joins) = match columns {
            Some(columns) => (columns, "JOIN tickets t ON t.id = d.ticket_id JOIN customers c ON c.id = t.customer_id"),
            None => ("id_text(d.ticket_id)", ""),
        };
        let sql = format!(
            "SELECT {select} FROM {index} s JOIN search_docs d ON d.doc = s.rowid {joins}
             WHERE {index} MATCH ?1 ORDER BY s.rowid DESC LIMIT ?2"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![expr, limit], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The FTS5 query for what a person typed: for the small index of open tickets prefix terms
    /// ([`match_expression`]); for the whole index each word as the words it starts
    /// (`search_terms`). `None`: nothing can match.
    fn expression(&self, query: &str, open_only: bool) -> Result<Option<String>> {
        if open_only {
            return Ok(match_expression(query));
        }
        let mut terms = Vec::new();
        for word in query_words(query) {
            match super::search_terms::expand(self.conn(), &word)? {
                Some(term) => terms.push(term),
                None => return Ok(None),
            }
        }
        Ok((!terms.is_empty()).then(|| terms.join(" AND ")))
    }
}

/// The words of a query that can match: control characters removed, words without a letter or digit
/// dropped, at most [`MAX_TERMS`].
fn query_words(query: &str) -> Vec<String> {
    crate::domain::text::clean(query, false)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .map(str::to_string)
        .collect()
}

/// The FTS5 query for what a person typed: every word a quoted prefix term, all of them required.
/// Control characters (a NUL would end FTS5's string early) are removed first. `None` when nothing
/// searchable is left.
pub fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query_words(query).iter().map(|w| format!("\"{}\"*", w.replace('"', "\"\""))).collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// The ticket's text changed (it was opened, retitled, re-described, commented on, or a comment was
/// deleted), or its status did (open tickets are in `search_open` too): re-index its document now, or
/// at [`flush`] when indexing is deferred.
pub(super) fn touch(conn: &Connection, ticket_id: &str) -> Result<()> {
    let deferred: bool = conn
        .prepare_cached("SELECT count(*) FROM temp.sqlite_master WHERE type = 'table' AND name = 'search_dirty'")?
        .query_row([], |r| r.get(0))?;
    if deferred {
        conn.prepare_cached("INSERT OR IGNORE INTO temp.search_dirty (ticket_id) VALUES (?1)")?.execute([ticket_id])?;
        Ok(())
    } else {
        refresh(conn, ticket_id, None)?;
        super::search_terms::learn_collected(conn)
    }
}

/// Defers indexing until [`flush`] (in the same transaction): bulk writes then re-index each touched
/// ticket once, in document order. FTS5 keeps the documents it is given in increasing rowid order in
/// memory and writes a segment whenever the order breaks, so touching old tickets one change at a
/// time (a comment on last month's ticket after today's tickets) would write a segment per change.
pub(super) fn defer(conn: &Connection) -> Result<()> {
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS search_dirty (ticket_id TEXT PRIMARY KEY)", [])?;
    Ok(())
}

/// Re-indexes every ticket touched since [`defer`], in document order, and ends the deferral.
pub(super) fn flush(conn: &Connection) -> Result<()> {
    defer(conn)?;
    let mut dirty: Vec<(i64, String, Option<i64>)> = {
        let mut stmt = conn.prepare(
            "SELECT coalesce(d.doc, (min(max(t.received_at, 0), ?1) << ?2), 0), s.ticket_id, d.doc
             FROM temp.search_dirty s
             LEFT JOIN search_docs d ON d.ticket_id = id_blob(s.ticket_id)
             LEFT JOIN tickets t ON t.id = id_blob(s.ticket_id)",
        )?;
        let rows = stmt.query_map(params![MAX_SECS, SLOT_BITS], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    dirty.sort_unstable();
    for (n, (_, ticket_id, doc)) in dirty.into_iter().enumerate() {
        refresh(conn, &ticket_id, Some(doc))?;
        if (n + 1) % super::search_terms::LEARN_BATCH == 0 {
            super::search_terms::learn_collected(conn)?;
        }
    }
    super::search_terms::learn_collected(conn)?;
    conn.execute("DROP TABLE temp.search_dirty", [])?;
    Ok(())
}

/// The text a ticket's document holds: its title, and its description followed by its live comments;
/// with its receipt time and whether it is open.
const TEXT: &str = "SELECT t.received_at, t.title,
        t.description || coalesce((SELECT char(10) || group_concat(c.body, char(10) ORDER BY c.created_at, c.id)
                                   FROM comments c WHERE c.ticket_id = t.id AND c.deleted = 0), ''),
        t.is_open
    FROM tickets t WHERE t.id = id_blob(?1)";

/// A document as indexed: (title, body, whether it is in `search_open` too).
type Indexed = (String, String, bool);

/// Replaces one ticket's document with its current text, in `search` and, while the ticket is open,
/// in `search_open`. `known_doc`: its document number when the caller already looked it up
/// (`Some(None)`: it has none yet).
fn refresh(conn: &Connection, ticket_id: &str, known_doc: Option<Option<i64>>) -> Result<()> {
    let current: Option<(i64, String, String, bool)> = conn
        .prepare_cached(TEXT)?
        .query_row([ticket_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let doc = match known_doc {
        Some(doc) => doc,
        None => conn
            .prepare_cached("SELECT doc FROM search_docs WHERE ticket_id = id_blob(?1)")?
            .query_row([ticket_id], |r| r.get(0))
            .optional()?,
    };
    let old: Option<Indexed> = match doc {
        Some(doc) => Some(
            conn.prepare_cached("SELECT title, body, open FROM search_docs WHERE doc = ?1")?
                .query_row([doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?,
        ),
        None => None,
    };
    let new: Option<Indexed> = current.as_ref().map(|(_, t, b, open)| (t.clone(), b.clone(), *open));
    if old == new {
        return Ok(());
    }
    let doc = match (doc, &current) {
        (Some(doc), _) => doc,
        (None, Some((received_at, ..))) => free_doc(conn, *received_at)?,
        (None, None) => return Ok(()),
    };
    // Each index changes only when it must: `search` when the text does, `search_open` when the
    // text of an open ticket does or the ticket opens or closes.
    let text = |d: &Option<Indexed>| d.as_ref().map(|(t, b, _)| (t.clone(), b.clone()));
    let text_changed = text(&old) != text(&new);
    let was_open = old.as_ref().is_some_and(|d| d.2);
    let now_open = new.as_ref().is_some_and(|d| d.2);
    if let Some((title, body, _)) = &old {
        if was_open && (text_changed || !now_open) {
            conn.prepare_cached(
                "INSERT INTO search_open (search_open, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)",
            )?
            .execute(params![doc, title, body])?;
        }
        if text_changed {
            conn.prepare_cached("INSERT INTO search (search, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)")?
                .execute(params![doc, title, body])?;
        }
    }
    let Some((title, body, open)) = &new else {
        conn.prepare_cached("DELETE FROM search_docs WHERE doc = ?1")?.execute([doc])?;
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO search_docs (doc, ticket_id, title, body, open) VALUES (?1, id_blob(?2), ?3, ?4, ?5)
         ON CONFLICT (doc) DO UPDATE SET title = excluded.title, body = excluded.body, open = excluded.open",
    )?
    .execute(params![doc, ticket_id, title, body, open])?;
    if text_changed {
        conn.prepare_cached("INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)")?
            .execute(params![doc, title, body])?;
        super::search_terms::collect(conn, &format!("{title}\n{body}"))?;
    }
    if now_open && (text_changed || !was_open) {
        conn.prepare_cached("INSERT INTO search_open (rowid, title, body) VALUES (?1, ?2, ?3)")?
            .execute(params![doc, title, body])?;
    }
    Ok(())
}

/// The next free document number in the slot of `received_at` (or above every document, in the
/// absurd case of a million tickets received in one second).
fn free_doc(conn: &Connection, received_at: i64) -> Result<i64> {
    let base = received_at.clamp(0, MAX_SECS) << SLOT_BITS;
    let end = base + (1 << SLOT_BITS);
    let last: Option<i64> = conn
        .prepare_cached("SELECT max(doc) FROM search_docs WHERE doc >= ?1 AND doc < ?2")?
        .query_row([base, end], |r| r.get(0))?;
    match last {
        None => Ok(base),
        Some(l) if l + 1 < end => Ok(l + 1),
        Some(_) => Ok(conn.query_row("SELECT max(doc) + 1 FROM search_docs", [], |r| r.get(0))?),
    }
}

/// What is wrong with the search indexes (empty: they match the tickets): the full-text index
/// against its documents (FTS5 runs that check as a write: skipped on a read-only connection), one
/// document per ticket, the open flags, and every indexed word known to `search_terms`.
pub(super) fn differences(conn: &Connection, read_only: bool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if !read_only && let Err(e) = conn.execute("INSERT INTO search (search) VALUES ('integrity-check')", []) {
        out.push(t!("check-search-index", error = e.to_string()));
    }
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let missing = count(
        "SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.ticket_id = t.id)",
    )?;
    if missing > 0 {
        out.push(t!("check-search-missing", count = missing));
    }
    let flags =
        count("SELECT count(*) FROM search_docs d JOIN tickets t ON t.id = d.ticket_id WHERE d.open != t.is_open")?;
    if flags > 0 {
        out.push(t!("check-search-flags", count = flags));
    }
    // The open tickets' index holds exactly the open documents (its `docsize` shadow table lists
    // what it indexed; its own integrity check cannot run: its content table has closed ones too).
    let stray = count(
        "SELECT (SELECT count(*) FROM (SELECT id FROM search_open_docsize EXCEPT SELECT doc FROM search_docs WHERE open = 1))
              + (SELECT count(*) FROM (SELECT doc FROM search_docs WHERE open = 1 EXCEPT SELECT id FROM search_open_docsize))",
    )?;
    if stray > 0 {
        out.push(t!("check-search-stray", count = stray));
    }
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_check_vocab USING fts5vocab (main, search, row)",
    )?;
    let unknown =
        count("SELECT count(*) FROM temp.search_check_vocab WHERE term NOT IN (SELECT term FROM search_terms)")?;
    if unknown > 0 {
        out.push(t!("check-search-unknown", count = unknown));
    }
    Ok(out)
}

/// The open tickets' index as `0007_list_indexes.sql` defines it (a test keeps the two the same).
const OPEN_INDEX: &str = "CREATE VIRTUAL TABLE search_open USING fts5 (
    title,
    body,
    content = 'search_docs',
    content_rowid = 'doc',
    prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
)";

/// Makes the open tickets' index (`search_open`) anew from `search_docs`: the same definition and
/// the same documents (those with `open = 1`), its tables now the last in the file's schema. For
/// `Store::compact`, which calls it in a transaction of its own before `VACUUM`: `VACUUM` copies
/// tables in schema order, and the index was made by schema version 7, before the state tables
/// that version 9 (`0009_compact.sql`) made anew — so its 14 MiB (full-size demo) lay between the
/// file's first pages and the customers, which a cold `ticket list --open` or `customer list` then
/// read apart (module `prefetch`). A damaged index (missing, or with documents that drifted from
/// `search_docs.open`) comes out whole. Errors: the file's; a failure rolls back with the caller's
/// transaction and leaves the index as it was.
pub(super) fn remake_open_index(conn: &Connection) -> Result<()> {
    conn.execute_batch("DROP TABLE IF EXISTS search_open")?;
    conn.execute_batch(OPEN_INDEX)?;
    conn.execute(
        "INSERT INTO search_open (rowid, title, body) SELECT doc, title, body FROM search_docs WHERE open = 1 ORDER BY doc",
        [],
    )?;
    Ok(())
}

/// Empties the index (before a rebuild from the log refills it).
pub(super) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO search (search) VALUES ('delete-all')", [])?;
    conn.execute("INSERT INTO search_open (search_open) VALUES ('delete-all')", [])?;
    super::search_terms::clear(conn)?;
    conn.execute("DELETE FROM search_docs", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `remake_open_index` makes the index with is the one the migrations made (a copy
    /// of `0007_list_indexes.sql`'s statement: a change there must come here too).
    #[test]
    fn the_open_index_is_remade_as_the_migrations_made_it() {
        let store = Store::open_in_memory("t").unwrap();
        let made: String = store
            .conn()
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 'search_open'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(made, OPEN_INDEX);
        remake_open_index(store.conn()).unwrap();
        let remade: String = store
            .conn()
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 'search_open'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(remade, made);
    }

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(match_expression("účet faktura").as_deref(), Some("\"účet\"* AND \"faktura\"*"));
        assert_eq!(match_expression("a\"b").as_deref(), Some("\"a\"\"b\"*"));
        assert_eq!(match_expression("NEAR( x").as_deref(), Some("\"NEAR(\"* AND \"x\"*"));
        assert_eq!(match_expression("  "), None);
        assert_eq!(match_expression("a\0b").as_deref(), Some("\"ab\"*"));
        assert_eq!(match_expression("\" * - ^ ( )"), None);
        let many = "w ".repeat(MAX_TERMS + 5);
        assert_eq!(match_expression(&many).unwrap().matches(" AND ").count(), MAX_TERMS - 1);
    }
}
