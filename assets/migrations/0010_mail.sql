-- Schema 10: mail in and out (issue 20).
--
-- Contacts and mail domains are state built from the operation log (they travel between copies):
-- a contact is one row per customer and address, last writer wins by clock (a removal is a row with
-- removed = 1, so a later add brings it back and an older add arriving late does not); a mail domain
-- belongs to the customer of its latest mapping.
CREATE TABLE contacts (
    customer_id BLOB NOT NULL,
    email       TEXT NOT NULL,
    name        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    hlc         BLOB NOT NULL,
    PRIMARY KEY (customer_id, email)
) WITHOUT ROWID;
CREATE INDEX contacts_by_email ON contacts (email) WHERE removed = 0;

CREATE TABLE mail_domains (
    domain      TEXT PRIMARY KEY,
    customer_id BLOB NOT NULL,
    hlc         BLOB NOT NULL
) WITHOUT ROWID;

-- Intake bookkeeping of the file that imports mail (not in the log, not synced): which messages it has
-- seen (by Message-ID, else a hash of the raw message), which message ids belong to which ticket (mail
-- received and sent, for threading), and the mail from unknown senders waiting to be assigned.
CREATE TABLE mail_seen (
    key     TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    seen_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE mail_threads (
    message_id TEXT PRIMARY KEY,
    ticket_id  BLOB NOT NULL,
    sender     TEXT NOT NULL,
    incoming   INTEGER NOT NULL,
    at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mail_threads_by_ticket ON mail_threads (ticket_id, at);

CREATE TABLE mail_triage (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    message_id  TEXT,
    sender      TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    ticket_id   BLOB
);
