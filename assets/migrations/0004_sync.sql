-- Schema version 4: offline copies and syncing. These tables are local to one copy (they are not
-- derived from the operation log and are never exchanged).

-- What we last learned from each copy we synced with: its clock per device ("version vector").
CREATE TABLE sync_peers (
    device       TEXT PRIMARY KEY,
    tag          TEXT NOT NULL,
    last_sync_at INTEGER NOT NULL,
    vector       TEXT NOT NULL
) WITHOUT ROWID;

-- Fields changed on two copies since they last synced: the clock kept one; a person may pick the other.
CREATE TABLE sync_conflicts (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES tickets (id),
    field       TEXT NOT NULL,
    kept_value  TEXT,
    other_value TEXT,
    kept_hlc    TEXT NOT NULL,
    other_hlc   TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    resolved_at INTEGER,
    resolution  TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, detected_at);

-- Finding what another copy lacks: each device's operations in clock order.
CREATE INDEX oplog_device_hlc ON oplog (device, hlc);

-- Time entries that arrived by sync and still have to be checked against closed months (kept in the
-- import's own transaction, so a sync killed before pricing them prices them on the next run).
CREATE TABLE sync_pending (
    entry_id TEXT PRIMARY KEY
) WITHOUT ROWID;
