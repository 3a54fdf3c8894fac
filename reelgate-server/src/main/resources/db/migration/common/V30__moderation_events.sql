-- Portable SQL (H2 and PostgreSQL). Times are Unix milliseconds.

-- Append-only: every prompt the content policy refused, for the operator. The prompt itself is not
-- kept: its SHA-256 (to recognise repeats) and its first 200 characters (to judge the refusal).
CREATE TABLE moderation_events (
    id              VARCHAR(40)   PRIMARY KEY,
    account_id      VARCHAR(40)   NOT NULL REFERENCES accounts (id),
    key_id          VARCHAR(40),
    dialect         VARCHAR(16)   NOT NULL,
    model           VARCHAR(100)  NOT NULL,
    policy          VARCHAR(40)   NOT NULL,
    reason          VARCHAR(500)  NOT NULL,
    prompt_sha256   VARCHAR(64)   NOT NULL,
    prompt_excerpt  VARCHAR(200)  NOT NULL,
    created_at      BIGINT        NOT NULL
);
CREATE INDEX moderation_events_account_idx ON moderation_events (account_id, created_at);
