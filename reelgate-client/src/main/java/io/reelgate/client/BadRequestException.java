package io.reelgate.client;

import java.time.Duration;

/**
 * The request was refused as invalid (HTTP 400, or 413 for a body that is too large). {@link
 * #field()} is the field the server named, e.g. {@code input.duration} for {@code "input.duration
 * must be one of 4, 8, 12"}.
 */
public class BadRequestException extends ApiException {
  private final String field;

  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   * @param field the field the message names, or null
   */
  public BadRequestException(
      int statusCode, String errorMessage, String errorType, String body, String field) {
    super(statusCode, errorMessage, errorType, body, (Duration) null, false);
    this.field = field;
  }

  /** The request field the server's message names (wire name, e.g. {@code seconds}), or null. */
  public String field() {
    return field;
  }
}
