-- Schema version 8: the merge rules of offline copies (README, "Working offline").
--
-- A time entry keeps its versions. The first one and every correction is a row of the same entry
-- (`entry`, the id of the entry's first row, or of the timer whose stop made it), made by the operation
-- with clock `hlc`; a removal is the entry's clock in `entry_removals`. The entry's current row is its
-- newest version by clock, unless a removal is newer (then it has none); every other row is voided.
-- So a correction made on two copies, or a correction and a removal, leaves one version on every copy.
ALTER TABLE time_entries ADD COLUMN entry TEXT NOT NULL DEFAULT '';
ALTER TABLE time_entries ADD COLUMN hlc TEXT NOT NULL DEFAULT '';

CREATE TEMP TABLE entry_ops AS
    SELECT entity, hlc, json_extract(body, '$.op') AS op FROM oplog WHERE body LIKE '{"op":"time_entry_%';
CREATE INDEX temp.entry_ops_entity ON entry_ops (entity, op);
UPDATE time_entries
    SET hlc = coalesce((SELECT o.hlc FROM entry_ops o WHERE o.entity = time_entries.id AND o.op = 'time_entry_added'), '');

-- Every row of a correction chain (`replaces`) belongs to the entry at the chain's start.
CREATE TEMP TABLE entry_roots AS
    WITH RECURSIVE up (id, cur) AS (
        SELECT id, replaces FROM time_entries WHERE replaces IS NOT NULL
        UNION ALL
        SELECT up.id, e.replaces FROM up JOIN time_entries e ON e.id = up.cur WHERE e.replaces IS NOT NULL
    )
    SELECT up.id AS id, up.cur AS root FROM up JOIN time_entries e ON e.id = up.cur WHERE e.replaces IS NULL;
CREATE INDEX temp.entry_roots_id ON entry_roots (id);
UPDATE time_entries SET entry = coalesce((SELECT r.root FROM entry_roots r WHERE r.id = time_entries.id), id);
CREATE INDEX time_entries_entry ON time_entries (entry, hlc);

CREATE TABLE entry_removals (
    entry TEXT PRIMARY KEY,
    hlc   TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO entry_removals (entry, hlc)
    SELECT e.entry, max(o.hlc) FROM entry_ops o JOIN time_entries e ON e.id = o.entity
    WHERE o.op = 'time_entry_voided' GROUP BY e.entry;

-- Entries corrected on two copies used to keep both corrections: apply the rule to them. Month totals
-- are rebuilt from the entries when anything changed (forgetting the totals' zone makes the next
-- writer rebuild them).
CREATE TEMP TABLE entry_fix AS
    SELECT v.id AS id,
           CASE WHEN v.id = (SELECT w.id FROM time_entries w WHERE w.entry = v.entry ORDER BY w.hlc DESC, w.id DESC LIMIT 1)
                 AND NOT EXISTS (SELECT 1 FROM entry_removals r WHERE r.entry = v.entry AND r.hlc > v.hlc)
                THEN 0 ELSE 1 END AS voided
    FROM time_entries v
    WHERE v.entry IN (SELECT entry FROM time_entries WHERE replaces IS NOT NULL UNION SELECT entry FROM entry_removals);
DELETE FROM meta WHERE key = 'month_zone'
    AND EXISTS (SELECT 1 FROM entry_fix f JOIN time_entries e ON e.id = f.id WHERE e.voided != f.voided);
UPDATE time_entries SET voided = (SELECT f.voided FROM entry_fix f WHERE f.id = time_entries.id)
    WHERE id IN (SELECT f.id FROM entry_fix f JOIN time_entries e ON e.id = f.id WHERE e.voided != f.voided);
DROP TABLE temp.entry_fix;
DROP TABLE temp.entry_roots;
DROP TABLE temp.entry_ops;

-- Conflicts are about tickets, time entries (of a ticket) and customers. Their id is derived from the
-- two changes (`subject`, `field` and both clocks), so the same conflict has the same id on every copy
-- that detects it and settling it on one copy settles it everywhere (`conflict_settlements`, kept in
-- step by the log). `other_version`: for a time entry, the losing version's row or `removed`.
CREATE TABLE sync_conflicts_v8 (
    id            TEXT PRIMARY KEY,
    ticket_id     TEXT REFERENCES tickets (id),
    customer_id   TEXT REFERENCES customers (id),
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
INSERT INTO sync_conflicts_v8 (id, ticket_id, subject, field, kept_value, other_value, kept_hlc, other_hlc,
        detected_at, resolved_at, resolution)
    SELECT id, ticket_id, ticket_id, field, kept_value, other_value, kept_hlc, other_hlc, detected_at, resolved_at,
        resolution
    FROM sync_conflicts;
DROP TABLE sync_conflicts;
ALTER TABLE sync_conflicts_v8 RENAME TO sync_conflicts;
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, detected_at);

CREATE TABLE conflict_settlements (
    id         TEXT PRIMARY KEY,
    resolution TEXT NOT NULL,
    settled_at INTEGER NOT NULL,
    hlc        TEXT NOT NULL
) WITHOUT ROWID;

-- Which copy (device) numbers its tickets with which tag: learned from the log (a copy's making says
-- so, and every ticket carries its tag), so a second copy with the same tag is refused at sync instead
-- of its tickets colliding with the first one's. A copy that took a fresh identity retires its old one.
CREATE TABLE copy_tags (
    device  TEXT PRIMARY KEY,
    tag     TEXT,
    retired INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX copy_tags_tag ON copy_tags (tag);
INSERT OR IGNORE INTO copy_tags (device, tag)
    SELECT (SELECT o.device FROM oplog o WHERE o.ticket = g.id ORDER BY o.hlc LIMIT 1), g.device_tag
    FROM (SELECT device_tag, min(id) AS id FROM tickets GROUP BY device_tag) g
    WHERE (SELECT o.device FROM oplog o WHERE o.ticket = g.id ORDER BY o.hlc LIMIT 1) IS NOT NULL;

-- A correction of a closed month is priced against that month's frozen statements: it counts while the
-- close it was priced against (`close`, that close's clock) is the month's close. Corrections priced
-- against a close that another copy's later close replaced are priced again by the team file.
ALTER TABLE adjustments ADD COLUMN close TEXT;
