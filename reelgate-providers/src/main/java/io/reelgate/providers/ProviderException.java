package io.reelgate.providers;

import io.reelgate.core.FailureCode;
import io.reelgate.core.ReelgateException;
import io.reelgate.core.request.RequestField;
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
  private final RequestField field;
  private final String option;
  private final String problem;

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
    this(category, code, retryable, retryAfter, jobMayExist, message, cause, null, null, null);
  }

  private ProviderException(
      FailureCategory category,
      FailureCode code,
      boolean retryable,
      Duration retryAfter,
      boolean jobMayExist,
      String message,
      Throwable cause,
      RequestField field,
      String option,
      String problem) {
    super(message, retryable, cause);
    this.category = category;
    this.code = code == null ? category.defaultCode() : code;
    this.retryAfter = retryAfter;
    this.jobMayExist = jobMayExist;
    this.field = field;
    this.option = option;
    this.problem = problem;
  }

  /**
   * A channel cannot render a request as asked and refuses it before sending anything: bad input,
   * not retried, naming the normalized field and what is wrong with it ({@code must be one of 5, 10
   * on channel kling}), so that the gateway can answer the client with a 400 naming its wire field.
   */
  public static ProviderException unsupported(RequestField field, String problem) {
    return new ProviderException(
        FailureCategory.BAD_INPUT,
        FailureCode.UPSTREAM_ERROR,
        false,
        null,
        false,
        field.name().toLowerCase(java.util.Locale.ROOT) + " " + problem,
        null,
        field,
        null,
        problem);
  }

  /**
   * Like {@link #unsupported(RequestField, String)} for a model-specific option of the request (its
   * {@code options} map, such as {@code watermark}), which has no {@link RequestField}.
   */
  public static ProviderException unsupportedOption(String option, String problem) {
    return new ProviderException(
        FailureCategory.BAD_INPUT,
        FailureCode.UPSTREAM_ERROR,
        false,
        null,
        false,
        option + " " + problem,
        null,
        null,
        option,
        problem);
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

  /** The normalized request field a refusal before sending is about, if it is one. */
  public Optional<RequestField> field() {
    return Optional.ofNullable(field);
  }

  /** The request option (key of its {@code options}) a refusal before sending is about. */
  public Optional<String> option() {
    return Optional.ofNullable(option);
  }

  /** What is wrong with {@link #field()} or {@link #option()}, worded to follow its name. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** Whether the upstream may have created a job despite the failure. */
  public boolean jobMayExist() {
    return jobMayExist;
  }
}
