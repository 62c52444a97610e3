//! Replay: the state tables, their dumps (what a replay must reproduce), and rebuilding them from the
//! log.

use rusqlite::Connection;

use super::apply;
use crate::store::Result;

/// State tables in dependency order (children last).
pub const STATE_TABLES: [&str; 17] = [
    "customers",
    "tier_changes",
    "tickets",
    "comments",
    "time_entries",
    "entry_removals",
    "timers",
    "month_closes",
    "closed_statements",
    "closed_entries",
    "adjustments",
    "status_reports",
    "conflict_settlements",
    "copy_tags",
    "contacts",
    "mail_domains",
    "contested",
];

/// Each state table as `Store::state_dump` shows it: ids, clocks and references as their text, without
/// the file's own row numbers (which differ between copies), so equal dumps mean equal state.
pub const STATE_DUMPS: [(&str, &str); 19] = [
    (
        "customers",
        "SELECT id_text(id), name, name_key, contact, created_at, hlc_text(name_hlc), hlc_text(contact_hlc), state,
            hlc_text(state_hlc)
         FROM customers",
    ),
    ("tier_changes", "SELECT id_text(customer_id), from_month, tier, hlc_text(hlc) FROM tier_changes"),
    (
        "tickets",
        "SELECT id_text(id), number, device_tag, seq, id_text(customer_id), title, description, kind, status, is_open,
            assignee, received_at, first_response_at, resolve_by, hlc_text(title_hlc), hlc_text(description_hlc),
            hlc_text(kind_hlc), hlc_text(status_hlc), hlc_text(assignee_hlc), hlc_text(response_hlc),
            hlc_text(number_hlc), hlc_text(customer_hlc)
         FROM tickets",
    ),
    ("comments", "SELECT id_text(id), id_text(ticket_id), author, body, created_at, deleted FROM comments"),
    (
        "time_entries",
        "SELECT id_text(e.id), id_text(t.id), id_text(c.id), e.started_at, e.minutes, e.technician, e.role, e.note,
            id_text(e.replaces), e.voided, id_text(coalesce(e.entry, e.id)), hlc_text(hlc_pack(e.clock, d.id)), e.ran
         FROM time_entries e JOIN tickets t ON t.no = e.ticket JOIN customers c ON c.no = e.customer
            LEFT JOIN devices d ON d.no = e.device",
    ),
    ("entry_removals", "SELECT id_text(entry), hlc_text(hlc) FROM entry_removals"),
    ("timers", "SELECT id_text(id), technician, id_text(ticket_id), started_at, role, stopped FROM timers"),
    ("month_closes", "SELECT month, starts_at, ends_at, closed, hlc_text(hlc) FROM month_closes"),
    ("closed_statements", "SELECT month, id_text(customer_id), body FROM closed_statements"),
    ("closed_entries", "SELECT month, id_text(entry_id) FROM closed_entries"),
    (
        "adjustments",
        "SELECT id_text(id), id_text(customer_id), id_text(ticket_id), work_month, booked_month, minutes, amount,
            description, created_at, entry_id, cancelled, hlc_text(close)
         FROM adjustments",
    ),
    ("status_reports", "SELECT id_text(id), id_text(customer_id), done_on, note, created_at FROM status_reports"),
    ("conflict_settlements", "SELECT id, resolution, settled_at, hlc_text(hlc) FROM conflict_settlements"),
    ("copy_tags", "SELECT id_text(device), tag, retired FROM copy_tags"),
    ("contacts", "SELECT id_text(customer_id), email, name, lang, removed, hlc_text(hlc) FROM contacts"),
    ("mail_domains", "SELECT domain, id_text(customer_id), hlc_text(hlc) FROM mail_domains"),
    // The mail intake's bookkeeping that travels (schema 13); which files a Maildir held stays local.
    (
        "mail_threads",
        "SELECT message_id, id_text(ticket_id), sender, incoming, at, hlc_text(hlc) FROM mail_threads",
    ),
    (
        "mail_triage",
        "SELECT id_text(uid), key, message_id, sender, sender_name, subject, body, kind, received_at,
            id_text(ticket_id), hlc_text(assigned_hlc)
         FROM mail_triage",
    ),
    (
        "contested",
        "SELECT id, id_text(subject), field, CASE field WHEN 'timer' THEN id_text(loser) ELSE hlc_text(loser) END, value,
            id_text(version), id_text(ticket_id), id_text(customer_id)
         FROM contested",
    ),
];

/// Empties the state tables and replays the whole log in clock order (`progress`: operations so far).
/// Tickets keep their numbers in the file (`tickets.no`, which the log refers to).
pub(in crate::store) fn rebuild(
    conn: &Connection,
    zone: Option<chrono_tz::Tz>,
    progress: &mut dyn FnMut(usize),
) -> Result<usize> {
    // Rows outside the state tables (sync conflicts) refer to tickets: check references once the log is
    // replayed, at the end of the caller's transaction, not while the tables are empty.
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    conn.execute("DELETE FROM temp.ticket_nos", [])?;
    conn.execute("INSERT INTO temp.ticket_nos (id, no) SELECT id, no FROM tickets", [])?;
    crate::store::search::clear(conn)?;
    crate::store::search::defer(conn)?;
    crate::store::month_totals::defer(conn)?;
    conn.execute("DELETE FROM work_months", [])?;
    conn.execute("DELETE FROM month_figures", [])?;
    for table in STATE_TABLES.iter().rev() {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut n = 0;
    let numbers = super::Numbers::default();
    crate::store::oplog::each_in_clock_order(conn, &mut |op| {
        apply(conn, &numbers, &op, None)?;
        n += 1;
        progress(n);
        Ok(())
    })?;
    conn.execute("DELETE FROM temp.ticket_nos", [])?;
    crate::store::search::flush(conn)?;
    match zone {
        Some(zone) => crate::store::month_totals::rebuild(conn, zone)?,
        None => crate::store::month_totals::flush(conn, None)?,
    }
    Ok(n)
}
