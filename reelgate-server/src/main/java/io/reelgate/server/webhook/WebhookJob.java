package io.reelgate.server.webhook;

import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;

/**
 * The durable job that sends one webhook delivery. Its instance id is the delivery id, so each
 * delivery is its own job and a slow endpoint holds up only its own deliveries.
 */
public final class WebhookJob {
  public static final TaskDescriptor<Void> DESCRIPTOR = TaskDescriptor.of("deliver-webhook");

  private WebhookJob() {}

  public static SchedulableInstance<Void> instance(String deliveryId, Instant when) {
    return DESCRIPTOR.instance(deliveryId).scheduledTo(when);
  }
}
