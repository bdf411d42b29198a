-- Postmeter workspace, schema 3: the tracker's in-flight messages are saved one row each.
--
-- Every commit saved the tracker's whole state as one blob in tracker_state: with a large mail queue (thousands of
-- deferred messages, and while following live, every message of the last minute still settling) that is megabytes
-- rewritten every second. Now tracker_state.state holds only the rest (clock, which messages are active, recent,
-- settling, the links waiting for their queue, by message id), and each message the tracker still refers to is a
-- row here, written when it changed and deleted when the tracker no longer refers to it. A state saved by schema 2
-- (messages inside the blob) is still read; the next commit moves its messages here.

CREATE TABLE tracker_messages (
    -- The tracker's stable id for the message (TrackedMessage.StateId).
    id    INTEGER PRIMARY KEY,
    -- The message's state as UTF-8 JSON (TrackerSnapshot.MessageState).
    state BLOB NOT NULL
);
