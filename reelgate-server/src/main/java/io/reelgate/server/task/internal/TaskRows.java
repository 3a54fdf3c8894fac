package io.reelgate.server.task.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.TaskRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A task as a row of {@code tasks} and back: the column list, a new row's values, the mapping. */
final class TaskRows {
  /** The columns of a task row, in the order of {@link #values} and read by {@link #map}. */
  static final String COLUMNS =
      "id, account_id, api_key_id, model, dialect, state, version, request_json, price,"
          + " callback_url, channel_id, upstream_job_id, output_width, output_height, result_key,"
          + " poster_key, failure_code, failure_message, attempts, created_at, updated_at,"
          + " started_at, completed_at, result_expired_at";

  private final RequestJson requestJson;

  TaskRows(RequestJson requestJson) {
    this.requestJson = requestJson;
  }

  /** The values of a new row, in the order of {@link #COLUMNS}. */
  Object[] values(TaskRecord t) {
    return new Object[] {
      t.id(),
      t.accountId(),
      t.apiKeyId(),
      t.model(),
      t.dialect(),
      t.state().name(),
      t.version(),
      requestJson.write(t.request()),
      t.price(),
      t.callbackUrl(),
      t.channelId(),
      t.upstreamJobId(),
      t.outputWidth(),
      t.outputHeight(),
      t.resultKey(),
      t.posterKey(),
      t.failureCode() == null ? null : t.failureCode().name(),
      t.failureMessage(),
      t.attempts(),
      t.createdAt(),
      t.updatedAt(),
      t.startedAt(),
      t.completedAt(),
      t.resultExpiredAt()
    };
  }

  /** The task a row holds. */
  TaskRecord map(ResultSet rs, int row) throws SQLException {
    String failure = rs.getString("failure_code");
    return new TaskRecord(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("api_key_id"),
        rs.getString("model"),
        rs.getString("dialect"),
        TaskState.valueOf(rs.getString("state")),
        rs.getInt("version"),
        requestJson.read(rs.getString("request_json")),
        rs.getLong("price"),
        rs.getString("callback_url"),
        rs.getString("channel_id"),
        rs.getString("upstream_job_id"),
        (Integer) rs.getObject("output_width", Integer.class),
        (Integer) rs.getObject("output_height", Integer.class),
        rs.getString("result_key"),
        rs.getString("poster_key"),
        failure == null ? null : FailureCode.valueOf(failure),
        rs.getString("failure_message"),
        rs.getInt("attempts"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getObject("started_at", Long.class),
        rs.getObject("completed_at", Long.class),
        rs.getObject("result_expired_at", Long.class));
  }
}
