-- Postmeter workspace, schema 2: a recipient's delivery attempts move into its row, as a JSON array with one array
-- per attempt, [time, status, daemon, relay, dsn, response, delay, tls] (time in UTC ticks, status the numeric
-- DeliveryStatus, null for what is missing), in order. One row per attempt cost a third of every commit; the attempts
-- are only ever read with their recipient, and SQLite's JSON functions (json_each) still reach each of them.

ALTER TABLE recipients ADD COLUMN attempts TEXT NOT NULL DEFAULT '[]';

UPDATE recipients
SET attempts = (
    SELECT json_group_array(json_array(a.time, a.status, a.daemon, a.relay, a.dsn, a.response, a.delay, a.tls) ORDER BY a.idx)
    FROM attempts a
    WHERE a.message_seq = recipients.message_seq AND a.recipient_idx = recipients.idx)
WHERE EXISTS (SELECT 1 FROM attempts a WHERE a.message_seq = recipients.message_seq AND a.recipient_idx = recipients.idx);

DROP TABLE attempts;
