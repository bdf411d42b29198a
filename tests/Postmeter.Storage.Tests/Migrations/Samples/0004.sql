-- Rows as Postmeter with schema 4 wrote them: one of every kind, for the migration tests. Never change this file;
-- add Samples/NNNN.sql for each new schema version instead (MigrationTests checks that there is one).
-- Schema 4 adds the accounts: users, API tokens, sessions, the audit trail.
-- 2026-12-07T08:00:00Z = 639322272000000000 ticks.

INSERT INTO users (id, email, name, role, password_hash, security_stamp, created_at, updated_at)
VALUES (1, 'admin@example.com', 'Admin', 'admin', 'AQAAAAIAAYagAAAAEExampleHashNotARealOne==', 'stamp1', 639322272000000000, 639322272000000000);
INSERT INTO api_tokens (id, name, role, secret_hash, hint, created_at, last_used_at)
VALUES (1, 'prometheus', 'viewer', X'00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF', 'pm_abcd', 639322272000000000, NULL);
INSERT INTO sessions (key, user_id, ticket, expires_at) VALUES ('k1', 1, X'01', 639328320000000000);
INSERT INTO audit_log (id, time, actor, client_ip, action, target, detail)
VALUES (1, 639322272000000000, 'admin@example.com', '127.0.0.1', 'login', NULL, NULL);
