package io.reelgate.server.task.internal;

import io.reelgate.core.task.TaskState;
import io.reelgate.core.task.TaskTransitions;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Task rows. Every update is guarded by the row's version (optimistic concurrency): "0 rows
 * updated" means another writer won, and the caller re-reads. State changes pass the transition
 * table.
 */
@Repository
public class TaskRepository {
  private static final String COLUMNS = TaskRows.COLUMNS;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TaskRows taskRows;
  private final Clock clock;

  public TaskRepository(JdbcTemplate jdbc, RequestJson requestJson, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
    this.taskRows = new TaskRows(requestJson);
    this.clock = clock;
  }

  public void insert(TaskRecord t) {
    insertAll(List.of(t));
  }

  /** Inserts new tasks with one batched statement. */
  public void insertAll(List<TaskRecord> tasks) {
    batch.batchUpdate(
        "INSERT INTO tasks (" + COLUMNS + ") VALUES (" + "?, ".repeat(23) + "?)",
        tasks.stream().map(taskRows::values).toList());
  }

  public Optional<TaskRecord> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM tasks WHERE id = ?")
        .param(id)
        .query(taskRows::map)
        .optional();
  }

  /**
   * The task when it belongs to the account; another account's task, and a task its account
   * deleted, are reported as absent.
   */
  public Optional<TaskRecord> findOwned(String accountId, String id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tasks WHERE id = ? AND account_id = ? AND deleted_at IS NULL")
        .params(id, accountId)
        .query(taskRows::map)
        .optional();
  }

  /**
   * The stored version of the account's task: a one-column read that tells whether what a reader
   * made of the task before is still current.
   */
  public Optional<Integer> versionOwned(String accountId, String id) {
    return jdbc.sql(
            "SELECT version FROM tasks WHERE id = ? AND account_id = ? AND deleted_at IS NULL")
        .params(id, accountId)
        .query(Integer.class)
        .optional();
  }

  /**
   * The account's tasks last changed at or after {@code sinceMillis}, oldest change first, at most
   * {@code limit}: what a client that saw the account's tasks up to then may have missed.
   */
  public List<TaskRecord> changedSince(String accountId, long sinceMillis, int limit) {
    return list(TaskListQuery.changedSince(COLUMNS, accountId, sinceMillis, limit));
  }

  /**
   * One page of the tasks that were not deleted, by creation time and then id (see {@code
   * TaskListQuery#page} for the filters and the cursor).
   */
  public List<TaskRecord> page(
      String accountId,
      java.util.Collection<TaskState> states,
      String model,
      Long sinceMillis,
      TaskQueries.Position after,
      boolean ascending,
      int limit) {
    return list(
        TaskListQuery.page(
            COLUMNS, accountId, states, model, sinceMillis, after, ascending, limit));
  }

  private List<TaskRecord> list(TaskListQuery query) {
    return jdbc.sql(query.sql()).params(query.params()).query(taskRows::map).list();
  }

  /**
   * Marks a task deleted by its account: it is no longer found by {@link #findOwned} or listed.
   *
   * @return false when it was deleted already
   */
  public boolean markDeleted(String id, long nowMillis) {
    return jdbc.sql("UPDATE tasks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
            .params(nowMillis, id)
            .update()
        == 1;
  }

  /**
   * Writes a change of a task whose stored version is still {@code change.base().version()}.
   *
   * @return the task as now stored
   * @throws io.reelgate.core.task.IllegalTransitionException when the state change is not allowed
   * @throws ConcurrentTaskUpdateException when another writer changed the task first
   */
  public TaskRecord update(TaskRecord.Change change) {
    TaskRecord before = change.base();
    if (change.targetState() != before.state()) {
      TaskTransitions.check(before.state(), change.targetState());
    }
    TaskRecord after = updateAll(List.of(change)).get(0);
    if (after == null) {
      throw new ConcurrentTaskUpdateException(before.id());
    }
    return after;
  }

  /**
   * Writes changes whose transitions the caller checked, with one batched statement; each applies
   * only when its task's stored version is still the one it was made from.
   *
   * @return per change, the task as now stored, or null when another writer changed it first
   */
  public List<TaskRecord> updateAll(List<TaskRecord.Change> changes) {
    long now = clock.millis();
    List<TaskRecord> after = changes.stream().map(c -> c.apply(now)).toList();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      TaskRecord a = after.get(i);
      TaskRecord before = changes.get(i).base();
      rows.add(
          new Object[] {
            a.state().name(),
            a.version(),
            a.channelId(),
            a.upstreamJobId(),
            a.outputWidth(),
            a.outputHeight(),
            a.resultKey(),
            a.posterKey(),
            a.failureCode() == null ? null : a.failureCode().name(),
            a.failureMessage(),
            a.attempts(),
            a.updatedAt(),
            a.startedAt(),
            a.completedAt(),
            a.resultExpiredAt(),
            changes.get(i).triedChannel(),
            changes.get(i).triedChannel(),
            changes.get(i).triedChannel(),
            before.id(),
            before.version()
          });
    }
    int[] counts =
        batch.batchUpdate(
            "UPDATE tasks SET state = ?, version = ?, channel_id = ?, upstream_job_id = ?,"
                + " output_width = ?, output_height = ?, result_key = ?, poster_key = ?,"
                + " failure_code = ?, failure_message = ?, attempts = ?, updated_at = ?,"
                + " started_at = ?, completed_at = ?, result_expired_at = ?,"
                // why: the channel a task is handed to is appended to the list it was handed to,
                // in the same statement; a list near the column's size stops growing
                + " tried_channels = CASE WHEN CAST(? AS VARCHAR(100)) IS NULL THEN tried_channels"
                + " WHEN tried_channels IS NULL THEN CAST(? AS VARCHAR(100))"
                + " WHEN LENGTH(tried_channels) > 890 THEN tried_channels"
                + " ELSE tried_channels || ',' || CAST(? AS VARCHAR(100)) END"
                + " WHERE id = ? AND version = ?",
            rows);
    List<TaskRecord> out = new ArrayList<>(after.size());
    for (int i = 0; i < after.size(); i++) {
      out.add(counts[i] == 0 ? null : after.get(i));
    }
    return out;
  }

  /** The unfinished task that runs as this upstream job on this channel, if any. */
  public Optional<TaskRecord> findByUpstreamJob(String channelId, String upstreamJobId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tasks WHERE channel_id = ? AND upstream_job_id = ?"
                + " ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
        .params(channelId, upstreamJobId)
        .query(taskRows::map)
        .optional();
  }

  /**
   * Finished tasks that finished at or before {@code cutoffMillis} and whose stored files are still
   * kept (successes, and failures that may have stored something before failing), oldest first, at
   * most {@code limit}.
   */
  public List<TaskRecord> dueForRetention(long cutoffMillis, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tasks WHERE result_expired_at IS NULL AND completed_at <= ?"
                + " AND state IN ('SUCCEEDED', 'FAILED') ORDER BY completed_at, id FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .param(cutoffMillis)
        .query(taskRows::map)
        .list();
  }

  /** The channels the task was handed to, oldest first. */
  /** Unfinished tasks per state: count and the oldest start (creation time while queued). */
  public List<TaskQueries.Unfinished> unfinished() {
    return jdbc.sql(
            "SELECT state, COUNT(*) AS n, MIN(COALESCE(started_at, created_at)) AS oldest"
                + " FROM tasks WHERE state IN ('QUEUED', 'RUNNING', 'STORING') GROUP BY state")
        .query(
            (rs, row) ->
                new TaskQueries.Unfinished(
                    TaskState.valueOf(rs.getString("state")),
                    rs.getLong("n"),
                    rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
        .list();
  }

  public List<String> triedChannels(String id) {
    String tried =
        jdbc.sql("SELECT tried_channels FROM tasks WHERE id = ?")
            .param(id)
            .query(String.class)
            .optional()
            .orElse(null);
    return tried == null || tried.isEmpty() ? List.of() : List.of(tried.split(","));
  }
}
