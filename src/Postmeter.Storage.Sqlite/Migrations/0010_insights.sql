-- Postmeter workspace, schema 10: insights (what the engine found), the notifications queued for them, where each
-- notification channel stands, and the engine's own bookkeeping.

CREATE TABLE insights (
    id          INTEGER PRIMARY KEY,
    -- What was found (high_bounce_rate, blocked_by_provider, …) and about what (a provider, a direction, an address;
    -- '' when the type has one subject): one problem is one row while it lasts.
    type        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('local', 'intel', 'news')),
    rating      TEXT NOT NULL CHECK (rating IN ('bad', 'ok', 'good', 'unrated')),
    -- When it opened and was last seen holding, and when its condition cleared (null while it holds), in the log's
    -- clock for history and the wall clock live.
    time        INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    archived    INTEGER NOT NULL DEFAULT 0,
    -- 1 when found over history during an import: archived at once and never notified.
    history     INTEGER NOT NULL DEFAULT 0,
    -- The admin's rating of its usefulness: 'useful', 'not_useful' or null.
    usefulness  TEXT CHECK (usefulness IN ('useful', 'not_useful')),
    -- The typed content, as JSON.
    content     TEXT NOT NULL
);

-- One open insight per type and subject.
CREATE UNIQUE INDEX insights_open ON insights (type, subject) WHERE resolved_at IS NULL;
CREATE INDEX insights_by_time ON insights (time);
CREATE INDEX insights_by_subject ON insights (type, subject, time);

CREATE TABLE insight_notifications (
    id          INTEGER PRIMARY KEY,
    insight_id  INTEGER NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
    -- slack, email, or webhook- and the start of the SHA-256 of the webhook's URL (stable when others change).
    channel     TEXT NOT NULL,
    queued_at   INTEGER NOT NULL,
    next_try_at INTEGER NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    -- null while waiting; 'sent' or 'failed' (given up) when done.
    outcome     TEXT CHECK (outcome IN ('sent', 'failed')),
    done_at     INTEGER,
    last_error  TEXT
);

CREATE INDEX insight_notifications_due ON insight_notifications (next_try_at) WHERE outcome IS NULL;

CREATE TABLE notification_channels (
    channel          TEXT PRIMARY KEY,
    last_sent_at     INTEGER,
    last_error_at    INTEGER,
    last_error       TEXT
);

CREATE TABLE insight_engine (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
