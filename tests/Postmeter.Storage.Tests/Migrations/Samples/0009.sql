-- Rows as Postmeter with schema 9 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 9 indexes the client address of messages and rejects.
-- 2026-12-10T08:00:00Z = 639324864000000000 ticks.

INSERT INTO messages (seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion,
    origin, direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
    returned_to_sender, notification_of, notification_kind, expired_at, held, raw_block, raw_offset, raw_length,
    first_recipient_id, recipient_rows, sender_domain)
VALUES (50, 'mx9', 'postfix', 'JJJ999', 639324864000000000, 639324864600000000, 639324864600000000, 1, 0,
    1, 0, 639324864000000000, 'JJJ999@example.org', 'ops@example.org', 'client.example.org', '203.0.113.9', NULL, 200, 1,
    0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
    60, 1, 'example.org');
INSERT INTO recipients (id, message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts, domain, relay_key)
VALUES (60, 50, 0, 'friend@example.net', NULL, NULL, NULL, 0, 639324864600000000,
    '[[639324864600000000,0,"smtp","mx.example.net[192.0.2.10]:25","2.0.0","250 2.0.0 OK",0.4,null]]',
    'example.net', 'ten.elpmaxe.xm');
INSERT INTO rejects (seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line,
    sender_domain, recipient_domain)
VALUES (51, 639324864000000000, 'mx9', NULL, 'smtpd', 'RCPT', 'unknown', '203.0.113.66', 'spam@example.biz', 'x@example.org', '550', '5.1.1',
    'User unknown', NULL, 'example.biz', 'example.org');
