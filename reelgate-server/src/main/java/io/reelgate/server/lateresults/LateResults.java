package io.reelgate.server.lateresults;

import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table of late results: written when one is seen, listed for the operator, newest first. */
@Component
public class LateResults {
  private static final Logger log = LoggerFactory.getLogger(LateResults.class);

  /** How a late result was seen. */
  public enum Via {
    /** A poll after the deadline. */
    POLL,
    /** A pushed update the channel's adapter verified. */
    WEBHOOK
  }

  /**
   * One late result.
   *
   * @param id position in the list (newer is larger)
   * @param taskId the task that failed with PROCESSING_TIMEOUT
   * @param accountId the task's account
   * @param model the task's public model
   * @param channelId the channel that ran the job
   * @param upstreamJobId the upstream's job id
   * @param via how the finished job was seen
   * @param timedOutAt when the task failed (epoch milliseconds), or null if unknown
   * @param reportedAt when the finished job was seen (epoch milliseconds)
   */
  public record LateResult(
      long id,
      String taskId,
      String accountId,
      String model,
      String channelId,
      String upstreamJobId,
      Via via,
      Long timedOutAt,
      long reportedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public LateResults(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records that the upstream finished the job of a timed-out task; a second sighting of the same
   * task changes nothing.
   *
   * @return whether this call recorded it
   */
  public boolean record(TaskRecord task, Via via) {
    if (task.channelId() == null || task.upstreamJobId() == null) {
      return false;
    }
    try {
      jdbc.sql(
              """
              INSERT INTO late_results (task_id, account_id, model, channel_id, upstream_job_id,
                  seen_via, timed_out_at, reported_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(
              task.id(),
              task.accountId(),
              task.model(),
              task.channelId(),
              task.upstreamJobId(),
              via.name(),
              task.completedAt(),
              clock.millis())
          .update();
    } catch (DuplicateKeyException seenBefore) {
      return false;
    }
    log.warn(
        "task {}: upstream job {} on {} finished after the task timed out; recorded as a late"
            + " result",
        task.id(),
        task.upstreamJobId(),
        task.channelId());
    return true;
  }

  /** Late results with an id below {@code beforeId}, newest first, at most {@code limit}. */
  public List<LateResult> page(long beforeId, int limit) {
    return jdbc.sql(
            """
            SELECT id, task_id, account_id, model, channel_id, upstream_job_id, seen_via,
                timed_out_at, reported_at
            FROM late_results WHERE id < ? ORDER BY id DESC FETCH FIRST %d ROWS ONLY"""
                .formatted(Math.max(1, limit)))
        .param(beforeId)
        .query(
            (rs, n) ->
                new LateResult(
                    rs.getLong("id"),
                    rs.getString("task_id"),
                    rs.getString("account_id"),
                    rs.getString("model"),
                    rs.getString("channel_id"),
                    rs.getString("upstream_job_id"),
                    Via.valueOf(rs.getString("seen_via")),
                    (Long) rs.getObject("timed_out_at", Long.class),
                    rs.getLong("reported_at")))
        .list();
  }
}
