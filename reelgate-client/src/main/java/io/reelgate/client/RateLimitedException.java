package io.reelgate.client;

import java.time.Duration;

/**
 * A per-key limit was hit (HTTP 429): submissions per minute or unfinished tasks at once. Thrown
 * after the client's own retries, or at once when the server asks for a longer wait than the client
 * is configured to make ({@link ReelgateClient.Builder#maxRetryDelay(Duration)}).
 */
public class RateLimitedException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   * @param retryAfter the wait the server asked for, or null
   */
  public RateLimitedException(
      int statusCode, String errorMessage, String errorType, String body, Duration retryAfter) {
    super(statusCode, errorMessage, errorType, body, retryAfter, true);
  }
}
