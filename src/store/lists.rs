//! Ticket lists without descriptions (the queue, a customer's history, search hits, the team lead
//! board): the open tickets' light columns (the queue computes deadlines from them once), every tier
//! change (so a ticket's tier needs no query per row), a customer's every ticket, and the SLA outcomes
//! of recently received tickets. Each reads one index range: `tickets_open_rows` (the open tickets'
//! list columns), `tickets_customer`, and `tickets_received` (receipt time with the response facts).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::list_customers::CustomerNames;
use super::{Result, Store, from_ts};
use crate::domain::{CustomerId, TicketId, TicketKind, TicketStatus, Tier, YearMonth};

/// A ticket without its description: what a list row shows (open tickets, a customer's history open
/// and closed, search hits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSummary {
    pub id: TicketId,
    pub number: String,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub title: String,
    pub kind: TicketKind,
    pub status: TicketStatus,
    pub assignee: Option<String>,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolve_by: Option<DateTime<Utc>>,
    /// When a ticket resolved or closed without a first response was resolved or closed (the time of
    /// its status change, whole seconds); `None` while it is open or once it has a response.
    pub closed_unanswered_at: Option<DateTime<Utc>>,
}

impl TicketSummary {
    /// When the first-response clock stopped (see [`crate::domain::sla::clock_stop`]).
    pub fn sla_stop(&self) -> Option<DateTime<Utc>> {
        crate::domain::sla::clock_stop(self.first_response_at, self.closed_unanswered_at)
    }
}

/// A listed ticket as it is read: its text borrowed from the row being read and from the customers'
/// names and tier histories read once per list (a 4 100-row list made six strings a row only to copy them into a table).
/// Valid while the visitor of [`Store::each_ticket_line`] runs; [`TicketLine::summary`] keeps one.
#[derive(Debug, Clone, Copy)]
pub struct TicketLine<'a> {
    /// The ticket's stored id (see [`TicketLine::id`]).
    pub(super) id_blob: &'a [u8],
    pub number: &'a str,
    /// The customer's id as text (a [`CustomerId`]'s).
    pub customer_id: &'a str,
    pub customer_name: &'a str,
    /// The customer's tier changes (from month, tier), oldest first (empty: never a contract), for
    /// [`crate::domain::tiers::tier_in`].
    pub customer_tiers: &'a [(YearMonth, Tier)],
    /// The customer's place among the customers this list has met (0, 1, …: the same customer, the
    /// same number, for one run of [`Store::each_ticket_line`]), for a caller that keeps something
    /// per customer.
    pub customer_index: usize,
    pub title: &'a str,
    pub kind: TicketKind,
    pub status: TicketStatus,
    pub assignee: Option<&'a str>,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolve_by: Option<DateTime<Utc>>,
    /// As [`TicketSummary::closed_unanswered_at`].
    pub closed_unanswered_at: Option<DateTime<Utc>>,
}

impl TicketLine<'_> {
    /// When the first-response clock stopped (see [`crate::domain::sla::clock_stop`]).
    pub fn sla_stop(&self) -> Option<DateTime<Utc>> {
        crate::domain::sla::clock_stop(self.first_response_at, self.closed_unanswered_at)
    }

    /// The ticket's id (made as text on each call).
    pub fn id(&self) -> TicketId {
        TicketId::new(super::codec::id_text(self.id_blob))
    }

    /// The line as an owned [`TicketSummary`].
    pub fn summary(&self) -> TicketSummary {
        TicketSummary {
            id: self.id(),
            number: self.number.to_string(),
            customer_id: CustomerId::new(self.customer_id.to_string()),
            customer_name: self.customer_name.to_string(),
            title: self.title.to_string(),
            kind: self.kind,
            status: self.status,
            assignee: self.assignee.map(str::to_string),
            received_at: self.received_at,
            first_response_at: self.first_response_at,
            resolve_by: self.resolve_by,
            closed_unanswered_at: self.closed_unanswered_at,
        }
    }
}

/// Which columns of a [`TicketLine`] a list reads: a table prints neither the assignee nor the
/// promised resolution, and an open ticket has no closed-unanswered time (its column reads NULL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineColumns {
    /// Every column (a JSON list, the interface).
    Every,
    /// What a table shows: [`TicketLine::assignee`] and [`TicketLine::resolve_by`] left `None`.
    Table,
}

/// The [`TicketLine`] of a row of [`LIST_SELECT`] (or [`OPEN_LIST_SELECT`]), its customer from `names`;
/// `columns` says which are read (`open`: of [`OPEN_LIST_SELECT`], whose closed-unanswered column is NULL).
pub(super) fn line_of<'r>(
    conn: &rusqlite::Connection,
    names: &'r mut CustomerNames,
    r: &'r rusqlite::Row<'_>,
    columns: LineColumns,
    open: bool,
) -> rusqlite::Result<TicketLine<'r>> {
    let customer = names.get_ref(conn, r.get_ref(2)?.as_blob()?)?;
    let every = columns == LineColumns::Every;
    let time =
        |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> { Ok(r.get_ref(i)?.as_i64_or_null()?.map(from_ts)) };
    Ok(TicketLine {
        id_blob: r.get_ref(0)?.as_blob()?,
        number: r.get_ref(1)?.as_str()?,
        customer_id: customer.id,
        customer_name: customer.name,
        customer_tiers: customer.tiers,
        customer_index: customer.index,
        title: r.get_ref(4)?.as_str()?,
        kind: stored(r.get_ref(5)?.as_bytes()?, &TicketKind::ALL, |k| k.as_str()).unwrap_or(TicketKind::Request),
        status: stored(r.get_ref(6)?.as_bytes()?, &TicketStatus::ALL, |s| s.as_str()).unwrap_or(TicketStatus::Open),
        assignee: if every { r.get_ref(7)?.as_str_or_null()? } else { None },
        received_at: from_ts(r.get_ref(8)?.as_i64()?),
        first_response_at: time(9)?,
        resolve_by: if every { time(10)? } else { None },
        closed_unanswered_at: if open { None } else { closed_unanswered(r, 11)? },
    })
}

/// The value of `all` stored as `text` (its `as_str`, byte for byte), else as [`std::str::FromStr`]
/// reads the text (any case and spacing); `None` for text that is neither.
fn stored<T: Copy + std::str::FromStr>(text: &[u8], all: &[T], as_str: impl Fn(&T) -> &'static str) -> Option<T> {
    all.iter().find(|v| as_str(v).as_bytes() == text).copied().or_else(|| std::str::from_utf8(text).ok()?.parse().ok())
}

/// [`CLOSED_UNANSWERED`] as a literal `concat!` takes.
macro_rules! closed_unanswered {
    () => {
        "CASE WHEN t.first_response_at IS NULL THEN
            (SELECT s.status_hlc FROM tickets s WHERE s.no = t.no AND s.is_open = 0) END"
    };
}

/// The time of the status change of a ticket resolved or closed without a first response (see
/// [`CLOSED_UNANSWERED`]), from column `i`.
pub(super) fn closed_unanswered(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(r.get_ref(i)?.as_blob_or_null()?.and_then(super::codec::hlc_wall))
}

/// The clock of the status of a ticket resolved or closed without a first response (tickets `t`), else
/// NULL: when its first-response clock stopped (DOMAIN.md is silent; README "SLA"). Read through the
/// row only for unanswered tickets, so a list reading an index of answered ones stays on the index.
pub(super) const CLOSED_UNANSWERED: &str = closed_unanswered!();

/// The columns of an [`TicketSummary`] (tickets `t`, customers `c`), in [`read_light`]'s order.
macro_rules! light_columns {
    ($name:literal, $closed_unanswered:expr) => {
        concat!(
            "t.id, t.number, t.customer_id, ",
            $name,
            ", t.title, t.kind, t.status, t.assignee, t.received_at, t.first_response_at, t.resolve_by, ",
            $closed_unanswered
        )
    };
}
pub(super) const LIGHT_COLUMNS: &str = light_columns!("c.name", closed_unanswered!());

pub(super) const LIGHT_SELECT: &str = concat!(
    "SELECT ",
    light_columns!("c.name", closed_unanswered!()),
    " FROM tickets t JOIN customers c ON c.id = t.customer_id"
);

/// The light columns of many tickets without the join: the customer's name comes from
/// [`CustomerNames`] (a list of thousands of tickets of a few hundred customers pays one probe of
/// the customers' index per customer, not per ticket). `WHERE` must follow.
pub(super) const LIST_SELECT: &str =
    concat!("SELECT ", light_columns!("NULL", closed_unanswered!()), " FROM tickets t");

/// [`LIST_SELECT`] of open tickets only (`WHERE t.is_open = 1` must follow): read from the
/// `tickets_open_rows` index alone. Named, because without statistics the planner prefers
/// `tickets_open`, whose equality on `is_open` looks better but needs a table lookup per ticket.
pub(super) const OPEN_LIST_SELECT: &str =
    concat!("SELECT ", light_columns!("NULL", "NULL"), " FROM tickets t INDEXED BY tickets_open_rows");

/// An [`TicketSummary`] from the light columns: the customer's name from the row (`c.name`) or, where
/// the row has none ([`LIST_SELECT`]), from `names`.
pub(super) fn read_light_with(
    conn: &rusqlite::Connection,
    names: &mut CustomerNames,
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<TicketSummary> {
    let customer = r.get_ref(2)?.as_blob()?;
    let (customer_id, customer_name) = match r.get::<_, Option<String>>(3)? {
        Some(name) => (super::codec::id_text(customer), name),
        None => names.get(conn, customer)?,
    };
    summary(r, customer_id, customer_name)
}

/// An [`TicketSummary`] from [`LIGHT_COLUMNS`] (the customer's name joined in).
pub(super) fn read_light(r: &rusqlite::Row<'_>) -> rusqlite::Result<TicketSummary> {
    summary(r, super::codec::id_text(r.get_ref(2)?.as_blob()?), r.get(3)?)
}

/// The [`TicketSummary`] of a row of [`LIGHT_COLUMNS`] whose customer is already known.
fn summary(r: &rusqlite::Row<'_>, customer_id: String, customer_name: String) -> rusqlite::Result<TicketSummary> {
    Ok(TicketSummary {
        id: TicketId::new(super::codec::id_text(r.get_ref(0)?.as_blob()?)),
        number: r.get(1)?,
        customer_id: CustomerId::new(customer_id),
        customer_name,
        title: r.get(4)?,
        kind: r.get_ref(5)?.as_str()?.parse().unwrap_or(TicketKind::Request),
        status: r.get_ref(6)?.as_str()?.parse().unwrap_or(TicketStatus::Open),
        assignee: r.get(7)?,
        received_at: from_ts(r.get(8)?),
        first_response_at: r.get::<_, Option<i64>>(9)?.map(from_ts),
        resolve_by: r.get::<_, Option<i64>>(10)?.map(from_ts),
        closed_unanswered_at: closed_unanswered(r, 11)?,
    })
}

/// A ticket's first-response facts, for SLA compliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFacts {
    pub id: TicketId,
    pub customer_id: CustomerId,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    /// As [`TicketSummary::closed_unanswered_at`].
    pub closed_unanswered_at: Option<DateTime<Utc>>,
}

impl ResponseFacts {
    /// When the first-response clock stopped (see [`crate::domain::sla::clock_stop`]).
    pub fn sla_stop(&self) -> Option<DateTime<Utc>> {
        crate::domain::sla::clock_stop(self.first_response_at, self.closed_unanswered_at)
    }
}

impl Store {
    /// Every open ticket (new, open, waiting), light columns only, oldest first.
    pub fn open_tickets(&self) -> Result<Vec<TicketSummary>> {
        let sql = format!("{OPEN_LIST_SELECT} WHERE t.is_open = 1 ORDER BY t.received_at, t.id");
        let conn = self.conn();
        let mut names = CustomerNames::default();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| read_light_with(conn, &mut names, r))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every ticket of one customer, closed ones too, light columns only, newest first (the
    /// `tickets_customer` index: a big customer's thousands of tickets in one range).
    pub fn customer_tickets(&self, customer_id: &CustomerId) -> Result<Vec<TicketSummary>> {
        let sql = format!("{LIGHT_SELECT} WHERE t.customer_id = id_blob(?1) ORDER BY t.received_at DESC, t.id DESC");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([customer_id], read_light)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every customer's tier history: one query for a whole list.
    pub fn tier_book(&self) -> Result<crate::domain::tiers::TierBook> {
        Ok(crate::domain::tiers::TierBook::new(self.all_tier_changes()?))
    }

    fn all_tier_changes(&self) -> Result<Vec<(String, YearMonth, Tier)>> {
        let mut stmt = self.conn().prepare_cached("SELECT customer_id, from_month, tier FROM tier_changes")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            if let Some((m, t)) = super::list_customers::change(r)? {
                out.push((super::codec::read_id(r, 0)?, m, t));
            }
        }
        Ok(out)
    }

    /// First-response facts of tickets (open or not) received after `after`, oldest first, at most `limit`.
    pub fn responses_after(&self, after: &super::TicketCursor, limit: usize) -> Result<Vec<ResponseFacts>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id_text(t.id), id_text(t.customer_id), t.received_at, t.first_response_at, {CLOSED_UNANSWERED}
                 FROM tickets t WHERE (t.received_at, t.id) > (?1, id_blob(?2)) ORDER BY t.received_at, t.id LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![after.received_at, after.id, limit as i64], |r| {
            Ok(ResponseFacts {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                received_at: from_ts(r.get(2)?),
                first_response_at: r.get::<_, Option<i64>>(3)?.map(from_ts),
                closed_unanswered_at: closed_unanswered(r, 4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Everyone the file knows as a technician: who made a change, and who an open ticket is assigned
    /// to; in name order, each once. Reads the actors table and the open tickets' covering index, not
    /// every ticket ever (someone only ever assigned closed tickets, who never changed anything, is not
    /// offered; `+NAME` still assigns them).
    pub fn technicians(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name FROM actors
             UNION SELECT assignee FROM tickets INDEXED BY tickets_open_rows
                   WHERE is_open = 1 AND assignee IS NOT NULL AND assignee <> ''
             ORDER BY 1",
        )?;
        let mut names: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        // A Czech reader's order (`Ch` after `H`); English keeps SQLite's.
        if self.name_order() == crate::domain::collation::NameOrder::Czech {
            self.name_order().sort_by_name(&mut names, |n| n.as_str());
        }
        Ok(names)
    }

    /// Customers whose name starts with `typed` (ignoring case and diacritics), in name order; an exact
    /// match comes alone (archived or not). For forms, where people type the start of a name: an
    /// archived customer is no candidate for a prefix, so one archived away cannot make a prefix
    /// ambiguous.
    pub fn customers_matching(&self, typed: &str, limit: usize) -> Result<Vec<super::Customer>> {
        self.customers_matching_among(typed, limit, super::Candidates::InUse)
    }

    /// [`Store::customers_matching`] with the customers a prefix may pick from chosen: in use, or
    /// archived (to unarchive one). An exact name finds its customer either way.
    pub fn customers_matching_among(
        &self,
        typed: &str,
        limit: usize,
        among: super::Candidates,
    ) -> Result<Vec<super::Customer>> {
        if let Some(found) = self.customers_exactly(typed, among)? {
            return Ok(found);
        }
        let key = crate::domain::text::fold(&crate::domain::text::clean_name(typed));
        if key.is_empty() {
            return Ok(Vec::new());
        }
        // A key range rather than LIKE, so the `customers_name_key` index serves it.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id_text(id) FROM customers WHERE name_key >= ?1 AND name_key < ?2 AND {} AND {}
                 ORDER BY {}, id LIMIT ?3",
            super::customers::NOT_GONE,
            match among {
                super::Candidates::InUse => "customers.state = 0",
                super::Candidates::Archived => "customers.state <> 0",
            },
            // The reader's order (the few that match are sorted; the range is still the index's).
            match self.name_order() {
                crate::domain::collation::NameOrder::Folded => "name_key",
                crate::domain::collation::NameOrder::Czech => "cs_key(name)",
            }
        ))?;
        let ids: Vec<CustomerId> = stmt
            .query_map(params![key, format!("{key}\u{10FFFF}"), limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(c) = self.customer(&id)? {
                out.push(c);
            }
        }
        Ok(out)
    }
}
