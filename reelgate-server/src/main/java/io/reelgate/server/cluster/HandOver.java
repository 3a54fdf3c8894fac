package io.reelgate.server.cluster;

import io.reelgate.server.db.Database;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.task.TaskJobs;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A node that stops gracefully hands its work over instead of leaving it to its lease: after the
 * web server finished the requests in progress, it stops polling (waiting a moment for results it
 * is storing), stops running durable jobs (those running get db-scheduler's shutdown wait), gives
 * up its lease and moves the durable jobs of the tasks it polled to now, so the remaining nodes
 * take them within a scheduler poll. On the embedded database there is nobody to hand over to.
 */
@Component
class HandOver implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(HandOver.class);

  /** After the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and its stop. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final boolean shared;
  private final NodeLeases leases;
  private final TaskEngine engine;
  private final TaskJobs jobs;
  private final NodeSettings settings;
  private volatile boolean running;

  HandOver(
      Database database,
      NodeLeases leases,
      TaskEngine engine,
      TaskJobs jobs,
      NodeSettings settings) {
    this.shared = database.sharedByNodes();
    this.leases = leases;
    this.engine = engine;
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (!shared) {
      return;
    }
    try {
      Set<String> polled = engine.stopTracking(true, settings.handOverWait());
      jobs.stopRunningHere();
      List<String> held = leases.release();
      leases.runNow(held);
      log.info(
          "node {} handed over {} job(s) ({} polled here)",
          leases.nodeId(),
          held.size(),
          polled.size());
    } catch (RuntimeException e) {
      log.warn("hand-over failed ({}); the other nodes take over after the lease", e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
