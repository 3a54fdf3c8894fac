package io.reelgate.server.webhook.internal;

import io.reelgate.server.webhook.WebhookDeliveries.Attempt;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import io.reelgate.server.webhook.WebhookDeliveries.State;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox tables {@code webhook_deliveries} and {@code webhook_attempts}. */
@Repository
public class DeliveryRows {
  private static final String COLUMNS =
      "id, task_id, account_id, url, payload, state, attempts, next_attempt_at, created_at,"
          + " delivered_at";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public DeliveryRows(JdbcTemplate jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
  }

  /** Deliveries in PENDING or FAILED and the oldest creation time among them. */
  public io.reelgate.server.webhook.WebhookDeliveries.Backlog backlog() {
    return jdbc.sql(
            "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM webhook_deliveries"
                + " WHERE state IN ('PENDING', 'FAILED')")
        .query(
            (rs, row) ->
                new io.reelgate.server.webhook.WebhookDeliveries.Backlog(
                    rs.getLong("n"), rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
        .single();
  }

  public void insert(Delivery d) {
    insertAll(List.of(d));
  }

  /** Inserts new deliveries with one batched statement. */
  public void insertAll(List<Delivery> all) {
    batch.batchUpdate(
        "INSERT INTO webhook_deliveries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        all.stream()
            .map(
                d ->
                    new Object[] {
                      d.id(),
                      d.taskId(),
                      d.accountId(),
                      d.url(),
                      d.payload(),
                      d.state().name(),
                      d.attempts(),
                      d.nextAttemptAt(),
                      d.createdAt(),
                      d.deliveredAt()
                    })
            .toList());
  }

  public Optional<Delivery> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?")
        .param(id)
        .query(DeliveryRows::map)
        .optional();
  }

  public List<Delivery> ofTask(String taskId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM webhook_deliveries WHERE task_id = ? ORDER BY created_at, id")
        .param(taskId)
        .query(DeliveryRows::map)
        .list();
  }

  public List<Attempt> attemptsOf(String deliveryId) {
    return jdbc.sql(
            "SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error"
                + " FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt")
        .param(deliveryId)
        .query(
            (rs, n) ->
                new Attempt(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getLong(3),
                    rs.getObject(4) == null ? null : rs.getInt(4),
                    rs.getLong(5),
                    rs.getString(6)))
        .list();
  }

  /** Appends an attempt and moves the delivery to its outcome. */
  public void recordAttempt(Attempt attempt, State state, Long nextAttemptAt, Long deliveredAt) {
    jdbc.sql(
            "INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code,"
                + " latency_ms, error) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            attempt.deliveryId(),
            attempt.attempt(),
            attempt.attemptedAt(),
            attempt.statusCode(),
            attempt.latencyMs(),
            attempt.error())
        .update();
    jdbc.sql(
            "UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at = ?,"
                + " delivered_at = COALESCE(?, delivered_at) WHERE id = ?")
        .params(state.name(), attempt.attempt(), nextAttemptAt, deliveredAt, attempt.deliveryId())
        .update();
  }

  public void markPending(String id, long nextAttemptAt) {
    jdbc.sql("UPDATE webhook_deliveries SET state = ?, next_attempt_at = ? WHERE id = ?")
        .params(State.PENDING.name(), nextAttemptAt, id)
        .update();
  }

  private static Delivery map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Delivery(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        State.valueOf(rs.getString(6)),
        rs.getInt(7),
        rs.getObject(8) == null ? null : rs.getLong(8),
        rs.getLong(9),
        rs.getObject(10) == null ? null : rs.getLong(10));
  }
}
