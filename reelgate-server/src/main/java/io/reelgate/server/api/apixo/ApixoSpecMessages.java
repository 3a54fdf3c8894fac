package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.KindRule;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.api.common.Fields.FieldException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Words a model spec's verdict on an APIXO request in APIXO's terms: the wire field's name for the
 * family and mode, and the allowed values as the client writes them ({@code 16:9}, {@code
 * landscape}, {@code 1280*720}, {@code REFERENCE_2_VIDEO}).
 */
final class ApixoSpecMessages {
  private ApixoSpecMessages() {}

  /** Runs the spec's rules and words a violation in this dialect's field names and values. */
  static void validate(ModelSpec spec, GenerationRequest request) {
    try {
      spec.validate(request);
    } catch (InvalidRequestException e) {
      throw new FieldException(wireName(spec, request, e.field()), wireProblem(spec, request, e));
    }
  }

  private static String wireProblem(
      ModelSpec spec, GenerationRequest r, InvalidRequestException e) {
    KindRule rule = spec.kinds().get(r.kind());
    String context =
        spec.family().equals("veo-3-1")
            ? " for generationType " + veoType(r.kind())
            : " for " + soraModeName(r.kind());
    return switch (e.field()) {
      case SIZE ->
          "must be "
              + oneOf(rule.sizes().stream().map(s -> sizeWord(spec, r.kind(), s)).toList())
              + context;
      case QUALITY ->
          "must be "
              + oneOf(rule.qualities().isEmpty() ? spec.qualities() : rule.qualities())
              + context;
      case IMAGES -> e.problem().replace("for this mode", "").trim() + context;
      default -> e.problem();
    };
  }

  private static String wireName(ModelSpec spec, GenerationRequest r, RequestField field) {
    return ApixoWireNames.of(field, spec.family(), r.kind());
  }

  private static String sizeWord(ModelSpec spec, GenerationKind kind, OutputSize size) {
    if (spec.family().equals("sora-2-pro")) {
      return size.followImage() ? size.label() : size.width() + "*" + size.height();
    }
    boolean landscape = size.width() >= size.height();
    if (spec.family().equals("veo-3-1")) {
      return landscape ? "16:9" : "9:16";
    }
    return landscape ? "landscape" : "portrait";
  }

  private static String veoType(GenerationKind kind) {
    return switch (kind) {
      case TEXT_TO_VIDEO -> "TEXT_2_VIDEO";
      case FIRST_AND_LAST_FRAMES -> "FIRST_AND_LAST_FRAMES_2_VIDEO";
      case REFERENCE_IMAGES -> "REFERENCE_2_VIDEO";
      case IMAGE_TO_VIDEO -> "IMAGE_2_VIDEO";
    };
  }

  private static String soraModeName(GenerationKind kind) {
    return kind == GenerationKind.TEXT_TO_VIDEO ? "text-to-video" : "image-to-video";
  }

  /** "one of a, b" (or the single value). */
  static String oneOf(List<?> values) {
    if (values.size() == 1) {
      return String.valueOf(values.get(0));
    }
    return "one of " + values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
