package io.reelgate.server.scheduling;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import io.reelgate.server.db.Database;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * After a restart on the embedded database, no other process can have been polling the upstream
 * jobs of tasks in flight, and their polling lived in the memory of the process that stopped: their
 * durable jobs, which wait for the backstop, are moved to now so every such task is polled again
 * right after the start. Jobs the stopped process was running are taken back by db-scheduler's own
 * dead-execution detection (their heartbeats stopped with the process). On a database shared by
 * nodes the other nodes may be polling those jobs, so nothing is moved.
 */
@Component
class StartupRecovery implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

  private final Database database;
  private final ObjectProvider<Scheduler> scheduler;
  private final Clock clock;

  StartupRecovery(Database database, ObjectProvider<Scheduler> scheduler, Clock clock) {
    this.database = database;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (database.sharedByNodes()) {
      return;
    }
    Scheduler jobs = scheduler.getObject();
    Instant now = clock.instant();
    int moved = 0;
    for (ScheduledExecution<Object> e :
        jobs.getScheduledExecutionsForTask(
            DurableTaskJobs.ADVANCE.getTaskName(),
            Object.class,
            ScheduledExecutionsFilter.all().withPicked(false))) {
      if (e.getExecutionTime().isAfter(now)) {
        try {
          jobs.reschedule(e.getTaskInstance(), now);
          moved++;
        } catch (RuntimeException changedMeanwhile) {
          // why: nothing else runs yet; a job that cannot be moved runs at its own time
        }
      }
    }
    if (moved > 0) {
      log.info("Taking back {} task(s) that wait for their upstream", moved);
    }
  }
}
