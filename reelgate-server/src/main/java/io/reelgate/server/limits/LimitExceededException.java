package io.reelgate.server.limits;

import io.reelgate.core.ReelgateException;

/** A submission over one of its key's limits for the model; nothing was created. */
public class LimitExceededException extends ReelgateException {
  /** Which limit was hit. */
  public enum Kind {
    REQUESTS_PER_MINUTE,
    CONCURRENT_TASKS
  }

  private final Kind kind;
  private final long retryAfterSeconds;

  public LimitExceededException(Kind kind, String model, int limit, long retryAfterSeconds) {
    super(describe(kind, model, limit), false);
    this.kind = kind;
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public Kind kind() {
    return kind;
  }

  /** Whole seconds after which a retry may succeed (at least 1). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static String describe(Kind kind, String model, int limit) {
    return switch (kind) {
      case REQUESTS_PER_MINUTE ->
          "this key may submit at most " + limit + " " + model + " tasks per minute";
      case CONCURRENT_TASKS ->
          "this key may have at most " + limit + " unfinished " + model + " tasks at once";
    };
  }
}
