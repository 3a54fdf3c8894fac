package io.reelgate.server.engine;

/**
 * Which node polls an upstream job in flight. The engine claims a task's job before it polls it; a
 * claim fails while another live node holds it, so each job is polled by exactly one node. The
 * cluster package implements it with leases in the database; a single process owns everything.
 */
public interface JobOwnership {

  /** The ownership of a process that is alone on its database: every claim succeeds. */
  JobOwnership ALONE = taskId -> true;

  /**
   * Claims the polling of the task's upstream job for this node: true when this node holds it now
   * (it did already, nobody did, or its holder's lease ran out), false while another live node
   * holds it.
   */
  boolean claim(String taskId);
}
