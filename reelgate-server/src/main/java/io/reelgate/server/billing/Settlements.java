package io.reelgate.server.billing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settlement of finished tasks' reservations, in the caller's transaction (see {@link
 * Wallet#settleAll}): one guarded update per account and one ledger row per task, tasks in id
 * order.
 */
final class Settlements {
  static final String INSERT_LEDGER =
      "INSERT INTO ledger (account_id, kind, amount, reserved_delta, task_id, reserves_task,"
          + " settles_task, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Clock clock;

  Settlements(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  /**
   * Captures the tasks mapped to true and releases the others; tasks without a reservation, or
   * already settled, are left alone.
   *
   * @return the tasks settled now
   */
  Set<String> settle(Map<String, Boolean> captureByTask) {
    if (captureByTask.isEmpty()) {
      return Set.of();
    }
    List<String> ids = new ArrayList<>(captureByTask.keySet());
    Map<String, Reservation> reservations = new HashMap<>();
    jdbc.sql(
            "SELECT reserves_task, account_id, reserved_delta FROM ledger"
                + " WHERE reserves_task IN (:ids)")
        .param("ids", ids)
        .query(
            (rs, n) ->
                reservations.put(rs.getString(1), new Reservation(rs.getString(2), rs.getLong(3))))
        .list();
    Set<String> settledBefore =
        new HashSet<>(
            jdbc.sql("SELECT settles_task FROM ledger WHERE settles_task IN (:ids)")
                .param("ids", ids)
                .query(String.class)
                .list());
    Map<String, long[]> perAccount = new TreeMap<>(); // account → {captured, released}
    List<Object[]> rows = new ArrayList<>();
    Set<String> settled = new HashSet<>();
    long now = clock.millis();
    for (String taskId : new TreeSet<>(ids)) {
      Reservation r = reservations.get(taskId);
      if (r == null || settledBefore.contains(taskId)) {
        continue;
      }
      boolean capture = captureByTask.get(taskId);
      long[] sums = perAccount.computeIfAbsent(r.accountId(), a -> new long[2]);
      sums[capture ? 0 : 1] += r.amount();
      rows.add(
          new Object[] {
            r.accountId(),
            capture ? "CAPTURE" : "RELEASE",
            capture ? 0 : r.amount(),
            -r.amount(),
            taskId,
            null,
            taskId,
            null,
            now
          });
      settled.add(taskId);
    }
    perAccount.forEach(
        (account, sums) ->
            jdbc.sql(
                    "UPDATE accounts SET reserved = reserved - ?, spent = spent + ?,"
                        + " balance = balance + ? WHERE id = ?")
                .params(sums[0] + sums[1], sums[0], sums[1], account)
                .update());
    // why: the unique settles_task column is the backstop; a concurrent second settlement fails
    // here and rolls its whole transaction back instead of charging twice
    batch.batchUpdate(INSERT_LEDGER, rows);
    return settled;
  }

  private record Reservation(String accountId, long amount) {}
}
