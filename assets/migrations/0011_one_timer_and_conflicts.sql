-- Schema 11: one timer at a time across copies, conflicts every copy derives alike, and ticket numbers
-- taken back from a copy that gave up a duplicated tag (issue 11).
--
-- Timers stay after they stop (`stopped = 1`): a technician's next timer, whichever copy started it,
-- is where the entry of the one before is cut (a version a timer booked holds at most the time until
-- then; `ran` keeps what the timer said when it was cut, NULL when it was not).
--
-- `contested`: the losing side of every conflict, as a state table built from the operation log, so
-- every copy that holds the same changes lists the same conflicts. A row is a change of a value that
-- no later change replaced (its `prev`, a time entry's `replaces`) and that is not the value in force:
-- a ticket field, a promised date, a customer's name, contact or tier from a month, a version or removal
-- of a time entry, or a timer stopped without booking anything. `sync_conflicts` keeps the conflicts
-- recorded before, where they were detected.
--
-- The state tables are rebuilt from the log after this step (`open::migrate`), which fills all three.
ALTER TABLE timers ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0;
DROP INDEX IF EXISTS timers_technician;
CREATE INDEX timers_technician ON timers (technician, started_at, id);

ALTER TABLE time_entries ADD COLUMN ran INTEGER;

-- A ticket number given to two tickets (two copies with one tag) is taken back from the one whose copy
-- gave up the tag (`TicketRenumbered`): the clock of the renumbering in force, NULL while the ticket
-- has the number it was opened with.
ALTER TABLE tickets ADD COLUMN number_hlc BLOB;

CREATE TABLE contested (
    -- The conflict's id: the same on every copy (see `conflicts::conflict_id`).
    id          TEXT NOT NULL UNIQUE,
    -- What changed: a ticket, customer or time entry id; for a timer, the timer that booked nothing.
    subject     BLOB NOT NULL,
    -- title, status, kind, assignee, description, resolve_by, name, contact, `tier from YYYY-MM`,
    -- `time entry` or `timer`.
    field       TEXT NOT NULL,
    -- The losing change's clock (a timer: the id of the later timer it lost to).
    loser       BLOB NOT NULL,
    -- The losing value as text (NULL: none, like no assignee); a time entry's is read from `version`.
    value       TEXT,
    -- A time entry: the losing version's row (NULL: a removal).
    version     BLOB,
    ticket_id   BLOB,
    customer_id BLOB,
    PRIMARY KEY (subject, field, loser)
) WITHOUT ROWID;
CREATE INDEX contested_ticket ON contested (ticket_id) WHERE ticket_id IS NOT NULL;
