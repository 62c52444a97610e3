//! The server's schema: its version, the sync format its log holds, and the migrations that build it
//! (tables, the identity trigger, the push function, grants).

/// The server schema this helpdesk writes and reads. It moves with the sync format ([`LOG_FORMAT`]): a
/// desk on an older helpdesk meets a server whose log it cannot read as "upgrade helpdesk" when it
/// connects, never as a malformed operation in the middle of a pull.
pub const SCHEMA_VERSION: i32 = 5;

/// The sync format (`sync::FORMAT`) of the operations the server's log holds at [`SCHEMA_VERSION`]. A
/// new sync format needs a migration that bumps the schema version with it.
pub const LOG_FORMAT: u32 = 7;

/// Migrations, in order: the n-th brings the schema to version n.
pub(in crate::team) const MIGRATIONS: &[&str] = &[
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
    // Version 5: snapshots of a replica kept by the server (`team snapshot`), which `team join` starts
    // from instead of replaying the whole log. Only the schema's owner (the admin) writes them: a
    // snapshot carries every desk's operations, which no technician may insert (see `snapshots.rs`).
    r#"
CREATE TABLE helpdesk.snapshots (
    id bigserial PRIMARY KEY,
    made_by name NOT NULL DEFAULT current_user,
    made_at timestamptz NOT NULL DEFAULT now(),
    file_schema integer NOT NULL,
    log_format integer NOT NULL,
    cut text NOT NULL,
    ops bigint NOT NULL,
    size bigint NOT NULL DEFAULT 0,
    compressed bigint NOT NULL DEFAULT 0,
    parts integer NOT NULL DEFAULT 0,
    sha256 text NOT NULL DEFAULT '',
    complete boolean NOT NULL DEFAULT false
);
CREATE TABLE helpdesk.snapshot_parts (
    snapshot bigint NOT NULL REFERENCES helpdesk.snapshots ON DELETE CASCADE,
    part integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (snapshot, part)
);
-- The parts are zstd already: stored out of line as they are, never compressed again.
ALTER TABLE helpdesk.snapshot_parts ALTER COLUMN data SET STORAGE EXTERNAL;
-- Everyone in the team reads snapshots (a join starts from one); granted to the roles there already.
DO $$
DECLARE r name;
BEGIN
    FOR r IN SELECT role FROM helpdesk.technicians UNION SELECT role FROM helpdesk.viewers LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('GRANT SELECT ON helpdesk.snapshots, helpdesk.snapshot_parts TO %I', r);
        END IF;
    END LOOP;
END $$;
"#,
];
