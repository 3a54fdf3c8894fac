package io.reelgate.providers;

import io.reelgate.core.FailureCode;
import io.reelgate.core.ReelgateException;
import java.time.Duration;
import java.util.Optional;

/** An upstream refused or failed a call. Category, failure code and retryability are data. */
public class ProviderException extends ReelgateException {
  private final FailureCategory category;
  private final FailureCode code;
  private final Duration retryAfter;

  public ProviderException(
      FailureCategory category,
      FailureCode code,
      boolean retryable,
      Duration retryAfter,
      String message,
      Throwable cause) {
    super(message, retryable, cause);
    this.category = category;
    this.code = code == null ? category.defaultCode() : code;
    this.retryAfter = retryAfter;
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
}
