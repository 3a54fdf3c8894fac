package io.reelgate.server.engine.internal;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When a task's time is up: its model's {@code deadline} after it was first handed to a channel
 * (after it was accepted, while it still waits for one).
 */
@Component
class Deadlines {
  private final ModelCatalog catalog;
  private final Clock clock;

  Deadlines(ModelCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  ModelSpec model(TaskRecord task) {
    return catalog
        .find(task.model())
        .orElseThrow(() -> new IllegalStateException("model " + task.model() + " is gone"));
  }

  /** The instant the task fails with PROCESSING_TIMEOUT if it has not finished. */
  Instant of(TaskRecord task) {
    long started = task.startedAt() == null ? task.createdAt() : task.startedAt();
    return Instant.ofEpochMilli(started + model(task).deadline().toMillis());
  }

  boolean passed(TaskRecord task) {
    return !clock.instant().isBefore(of(task));
  }

  Instant now() {
    return clock.instant();
  }
}
