package io.reelgate.server.api.apixo;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.RequestField;

/**
 * The one table of APIXO wire names: which request field a normalized field is called on the wire.
 * Some depend on the model family and the kind (sora-2-pro calls the size {@code size} in
 * text-to-video and {@code resolution} in image-to-video; sora-2 and veo-3-1 call it {@code
 * aspect_ratio}); without them the text-to-video name is given.
 */
final class ApixoWireNames {
  private ApixoWireNames() {}

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
