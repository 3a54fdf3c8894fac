package io.reelgate.providers;

import io.reelgate.core.FailureCode;

/** Why an upstream call failed, and the failure code a task gets if it ends there. */
public enum FailureCategory {
  CONTENT_REJECTED(FailureCode.CONTENT_VIOLATION, false),
  BAD_INPUT(FailureCode.INVALID_IMAGE_URL, false),
  RATE_LIMITED(FailureCode.UPSTREAM_ERROR, true),
  UNAVAILABLE(FailureCode.UPSTREAM_ERROR, true),
  AUTH(FailureCode.UPSTREAM_ERROR, false),
  INTERNAL(FailureCode.INTERNAL_ERROR, false);

  private final FailureCode defaultCode;
  private final boolean retryableByDefault;

  FailureCategory(FailureCode defaultCode, boolean retryableByDefault) {
    this.defaultCode = defaultCode;
    this.retryableByDefault = retryableByDefault;
  }

  public FailureCode defaultCode() {
    return defaultCode;
  }

  public boolean retryableByDefault() {
    return retryableByDefault;
  }
}
