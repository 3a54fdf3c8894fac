package io.reelgate.server.engine.internal;

import io.reelgate.server.task.TaskQueries;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, before any task runs, removes what a stopped (or killed) process left in the work
 * directory: see {@link StaleWork}. The data directory belongs to one process at a time (the
 * embedded database locks it; nodes sharing PostgreSQL each have their own), and only files written
 * before this process started are removed.
 */
@Component
class StartupSweep implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(StartupSweep.class);

  private final WorkDirs workDirs;
  private final TaskQueries queries;

  StartupSweep(WorkDirs workDirs, TaskQueries queries) {
    this.workDirs = workDirs;
    this.queries = queries;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    StaleWork stale =
        new StaleWork(
            workDirs.root(),
            taskId -> queries.find(taskId).map(t -> !t.state().isTerminal()).orElse(false),
            started);
    try {
      StaleWork.Removed removed = stale.sweep();
      if (removed.files() + removed.directories() > 0) {
        log.info(
            "Removed {} half-written work file(s) and the work directories of {} ended task(s) left by"
                + " an earlier run",
            removed.files(),
            removed.directories());
      }
    } catch (IOException | RuntimeException e) {
      // why: leftovers only waste disk; the server starts anyway and the next start tries again
      log.warn("Could not clean the work directory {}: {}", workDirs.root(), e.toString());
    }
  }
}
