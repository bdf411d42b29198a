-- Postmeter workspace, schema 5: the dashboard's rollups. A message counts at the hour (and UTC day) it ended, the
-- time a report over a range selects it by, so the dashboard and `report --from --to` count the same recipients.
-- rollup_hourly (by the hour of each recipient's fate, every dimension in one key) is replaced; the new tables are
-- filled from the stored messages and rejects by the program right after this script (RollupRebuild).

DROP TABLE rollup_hourly;

-- Final recipients by the hour their message ended, direction and fate (0 sent … 4 discarded); rejects as status 16
-- under the inbound direction (1), counted by their own time.
CREATE TABLE traffic_hours (
    hour              INTEGER NOT NULL,
    direction         INTEGER NOT NULL,
    status            INTEGER NOT NULL,
    count             INTEGER NOT NULL,
    deferral_attempts INTEGER NOT NULL,
    PRIMARY KEY (hour, direction, status)
) WITHOUT ROWID;

-- Messages whose sender got a non-delivery notification, by the hour they ended and direction.
CREATE TABLE returned_hours (
    hour      INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (hour, direction)
) WITHOUT ROWID;

-- Final recipients counted by a key (TrafficDimension: 1 recipient domain, 2 sender domain, 3 sender, 4 recipient,
-- 5 sending mailbox, 6 receiving mailbox, 7 failure cause, 8 failure cause and domain) per hour and per UTC day.
-- Senders and recipients (3, 4) are kept per day only. The dimension leads the key so a query reads one stretch.
CREATE TABLE traffic_keys_hourly (
    dimension INTEGER NOT NULL,
    hour      INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    status    INTEGER NOT NULL,
    key       TEXT NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (dimension, hour, direction, status, key)
) WITHOUT ROWID;

CREATE TABLE traffic_keys_daily (
    dimension INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    status    INTEGER NOT NULL,
    key       TEXT NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (dimension, day, direction, status, key)
) WITHOUT ROWID;

-- One full reply for each failure cause (the first one seen), shown beside the cause.
CREATE TABLE reason_examples (
    reason  TEXT PRIMARY KEY,
    example TEXT NOT NULL
) WITHOUT ROWID;
