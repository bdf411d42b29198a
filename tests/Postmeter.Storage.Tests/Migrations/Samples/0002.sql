-- Rows as Postmeter with schema 2 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 2 keeps a recipient's attempts in recipients.attempts and numbers recipients by id. 2026-12-01T08:00:00Z = 639317088000000000 ticks.

INSERT INTO messages (seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion,
    origin, direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
    returned_to_sender, notification_of, notification_kind, expired_at, held, raw_block, raw_offset, raw_length,
    first_recipient_id, recipient_rows)
VALUES (10, 'mx2', 'postfix', 'CCC333', 639317088000000000, 639317088900000000, 639317088900000000, 1, 0,
    1, 0, 639317088000000000, 'CCC333@example.com', 'd@example.com', 'client.example.com', '198.51.100.4', NULL, 4321, 1,
    1, NULL, NULL, NULL, 0, 2, 0, 54,
    7, 1);
INSERT INTO recipients (id, message_seq, idx, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts)
VALUES (7, 10, 0, 'e@outlook.com', NULL, NULL, NULL, 1, 639317088900000000,
    '[[639317088300000000,2,"smtp","outlook-com.olc.protection.outlook.com[203.0.113.5]:25","4.7.650","451 4.7.650 The mail server [198.51.100.4] has been temporarily rate limited \"IP\"",1.5,null],[639317088900000000,1,"smtp","outlook-com.olc.protection.outlook.com[203.0.113.5]:25","5.7.1","550 5.7.1 Unfortunately, messages from [198.51.100.4] weren''t sent",2,"TLSv1.2"]]');
INSERT INTO raw_blocks (id, newest_time, codec, size, data)
VALUES (2, 639317088900000000, 1, 54, X'F3CB2F533032543034B03234B5323050C84DCCCC5128C82F2E49CBACD02FCC4D2F8A368CB552707474343434B452284ACDCD2F4B4DE10200');
INSERT INTO rejects (seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line)
VALUES (11, 639317088300000000, 'mx2', 'CCC333', 'cleanup', 'END-OF-MESSAGE', NULL, NULL, NULL, NULL, NULL, '5.7.1',
    'milter-reject: END-OF-MESSAGE from client.example.com[198.51.100.4]: 5.7.1 Spam', NULL);
INSERT INTO auth_failures (seq, time, host, client_ip, username, mechanism, reason)
VALUES (12, 639317088300000000, 'mx2', '198.51.100.9', NULL, 'PLAIN', 'authentication failed: UGFzc3dvcmQ6');
INSERT INTO rollup_hourly (hour, direction, status, recipient_domain, provider_group, sender_domain, count, deferral_attempts)
VALUES (639317088000000000, 0, 1, 'outlook.com', 'microsoft', 'example.com', 1, 1);
INSERT INTO line_hours (hour, first_time, last_time, postfix_version) VALUES (639317088000000000, 639317088000000000, 639317088900000000, NULL);
INSERT INTO line_counts (hour, counter, count) VALUES (639317088000000000, 'lines', 7);
INSERT INTO sources (key, name, prefix_hash, prefix_length, offset, lines, clock_year, clock_last_day_key, updated_at)
VALUES ('k2', '/var/log/maillog', X'1234', 812, 812, 7, 2026, 1201, 639317088900000000);
INSERT INTO tracker_state (id, state, next_sequence) VALUES (1, X'03', 13);
INSERT INTO settings (key, value) VALUES ('general.timezone', 'Europe/Berlin');
