-- The unfinished tasks of each key and model, kept in step with the tasks table: +1 in the
-- transaction that accepts a task, -1 in the transaction that moves it to a final state. The
-- concurrency limit reads one row instead of counting the key's task rows.
CREATE TABLE key_model_usage (
    api_key_id  VARCHAR(40)  NOT NULL,
    model       VARCHAR(100) NOT NULL,
    unfinished  INTEGER      NOT NULL,
    PRIMARY KEY (api_key_id, model)
);

INSERT INTO key_model_usage (api_key_id, model, unfinished)
SELECT api_key_id, model, COUNT(*)
FROM tasks
WHERE api_key_id IS NOT NULL AND state IN ('QUEUED', 'RUNNING', 'STORING')
GROUP BY api_key_id, model;
