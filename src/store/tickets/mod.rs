//! Tickets: opening (with collision-free human numbers), field changes, the first response, lookups.

mod changes;

pub(super) use changes::move_to;

pub use changes::TicketChange;
pub(super) use changes::first_response_in;

use crate::t;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};

use super::change::Change;
use super::{Result, Store, StoreError, Writer, from_ts, get_meta, new_id, set_meta};
use crate::domain::text::clean;
use crate::domain::{TicketKind, TicketNumber, TicketStatus};

#[derive(Debug, Clone)]
pub struct NewTicket {
    pub customer_id: crate::domain::CustomerId,
    pub title: String,
    pub description: String,
    pub kind: TicketKind,
    pub assignee: Option<String>,
    pub received_at: DateTime<Utc>,
}

/// A whole ticket: what a list row shows ([`super::TicketSummary`], reached through `Deref`) and its
/// description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub summary: super::TicketSummary,
    pub description: String,
}

impl std::ops::Deref for TicketRow {
    type Target = super::TicketSummary;
    fn deref(&self) -> &super::TicketSummary {
        &self.summary
    }
}

impl std::ops::DerefMut for TicketRow {
    fn deref_mut(&mut self) -> &mut super::TicketSummary {
        &mut self.summary
    }
}

/// Which tickets a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFilter {
    pub open_only: bool,
    pub customer_id: Option<crate::domain::CustomerId>,
    /// `Some(None)`: unassigned tickets only.
    pub assignee: Option<Option<String>>,
}

/// Where the next page starts (keyset paging by receipt time).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketCursor {
    pub received_at: i64,
    pub id: String,
}

pub(super) const COLUMNS: &str =
    "id_text(t.id), t.number, id_text(t.customer_id), c.name, t.title, t.description, t.kind, t.status, t.assignee,
    t.received_at, t.first_response_at, t.resolve_by, CASE WHEN t.first_response_at IS NULL AND t.is_open = 0
    THEN t.status_hlc END";

pub(super) fn read(row: &Row<'_>) -> rusqlite::Result<TicketRow> {
    let text = |i: usize| row.get::<_, String>(i);
    Ok(TicketRow {
        summary: super::TicketSummary {
            id: crate::domain::TicketId::new(text(0)?),
            number: text(1)?,
            customer_id: crate::domain::CustomerId::new(text(2)?),
            customer_name: text(3)?,
            title: text(4)?,
            kind: text(6)?.parse().unwrap_or(TicketKind::Request),
            status: text(7)?.parse().unwrap_or(TicketStatus::Open),
            assignee: row.get(8)?,
            received_at: from_ts(row.get(9)?),
            first_response_at: row.get::<_, Option<i64>>(10)?.map(from_ts),
            resolve_by: row.get::<_, Option<i64>>(11)?.map(from_ts),
            closed_unanswered_at: super::lists::closed_unanswered(row, 12)?,
        },
        description: text(5)?,
    })
}

/// The tickets a list reads at a time (see [`Store::each_ticket_line`]).
const LIST_PAGE: usize = 2000;

impl Store {
    pub fn open_ticket(&mut self, new: NewTicket, now: DateTime<Utc>) -> Result<TicketRow> {
        let title = crate::domain::text::clean_name(&new.title);
        if title.is_empty() {
            return Err(StoreError::Invalid(t!("ticket-needs-title")));
        }
        let description = clean(&new.description, true);
        let assignee = new.assignee.as_deref().map(crate::domain::text::clean_name).filter(|a| !a.is_empty());
        // A team replica whose server answers takes the team's next plain number (before the file's write
        // lock, so a slow server never holds it); otherwise the copy's own tagged numbers.
        let team_number = self.numbers.as_mut().and_then(|next| next());
        let new = NewTicket { title, description, assignee, ..new };
        let id = self.write(now, |w| open_in(w, &new, now, team_number))?;
        self.ticket(&crate::domain::TicketId::new(id))?.ok_or_else(|| StoreError::NotFound(t!("ticket-vanished")))
    }

    pub fn ticket(&self, id: &crate::domain::TicketId) -> Result<Option<TicketRow>> {
        load(self.conn(), id)
    }

    pub fn ticket_by_number(&self, number: &TicketNumber) -> Result<Option<TicketRow>> {
        by_number(self.conn(), number)
    }

    /// The ticket numbered `number` (parsed where it was typed), or [`StoreError::Unknown`].
    pub fn require_ticket(&self, number: &TicketNumber) -> Result<TicketRow> {
        self.ticket_by_number(number)?
            .ok_or_else(|| StoreError::Unknown(crate::store::Unknown::TicketNumber(number.to_string())))
    }

    /// One page of tickets oldest first, after `cursor`.
    pub fn tickets_page(
        &self,
        filter: &TicketFilter,
        cursor: Option<&TicketCursor>,
        limit: usize,
    ) -> Result<Vec<TicketRow>> {
        let select = format!("SELECT {COLUMNS} FROM tickets t JOIN customers c ON c.id = t.customer_id");
        let mut page = Vec::with_capacity(limit.min(LIST_PAGE));
        self.page(&select, filter, cursor, limit, read, &mut page)?;
        Ok(page)
    }

    /// Every ticket `filter` selects, oldest first, without descriptions (what a list shows; open
    /// tickets come from the `tickets_open_rows` index alone), handed to `visit` one at a time as its
    /// row is read (its text borrowed from the row: nothing is copied for a line a list only prints).
    /// Read page by page inside one read, customers' names and tier histories looked up once per run, not per page.
    pub fn each_ticket_line(
        &self,
        filter: &TicketFilter,
        visit: impl FnMut(&super::TicketLine<'_>) -> Result<()>,
    ) -> Result<()> {
        self.each_ticket_line_of(filter, super::LineColumns::Every, visit)
    }

    /// [`Store::each_ticket_line`] reading only the `columns` (a table's: fewer values read a row).
    pub fn each_ticket_line_of(
        &self,
        filter: &TicketFilter,
        columns: super::LineColumns,
        mut visit: impl FnMut(&super::TicketLine<'_>) -> Result<()>,
    ) -> Result<()> {
        let select = if filter.open_only { super::lists::OPEN_LIST_SELECT } else { super::lists::LIST_SELECT };
        let conn = self.conn();
        let mut names = super::list_customers::CustomerNames::default();
        self.snapshot(|| {
            if self.directory_beside(filter)? {
                names.load_all_beside(self, conn)?;
            }
            let mut cursor: Option<TicketCursor> = None;
            // The page's last line: its receipt time as the cursor reads it back, id and number.
            let (mut last_id, mut last_number) = (Vec::<u8>::new(), String::new());
            loop {
                let (mut count, mut last_received) = (0_usize, None);
                self.each_row(select, filter, cursor.as_ref(), LIST_PAGE, |r| {
                    let line = super::lists::line_of(conn, &mut names, r, columns, filter.open_only)?;
                    visit(&line)?;
                    count += 1;
                    last_received = Some(line.received_at.timestamp());
                    last_id.clear();
                    last_id.extend_from_slice(line.id_blob);
                    last_number.clear();
                    last_number.push_str(line.number);
                    Ok(())
                })?;
                if let Some(received_at) = last_received {
                    let next = TicketCursor { received_at, id: super::codec::id_text(&last_id) };
                    // A receipt time no instant can hold reads back as another one: the walk would
                    // start over forever.
                    if cursor
                        .as_ref()
                        .is_some_and(|c| (c.received_at, c.id.as_str()) >= (next.received_at, next.id.as_str()))
                    {
                        return Err(StoreError::Corrupt {
                            path: self.path().map_or_else(|| t!("store-the-database"), |p| p.display().to_string()),
                            detail: t!("ticket-receipt-out-of-range", ticket = last_number.as_str()),
                        });
                    }
                    cursor = Some(next);
                }
                if count != LIST_PAGE {
                    return Ok(());
                }
            }
        })
    }

    /// Whether a list of `filter` reads every customer's name and tier history before its first line,
    /// the histories on a second connection beside the names: a list of open tickets, not one
    /// customer's, with more lines than [`super::list_customers::CustomerNames`] looks customers up
    /// one by one for, in a file of [`super::customers::reads::LINES_BESIDE_FROM`] customers or more
    /// (or where [`Store::use_two_readers`] asks for it). Below that size the second connection costs
    /// more than it saves, as for `customer list`; a short list looks its few customers up.
    ///
    /// Errors: SQLite's.
    fn directory_beside(&self, filter: &TicketFilter) -> Result<bool> {
        if !filter.open_only || filter.customer_id.is_some() {
            return Ok(false);
        }
        let customers: Option<i64> = self.conn().query_row("SELECT max(no) FROM customers", [], |r| r.get(0))?;
        if customers.unwrap_or(0) < super::customers::reads::LINES_BESIDE_FROM && !self.two_readers_asked() {
            return Ok(false);
        }
        let mut sql = String::from("SELECT 1 FROM tickets t INDEXED BY tickets_open_rows WHERE 1");
        let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
        filter_sql(filter, &mut sql, &mut args);
        let sql =
            format!("SELECT count(*) FROM ({sql} LIMIT {})", super::list_customers::CustomerNames::LOAD_ALL_AFTER + 1);
        let lines: i64 = self.conn().prepare_cached(&sql)?.query_row(args.as_slice(), |r| r.get(0))?;
        Ok(usize::try_from(lines).unwrap_or(0) > super::list_customers::CustomerNames::LOAD_ALL_AFTER)
    }

    /// How many lines [`Store::each_ticket_line`] gives for `filter` (a count of one index's entries).
    ///
    /// Errors: the store's.
    pub fn count_ticket_lines(&self, filter: &TicketFilter) -> Result<usize> {
        let from = if filter.open_only { "FROM tickets t INDEXED BY tickets_open_rows" } else { "FROM tickets t" };
        let count = format!("SELECT count(*) {from}");
        let mut sql = format!("{count} WHERE 1");
        let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
        filter_sql(filter, &mut sql, &mut args);
        // Without conditions, none at all: SQLite counts a whole table from its pages then (0.05 ms
        // at 100k tickets), not row by row as it does under `WHERE 1` (1.5 ms).
        if sql.ends_with(" WHERE 1") {
            sql = count;
        }
        let count: i64 = self.conn().prepare_cached(&sql)?.query_row(args.as_slice(), |r| r.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn page<T>(
        &self,
        select: &str,
        filter: &TicketFilter,
        cursor: Option<&TicketCursor>,
        limit: usize,
        mut read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        page: &mut Vec<T>,
    ) -> Result<()> {
        self.each_row(select, filter, cursor, limit, |r| {
            page.push(read(r)?);
            Ok(())
        })
    }

    /// The rows of one page of `select` (after `cursor`, at most `limit`, oldest first), each handed to
    /// `on_row` as it is read.
    fn each_row(
        &self,
        select: &str,
        filter: &TicketFilter,
        cursor: Option<&TicketCursor>,
        limit: usize,
        mut on_row: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let c = cursor.cloned().unwrap_or(TicketCursor { received_at: i64::MIN, id: String::new() });
        let mut sql = format!("{select} WHERE (t.received_at, t.id) > (?1, id_blob(?2))");
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&c.received_at, &c.id];
        filter_sql(filter, &mut sql, &mut args);
        let bound = limit as i64;
        args.push(&bound);
        sql.push_str(&format!(" ORDER BY t.received_at, t.id LIMIT ?{}", args.len()));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(args.as_slice())?;
        while let Some(r) = rows.next()? {
            on_row(r)?;
        }
        Ok(())
    }
}

/// The conditions of `filter` onto `sql` (after a `WHERE` clause), their values onto `args`.
fn filter_sql<'f>(filter: &'f TicketFilter, sql: &mut String, args: &mut Vec<&'f dyn rusqlite::ToSql>) {
    if filter.open_only {
        sql.push_str(" AND t.is_open = 1");
    }
    if let Some(customer) = &filter.customer_id {
        args.push(customer);
        sql.push_str(&format!(" AND t.customer_id = id_blob(?{})", args.len()));
    }
    match &filter.assignee {
        Some(Some(a)) => {
            args.push(a);
            sql.push_str(&format!(" AND t.assignee = ?{}", args.len()));
        }
        Some(None) => sql.push_str(" AND t.assignee IS NULL"),
        None => {}
    }
}

pub(super) fn load(conn: &rusqlite::Connection, id: &str) -> Result<Option<TicketRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = id_blob(?1)");
    Ok(conn.prepare_cached(&sql)?.query_row([id], read).optional()?)
}

fn require(conn: &rusqlite::Connection, id: &str) -> Result<TicketRow> {
    load(conn, id)?.ok_or_else(|| StoreError::NotFound(t!("no-such-ticket-plain")))
}

/// The next ticket sequence number of this copy: above both the counter and any ticket it already has.
fn next_seq(w: &Writer<'_>, tag: &str) -> Result<u64> {
    let counter: u64 = get_meta(w.conn(), "ticket_seq")?.and_then(|s| s.parse().ok()).unwrap_or(0);
    let max: Option<i64> =
        w.conn().query_row("SELECT max(seq) FROM tickets WHERE device_tag = ?1", [tag], |r| r.get(0))?;
    let seq = counter.max(max.unwrap_or(0).max(0) as u64) + 1;
    set_meta(w.conn(), "ticket_seq", &seq.to_string())?;
    Ok(seq)
}

/// Opens a ticket inside a write transaction (`new`'s text already cleaned); its id. Numbered `team_number` (a team replica's plain number
/// from its server) or else by this copy's own tag and sequence.
pub(super) fn open_in(
    w: &mut super::Writer<'_>,
    new: &NewTicket,
    now: DateTime<Utc>,
    team_number: Option<u64>,
) -> Result<String> {
    let state: Option<(String, i64)> = w
        .conn()
        .query_row("SELECT name, state FROM customers WHERE id = id_blob(?1)", [&new.customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match state {
        None => return Err(StoreError::Unknown(crate::store::Unknown::Customer)),
        Some((name, s)) if s != 0 => return Err(StoreError::Invalid(t!("customer-archived-no-tickets", name = name))),
        Some(_) => {}
    }
    let (tag, seq) = match team_number {
        Some(seq) => (String::new(), seq),
        None => {
            let tag = get_meta(w.conn(), "device_tag")?.unwrap_or_default();
            let seq = next_seq(w, &tag)?;
            (tag, seq)
        }
    };
    let id = new_id(now);
    w.record(Change::TicketOpened {
        id: id.clone(),
        tag,
        seq,
        customer: new.customer_id.to_string(),
        title: new.title.clone(),
        description: new.description.clone(),
        kind: new.kind,
        assignee: new.assignee.clone(),
        received_at: new.received_at.timestamp(),
    })?;
    Ok(id)
}

pub(super) fn by_number(conn: &rusqlite::Connection, number: &TicketNumber) -> Result<Option<TicketRow>> {
    let sql = format!("SELECT {COLUMNS} FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.number = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([number.to_string()], read).optional()?)
}
