package io.reelgate.client;

/**
 * The root of every exception the client throws. All are unchecked. {@link #isRetryable()} tells
 * whether the same call may succeed when repeated later (the client has already retried such calls
 * as often as it was configured to).
 */
public class ReelgateException extends RuntimeException {
  private final boolean retryable;

  /**
   * @param message what went wrong
   * @param cause the underlying failure, or null
   * @param retryable whether repeating the call later may succeed
   */
  public ReelgateException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** A failure that repeating the call will not fix. */
  public ReelgateException(String message) {
    this(message, null, false);
  }

  /** Whether repeating the call later may succeed. */
  public boolean isRetryable() {
    return retryable;
  }
}
