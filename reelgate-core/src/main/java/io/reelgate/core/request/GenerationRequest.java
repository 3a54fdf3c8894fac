package io.reelgate.core.request;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one normalized form of a video-generation request, whatever dialect it arrived in.
 *
 * @param model public model id from the catalog
 * @param kind what the generation starts from
 * @param prompt the text prompt
 * @param durationSeconds clip length in seconds
 * @param size output frame size
 * @param imageUrls input images (http(s) URLs or {@code data:} URIs), in the order the kind expects
 * @param quality quality tier ({@code standard}, or a model's own such as veo's {@code fast})
 * @param routing how to choose among the model's channels
 * @param seed optional seed
 * @param options model-specific switches passed to the upstream (watermark settings, say)
 */
public record GenerationRequest(
    String model,
    GenerationKind kind,
    String prompt,
    int durationSeconds,
    OutputSize size,
    List<String> imageUrls,
    String quality,
    Routing routing,
    Long seed,
    Map<String, String> options) {

  public static final String STANDARD_QUALITY = "standard";

  public GenerationRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(routing, "routing");
    prompt = prompt == null ? "" : prompt;
    imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
    quality = quality == null ? STANDARD_QUALITY : quality;
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
