-- Postmeter workspace, schema 8: each saved in-flight message says which commit wrote it.
--
-- The server's dashboard and detective show the mail still in flight, which lives in tracker_messages. Reading every
-- row again after each commit (thousands while following a busy server, several commits a second) cost more than the
-- import itself. Now each row carries the number of the commit that last wrote it and tracker_state the number of the
-- last commit that wrote any, so a reader that holds the rows of commit N reads only those written after it, and the
-- ids alone (from the index) to drop the rows that are gone.

ALTER TABLE tracker_messages ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tracker_messages_written ON tracker_messages (written);
ALTER TABLE tracker_state ADD COLUMN messages_written INTEGER NOT NULL DEFAULT 0;
