-- Schema version 6: month totals, the sums billing reads instead of every time entry.
-- One row per month (in the zone named in meta `month_zone`), customer, ticket and role, over the
-- current (not voided) entries: their minutes, how many, and the first one (when it started, its
-- id), which orders the month's billing lines. Rows are clustered by month and customer, the way
-- billing reads them; the ticket's number, title and kind are copied in (and kept in step when they
-- change), so a month's lines are one range of this table without a lookup per ticket. Kept in step
-- by the transaction that adds or voids an entry; built from the entries when the file gets (or
-- changes) its zone.
CREATE TABLE work_months (
    month       TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    ticket_id   TEXT NOT NULL REFERENCES tickets (id),
    role        TEXT NOT NULL,
    minutes     INTEGER NOT NULL,
    entries     INTEGER NOT NULL,
    first_at    INTEGER NOT NULL,
    first_entry TEXT NOT NULL,
    number      TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (month, customer_id, ticket_id, role)
) WITHOUT ROWID;
CREATE INDEX work_months_ticket ON work_months (ticket_id);

-- The consultations a customer opened in a year (free ones are the first of the year): read from
-- the index alone.
CREATE INDEX tickets_consultations ON tickets (customer_id, received_at, id) WHERE kind = 'consultation';
