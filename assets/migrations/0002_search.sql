-- Schema version 2: full-text search over tickets.
--
-- One document per ticket: its title, and as its body the description followed by the bodies of its
-- comments that are not deleted, so the words of a query may be spread over the whole ticket. The
-- index is derived from the state tables (not a state table itself: `state_dump` ignores it) and is
-- kept in step by the store (`ops::apply`; `ops::rebuild` empties and refills it).
--
-- `search_docs` holds each document's text as indexed and is the external content of the FTS5 table
-- `search`: replacing a document deletes exactly the old text from the index. Its `doc` is an INTEGER
-- PRIMARY KEY (stable across VACUUM, unlike an implicit rowid) chosen as `received_at << 20` plus a
-- counter for tickets received in the same second, so FTS5's cheap `ORDER BY rowid DESC` lists the
-- newest tickets first. The tokenizer folds case and removes diacritics: `ucetni` finds `Účetní`.
-- Prefix indexes for 1 to 3 characters keep what a person has typed so far fast (a short prefix would
-- otherwise merge the doclists of every word it starts).

CREATE TABLE search_docs (
    doc       INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL
);

CREATE VIRTUAL TABLE search USING fts5 (
    title,
    body,
    content = 'search_docs',
    content_rowid = 'doc',
    prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Index the tickets a version-1 file already holds.
INSERT INTO search_docs (doc, ticket_id, title, body)
SELECT (min(max(t.received_at, 0), 4398046511103) << 20)
       + row_number() OVER (PARTITION BY min(max(t.received_at, 0), 4398046511103) ORDER BY t.id) - 1,
       t.id,
       t.title,
       t.description || coalesce((SELECT char(10) || group_concat(c.body, char(10) ORDER BY c.created_at, c.id)
                                  FROM comments c WHERE c.ticket_id = t.id AND c.deleted = 0), '')
FROM tickets t;

INSERT INTO search (search) VALUES ('rebuild');
