-- Postmeter workspace, schema 6: what the Message Detective searches by. Addresses are found whatever their case, a
-- domain through an index of its own, a relay by the end of its host name, a queue id on any host, and a returned
-- message's notification from the message. The new columns of the stored rows are filled right after this script by
-- the program (DetectiveLookupFill), with the rules new rows are written with.

ALTER TABLE messages ADD COLUMN sender_domain TEXT;
-- Lower-cased domain of the recipient's address; null when it has none.
ALTER TABLE recipients ADD COLUMN domain TEXT;
-- The last attempt's remote relay host, lower-cased and reversed (moc.elpmaxe.xm); null for local delivery.
ALTER TABLE recipients ADD COLUMN relay_key TEXT;
ALTER TABLE rejects ADD COLUMN sender_domain TEXT;
ALTER TABLE rejects ADD COLUMN recipient_domain TEXT;

DROP INDEX IF EXISTS messages_by_queue_id;
CREATE INDEX messages_by_queue_id ON messages (queue_id, host);
DROP INDEX IF EXISTS messages_by_sender;
CREATE INDEX messages_by_sender ON messages (sender COLLATE NOCASE);
DROP INDEX IF EXISTS recipients_by_address;
CREATE INDEX recipients_by_address ON recipients (address COLLATE NOCASE);
CREATE INDEX messages_by_sender_domain ON messages (sender_domain) WHERE sender_domain IS NOT NULL;
CREATE INDEX messages_by_notification_of ON messages (notification_of) WHERE notification_of IS NOT NULL;
CREATE INDEX recipients_by_orig_address ON recipients (orig_address COLLATE NOCASE) WHERE orig_address IS NOT NULL;
CREATE INDEX recipients_by_domain ON recipients (domain) WHERE domain IS NOT NULL;
CREATE INDEX recipients_by_relay ON recipients (relay_key) WHERE relay_key IS NOT NULL;
CREATE INDEX rejects_by_sender ON rejects (sender COLLATE NOCASE) WHERE sender IS NOT NULL;
CREATE INDEX rejects_by_recipient ON rejects (recipient COLLATE NOCASE) WHERE recipient IS NOT NULL;
CREATE INDEX rejects_by_sender_domain ON rejects (sender_domain) WHERE sender_domain IS NOT NULL;
CREATE INDEX rejects_by_recipient_domain ON rejects (recipient_domain) WHERE recipient_domain IS NOT NULL;
CREATE INDEX rejects_by_queue_id ON rejects (queue_id) WHERE queue_id IS NOT NULL;
