package io.reelgate.client;

import java.time.Duration;

/** The API key or admin token is missing, wrong or revoked (HTTP 401 or 403). */
public class AuthenticationException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   */
  public AuthenticationException(
      int statusCode, String errorMessage, String errorType, String body) {
    super(statusCode, errorMessage, errorType, body, (Duration) null, false);
  }
}
