package io.reelgate.server.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
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

  /** Removes a delivery's job, if it is still there and not running. */
  static void cancel(Scheduler jobs, TaskInstanceId job) {
    try {
      jobs.cancel(job);
    } catch (RuntimeException runningOrGone) {
      // why: a job that runs right now finds the delivery settled; a missing one has nothing left
    }
  }

  /** Moves a delivery's job to {@code at}, if it is still there and not running. */
  static void move(Scheduler jobs, TaskInstanceId job, Instant at) {
    try {
      jobs.reschedule(job, at);
    } catch (RuntimeException runningOrGone) {
      // why: a job that runs right now decides its next run itself
    }
  }
}
