-- Rows as Postmeter with schema 3 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 3 saves the tracker's messages one row each (tracker_messages); tracker_state holds the rest.
-- 2026-12-02T08:00:00Z = 639317952000000000 ticks.

INSERT INTO messages (seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion,
    origin, direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
    returned_to_sender, notification_of, notification_kind, expired_at, held, raw_block, raw_offset, raw_length,
    first_recipient_id, recipient_rows)
VALUES (20, 'mx3', 'postfix', 'DDD444', 639317952000000000, 639317952100000000, 639317952100000000, 1, 0,
    1, 0, 639317952000000000, 'DDD444@example.com', 'f@example.com', NULL, NULL, NULL, 99, 1,
    0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
    9, 1);
INSERT INTO recipients (id, message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts)
VALUES (9, 20, 0, 'g@example.org', NULL, NULL, NULL, 0, 639317952100000000,
    '[[639317952100000000,1,"smtp","mx.example.org[192.0.2.7]:25","2.0.0","250 2.0.0 Ok",0.2,"TLSv1.3"]]');
INSERT INTO tracker_state (id, state, next_sequence) VALUES (1, X'05', 21);
INSERT INTO tracker_messages (id, state) VALUES (7, CAST('{"Id":7,"Host":"mx3","Instance":"postfix","QueueId":"EEE555"}' AS BLOB));
