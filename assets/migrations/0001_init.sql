-- Schema version 1. State tables are derived from the append-only operation log (oplog): every change
-- is applied to them and appended to the log in the same transaction, and replaying the log in HLC
-- order rebuilds them. Instants are INTEGER unix seconds (UTC); *_hlc columns hold the hybrid logical
-- clock of the operation that last set the field (last writer wins, so merges converge).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE oplog (
    seq    INTEGER PRIMARY KEY,
    id     TEXT NOT NULL UNIQUE,
    hlc    TEXT NOT NULL,
    device TEXT NOT NULL,
    actor  TEXT NOT NULL,
    entity TEXT NOT NULL,
    ticket TEXT,
    body   TEXT NOT NULL
);
CREATE INDEX oplog_hlc ON oplog (hlc);
CREATE INDEX oplog_ticket ON oplog (ticket, hlc) WHERE ticket IS NOT NULL;

CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    name_hlc    TEXT NOT NULL,
    contact_hlc TEXT NOT NULL
);
CREATE INDEX customers_name_key ON customers (name_key, id);

CREATE TABLE tier_changes (
    customer_id TEXT NOT NULL REFERENCES customers (id),
    from_month  TEXT NOT NULL,
    tier        TEXT NOT NULL,
    hlc         TEXT NOT NULL,
    PRIMARY KEY (customer_id, from_month)
) WITHOUT ROWID;

CREATE TABLE tickets (
    id                TEXT PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    device_tag        TEXT NOT NULL,
    seq               INTEGER NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers (id),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    is_open           INTEGER NOT NULL,
    assignee          TEXT,
    received_at       INTEGER NOT NULL,
    first_response_at INTEGER,
    resolve_by        INTEGER,
    title_hlc         TEXT NOT NULL,
    description_hlc   TEXT NOT NULL,
    kind_hlc          TEXT NOT NULL,
    status_hlc        TEXT NOT NULL,
    assignee_hlc      TEXT NOT NULL,
    response_hlc      TEXT NOT NULL
);
CREATE INDEX tickets_open ON tickets (is_open, received_at, id);
CREATE INDEX tickets_customer ON tickets (customer_id, received_at, id);
CREATE INDEX tickets_device_seq ON tickets (device_tag, seq);

CREATE TABLE comments (
    id         TEXT PRIMARY KEY,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comments_ticket ON comments (ticket_id, created_at);

CREATE TABLE time_entries (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES tickets (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    started_at  INTEGER NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    technician  TEXT NOT NULL,
    role        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    replaces    TEXT,
    voided      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX time_entries_customer ON time_entries (customer_id, started_at);
CREATE INDEX time_entries_ticket ON time_entries (ticket_id, started_at);
CREATE INDEX time_entries_started ON time_entries (started_at);

CREATE TABLE timers (
    id         TEXT PRIMARY KEY,
    technician TEXT NOT NULL,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    started_at INTEGER NOT NULL
);
CREATE INDEX timers_technician ON timers (technician);
