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
//! - the sequence `ticket_numbers` — the team's plain ticket numbers.
//!
//! Identity is enforced inside the server, whatever client inserts: a trigger on `ops` refuses an
//! operation whose actor is not the technician mapped to `current_user`, or whose device or batch is
//! not that role's; viewers are granted SELECT only. The schema's owner (who ran `team init`) may
//! insert anything: it moves a whole team file's log in.

use postgres::{Client, GenericClient};

/// The server schema this helpdesk writes and reads. It moves with the sync format ([`LOG_FORMAT`]): a
/// desk on an older helpdesk meets a server whose log it cannot read as "upgrade helpdesk" when it
/// connects, never as a malformed operation in the middle of a pull.
pub const SCHEMA_VERSION: i32 = 4;

/// The sync format (`sync::FORMAT`) of the operations the server's log holds at [`SCHEMA_VERSION`]. A
/// new sync format needs a migration that bumps the schema version with it.
pub const LOG_FORMAT: u32 = 7;

/// Migrations, in order: the n-th brings the schema to version n.
pub(super) const MIGRATIONS: &[&str] = &[
    r#"
CREATE SCHEMA helpdesk;
CREATE TABLE helpdesk.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE helpdesk.team (team_id text NOT NULL, server_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE helpdesk.technicians (role name PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE helpdesk.viewers (role name PRIMARY KEY);
CREATE TABLE helpdesk.desks (
    device text PRIMARY KEY,
    role name NOT NULL DEFAULT current_user,
    tag text NOT NULL UNIQUE,
    joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE helpdesk.batches (
    id bigserial PRIMARY KEY,
    device text NOT NULL,
    role name NOT NULL DEFAULT current_user,
    vector text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE helpdesk.ops (
    device text NOT NULL,
    hlc text NOT NULL,
    actor text NOT NULL,
    body text NOT NULL,
    batch bigint NOT NULL REFERENCES helpdesk.batches,
    PRIMARY KEY (device, hlc)
);
CREATE TABLE helpdesk.heads (device text PRIMARY KEY, hlc text NOT NULL);
CREATE SEQUENCE helpdesk.ticket_numbers;

-- The schema's owner (and superusers): the admin who initialised the team.
CREATE FUNCTION helpdesk.is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'helpdesk'), 'USAGE')
$$;

-- Rows of desks and batches belong to the role that inserts them.
CREATE FUNCTION helpdesk.own_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT helpdesk.is_admin() THEN
        IF NOT EXISTS (SELECT 1 FROM helpdesk.technicians WHERE role = current_user) THEN
            RAISE EXCEPTION 'role % is not a technician of this helpdesk team (a viewer reads only)', current_user
                USING ERRCODE = '42501';
        END IF;
        NEW.role := current_user;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER own_desk BEFORE INSERT ON helpdesk.desks FOR EACH ROW EXECUTE FUNCTION helpdesk.own_row();
CREATE TRIGGER own_batch BEFORE INSERT ON helpdesk.batches FOR EACH ROW EXECUTE FUNCTION helpdesk.own_row();

-- An operation is recorded by the technician of the role that pushes it, from that role's desk.
CREATE FUNCTION helpdesk.check_op() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tech text;
BEGIN
    IF helpdesk.is_admin() THEN
        RETURN NEW;
    END IF;
    SELECT name INTO tech FROM helpdesk.technicians WHERE role = current_user;
    IF tech IS NULL THEN
        RAISE EXCEPTION 'role % is not a technician of this helpdesk team (a viewer reads only)', current_user
            USING ERRCODE = '42501';
    END IF;
    IF NEW.actor IS DISTINCT FROM tech THEN
        RAISE EXCEPTION 'an operation recorded as % was refused: role % is the technician %', NEW.actor, current_user, tech
            USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM helpdesk.desks WHERE device = NEW.device AND role = current_user) THEN
        RAISE EXCEPTION 'device % is not a desk of role %', NEW.device, current_user USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM helpdesk.batches WHERE id = NEW.batch AND role = current_user AND device = NEW.device) THEN
        RAISE EXCEPTION 'batch % is not one of role %', NEW.batch, current_user USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER check_op BEFORE INSERT ON helpdesk.ops FOR EACH ROW EXECUTE FUNCTION helpdesk.check_op();

-- The highest clock per device, kept by the server (technicians cannot write heads themselves).
CREATE FUNCTION helpdesk.advance_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO helpdesk.heads AS h (device, hlc) VALUES (NEW.device, NEW.hlc)
        ON CONFLICT (device) DO UPDATE SET hlc = excluded.hlc WHERE h.hlc < excluded.hlc;
    RETURN NULL;
END $$;
CREATE TRIGGER advance_head AFTER INSERT ON helpdesk.ops FOR EACH ROW EXECUTE FUNCTION helpdesk.advance_head();

-- Every desk listening hears of new operations when their transaction commits.
CREATE FUNCTION helpdesk.announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('helpdesk_ops', '');
    RETURN NULL;
END $$;
CREATE TRIGGER announce AFTER INSERT ON helpdesk.ops FOR EACH STATEMENT EXECUTE FUNCTION helpdesk.announce();
"#,
    r#"
-- Version 2: every desk's last contact (a pull or a push), for the team lead's `team status`.
ALTER TABLE helpdesk.desks ADD COLUMN last_contact timestamptz;
-- A desk records only its own contact: the row of the device that the connected role holds.
CREATE FUNCTION helpdesk.touch(dev text) RETURNS void LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    UPDATE helpdesk.desks SET last_contact = now() WHERE device = dev AND role = session_user
$$;
"#,
    // Version 3: pulls read the log in pages, in push order (batch, then clock), from where they stopped.
    "CREATE INDEX ops_in_push_order ON helpdesk.ops (batch, hlc);",
    // Version 4: the log may hold sync format 7 (repricing corrections keyed by their round), which a
    // helpdesk that knows schema 3 cannot read: it is refused by the version when it connects. And a
    // push is one statement (`helpdesk.push`, see [`push`]) instead of five.
    r#"
COMMENT ON TABLE helpdesk.ops IS 'helpdesk operations, sync format 7';
-- A desk's push, in the caller's transaction: the desk's push lock, the operations beyond what the
-- server holds of the desk, in a new batch with the desk's vector, those already there left alone, and
-- the desk's last contact. `clashes`: operations already there with other content (the caller rolls
-- back); `sent`: how many were beyond the server's head. Runs as the caller, so the identity trigger
-- judges every row as it would an INSERT of the desk's own.
CREATE FUNCTION helpdesk.push(dev text, vec text, devices text[], hlcs text[], actors text[], bodies text[],
        OUT sent integer, OUT clashes text[]) LANGUAGE plpgsql AS $$
DECLARE
    head text;
    b bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('helpdesk push ' || dev));
    SELECT coalesce((SELECT h.hlc FROM helpdesk.heads h WHERE h.device = dev), '') INTO head;
    SELECT count(*) INTO sent FROM unnest(hlcs) AS x(hlc) WHERE x.hlc > head;
    clashes := '{}';
    IF sent = 0 THEN
        RETURN;
    END IF;
    INSERT INTO helpdesk.batches (device, vector) VALUES (dev, vec) RETURNING id INTO b;
    WITH incoming AS (
        SELECT t.* FROM unnest(devices, hlcs, actors, bodies) AS t(device, hlc, actor, body) WHERE t.hlc > head
    ), added AS (
        INSERT INTO helpdesk.ops (device, hlc, actor, body, batch)
        SELECT i.device, i.hlc, i.actor, i.body, b FROM incoming i
        ON CONFLICT (device, hlc) DO NOTHING RETURNING helpdesk.ops.device, helpdesk.ops.hlc
    )
    SELECT coalesce(array_agg(i.hlc), '{}') INTO clashes FROM incoming i JOIN helpdesk.ops o USING (device, hlc)
    WHERE (o.actor, o.body) IS DISTINCT FROM (i.actor, i.body)
      AND NOT EXISTS (SELECT 1 FROM added a WHERE a.device = i.device AND a.hlc = i.hlc);
    IF cardinality(clashes) = 0 THEN
        PERFORM helpdesk.touch(dev);
    END IF;
END $$;
"#,
];

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

/// The role this session acts as.
pub fn current_role(client: &mut impl GenericClient) -> Result<String, postgres::Error> {
    Ok(client.query_one("SELECT current_user::text", &[])?.get(0))
}

pub fn role_exists(client: &mut impl GenericClient, role: &str) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&role])?.get(0))
}

/// The technician a role is mapped to.
pub fn technician_of(client: &mut impl GenericClient, role: &str) -> Result<Option<String>, postgres::Error> {
    Ok(client
        .query_opt("SELECT name FROM helpdesk.technicians WHERE role = $1::text::name", &[&role])?
        .map(|r| r.get(0)))
}

pub fn is_viewer(client: &mut impl GenericClient, role: &str) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT EXISTS (SELECT 1 FROM helpdesk.viewers WHERE role = $1::text::name)", &[&role])?.get(0))
}

/// Maps `role` to technician `name` and grants what a desk needs: read everything, add operations,
/// batches and desks (checked by the triggers), take ticket numbers.
pub fn add_technician(client: &mut Client, role: &str, name: &str) -> Result<(), postgres::Error> {
    let r = quote_ident(role);
    let mut tx = client.transaction()?;
    tx.execute(
        "INSERT INTO helpdesk.technicians (role, name) VALUES ($1::text::name, $2)
         ON CONFLICT (role) DO UPDATE SET name = excluded.name",
        &[&role, &name],
    )?;
    tx.execute("DELETE FROM helpdesk.viewers WHERE role = $1::text::name", &[&role])?;
    tx.batch_execute(&format!(
        "GRANT USAGE ON SCHEMA helpdesk TO {r};
         GRANT SELECT ON ALL TABLES IN SCHEMA helpdesk TO {r};
         GRANT INSERT ON helpdesk.ops, helpdesk.batches, helpdesk.desks TO {r};
         GRANT USAGE ON SEQUENCE helpdesk.ticket_numbers, helpdesk.batches_id_seq TO {r};"
    ))?;
    tx.commit()
}

/// A role that may read the team's data and nothing else.
pub fn add_viewer(client: &mut Client, role: &str) -> Result<(), postgres::Error> {
    let r = quote_ident(role);
    let mut tx = client.transaction()?;
    tx.execute("DELETE FROM helpdesk.technicians WHERE role = $1::text::name", &[&role])?;
    tx.execute("INSERT INTO helpdesk.viewers (role) VALUES ($1::text::name) ON CONFLICT DO NOTHING", &[&role])?;
    tx.batch_execute(&format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA helpdesk FROM {r};
         REVOKE ALL ON ALL SEQUENCES IN SCHEMA helpdesk FROM {r};
         GRANT USAGE ON SCHEMA helpdesk TO {r};
         GRANT SELECT ON ALL TABLES IN SCHEMA helpdesk TO {r};"
    ))?;
    tx.commit()
}

/// Reserves `tag` for the desk `device` of this session's role: false when another desk has it.
pub fn claim_desk(client: &mut impl GenericClient, device: &str, tag: &str) -> Result<bool, postgres::Error> {
    let n = client.execute(
        "INSERT INTO helpdesk.desks (device, tag) VALUES ($1, $2) ON CONFLICT (tag) DO NOTHING",
        &[&device, &tag],
    )?;
    Ok(n == 1)
}

/// Every tag a desk holds (so a new desk picks another).
pub fn desk_tags(client: &mut impl GenericClient) -> Result<Vec<String>, postgres::Error> {
    Ok(client.query("SELECT tag FROM helpdesk.desks", &[])?.iter().map(|r| r.get(0)).collect())
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

/// How many operations the server holds beyond `vector` (device → clock): a replica's lag.
pub fn count_beyond(client: &mut impl GenericClient, vector: &[(String, String)]) -> Result<i64, postgres::Error> {
    let devices: Vec<&str> = vector.iter().map(|(d, _)| d.as_str()).collect();
    let hlcs: Vec<&str> = vector.iter().map(|(_, h)| h.as_str()).collect();
    Ok(client
        .query_one(
            "SELECT count(*) FROM helpdesk.ops o
             LEFT JOIN unnest($1::text[], $2::text[]) AS v(device, hlc) USING (device)
             WHERE o.hlc > coalesce(v.hlc, '')",
            &[&devices, &hlcs],
        )?
        .get(0))
}

/// One desk of the team as the server knows it.
#[derive(Debug, Clone)]
pub struct DeskRow {
    pub device: String,
    pub tag: String,
    pub role: String,
    /// The technician the role is mapped to now (empty when it no longer is).
    pub technician: String,
    pub joined_at: std::time::SystemTime,
    pub last_contact: Option<std::time::SystemTime>,
}

/// Every desk, by tag.
pub fn desks(client: &mut impl GenericClient) -> Result<Vec<DeskRow>, postgres::Error> {
    let rows = client.query(
        "SELECT d.device, d.tag, d.role::text, coalesce(t.name, ''), d.joined_at, d.last_contact
         FROM helpdesk.desks d LEFT JOIN helpdesk.technicians t ON t.role = d.role ORDER BY d.tag",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| DeskRow {
            device: r.get(0),
            tag: r.get(1),
            role: r.get(2),
            technician: r.get(3),
            joined_at: r.get(4),
            last_contact: r.get(5),
        })
        .collect())
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
fn copy_text(out: &mut String, text: &str) {
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

/// `LISTEN` on [`CHANNEL`].
pub fn listen(client: &mut Client) -> Result<(), postgres::Error> {
    client.batch_execute(&format!("LISTEN {CHANNEL}"))
}

/// A role name as an SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    #[test]
    fn copy_text_escapes_what_copy_reads_as_structure() {
        let mut out = String::new();
        super::copy_text(&mut out, "a\tb\nc\rd\\e \"f\"");
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
        assert_eq!(super::quote_ident("al\"ice"), "\"al\"\"ice\"");
    }
}
