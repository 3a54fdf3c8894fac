package io.reelgate.server.api.pixazo;

import static io.reelgate.server.api.common.Fields.present;
import static io.reelgate.server.api.common.Fields.string;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.ParsedRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads Pixazo generate bodies into normalized requests. The seed's rules are checked here with the
 * seed's wording (sizes are {@code 1280x720}, never APIXO's {@code 1280*720}); the model spec is
 * checked afterwards as well, and anything it objects to is reported under the Pixazo field name.
 * Cheap fields are checked before the input image is fetched.
 */
final class PixazoRequestParser {
  /** The only model behind the Sora-video API. */
  static final String MODEL = "sora-2-pro";

  static final List<String> SIZES = List.of("1280x720", "720x1280", "1792x1024", "1024x1792");
  static final List<Integer> SECONDS = List.of(4, 8, 12);
  static final String DEFAULT_SIZE = "1280x720";
  static final int DEFAULT_SECONDS = 4;
  static final String CALLBACK_FIELD = "callback_url";
  static final String WEBHOOK_HEADER = "X-Webhook-URL";

  private static final String SIZE_RULE = "must be one of " + String.join(", ", SIZES);
  private static final String IMAGE_FORM =
      "must be an http(s) URL or a data:image/...;base64,... URI";

  private PixazoRequestParser() {}

  /**
   * The model a body asks for: {@code sora-2-pro} when absent.
   *
   * @throws PixazoException {@code Model not found} for any other value
   */
  static String model(JsonNode body) {
    JsonNode n = body.get("model");
    if (n == null || n.isNull()) {
      return MODEL;
    }
    String model = n.isString() ? n.stringValue() : n.toString();
    if (!MODEL.equals(model)) {
      // why: the answer names the model asked for; a megabyte of it is not worth echoing
      throw PixazoException.modelNotFound(
          model.length() > 100 ? model.substring(0, 100) + "…" : model);
    }
    return model;
  }

  /** A {@code /video/generate} body. */
  static ParsedRequest textToVideo(ModelSpec spec, JsonNode body, String webhookHeader) {
    if (present(body, "image")) {
      throw new FieldException(
          "image", "is only accepted by POST /sora-video/v1/video/i2v/generate");
    }
    String prompt = prompt(body);
    int seconds = seconds(body);
    String size = size(body);
    Callback callback = callback(body, webhookHeader);
    GenerationRequest request =
        request(
            spec,
            GenerationKind.TEXT_TO_VIDEO,
            prompt,
            seconds,
            OutputSize.parse(size == null ? DEFAULT_SIZE : size),
            List.of());
    return new ParsedRequest(request, callback.url(), callback.source());
  }

  /**
   * An {@code /video/i2v/generate} body. The image's dimensions decide the output size, so they are
   * needed now: {@code inspect} fetches the image and reads its header, or throws a {@link
   * FieldException} naming {@code image}.
   */
  static ParsedRequest imageToVideo(
      ModelSpec spec, JsonNode body, String webhookHeader, Function<String, ImageInfo> inspect) {
    String prompt = prompt(body);
    String image = string(body, "image", "image");
    if (image == null || image.isBlank()) {
      throw new FieldException(
          "image", "is required: an http(s) URL or a data:image/...;base64,... URI");
    }
    image = image.trim();
    String lower = image.toLowerCase(Locale.ROOT);
    boolean url = lower.startsWith("http://") || lower.startsWith("https://");
    boolean dataUri = lower.startsWith("data:image/") && lower.contains(";base64,");
    if (!url && !dataUri) {
      throw new FieldException("image", IMAGE_FORM);
    }
    int seconds = seconds(body);
    String size = size(body);
    Callback callback = callback(body, webhookHeader);

    ImageInfo info = inspect.apply(image);
    String dims = info.width() + "x" + info.height();
    if (!SIZES.contains(dims)) {
      throw new FieldException(
          "image",
          "must be exactly 1280x720, 720x1280, 1792x1024 or 1024x1792 pixels; this image is "
              + dims
              + " (resize it before uploading)");
    }
    if (size != null && !size.equals(dims)) {
      throw new FieldException(
          "size",
          "must match the image's dimensions: the image is "
              + dims
              + " but size is "
              + size
              + " (omit size to use the image's)");
    }
    GenerationRequest request =
        request(
            spec,
            GenerationKind.IMAGE_TO_VIDEO,
            prompt,
            seconds,
            OutputSize.of(info.width(), info.height()),
            List.of(image));
    return new ParsedRequest(request, callback.url(), callback.source());
  }

  /** The Pixazo wire name of a normalized field. */
  static String wireName(RequestField field) {
    return switch (field) {
      case PROMPT -> "prompt";
      case DURATION -> "seconds";
      case SIZE -> "size";
      case IMAGES -> "image";
      case CALLBACK -> CALLBACK_FIELD;
      case MODEL -> "model";
      case KIND, QUALITY, ROUTING, SEED -> field.name().toLowerCase(Locale.ROOT);
    };
  }

  private static GenerationRequest request(
      ModelSpec spec,
      GenerationKind kind,
      String prompt,
      int seconds,
      OutputSize size,
      List<String> images) {
    GenerationRequest request =
        new GenerationRequest(
            spec.id(),
            kind,
            prompt,
            seconds,
            size,
            images,
            GenerationRequest.STANDARD_QUALITY,
            spec.defaultRouting(),
            null,
            Map.of());
    try {
      spec.validate(request);
    } catch (InvalidRequestException e) {
      throw new FieldException(wireName(e.field()), e.problem());
    }
    return request;
  }

  private static String prompt(JsonNode body) {
    String prompt = string(body, "prompt", "prompt");
    if (prompt == null || prompt.isBlank()) {
      throw new FieldException("prompt", "is required");
    }
    return prompt;
  }

  /**
   * {@code seconds}: 4 (default), 8 or 12. The seed types it as an integer; the strings "4", "8"
   * and "12" are accepted too, because OpenAI's own video API (which Pixazo fronts) sends strings.
   */
  private static int seconds(JsonNode body) {
    JsonNode n = body.get("seconds");
    if (n == null || n.isNull()) {
      return DEFAULT_SECONDS;
    }
    Integer value = null;
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      value = n.intValue();
    } else if (n.isString() && n.stringValue().trim().matches("[0-9]{1,3}")) {
      value = Integer.parseInt(n.stringValue().trim());
    }
    if (value == null || !SECONDS.contains(value)) {
      throw new FieldException("seconds", "must be one of 4, 8, 12");
    }
    return value;
  }

  /** {@code size} as given (one of the four), or null when absent. */
  private static String size(JsonNode body) {
    String size = string(body, "size", "size");
    if (size == null) {
      return null;
    }
    size = size.trim();
    if (!SIZES.contains(size)) {
      throw new FieldException(
          "size",
          size.contains("*") ? SIZE_RULE + " (width and height joined by an x, not *)" : SIZE_RULE);
    }
    return size;
  }

  private record Callback(String url, String source) {}

  /**
   * The completion callback: {@code callback_url} in the body, else the {@code X-Webhook-URL}
   * header. A task has one callback, and the body is the more specific of the two (the header is
   * often a client-wide default), so the body wins when both are sent (ADR 0002).
   */
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
}
