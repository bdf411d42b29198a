-- Postmeter workspace, schema 9: the Message Detective finds mail and rejects by the client address that sent them,
-- and mail by the SASL username that submitted it (the dashboard's failing SMTP AUTH clients and usernames open it so).

CREATE INDEX messages_by_client_ip ON messages (client_ip) WHERE client_ip IS NOT NULL;
CREATE INDEX rejects_by_client_ip ON rejects (client_ip) WHERE client_ip IS NOT NULL;
CREATE INDEX messages_by_sasl_username ON messages (sasl_username) WHERE sasl_username IS NOT NULL;
