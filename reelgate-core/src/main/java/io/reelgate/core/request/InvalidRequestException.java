package io.reelgate.core.request;

import io.reelgate.core.FailureCode;
import io.reelgate.core.ReelgateException;
import java.util.Optional;

/**
 * A request broke a rule. {@link #field()} names the normalized field and {@link #problem()} says
 * what is wrong with it ({@code must be one of 4, 8, 12}); the dialect puts its own wire name in
 * front. Some violations also carry a failure code ({@code PROMPT_TOO_LONG}).
 */
public class InvalidRequestException extends ReelgateException {
  private final RequestField field;
  private final String problem;
  private final FailureCode code;

  public InvalidRequestException(RequestField field, String problem) {
    this(field, problem, null);
  }

  public InvalidRequestException(RequestField field, String problem, FailureCode code) {
    super(field + " " + problem, false);
    this.field = field;
    this.problem = problem;
    this.code = code;
  }

  public RequestField field() {
    return field;
  }

  public String problem() {
    return problem;
  }

  public Optional<FailureCode> code() {
    return Optional.ofNullable(code);
  }
}
