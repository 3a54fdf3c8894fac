package io.reelgate.server.task;

/**
 * The task core's port to durable jobs: every unfinished task has one job that moves it on, which
 * survives restarts and runs on whichever node is alive. The scheduling package implements it.
 */
public interface TaskJobs {

  /** Schedules the new tasks' jobs to run now, in the caller's transaction. */
  void scheduleNew(java.util.List<String> taskIds);

  /**
   * Moves the task's job to {@code at}, when it waits for another time; best effort (a job that
   * runs right now decides its next run itself).
   */
  void runAt(String taskId, java.time.Instant at);

  /**
   * Removes the job of a task that finished, in the caller's transaction; a job that runs right now
   * is left alone (it ends by itself on the finished task).
   */
  void stop(String taskId);

  /**
   * This node runs no more jobs from now on (it is stopping): jobs it runs right now are given a
   * moment to end, and the others run on the nodes that remain.
   */
  default void stopRunningHere() {}
}
