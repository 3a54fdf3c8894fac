package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.api.apixo.ApixoBodies.InputField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of APIXO wire names: which request field a normalized field is called on the wire.
 * Some depend on the model family and the kind (sora-2-pro calls the size {@code size} in
 * text-to-video and {@code resolution} in image-to-video; sora-2 and veo-3-1 call it {@code
 * aspect_ratio}); without them the text-to-video name is given. It also holds each model family's
 * {@code input} fields with their values, as {@code GET /api/v1/models} lists them, and worked
 * price examples in that shape.
 */
final class ApixoWireNames {
  static final List<String> SORA_PRO_SIZES =
      List.of("720*1280", "1280*720", "1024*1792", "1792*1024");
  static final List<String> SORA_PRO_RESOLUTIONS = List.of("720p", "1080p");
  static final List<String> SORA_MODES = List.of("text-to-video", "image-to-video");
  static final List<String> SORA_ASPECTS = List.of("landscape", "portrait");
  static final List<String> VEO_TYPES =
      List.of("TEXT_2_VIDEO", "FIRST_AND_LAST_FRAMES_2_VIDEO", "REFERENCE_2_VIDEO");
  static final List<String> VEO_ASPECTS = List.of("16:9", "9:16");

  private ApixoWireNames() {}

  /**
   * The {@code input} fields of a model, in the order a form would show them; empty for a family
   * this dialect has no input profile for.
   */
  static List<InputField> inputFields(ModelSpec spec) {
    List<Object> durations = List.copyOf(spec.durations());
    Map<String, List<Object>> textOnly = Map.of("mode", List.of("text-to-video"));
    Map<String, List<Object>> imageOnly = Map.of("mode", List.of("image-to-video"));
    return switch (spec.family()) {
      case "sora-2-pro" ->
          List.of(
              field("mode", "string", true, SORA_MODES, null, null),
              field("prompt", "string", true, null, null, null),
              field("duration", "integer", true, durations, null, null),
              field("size", "string", false, SORA_PRO_SIZES, "1280*720", textOnly),
              field("resolution", "string", false, SORA_PRO_RESOLUTIONS, "720p", imageOnly),
              field("image_urls", "array", true, null, null, imageOnly));
      case "sora-2" ->
          List.of(
              field("mode", "string", true, SORA_MODES, null, null),
              field("prompt", "string", true, null, null, null),
              field("duration", "integer", true, durations, null, null),
              field("aspect_ratio", "string", false, SORA_ASPECTS, "landscape", null),
              field("image_urls", "array", true, null, null, imageOnly),
              field("remove_watermark", "boolean", false, null, true, null));
      case "veo-3-1" ->
          List.of(
              field("mode", "string", true, List.copyOf(spec.qualities()), null, null),
              field("prompt", "string", true, null, null, null),
              field("generationType", "string", false, VEO_TYPES, "TEXT_2_VIDEO", null),
              field("aspect_ratio", "string", false, VEO_ASPECTS, "16:9", null),
              field(
                  "image_urls",
                  "array",
                  true,
                  null,
                  null,
                  Map.of("generationType", List.copyOf(VEO_TYPES.subList(1, 3)))),
              field("duration", "integer", false, durations, spec.durations().get(0), null),
              field("watermark", "string", false, null, "", null),
              field("seed", "integer", false, null, null, null));
      default -> List.of();
    };
  }

  /** {@code input} objects that show how the price rule works, for the family's profile. */
  static List<Map<String, Object>> priceExampleInputs(ModelSpec spec) {
    List<Map<String, Object>> out = new ArrayList<>();
    int longest = spec.durations().get(spec.durations().size() - 1);
    switch (spec.family()) {
      case "sora-2-pro" -> {
        out.add(input("mode", "text-to-video", "duration", 8, "size", "1280*720"));
        out.add(input("mode", "text-to-video", "duration", longest, "size", "1792*1024"));
      }
      case "sora-2" -> out.add(input("mode", "text-to-video", "duration", 8));
      case "veo-3-1" -> {
        for (String quality : spec.qualities()) {
          out.add(input("mode", quality));
        }
      }
      default -> {}
    }
    return out;
  }

  private static Map<String, Object> input(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put((String) pairs[0], pairs[1]);
    m.put("prompt", "a lighthouse in a storm");
    for (int i = 2; i + 1 < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static InputField field(
      String name,
      String type,
      boolean required,
      List<?> values,
      Object defaultValue,
      Map<String, List<Object>> when) {
    return new InputField(
        name, type, required, values == null ? null : List.copyOf(values), defaultValue, when);
  }

  /**
   * @param family the model's family ({@code sora-2-pro}, {@code sora-2}, {@code veo-3-1}), or null
   * @param kind the request's kind, or null
   */
  static String of(RequestField field, String family, GenerationKind kind) {
    return switch (field) {
      case PROMPT -> "input.prompt";
      case DURATION -> "input.duration";
      case IMAGES -> "input.image_urls";
      case QUALITY -> "input.mode";
      case ROUTING -> "provider";
      case CALLBACK -> "callback_url";
      case SEED -> "input.seed";
      case MODEL -> "model";
      case KIND -> "veo-3-1".equals(family) ? "input.generationType" : "input.mode";
      case SIZE -> {
        if ("sora-2-pro".equals(family) || family == null) {
          yield kind == null || kind == GenerationKind.TEXT_TO_VIDEO
              ? "input.size"
              : "input.resolution";
        }
        yield "input.aspect_ratio";
      }
    };
  }
}
