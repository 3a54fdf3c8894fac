package io.reelgate.client;

import java.time.Duration;

/**
 * The server failed or is unavailable (HTTP 5xx), for example while content moderation cannot be
 * asked (503). Nothing was created by a submission that got this answer, unless it was sent with an
 * {@code Idempotency-Key}, in which case repeating it with the same key is safe.
 */
public class ServerException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   * @param retryAfter the wait the server asked for, or null
   */
  public ServerException(
      int statusCode, String errorMessage, String errorType, String body, Duration retryAfter) {
    super(statusCode, errorMessage, errorType, body, retryAfter, true);
  }
}
