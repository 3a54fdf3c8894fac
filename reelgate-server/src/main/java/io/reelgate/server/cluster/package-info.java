/**
 * Many nodes on one PostgreSQL database: each node's lease ({@code cluster_nodes}), which node
 * polls which upstream job ({@code upstream_job_owners}, implementing the engine's {@link
 * io.reelgate.server.engine.JobOwnership}), taking over the jobs of a node whose lease ran out, and
 * the feed that tells every node about task changes made on another one (LISTEN/NOTIFY). On the
 * embedded database all of it stands aside: one process owns everything.
 */
package io.reelgate.server.cluster;
