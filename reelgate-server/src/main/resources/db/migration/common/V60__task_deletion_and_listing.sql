-- A task its account deleted (OpenAI dialect: DELETE /v1/videos/{id}) keeps its row for the ledger
-- but is no longer found or listed; its files are removed.
ALTER TABLE tasks ADD COLUMN deleted_at BIGINT;

-- Task lists page through an account's tasks by creation time and then id.
CREATE INDEX tasks_account_created_id_idx ON tasks (account_id, created_at, id);
DROP INDEX tasks_account_idx;
