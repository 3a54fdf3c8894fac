package io.reelgate.core;

/**
 * Root of every exception Reelgate throws on purpose. Whether an operation may be retried is data
 * ({@link #isRetryable()}), not a subclass.
 */
public class ReelgateException extends RuntimeException {
  private final boolean retryable;

  public ReelgateException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public ReelgateException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
