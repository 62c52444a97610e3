//! The team's operation log on the server: pushing (a batch, its rows, a bulk move), heads, and what
//! a pull reads.

use postgres::GenericClient;

/// The highest clock per device the server holds.
pub fn heads(client: &mut impl GenericClient) -> Result<Vec<(String, String)>, postgres::Error> {
    Ok(client.query("SELECT device, hlc FROM helpdesk.heads", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// A desk's push of `rows` (its own operations, in clock order) in the caller's transaction, in one
/// statement (`helpdesk.push`): (how many were beyond what the server held of the desk, the clocks of
/// those already there with other content). With clashes the caller must roll back.
pub fn push(
    client: &mut impl GenericClient,
    device: &str,
    vector: &str,
    rows: &[Row],
) -> Result<(usize, Vec<String>), postgres::Error> {
    let devices: Vec<&str> = rows.iter().map(|r| r.device.as_str()).collect();
    let hlcs: Vec<&str> = rows.iter().map(|r| r.hlc.as_str()).collect();
    let actors: Vec<&str> = rows.iter().map(|r| r.actor.as_str()).collect();
    let bodies: Vec<&str> = rows.iter().map(|r| r.body.as_str()).collect();
    let row = client.query_one(
        "SELECT sent, clashes FROM helpdesk.push($1, $2, $3, $4, $5, $6)",
        &[&device, &vector, &devices, &hlcs, &actors, &bodies],
    )?;
    Ok((usize::try_from(row.get::<_, i32>(0)).unwrap_or(0), row.get(1)))
}

/// The server's wall clock now, in unix milliseconds (what a desk's clock is bounded by at a push).
pub fn clock_millis(client: &mut impl GenericClient) -> Result<i64, postgres::Error> {
    Ok(client.query_one("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint", &[])?.get(0))
}

/// The highest clock the server holds of `device` (empty: none).
pub fn head_of(client: &mut impl GenericClient, device: &str) -> Result<String, postgres::Error> {
    Ok(client
        .query_opt("SELECT hlc FROM helpdesk.heads WHERE device = $1", &[&device])?
        .map_or(String::new(), |r| r.get(0)))
}

/// Records that the desk `device` reached the server now (only the connected role's own desk).
pub fn touch(client: &mut impl GenericClient, device: &str) -> Result<(), postgres::Error> {
    client.execute("SELECT helpdesk.touch($1)", &[&device])?;
    Ok(())
}

/// How many operations the server holds beyond `vector` (device → clock): a replica's lag, or a
/// snapshot's. Device by device along the log's key (every device that pushed has a head), so only the
/// operations beyond are read: at the full-size team (17 M operations) 0.3 s instead of a 6 s scan.
pub fn count_beyond(client: &mut impl GenericClient, vector: &[(String, String)]) -> Result<i64, postgres::Error> {
    if vector.is_empty() {
        // Everything (a new replica's first page): one scan is quicker than the whole key read device
        // by device (6.4 s and 8.4 s at the full size).
        return Ok(client.query_one("SELECT count(*) FROM helpdesk.ops", &[])?.get(0));
    }
    let devices: Vec<&str> = vector.iter().map(|(d, _)| d.as_str()).collect();
    let hlcs: Vec<&str> = vector.iter().map(|(_, h)| h.as_str()).collect();
    Ok(client
        .query_one(
            "SELECT coalesce(sum((SELECT count(*) FROM helpdesk.ops o
                                  WHERE o.device = h.device AND o.hlc > coalesce(v.hlc, ''))), 0)::bigint
             FROM helpdesk.heads h LEFT JOIN unnest($1::text[], $2::text[]) AS v(device, hlc) USING (device)",
            &[&devices, &hlcs],
        )?
        .get(0))
}

/// A new batch of operations pushed by `device`, which knew `vector` (JSON) then.
pub fn new_batch(client: &mut impl GenericClient, device: &str, vector: &str) -> Result<i64, postgres::Error> {
    Ok(client
        .query_one("INSERT INTO helpdesk.batches (device, vector) VALUES ($1, $2) RETURNING id", &[&device, &vector])?
        .get(0))
}

/// One operation as the server stores it.
#[derive(Debug, Clone)]
pub struct Row {
    pub device: String,
    pub hlc: String,
    pub actor: String,
    pub body: String,
}

/// Inserts operations in batch `batch`; those already there are left alone. Returns the keys of those
/// that were already there with other content (a clash: one device never writes two operations at one
/// clock).
/// `sent` hears how many were sent so far (after each chunk of 1 000).
pub fn insert_ops(
    client: &mut impl GenericClient,
    batch: i64,
    rows: &[Row],
    sent: &dyn Fn(usize),
) -> Result<Vec<String>, postgres::Error> {
    let mut clashes = Vec::new();
    for (i, chunk) in rows.chunks(1000).enumerate() {
        sent(i * 1000);
        let devices: Vec<&str> = chunk.iter().map(|r| r.device.as_str()).collect();
        let hlcs: Vec<&str> = chunk.iter().map(|r| r.hlc.as_str()).collect();
        let actors: Vec<&str> = chunk.iter().map(|r| r.actor.as_str()).collect();
        let bodies: Vec<&str> = chunk.iter().map(|r| r.body.as_str()).collect();
        let differing = client.query(
            "WITH incoming AS (
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(device, hlc, actor, body)
             ), added AS (
                 INSERT INTO helpdesk.ops (device, hlc, actor, body, batch)
                 SELECT device, hlc, actor, body, $5 FROM incoming
                 ON CONFLICT (device, hlc) DO NOTHING RETURNING device, hlc
             )
             SELECT i.hlc FROM incoming i JOIN helpdesk.ops o USING (device, hlc)
             WHERE (o.actor, o.body) IS DISTINCT FROM (i.actor, i.body)
               AND NOT EXISTS (SELECT 1 FROM added a WHERE a.device = i.device AND a.hlc = i.hlc)",
            &[&devices, &hlcs, &actors, &bodies, &batch],
        )?;
        clashes.extend(differing.iter().map(|r| r.get::<_, String>(0)));
    }
    sent(rows.len());
    Ok(clashes)
}

/// Whether the log holds any operation of these devices (a bulk move of their log is then not
/// possible: what is there already must be compared, operation by operation, see [`insert_ops`]).
pub fn holds_ops_of(client: &mut impl GenericClient, devices: &[&str]) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT EXISTS (SELECT 1 FROM helpdesk.ops WHERE device = ANY($1))", &[&devices])?.get(0))
}

/// A bulk move of operations into the log (`team init --from`, by the admin, of devices the log holds
/// nothing of): one `COPY`, with the per-row triggers off for it — the identity check, which lets the
/// admin insert anything anyway, and the heads' upkeep, which [`BulkLog::finish`] does in one
/// statement. All of it in the caller's transaction: the triggers are off for nobody else (`ALTER
/// TABLE` locks the log until the commit) and on again when it ends, however it ends.
pub struct BulkLog<'a> {
    writer: postgres::CopyInWriter<'a>,
    batch: String,
    line: String,
}

impl<'a> BulkLog<'a> {
    pub fn start(tx: &'a mut postgres::Transaction<'_>, batch: i64) -> Result<BulkLog<'a>, postgres::Error> {
        tx.batch_execute("ALTER TABLE helpdesk.ops DISABLE TRIGGER check_op, DISABLE TRIGGER advance_head")?;
        let writer = tx.copy_in("COPY helpdesk.ops (device, hlc, actor, body, batch) FROM STDIN")?;
        Ok(BulkLog { writer, batch: batch.to_string(), line: String::new() })
    }

    /// One operation, as a line of COPY's text format.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        use std::io::Write;
        self.line.clear();
        for field in [&row.device, &row.hlc, &row.actor, &row.body] {
            copy_text(&mut self.line, field);
            self.line.push('\t');
        }
        self.line.push_str(&self.batch);
        self.line.push('\n');
        self.writer.write_all(self.line.as_bytes())
    }

    /// Ends the COPY: how many operations it moved.
    pub fn finish(self) -> Result<u64, postgres::Error> {
        self.writer.finish()
    }
}

/// After a [`BulkLog`]: the heads of `devices` from the log in one statement, and the triggers on again.
pub fn bulk_done(tx: &mut postgres::Transaction<'_>, devices: &[&str]) -> Result<(), postgres::Error> {
    tx.execute(
        "INSERT INTO helpdesk.heads AS h (device, hlc)
         SELECT device, max(hlc) FROM helpdesk.ops WHERE device = ANY($1) GROUP BY device
         ON CONFLICT (device) DO UPDATE SET hlc = excluded.hlc WHERE h.hlc < excluded.hlc",
        &[&devices],
    )?;
    tx.batch_execute("ALTER TABLE helpdesk.ops ENABLE TRIGGER check_op, ENABLE TRIGGER advance_head")
}

/// `text` as a field of COPY's text format: backslash, tab, newline and carriage return escaped.
pub(super) fn copy_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// The operations of `device` after clock `after` (empty: all), in clock order, with their batch.
pub fn ops_after(
    client: &mut impl GenericClient,
    device: &str,
    after: &str,
) -> Result<Vec<(Row, i64)>, postgres::Error> {
    let rows = client.query(
        "SELECT hlc, actor, body, batch FROM helpdesk.ops WHERE device = $1 AND hlc > $2 ORDER BY hlc",
        &[&device, &after],
    )?;
    Ok(rows
        .iter()
        .map(|r| (Row { device: device.to_string(), hlc: r.get(0), actor: r.get(1), body: r.get(2) }, r.get(3)))
        .collect())
}

/// Where a pull beyond `vector` (JSON: device → clock) starts: the first batch holding an operation
/// the vector lacks (`None`: nothing to pull). Everything in earlier batches is known, since each
/// device's operations reach the server as a prefix, one push after another.
pub fn first_batch_beyond(client: &mut impl GenericClient, vector: &str) -> Result<Option<i64>, postgres::Error> {
    Ok(client
        .query_one(
            "SELECT min(f.batch) FROM helpdesk.heads h, LATERAL (
                 SELECT o.batch FROM helpdesk.ops o
                 WHERE o.device = h.device AND o.hlc > coalesce($1::text::jsonb ->> h.device, '')
                 ORDER BY o.hlc LIMIT 1) f",
            &[&vector],
        )?
        .get(0))
}

/// Where the operations `vector` (JSON) lacks begin in push order: the lowest (batch, clock) among
/// them (each device's first one it lacks is that device's lowest: a device's batches follow its
/// clock). A pull's page starts there, not at the start of the batch: a team moved in by `team init
/// --from` is one batch, and a page that walked it from its start past everything applied already
/// read more of it at every page (a join's pages got slower and slower: 50 s of 200 at 100 000 tickets).
pub fn first_beyond(client: &mut impl GenericClient, vector: &str) -> Result<Option<(i64, String)>, postgres::Error> {
    let row = client.query_opt(
        "SELECT f.batch, f.hlc FROM helpdesk.heads h, LATERAL (
             SELECT o.batch, o.hlc FROM helpdesk.ops o
             WHERE o.device = h.device AND o.hlc > coalesce($1::text::jsonb ->> h.device, '')
             ORDER BY o.hlc LIMIT 1) f
         ORDER BY f.batch, f.hlc LIMIT 1",
        &[&vector],
    )?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// One page of a pull: at most `limit` operations that `vector` (JSON) lacks, from (batch, clock)
/// `from` on, in push order (batch, then clock), with their batch.
pub fn page_after(
    client: &mut impl GenericClient,
    vector: &str,
    from: (i64, &str),
    limit: i64,
) -> Result<Vec<(Row, i64)>, postgres::Error> {
    let rows = client.query(
        "SELECT device, hlc, actor, body, batch FROM helpdesk.ops
         WHERE (batch, hlc) >= ($2, $3) AND hlc > coalesce($1::text::jsonb ->> device, '')
         ORDER BY batch, hlc LIMIT $4",
        &[&vector, &from.0, &from.1, &limit],
    )?;
    Ok(rows
        .iter()
        .map(|r| (Row { device: r.get(0), hlc: r.get(1), actor: r.get(2), body: r.get(3) }, r.get(4)))
        .collect())
}

/// The vectors the batches were pushed with: (id, device, vector JSON).
pub fn batches(client: &mut impl GenericClient, ids: &[i64]) -> Result<Vec<(i64, String, String)>, postgres::Error> {
    let rows =
        client.query("SELECT id, device, vector FROM helpdesk.batches WHERE id = ANY($1) ORDER BY id", &[&ids])?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
}
