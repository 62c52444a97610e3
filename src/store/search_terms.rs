//! The words the full-text index holds (`search_terms`), so a typed word can be searched as the words
//! it starts (`zakaznik` → `zakaznik OR zakaznika`) instead of as an FTS5 prefix query.
//!
//! Why: FTS5 answers a prefix query (`"zakaznik"*`) by merging the whole doclists of every word with
//! that prefix before it returns the first row; for a word in most of a million tickets that is tens
//! of milliseconds. An OR of the words themselves is merged lazily, newest first, and stops after the
//! first page: well under a millisecond. Prefixes of 1–3 characters have FTS5 prefix indexes and stay
//! prefix queries, as does a prefix that starts more than [`MAX_EXPANSION`] words.
//!
//! Decisions:
//! - **FTS5 itself tokenizes**: the words of new text are found by putting it through a temporary
//!   FTS5 table with the same tokenizer and reading its vocabulary, so they are exactly the index's
//!   words (case, diacritics, `ł` or `ß` alike). A typed word is folded the same way.
//! - **Only ever added**: a word no document holds any more is harmless in an OR (it matches
//!   nothing), so removals never need to know whether another document still holds it.
//! - Bulk writes collect text and learn its words once per [`LEARN_BATCH`] documents.

use rusqlite::{Connection, params};

use super::Result;

/// A prefix that starts more words than this stays an FTS5 prefix query.
pub const MAX_EXPANSION: usize = 64;
/// Documents collected before their words are learnt, in bulk writes.
pub(super) const LEARN_BATCH: usize = 2_000;

/// The per-connection tokenizer: a temporary FTS5 table and its vocabulary.
fn tokenizer(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tok USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tok_terms USING fts5vocab (temp, search_tok, row);",
    )?;
    Ok(())
}

/// Collects `text` to learn its words at the next [`learn_collected`].
pub(super) fn collect(conn: &Connection, text: &str) -> Result<()> {
    tokenizer(conn)?;
    conn.prepare_cached("INSERT INTO temp.search_tok (text) VALUES (?1)")?.execute([text])?;
    Ok(())
}

/// Adds the words of everything collected to `search_terms`.
pub(super) fn learn_collected(conn: &Connection) -> Result<()> {
    tokenizer(conn)?;
    conn.prepare_cached("INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_tok_terms")?
        .execute([])?;
    conn.prepare_cached("DELETE FROM temp.search_tok")?.execute([])?;
    Ok(())
}

/// The index's words for one typed word: `None` unless it is exactly one word.
fn fold(conn: &Connection, word: &str) -> Result<Option<String>> {
    tokenizer(conn)?;
    conn.prepare_cached("INSERT INTO temp.search_tok (text) VALUES (?1)")?.execute([word])?;
    let terms: Vec<String> = {
        let mut stmt = conn.prepare_cached("SELECT term FROM temp.search_tok_terms LIMIT 2")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    conn.prepare_cached("DELETE FROM temp.search_tok")?.execute([])?;
    Ok(if terms.len() == 1 { terms.into_iter().next() } else { None })
}

/// The words of the index that start with `prefix` (folded), at most `MAX_EXPANSION + 1`.
fn starting_with(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    let end = format!("{prefix}\u{10FFFF}");
    let mut stmt =
        conn.prepare_cached("SELECT term FROM search_terms WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3")?;
    let rows = stmt.query_map(params![prefix, end, (MAX_EXPANSION + 1) as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One typed word as an FTS5 term: the OR of the words it starts; a three-letter word (or a longer
/// one that starts too many words) as its prefix query `"word"*` (the index keeps prefixes of three
/// letters); a word of one or two letters that starts too many words as itself alone (a prefix query
/// that short would merge most of the index). `None`: no word of the index starts with it.
pub(super) fn expand(conn: &Connection, word: &str) -> Result<Option<String>> {
    let quoted = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let prefix_query = || format!("{}*", quoted(word));
    let Some(folded) = fold(conn, word)? else { return Ok(Some(prefix_query())) };
    let letters = folded.chars().count();
    if letters == 3 {
        return Ok(Some(prefix_query()));
    }
    let terms = starting_with(conn, &folded)?;
    Ok(match terms.len() {
        0 => None,
        n if n > MAX_EXPANSION && letters < 3 => Some(quoted(&folded)),
        n if n > MAX_EXPANSION => Some(prefix_query()),
        _ => {
            let quoted: Vec<String> = terms.iter().map(|t| quoted(t)).collect();
            Some(format!("({})", quoted.join(" OR ")))
        }
    })
}

/// Forgets every word (before a rebuild from the log learns them again).
pub(super) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_terms", [])?;
    Ok(())
}
