package io.reelgate.server.engine;

/** Moves tasks on: what a task's durable job calls each time it runs. */
public interface TaskEngine {
  /** The log context key that names the task a line is about, on every line of a task's work. */
  String MDC_KEY = "task_id";

  /**
   * Runs the task's next stages from its stored state until one has to wait or the task ends. Never
   * throws for a failure of the task's work: failures are decided by the engine's failure policy
   * and stored on the task.
   */
  Next advance(String taskId);

  /** How many upstream jobs this node polls right now. */
  int jobsTracked();
}
