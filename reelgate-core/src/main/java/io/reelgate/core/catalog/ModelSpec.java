package io.reelgate.core.catalog;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.request.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One public model of the catalog and the rules its normalized requests must follow.
 *
 * @param id public model id ({@code sora-2-pro})
 * @param family input profile the dialects use to read this model's wire fields
 * @param kinds what generations it supports, with the image rules of each
 * @param durations allowed clip lengths in seconds
 * @param maxPromptLength longest prompt in characters
 * @param qualities allowed quality tiers
 * @param routings allowed routing strategies
 * @param defaultRouting routing when the request names none
 * @param price price rule
 * @param limits default per-key limits
 * @param retiredAt when the model stops taking new tasks, or {@code null} when it is not retired
 * @param deadline how long a task may run on a channel before it fails with {@code
 *     PROCESSING_TIMEOUT}
 */
public record ModelSpec(
    String id,
    String family,
    Map<GenerationKind, KindRule> kinds,
    List<Integer> durations,
    int maxPromptLength,
    List<String> qualities,
    List<Routing> routings,
    Routing defaultRouting,
    PriceRule price,
    Limits limits,
    Instant retiredAt,
    Duration deadline) {

  public ModelSpec {
    Objects.requireNonNull(id, "id");
    family = family == null ? id : family;
    kinds = Map.copyOf(kinds);
    durations = List.copyOf(durations);
    qualities = List.copyOf(qualities);
    routings = List.copyOf(routings);
    Objects.requireNonNull(defaultRouting, "defaultRouting");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("model " + id + ": deadline must be positive");
    }
    if (kinds.isEmpty() || durations.isEmpty() || qualities.isEmpty()) {
      throw new IllegalArgumentException(
          "model " + id + " needs kinds, durations, sizes, qualities");
    }
    if (!routings.contains(defaultRouting)) {
      throw new IllegalArgumentException("model " + id + ": default routing is not allowed");
    }
  }

  /**
   * Checks a normalized request against this model's rules.
   *
   * @throws InvalidRequestException naming the first field that breaks a rule
   */
  public void validate(GenerationRequest request) {
    if (!id.equals(request.model())) {
      throw new InvalidRequestException(RequestField.MODEL, "must be " + id);
    }
    KindRule rule = kinds.get(request.kind());
    if (rule == null) {
      throw new InvalidRequestException(
          RequestField.KIND, "is not supported by " + id + "; supported: " + kinds.keySet());
    }
    String prompt = request.prompt();
    if (prompt.isBlank()) {
      throw new InvalidRequestException(RequestField.PROMPT, "is required");
    }
    int length = prompt.codePointCount(0, prompt.length());
    if (length > maxPromptLength) {
      throw new InvalidRequestException(
          RequestField.PROMPT,
          "must be at most " + maxPromptLength + " characters (PROMPT_TOO_LONG)",
          FailureCode.PROMPT_TOO_LONG);
    }
    if (!durations.contains(request.durationSeconds())) {
      throw new InvalidRequestException(RequestField.DURATION, "must be " + oneOf(durations));
    }
    List<String> allowedQualities = rule.qualities().isEmpty() ? qualities : rule.qualities();
    if (!allowedQualities.contains(request.quality())) {
      throw new InvalidRequestException(RequestField.QUALITY, "must be " + oneOf(allowedQualities));
    }
    if (!rule.sizes().contains(request.size())) {
      throw new InvalidRequestException(
          RequestField.SIZE,
          "must be " + oneOf(rule.sizes().stream().map(OutputSize::label).toList()));
    }
    int images = request.imageUrls().size();
    if (images < rule.minImages() || images > rule.maxImages()) {
      String expected =
          rule.minImages() == rule.maxImages()
              ? "exactly " + rule.minImages()
              : "between " + rule.minImages() + " and " + rule.maxImages();
      throw new InvalidRequestException(
          RequestField.IMAGES, "must hold " + expected + " image(s) for this mode");
    }
    if (!routings.contains(request.routing())) {
      throw new InvalidRequestException(
          RequestField.ROUTING,
          "must be " + oneOf(routings.stream().map(Routing::wireName).toList()));
    }
  }

  /** Whether the model no longer takes new tasks at {@code now}. */
  public boolean retiredAt(Instant now) {
    return retiredAt != null && !now.isBefore(retiredAt);
  }

  /** The price in credits of a request that passed {@link #validate}. */
  public long priceOf(GenerationRequest request) {
    return price.priceOf(request);
  }

  private static String oneOf(List<?> values) {
    if (values.size() == 1) {
      return String.valueOf(values.get(0));
    }
    return "one of " + values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
