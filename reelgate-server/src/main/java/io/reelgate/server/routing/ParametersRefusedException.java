package io.reelgate.server.routing;

import io.reelgate.core.ReelgateException;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.RequestField;
import io.reelgate.providers.ProviderException;
import java.util.Optional;

/**
 * Every channel that could serve a request refuses its parameters (a duration, size, kind, seed or
 * watermark its upstream model does not take), so it is refused at submit. The dialect names the
 * field in its own words: {@link #field()} for a normalized field, else {@link #option()} for a
 * model option ({@code watermark}); {@link #problem()} says what is wrong, worded to follow it.
 */
public class ParametersRefusedException extends ReelgateException {
  private final RequestField field;
  private final String option;
  private final String problem;
  private final String family;
  private final GenerationKind kind;

  public ParametersRefusedException(ProviderException refusal, String family, GenerationKind kind) {
    super(refusal.getMessage(), false, refusal);
    this.field = refusal.field().orElse(null);
    this.option = refusal.option().orElse(null);
    this.problem = refusal.problem().orElse(refusal.getMessage());
    this.family = family;
    this.kind = kind;
  }

  /** The normalized field refused, if the refusal is about one. */
  public Optional<RequestField> field() {
    return Optional.ofNullable(field);
  }

  /** The model option refused ({@code watermark}), if the refusal is about one. */
  public Optional<String> option() {
    return Optional.ofNullable(option);
  }

  public String problem() {
    return problem;
  }

  /** The model family of the request, for dialects whose field names depend on it. */
  public String family() {
    return family;
  }

  public GenerationKind kind() {
    return kind;
  }
}
