package io.reelgate.client;

import java.time.Duration;

/**
 * The request conflicts with the current state (HTTP 409): cancelling a finished task, reusing an
 * {@code Idempotency-Key} for a different request, redelivering a webhook that is being sent.
 */
public class ConflictException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   */
  public ConflictException(int statusCode, String errorMessage, String errorType, String body) {
    super(statusCode, errorMessage, errorType, body, (Duration) null, false);
  }
}
