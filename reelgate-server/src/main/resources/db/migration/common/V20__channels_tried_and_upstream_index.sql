-- Which channels a task was handed to, in order (comma-separated channel ids), and the lookup of a
-- task by the upstream job an upstream webhook names.
ALTER TABLE tasks ADD COLUMN tried_channels VARCHAR(1000);
CREATE INDEX tasks_upstream_job_idx ON tasks (channel_id, upstream_job_id);
