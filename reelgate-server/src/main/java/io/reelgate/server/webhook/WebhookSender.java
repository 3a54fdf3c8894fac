package io.reelgate.server.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reelgate.server.access.WebhookSecrets;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.fetch.FetchFailedException;
import io.reelgate.server.fetch.ForbiddenAddressException;
import io.reelgate.server.fetch.GuardedHttp;
import io.reelgate.server.tracing.TaskTraces;
import io.reelgate.server.webhook.WebhookDeliveries.Attempt;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import io.reelgate.server.webhook.WebhookDeliveries.State;
import io.reelgate.server.webhook.internal.DeliveryRows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends webhook deliveries, one durable db-scheduler job per delivery. Each run makes one attempt:
 * 2xx acknowledges, {@code 410 Gone} stops, anything else is retried on the configured schedule
 * with jitter (or after {@code Retry-After} when that is longer) until the schedule runs out. Sends
 * to one endpoint (scheme, host and port) are capped; a first send that finds its endpoint busy
 * waits its turn on its virtual thread for a while, and a job that does is looked at again shortly.
 * Sends go through {@link GuardedHttp}: the URL is checked again at every attempt (DNS answers
 * change) and the connection goes to the checked address. Redirects are not followed.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookSender implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  /** The log context key of the task a delivery is about (the engine's own key). */
  static final String TASK_ID = "task_id";

  static final Duration HOST_BUSY_RETRY = Duration.ofMillis(500);

  /**
   * When the durable job of a new delivery is due: the first attempt is made right after the task's
   * transaction committed, in this process; the job makes it only if this process died first. It is
   * longer than an attempt may take, so the two never overlap.
   */
  static final Duration FIRST_SEND_BACKSTOP = Duration.ofSeconds(90);

  private final DeliveryRows deliveries;
  private final WebhookSecrets secrets;
  private final GuardedHttp http;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final RetrySchedule retries;
  private final Duration timeout;
  private final EndpointSlots slots;
  private final Duration firstSendWait; // ends before the backstop: the two never overlap
  private final GuardedHttp.Limits limits;
  private final ObjectProvider<Scheduler> scheduler;
  private final ObservationRegistry observations;
  private final TaskTraces traces; // continues the task's trace when tracing is on (ADR 0014)
  private final ExecutorService firstSends = Executors.newVirtualThreadPerTaskExecutor();
  private final FirstAttemptRecords firstAttempts;

  public WebhookSender(
      DeliveryRows deliveries,
      WebhookSecrets secrets,
      GuardedHttp http,
      TransactionTemplate tx,
      Clock clock,
      ReelgateSettings settings,
      ObjectProvider<Scheduler> scheduler,
      ObjectProvider<ObservationRegistry> observations,
      ObjectProvider<TaskTraces> traces) {
    this.deliveries = deliveries;
    this.traces = traces.getIfAvailable();
    this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    this.secrets = secrets;
    this.http = http;
    this.tx = tx;
    this.clock = clock;
    this.retries = new RetrySchedule(settings.webhooks().retrySchedule());
    this.timeout = settings.webhooks().timeout();
    this.slots = new EndpointSlots(settings.webhooks().maxConcurrentPerHost());
    this.firstSendWait = EndpointSlots.firstSendWait(FIRST_SEND_BACKSTOP, timeout);
    this.scheduler = scheduler;
    this.firstAttempts = new FirstAttemptRecords(tx, this::record, this::settleJob);
    this.limits =
        new GuardedHttp.Limits(
            timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10),
            timeout);
  }

  @Bean
  CustomTask<Void> deliverWebhookJob() {
    return Tasks.custom(WebhookJob.DESCRIPTOR)
        .onDeadExecutionRevive()
        .execute((instance, context) -> deliver(instance.getId()));
  }

  /** Makes one attempt of a delivery and says when (or whether) to try again. */
  CompletionHandler<Void> deliver(String deliveryId) {
    Delivery delivery = deliveries.find(deliveryId).orElse(null);
    if (delivery == null || !delivery.state().wantsSending()) {
      return done();
    }
    try (var logged = MDC.putCloseable(TASK_ID, delivery.taskId());
        var traced = traces == null ? null : traces.resume(delivery.taskId(), "webhook delivery")) {
      return deliverLogged(delivery);
    }
  }

  private CompletionHandler<Void> deliverLogged(Delivery delivery) {
    String endpoint = EndpointSlots.endpointOf(delivery.url());
    if (!slots.acquire(endpoint)) {
      return runAgainIn(RetrySchedule.jitter(HOST_BUSY_RETRY));
    }
    Observation attempt = WebhookAttempts.start(observations, delivery);
    Result result;
    try (Observation.Scope scope = attempt.openScope()) {
      result = send(delivery);
    } finally {
      slots.release(endpoint);
    }
    Instant next = WebhookAttempts.recorded(attempt, result, () -> record(delivery, result));
    return next == null ? done() : (complete, ops) -> ops.reschedule(complete, next);
  }

  /**
   * Makes the first attempt of a delivery that was just committed, on a virtual thread of this
   * process, and records it together with what follows for its durable job: removed once the
   * receiver acknowledged it (or after a {@code 410}), moved to the next attempt's time otherwise.
   * An endpoint with all its sends in use is waited for in turn, up to {@link #firstSendWait};
   * after that the delivery is left to its job, moved to shortly.
   */
  void sendSoon(Delivery delivery) {
    try {
      firstSends.execute(() -> sendFirst(delivery));
    } catch (RejectedExecutionException stopping) {
      // why: the server stops; the durable job sends it after the restart
    }
  }

  private void sendFirst(Delivery delivery) {
    try (var logged = MDC.putCloseable(TASK_ID, delivery.taskId());
        var traced = traces == null ? null : traces.resume(delivery.taskId(), "webhook delivery")) {
      sendFirstLogged(delivery);
    }
  }

  private void sendFirstLogged(Delivery delivery) {
    Scheduler jobs = scheduler.getObject();
    TaskInstanceId job = WebhookJob.DESCRIPTOR.instanceId(delivery.id());
    String endpoint = EndpointSlots.endpointOf(delivery.url());
    try {
      if (!slots.acquire(endpoint, firstSendWait)) {
        WebhookJob.move(jobs, job, clock.instant().plus(RetrySchedule.jitter(HOST_BUSY_RETRY)));
        return;
      }
      if (firstSends.isShutdown()) { // why: stopping while it waited; the job sends after restart
        slots.release(endpoint);
        return;
      }
      Observation attempt = WebhookAttempts.start(observations, delivery);
      Result result;
      try (Observation.Scope scope = attempt.openScope()) {
        result = send(delivery);
      } finally {
        slots.release(endpoint);
      }
      // why: one transaction records the attempt and settles or moves the durable job, shared
      // with the other first attempts recorded at the same moment
      Instant next =
          WebhookAttempts.recorded(attempt, result, () -> firstAttempts.recorded(delivery, result));
      if (next != null && !next.isAfter(clock.instant())) {
        jobs.triggerCheckForDueExecutions();
      }
    } catch (RuntimeException e) {
      log.warn("delivery {}: first attempt failed to run; its job makes it", delivery.id(), e);
    }
  }

  private void settleJob(String deliveryId, Instant next) {
    TaskInstanceId job = WebhookJob.DESCRIPTOR.instanceId(deliveryId);
    if (next == null) {
      WebhookJob.cancel(scheduler.getObject(), job);
    } else {
      WebhookJob.move(scheduler.getObject(), job, next);
    }
  }

  /** What one attempt gave: an HTTP status (or null), an error text, a requested wait. */
  record Result(
      long attemptedAt, Integer status, long latencyMs, String error, Duration retryAfter) {}

  private Result send(Delivery delivery) {
    long startedAt = clock.millis();
    long start = System.nanoTime();
    try {
      String secret = secrets.secretOf(delivery.accountId());
      long timestamp = clock.instant().getEpochSecond();
      GuardedHttp.Answer answer =
          http.postJson(
              delivery.url(),
              Map.of(
                  "User-Agent", "Reelgate-Webhooks",
                  "webhook-id", delivery.id(),
                  "webhook-timestamp", Long.toString(timestamp),
                  "webhook-signature",
                      WebhookSignature.sign(secret, delivery.id(), timestamp, delivery.payload())),
              delivery.payload().getBytes(StandardCharsets.UTF_8),
              limits);
      int status = answer.status();
      Duration retryAfter =
          answer.header("Retry-After").map(RetrySchedule::retryAfter).orElse(null);
      String error = status / 100 == 2 ? null : "HTTP " + status;
      return new Result(startedAt, status, elapsed(start), error, retryAfter);
    } catch (ForbiddenAddressException e) {
      return new Result(startedAt, null, elapsed(start), "URL refused: " + e.getMessage(), null);
    } catch (FetchFailedException e) {
      return new Result(startedAt, null, elapsed(start), "receiver " + e.getMessage(), null);
    }
  }

  /**
   * Records an attempt and the delivery's new state; returns when to try again, or null when the
   * delivery is settled (acknowledged, gone, or out of tries).
   */
  private Instant record(Delivery delivery, Result result) {
    int attempt = delivery.attempts() + 1;
    Attempt row =
        new Attempt(
            delivery.id(),
            attempt,
            result.attemptedAt(),
            result.status(),
            result.latencyMs(),
            truncate(result.error()));
    long now = clock.millis();
    Integer status = result.status();
    if (status != null && status / 100 == 2) {
      tx.executeWithoutResult(s -> deliveries.recordAttempt(row, State.DELIVERED, null, now));
      return null;
    }
    Duration wait =
        status != null && status == 410 ? null : retries.nextWait(attempt, result.retryAfter());
    if (wait == null) {
      tx.executeWithoutResult(s -> deliveries.recordAttempt(row, State.GAVE_UP, null, null));
      return null;
    }
    Instant at = clock.instant().plus(wait);
    tx.executeWithoutResult(
        s -> deliveries.recordAttempt(row, State.FAILED, at.toEpochMilli(), null));
    return at;
  }

  @Override
  public void destroy() {
    firstSends.shutdown();
    try {
      // why: sends under way get up to 10 s to be recorded; else their jobs send them again
      firstSends.awaitTermination(limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    firstAttempts.close();
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }

  private static CompletionHandler<Void> done() {
    return (complete, ops) -> ops.remove();
  }

  private CompletionHandler<Void> runAgainIn(Duration delay) {
    Instant at = clock.instant().plus(delay);
    return (complete, ops) -> ops.reschedule(complete, at);
  }
}
