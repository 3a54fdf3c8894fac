package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The one rule that decides what follows a failed step, from the {@link Failure}'s data only:
 *
 * <ol>
 *   <li>the server is stopping → leave the task as stored; its job runs it again;
 *   <li>another writer won, or the database lost a lock race → read the task again at once, without
 *       counting a try;
 *   <li>the result store is unavailable → wait for it with a growing pause, without counting a try
 *       (the store's outage is not the task's fault), until it was waited for longer than {@code
 *       REELGATE_STORAGE_WAIT_FOR}: then fail (the reservation is released, nothing is charged);
 *   <li>an {@code auto} task whose submit failed before any upstream accepted it (unavailable, rate
 *       limited, credentials refused, or the request refused as bad input by that channel) and that
 *       has an untried healthy channel → that channel;
 *   <li>nothing can help (a bad image, content refused, credentials refused...) → fail;
 *   <li>the fifth failed try → fail;
 *   <li>otherwise try again after the upstream's wait hint or a doubling backoff.
 * </ol>
 */
final class FailurePolicy {
  /** Failed tries of one task before it fails for good. */
  static final int MAX_ATTEMPTS = 5;

  /** What follows a failure. */
  sealed interface Decision {
    /** Leave the task as stored and run it again later (server stopping). */
    record Resume() implements Decision {}

    /** Keep the task as stored and run it again after {@code after}; no try is counted. */
    record WaitForStore(Duration after) implements Decision {}

    /** Read the task again and go on from its stored state, now; no try is counted. */
    record ReadAgain() implements Decision {}

    /** Count a try and run again after {@code after}; forget the upstream job when it ended. */
    record RetryLater(Duration after, boolean forgetUpstreamJob) implements Decision {}

    /** Move the task to another channel and submit there. */
    record NextChannel(String channelId) implements Decision {}

    /** The task fails with this code and message. */
    record Fail(FailureCode code, String message) implements Decision {}
  }

  /** Finds the next channel an {@code auto} task has not tried yet, if a healthy one exists. */
  @FunctionalInterface
  interface Untried {
    Optional<String> nextFor(TaskRecord task);
  }

  private final Untried untried;
  private final Clock clock;
  private final Duration storeWaitLimit;

  FailurePolicy(Untried untried) {
    this(untried, Clock.systemUTC(), Duration.ofHours(6));
  }

  /**
   * @param storeWaitLimit how long a task waits for an unavailable result store before it fails
   */
  FailurePolicy(Untried untried, Clock clock, Duration storeWaitLimit) {
    this.untried = untried;
    this.clock = clock;
    this.storeWaitLimit = storeWaitLimit;
  }

  /**
   * @param task the task as stored when the step began
   * @param failure what went wrong
   * @param beforeAcceptance whether the failing step ran before any upstream accepted the job
   * @param upstreamEnded whether the upstream ended an accepted job without a video
   */
  Decision decide(
      TaskRecord task, Failure failure, boolean beforeAcceptance, boolean upstreamEnded) {
    switch (failure.kind()) {
      case SHUTDOWN -> {
        return new Decision.Resume();
      }
      case CONFLICT -> {
        return new Decision.ReadAgain();
      }
      case STORAGE -> {
        // why: waiting writes nothing, so the task's last change is when it began storing
        Duration waited = Duration.ofMillis(Math.max(0, clock.millis() - task.updatedAt()));
        if (waited.compareTo(storeWaitLimit) > 0) {
          return new Decision.Fail(
              failure.code(),
              "the result store was unavailable for " + storeWaitLimit + ": " + failure.message());
        }
        return new Decision.WaitForStore(storeBackoff(waited));
      }
      default -> {
        // decided below
      }
    }
    if (beforeAcceptance && movesOn(task, failure)) {
      Optional<String> next = untried.nextFor(task);
      if (next.isPresent()) {
        return new Decision.NextChannel(next.get());
      }
    }
    if (!failure.retryable()) {
      return new Decision.Fail(failure.code(), failure.message());
    }
    if (task.attempts() + 1 >= MAX_ATTEMPTS) {
      return new Decision.Fail(failure.code(), failure.message());
    }
    Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(task.attempts());
    return new Decision.RetryLater(wait, upstreamEnded);
  }

  /** Whether a failure may move an {@code auto} task to its next channel. */
  static boolean movesOn(TaskRecord task, Failure failure) {
    return task.request().routing() == Routing.AUTO
        && failure.kind() == Failure.Kind.UPSTREAM
        && !failure.jobMayExist()
        && (failure.category() == FailureCategory.UNAVAILABLE
            || failure.category() == FailureCategory.RATE_LIMITED
            || failure.category() == FailureCategory.AUTH
            // why: what one upstream refuses (a duration, a frame size) another may take
            || failure.category() == FailureCategory.BAD_INPUT);
  }

  /**
   * The wait before looking at the store again after it was unavailable for {@code waited}: half of
   * that, at least 1 s and at most 1 min, so the pauses grow while the outage lasts.
   */
  static Duration storeBackoff(Duration waited) {
    Duration half = waited.dividedBy(2);
    if (half.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return half.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : half;
  }

  /** The wait before the next try after {@code attempts} failed ones: 2 s doubling, ≤ 5 min. */
  static Duration backoff(int attempts) {
    long seconds = Math.min(300, (1L << Math.min(Math.max(attempts, 0), 8)) * 2);
    return Duration.ofSeconds(seconds);
  }
}
