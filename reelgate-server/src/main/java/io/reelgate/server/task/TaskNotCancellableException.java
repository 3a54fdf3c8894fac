package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;
import io.reelgate.core.task.TaskState;

/** A cancellation of a task that is finished, or is storing its finished video. */
public class TaskNotCancellableException extends ReelgateException {
  private final TaskState state;

  public TaskNotCancellableException(String taskId, TaskState state) {
    super(describe(taskId, state), false);
    this.state = state;
  }

  public TaskState state() {
    return state;
  }

  private static String describe(String taskId, TaskState state) {
    return switch (state) {
      case STORING ->
          "task "
              + taskId
              + " has its video already and is storing it; it can no longer be"
              + " cancelled";
      case SUCCEEDED ->
          "task " + taskId + " has already succeeded; only unfinished tasks can be" + " cancelled";
      case FAILED ->
          "task " + taskId + " has already failed; only unfinished tasks can be" + " cancelled";
      case CANCELLED -> "task " + taskId + " is already cancelled";
      default -> "task " + taskId + " cannot be cancelled in state " + state;
    };
  }
}
