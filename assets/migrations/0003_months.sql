-- Schema version 3: closed months with frozen statements, corrections booked as adjustments into an
-- open month, and the yearly status reports a contract promises.

-- A closed month; [starts_at, ends_at) are its bounds in the provider's zone as unix seconds, so the
-- store can refuse changes to its time entries without knowing the zone.
CREATE TABLE month_closes (
    month     TEXT PRIMARY KEY,
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    closed    INTEGER NOT NULL,
    hlc       TEXT NOT NULL
) WITHOUT ROWID;

-- The statements as they were when the month was closed (JSON, one per customer).
CREATE TABLE closed_statements (
    month       TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    body        TEXT NOT NULL,
    PRIMARY KEY (month, customer_id)
) WITHOUT ROWID;

-- The time entries a closed month's statements were computed from.
CREATE TABLE closed_entries (
    month    TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (month, entry_id)
) WITHOUT ROWID;

-- A priced correction of a closed month, billed in an open one.
CREATE TABLE adjustments (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    ticket_id    TEXT REFERENCES tickets (id),
    work_month   TEXT NOT NULL,
    booked_month TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    amount       TEXT NOT NULL,
    description  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    -- `add:<entry id>` or `void:<entry id>`: the change to closed work it prices (at most one counts).
    entry_id     TEXT,
    cancelled    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX adjustments_booked ON adjustments (customer_id, booked_month);
CREATE INDEX adjustments_work ON adjustments (customer_id, work_month);
CREATE INDEX adjustments_entry ON adjustments (entry_id) WHERE entry_id IS NOT NULL;

CREATE TABLE status_reports (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    done_on     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX status_reports_customer ON status_reports (customer_id, done_on);
