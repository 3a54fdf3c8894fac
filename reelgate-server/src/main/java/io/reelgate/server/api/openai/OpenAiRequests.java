package io.reelgate.server.api.openai;

import static io.reelgate.server.api.common.Fields.string;

import io.reelgate.core.catalog.KindRule;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.ParsedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code POST /v1/videos} and remix bodies (JSON, or a multipart form already turned into the
 * same JSON shape by {@link OpenAiForm}) into normalized requests. {@code seconds} and {@code size}
 * are strings as in OpenAI's API; their allowed values are the model's. An {@code input_reference}
 * makes it image-to-video (or, for a model without that kind, first-frame or reference-image
 * generation). The quality tier is the model's first and the routing its default: model-specific
 * switches are the APIXO dialect's. Errors name the wire field.
 */
final class OpenAiRequests {
  static final String DEFAULT_MODEL = "sora-2";

  /** The option under which a remix records the video it came from. */
  static final String REMIXED_FROM = "remixed_from_video_id";

  static final String CALLBACK_FIELD = "callback_url";
  static final String WEBHOOK_HEADER = "X-Webhook-URL";

  private OpenAiRequests() {}

  /** The model a create body asks for: {@value #DEFAULT_MODEL} when absent. */
  static String model(JsonNode body) {
    String model = string(body, "model", "model");
    if (model == null || model.isBlank()) {
      return DEFAULT_MODEL;
    }
    if (model.length() > 100) {
      throw new FieldException("model", "is not a model: GET /v1/models lists them");
    }
    return model.trim();
  }

  /** A create body for the model {@link #model} named. */
  static ParsedRequest create(ModelSpec spec, JsonNode body, String webhookHeader) {
    String prompt = prompt(body);
    String image = imageReference(body);
    GenerationKind kind = image == null ? textKind(spec) : imageKind(spec);
    KindRule rule = spec.kinds().get(kind);
    int seconds = seconds(body, spec);
    OutputSize size = size(body, rule);
    String quality = rule.qualities().isEmpty() ? spec.qualities().get(0) : rule.qualities().get(0);
    Callback callback = callback(body, webhookHeader);
    GenerationRequest request =
        new GenerationRequest(
            spec.id(),
            kind,
            prompt,
            seconds,
            size,
            image == null ? List.of() : List.of(image),
            quality,
            spec.defaultRouting(),
            null,
            Map.of());
    validate(spec, request);
    return new ParsedRequest(request, callback.url(), callback.source());
  }

  /** A remix: the original's parameters with the body's new prompt, marked as its remix. */
  static ParsedRequest remix(
      ModelSpec spec,
      GenerationRequest original,
      String originalId,
      JsonNode body,
      String webhookHeader) {
    String prompt = prompt(body);
    Callback callback = callback(body, webhookHeader);
    Map<String, String> options = new LinkedHashMap<>(original.options());
    options.put(REMIXED_FROM, originalId);
    GenerationRequest request =
        new GenerationRequest(
            spec.id(),
            original.kind(),
            prompt,
            original.durationSeconds(),
            original.size(),
            original.imageUrls(),
            original.quality(),
            original.routing(),
            original.seed(),
            options);
    validate(spec, request);
    return new ParsedRequest(request, callback.url(), callback.source());
  }

  private static String prompt(JsonNode body) {
    String prompt = string(body, "prompt", "prompt");
    if (prompt == null || prompt.isBlank()) {
      throw new FieldException("prompt", "is required");
    }
    return prompt;
  }

  private static GenerationKind textKind(ModelSpec spec) {
    if (!spec.kinds().containsKey(GenerationKind.TEXT_TO_VIDEO)) {
      throw new FieldException("input_reference", "is required by model " + spec.id());
    }
    return GenerationKind.TEXT_TO_VIDEO;
  }

  /** The kind an input reference makes: image-to-video, else a first frame, else a reference. */
  private static GenerationKind imageKind(ModelSpec spec) {
    if (spec.kinds().containsKey(GenerationKind.IMAGE_TO_VIDEO)) {
      return GenerationKind.IMAGE_TO_VIDEO;
    }
    KindRule frames = spec.kinds().get(GenerationKind.FIRST_AND_LAST_FRAMES);
    if (frames != null && frames.minImages() <= 1) {
      return GenerationKind.FIRST_AND_LAST_FRAMES;
    }
    KindRule references = spec.kinds().get(GenerationKind.REFERENCE_IMAGES);
    if (references != null && references.minImages() <= 1) {
      return GenerationKind.REFERENCE_IMAGES;
    }
    throw new FieldException("input_reference", "is not supported by model " + spec.id());
  }

  /**
   * {@code input_reference}: {@code {"image_url": …}} (an http(s) URL or a base64 {@code data:}
   * URI; an uploaded file arrives here as a data URI). OpenAI's {@code file_id} needs its Files
   * API, which Reelgate does not have.
   */
  private static String imageReference(JsonNode body) {
    JsonNode ref = body.get("input_reference");
    if (ref == null || ref.isNull()) {
      return null;
    }
    if (!ref.isObject()) {
      throw new FieldException(
          "input_reference", "must be an uploaded image file, or an object with image_url");
    }
    if (ref.get("file_id") != null && !ref.get("file_id").isNull()) {
      throw new FieldException(
          "input_reference",
          "file_id is not supported: upload the image as input_reference or give"
              + " input_reference.image_url");
    }
    String url = string(ref, "image_url", "input_reference");
    if (url == null || url.isBlank()) {
      throw new FieldException("input_reference", "needs image_url");
    }
    url = url.trim();
    String lower = url.toLowerCase(Locale.ROOT);
    boolean web = lower.startsWith("http://") || lower.startsWith("https://");
    boolean data = lower.startsWith("data:image/") && lower.contains(";base64,");
    if (!web && !data) {
      throw new FieldException(
          "input_reference", "image_url must be an http(s) URL or a data:image/...;base64,... URI");
    }
    return url;
  }

  /** {@code seconds}: a string of one of the model's durations; 4 (or its first) when absent. */
  private static int seconds(JsonNode body, ModelSpec spec) {
    String rule =
        "must be one of "
            + spec.durations().stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(", "));
    JsonNode n = body.get("seconds");
    if (n == null || n.isNull()) {
      return spec.durations().contains(4) ? 4 : spec.durations().get(0);
    }
    if (!n.isString()) {
      throw new FieldException(
          "seconds", "must be a string, " + rule.substring("must be ".length()));
    }
    String text = n.stringValue().trim();
    for (int d : spec.durations()) {
      if (text.equals(String.valueOf(d))) {
        return d;
      }
    }
    throw new FieldException("seconds", rule);
  }

  /**
   * {@code size}: {@code WIDTHxHEIGHT}, one of the kind's sizes; 720x1280 (or its first) if absent.
   */
  private static OutputSize size(JsonNode body, KindRule rule) {
    List<OutputSize> fixed = rule.sizes().stream().filter(s -> !s.followImage()).toList();
    List<OutputSize> allowed = fixed.isEmpty() ? rule.sizes() : fixed;
    String text = string(body, "size", "size");
    if (text == null || text.isBlank()) {
      OutputSize portrait = OutputSize.of(720, 1280);
      return allowed.contains(portrait) ? portrait : allowed.get(0);
    }
    for (OutputSize s : allowed) {
      if (s.label().equals(text.trim())) {
        return s;
      }
    }
    throw new FieldException(
        "size",
        "must be one of "
            + allowed.stream().map(OutputSize::label).collect(Collectors.joining(", ")));
  }

  private record Callback(String url, String source) {}

  /** An extension: {@code callback_url} in the body, else the {@code X-Webhook-URL} header. */
  private static Callback callback(JsonNode body, String header) {
    String fromBody = string(body, CALLBACK_FIELD, CALLBACK_FIELD);
    if (fromBody != null && !fromBody.isBlank()) {
      return new Callback(fromBody.trim(), CALLBACK_FIELD);
    }
    if (header != null && !header.isBlank()) {
      return new Callback(header.trim(), WEBHOOK_HEADER);
    }
    return new Callback(null, null);
  }

  private static void validate(ModelSpec spec, GenerationRequest request) {
    try {
      spec.validate(request);
    } catch (InvalidRequestException e) {
      String field = OpenAiWireNames.of(e.field());
      throw new FieldException(field == null ? "model" : field, e.problem());
    }
  }
}
