package io.reelgate.client;

import java.time.Duration;

/**
 * The task, model, account, key or delivery does not exist for this caller (HTTP 404). A task of
 * another account is reported the same way.
 */
public class NotFoundException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   */
  public NotFoundException(int statusCode, String errorMessage, String errorType, String body) {
    super(statusCode, errorMessage, errorType, body, (Duration) null, false);
  }
}
