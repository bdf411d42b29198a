-- Rows as Postmeter with schema 8 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 8 numbers the commits that write the tracker's saved messages.

INSERT INTO tracker_state (id, state, next_sequence, messages_written) VALUES (1, X'05', 41, 3);
INSERT INTO tracker_messages (id, state, written) VALUES (9, CAST('{"Id":9,"Host":"mx3","Instance":"postfix","QueueId":"FFF666"}' AS BLOB), 3);
INSERT INTO tracker_messages (id, state, written) VALUES (10, CAST('{"Id":10,"Host":"mx3","Instance":"postfix","QueueId":"GGG777"}' AS BLOB), 2);
