//! Applying time entries and timers: an entry's versions, the newest current.

use rusqlite::{Connection, OptionalExtension, params};

use super::log::Numbers;
use crate::store::work::{ENTRY_ROWS, entry_of};
use crate::store::{Change, OpRecord};
use crate::store::{Result, StoreError};

/// Applies a time entry or timer change (the arms of [`super::apply`] for them).
pub(super) fn apply(
    conn: &Connection,
    numbers: &Numbers,
    op: &OpRecord,
    change: &Change,
    h: &[u8],
    zone: Option<chrono_tz::Tz>,
) -> Result<()> {
    use Change::*;
    match change {
        TimeEntryAdded {
            id,
            ticket,
            customer,
            started_at,
            minutes,
            technician,
            role,
            note,
            replaces,
            entry,
            restores,
            ..
        } => {
            // The version is known by the clock and device of the operation that made it.
            let (clock, device) = version_of(conn, numbers, &op.hlc)?;
            let entry = match (entry, replaces) {
                (Some(e), _) => e.clone(),
                (None, Some(old)) => entry_of(conn, old)?.unwrap_or_else(|| old.clone()),
                (None, None) => id.clone(),
            };
            let fresh = numbers.fresh();
            // In a join's load of an empty file, an entry it never saw has nothing in force (`ops::fresh`).
            let before = match fresh {
                Some(f) if f.entry_unseen(&entry) => None,
                _ => crate::store::conflicts::entry_in_force(conn, &entry)?,
            };
            if let Some(f) = fresh {
                // (This row's id too: a look-up by an entry key matches a row by its id as well.)
                f.saw_entry(&entry);
                if entry != *id {
                    f.saw_entry(id);
                }
            }
            // A first version is current unless the entry was removed (by a newer clock); any other
            // version is born voided and the entry's current version decided among all of them.
            let first = entry == *id;
            // (Nothing in force before means no removal either: a first version then stands.)
            let voided = !first
                || before.is_some()
                    && conn
                        .prepare_cached("SELECT 1 FROM entry_removals WHERE entry = id_blob(?1) AND hlc > ?2")?
                        .query_row(params![entry, h], |_| Ok(()))
                        .optional()?
                        .is_some();
            // The ticket's and customer's numbers as the statement below would find them, when known.
            let known = match fresh {
                Some(f) => f.ticket(conn, ticket)?.and_then(|t| Some((t.no, t.customer_no?))),
                None => None,
            };
            // One statement either way: the known numbers bound, else looked up (`coalesce` stops at the
            // first value, so a known number costs no subquery).
            let (ticket_no, customer_no) = known.unzip();
            let added = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO time_entries (id, ticket, customer, started_at, minutes, technician, role,
                        note, replaces, entry, clock, device, voided)
                     VALUES (id_blob(?1), coalesce(?14, (SELECT no FROM tickets WHERE id = id_blob(?2))),
                        coalesce(?15, (SELECT c.no FROM tickets t JOIN customers c ON c.id = t.customer_id
                            WHERE t.id = id_blob(?2)), (SELECT no FROM customers WHERE id = id_blob(?3))),
                        ?4, ?5, ?6, ?7, ?8, id_blob(?9), id_blob(?10), ?11, ?12, ?13)",
                )?
                .execute(params![
                    id,
                    ticket,
                    customer,
                    started_at,
                    minutes,
                    technician,
                    role.as_str(),
                    note,
                    replaces,
                    (!first).then_some(&entry),
                    clock,
                    device,
                    voided,
                    ticket_no,
                    customer_no
                ])?;
            if added > 0 && first && !voided {
                crate::store::month_totals::touch(conn, zone, ticket, role.as_str(), *started_at)?;
            } else if added > 0 && !first {
                settle_entry(conn, zone, &entry)?;
            }
            // A first version of an entry this file knew nothing of, in force as it came: it replaced
            // nothing and nothing contends with it (`contend_entry` would find it in force, with no
            // version or removal before it and no parent or removal it undoes: nothing to record).
            let uncontended = first && !voided && before.is_none() && replaces.is_none() && restores.is_none();
            if added > 0 && !uncontended {
                if replaces.is_none() && restores.is_none() && !first {
                    // What a timer booked: at most until its technician's next timer started.
                    crate::store::cuts::recut(conn, zone, &entry)?;
                }
                let node = crate::store::conflicts::EntryNode::Version { row: id.clone(), clock: h.to_vec() };
                let undone = restores.as_deref().map(crate::store::codec::hlc_blob);
                crate::store::conflicts::contend_entry(conn, &entry, &node, replaces.as_deref(), undone, before)?;
            }
        }
        TimeEntryVoided { id } => {
            let entry = entry_of(conn, id)?.unwrap_or_else(|| id.clone());
            if let Some(f) = numbers.fresh() {
                f.saw_entry(&entry);
            }
            let before = crate::store::conflicts::entry_in_force(conn, &entry)?;
            conn.prepare_cached(
                "INSERT INTO entry_removals (entry, hlc) VALUES (id_blob(?1), ?2)
                 ON CONFLICT (entry) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > entry_removals.hlc",
            )?
            .execute(params![entry, h])?;
            settle_entry(conn, zone, &entry)?;
            let node = crate::store::conflicts::EntryNode::Removed { clock: h.to_vec() };
            crate::store::conflicts::contend_entry(conn, &entry, &node, Some(id), None, before)?;
        }
        TimerStarted { id, technician, ticket, started_at, role } => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO timers (id, technician, ticket_id, started_at, role)
                 VALUES (id_blob(?1), ?2, id_blob(?3), ?4, ?5)",
            )?
            .execute(params![id, technician, ticket, started_at, role.as_str()])?;
            crate::store::cuts::timer_started(conn, zone, id)?;
        }
        TimerStopped { id, unbooked } => {
            conn.prepare_cached("UPDATE timers SET stopped = 1 WHERE id = id_blob(?1)")?.execute([id])?;
            if let Some(later) = unbooked {
                crate::store::conflicts::timer_booked_nothing(conn, id, later)?;
            }
        }
        _ => unreachable!("not a time entry or timer change"),
    }
    Ok(())
}

/// The clock and device number of the operation at `hlc` (what a time entry's version is known by).
fn version_of(conn: &Connection, numbers: &Numbers, hlc: &str) -> Result<(i64, i64)> {
    let h: crate::store::Hlc = hlc.parse().map_err(StoreError::Invalid)?;
    Ok((crate::store::codec::clock_of(&h), numbers.device(conn, &h.device)?))
}

/// Decides an entry's current version: its newest row by clock, unless a removal is newer. Voids every
/// other row and keeps the month totals of the rows that changed in step.
fn settle_entry(conn: &Connection, zone: Option<chrono_tz::Tz>, entry: &str) -> Result<()> {
    let newest: Option<(String, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT id_text(e.id), hlc_pack(e.clock, d.id) AS h FROM time_entries e LEFT JOIN devices d ON d.no = e.device
             WHERE (e.id = id_blob(?1) OR e.entry = id_blob(?1)) ORDER BY h DESC, e.id DESC LIMIT 1",
        )?
        .query_row([entry], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let removed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT hlc FROM entry_removals WHERE entry = id_blob(?1)")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    let current = match (newest, removed) {
        (Some((_, hlc)), Some(gone)) if gone > hlc => None,
        (Some((id, _)), _) => Some(id),
        (None, _) => None,
    };
    let changed: Vec<String> = {
        let mut stmt = conn.prepare_cached(&format!(
            "UPDATE time_entries SET voided = (id IS NOT id_blob(?2))
             WHERE {ENTRY_ROWS} AND voided != (id IS NOT id_blob(?2)) RETURNING id_text(id)"
        ))?;
        let rows = stmt.query_map(params![entry, current], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in changed {
        crate::store::month_totals::touch_entry(conn, zone, &id)?;
    }
    Ok(())
}
