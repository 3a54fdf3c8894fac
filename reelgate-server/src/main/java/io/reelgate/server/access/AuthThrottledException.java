package io.reelgate.server.access;

import io.reelgate.core.ReelgateException;

/**
 * A request refused before its credential was checked, because its address or its credential's
 * first characters had too many failed authentications within the window ({@link AuthThrottle}).
 */
public class AuthThrottledException extends ReelgateException {
  private final long retryAfterSeconds;

  public AuthThrottledException(long retryAfterSeconds) {
    super(
        "Too many failed authentications; retry after " + Math.max(1, retryAfterSeconds) + " s",
        false);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  /** Whole seconds until one more attempt is let through (at least 1). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
