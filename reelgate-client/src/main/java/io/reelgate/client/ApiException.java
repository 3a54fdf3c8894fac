package io.reelgate.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an error status. Subclasses name the common cases; {@link #statusCode()}
 * and {@link #errorMessage()} are always there. The server's own message names the offending field
 * and its allowed values where the request was at fault.
 */
public class ApiException extends ReelgateException {
  private final int statusCode;
  private final String errorMessage;
  private final String errorType;
  private final String body;
  private final Duration retryAfter;

  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message ({@code message} of the error body), or null
   * @param errorType the error's type where the dialect has one ({@code error} of a Pixazo or admin
   *     error body), or null
   * @param body the raw response body
   * @param retryAfter the wait the server asked for ({@code Retry-After}), or null
   * @param retryable whether repeating the call later may succeed
   */
  public ApiException(
      int statusCode,
      String errorMessage,
      String errorType,
      String body,
      Duration retryAfter,
      boolean retryable) {
    super(describe(statusCode, errorMessage, errorType), null, retryable);
    this.statusCode = statusCode;
    this.errorMessage = errorMessage;
    this.errorType = errorType;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  private static String describe(int status, String message, String type) {
    StringBuilder out = new StringBuilder().append(status);
    if (type != null && !type.isBlank()) {
      out.append(' ').append(type);
    }
    if (message != null && !message.isBlank()) {
      out.append(": ").append(message);
    }
    return out.toString();
  }

  /** The HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** The server's message, or null when the body had none. */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * The error's type where the dialect sends one (Pixazo {@code "Bad Request"}, admin {@code
   * "invalid_request"}), or null.
   */
  public String errorType() {
    return errorType;
  }

  /** The raw response body. */
  public String body() {
    return body;
  }

  /** The wait the server asked for with {@code Retry-After}, if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
