package io.reelgate.providers.pixazo;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.http.PollIntervals;
import io.reelgate.providers.http.UpstreamHttp;
import io.reelgate.providers.support.StandardWebhooks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pixazo's Sora-video API as an upstream (Pixazo itself, or another Reelgate through its Pixazo
 * dialect). The channel's base URL is the gateway root ({@code https://gateway.pixazo.ai}): jobs
 * start at {@code /sora-video/v1/video/generate} or {@code .../i2v/generate} (HTTP 202 with a
 * {@code request_id}) and are read at {@code /v2/requests/status/{request_id}}.
 *
 * <p>Callbacks: Pixazo documents no signature for them, so they are only asked for ({@code
 * callback_url}) when the channel has a webhook secret, and then must carry a valid Standard
 * Webhooks signature, which a Reelgate upstream adds with the webhook secret of the account whose
 * key the channel uses. Otherwise the channel polls.
 */
public final class PixazoProvider implements VideoProvider {
  public static final String PROTOCOL = "pixazo";

  /** Pixazo's advice: poll every 5-10 seconds. */
  static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

  private static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CODE_PREFIX = Pattern.compile("^([A-Z][A-Z_]+)(?::|$)");

  private final UpstreamHttp http;
  private final StandardWebhooks signatures;
  private final Duration pollInterval;

  PixazoProvider(ChannelSettings settings, ProviderRuntime runtime) {
    settings.requiredBaseUrl();
    this.http = new UpstreamHttp(runtime, settings);
    this.signatures = settings.webhookUrl() != null ? StandardWebhooks.forChannel(settings) : null;
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    GenerationKind kind = job.request().kind();
    String size = job.size().width() + "x" + job.size().height();
    ObjectNode body = UpstreamHttp.object();
    body.put("prompt", job.request().prompt());
    if (job.upstreamModel() != null && !job.upstreamModel().isBlank()) {
      body.put("model", job.upstreamModel());
    }
    String path;
    if (kind == GenerationKind.TEXT_TO_VIDEO) {
      path = "/sora-video/v1/video/generate";
    } else if (kind == GenerationKind.IMAGE_TO_VIDEO && job.request().imageUrls().size() == 1) {
      path = "/sora-video/v1/video/i2v/generate";
      body.put("image", job.request().imageUrls().get(0));
      if (!job.images().isEmpty()) {
        ImageInfo info = job.images().get(0).info();
        String dims = info.width() + "x" + info.height();
        if (!dims.equals(size)) {
          // why: Pixazo renders at the image's size; anything else would not be what was asked
          throw new ProviderException(
              FailureCategory.BAD_INPUT,
              FailureCode.INVALID_IMAGE_URL,
              false,
              null,
              "Pixazo renders image-to-video at the image's own size; the image is "
                  + dims
                  + " but the task asks for "
                  + size,
              null);
        }
      }
    } else {
      throw new ProviderException(
          FailureCategory.BAD_INPUT,
          FailureCode.UPSTREAM_ERROR,
          false,
          null,
          "Pixazo's Sora-video API takes text-to-video or image-to-video with one image, not "
              + kind,
          null);
    }
    body.put("size", size);
    body.put("seconds", job.request().durationSeconds());
    if (signatures != null) {
      body.put("callback_url", http.settings().webhookUrl().toString());
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve(path), body))
            .header("Cache-Control", "no-cache")
            .build();
    HttpResponse<byte[]> response = http.send(request, true);
    int status = response.statusCode();
    if (status != 202 && status != 200) {
      throw errorOf(response, "generate");
    }
    JsonNode answer = http.json(response, "generate answer", true);
    String requestId = text(answer.get("request_id"));
    if (requestId == null || requestId.isBlank()) {
      throw http.malformed("generate answer without request_id", true, null);
    }
    return new Submission.Accepted(requestId, http.retryAfter(response).orElse(pollInterval));
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    URI uri =
        http.resolve(
            "/v2/requests/status/"
                + URLEncoder.encode(upstreamJobId, StandardCharsets.UTF_8).replace("+", "%20"));
    HttpResponse<byte[]> response =
        http.send(
            authorize(http.request(uri).GET()).header("Cache-Control", "no-cache").build(), false);
    if (response.statusCode() != 200) {
      throw errorOf(response, "request status");
    }
    JsonNode status = http.json(response, "request status", false);
    if (!status.isObject()) {
      throw http.malformed("request status", false, null);
    }
    return statusOf(status, http.retryAfter(response).orElse(pollInterval));
  }

  /** Result URLs are public CDN (or signed) links: downloaded without the subscription key. */
  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    http.download(media.url(), target, UnaryOperator.identity());
  }

  @Override
  public boolean acceptsWebhooks() {
    return signatures != null;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode body =
        StandardWebhooks.verifiedBody(
            signatures, http.settings(), request, http.runtime().clock().instant());
    String requestId = text(body.get("request_id"));
    if (requestId == null || requestId.isBlank()) {
      throw new InvalidWebhookException("the callback body has no request_id");
    }
    PollResult result;
    try {
      result = statusOf(body, pollInterval);
    } catch (ProviderException e) {
      throw new InvalidWebhookException("the callback body cannot be read: " + e.getMessage(), e);
    }
    return UpstreamUpdate.ifFinished(requestId, result);
  }

  /** Reads a status object (from the status endpoint or a callback). */
  PollResult statusOf(JsonNode status, Duration wait) {
    String state = text(status.get("status"));
    if (state == null) {
      throw http.malformed("status without status", false, null);
    }
    return switch (state.toUpperCase(Locale.ROOT)) {
      case "QUEUED", "PROCESSING" -> new PollResult.Running(wait);
      case "COMPLETED" -> new PollResult.Succeeded(ResultMedia.ofUrl(mediaUrl(status)));
      case "FAILED" -> new PollResult.Failed(failure(text(status.get("error")), false));
      case "ERROR" -> new PollResult.Failed(failure(text(status.get("error")), true));
      default -> throw http.malformed("status '" + state + "'", false, null);
    };
  }

  private URI mediaUrl(JsonNode status) {
    JsonNode urls = status.path("output").path("media_url");
    String url = urls.isArray() && !urls.isEmpty() ? text(urls.get(0)) : null;
    if (url == null || url.isBlank()) {
      throw http.malformed("completed status without output.media_url", false, null);
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw http.malformed("media URL", false, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw http.malformed("media URL '" + url + "'", false, null);
    }
    return uri;
  }

  /**
   * The failure an ended request stands for. A Reelgate upstream starts {@code error} with its
   * failure code ({@code CONTENT_VIOLATION: ...}), which is taken over; otherwise content refusals
   * are recognised by their wording. ERROR is a system error that Pixazo does not charge, so a new
   * attempt is allowed; FAILED may be charged, so it is not retried.
   */
  static ProviderException failure(String error, boolean systemError) {
    String message =
        "the upstream request ended "
            + (systemError ? "with ERROR" : "FAILED")
            + (error == null || error.isBlank() ? "" : ": " + error);
    FailureCode code = null;
    if (error != null) {
      Matcher m = CODE_PREFIX.matcher(error.trim());
      if (m.find()) {
        try {
          code = FailureCode.valueOf(m.group(1));
        } catch (IllegalArgumentException notACode) {
          code = null;
        }
      }
    }
    if (code == null && error != null && looksLikeContentRefusal(error)) {
      code = FailureCode.CONTENT_VIOLATION;
    }
    if (code == null) {
      return new ProviderException(
          FailureCategory.UNAVAILABLE,
          FailureCode.UPSTREAM_ERROR,
          systemError,
          null,
          message,
          null);
    }
    return switch (code) {
      case CONTENT_VIOLATION, NSFW_DETECTED ->
          new ProviderException(FailureCategory.CONTENT_REJECTED, code, false, null, message, null);
      case PROMPT_TOO_LONG, INVALID_IMAGE_URL ->
          new ProviderException(FailureCategory.BAD_INPUT, code, false, null, message, null);
      case CANCELLED ->
          new ProviderException(FailureCategory.UNAVAILABLE, code, false, null, message, null);
      default ->
          new ProviderException(
              FailureCategory.UNAVAILABLE,
              FailureCode.UPSTREAM_ERROR,
              systemError,
              null,
              message,
              null);
    };
  }

  private static boolean looksLikeContentRefusal(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    return (e.contains("content") || e.contains("prompt"))
        && (e.contains("policy")
            || e.contains("violat")
            || e.contains("moderation")
            || e.contains("safety"));
  }

  /**
   * An error answer: 402 {@code Insufficient Balance} means the channel's wallet is empty (AUTH,
   * not retryable; no job was created, so another channel may take the task); the rest as usual.
   */
  private ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    if (response.statusCode() == 402) {
      return new ProviderException(
          FailureCategory.AUTH,
          FailureCode.UPSTREAM_ERROR,
          false,
          null,
          false,
          what + " answered 402: the channel's Pixazo balance is exhausted",
          null);
    }
    if (response.statusCode() == 400) {
      String message = errorMessage(response);
      if (message != null && looksLikeContentRefusal(message)) {
        return new ProviderException(
            FailureCategory.CONTENT_REJECTED,
            FailureCode.CONTENT_VIOLATION,
            false,
            null,
            false,
            what + " answered 400: " + message,
            null);
      }
    }
    return http.errorOf(response, what);
  }

  private static String errorMessage(HttpResponse<byte[]> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      return body == null ? null : text(body.get("message"));
    } catch (JacksonException e) {
      return null;
    }
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    String key = http.settings().apiKey();
    return key == null || key.isBlank() ? builder : builder.header(KEY_HEADER, key);
  }
}
