-- Bucket4j's PostgreSQL proxy keeps the token buckets of the per-minute submission limits here,
-- so that every node sharing the database sees the same counts. id is "<keyId>|<model>|<rpm>".
CREATE TABLE rate_limit_buckets (
    id          VARCHAR(200) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
