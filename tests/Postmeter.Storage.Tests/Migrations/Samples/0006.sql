-- Rows as Postmeter with schema 6 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 6 adds the detective's lookup columns: sender and recipient domains, the relay's reversed host name.
-- 2026-12-09T08:00:00Z = 639324000000000000 ticks.

INSERT INTO messages (seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion,
    origin, direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
    returned_to_sender, notification_of, notification_kind, expired_at, held, raw_block, raw_offset, raw_length,
    first_recipient_id, recipient_rows, sender_domain)
VALUES (30, 'mx6', 'postfix', 'FFF666', 639324000000000000, 639324000600000000, 639324000600000000, 1, 0,
    1, 0, 639324000000000000, 'FFF666@example.org', 'Boss@Example.org', NULL, '198.51.100.6', 'boss', 100, 1,
    0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
    40, 1, 'example.org');
INSERT INTO recipients (id, message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts, domain, relay_key)
VALUES (40, 30, 0, 'someone@gmail.com', NULL, NULL, NULL, 0, 639324000600000000,
    '[[639324000600000000,0,"smtp","gmail-smtp-in.l.google.com[192.0.2.9]:25","2.0.0","250 2.0.0 OK",0.5,"TLSv1.3"]]',
    'gmail.com', 'moc.elgoog.l.ni-ptms-liamg');
INSERT INTO rejects (seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line,
    sender_domain, recipient_domain)
VALUES (31, 639324000000000000, 'mx6', NULL, 'smtpd', 'RCPT', 'unknown', '192.0.2.66', 'spam@example.biz', 'x@example.org', '554', '5.7.1',
    'Relay access denied', NULL, 'example.biz', 'example.org');
