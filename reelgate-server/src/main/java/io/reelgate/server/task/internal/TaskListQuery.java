package io.reelgate.server.task.internal;

import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.TaskQueries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A statement that lists tasks, with its parameters: the pages of the task listings (the filters
 * that are given, keyset pagination on creation time and id) and the changes a client missed.
 */
record TaskListQuery(String sql, List<Object> params) {

  /**
   * The account's tasks last changed at or after {@code sinceMillis}, oldest change first, at most
   * {@code limit}.
   */
  static TaskListQuery changedSince(String columns, String accountId, long sinceMillis, int limit) {
    return new TaskListQuery(
        "SELECT "
            + columns
            + " FROM tasks WHERE account_id = ? AND updated_at >= ? AND deleted_at IS NULL"
            + " ORDER BY updated_at, id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        List.of(accountId, sinceMillis));
  }

  /**
   * One page of the account's tasks that were not deleted, by creation time and then id (newest
   * first unless {@code ascending}), strictly after the cursor position when one is given.
   *
   * @param accountId the account, or null for the tasks of every account (the operator's view)
   * @param states only these states, or all when empty
   * @param model only this model, or all when null
   * @param sinceMillis only tasks created at or after this time, or all when null
   * @param after the creation time and id of the last task of the previous page, or null
   */
  static TaskListQuery page(
      String columns,
      String accountId,
      Collection<TaskState> states,
      String model,
      Long sinceMillis,
      TaskQueries.Position after,
      boolean ascending,
      int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(columns).append(" FROM tasks WHERE deleted_at IS NULL");
    List<Object> params = new ArrayList<>();
    if (accountId != null) {
      sql.append(" AND account_id = ?");
      params.add(accountId);
    }
    if (!states.isEmpty()) {
      sql.append(" AND state IN (").append("?, ".repeat(states.size() - 1)).append("?)");
      states.forEach(s -> params.add(s.name()));
    }
    if (model != null) {
      sql.append(" AND model = ?");
      params.add(model);
    }
    if (sinceMillis != null) {
      sql.append(" AND created_at >= ?");
      params.add(sinceMillis);
    }
    String cmp = ascending ? ">" : "<";
    if (after != null) {
      sql.append(" AND (created_at ")
          .append(cmp)
          .append(" ? OR (created_at = ? AND id ")
          .append(cmp)
          .append(" ?))");
      params.add(after.createdAt());
      params.add(after.createdAt());
      params.add(after.id());
    }
    String dir = ascending ? "ASC" : "DESC";
    sql.append(" ORDER BY created_at ")
        .append(dir)
        .append(", id ")
        .append(dir)
        .append(" FETCH FIRST ")
        .append(limit)
        .append(" ROWS ONLY");
    return new TaskListQuery(sql.toString(), List.copyOf(params));
  }
}
