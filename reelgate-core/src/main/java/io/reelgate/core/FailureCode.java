package io.reelgate.core;

/**
 * Why a task failed: one vocabulary across dialects and upstreams. Each code says whether the
 * request or the system caused it, which dialects show differently (Pixazo FAILED vs ERROR).
 */
public enum FailureCode {
  CONTENT_VIOLATION(Cause.REQUEST),
  NSFW_DETECTED(Cause.REQUEST),
  PROMPT_TOO_LONG(Cause.REQUEST),
  INVALID_IMAGE_URL(Cause.REQUEST),
  PROCESSING_TIMEOUT(Cause.SYSTEM),
  MODEL_UNAVAILABLE(Cause.SYSTEM),
  UPSTREAM_ERROR(Cause.SYSTEM),
  CANCELLED(Cause.SYSTEM),
  INTERNAL_ERROR(Cause.SYSTEM);

  /** Who is to blame for a failure. */
  public enum Cause {
    REQUEST,
    SYSTEM
  }

  private final Cause cause;

  FailureCode(Cause cause) {
    this.cause = cause;
  }

  public Cause cause() {
    return cause;
  }

  public boolean causedByRequest() {
    return cause == Cause.REQUEST;
  }
}
