-- Portable SQL (H2 and PostgreSQL).

-- The W3C traceparent of a task's submit, written only while tracing is on, so that the task's
-- later work (its durable job, polls, webhooks) continues the submit's trace. No foreign key: a
-- row outlives nothing it needs, and deleting a task must not wait on it.
CREATE TABLE task_traces (
    task_id      VARCHAR(80) PRIMARY KEY,
    traceparent  VARCHAR(64) NOT NULL
);
