package io.reelgate.server.engine.internal;

import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.engine.JobOwnership;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Polls the upstream jobs in flight on this node from memory, so a poll costs no database write.
 * One timer thread keeps the due times; each due poll runs on a virtual thread, at most {@code
 * parallel-per-channel} per channel at once. The wait honours the upstream's hint ({@link
 * PollResult.Running#pollAfter()}, {@code Retry-After}) and doubles after failed polls. A job that
 * ended is handed to the {@link Listener} — the same one pushed updates reach — and no longer
 * polled. A tracked job costs a few hundred bytes: its ids, its slot, a slim copy of the request
 * and one timer entry.
 */
@Component
class JobTracker implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(JobTracker.class);

  /** Where the outcome of a job that ended goes. */
  @FunctionalInterface
  interface Listener {
    void ended(String taskId, PollResult result);
  }

  private final PollingSettings settings;
  private final UpstreamCalls calls;
  private final WorkDirs workDirs;
  private final JobOwnership ownership;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> parallel = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Listener listener = (taskId, result) -> {};
  private volatile boolean handingOver;

  JobTracker(PollingSettings settings, UpstreamCalls calls, WorkDirs workDirs) {
    this(settings, calls, workDirs, JobOwnership.ALONE);
  }

  @Autowired
  JobTracker(
      PollingSettings settings, UpstreamCalls calls, WorkDirs workDirs, JobOwnership ownership) {
    this.settings = settings;
    this.calls = calls;
    this.workDirs = workDirs;
    this.ownership = ownership;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("upstream-poll-timer").factory());
    timer.setRemoveOnCancelPolicy(true);
  }

  /** One job being polled. Mutable fields are only touched by the one poll in progress. */
  private static final class Tracked {
    final String taskId;
    final String upstreamJobId;
    final Slot slot;
    final GenerationRequest request;
    final int width;
    final int height;
    int failures;
    ScheduledFuture<?> next;

    Tracked(TaskRecord task, Slot slot) {
      this.taskId = task.id();
      this.upstreamJobId = task.upstreamJobId();
      this.slot = slot;
      this.request = ProviderJobs.slim(task.request());
      OutputSize size = ProviderJobs.sizeOf(task);
      this.width = size.width();
      this.height = size.height();
    }
  }

  void listen(Listener l) {
    this.listener = l;
  }

  /** How many upstream jobs this node polls. */
  int trackedCount() {
    return tracked.size();
  }

  boolean isTracking(String taskId) {
    return tracked.containsKey(taskId);
  }

  /** The tasks whose upstream jobs this node polls right now. */
  Set<String> trackedTasks() {
    return Set.copyOf(tracked.keySet());
  }

  /**
   * Starts polling a task's upstream job after {@code firstPollAfter}, unless it is polled already
   * here or by another live node (its {@link JobOwnership} claim fails). The job holds a slot of
   * its channel while it is polled: {@code slot} when the caller has one (it passes to the
   * tracker), else one taken even when the channel is full, since the job runs upstream already.
   *
   * @return whether this node polls the job now
   */
  boolean track(TaskRecord task, Channel channel, Slot slot, Duration firstPollAfter) {
    if (task.upstreamJobId() == null) {
      throw new IllegalArgumentException("task " + task.id() + " has no upstream job");
    }
    if (tracked.containsKey(task.id())
        || handingOver
        || timer.isShutdown()
        || !ownership.claim(task.id())) {
      if (slot != null) {
        slot.release();
      }
      return tracked.containsKey(task.id());
    }
    Tracked t = new Tracked(task, slot != null ? slot : Slot.force(channel));
    if (tracked.putIfAbsent(task.id(), t) != null) {
      t.slot.release();
      return true;
    }
    schedule(t, positiveOr(firstPollAfter, settings.interval()));
    return true;
  }

  /**
   * Stops polling every job (when this node hands its work over or lost its lease), giving their
   * slots back; returns the tasks it polled. {@code forGood}: no job is taken on afterwards.
   */
  Set<String> untrackAll(boolean forGood) {
    if (forGood) {
      handingOver = true;
    }
    Set<String> all = trackedTasks();
    all.forEach(this::untrack);
    return all;
  }

  /** Stops polling a task, giving its channel slot back. */
  void untrack(String taskId) {
    Tracked t = tracked.remove(taskId);
    if (t != null) {
      ScheduledFuture<?> next = t.next;
      if (next != null) {
        next.cancel(false);
      }
      t.slot.release();
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
    try (var logged =
        org.slf4j.MDC.putCloseable(io.reelgate.server.engine.TaskEngine.MDC_KEY, t.taskId)) {
      pollOnceLogged(t);
    }
  }

  private void pollOnceLogged(Tracked t) {
    if (tracked.get(t.taskId) != t) {
      return;
    }
    long due = System.nanoTime();
    Channel channel = t.slot.channel();
    Semaphore gate =
        parallel.computeIfAbsent(channel.id(), id -> new Semaphore(settings.parallelPerChannel()));
    PollResult result;
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      result =
          calls.call(
              channel,
              UpstreamCalls.Operation.POLL,
              () -> channel.provider().poll(jobOf(t), t.upstreamJobId));
    } catch (ProviderException e) {
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
    } else if (tracked.get(t.taskId) == t) {
      untrack(t.taskId);
      listener.ended(t.taskId, result);
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
    Channel channel = t.slot.channel();
    return new ProviderJob(
        t.taskId,
        t.request,
        OutputSize.of(t.width, t.height),
        List.of(),
        channel.upstreamModel(t.request.model()),
        workDirs.dirFor(t.taskId));
  }

  private static Duration positiveOr(Duration value, Duration fallback) {
    return value == null || value.isNegative() || value.isZero() ? fallback : value;
  }

  /** Stops polling; jobs in flight are taken back by their durable jobs after the restart. */
  @Override
  public void destroy() {
    timer.shutdownNow();
    workers.shutdownNow();
    tracked.clear();
  }
}
