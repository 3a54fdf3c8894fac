package io.reelgate.providers.openai;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Videos protocol ({@code POST /videos}, {@code GET /videos/{id}}, {@code GET
 * /videos/{id}/content}) at any compatible base URL such as {@code https://api.openai.com/v1}.
 * Pushed updates are the project's Standard Webhooks events {@code video.completed} and {@code
 * video.failed}. The protocol has no cancel: a running video cannot be stopped or deleted.
 */
public final class OpenAiVideosProvider implements VideoProvider {
  public static final String PROTOCOL = "openai-videos";

  /** The wait between status calls when the upstream gives no {@code openai-poll-after-ms}. */
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  /** The longest {@code input_reference.image_url} the API takes. */
  static final int MAX_IMAGE_URL_CHARS = 20_971_520;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  // why: the wait when the upstream gives no hint; the channel's poll-interval option, which the
  // gateway fills with its reelgate.polling.interval
  private final Duration pollInterval;
  private final StandardWebhooks webhooks;

  OpenAiVideosProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    settings.requiredBaseUrl();
    this.webhooks = StandardWebhooks.forChannel(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    ObjectNode body = UpstreamHttp.object();
    if (job.upstreamModel() != null && !job.upstreamModel().isBlank()) {
      body.put("model", job.upstreamModel());
    }
    body.put("prompt", job.request().prompt());
    body.put("seconds", String.valueOf(job.request().durationSeconds()));
    body.put("size", job.size().width() + "x" + job.size().height());
    GenerationKind kind = job.request().kind();
    if (kind != GenerationKind.TEXT_TO_VIDEO) {
      if (kind != GenerationKind.IMAGE_TO_VIDEO || job.images().size() != 1) {
        throw new ProviderException(
            FailureCategory.BAD_INPUT,
            FailureCode.UPSTREAM_ERROR,
            false,
            null,
            PROTOCOL + " takes text-to-video or image-to-video with one image, not " + kind,
            null);
      }
      body.putObject("input_reference").put("image_url", imageReference(job));
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/videos"), body))
            .header("Idempotency-Key", job.taskId())
            .build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "video creation");
    }
    JsonNode video = http.json(response, "video creation answer", true);
    String id = text(video, "id");
    if (id == null) {
      throw http.malformed("video creation answer without id", true, null);
    }
    if ("failed".equals(text(video, "status"))) {
      throw failureOf(video.path("error"), id);
    }
    return new Submission.Accepted(id, pollAfter(response));
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    return retrieve(upstreamJobId);
  }

  private PollResult retrieve(String id) {
    HttpRequest request = authorize(http.request(videoUri(id, ""))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "video status");
    }
    JsonNode video = http.json(response, "video status", false);
    String status = text(video, "status");
    if (status == null) {
      throw http.malformed("video status without status", false, null);
    }
    return switch (status) {
      case "completed" -> new PollResult.Succeeded(ResultMedia.ofUrl(videoUri(id, "/content")));
      case "failed" -> new PollResult.Failed(failureOf(video.path("error"), id));
      // queued, in_progress, and states a compatible upstream may add
      default -> new PollResult.Running(pollAfter(response));
    };
  }

  /** OpenAI has no cancel; a video can only be deleted once it has completed or failed. */
  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    return false;
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    http.download(media.url(), target, b -> authorize(b).header("Accept", "application/binary"));
  }

  @Override
  public boolean acceptsWebhooks() {
    return webhooks != null;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode event =
        StandardWebhooks.verifiedBody(
            webhooks, settings, request, http.runtime().clock().instant());
    String type = text(event, "type");
    String id = text(event.path("data"), "id");
    if (type == null || !type.startsWith("video.")) {
      return Optional.empty();
    }
    if (id == null) {
      throw new InvalidWebhookException("video event without data.id");
    }
    return switch (type) {
      case "video.completed" ->
          Optional.of(
              new UpstreamUpdate(
                  id, new PollResult.Succeeded(ResultMedia.ofUrl(videoUri(id, "/content")))));
      case "video.failed" -> failedEvent(id);
      default -> Optional.empty();
    };
  }

  /**
   * The event is thin, so the reason is read from the video itself; if that read fails, the event
   * is left to polling, which will find the failure.
   */
  private Optional<UpstreamUpdate> failedEvent(String id) {
    try {
      PollResult result = retrieve(id);
      return UpstreamUpdate.ifFinished(id, result);
    } catch (ProviderException e) {
      return Optional.empty();
    }
  }

  private String imageReference(ProviderJob job) {
    String inline = InputImages.dataUrl(job.images().get(0));
    if (inline.length() <= MAX_IMAGE_URL_CHARS) {
      return inline;
    }
    String original = InputImages.originalUrl(job, 0);
    if (original == null) {
      throw new ProviderException(
          FailureCategory.BAD_INPUT,
          FailureCode.INVALID_IMAGE_URL,
          false,
          null,
          "the input image is too large to send inline to " + settings.id(),
          null);
    }
    return original;
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    settings.option("organization").ifPresent(o -> builder.header("OpenAI-Organization", o));
    settings.option("project").ifPresent(p -> builder.header("OpenAI-Project", p));
    return builder;
  }

  private URI videoUri(String id, String suffix) {
    return http.resolve("/videos/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + suffix);
  }

  /** The upstream's {@code openai-poll-after-ms} hint, or the default wait. */
  private Duration pollAfter(HttpResponse<?> response) {
    return millisHeader(response, "openai-poll-after-ms")
        .filter(d -> !d.isZero())
        .orElse(pollInterval);
  }

  private static Optional<Duration> millisHeader(HttpResponse<?> response, String name) {
    return response
        .headers()
        .firstValue(name)
        .flatMap(
            v -> {
              try {
                long ms = Long.parseLong(v.trim());
                return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * An error answer: moderation codes in the OpenAI error envelope are content rejections; the rest
   * follow the status code, with {@code retry-after-ms} preferred over {@code Retry-After}.
   */
  private ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode error = errorNode(response);
    String code = text(error, "code");
    String message = text(error, "message");
    if (isContentCode(code) || isContentCode(text(error, "type"))) {
      return contentRejected(
          what + " rejected by " + settings.id() + ": " + (message == null ? code : message));
    }
    ProviderException e = http.errorOf(response, what);
    Optional<Duration> wait = millisHeader(response, "retry-after-ms");
    if (e.isRetryable() && wait.isPresent()) {
      return new ProviderException(
          e.category(), e.code(), true, wait.get(), false, e.getMessage(), null);
    }
    return e;
  }

  private ProviderException failureOf(JsonNode error, String id) {
    String code = text(error, "code");
    String message = text(error, "message");
    String reason = (code == null ? "" : code + ": ") + (message == null ? "no reason" : message);
    if (isContentCode(code)) {
      return contentRejected("video " + id + " was blocked by " + settings.id() + ": " + reason);
    }
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        true,
        null,
        "video " + id + " failed at " + settings.id() + ": " + reason,
        null);
  }

  private static ProviderException contentRejected(String message) {
    return new ProviderException(
        FailureCategory.CONTENT_REJECTED,
        FailureCode.CONTENT_VIOLATION,
        false,
        null,
        message,
        null);
  }

  /** Error codes OpenAI and compatible upstreams use for moderation blocks. */
  static boolean isContentCode(String code) {
    if (code == null) {
      return false;
    }
    String c = code.toLowerCase(Locale.ROOT);
    return c.contains("moderation")
        || c.contains("content_policy")
        || c.contains("content_filter")
        || c.contains("safety");
  }

  private static JsonNode errorNode(HttpResponse<byte[]> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      return body == null ? JSON.missingNode() : body.path("error");
    } catch (JacksonException notJson) {
      return JSON.missingNode();
    }
  }
}
