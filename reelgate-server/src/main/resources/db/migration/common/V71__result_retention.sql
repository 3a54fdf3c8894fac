-- When the retention job deleted the task's stored files (its result's lifetime, the URL lifetime
-- from completion, was over); null while they are kept. The task row stays.
ALTER TABLE tasks ADD COLUMN result_expired_at BIGINT;

-- The retention job looks for finished tasks whose files are still kept, oldest first.
CREATE INDEX tasks_retention_idx ON tasks (result_expired_at, completed_at);
