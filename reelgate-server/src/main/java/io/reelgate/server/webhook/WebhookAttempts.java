package io.reelgate.server.webhook;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The observation of one webhook attempt, {@value #OBSERVATION}: a timer by outcome ({@code
 * delivered}, {@code retrying}, {@code gave_up}) and a span when tracing is on.
 */
final class WebhookAttempts {
  static final String OBSERVATION = "reelgate.webhook.attempts";

  private WebhookAttempts() {}

  static Observation start(ObservationRegistry registry, Delivery delivery) {
    return Observation.createNotStarted(OBSERVATION, registry)
        .contextualName("webhook send")
        .highCardinalityKeyValue("task.id", delivery.taskId())
        .highCardinalityKeyValue("delivery.id", delivery.id())
        .start();
  }

  /** Records the attempt, names its outcome from when the next one is due, and stops it. */
  static Instant recorded(
      Observation attempt, WebhookSender.Result result, Supplier<Instant> record) {
    try {
      Instant next = record.get();
      Integer status = result.status();
      String outcome =
          status != null && status / 100 == 2 ? "delivered" : next == null ? "gave_up" : "retrying";
      attempt.lowCardinalityKeyValue("outcome", outcome);
      if (status != null) {
        attempt.highCardinalityKeyValue("http.status", Integer.toString(status));
      }
      return next;
    } catch (RuntimeException e) {
      attempt.lowCardinalityKeyValue("outcome", "error");
      attempt.error(e);
      throw e;
    } finally {
      attempt.stop();
    }
  }
}
