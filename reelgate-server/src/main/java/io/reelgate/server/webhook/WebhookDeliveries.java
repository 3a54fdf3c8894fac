package io.reelgate.server.webhook;

import io.reelgate.server.webhook.internal.DeliveryRows;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The webhook deliveries of tasks and their attempts, as clients and operators see them. */
@Service
public class WebhookDeliveries {
  /** States of a delivery. */
  public enum State {
    /** Not tried yet, or a re-send was requested. */
    PENDING,
    /** The last attempt failed; another one is scheduled. */
    FAILED,
    DELIVERED,
    GAVE_UP;

    public boolean wantsSending() {
      return this == PENDING || this == FAILED;
    }
  }

  /** One delivery as stored. */
  public record Delivery(
      String id,
      String taskId,
      String accountId,
      String url,
      String payload,
      State state,
      int attempts,
      Long nextAttemptAt,
      long createdAt,
      Long deliveredAt) {}

  /** One attempt as stored; {@code statusCode} is null when no HTTP answer came. */
  public record Attempt(
      String deliveryId,
      int attempt,
      long attemptedAt,
      Integer statusCode,
      long latencyMs,
      String error) {}

  private final DeliveryRows rows;

  public WebhookDeliveries(DeliveryRows rows) {
    this.rows = rows;
  }

  /**
   * Deliveries still to be made (pending, or failed with another attempt scheduled) and the
   * creation time of the oldest of them (null when there is none).
   */
  public record Backlog(long count, Long oldestCreatedAt) {}

  /** The deliveries not yet delivered nor given up. */
  public Backlog backlog() {
    return rows.backlog();
  }

  /** The delivery with this id. */
  public Optional<Delivery> find(String id) {
    return rows.find(id);
  }

  /** A task's deliveries, oldest first. */
  public List<Delivery> ofTask(String taskId) {
    return rows.ofTask(taskId);
  }

  /** A delivery's attempts, oldest first. */
  public List<Attempt> attemptsOf(String deliveryId) {
    return rows.attemptsOf(deliveryId);
  }
}
