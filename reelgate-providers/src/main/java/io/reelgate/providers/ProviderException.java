package io.reelgate.providers;

import io.reelgate.core.FailureCode;
import io.reelgate.core.ReelgateException;
import java.time.Duration;
import java.util.Optional;

/**
 * An upstream refused or failed a call. Category, failure code, retryability, the upstream's wait
 * hint and whether the upstream may have created a job are all data, so the pipeline decides
 * without parsing messages.
 */
public class ProviderException extends ReelgateException {
  private final FailureCategory category;
  private final FailureCode code;
  private final Duration retryAfter;
  private final boolean jobMayExist;

  public ProviderException(
      FailureCategory category,
      FailureCode code,
      boolean retryable,
      Duration retryAfter,
      String message,
      Throwable cause) {
    this(category, code, retryable, retryAfter, false, message, cause);
  }

  /**
   * @param jobMayExist true when the failure leaves open whether the upstream created a job (a
   *     submit that timed out after the request was sent, or an unreadable success answer); such a
   *     task must not be sent to another channel, which could make a second upstream job
   */
  public ProviderException(
      FailureCategory category,
      FailureCode code,
      boolean retryable,
      Duration retryAfter,
      boolean jobMayExist,
      String message,
      Throwable cause) {
    super(message, retryable, cause);
    this.category = category;
    this.code = code == null ? category.defaultCode() : code;
    this.retryAfter = retryAfter;
    this.jobMayExist = jobMayExist;
  }

  public static ProviderException of(FailureCategory category, String message) {
    return new ProviderException(
        category, null, category.retryableByDefault(), null, message, null);
  }

  public FailureCategory category() {
    return category;
  }

  public FailureCode code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether the upstream may have created a job despite the failure. */
  public boolean jobMayExist() {
    return jobMayExist;
  }
}
