//! Comments on tickets: adding, listing, deleting (a tombstone).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::require_ticket_id;
use crate::domain::text::clean;
use crate::store::change::Change;
use crate::store::{Result, Store, StoreError, from_ts, new_id};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: String,
    pub ticket_id: crate::domain::TicketId,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    pub fn add_comment(
        &mut self,
        ticket_id: &crate::domain::TicketId,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<CommentRow> {
        let body = clean(body, true);
        if body.is_empty() {
            return Err(StoreError::Invalid(t!("comment-needs-text-store")));
        }
        let author = self.actor().to_string();
        self.write(now, |w| {
            require_ticket_id(w.conn(), ticket_id)?;
            let id = new_id(now);
            w.record(Change::CommentAdded {
                id: id.clone(),
                ticket: ticket_id.to_string(),
                author: author.clone(),
                body: body.clone(),
                at: now.timestamp(),
            })?;
            Ok(CommentRow { id, ticket_id: ticket_id.clone(), author, body, created_at: from_ts(now.timestamp()) })
        })
    }

    pub fn comments(&self, ticket_id: &crate::domain::TicketId) -> Result<Vec<CommentRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id), id_text(ticket_id), author, body, created_at FROM comments
             WHERE ticket_id = id_blob(?1) AND deleted = 0 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok(CommentRow {
                id: r.get(0)?,
                ticket_id: r.get(1)?,
                author: r.get(2)?,
                body: r.get(3)?,
                created_at: from_ts(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes a comment (a tombstone: it stays in the log, leaves the ticket and its search text).
    pub fn delete_comment(&mut self, comment_id: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(now, |w| {
            let live: Option<bool> = w
                .conn()
                .query_row("SELECT deleted = 0 FROM comments WHERE id = id_blob(?1)", [comment_id], |r| r.get(0))
                .optional()?;
            if live != Some(true) {
                return Err(StoreError::NotFound(t!("no-such-comment")));
            }
            w.record(Change::CommentDeleted { id: comment_id.to_string() })?;
            Ok(())
        })
    }
}
