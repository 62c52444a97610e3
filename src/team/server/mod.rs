//! Every statement helpdesk sends to a team's PostgreSQL server: the server's schema and its versioned
//! migrations, the rules the server itself enforces (who may write, as whom), pushing and pulling
//! operations, ticket numbers, and the roles' grants. No other module writes PostgreSQL SQL.
//!
//! The schema `helpdesk` holds:
//! - `schema_version` — one row per migration applied; a server newer than this helpdesk is refused;
//! - `team` — the team's id (the same as every replica's) and the server's identity;
//! - `technicians` (PostgreSQL role → technician name), `viewers` (roles that may only read);
//! - `desks` — each replica's device id, the role that made it and its copy tag (for offline numbers);
//! - `batches` — one per push: the pushing desk and its version vector at that moment (what it knew,
//!   which decides whether a change it pushed overrode another knowingly or is a conflict);
//! - `ops` — the team's operation log, keyed by (device, clock), with the actor and the change as the
//!   sync format's JSON; `heads` — the highest clock per device (kept by a trigger);
//! - the sequence `ticket_numbers` — the team's plain ticket numbers;
//! - `snapshots`, `snapshot_parts` — replicas' files kept for `team join` (`snapshots.rs`).
//!
//! Identity is enforced inside the server, whatever client inserts: a trigger on `ops` refuses an
//! operation whose actor is not the technician mapped to `current_user`, or whose device or batch is
//! not that role's; viewers are granted SELECT only. The schema's owner (who ran `team init`) may
//! insert anything: it moves a whole team file's log in.

mod log;
mod people;
mod schema;
mod snapshots;

pub use log::{
    BulkLog, Row, batches, bulk_done, clock_millis, count_beyond, first_batch_beyond, first_beyond, head_of, heads,
    holds_ops_of, insert_ops, new_batch, ops_after, page_after, push, touch,
};
pub use people::{
    DeskRow, add_technician, add_viewer, claim_desk, current_role, desk_tags, desks, is_viewer, role_exists,
    technician_of,
};
pub(super) use schema::MIGRATIONS;
pub use schema::{LOG_FORMAT, SCHEMA_VERSION};
pub use snapshots::{
    PART_BYTES, SnapshotRow, begin_snapshot, complete_snapshot, drop_snapshot, may_write_snapshots,
    newest_readable_snapshot, newest_snapshot, part, put_part,
};

use postgres::{Client, GenericClient};

/// The channel `LISTEN` waits on.
pub const CHANNEL: &str = "helpdesk_ops";

/// The server's schema version: `None` when `team init` never ran there.
pub fn schema_version(client: &mut impl GenericClient) -> Result<Option<i32>, postgres::Error> {
    let exists: bool = client.query_one("SELECT to_regclass('helpdesk.schema_version') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(None);
    }
    let version: Option<i32> = client.query_one("SELECT max(version) FROM helpdesk.schema_version", &[])?.get(0);
    Ok(Some(version.unwrap_or(0)))
}

/// Brings the schema from `from` to [`SCHEMA_VERSION`] in one transaction; a new schema gets the team's
/// id and a fresh server identity.
pub fn migrate(client: &mut Client, from: i32, team_id: &str) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    // Two admins running `team init` at once: the second waits, then finds the schema there.
    tx.execute("SELECT pg_advisory_xact_lock(hashtext('helpdesk team init'))", &[])?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO helpdesk.schema_version (version) VALUES ($1)", &[&(i as i32 + 1)])?;
    }
    if from == 0 {
        tx.execute("INSERT INTO helpdesk.team (team_id, server_id) VALUES ($1, gen_random_uuid()::text)", &[&team_id])?;
    }
    tx.commit()
}

/// (team id, server identity).
pub fn team(client: &mut impl GenericClient) -> Result<(String, String), postgres::Error> {
    let row = client.query_one("SELECT team_id, server_id FROM helpdesk.team", &[])?;
    Ok((row.get(0), row.get(1)))
}

/// Whether the server's log holds any ticket.
pub fn holds_tickets(client: &mut impl GenericClient) -> Result<bool, postgres::Error> {
    Ok(client
        .query_one("SELECT EXISTS (SELECT 1 FROM helpdesk.ops WHERE body LIKE '{\"op\":\"ticket_opened\"%')", &[])?
        .get(0))
}

/// The team's next plain ticket number.
pub fn next_ticket_number(client: &mut impl GenericClient) -> Result<i64, postgres::Error> {
    Ok(client.query_one("SELECT nextval('helpdesk.ticket_numbers')", &[])?.get(0))
}

/// Moves the ticket numbers past `number` (never back).
pub fn numbers_past(client: &mut impl GenericClient, number: i64) -> Result<(), postgres::Error> {
    client.execute(
        "SELECT setval('helpdesk.ticket_numbers', greatest($1, (SELECT last_value FROM helpdesk.ticket_numbers)))",
        &[&number],
    )?;
    Ok(())
}

/// The key of the team's pricing lock (`pg_try_advisory_lock`): one desk prices closed months at a
/// time (see `Desk::price`). Any fixed number; the team's database holds nothing else.
const PRICING_LOCK: i64 = 0x6865_6c70_6465_736b; // "helpdesk"

/// Takes the team's pricing lock for this session if no other desk holds it: whether it did.
pub fn try_pricing_lock(client: &mut postgres::Client) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT pg_try_advisory_lock($1)", &[&PRICING_LOCK])?.get(0))
}

/// Lets the team's pricing lock go (a lost connection lets it go too).
pub fn pricing_unlock(client: &mut postgres::Client) -> Result<(), postgres::Error> {
    client.execute("SELECT pg_advisory_unlock($1)", &[&PRICING_LOCK])?;
    Ok(())
}

/// `LISTEN` on [`CHANNEL`].
pub fn listen(client: &mut Client) -> Result<(), postgres::Error> {
    client.batch_execute(&format!("LISTEN {CHANNEL}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn copy_text_escapes_what_copy_reads_as_structure() {
        let mut out = String::new();
        super::log::copy_text(&mut out, "a\tb\nc\rd\\e \"f\"");
        assert_eq!(out, "a\\tb\\nc\\rd\\\\e \"f\"");
    }

    /// A new sync format is a new server schema: an older desk is refused when it connects.
    #[test]
    fn the_server_schema_moves_with_the_sync_format() {
        assert_eq!(
            super::LOG_FORMAT,
            crate::sync::FORMAT,
            "a new sync format needs a server migration: add one, bump SCHEMA_VERSION and LOG_FORMAT"
        );
        assert_eq!(super::MIGRATIONS.len(), super::SCHEMA_VERSION as usize);
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(super::people::quote_ident("al\"ice"), "\"al\"\"ice\"");
    }
}
