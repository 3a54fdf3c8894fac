package io.reelgate.providers.fal;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.http.PollIntervals;
import io.reelgate.providers.http.UpstreamHttp;
import io.reelgate.providers.support.InputImages;
import io.reelgate.providers.support.Json;
import io.reelgate.providers.support.VideoShape;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * fal's queue API at {@code https://queue.fal.run}: submit to the model's endpoint, read {@code
 * /requests/{id}/status} until {@code COMPLETED}, then the result at {@code /requests/{id}}, whose
 * status code says whether the model succeeded. The channel's model id names the text-to-video
 * endpoint ({@code fal-ai/veo3.1}); the other kinds and quality tiers add fal's documented path
 * segments ({@code /fast}, {@code /image-to-video}...), which options can override. Pushed updates
 * come with {@code fal_webhook} and are checked with Ed25519 against configured public keys.
 */
public final class FalProvider implements VideoProvider {
  public static final String PROTOCOL = "fal";

  /** The wait between status calls; fal gives no hint. */
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> NAMESPACES = Set.of("workflows", "comfy");
  private static final Set<String> IMAGE_ERRORS =
      Set.of(
          "image_too_small",
          "image_too_large",
          "image_load_error",
          "file_download_error",
          "unsupported_image_format");
  private static final Pattern STATUS_IN_TEXT = Pattern.compile("\\b([1-5][0-9]{2})\\b");

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  // why: the wait when the upstream gives no hint; the channel's poll-interval option, which the
  // gateway fills with its reelgate.polling.interval
  private final Duration pollInterval;
  private final FalWebhookKeys webhookKeys;

  FalProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    settings.requiredBaseUrl();
    this.webhookKeys =
        settings
            .option("webhook-public-keys")
            .map(k -> FalWebhookKeys.parse(k, settings.option("webhook-user-id").orElse(null)))
            .orElse(null);
    Json.objectOption(settings, "extra-input");
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    String endpoint = endpoint(job);
    String query = "";
    if (acceptsWebhooks() && settings.webhookUrl() != null) {
      query =
          "?fal_webhook="
              + URLEncoder.encode(settings.webhookUrl().toString(), StandardCharsets.UTF_8);
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/" + endpoint + query), input(job))).build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "queue submit");
    }
    JsonNode answer = http.json(response, "queue submit answer", true);
    String id = text(answer, "request_id");
    if (id == null) {
      throw http.malformed("queue submit answer without request_id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  /** The endpoint id a job is submitted to: model + tier path + kind path. */
  String endpoint(ProviderJob job) {
    String model = job.upstreamModel();
    app(model);
    GenerationKind kind = effectiveKind(job);
    String kindName = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String quality = job.request().quality().toLowerCase(Locale.ROOT);
    boolean baseTier =
        quality.equals(GenerationRequest.STANDARD_QUALITY) || quality.equals("quality");
    Optional<String> whole =
        baseTier ? Optional.empty() : settings.option(quality + "-" + kindName + "-path");
    if (whole.isPresent()) {
      return trimSlashes(model) + whole.get();
    }
    String tier = baseTier ? "" : settings.option(quality + "-path").orElse("/" + quality);
    String kindPath =
        settings
            .option(kindName + "-path")
            .orElse(
                switch (kind) {
                  case TEXT_TO_VIDEO -> "";
                  case IMAGE_TO_VIDEO -> "/image-to-video";
                  case FIRST_AND_LAST_FRAMES -> "/first-last-frame-to-video";
                  case REFERENCE_IMAGES -> "/reference-to-video";
                });
    return trimSlashes(model) + tier + kindPath;
  }

  /** First-and-last-frames with only a first frame is image-to-video. */
  private static GenerationKind effectiveKind(ProviderJob job) {
    GenerationKind kind = job.request().kind();
    if (kind == GenerationKind.FIRST_AND_LAST_FRAMES && job.images().size() < 2) {
      return GenerationKind.IMAGE_TO_VIDEO;
    }
    return kind;
  }

  private ObjectNode input(ProviderJob job) {
    GenerationRequest request = job.request();
    ObjectNode input = UpstreamHttp.object();
    Json.objectOption(settings, "extra-input").ifPresent(input::setAll);
    input.put("prompt", request.prompt());
    input.put("aspect_ratio", VideoShape.aspectRatio(job.size()));
    input.put("resolution", VideoShape.resolution(job.size()));
    if (settings.option("duration-as-number").map(Boolean::parseBoolean).orElse(false)) {
      input.put("duration", request.durationSeconds());
    } else {
      input.put("duration", request.durationSeconds() + "s");
    }
    if (request.seed() != null) {
      input.put("seed", request.seed());
    }
    switch (effectiveKind(job)) {
      case TEXT_TO_VIDEO -> {}
      case IMAGE_TO_VIDEO -> input.put("image_url", InputImages.reference(job, 0));
      case FIRST_AND_LAST_FRAMES -> {
        input.put("first_frame_url", InputImages.reference(job, 0));
        input.put("last_frame_url", InputImages.reference(job, 1));
      }
      case REFERENCE_IMAGES -> {
        var urls = input.putArray("image_urls");
        for (int i = 0; i < job.images().size(); i++) {
          urls.add(InputImages.reference(job, i));
        }
      }
    }
    return input;
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    String base = "/" + app(job.upstreamModel()) + "/requests/" + encode(upstreamJobId);
    HttpRequest request = authorize(http.request(http.resolve(base + "/status"))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "queue status");
    }
    JsonNode status = http.json(response, "queue status", false);
    String state = text(status, "status");
    if (state == null) {
      throw http.malformed("queue status without status", false, null);
    }
    return switch (state) {
      case "IN_QUEUE", "IN_PROGRESS" -> new PollResult.Running(pollInterval);
      // COMPLETED covers failures too; other terminal names are tolerated the same way
      case "COMPLETED", "FAILED", "CANCELED", "CANCELLED", "ERROR" -> result(base, upstreamJobId);
      default -> new PollResult.Running(pollInterval);
    };
  }

  /** Reads a completed request's result; its status code says whether the model succeeded. */
  private PollResult result(String base, String id) {
    HttpRequest request = authorize(http.request(http.resolve(base))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    int status = response.statusCode();
    if (status / 100 == 2) {
      URI url = videoUrl(http.json(response, "request result", false));
      if (url == null) {
        throw http.malformed("result of " + id + " without a video URL", false, null);
      }
      return new PollResult.Succeeded(ResultMedia.ofUrl(url));
    }
    JsonNode body = jsonOrMissing(response.body());
    boolean modelAnswer =
        body.has("detail")
            || body.has("error_type")
            || response.headers().firstValue("X-Fal-Error-Type").isPresent()
            || response.headers().firstValue("X-Fal-Retryable").isPresent();
    if (status == 429 || status == 401 || status == 403 || !modelAnswer) {
      // the result call itself was refused; the request may be fine
      throw errorOf(response, "request result");
    }
    return new PollResult.Failed(failureOf(id, status, body, retryableHeader(response)));
  }

  /** The model's output video: {@code video.url}, {@code video} as text, or {@code videos[0]}. */
  private static URI videoUrl(JsonNode output) {
    JsonNode video = output.path("video");
    if (video.isMissingNode() && output.path("videos").isArray()) {
      video = output.path("videos").path(0);
    }
    String url = video.isString() ? video.asString() : text(video, "url");
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("https") || scheme.equals("http") ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    String path = "/" + app(job.upstreamModel()) + "/requests/" + encode(upstreamJobId) + "/cancel";
    HttpRequest request =
        authorize(http.request(http.resolve(path)))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> response = http.send(request, false);
    int status = response.statusCode();
    // 2xx: removed from the queue or signalled; 400/404/409: already completed or gone
    if (status / 100 == 2 || status == 400 || status == 404 || status == 409) {
      return true;
    }
    throw errorOf(response, "request cancel");
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: fal media URLs are public CDN links; the fal key must not travel with them
    http.download(media.url(), target, b -> b);
  }

  @Override
  public boolean acceptsWebhooks() {
    return webhookKeys != null;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    if (webhookKeys == null) {
      throw new InvalidWebhookException(
          "channel " + settings.id() + " has no webhook-public-keys option");
    }
    webhookKeys.verify(request, http.runtime().clock().instant());
    JsonNode event = Json.webhookBody(request);
    String id = text(event, "request_id");
    String status = text(event, "status");
    if (id == null || status == null) {
      throw new InvalidWebhookException("webhook body without request_id and status");
    }
    JsonNode payload = event.path("payload");
    if (status.equals("OK")) {
      URI url = payload.isObject() ? videoUrl(payload) : null;
      // a payload fal could not include is left to polling, which reads the result
      return url == null
          ? Optional.empty()
          : Optional.of(new UpstreamUpdate(id, new PollResult.Succeeded(ResultMedia.ofUrl(url))));
    }
    if (status.equals("ERROR")) {
      String error = text(event, "error");
      int code = 500;
      if (error != null) {
        Matcher m = STATUS_IN_TEXT.matcher(error);
        if (m.find()) {
          code = Integer.parseInt(m.group(1));
        }
      }
      JsonNode detail = payload.isObject() ? payload : JSON.missingNode();
      return Optional.of(
          new UpstreamUpdate(id, new PollResult.Failed(failureOf(id, code, detail, null))));
    }
    return Optional.empty();
  }

  /**
   * A model's error answer: a {@code content_policy_violation} detail is a content rejection; image
   * errors are a bad image; other 4xx bad input; the rest the upstream's failure, retryable unless
   * fal's {@code X-Fal-Retryable} says otherwise.
   */
  private ProviderException failureOf(String id, int status, JsonNode body, Boolean retryable) {
    String message = "request " + id + " failed at " + settings.id() + ": " + describe(body);
    Set<String> types = detailTypes(body);
    if (types.contains("content_policy_violation")) {
      return new ProviderException(
          FailureCategory.CONTENT_REJECTED,
          FailureCode.CONTENT_VIOLATION,
          false,
          null,
          message,
          null);
    }
    if (types.stream().anyMatch(IMAGE_ERRORS::contains)) {
      return new ProviderException(
          FailureCategory.BAD_INPUT, FailureCode.INVALID_IMAGE_URL, false, null, message, null);
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return new ProviderException(
          FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, message, null);
    }
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        retryable == null || retryable,
        null,
        message,
        null);
  }

  /** An error answer to one of our calls; content rejections are read from the body first. */
  private ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode body = jsonOrMissing(response.body());
    if (detailTypes(body).contains("content_policy_violation")) {
      return new ProviderException(
          FailureCategory.CONTENT_REJECTED,
          FailureCode.CONTENT_VIOLATION,
          false,
          null,
          what + " rejected by " + settings.id() + ": " + describe(body),
          null);
    }
    return http.errorOf(response, what);
  }

  private static Boolean retryableHeader(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("X-Fal-Retryable")
        .map(v -> Boolean.parseBoolean(v.trim()))
        .orElse(null);
  }

  private static Set<String> detailTypes(JsonNode body) {
    java.util.HashSet<String> types = new java.util.HashSet<>();
    JsonNode detail = body.path("detail");
    if (detail.isArray()) {
      for (JsonNode d : detail) {
        String type = text(d, "type");
        if (type != null) {
          types.add(type);
        }
      }
    }
    String errorType = text(body, "error_type");
    if (errorType != null) {
      types.add(errorType);
    }
    return types;
  }

  private static String describe(JsonNode body) {
    JsonNode detail = body.path("detail");
    if (detail.isString()) {
      return detail.asString();
    }
    if (detail.isArray() && !detail.isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode d : detail) {
        if (!text.isEmpty()) {
          text.append("; ");
        }
        String msg = text(d, "msg");
        text.append(msg == null ? String.valueOf(text(d, "type")) : msg);
      }
      return text.toString();
    }
    String error = text(body, "error");
    return error == null ? "no reason given" : error;
  }

  /**
   * The app part of a model id, which status, result and cancel use: {@code owner/app}, with a
   * leading namespace such as {@code workflows/} kept.
   */
  static String app(String model) {
    String[] parts = trimSlashes(model == null ? "" : model).split("/");
    int take = parts.length > 0 && NAMESPACES.contains(parts[0]) ? 3 : 2;
    if (parts.length < take) {
      throw ProviderException.of(
          FailureCategory.INTERNAL, "a fal model id is owner/app[/path], not '" + model + "'");
    }
    return String.join("/", java.util.Arrays.copyOfRange(parts, 0, take));
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      builder.header("Authorization", "Key " + settings.apiKey());
    }
    return builder;
  }

  private static String trimSlashes(String s) {
    String t = s.trim();
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private static JsonNode jsonOrMissing(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }
}
