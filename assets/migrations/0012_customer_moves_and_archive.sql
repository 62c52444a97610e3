-- Schema 12: a ticket can move to another customer; a customer can be archived or removed (issue 17).
--
-- Both are last-writer-wins values with their clock, as the other fields are. Added as columns with a
-- constant default, which SQLite writes into the schema alone: no row is rewritten and no operation is
-- replayed, so the upgrade takes as long on a 500 MiB file as on an empty one.
--
-- `tickets.customer_hlc`: the clock of the ticket's last move (empty: never moved; any move wins over
-- the customer it was opened with). `customers.state`: 0 in use, 1 archived, 2 removed (a removed
-- customer that has tickets, which another copy opened meanwhile, reads as archived);
-- `customers.state_hlc`: the clock of the last archive, unarchive or removal.
ALTER TABLE tickets ADD COLUMN customer_hlc BLOB NOT NULL DEFAULT X'';
ALTER TABLE customers ADD COLUMN state INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN state_hlc BLOB NOT NULL DEFAULT X'';
