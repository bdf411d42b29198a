-- Postmeter workspace, schema 4: the people and programs that use the web application, and what they did.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    -- ASP.NET Core's PasswordHasher output (PBKDF2, salt and iteration count included).
    password_hash  TEXT NOT NULL,
    -- Changes with the password or e-mail address: sessions issued before it no longer count.
    security_stamp TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    -- SHA-256 of the token's secret; the secret itself is shown once and never kept.
    secret_hash  BLOB NOT NULL UNIQUE,
    hint         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);

-- Browser sessions, kept here so that signing out, a password change or a removed user ends them for good.
CREATE TABLE sessions (
    key        TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ticket     BLOB NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    time       INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    client_ip  TEXT,
    action     TEXT NOT NULL,
    target     TEXT,
    detail     TEXT
);
