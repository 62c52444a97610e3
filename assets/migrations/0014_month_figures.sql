-- Schema 14: month figures, what the upgrade look-back of a month report reads (issue 13).
--
-- One row per (month, customer) of `work_months`: the minutes of each ticket worked in the month, its
-- roles summed (under a contract a ticket is one billing line), as a comma-separated list, apart by
-- kind: `billed`, tickets billed like requests (request, change); `consultations`, consultation
-- tickets (free or not depends on the year's ranking, so they are kept apart); incidents are free and
-- left out. Rounding to blocks, the prepaid minutes and the free minutes are the tariffs' (config), so
-- the figures keep minutes, not money or blocks. Derived state, like `work_months`: written in the
-- transaction that changes the customer's month there, rebuilt with it, never sent in bundles.
CREATE TABLE month_figures (
    month         TEXT NOT NULL,
    customer_id   BLOB NOT NULL,
    billed        TEXT NOT NULL,
    consultations TEXT NOT NULL,
    PRIMARY KEY (month, customer_id)
) WITHOUT ROWID;
INSERT INTO month_figures (month, customer_id, billed, consultations)
    SELECT month, customer_id,
        coalesce(group_concat(CASE WHEN kind NOT IN ('incident', 'consultation') THEN minutes END, ','), ''),
        coalesce(group_concat(CASE WHEN kind = 'consultation' THEN minutes END, ','), '')
    FROM (SELECT month, customer_id, ticket_id, max(kind) AS kind, sum(minutes) AS minutes
          FROM work_months GROUP BY month, customer_id, ticket_id)
    GROUP BY month, customer_id;
