//! What a sync checks of the files it is given before it opens any: this copy's own file must exist,
//! and a bundle to import must not be a database file.

use crate::cli::{CliError, CliResult, Context};
use crate::t;

/// A sync needs this copy's file: one that does not exist (a mistyped `--db`) is refused up front, as a
/// missing OTHER_DB is, and nothing is created — a new empty file could never take part in a sync (it
/// would be another team's). A copy is made with `sync clone`. Errors: `Input` naming the file.
pub(super) fn existing_db(ctx: &Context) -> CliResult {
    if ctx.db.exists() {
        return Ok(());
    }
    Err(CliError::input(t!("sync-db-missing", path = crate::store::named(&ctx.db))))
}

/// The first bytes of a file given to `sync import`, as many as an SQLite header has (16; fewer when
/// the file is shorter), read from `file` (which then goes on after them). Errors: reading failed.
pub(super) fn database_head(file: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    file.take(16).read_to_end(&mut head)?;
    Ok(head)
}

/// `head` (see [`database_head`]) starts as an SQLite database does (a helpdesk file given to `sync
/// import` instead of a bundle).
pub(super) fn is_database(head: &[u8]) -> bool {
    head == b"SQLite format 3\0"
}
