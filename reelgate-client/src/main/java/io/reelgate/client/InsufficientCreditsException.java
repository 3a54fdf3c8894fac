package io.reelgate.client;

import java.time.Duration;

/**
 * The account has too few credits for the task (APIXO 400 {@code Insufficient credits}, Pixazo
 * 402), or an admin deduction would take the balance below zero.
 */
public class InsufficientCreditsException extends ApiException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   */
  public InsufficientCreditsException(
      int statusCode, String errorMessage, String errorType, String body) {
    super(statusCode, errorMessage, errorType, body, (Duration) null, false);
  }
}
