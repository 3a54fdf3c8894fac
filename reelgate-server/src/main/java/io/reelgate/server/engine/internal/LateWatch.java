package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.PollResult;
import io.reelgate.server.lateresults.LateResults;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps asking the upstream about the job of a task that timed out, every {@code
 * reelgate.late-results.poll-interval} (1 minute) for {@code reelgate.late-results.window} (6
 * hours): the upstream was asked to cancel it, but not every upstream can, and one that finishes it
 * anyway may bill for it. A finished job is recorded as a late result ({@link LateResults}); a job
 * the upstream ended without a video, or the end of the window, stops the watch. The watch lives in
 * memory on the node that timed the task out (at most {@value #MAX_WATCHED} jobs); after a restart
 * only pushed updates still reveal late results.
 */
@Component
class LateWatch implements DisposableBean {
  static final int MAX_WATCHED = 10_000;

  private final ChannelRouter router;
  private final UpstreamCalls calls;
  private final WorkDirs workDirs;
  private final LateResults results;
  private final Clock clock;
  private final Duration interval;
  private final Duration window;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("late-watch").factory());
  private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();

  LateWatch(
      ChannelRouter router,
      UpstreamCalls calls,
      WorkDirs workDirs,
      LateResults results,
      Clock clock,
      @Value("${reelgate.late-results.poll-interval:1m}") Duration interval,
      @Value("${reelgate.late-results.window:6h}") Duration window) {
    this.router = router;
    this.calls = calls;
    this.workDirs = workDirs;
    this.results = results;
    this.clock = clock;
    this.interval = interval;
    this.window = window;
  }

  /** A task failed: when it timed out with a job upstream, watch that job. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onFinished(TaskFinished event) {
    TaskRecord task = event.task();
    if (task.state() == TaskState.FAILED
        && task.failureCode() == FailureCode.PROCESSING_TIMEOUT
        && task.upstreamJobId() != null
        && task.channelId() != null
        && !window.isZero()
        && watched.size() < MAX_WATCHED
        && watched.add(task.id())) {
      next(task, clock.instant().plus(window));
    }
  }

  /** How many jobs this node watches. */
  int watchedCount() {
    return watched.size();
  }

  private void next(TaskRecord task, Instant until) {
    try {
      timer.schedule(
          () -> polls.execute(() -> look(task, until)), interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      watched.remove(task.id());
    }
  }

  private void look(TaskRecord task, Instant until) {
    Optional<Channel> found = router.byId(task.channelId());
    if (found.isEmpty()) {
      watched.remove(task.id());
      return;
    }
    Channel c = found.get();
    PollResult result;
    try {
      result =
          calls.call(
              c,
              UpstreamCalls.Operation.POLL,
              () ->
                  c.provider()
                      .poll(
                          ProviderJobs.of(task, c, null, workDirs.dirFor(task.id())),
                          task.upstreamJobId()));
    } catch (RuntimeException e) {
      result = null;
    }
    switch (result) {
      case PollResult.Succeeded s -> {
        results.record(task, LateResults.Via.POLL);
        watched.remove(task.id());
      }
      case PollResult.Failed f -> watched.remove(task.id());
      case null, default -> {
        if (clock.instant().isBefore(until)) {
          next(task, until);
        } else {
          watched.remove(task.id());
        }
      }
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
    polls.shutdownNow();
  }
}
