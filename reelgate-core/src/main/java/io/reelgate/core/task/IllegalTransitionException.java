package io.reelgate.core.task;

import io.reelgate.core.ReelgateException;

/** A state change that the transition table does not allow. */
public class IllegalTransitionException extends ReelgateException {
  private final TaskState from;
  private final TaskState to;

  public IllegalTransitionException(TaskState from, TaskState to) {
    super("a task cannot go from " + from + " to " + to, false);
    this.from = from;
    this.to = to;
  }

  public TaskState from() {
    return from;
  }

  public TaskState to() {
    return to;
  }
}
