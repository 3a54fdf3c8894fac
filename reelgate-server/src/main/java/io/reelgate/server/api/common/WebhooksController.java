package io.reelgate.server.api.common;

import io.reelgate.core.ReelgateException;
import io.reelgate.server.access.Caller;
import io.reelgate.server.access.WebhookSecrets;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import io.reelgate.server.webhook.WebhookDeliveries;
import io.reelgate.server.webhook.WebhookDeliveries.Attempt;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import io.reelgate.server.webhook.WebhookOutbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks of a key's tasks, in {@code {"code","message","data"}} envelopes: the deliveries of
 * a task with every attempt, a re-send of one delivery (same {@code webhook-id}), and the account's
 * signing secret. Tasks of other accounts are not found.
 */
@RestController
public class WebhooksController {
  private final TaskService tasks;
  private final WebhookDeliveries deliveries;
  private final WebhookOutbox outbox;
  private final WebhookSecrets secrets;

  public WebhooksController(
      TaskService tasks,
      WebhookDeliveries deliveries,
      WebhookOutbox outbox,
      WebhookSecrets secrets) {
    this.tasks = tasks;
    this.deliveries = deliveries;
    this.outbox = outbox;
    this.secrets = secrets;
  }

  @GetMapping("/api/v1/tasks/{taskId}/webhooks")
  public ResponseEntity<Map<String, Object>> list(@PathVariable String taskId, Caller caller) {
    TaskRecord task = tasks.find(caller.accountId(), taskId);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Delivery d : deliveries.ofTask(task.id())) {
      out.add(view(d));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("taskId", task.id());
    data.put("deliveries", out);
    return AccountApiErrors.envelope(200, "success", data);
  }

  @PostMapping("/api/v1/tasks/{taskId}/webhooks/{deliveryId}/redeliver")
  public ResponseEntity<Map<String, Object>> redeliver(
      @PathVariable String taskId, @PathVariable String deliveryId, Caller caller) {
    TaskRecord task = tasks.find(caller.accountId(), taskId);
    Delivery delivery =
        deliveries
            .find(deliveryId)
            .filter(d -> d.taskId().equals(task.id()))
            .orElseThrow(() -> new Refusal(404, "Webhook delivery not found"));
    if (outbox.redeliver(delivery.id()) == WebhookOutbox.Redelivery.IN_PROGRESS) {
      throw new Refusal(409, "An attempt of this delivery is in progress");
    }
    return AccountApiErrors.envelope(
        200, "success", view(deliveries.find(delivery.id()).orElseThrow()));
  }

  @GetMapping("/api/v1/webhooks/secret")
  public ResponseEntity<Map<String, Object>> secret(Caller caller) {
    return AccountApiErrors.envelope(
        200, "success", Map.of("secret", secrets.secretOf(caller.accountId())));
  }

  private Map<String, Object> view(Delivery d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("webhookId", d.id());
    out.put("url", d.url());
    out.put("state", d.state().name());
    out.put("attemptCount", d.attempts());
    out.put("nextAttemptTime", d.nextAttemptAt());
    out.put("createTime", d.createdAt());
    out.put("deliveredTime", d.deliveredAt());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt a : deliveries.attemptsOf(d.id())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("attempt", a.attempt());
      row.put("time", a.attemptedAt());
      row.put("statusCode", a.statusCode());
      row.put("latencyMs", a.latencyMs());
      row.put("error", a.error());
      attempts.add(row);
    }
    out.put("attempts", attempts);
    return out;
  }

  /** An answer other than success. */
  static final class Refusal extends ReelgateException {
    private final int code;

    Refusal(int code, String message) {
      super(message, false);
      this.code = code;
    }

    int code() {
      return code;
    }
  }
}
