//! Reading the operation log: the select every reader shares, one operation by its clock, and decoding a
//! row (device and clock from their compact columns, the change from its compressed body).

use rusqlite::{Connection, OptionalExtension, params};

use super::{OpRecord, Result};

/// The operations of the log, read with [`read_op`]: append `WHERE …`/`ORDER BY …` (`o` is the log).
pub(super) const OP_SELECT: &str = "SELECT d.id, o.clock, a.name, o.body FROM oplog o JOIN devices d ON d.no = o.device JOIN actors a ON a.no = o.actor";

/// The operation at clock value `hlc` (its device and clock), if the log has it.
pub(super) fn op_at(conn: &Connection, hlc: &str) -> Result<Option<OpRecord>> {
    let Ok(h) = hlc.parse::<super::Hlc>() else { return Ok(None) };
    // Whether it is there first, by its key alone: a pull asks this of every operation it brings, and
    // nearly all are new. The select with its joins was prepared again by SQLite at every call while
    // the log grew in the pull's transaction (a third of a pull's time, seen with `perf`); this one is not.
    let device: Option<i64> = conn
        .prepare_cached("SELECT no FROM devices WHERE id = id_blob(?1)")?
        .query_row([&h.device], |r| r.get(0))
        .optional()?;
    let Some(device) = device else { return Ok(None) };
    let clock = super::codec::clock_of(&h);
    let there = conn
        .prepare_cached("SELECT 1 FROM oplog WHERE device = ?1 AND clock = ?2")?
        .query_row(params![device, clock], |_| Ok(()))
        .optional()?;
    if there.is_none() {
        return Ok(None);
    }
    let sql = format!("{OP_SELECT} WHERE o.device = ?1 AND o.clock = ?2");
    Ok(conn.prepare_cached(&sql)?.query_row(params![device, clock], read_op).optional()?)
}

/// Reads an operation selected with [`OP_SELECT`].
pub(super) fn read_op(row: &rusqlite::Row<'_>) -> rusqlite::Result<OpRecord> {
    read_op_from(row, 0)
}

/// Reads an operation whose [`OP_SELECT`] columns start at column `first`.
pub(super) fn read_op_from(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<OpRecord> {
    let device = super::codec::id_text(&row.get::<_, Vec<u8>>(first)?);
    let hlc = super::codec::hlc_of(row.get(first + 1)?, device.clone()).to_string();
    let body: Vec<u8> = row.get(first + 3)?;
    let change = super::codec::decode_body(&body)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(first + 3, rusqlite::types::Type::Blob, Box::new(e)))?;
    Ok(OpRecord { hlc, device, actor: row.get(first + 2)?, change })
}

/// Visits every operation of the log in clock order (ties: by device id, as `ORDER BY o.clock, d.id`),
/// stopping at the first error `visit` returns.
///
/// The log is kept in (device, clock) order, so each device's operations are already in clock order:
/// they are read device by device and merged as they stream, instead of SQLite sorting the whole log,
/// bodies and all, into a temporary table before the first row (seconds at a million operations, and
/// the sort's size on disk).
pub(super) fn each_in_clock_order(
    conn: &Connection,
    visit: &mut dyn FnMut(OpRecord) -> super::Result<()>,
) -> super::Result<()> {
    let devices: Vec<(i64, Vec<u8>)> = {
        let mut stmt = conn.prepare("SELECT no, id FROM devices")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let sql = format!("{OP_SELECT} WHERE o.device = ?1 ORDER BY o.clock");
    let mut stmts = devices.iter().map(|_| conn.prepare(&sql)).collect::<rusqlite::Result<Vec<_>>>()?;
    let mut streams = Vec::with_capacity(devices.len());
    for (stmt, (no, _)) in stmts.iter_mut().zip(&devices) {
        streams.push(stmt.query([no])?);
    }
    // The next operation of each device, keyed by (clock, device id, stream) so the smallest comes first.
    let mut heads = std::collections::BinaryHeap::new();
    let next = |streams: &mut Vec<rusqlite::Rows<'_>>, i: usize| -> super::Result<Option<(i64, OpRecord)>> {
        match streams[i].next()? {
            Some(row) => Ok(Some((row.get(1)?, read_op(row)?))),
            None => Ok(None),
        }
    };
    let mut pending: Vec<Option<OpRecord>> = (0..devices.len()).map(|_| None).collect();
    for (i, (_, id)) in devices.iter().enumerate() {
        if let Some((clock, op)) = next(&mut streams, i)? {
            pending[i] = Some(op);
            heads.push(std::cmp::Reverse((clock, id.clone(), i)));
        }
    }
    while let Some(std::cmp::Reverse((_, id, i))) = heads.pop() {
        // Every stream in the heap has its pending operation.
        let Some(op) = pending[i].take() else { continue };
        if let Some((clock, op)) = next(&mut streams, i)? {
            pending[i] = Some(op);
            heads.push(std::cmp::Reverse((clock, id, i)));
        }
        visit(op)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose log holds three copies' operations (the schema 10 team fixture, upgraded): the merged
    /// streams give exactly the order SQLite's sort of the whole log gives.
    #[test]
    fn the_merged_device_streams_are_the_log_in_clock_order() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("team.db");
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v10-team.db");
        std::fs::copy(fixture, &db).unwrap();
        let store = super::super::Store::open(&db, "alice").unwrap();
        let conn = store.conn();
        let devices: i64 = conn.query_row("SELECT count(DISTINCT device) FROM oplog", [], |r| r.get(0)).unwrap();
        assert!(devices >= 3, "the fixture has operations of {devices} copies");
        let sorted: Vec<String> = conn
            .prepare(&format!("{OP_SELECT} ORDER BY o.clock, d.id"))
            .unwrap()
            .query_map([], read_op)
            .unwrap()
            .map(|op| op.unwrap().hlc)
            .collect();
        let mut merged = Vec::new();
        each_in_clock_order(conn, &mut |op| {
            merged.push(op.hlc);
            Ok(())
        })
        .unwrap();
        assert_eq!(merged, sorted);
        assert_eq!(merged.len(), 15);
    }
}
