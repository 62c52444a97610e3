-- Schema version 9: the same data in about a quarter of the space (see `store::codec`).
--
-- Ids are 16-byte blobs instead of 36-character text; clocks in state tables are 24-byte blobs instead of
-- 75-character text (they compare the same way). Customers and tickets get an INTEGER PRIMARY KEY `no`
-- besides their id, and the two biggest tables refer to them by it: a time entry's ticket and customer,
-- an operation's ticket. The operation log names its device and actor by number (tables `devices` and
-- `actors`), keeps its clock as one integer and its body compressed (done here by `op_body`); operations
-- are identified by device and clock (the UUID each one also carried is no longer kept). Only the
-- indexes that reads use are kept: the log's by clock alone went (replay sorts), and a time entry's
-- `entry` is NULL when the row is the entry's first version (most are), so its index holds only the
-- corrections. Nothing else changes: every change, who made it, when and what it was, stays in the log.
--
-- Runs with the SQL functions of `store::codec` registered, and `PRAGMA defer_foreign_keys`.

PRAGMA defer_foreign_keys = ON;

-- Indexes follow their table when it is renamed: the old ones go first (their names are reused).
DROP INDEX IF EXISTS oplog_hlc;
DROP INDEX IF EXISTS oplog_ticket;
DROP INDEX IF EXISTS oplog_device_hlc;
DROP INDEX IF EXISTS customers_name_key;
DROP INDEX IF EXISTS tickets_open;
DROP INDEX IF EXISTS tickets_customer;
DROP INDEX IF EXISTS tickets_device_seq;
DROP INDEX IF EXISTS tickets_consultations;
DROP INDEX IF EXISTS tickets_open_rows;
DROP INDEX IF EXISTS tickets_received;
DROP INDEX IF EXISTS comments_ticket;
DROP INDEX IF EXISTS time_entries_customer;
DROP INDEX IF EXISTS time_entries_ticket;
DROP INDEX IF EXISTS time_entries_started;
DROP INDEX IF EXISTS time_entries_entry;
DROP INDEX IF EXISTS timers_technician;
DROP INDEX IF EXISTS adjustments_booked;
DROP INDEX IF EXISTS adjustments_work;
DROP INDEX IF EXISTS adjustments_entry;
DROP INDEX IF EXISTS status_reports_customer;
DROP INDEX IF EXISTS sync_conflicts_open;
DROP INDEX IF EXISTS work_months_ticket;
DROP INDEX IF EXISTS copy_tags_tag;

ALTER TABLE oplog RENAME TO v8_oplog;
ALTER TABLE customers RENAME TO v8_customers;
ALTER TABLE tier_changes RENAME TO v8_tier_changes;
ALTER TABLE tickets RENAME TO v8_tickets;
ALTER TABLE comments RENAME TO v8_comments;
ALTER TABLE time_entries RENAME TO v8_time_entries;
ALTER TABLE timers RENAME TO v8_timers;
ALTER TABLE closed_statements RENAME TO v8_closed_statements;
ALTER TABLE closed_entries RENAME TO v8_closed_entries;
ALTER TABLE adjustments RENAME TO v8_adjustments;
ALTER TABLE status_reports RENAME TO v8_status_reports;
ALTER TABLE month_closes RENAME TO v8_month_closes;
ALTER TABLE sync_conflicts RENAME TO v8_sync_conflicts;
ALTER TABLE sync_pending RENAME TO v8_sync_pending;
ALTER TABLE work_months RENAME TO v8_work_months;
ALTER TABLE entry_removals RENAME TO v8_entry_removals;
ALTER TABLE conflict_settlements RENAME TO v8_conflict_settlements;
ALTER TABLE copy_tags RENAME TO v8_copy_tags;

CREATE TABLE customers (
    no          INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    name_hlc    BLOB NOT NULL,
    contact_hlc BLOB NOT NULL
);
INSERT INTO customers (no, id, name, name_key, contact, created_at, name_hlc, contact_hlc)
    SELECT rowid, id_blob(id), name, name_key, contact, created_at, hlc_blob(name_hlc), hlc_blob(contact_hlc)
    FROM v8_customers ORDER BY rowid;
CREATE INDEX customers_name_key ON customers (name_key, id);

CREATE TABLE tier_changes (
    customer_id BLOB NOT NULL REFERENCES customers (id),
    from_month  TEXT NOT NULL,
    tier        TEXT NOT NULL,
    hlc         BLOB NOT NULL,
    PRIMARY KEY (customer_id, from_month)
) WITHOUT ROWID;
INSERT INTO tier_changes SELECT id_blob(customer_id), from_month, tier, hlc_blob(hlc) FROM v8_tier_changes;

CREATE TABLE tickets (
    no                INTEGER PRIMARY KEY,
    id                BLOB NOT NULL UNIQUE,
    number            TEXT NOT NULL UNIQUE,
    device_tag        TEXT NOT NULL,
    seq               INTEGER NOT NULL,
    customer_id       BLOB NOT NULL REFERENCES customers (id),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    is_open           INTEGER NOT NULL,
    assignee          TEXT,
    received_at       INTEGER NOT NULL,
    first_response_at INTEGER,
    resolve_by        INTEGER,
    title_hlc         BLOB NOT NULL,
    description_hlc   BLOB NOT NULL,
    kind_hlc          BLOB NOT NULL,
    status_hlc        BLOB NOT NULL,
    assignee_hlc      BLOB NOT NULL,
    response_hlc      BLOB NOT NULL
);
INSERT INTO tickets (no, id, number, device_tag, seq, customer_id, title, description, kind, status, is_open, assignee,
        received_at, first_response_at, resolve_by, title_hlc, description_hlc, kind_hlc, status_hlc, assignee_hlc,
        response_hlc)
    SELECT rowid, id_blob(id), number, device_tag, seq, id_blob(customer_id), title, description, kind, status, is_open,
        assignee, received_at, first_response_at, resolve_by, hlc_blob(title_hlc), hlc_blob(description_hlc),
        hlc_blob(kind_hlc), hlc_blob(status_hlc), hlc_blob(assignee_hlc), hlc_blob(response_hlc)
    FROM v8_tickets ORDER BY rowid;
CREATE INDEX tickets_open ON tickets (is_open, received_at, id);
CREATE INDEX tickets_customer ON tickets (customer_id, received_at, id);
CREATE INDEX tickets_device_seq ON tickets (device_tag, seq);
CREATE INDEX tickets_consultations ON tickets (customer_id, received_at, id) WHERE kind = 'consultation';
CREATE INDEX tickets_open_rows ON tickets
    (received_at, id, number, customer_id, title, kind, status, assignee, first_response_at, resolve_by, is_open)
    WHERE is_open = 1;
CREATE INDEX tickets_received ON tickets (received_at, id, customer_id, first_response_at);

CREATE TABLE comments (
    id         BLOB PRIMARY KEY,
    ticket_id  BLOB NOT NULL REFERENCES tickets (id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO comments SELECT id_blob(id), id_blob(ticket_id), author, body, created_at, deleted FROM v8_comments ORDER BY rowid;
CREATE INDEX comments_ticket ON comments (ticket_id, created_at);

-- Every copy (device) and actor the log names, by number.
CREATE TABLE devices (
    no INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE
);
CREATE TABLE actors (
    no   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO devices (id) SELECT DISTINCT id_blob(device) FROM v8_oplog ORDER BY 1;
INSERT INTO actors (name) SELECT DISTINCT actor FROM v8_oplog ORDER BY 1;

CREATE TABLE time_entries (
    no          INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE,
    ticket      INTEGER NOT NULL REFERENCES tickets (no),
    customer    INTEGER NOT NULL REFERENCES customers (no),
    started_at  INTEGER NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    technician  TEXT NOT NULL,
    role        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    replaces    BLOB,
    voided      INTEGER NOT NULL DEFAULT 0,
    -- The entry this row is a version of, when it is not the entry's first version (NULL: this row's id).
    entry       BLOB,
    -- The clock and device of the operation that made this version (which version is newest).
    clock       INTEGER NOT NULL,
    device      INTEGER REFERENCES devices (no)
);
INSERT INTO time_entries (no, id, ticket, customer, started_at, minutes, technician, role, note, replaces, voided,
        entry, clock, device)
    SELECT e.rowid, id_blob(e.id), t.no, c.no, e.started_at, e.minutes, e.technician, e.role, e.note,
        id_blob(e.replaces), e.voided, CASE WHEN e.entry = e.id THEN NULL ELSE id_blob(e.entry) END,
        coalesce((CAST(substr(e.hlc, 1, 15) AS INTEGER) << 20) | CAST(substr(e.hlc, 17, 6) AS INTEGER), 0),
        (SELECT d.no FROM devices d WHERE d.id = id_blob(substr(e.hlc, 24)))
    FROM v8_time_entries e
    JOIN tickets t ON t.id = id_blob(e.ticket_id)
    JOIN customers c ON c.id = id_blob(e.customer_id)
    ORDER BY e.rowid;
CREATE INDEX time_entries_customer ON time_entries (customer, started_at);
CREATE INDEX time_entries_ticket ON time_entries (ticket, started_at);
CREATE INDEX time_entries_entry ON time_entries (entry) WHERE entry IS NOT NULL;

CREATE TABLE timers (
    id         BLOB PRIMARY KEY,
    technician TEXT NOT NULL,
    ticket_id  BLOB NOT NULL REFERENCES tickets (id),
    started_at INTEGER NOT NULL,
    role       TEXT NOT NULL DEFAULT 'technician'
);
INSERT INTO timers SELECT id_blob(id), technician, id_blob(ticket_id), started_at, role FROM v8_timers;
CREATE INDEX timers_technician ON timers (technician);

CREATE TABLE month_closes (
    month     TEXT PRIMARY KEY,
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    closed    INTEGER NOT NULL,
    hlc       BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO month_closes SELECT month, starts_at, ends_at, closed, hlc_blob(hlc) FROM v8_month_closes;

CREATE TABLE closed_statements (
    month       TEXT NOT NULL,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    body        TEXT NOT NULL,
    PRIMARY KEY (month, customer_id)
) WITHOUT ROWID;
INSERT INTO closed_statements SELECT month, id_blob(customer_id), body FROM v8_closed_statements;

CREATE TABLE closed_entries (
    month    TEXT NOT NULL,
    entry_id BLOB NOT NULL,
    PRIMARY KEY (month, entry_id)
) WITHOUT ROWID;
INSERT INTO closed_entries SELECT month, id_blob(entry_id) FROM v8_closed_entries;

CREATE TABLE adjustments (
    id           BLOB PRIMARY KEY,
    customer_id  BLOB NOT NULL REFERENCES customers (id),
    ticket_id    BLOB REFERENCES tickets (id),
    work_month   TEXT NOT NULL,
    booked_month TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    amount       TEXT NOT NULL,
    description  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    entry_id     TEXT,
    cancelled    INTEGER NOT NULL DEFAULT 0,
    close        BLOB
);
INSERT INTO adjustments SELECT id_blob(id), id_blob(customer_id), id_blob(ticket_id), work_month, booked_month, minutes,
        amount, description, created_at, entry_id, cancelled, hlc_blob(close)
    FROM v8_adjustments;
CREATE INDEX adjustments_booked ON adjustments (customer_id, booked_month);
CREATE INDEX adjustments_work ON adjustments (customer_id, work_month);
CREATE INDEX adjustments_entry ON adjustments (entry_id) WHERE entry_id IS NOT NULL;

CREATE TABLE status_reports (
    id          BLOB PRIMARY KEY,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    done_on     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
INSERT INTO status_reports SELECT id_blob(id), id_blob(customer_id), done_on, note, created_at FROM v8_status_reports;
CREATE INDEX status_reports_customer ON status_reports (customer_id, done_on);

CREATE TABLE entry_removals (
    entry BLOB PRIMARY KEY,
    hlc   BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO entry_removals SELECT id_blob(entry), hlc_blob(hlc) FROM v8_entry_removals;

CREATE TABLE conflict_settlements (
    id         TEXT PRIMARY KEY,
    resolution TEXT NOT NULL,
    settled_at INTEGER NOT NULL,
    hlc        BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO conflict_settlements SELECT id, resolution, settled_at, hlc_blob(hlc) FROM v8_conflict_settlements;

CREATE TABLE copy_tags (
    device  BLOB PRIMARY KEY,
    tag     TEXT,
    retired INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO copy_tags SELECT id_blob(device), tag, retired FROM v8_copy_tags;
CREATE INDEX copy_tags_tag ON copy_tags (tag);

CREATE TABLE sync_conflicts (
    id            TEXT PRIMARY KEY,
    ticket_id     BLOB REFERENCES tickets (id),
    customer_id   BLOB REFERENCES customers (id),
    subject       TEXT NOT NULL,
    field         TEXT NOT NULL,
    kept_value    TEXT,
    other_value   TEXT,
    kept_hlc      TEXT NOT NULL,
    other_hlc     TEXT NOT NULL,
    other_version TEXT,
    detected_at   INTEGER NOT NULL,
    resolved_at   INTEGER,
    resolution    TEXT
);
INSERT INTO sync_conflicts SELECT id, id_blob(ticket_id), id_blob(customer_id), subject, field, kept_value, other_value,
        kept_hlc, other_hlc, other_version, detected_at, resolved_at, resolution
    FROM v8_sync_conflicts;
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, detected_at);

CREATE TABLE sync_pending (
    entry_id BLOB PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO sync_pending SELECT id_blob(entry_id) FROM v8_sync_pending;

CREATE TABLE work_months (
    month       TEXT NOT NULL,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    ticket_id   BLOB NOT NULL REFERENCES tickets (id),
    role        TEXT NOT NULL,
    minutes     INTEGER NOT NULL,
    entries     INTEGER NOT NULL,
    first_at    INTEGER NOT NULL,
    first_entry BLOB NOT NULL,
    number      TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (month, customer_id, ticket_id, role)
) WITHOUT ROWID;
INSERT INTO work_months SELECT month, id_blob(customer_id), id_blob(ticket_id), role, minutes, entries, first_at,
        id_blob(first_entry), number, title, kind
    FROM v8_work_months;
CREATE INDEX work_months_ticket ON work_months (ticket_id);

-- The search documents keep their numbers (the FTS5 indexes' rowids) and text; their ticket as a blob.
CREATE TABLE search_docs_v9 (
    doc       INTEGER PRIMARY KEY,
    ticket_id BLOB NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL,
    open      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_docs_v9 SELECT doc, id_blob(ticket_id), title, body, open FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_v9 RENAME TO search_docs;

-- The index of every ticket keeps prefix entries for three characters only (those for one and two were
-- two fifths of it): a longer word is searched as the words it starts (`search_terms`), a shorter one
-- as itself or the few words it starts.
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
    title,
    body,
    content = 'search_docs',
    content_rowid = 'doc',
    prefix = '3',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search (search) VALUES ('rebuild');

-- The operation log.
CREATE TABLE oplog (
    device INTEGER NOT NULL REFERENCES devices (no),
    clock  INTEGER NOT NULL,
    actor  INTEGER NOT NULL REFERENCES actors (no),
    ticket INTEGER,
    body   BLOB NOT NULL,
    PRIMARY KEY (device, clock)
) WITHOUT ROWID;
INSERT INTO oplog (device, clock, actor, ticket, body)
    SELECT d.no, (CAST(substr(o.hlc, 1, 15) AS INTEGER) << 20) | CAST(substr(o.hlc, 17, 6) AS INTEGER), a.no,
        t.no, op_body(o.body)
    FROM v8_oplog o
    JOIN devices d ON d.id = id_blob(o.device)
    JOIN actors a ON a.name = o.actor
    LEFT JOIN tickets t ON t.id = id_blob(o.ticket)
    ORDER BY 1, 2;
CREATE INDEX oplog_ticket ON oplog (ticket) WHERE ticket IS NOT NULL;

DROP TABLE v8_oplog;
DROP TABLE v8_sync_pending;
DROP TABLE v8_sync_conflicts;
DROP TABLE v8_copy_tags;
DROP TABLE v8_conflict_settlements;
DROP TABLE v8_entry_removals;
DROP TABLE v8_work_months;
DROP TABLE v8_status_reports;
DROP TABLE v8_adjustments;
DROP TABLE v8_closed_entries;
DROP TABLE v8_closed_statements;
DROP TABLE v8_month_closes;
DROP TABLE v8_timers;
DROP TABLE v8_time_entries;
DROP TABLE v8_comments;
DROP TABLE v8_tickets;
DROP TABLE v8_tier_changes;
DROP TABLE v8_customers;
