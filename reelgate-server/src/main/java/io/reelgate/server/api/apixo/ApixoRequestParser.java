package io.reelgate.server.api.apixo;

import static io.reelgate.server.api.common.Fields.bool;
import static io.reelgate.server.api.common.Fields.integer;
import static io.reelgate.server.api.common.Fields.longInRange;
import static io.reelgate.server.api.common.Fields.object;
import static io.reelgate.server.api.common.Fields.present;
import static io.reelgate.server.api.common.Fields.string;
import static io.reelgate.server.api.common.Fields.strings;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.ParsedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads APIXO {@code generateTask} bodies into normalized requests, one input profile per model
 * family (the field names differ: {@code size}/{@code resolution} for sora-2-pro, {@code
 * aspect_ratio} for sora-2 and veo-3-1...). Rules on values live in the model spec; this class
 * translates names and rejects fields that belong to another mode, so that nothing other than what
 * was asked is ever rendered. Errors name the wire field.
 */
final class ApixoRequestParser {
  private static final List<String> SORA_SIZES = ApixoWireNames.SORA_PRO_SIZES;

  private ApixoRequestParser() {}

  static ParsedRequest parse(ModelSpec spec, JsonNode body) {
    String requestType = string(body, "request_type", "request_type");
    if (requestType == null) {
      requestType = "async";
    }
    if (!requestType.equals("async") && !requestType.equals("callback")) {
      throw new FieldException("request_type", "must be one of async, callback");
    }
    String callbackUrl = string(body, "callback_url", "callback_url");
    if (callbackUrl != null && callbackUrl.isBlank()) {
      callbackUrl = null;
    }
    if (requestType.equals("callback") && callbackUrl == null) {
      throw new FieldException("callback_url", "is required when request_type is callback");
    }
    Routing routing = spec.defaultRouting();
    String provider = string(body, "provider", "provider");
    if (provider != null) {
      routing =
          Routing.fromWire(provider)
              .filter(spec.routings()::contains)
              .orElseThrow(
                  () ->
                      new FieldException(
                          "provider",
                          "must be "
                              + ApixoSpecMessages.oneOf(
                                  spec.routings().stream().map(Routing::wireName).toList())));
    }
    JsonNode input = object(body, "input", "input");
    if (input == null) {
      throw new FieldException("input", "is required");
    }
    GenerationRequest request =
        switch (spec.family()) {
          case "sora-2-pro" -> soraPro(spec, input, routing);
          case "sora-2" -> sora(spec, input, routing);
          case "veo-3-1" -> veo(spec, input, routing);
          default ->
              throw new FieldException(
                  "model", "has no APIXO input profile (family " + spec.family() + ")");
        };
    ApixoSpecMessages.validate(spec, request);
    // why: with request_type async the client asked to poll; a stray callback_url is not called
    return new ParsedRequest(request, requestType.equals("callback") ? callbackUrl : null);
  }

  private static GenerationRequest soraPro(ModelSpec spec, JsonNode in, Routing routing) {
    GenerationKind kind = soraMode(in);
    String prompt = requiredPrompt(in);
    int duration = requiredDuration(in);
    OutputSize size;
    List<String> images = images(in, kind, "is only used in image-to-video mode");
    if (kind == GenerationKind.TEXT_TO_VIDEO) {
      rejectIfPresent(in, "resolution", "is only used in image-to-video mode; use input.size");
      String text = string(in, "size", "input.size");
      if (text == null) {
        size = OutputSize.of(1280, 720);
      } else {
        String canonical = text.trim().toLowerCase().replace('x', '*');
        if (!SORA_SIZES.contains(canonical)) {
          throw new FieldException("input.size", "must be one of " + String.join(", ", SORA_SIZES));
        }
        size = OutputSize.parse(canonical);
      }
    } else {
      rejectIfPresent(in, "size", "is only used in text-to-video mode; use input.resolution");
      String resolution = string(in, "resolution", "input.resolution");
      if (resolution == null) {
        resolution = "720p";
      }
      if (!resolution.equals("720p") && !resolution.equals("1080p")) {
        throw new FieldException("input.resolution", "must be one of 720p, 1080p");
      }
      size = OutputSize.parse(resolution);
    }
    return new GenerationRequest(
        spec.id(),
        kind,
        prompt,
        duration,
        size,
        images,
        GenerationRequest.STANDARD_QUALITY,
        routing,
        null,
        Map.of());
  }

  private static GenerationRequest sora(ModelSpec spec, JsonNode in, Routing routing) {
    GenerationKind kind = soraMode(in);
    String prompt = requiredPrompt(in);
    int duration = requiredDuration(in);
    rejectIfPresent(in, "size", "is not a sora-2 field; use input.aspect_ratio");
    rejectIfPresent(in, "resolution", "is not a sora-2 field; use input.aspect_ratio");
    String aspect = string(in, "aspect_ratio", "input.aspect_ratio");
    OutputSize size =
        switch (aspect == null ? "landscape" : aspect) {
          case "landscape" -> OutputSize.of(1280, 720);
          case "portrait" -> OutputSize.of(720, 1280);
          default ->
              throw new FieldException("input.aspect_ratio", "must be one of landscape, portrait");
        };
    List<String> images = images(in, kind, "is only used in image-to-video mode");
    Boolean removeWatermark = bool(in, "remove_watermark", "input.remove_watermark");
    Map<String, String> options = new LinkedHashMap<>();
    options.put("remove_watermark", String.valueOf(removeWatermark == null || removeWatermark));
    return new GenerationRequest(
        spec.id(),
        kind,
        prompt,
        duration,
        size,
        images,
        GenerationRequest.STANDARD_QUALITY,
        routing,
        null,
        options);
  }

  private static GenerationRequest veo(ModelSpec spec, JsonNode in, Routing routing) {
    String mode = string(in, "mode", "input.mode");
    if (mode == null) {
      throw new FieldException("input.mode", "is required: one of quality, fast");
    }
    if (!spec.qualities().contains(mode)) {
      throw new FieldException(
          "input.mode", "must be " + ApixoSpecMessages.oneOf(spec.qualities()));
    }
    String prompt = requiredPrompt(in);
    String type = string(in, "generationType", "input.generationType");
    GenerationKind kind =
        switch (type == null ? "TEXT_2_VIDEO" : type) {
          case "TEXT_2_VIDEO" -> GenerationKind.TEXT_TO_VIDEO;
          case "FIRST_AND_LAST_FRAMES_2_VIDEO" -> GenerationKind.FIRST_AND_LAST_FRAMES;
          case "REFERENCE_2_VIDEO" -> GenerationKind.REFERENCE_IMAGES;
          default ->
              throw new FieldException(
                  "input.generationType",
                  "must be one of TEXT_2_VIDEO, FIRST_AND_LAST_FRAMES_2_VIDEO, REFERENCE_2_VIDEO");
        };
    Integer duration = integer(in, "duration", "input.duration");
    if (duration != null && !spec.durations().contains(duration)) {
      throw new FieldException(
          "input.duration", "must be " + ApixoSpecMessages.oneOf(spec.durations()));
    }
    String aspect = string(in, "aspect_ratio", "input.aspect_ratio");
    OutputSize size =
        switch (aspect == null ? "16:9" : aspect) {
          case "16:9" -> OutputSize.of(1280, 720);
          case "9:16" -> OutputSize.of(720, 1280);
          default -> throw new FieldException("input.aspect_ratio", "must be one of 16:9, 9:16");
        };
    List<String> images = images(in, kind, "is not allowed with generationType TEXT_2_VIDEO");
    Map<String, String> options = new LinkedHashMap<>();
    String watermark = string(in, "watermark", "input.watermark");
    options.put("watermark", watermark == null ? "" : watermark);
    Long seed = longInRange(in, "seed", "input.seed", 0, 4_294_967_295L);
    return new GenerationRequest(
        spec.id(),
        kind,
        prompt,
        duration == null ? spec.durations().get(0) : duration,
        size,
        images,
        mode,
        routing,
        seed,
        options);
  }

  private static GenerationKind soraMode(JsonNode in) {
    String mode = string(in, "mode", "input.mode");
    if (mode == null) {
      throw new FieldException("input.mode", "is required: one of text-to-video, image-to-video");
    }
    return switch (mode) {
      case "text-to-video" -> GenerationKind.TEXT_TO_VIDEO;
      case "image-to-video" -> GenerationKind.IMAGE_TO_VIDEO;
      default ->
          throw new FieldException("input.mode", "must be one of text-to-video, image-to-video");
    };
  }

  private static String requiredPrompt(JsonNode in) {
    String prompt = string(in, "prompt", "input.prompt");
    if (prompt == null || prompt.isBlank()) {
      throw new FieldException("input.prompt", "is required");
    }
    return prompt;
  }

  private static int requiredDuration(JsonNode in) {
    Integer duration = integer(in, "duration", "input.duration");
    if (duration == null) {
      throw new FieldException("input.duration", "is required: one of 4, 8, 12");
    }
    return duration;
  }

  /**
   * {@code image_urls}: required for the image kinds, refused (with {@code whyNotForText}) for
   * text.
   */
  private static List<String> images(JsonNode in, GenerationKind kind, String whyNotForText) {
    List<String> images = strings(in, "image_urls", "input.image_urls");
    if (kind == GenerationKind.TEXT_TO_VIDEO) {
      if (images != null && !images.isEmpty()) {
        throw new FieldException("input.image_urls", whyNotForText);
      }
      return List.of();
    }
    if (images == null || images.isEmpty()) {
      throw new FieldException("input.image_urls", "is required for this mode");
    }
    return images;
  }

  private static void rejectIfPresent(JsonNode in, String name, String why) {
    if (present(in, name)) {
      throw new FieldException("input." + name, why);
    }
  }
}
