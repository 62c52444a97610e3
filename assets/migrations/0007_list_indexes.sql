-- Schema version 7: indexes that let lists read a few pages instead of a row of the tickets table per
-- ticket (rows carry their descriptions, and a million of them are spread over gigabytes).
--
-- The open tickets' list columns: open tickets are a few thousand among a million; this partial
-- index holds only them, with every column a list shows, so the queue and `ticket list --open` read
-- it alone, in receipt order.
CREATE INDEX tickets_open_rows ON tickets
    (received_at, id, number, customer_id, title, kind, status, assignee, first_response_at, resolve_by, is_open)
    WHERE is_open = 1;

-- First-response facts by receipt time, for the board's SLA compliance of the month.
CREATE INDEX tickets_received ON tickets (received_at, id, customer_id, first_response_at);

-- Full-text search of open tickets only (the queue's `/`): the same documents as `search`, while
-- their ticket is open (`search_docs.open`), so a word found in most of a million tickets costs no
-- more than a rare one. Never run FTS5's 'rebuild' on it: that would index every document of
-- `search_docs`, closed ones too (the store adds and deletes its documents one by one).
ALTER TABLE search_docs ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
UPDATE search_docs SET open = 1 WHERE ticket_id IN (SELECT id FROM tickets WHERE is_open = 1);
CREATE VIRTUAL TABLE search_open USING fts5 (
    title,
    body,
    content = 'search_docs',
    content_rowid = 'doc',
    prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_open (rowid, title, body) SELECT doc, title, body FROM search_docs WHERE open = 1;

-- The words the full-text index holds, so a typed word is searched as the OR of the words it starts
-- (lazy, newest first) instead of an FTS5 prefix query (which merges whole doclists first). Filled
-- here from the index's own vocabulary; the store adds the words of new text.
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab (main, search, row);
INSERT INTO search_terms (term) SELECT term FROM temp.search_vocab;
DROP TABLE temp.search_vocab;
