package io.reelgate.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.storage.ResultStore;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Polls the upstream jobs in flight on this node from memory, so that a poll costs no database
 * write. One timer thread keeps the due times; each due poll runs on a virtual thread, at most
 * {@code parallel-per-channel} per channel at once. The wait honours the upstream's hint ({@link
 * PollResult.Running#pollAfter()}, {@code Retry-After}) and doubles after failed polls.
 *
 * <p>When a job succeeds, its result is stored right away (see {@link #deliver}); the task's
 * durable job stays scheduled as the backstop until the task is finished, and takes tasks back into
 * polling after a restart. A tracked task costs a few hundred bytes: its ids, a copy of the request
 * without prompt, images and options, and one timer entry.
 */
@Component
public class UpstreamPoller implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(UpstreamPoller.class);
  private static final Duration HAND_OVER_RETRY = Duration.ofMillis(200);
  private static final long OUTCOME_TTL_MILLIS = Duration.ofMinutes(15).toMillis();

  private final PollingSettings settings;
  private final ResultStore store;
  private final Clock clock;
  private final ObjectProvider<Scheduler> scheduler;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> parallel = new ConcurrentHashMap<>();
  private final Semaphore finishing;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Finisher finisher;

  public UpstreamPoller(
      PollingSettings settings,
      ResultStore store,
      Clock clock,
      ObjectProvider<Scheduler> scheduler) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    this.finishing = new Semaphore(settings.parallelFinishes());
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("upstream-poll-timer").factory());
    timer.setRemoveOnCancelPolicy(true);
    timer.scheduleWithFixedDelay(this::forgetOldOutcomes, 1, 1, TimeUnit.MINUTES);
  }

  /** One job being polled. Mutable fields are only touched by the one poll in progress. */
  private static final class Tracked {
    final String taskId;
    final String upstreamJobId;
    final Channel channel;
    final GenerationRequest request;
    final int width;
    final int height;
    int failures;
    ScheduledFuture<?> next;

    Tracked(
        String taskId,
        String upstreamJobId,
        Channel channel,
        GenerationRequest request,
        int w,
        int h) {
      this.taskId = taskId;
      this.upstreamJobId = upstreamJobId;
      this.channel = channel;
      this.request = request;
      this.width = w;
      this.height = h;
    }
  }

  private record Outcome(PollResult result, long atMillis) {}

  /** How many upstream jobs this node polls. */
  public int trackedCount() {
    return tracked.size();
  }

  /** Whether this node polls the task's upstream job. */
  public boolean isTracking(String taskId) {
    return tracked.containsKey(taskId);
  }

  /**
   * Starts polling a task's upstream job after {@code firstPollAfter}, unless already polled. The
   * task takes a slot of its channel for as long as it is polled; {@code holdsSlot} says whether
   * the caller already took it.
   */
  public void track(TaskRecord task, Channel channel, Duration firstPollAfter, boolean holdsSlot) {
    if (task.upstreamJobId() == null) {
      throw new IllegalArgumentException("task " + task.id() + " has no upstream job");
    }
    Tracked t =
        new Tracked(
            task.id(),
            task.upstreamJobId(),
            channel,
            slim(task.request()),
            task.outputWidth() == null ? task.request().size().width() : task.outputWidth(),
            task.outputHeight() == null ? task.request().size().height() : task.outputHeight());
    if (tracked.putIfAbsent(task.id(), t) != null) {
      if (holdsSlot) {
        channel.release();
      }
      return;
    }
    if (!holdsSlot) {
      channel.acquireInFlight();
    }
    schedule(t, positiveOr(firstPollAfter, settings.interval()));
  }

  /** Stops polling a task, giving its channel slot back. */
  public void untrack(String taskId) {
    Tracked t = tracked.remove(taskId);
    if (t != null) {
      ScheduledFuture<?> next = t.next;
      if (next != null) {
        next.cancel(false);
      }
      t.channel.release();
    }
  }

  /** The outcome seen for a task by a poll or a pushed update on this node, taken once. */
  public PollResult takeOutcome(String taskId) {
    Outcome o = outcomes.remove(taskId);
    return o == null ? null : o.result();
  }

  /**
   * An upstream's pushed update, or a poll's answer, says the job ended: stop polling and finish
   * the task. A success is stored right here, on a virtual thread (at most {@code
   * parallel-finishes} at once), while the task's durable job still waits as the backstop: if the
   * process dies meanwhile, that job finds the task STORING and stores it again. A failure, or a
   * success that could not be stored here, is handed to the durable job: the outcome is kept and
   * the job moved to now. {@code Running} updates change nothing.
   */
  public void deliver(String taskId, PollResult result) {
    if (result instanceof PollResult.Running) {
      return;
    }
    untrack(taskId);
    Finisher f = finisher;
    if (result instanceof PollResult.Succeeded succeeded && f != null && !workers.isShutdown()) {
      workers.execute(() -> finishHere(taskId, succeeded, f));
      return;
    }
    handOverToDurableJob(taskId, result);
  }

  private void finishHere(String taskId, PollResult.Succeeded result, Finisher f) {
    boolean done = false;
    try {
      finishing.acquire();
      try {
        done = f.finish(taskId, result);
      } finally {
        finishing.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      log.info(
          "task {}: storing after the upstream finished failed ({}); the durable job retries",
          taskId,
          e.getMessage());
    }
    if (done) {
      try {
        scheduler.getObject().cancel(PipelineJob.DESCRIPTOR.instanceId(taskId));
      } catch (RuntimeException e) {
        // why: the job runs right now or is gone; either way it ends on the finished task
      }
    } else {
      handOverToDurableJob(taskId, result);
    }
  }

  /** Keeps the outcome for the task's durable job and moves that job to now. */
  void handOverToDurableJob(String taskId, PollResult result) {
    outcomes.put(taskId, new Outcome(result, clock.millis()));
    handOver(taskId, 0);
  }

  /** Stores a succeeded task; answers whether the task is finished. */
  @FunctionalInterface
  interface Finisher {
    boolean finish(String taskId, PollResult.Succeeded result);
  }

  /** Set once by the pipeline, which knows how to store a result. */
  void finishWith(Finisher f) {
    this.finisher = f;
  }

  private void handOver(String taskId, int tries) {
    try {
      Scheduler jobs = scheduler.getObject();
      if (!jobs.reschedule(PipelineJob.DESCRIPTOR.instanceId(taskId), clock.instant())) {
        // why: no durable job means the task is finished (or cancelled): nothing to hand over
        outcomes.remove(taskId);
        return;
      }
      jobs.triggerCheckForDueExecutions();
    } catch (TaskInstanceCurrentlyExecutingException e) {
      // why: the durable job runs right now; it either takes the outcome or is moved once it ends
      if (tries < 50) {
        timer.schedule(
            () -> handOver(taskId, tries + 1), HAND_OVER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      log.warn("task {}: could not hand the upstream outcome over; the backstop will", taskId, e);
    }
  }

  private void schedule(Tracked t, Duration delay) {
    if (tracked.get(t.taskId) != t || timer.isShutdown()) {
      return;
    }
    t.next =
        timer.schedule(
            () -> workers.execute(() -> pollOnce(t)), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollOnce(Tracked t) {
    if (tracked.get(t.taskId) != t) {
      return;
    }
    long due = System.nanoTime();
    Semaphore gate =
        parallel.computeIfAbsent(
            t.channel.id(), id -> new Semaphore(settings.parallelPerChannel()));
    PollResult result;
    long started = System.nanoTime();
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      result = t.channel.provider().poll(jobOf(t), t.upstreamJobId);
      t.channel.health().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    } catch (ProviderException e) {
      if (e.category() == FailureCategory.UNAVAILABLE
          || e.category() == FailureCategory.RATE_LIMITED) {
        t.channel.health().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      }
      retryAfterFailure(t, e.retryAfter().orElse(null), e);
      return;
    } catch (RuntimeException e) {
      retryAfterFailure(t, null, e);
      return;
    } finally {
      gate.release();
    }
    if (result instanceof PollResult.Running running) {
      t.failures = 0;
      // why: the wait counts from when this poll was due, so slow answers do not stretch the
      // period and a finished job is seen at most one wait after it finished
      Duration wait = positiveOr(running.pollAfter(), settings.interval());
      Duration spent = Duration.ofNanos(System.nanoTime() - due);
      schedule(t, spent.compareTo(wait) >= 0 ? Duration.ZERO : wait.minus(spent));
    } else {
      deliver(t.taskId, result);
    }
  }

  private void retryAfterFailure(Tracked t, Duration hint, RuntimeException e) {
    t.failures++;
    Duration wait = backoff(settings.interval(), settings.maxBackoff(), t.failures);
    if (hint != null && hint.compareTo(wait) > 0) {
      wait = hint;
    }
    log.debug("task {}: poll failed ({}), next in {}", t.taskId, e.getMessage(), wait);
    schedule(t, wait);
  }

  /** The wait after {@code failures} failed polls in a row: doubling from the interval. */
  static Duration backoff(Duration interval, Duration max, int failures) {
    long millis = interval.toMillis() << Math.min(Math.max(failures, 0), 16);
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  private ProviderJob jobOf(Tracked t) {
    return new ProviderJob(
        t.taskId,
        t.request,
        OutputSize.of(t.width, t.height),
        List.of(),
        t.channel.upstreamModel(t.request.model()),
        store.workDirFor(t.taskId));
  }

  /** The request without prompt, images and options: what a poll may need, at a fraction of it. */
  static GenerationRequest slim(GenerationRequest r) {
    return new GenerationRequest(
        r.model(),
        r.kind(),
        "",
        r.durationSeconds(),
        r.size(),
        List.of(),
        r.quality(),
        r.routing(),
        r.seed(),
        Map.of());
  }

  private void forgetOldOutcomes() {
    long oldest = clock.millis() - OUTCOME_TTL_MILLIS;
    outcomes.entrySet().removeIf(e -> e.getValue().atMillis() < oldest);
  }

  private static Duration positiveOr(Duration value, Duration fallback) {
    return value == null || value.isNegative() || value.isZero() ? fallback : value;
  }

  /** Stops polling; tasks in flight are taken back by their durable jobs after the restart. */
  @Override
  public void destroy() {
    timer.shutdownNow();
    workers.shutdownNow();
    tracked.clear();
  }

  /** When the durable job should next look at a task in flight: the backstop or the deadline. */
  Instant backstopFor(long deadlineMillis) {
    Instant backstop = clock.instant().plus(settings.backstop());
    Instant deadline = Instant.ofEpochMilli(deadlineMillis);
    return deadline.isBefore(backstop) ? deadline : backstop;
  }
}
