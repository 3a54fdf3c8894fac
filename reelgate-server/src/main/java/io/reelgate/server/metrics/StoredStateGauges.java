package io.reelgate.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.webhook.WebhookDeliveries;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database: unfinished tasks per state and the age of the oldest of each, the
 * webhook backlog and the age of its oldest delivery. The database is asked at most once per {@code
 * reelgate.metrics.stored-state-ttl} (default 15s), when a gauge is read; a failed read keeps the
 * last values and counts {@code reelgate.metrics.read.errors}.
 */
@Component
class StoredStateGauges implements MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(StoredStateGauges.class);
  static final String READ_ERRORS = "reelgate.metrics.read.errors";
  static final TaskState[] UNFINISHED = {TaskState.QUEUED, TaskState.RUNNING, TaskState.STORING};

  private final TaskQueries tasks;
  private final WebhookDeliveries webhooks;
  private final Clock clock;
  private final Duration ttl;
  private volatile Snapshot snapshot;
  private MeterRegistry registry;

  record Snapshot(
      long readAt,
      Map<TaskState, TaskQueries.Unfinished> tasks,
      WebhookDeliveries.Backlog webhooks) {}

  StoredStateGauges(
      TaskQueries tasks,
      WebhookDeliveries webhooks,
      Clock clock,
      @Value("${reelgate.metrics.stored-state-ttl:15s}") Duration ttl) {
    this.tasks = tasks;
    this.webhooks = webhooks;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    registry.counter(READ_ERRORS);
    for (TaskState state : UNFINISHED) {
      String name = state.name().toLowerCase(Locale.ROOT);
      Gauge.builder("reelgate.tasks.unfinished", this, g -> g.count(state))
          .description("Tasks in an unfinished state")
          .tag("state", name)
          .register(registry);
      Gauge.builder("reelgate.tasks.oldest.age", this, g -> g.oldestAge(state))
          .description("Seconds since the oldest task of the state was created (queued) or started")
          .baseUnit("seconds")
          .tag("state", name)
          .register(registry);
    }
    Gauge.builder("reelgate.webhooks.backlog", this, g -> g.current().webhooks().count())
        .description("Webhook deliveries not yet delivered nor given up")
        .register(registry);
    Gauge.builder("reelgate.webhooks.oldest.undelivered.age", this, g -> g.webhookAge())
        .description("Seconds since the oldest undelivered webhook was written (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  private double count(TaskState state) {
    TaskQueries.Unfinished u = current().tasks().get(state);
    return u == null ? 0 : u.count();
  }

  private double oldestAge(TaskState state) {
    TaskQueries.Unfinished u = current().tasks().get(state);
    return u == null || u.oldestSinceMillis() == null ? 0 : ageOf(u.oldestSinceMillis());
  }

  private double webhookAge() {
    Long oldest = current().webhooks().oldestCreatedAt();
    return oldest == null ? 0 : ageOf(oldest);
  }

  private double ageOf(long millis) {
    return Math.max(0, clock.millis() - millis) / 1000.0;
  }

  /** The last read, read again when older than the ttl. */
  synchronized Snapshot current() {
    Snapshot s = snapshot;
    long now = clock.millis();
    if (s != null && now - s.readAt() < ttl.toMillis()) {
      return s;
    }
    try {
      Map<TaskState, TaskQueries.Unfinished> byState = new EnumMap<>(TaskState.class);
      tasks.unfinished().forEach(u -> byState.put(u.state(), u));
      s = new Snapshot(now, byState, webhooks.backlog());
    } catch (RuntimeException e) {
      log.warn("could not read task and webhook counts for the metrics", e);
      if (registry != null) {
        registry.counter(READ_ERRORS).increment();
      }
      s =
          snapshot != null
              ? new Snapshot(now, snapshot.tasks(), snapshot.webhooks())
              : new Snapshot(
                  now, new EnumMap<>(TaskState.class), new WebhookDeliveries.Backlog(0, null));
    }
    snapshot = s;
    return s;
  }
}
