-- Rows as Postmeter with schema 10 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 10 adds insights, their notification queue, the channels' status and the engine's bookkeeping.
-- 2026-12-10T08:00:00Z = 639324864000000000 ticks.

INSERT INTO insights (id, type, subject, category, rating, time, updated_at, resolved_at, archived, history, usefulness, content)
VALUES (1, 'high_bounce_rate', '', 'local', 'bad', 639324864000000000, 639324864000000000, NULL, 0, 0, 'useful',
    '{"rate":12.5,"bounced":25,"total":200,"from":"2026-12-10T02:00:00Z","to":"2026-12-10T08:00:00Z"}');
INSERT INTO insight_notifications (id, insight_id, channel, queued_at, next_try_at, tries, outcome, done_at, last_error)
VALUES (1, 1, 'slack', 639324864000000000, 639324864000000000, 1, 'sent', 639324864000000000, NULL);
INSERT INTO notification_channels (channel, last_sent_at, last_error_at, last_error)
VALUES ('slack', 639324864000000000, NULL, NULL);
INSERT INTO insight_engine (key, value) VALUES ('cursor', '639324864000000000');
