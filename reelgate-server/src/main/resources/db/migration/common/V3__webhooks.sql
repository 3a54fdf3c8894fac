-- Portable SQL (H2 and PostgreSQL). Times are Unix milliseconds.

-- The signing secret of an account's webhooks: "whsec_" + base64 of random bytes.
ALTER TABLE accounts ADD COLUMN webhook_secret VARCHAR(100);

-- The outbox: one row per webhook message, written in the transaction that finishes the task.
-- id is the Standard Webhooks message id (msg_...), the same on every attempt.
-- state: PENDING (not tried yet, or re-send requested), FAILED (last attempt failed, another is
-- scheduled at next_attempt_at), DELIVERED, GAVE_UP.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(40)   PRIMARY KEY,
    task_id          VARCHAR(80)   NOT NULL REFERENCES tasks (id),
    account_id       VARCHAR(40)   NOT NULL REFERENCES accounts (id),
    url              VARCHAR(2048) NOT NULL,
    payload          VARCHAR(4194304) NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  BIGINT,
    created_at       BIGINT        NOT NULL,
    delivered_at     BIGINT
);
CREATE INDEX webhook_deliveries_task_idx ON webhook_deliveries (task_id, created_at);

-- Append-only: every send attempt. status_code is null when no HTTP answer came.
CREATE TABLE webhook_attempts (
    delivery_id   VARCHAR(40)   NOT NULL REFERENCES webhook_deliveries (id),
    attempt       INT           NOT NULL,
    attempted_at  BIGINT        NOT NULL,
    status_code   INT,
    latency_ms    BIGINT        NOT NULL,
    error         VARCHAR(1000),
    PRIMARY KEY (delivery_id, attempt)
);
