-- Portable SQL (H2 and PostgreSQL). Times are Unix milliseconds.

-- Per-key overrides of a model's default limits (reelgate.models.<id>.limits).
CREATE TABLE key_limits (
    key_id               VARCHAR(40)  NOT NULL REFERENCES api_keys (id),
    model                VARCHAR(100) NOT NULL,
    requests_per_minute  INT          NOT NULL,
    concurrent_tasks     INT          NOT NULL,
    updated_at           BIGINT       NOT NULL,
    PRIMARY KEY (key_id, model),
    CONSTRAINT key_limits_positive CHECK (requests_per_minute > 0 AND concurrent_tasks > 0)
);

-- The unfinished tasks of a key and model are counted under a lock of the key's row when a task
-- is submitted; this index keeps that count to the unfinished rows.
CREATE INDEX tasks_key_model_state_idx ON tasks (api_key_id, model, state);

-- Idempotency-Key of accepted submissions, per account, written in the task's transaction.
-- fingerprint is the SHA-256 of the normalized request; a reuse within 24 hours with the same
-- fingerprint answers with task_id, with another fingerprint it is refused.
CREATE TABLE idempotency_keys (
    account_id   VARCHAR(40)  NOT NULL REFERENCES accounts (id),
    idem_key     VARCHAR(255) NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    task_id      VARCHAR(80)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);
CREATE INDEX idempotency_keys_age_idx ON idempotency_keys (account_id, created_at);
