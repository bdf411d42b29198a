-- Rows as Postmeter with schema 7 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 7 adds the detective's escalations. 2026-12-10T08:00:00Z = 639324864000000000 ticks.

INSERT INTO escalations (id, time, requester, client_address, terms, result_ids)
VALUES (1, 639324864000000000, 'public', '198.51.100.7', '{"sender":"a@example.org","recipient":"b@example.com"}', '["m30","r31"]');
