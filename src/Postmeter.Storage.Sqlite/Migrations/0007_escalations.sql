-- Postmeter workspace, schema 7: escalations from the Message Detective, for the insights engine.

CREATE TABLE escalations (
    id             INTEGER PRIMARY KEY,
    time           INTEGER NOT NULL,
    -- A user's e-mail address, or 'public' for an unauthenticated caller of the public detective.
    requester      TEXT NOT NULL,
    client_address TEXT,
    -- The search terms, as JSON.
    terms          TEXT NOT NULL,
    -- The ids of the messages and rejects it found undelivered, as a JSON array.
    result_ids     TEXT NOT NULL
);
