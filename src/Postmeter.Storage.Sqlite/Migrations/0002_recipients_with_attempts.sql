-- Postmeter workspace, schema 2: recipients carry their delivery attempts, and are stored in insertion order.
--
-- * A recipient's attempts move into its row (attempts), as a JSON array with one array per attempt,
--   [time, status, daemon, relay, dsn, response, delay, tls] (time in UTC ticks, status the numeric DeliveryStatus,
--   null for what is missing), in order. One row per attempt cost a third of every commit; the attempts are only read
--   with their recipient, and SQLite's JSON functions (json_each) still reach each of them.
-- * recipients becomes a rowid table: id numbers the recipients of all messages consecutively in (message_seq, idx)
--   order, and each message says where its recipients are (first_recipient_id, recipient_rows). Keyed by
--   (message_seq, idx) without rowid, every page filled by appends was split in half: the table took 1.7 times the
--   space and every commit wrote that many more pages.

CREATE TABLE recipients_v2 (
    -- Consecutive for the recipients of one message, in their order.
    id           INTEGER PRIMARY KEY,
    message_seq  INTEGER NOT NULL,
    idx          INTEGER NOT NULL,
    address      TEXT NOT NULL,
    orig_address TEXT,
    hop_queue_id TEXT,
    discarded_at INTEGER,
    fate         INTEGER NOT NULL,
    fate_at      INTEGER,
    attempts     TEXT NOT NULL DEFAULT '[]'
);

INSERT INTO recipients_v2 (id, message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts)
SELECT row_number() OVER (ORDER BY r.message_seq, r.idx), r.message_seq, r.idx, r.address, r.orig_address, r.hop_queue_id,
       r.discarded_at, r.fate, r.fate_at,
       (SELECT json_group_array(json_array(a.time, a.status, a.daemon, a.relay, a.dsn, a.response, a.delay, a.tls) ORDER BY a.idx)
        FROM attempts a
        WHERE a.message_seq = r.message_seq AND a.recipient_idx = r.idx)
FROM recipients r
ORDER BY r.message_seq, r.idx;

DROP TABLE attempts;
DROP TABLE recipients;
ALTER TABLE recipients_v2 RENAME TO recipients;
CREATE INDEX recipients_by_address ON recipients (address);

-- The message's recipients are the rows first_recipient_id .. first_recipient_id + recipient_rows - 1.
ALTER TABLE messages ADD COLUMN first_recipient_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN recipient_rows INTEGER NOT NULL DEFAULT 0;

UPDATE messages
SET first_recipient_id = placed.first_id, recipient_rows = placed.rows
FROM (SELECT message_seq, min(id) AS first_id, count(*) AS rows FROM recipients GROUP BY message_seq) AS placed
WHERE placed.message_seq = messages.seq;
