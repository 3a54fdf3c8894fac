package io.reelgate.server.task.internal;

import io.reelgate.server.db.Batcher;
import io.reelgate.server.task.TaskRecord;

/** What one item of a batch comes to, decided inside the transaction and told after the commit. */
record Decided<I extends Batcher.Item<TaskRecord>>(
    I item, TaskRecord result, RuntimeException failure) {
  void tell() {
    if (failure != null) {
      item.fail(failure);
    } else {
      item.succeed(result);
    }
  }
}
