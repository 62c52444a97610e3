//! Reading the operation log: the select every reader shares, one operation by its clock, and decoding a
//! row (device and clock from their compact columns, the change from its compressed body).

use rusqlite::{Connection, OptionalExtension, params};

use super::{OpRecord, Result};

/// The operations of the log, read with [`read_op`]: append `WHERE …`/`ORDER BY …` (`o` is the log).
pub(super) const OP_SELECT: &str = "SELECT d.id, o.clock, a.name, o.body FROM oplog o JOIN devices d ON d.no = o.device JOIN actors a ON a.no = o.actor";

/// The operation at clock value `hlc` (its device and clock), if the log has it.
pub(super) fn op_at(conn: &Connection, hlc: &str) -> Result<Option<OpRecord>> {
    let Ok(h) = hlc.parse::<super::Hlc>() else { return Ok(None) };
    let sql = format!("{OP_SELECT} WHERE o.device = (SELECT no FROM devices WHERE id = id_blob(?1)) AND o.clock = ?2");
    Ok(conn.prepare_cached(&sql)?.query_row(params![h.device, super::codec::clock_of(&h)], read_op).optional()?)
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
