-- Nodes sharing this database and the upstream jobs each one polls (PostgreSQL only: the embedded
-- H2 database serves one process). A node renews its one lease row; a job belongs to the node
-- named on it while that node's lease runs. Times are the database's clock, so nodes whose clocks
-- differ still agree on who is alive.
CREATE TABLE cluster_nodes (
    node_id      VARCHAR(100) PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE upstream_job_owners (
    task_id  VARCHAR(80)  PRIMARY KEY,
    node_id  VARCHAR(100) NOT NULL,
    since    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX upstream_job_owners_node_idx ON upstream_job_owners (node_id);
