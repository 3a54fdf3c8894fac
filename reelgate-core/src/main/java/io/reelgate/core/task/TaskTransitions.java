package io.reelgate.core.task;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The single table of allowed task state changes. Nothing changes a task's state without passing
 * {@link #check}.
 */
public final class TaskTransitions {
  private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

  static {
    allow(TaskState.QUEUED, TaskState.RUNNING, TaskState.FAILED, TaskState.CANCELLED);
    allow(TaskState.RUNNING, TaskState.STORING, TaskState.FAILED, TaskState.CANCELLED);
    allow(TaskState.STORING, TaskState.SUCCEEDED, TaskState.FAILED);
    allow(TaskState.SUCCEEDED);
    allow(TaskState.FAILED);
    allow(TaskState.CANCELLED);
  }

  private TaskTransitions() {}

  private static void allow(TaskState from, TaskState... to) {
    Set<TaskState> targets = EnumSet.noneOf(TaskState.class);
    targets.addAll(java.util.Arrays.asList(to));
    ALLOWED.put(from, Collections.unmodifiableSet(targets));
  }

  public static boolean isAllowed(TaskState from, TaskState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The states reachable from {@code from} in one step. */
  public static Set<TaskState> next(TaskState from) {
    return ALLOWED.get(from);
  }

  /**
   * @throws IllegalTransitionException when the table does not allow the move
   */
  public static void check(TaskState from, TaskState to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransitionException(from, to);
    }
  }

  /** The table as a Mermaid state diagram, for the docs. */
  public static String mermaid() {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> QUEUED\n");
    for (TaskState from : TaskState.values()) {
      for (TaskState to : ALLOWED.get(from)) {
        out.append("    ").append(from).append(" --> ").append(to).append('\n');
      }
      if (from.isTerminal()) {
        out.append("    ").append(from).append(" --> [*]\n");
      }
    }
    return out.toString();
  }
}
