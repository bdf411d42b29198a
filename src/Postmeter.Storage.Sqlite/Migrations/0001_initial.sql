-- Postmeter workspace, schema 1.
-- Times are UTC DateTime ticks (100 ns since 0001-01-01), so they round-trip exactly; enums are the numeric values
-- of their Postmeter.Core types (Fate, Direction, MessageOrigin, Completion, NotificationKind, DeliveryStatus).
-- seq numbers messages, rejects and authentication failures together, in the order the tracker emitted them.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
);

-- One row per emitted message (its first queue; later queues are in hops).
CREATE TABLE messages (
    seq                INTEGER PRIMARY KEY,
    host               TEXT NOT NULL,
    instance           TEXT NOT NULL,
    queue_id           TEXT NOT NULL,
    first_seen         INTEGER NOT NULL,
    last_seen          INTEGER NOT NULL,
    -- CompletedAt ?? LastSeen: the time the message belongs to, for ranges and retention.
    completed_at       INTEGER NOT NULL,
    -- 0 when the tracker left CompletedAt unset (completed_at then holds last_seen).
    completed_at_known INTEGER NOT NULL,
    completion         INTEGER NOT NULL,
    origin             INTEGER NOT NULL,
    direction          INTEGER NOT NULL,
    received_at        INTEGER,
    message_id         TEXT,
    sender             TEXT,
    client_host        TEXT,
    client_ip          TEXT,
    sasl_username      TEXT,
    size               INTEGER,
    recipient_count    INTEGER,
    returned_to_sender INTEGER NOT NULL,
    notification_of    TEXT,
    notification_kind  INTEGER,
    expired_at         INTEGER,
    held               INTEGER NOT NULL,
    -- Where the message's log lines are: a slice of a raw block's uncompressed text; null when none were kept.
    raw_block          INTEGER,
    raw_offset         INTEGER,
    raw_length         INTEGER
);

CREATE INDEX messages_by_completed_at ON messages (completed_at);
CREATE INDEX messages_by_queue_id ON messages (host, queue_id);
CREATE INDEX messages_by_message_id ON messages (message_id);
CREATE INDEX messages_by_sender ON messages (sender);

-- Every recipient of a message in its order, final ones and those handed on to another queue (hop_queue_id set).
CREATE TABLE recipients (
    message_seq  INTEGER NOT NULL,
    idx          INTEGER NOT NULL,
    address      TEXT NOT NULL,
    orig_address TEXT,
    hop_queue_id TEXT,
    discarded_at INTEGER,
    fate         INTEGER NOT NULL,
    fate_at      INTEGER,
    PRIMARY KEY (message_seq, idx)
) WITHOUT ROWID;

CREATE INDEX recipients_by_address ON recipients (address);

-- Every delivery status line of a recipient, in order.
CREATE TABLE attempts (
    message_seq   INTEGER NOT NULL,
    recipient_idx INTEGER NOT NULL,
    idx           INTEGER NOT NULL,
    time          INTEGER NOT NULL,
    status        INTEGER NOT NULL,
    daemon        TEXT NOT NULL,
    relay         TEXT,
    dsn           TEXT,
    response      TEXT,
    delay         REAL,
    tls           TEXT,
    PRIMARY KEY (message_seq, recipient_idx, idx)
) WITHOUT ROWID;

-- Queue ids a message passed through after its first (content filter re-injections, local forwards), in order.
CREATE TABLE hops (
    message_seq INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    queue_id    TEXT NOT NULL,
    PRIMARY KEY (message_seq, idx)
) WITHOUT ROWID;

CREATE INDEX hops_by_queue_id ON hops (queue_id);

-- The log lines of the messages of one commit, packed together (about 64 KiB of text each) and compressed.
CREATE TABLE raw_blocks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The latest completed_at of the messages whose lines the block holds (retention).
    newest_time INTEGER NOT NULL,
    -- 1: deflate, 2: brotli.
    codec       INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL
);

CREATE TABLE rejects (
    seq         INTEGER PRIMARY KEY,
    time        INTEGER NOT NULL,
    host        TEXT NOT NULL,
    queue_id    TEXT,
    source      TEXT NOT NULL,
    stage       TEXT NOT NULL,
    client_host TEXT,
    client_ip   TEXT,
    sender      TEXT,
    recipient   TEXT,
    code        TEXT,
    dsn         TEXT,
    reason      TEXT NOT NULL,
    raw_line    TEXT
);

CREATE INDEX rejects_by_time ON rejects (time);

CREATE TABLE auth_failures (
    seq       INTEGER PRIMARY KEY,
    time      INTEGER NOT NULL,
    host      TEXT NOT NULL,
    client_ip TEXT,
    username  TEXT,
    mechanism TEXT NOT NULL,
    reason    TEXT NOT NULL
);

CREATE INDEX auth_failures_by_time ON auth_failures (time);

-- Final recipients counted by the hour of their fate, so dashboards never scan recipients.
CREATE TABLE rollup_hourly (
    hour              INTEGER NOT NULL,
    direction         INTEGER NOT NULL,
    status            INTEGER NOT NULL,
    recipient_domain  TEXT NOT NULL,
    provider_group    TEXT NOT NULL,
    sender_domain     TEXT NOT NULL,
    count             INTEGER NOT NULL,
    deferral_attempts INTEGER NOT NULL,
    PRIMARY KEY (hour, direction, status, recipient_domain, provider_group, sender_domain)
) WITHOUT ROWID;

-- Lines read per UTC hour: the span and Postfix version of each hour, and its counters (LineStatistics.Counters).
CREATE TABLE line_hours (
    hour            INTEGER PRIMARY KEY,
    first_time      INTEGER,
    last_time       INTEGER,
    postfix_version TEXT
);

CREATE TABLE line_counts (
    hour    INTEGER NOT NULL,
    counter TEXT NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (hour, counter)
) WITHOUT ROWID;

-- How far each log source has been read (committed with the rows it produced).
CREATE TABLE sources (
    key                TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    prefix_hash        BLOB NOT NULL,
    prefix_length      INTEGER NOT NULL,
    offset             INTEGER NOT NULL,
    lines              INTEGER NOT NULL,
    clock_year         INTEGER NOT NULL,
    clock_last_day_key INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
) WITHOUT ROWID;

-- The tracker's in-flight state after the last commit, and the sequence number the next record gets.
CREATE TABLE tracker_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    state         BLOB,
    next_sequence INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
