-- Rows as Postmeter with schema 1 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- 2026-11-21T10:15:00Z = 639308529000000000 ticks.

INSERT INTO messages (seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion,
    origin, direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
    returned_to_sender, notification_of, notification_kind, expired_at, held, raw_block, raw_offset, raw_length)
VALUES (0, 'mail', 'postfix', 'AAA111', 639308529000000000, 639308529600000000, 639308529600000000, 1, 0,
    1, 0, 639308529000000000, 'AAA111@example.net', 'a@example.net', 'client.example.net', '192.0.2.1', 'alice', 1234, 2,
    0, NULL, NULL, NULL, 0, 1, 0, 54);
INSERT INTO hops (message_seq, idx, queue_id) VALUES (0, 0, 'BBB222');
INSERT INTO recipients (message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at)
VALUES (0, 0, 'b@gmail.com', NULL, NULL, NULL, 0, 639308529600000000),
       (0, 1, 'c@example.org', 'alias@example.org', NULL, NULL, 2, 639308529300000000);
INSERT INTO attempts (message_seq, recipient_idx, idx, time, status, daemon, relay, dsn, response, delay, tls)
VALUES (0, 0, 0, 639308529600000000, 0, 'smtp', 'gmail-smtp-in.l.google.com[192.0.2.9]:25', '2.0.0', '250 2.0.0 OK', 0.5, 'TLSv1.3'),
       (0, 1, 0, 639308529300000000, 2, 'smtp', NULL, '4.4.1', 'connect to mx.example.org: Connection refused', 1.25, NULL);
INSERT INTO raw_blocks (id, newest_time, codec, size, data)
VALUES (1, 639308529600000000, 1, 54, X'F3CB2F533032543034B03234B5323050C84DCCCC5128C82F2E49CBACD02FCC4D2F8A368CB552707474343434B452284ACDCD2F4B4DE10200');
INSERT INTO rejects (seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line)
VALUES (1, 639308529300000000, 'mail', NULL, 'smtpd', 'RCPT', 'unknown', '192.0.2.7', 'spam@example.org', 'x@example.net', '554', '5.7.1',
    'Relay access denied', 'Nov 21 10:15:30 mail postfix/smtpd[2]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 Relay access denied');
INSERT INTO auth_failures (seq, time, host, client_ip, username, mechanism, reason)
VALUES (2, 639308529300000000, 'mail', '192.0.2.8', 'admin', 'LOGIN', 'authentication failed');
INSERT INTO rollup_hourly (hour, direction, status, recipient_domain, provider_group, sender_domain, count, deferral_attempts)
VALUES (639308520000000000, 0, 0, 'gmail.com', 'google', 'example.net', 1, 0),
       (639308520000000000, 0, 2, 'example.org', 'other', 'example.net', 1, 1);
INSERT INTO line_hours (hour, first_time, last_time, postfix_version) VALUES (639308520000000000, 639308529000000000, 639308529600000000, '3.7.11');
INSERT INTO line_counts (hour, counter, count) VALUES (639308520000000000, 'lines', 12), (639308520000000000, 'kind:Delivery', 2);
INSERT INTO sources (key, name, prefix_hash, prefix_length, offset, lines, clock_year, clock_last_day_key, updated_at)
VALUES ('k1', '/var/log/mail.log', X'ABCD', 4096, 1500, 12, 2026, 1121, 639308529600000000);
INSERT INTO tracker_state (id, state, next_sequence) VALUES (1, X'0102', 3);
INSERT INTO settings (key, value) VALUES ('general.language', 'de');
