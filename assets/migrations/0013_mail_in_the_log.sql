-- Schema 13: the mail intake's bookkeeping travels in the operation log (issue 20).
--
-- Which message belongs to which ticket (`MailThreaded`), which mail waits in triage (`MailTriaged`)
-- and what it became (`MailAssigned`) are operations now, so every copy of a team threads a reply,
-- answers the address that wrote in, skips a message another copy imported, and can assign triage.
-- `mail_seen`, `mail_threads` and `mail_triage` keep what this file noted before schema 13 (its own)
-- and gain rows as the operations arrive; they are never emptied by a replay (each row is inserted
-- once, whatever the order), so nothing noted earlier is lost.
--
-- `mail_threads.hlc`: the clock of the operation that threaded the message (NULL: noted before schema
-- 13). A message two copies imported while apart made a ticket on each; it threads to the one imported
-- first by clock on every copy.
-- `mail_triage.uid`: the entry's id in the log, made from the mail's intake key (`triage_uid`), so
-- every copy that triaged the same mail, before schema 13 or after, names it alike. `mail_triage.assigned_hlc`: the clock of the assignment the entry names (the
-- first by clock: two copies assigning at once make two tickets, and every copy names the same one).
ALTER TABLE mail_threads ADD COLUMN hlc BLOB;
ALTER TABLE mail_triage ADD COLUMN uid BLOB;
ALTER TABLE mail_triage ADD COLUMN assigned_hlc BLOB;
UPDATE mail_triage SET uid = triage_uid(key);
CREATE UNIQUE INDEX mail_triage_uid ON mail_triage (uid);
