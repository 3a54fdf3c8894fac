-- Portable SQL (H2 and PostgreSQL).

-- The webhook backlog gauge counts the deliveries still to be made and finds the oldest of them;
-- this index keeps that a range read however many deliveries were made before.
CREATE INDEX webhook_deliveries_state_idx ON webhook_deliveries (state, created_at);
