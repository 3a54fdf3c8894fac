package io.reelgate.providers.replicate;

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
import io.reelgate.providers.support.StandardWebhooks;
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
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicate's predictions API at a base URL such as {@code https://api.replicate.com/v1}. An
 * official model ({@code google/veo-3.1}) is created with {@code POST /models/{owner}/{name}/
 * predictions}; a version ({@code owner/name:<hex>} or a bare 64-hex id) with {@code POST
 * /predictions}. When the channel has a webhook URL and secret, each prediction asks for a {@code
 * completed} webhook, signed the Standard Webhooks way. Outputs are plain URLs that expire after an
 * hour.
 */
public final class ReplicateProvider implements VideoProvider {
  public static final String PROTOCOL = "replicate";

  /** The wait between status calls; Replicate gives no hint. */
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{64}");

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  // why: the wait when the upstream gives no hint; the channel's poll-interval option, which the
  // gateway fills with its reelgate.polling.interval
  private final Duration pollInterval;
  private final StandardWebhooks webhooks;

  ReplicateProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    settings.requiredBaseUrl();
    this.webhooks = StandardWebhooks.forChannel(settings);
    Json.objectOption(settings, "extra-input");
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    String model = job.upstreamModel();
    if (model == null || model.isBlank()) {
      throw misconfigured("maps no replicate model");
    }
    ObjectNode body = UpstreamHttp.object();
    URI uri;
    if (model.contains(":") || VERSION_ID.matcher(model).matches()) {
      uri = http.resolve("/predictions");
      body.put("version", model);
    } else {
      String[] parts = model.split("/");
      if (parts.length != 2) {
        throw misconfigured("has replicate model '" + model + "', not owner/name or a version");
      }
      uri = http.resolve("/models/" + encode(parts[0]) + "/" + encode(parts[1]) + "/predictions");
    }
    body.set("input", input(job));
    if (acceptsWebhooks() && settings.webhookUrl() != null) {
      body.put("webhook", settings.webhookUrl().toString());
      body.putArray("webhook_events_filter").add("completed");
    }
    HttpRequest request = authorize(http.postJson(uri, body)).build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "prediction creation");
    }
    JsonNode prediction = http.json(response, "prediction creation answer", true);
    String id = text(prediction, "id");
    if (id == null) {
      throw http.malformed("prediction creation answer without id", true, null);
    }
    String status = text(prediction, "status");
    if ("failed".equals(status) || "canceled".equals(status) || "aborted".equals(status)) {
      throw ((PollResult.Failed) resultOf(prediction, null)).error();
    }
    return new Submission.Accepted(id, pollInterval);
  }

  private ObjectNode input(ProviderJob job) {
    GenerationRequest request = job.request();
    ObjectNode input = UpstreamHttp.object();
    Json.objectOption(settings, "extra-input").ifPresent(input::setAll);
    input.put("prompt", request.prompt());
    input.put("duration", request.durationSeconds());
    input.put("aspect_ratio", VideoShape.aspectRatio(job.size()));
    input.put("resolution", VideoShape.resolution(job.size()));
    if (request.seed() != null) {
      input.put("seed", request.seed());
    }
    GenerationKind kind = request.kind();
    int images = job.images().size();
    switch (kind) {
      case TEXT_TO_VIDEO -> {}
      case IMAGE_TO_VIDEO ->
          input.put(field("image-field", "image"), InputImages.reference(job, 0));
      case FIRST_AND_LAST_FRAMES -> {
        input.put(field("image-field", "image"), InputImages.reference(job, 0));
        if (images > 1) {
          input.put(field("last-frame-field", "last_frame"), InputImages.reference(job, 1));
        }
      }
      case REFERENCE_IMAGES -> {
        ArrayNode refs = input.putArray(field("reference-images-field", "reference_images"));
        for (int i = 0; i < images; i++) {
          refs.add(InputImages.reference(job, i));
        }
      }
    }
    return input;
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(predictionUri(upstreamJobId, ""))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "prediction status");
    }
    return resultOf(http.json(response, "prediction status", false), response);
  }

  /** What a prediction object says; also the body of every webhook. */
  private PollResult resultOf(JsonNode prediction, HttpResponse<?> response) {
    String id = text(prediction, "id");
    String status = text(prediction, "status");
    if (status == null) {
      throw http.malformed("prediction without status", false, null);
    }
    return switch (status) {
      case "succeeded" -> {
        URI url = outputUrl(prediction.get("output"));
        if (url == null) {
          throw http.malformed("succeeded prediction " + id + " without a video URL", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(url));
      }
      case "failed" -> new PollResult.Failed(failureOf(id, text(prediction, "error")));
      case "canceled" ->
          new PollResult.Failed(
              new ProviderException(
                  FailureCategory.UNAVAILABLE,
                  FailureCode.CANCELLED,
                  false,
                  null,
                  "prediction " + id + " was canceled at " + settings.id(),
                  null));
      case "aborted" ->
          new PollResult.Failed(
              new ProviderException(
                  FailureCategory.UNAVAILABLE,
                  FailureCode.UPSTREAM_ERROR,
                  true,
                  null,
                  "prediction " + id + " was aborted at " + settings.id() + " before it started",
                  null));
      // starting, processing, and states Replicate may add
      default ->
          new PollResult.Running(
              response == null
                  ? pollInterval
                  : http.retryAfter(response).filter(d -> !d.isZero()).orElse(pollInterval));
    };
  }

  /** Video models return a URI string; some return a list of them or {@code {url}}. */
  private static URI outputUrl(JsonNode output) {
    if (output == null || output.isNull()) {
      return null;
    }
    if (output.isArray()) {
      return output.isEmpty() ? null : outputUrl(output.get(0));
    }
    if (output.isObject()) {
      return outputUrl(output.get(output.has("video") ? "video" : "url"));
    }
    if (!output.isString()) {
      return null;
    }
    try {
      URI uri = URI.create(output.asString());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("https") || scheme.equals("http") ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    HttpRequest request =
        authorize(http.request(predictionUri(upstreamJobId, "/cancel")))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
      throw errorOf(response, "prediction cancel");
    }
    return true;
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: replicate.delivery URLs are public; the API token must not travel with them
    http.download(media.url(), target, b -> b);
  }

  @Override
  public boolean acceptsWebhooks() {
    return webhooks != null;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode prediction =
        StandardWebhooks.verifiedBody(
            webhooks, settings, request, http.runtime().clock().instant());
    String id = text(prediction, "id");
    if (id == null || text(prediction, "status") == null) {
      throw new InvalidWebhookException("webhook body is not a prediction");
    }
    PollResult result;
    try {
      result = resultOf(prediction, null);
    } catch (ProviderException unreadable) {
      // a succeeded prediction whose output we cannot read is left to polling
      return Optional.empty();
    }
    return UpstreamUpdate.ifFinished(id, result);
  }

  private ProviderException failureOf(String id, String error) {
    String reason = error == null ? "no reason given" : error;
    if (isContentError(reason)) {
      return new ProviderException(
          FailureCategory.CONTENT_REJECTED,
          FailureCode.CONTENT_VIOLATION,
          false,
          null,
          "prediction " + id + " was blocked at " + settings.id() + ": " + reason,
          null);
    }
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        true,
        null,
        "prediction " + id + " failed at " + settings.id() + ": " + reason,
        null);
  }

  /**
   * Replicate passes the model's own error text. Its safety-filter error is E005 ("flagged as
   * sensitive"); model wrappers report their upstream's filters in words.
   */
  static boolean isContentError(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    return e.contains("(e005)")
        || e.startsWith("e005")
        || e.contains("flagged as sensitive")
        || e.contains("content policy")
        || e.contains("content_policy")
        || e.contains("safety filter")
        || e.contains("nsfw")
        || e.contains("moderation");
  }

  /** 402 is an account out of credit; the rest follow the status code. */
  private ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    if (response.statusCode() == 402) {
      return new ProviderException(
          FailureCategory.AUTH,
          FailureCode.UPSTREAM_ERROR,
          false,
          null,
          what + " refused by " + settings.id() + ": payment required",
          null);
    }
    return http.errorOf(response, what);
  }

  private ProviderException misconfigured(String what) {
    return ProviderException.of(FailureCategory.INTERNAL, "channel " + settings.id() + " " + what);
  }

  private String field(String option, String fallback) {
    return settings.option(option).orElse(fallback);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private URI predictionUri(String id, String suffix) {
    return http.resolve("/predictions/" + encode(id) + suffix);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
