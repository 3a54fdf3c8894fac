package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;

/** Another writer changed the task first (its version moved on); re-read and decide again. */
public class ConcurrentTaskUpdateException extends ReelgateException {
  public ConcurrentTaskUpdateException(String taskId) {
    super("task " + taskId + " was changed concurrently", true);
  }
}
