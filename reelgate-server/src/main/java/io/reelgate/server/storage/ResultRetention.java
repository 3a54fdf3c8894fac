package io.reelgate.server.storage;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes results at the end of their lifetime: a durable, recurring db-scheduler job (one run at a
 * time across every node of the database, taken back by another node if its node dies) that every
 * {@code REELGATE_RETENTION_INTERVAL} finds the finished tasks whose lifetime ({@code
 * REELGATE_RESULT_URL_TTL} from completion) is over, deletes their files from storage and marks
 * each task as having an expired result. Files go first, so a run cut short leaves a task to the
 * next run, which deletes again (nothing to delete is no error) and marks it. A store that is
 * unavailable ends the run; the next one goes on.
 */
@Configuration(proxyBeanMethods = false)
public class ResultRetention {
  static final String JOB = "result-retention";
  static final int BATCH = 200;
  private static final Logger log = LoggerFactory.getLogger(ResultRetention.class);

  private final TaskQueries queries;
  private final TaskLifecycle lifecycle;
  private final ResultFiles files;
  private final Clock clock;
  private final Duration ttl;
  private final Duration interval;

  public ResultRetention(
      TaskQueries queries,
      TaskLifecycle lifecycle,
      ResultFiles files,
      Clock clock,
      ReelgateSettings settings) {
    this.queries = queries;
    this.lifecycle = lifecycle;
    this.files = files;
    this.clock = clock;
    this.ttl = settings.storage().urlTtl();
    this.interval = settings.storage().retentionInterval();
  }

  @Bean
  RecurringTask<Void> resultRetentionJob() {
    return Tasks.recurring(JOB, FixedDelay.of(interval)).execute((instance, context) -> sweep());
  }

  /**
   * One run: expires every result whose lifetime is over, in batches.
   *
   * @return how many tasks' results expired
   */
  public int sweep() {
    int expired = 0;
    while (true) {
      long cutoff = clock.millis() - ttl.toMillis();
      List<TaskRecord> due = queries.dueForRetention(cutoff, BATCH);
      int before = expired;
      for (TaskRecord task : due) {
        try {
          files.deleteAll(task.id());
          lifecycle.resultExpired(task);
          expired++;
        } catch (StorageUnavailableException e) {
          log.warn(
              "result retention: the store is unavailable ({}); next run goes on", e.getMessage());
          return expired;
        } catch (ConcurrentTaskUpdateException e) {
          // why: the task changed meanwhile; the next run reads it again
        }
      }
      if (due.size() < BATCH || expired == before) {
        break;
      }
    }
    if (expired > 0) {
      log.info("result retention: {} result(s) past their lifetime deleted", expired);
    }
    return expired;
  }
}
