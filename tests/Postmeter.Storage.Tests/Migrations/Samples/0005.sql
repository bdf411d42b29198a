-- Rows as Postmeter with schema 5 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 5 replaces rollup_hourly with the dashboard rollups: traffic and returned messages per hour, keyed counts
-- per hour and per day, failure cause examples. 2026-12-08T08:00:00Z = 639323136000000000 ticks; the day 639322848000000000.

INSERT INTO traffic_hours (hour, direction, status, count, deferral_attempts) VALUES (639323136000000000, 0, 1, 3, 2);
INSERT INTO traffic_hours (hour, direction, status, count, deferral_attempts) VALUES (639323136000000000, 1, 16, 4, 0);
INSERT INTO returned_hours (hour, direction, count) VALUES (639323136000000000, 0, 1);
INSERT INTO traffic_keys_hourly (dimension, hour, direction, status, key, count) VALUES (1, 639323136000000000, 0, 1, 'gmail.com', 3);
INSERT INTO traffic_keys_daily (dimension, day, direction, status, key, count) VALUES (4, 639322848000000000, 0, 1, 'someone@gmail.com', 3);
INSERT INTO reason_examples (reason, example) VALUES ('policy' || char(31) || 'google' || char(31) || '5.7.1 550 5.7.1 blocked', '550 5.7.1 [192.0.2.1] blocked by policy');
