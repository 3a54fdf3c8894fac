package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;

/** No task with this id belongs to the caller's account (it may belong to another). */
public class TaskNotFoundException extends ReelgateException {
  public TaskNotFoundException(String taskId) {
    super("task not found: " + taskId, false);
  }
}
