package io.reelgate.client.apixo;

import java.util.List;

/**
 * One page of the caller's tasks, newest first.
 *
 * @param tasks the tasks, each with its model
 * @param nextCursor the cursor of the next page, or null on the last
 */
public record TaskPage(List<TaskStatus> tasks, String nextCursor) {
  /** Whether another page follows. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
