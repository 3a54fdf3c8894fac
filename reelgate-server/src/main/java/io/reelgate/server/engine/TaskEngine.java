package io.reelgate.server.engine;

import java.time.Duration;
import java.util.Set;

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

  /**
   * Stops polling every upstream job this node polls (its lease was lost, or it stops) and returns
   * their tasks; the durable jobs of those tasks take them on wherever they run next. {@code
   * forGood}: this node takes no job on any more, and results being stored are given up to {@code
   * drain} to finish first.
   */
  /** Another node finished the task: this node stops polling its upstream job, if it did. */
  void finishedElsewhere(String taskId);

  Set<String> stopTracking(boolean forGood, Duration drain);
}
