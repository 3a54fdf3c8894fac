package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.IllegalTransitionException;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.fetch.ImageFetchException;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import org.springframework.dao.TransientDataAccessException;

/**
 * A failed step as data: what kind of failure, whose fault, whether trying again can help, how long
 * the upstream asked to wait and whether the upstream may have created a job anyway. {@link #of} is
 * the only place that looks at exception types; the {@link FailurePolicy} decides on these fields
 * alone.
 *
 * @param kind what happened, as far as the engine cares
 * @param category for upstream and input failures, whose fault it is
 * @param code the failure code the task gets if it ends here
 * @param retryable whether a later try may succeed
 * @param retryAfter the wait the upstream asked for, or null
 * @param jobMayExist whether an upstream job may exist despite the failure
 * @param message what the task's failure message says
 */
record Failure(
    Kind kind,
    FailureCategory category,
    FailureCode code,
    boolean retryable,
    Duration retryAfter,
    boolean jobMayExist,
    String message) {

  /** What happened, as far as the engine cares. */
  enum Kind {
    /** An upstream call failed, or the upstream ended the job without a video. */
    UPSTREAM,
    /** An input image could not be used. */
    INPUT,
    /** No channel serves the model under the task's routing. */
    NO_CHANNEL,
    /** Another writer changed the task first, or the database lost a lock race: read again. */
    CONFLICT,
    /** The result store is unavailable: the task keeps storing and waits for it. */
    STORAGE,
    /** The server is stopping: leave the task as stored, it goes on after the restart. */
    SHUTDOWN,
    /** Anything else: a fault of the gateway itself. */
    INTERNAL
  }

  /** The failure an upstream reported: a failed call, or a job it ended without a video. */
  static Failure upstream(ProviderException e) {
    return new Failure(
        Kind.UPSTREAM,
        e.category(),
        e.code(),
        e.isRetryable(),
        e.retryAfter().orElse(null),
        e.jobMayExist(),
        e.getMessage());
  }

  /**
   * Reads a thrown failure. Clears the thread's interrupt flag: a step interrupted by a shutdown
   * must still be able to say so without its next database call failing.
   */
  static Failure of(Throwable thrown) {
    boolean interrupted = Thread.interrupted();
    if (interrupted || causedByInterrupt(thrown)) {
      return new Failure(
          Kind.SHUTDOWN, null, null, true, null, true, "interrupted by the server stopping");
    }
    return switch (thrown) {
      case ProviderException e -> upstream(e);
      case ImageFetchException e ->
          new Failure(
              Kind.INPUT,
              e.isRetryable() ? FailureCategory.UNAVAILABLE : FailureCategory.BAD_INPUT,
              FailureCode.INVALID_IMAGE_URL,
              e.isRetryable(),
              null,
              false,
              e.getMessage());
      case ChannelRouter.NoChannelException e ->
          new Failure(
              Kind.NO_CHANNEL,
              null,
              FailureCode.MODEL_UNAVAILABLE,
              false,
              null,
              false,
              e.getMessage());
      case StorageUnavailableException e ->
          new Failure(
              Kind.STORAGE,
              FailureCategory.UNAVAILABLE,
              FailureCode.INTERNAL_ERROR,
              true,
              null,
              true,
              e.getMessage());
      case ConcurrentTaskUpdateException e -> conflict(e.getMessage());
      case IllegalTransitionException e -> conflict(e.getMessage());
      case TransientDataAccessException e -> conflict(e.getMessage());
      default ->
          new Failure(
              Kind.INTERNAL,
              FailureCategory.INTERNAL,
              FailureCode.INTERNAL_ERROR,
              true,
              null,
              true,
              "internal error");
    };
  }

  private static Failure conflict(String message) {
    return new Failure(Kind.CONFLICT, null, null, true, null, true, message);
  }

  private static boolean causedByInterrupt(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }
}
