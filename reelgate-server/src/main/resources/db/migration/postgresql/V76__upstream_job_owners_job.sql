-- The upstream job a node holds: a claim for another job of the same task (submitted again after a
-- failed job) takes the row whoever holds it.
ALTER TABLE upstream_job_owners ADD COLUMN upstream_job_id VARCHAR(300);
