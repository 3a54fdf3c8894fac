package io.reelgate.providers.seedance;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.providers.ChannelSettings;
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
import io.reelgate.providers.support.Capabilities;
import io.reelgate.providers.support.InputImages;
import io.reelgate.providers.support.Json;
import io.reelgate.providers.support.ParameterFit;
import io.reelgate.providers.support.UpstreamErrors;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ByteDance's content-generation tasks at a base URL such as {@code
 * https://ark.ap-southeast.bytepluses.com/api/v3}: {@code POST /contents/generations/tasks} creates
 * a task from a {@code content} list (the prompt, images with the roles {@code first_frame}, {@code
 * last_frame} or {@code reference_image}) and the parameters {@code ratio}, {@code duration},
 * {@code resolution}, {@code seed} and {@code watermark}; {@code GET
 * /contents/generations/tasks/{id}} reads it ({@code queued}, {@code running}, {@code succeeded},
 * {@code failed}, {@code cancelled}, {@code expired}); {@code DELETE} cancels a queued task. Result
 * URLs expire within a day, so they are fetched as soon as the task succeeds. Callbacks are
 * unsigned: the task is read back before a pushed update counts.
 */
public final class SeedanceProvider implements VideoProvider {
  public static final String PROTOCOL = "seedance";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  static final Capabilities CAPABILITIES =
      new Capabilities(
          EnumSet.allOf(GenerationKind.class),
          Capabilities.range(2, 12),
          List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9"),
          List.of("480p", "720p", "1080p"),
          List.of(),
          4,
          true,
          true);

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;

  SeedanceProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    CAPABILITIES.overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /**
   * The documented kinds per model family: Seedance 1.0 lite comes as a {@code -t2v} and an {@code
   * -i2v} model (the adapter derives one from the other), only lite i2v takes reference images, and
   * Seedance 1.0 pro takes text and first (and last) frames.
   */
  static Capabilities capabilities(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (m.contains("lite")) {
      return CAPABILITIES;
    }
    return CAPABILITIES.withKinds(
        EnumSet.of(
            GenerationKind.TEXT_TO_VIDEO,
            GenerationKind.IMAGE_TO_VIDEO,
            GenerationKind.FIRST_AND_LAST_FRAMES));
  }

  /** The model for a kind: {@code <kind>-model}, else the {@code -t2v} model made {@code -i2v}. */
  static String modelFor(ChannelSettings settings, GenerationKind kind, String model) {
    String derived =
        kind != GenerationKind.TEXT_TO_VIDEO && model != null && model.contains("-t2v")
            ? model.replace("-t2v", "-i2v")
            : model;
    return ParameterFit.modelFor(settings, kind, derived);
  }

  @Override
  public void check(GenerationRequest request, String model) {
    String upstreamModel = ParameterFit.tierModel(settings, request, model);
    fit.fit(request, request.size(), capabilities(upstreamModel), upstreamModel);
  }

  @Override
  public Submission submit(ProviderJob tierJob) {
    ProviderJob job = ParameterFit.withTierModel(settings, tierJob);
    GenerationRequest r = job.request();
    ParameterFit.Fitted f = fit.fit(job, capabilities(job.upstreamModel()));
    ObjectNode body = UpstreamHttp.object();
    body.put("model", modelFor(settings, r.kind(), job.upstreamModel()));
    ArrayNode content = body.putArray("content");
    content.addObject().put("type", "text").put("text", r.prompt());
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> {}
      case IMAGE_TO_VIDEO -> image(content, job, 0, "first_frame");
      case FIRST_AND_LAST_FRAMES -> {
        image(content, job, 0, "first_frame");
        if (job.images().size() > 1) {
          image(content, job, 1, "last_frame");
        }
      }
      case REFERENCE_IMAGES -> {
        for (int i = 0; i < job.images().size(); i++) {
          image(content, job, i, "reference_image");
        }
      }
    }
    body.put("ratio", f.aspectRatio());
    body.put("duration", f.duration());
    body.put("resolution", f.resolution());
    if (f.seed() != null) {
      body.put("seed", f.seed());
    }
    body.put("watermark", Boolean.TRUE.equals(f.watermark()));
    if (settings.webhookUrl() != null) {
      body.put("callback_url", settings.webhookUrl().toString());
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/contents/generations/tasks"), body)).build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "task creation");
    }
    String id = text(http.json(response, "task creation answer", true), "id");
    if (id == null) {
      throw http.malformed("task creation answer without id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  private static void image(ArrayNode content, ProviderJob job, int index, String role) {
    ObjectNode item = content.addObject().put("type", "image_url");
    item.putObject("image_url").put("url", InputImages.reference(job, index));
    item.put("role", role);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    return retrieve(upstreamJobId);
  }

  private PollResult retrieve(String id) {
    HttpRequest request = authorize(http.request(taskUri(id))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "task status");
    }
    return resultOf(http.json(response, "task status", false));
  }

  private PollResult resultOf(JsonNode task) {
    String id = text(task, "id");
    String status = text(task, "status");
    if (status == null) {
      throw http.malformed("task without status", false, null);
    }
    return switch (status) {
      case "succeeded" -> {
        String url = text(task.path("content"), "video_url");
        if (url == null) {
          throw http.malformed("succeeded task " + id + " without content.video_url", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(URI.create(url)));
      }
      case "failed" -> new PollResult.Failed(failureOf(id, task.path("error")));
      case "expired" ->
          new PollResult.Failed(
              UpstreamErrors.jobFailed("task " + id + " expired at " + settings.id()));
      case "cancelled" ->
          new PollResult.Failed(
              new ProviderException(
                  io.reelgate.providers.FailureCategory.UNAVAILABLE,
                  io.reelgate.core.FailureCode.CANCELLED,
                  false,
                  null,
                  "task " + id + " was cancelled at " + settings.id(),
                  null));
      default -> new PollResult.Running(pollInterval);
    };
  }

  /** A task's error: the content checks' codes are content rejections, the rest retried. */
  private ProviderException failureOf(String id, JsonNode error) {
    String code = text(error, "code");
    String message = text(error, "message");
    String reason = (code == null ? "" : code + ": ") + (message == null ? "no reason" : message);
    String text = "task " + id + " failed at " + settings.id() + ": " + reason;
    if (UpstreamErrors.mentionsContentFilter(code)
        || UpstreamErrors.mentionsContentFilter(message)) {
      return UpstreamErrors.contentRejected(text);
    }
    if (code != null && code.startsWith("InvalidParameter")) {
      return UpstreamErrors.badInput(text);
    }
    return UpstreamErrors.jobFailed(text);
  }

  /** Cancels a queued task; a running one cannot be stopped and is left to finish. */
  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(taskUri(upstreamJobId))).DELETE().build();
    HttpResponse<byte[]> response = http.send(request, false);
    int status = response.statusCode();
    if (status / 100 == 2 || status == 404) {
      return true;
    }
    if (status == 400 || status == 409) {
      return false;
    }
    throw errorOf(response, "task cancel");
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: the result is a signed object-storage link; the API key stays with the API
    http.download(media.url(), target, b -> b);
  }

  /** Seedance's callbacks are not signed: any well-formed one is accepted and then read back. */
  @Override
  public boolean acceptsWebhooks() {
    return true;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode task = Json.webhookBody(request);
    String id = text(task, "id");
    if (id == null) {
      throw new InvalidWebhookException("callback without a task id");
    }
    String pushed = text(task, "status");
    if ("queued".equals(pushed) || "running".equals(pushed)) {
      return Optional.empty();
    }
    try {
      return UpstreamUpdate.ifFinished(id, retrieve(id));
    } catch (ProviderException e) {
      // an unknown task (a forgery) or a failed read: polling decides
      return Optional.empty();
    }
  }

  /**
   * An error answer, read by the error code in {@code {"error":{"code","message"}}}: the content
   * checks' codes ({@code InputTextSensitiveContentDetected}, {@code ...RiskDetection}) are content
   * rejections; an account that is overdue, suspended or has not enabled the model is an auth
   * problem; the rest follow the HTTP status.
   */
  ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode error = UpstreamErrors.jsonOrMissing(response.body()).path("error");
    String code = Optional.ofNullable(text(error, "code")).orElse("");
    String message =
        what
            + " refused by "
            + settings.id()
            + ": HTTP "
            + response.statusCode()
            + " "
            + code
            + " "
            + Optional.ofNullable(text(error, "message")).orElse("");
    if (UpstreamErrors.mentionsContentFilter(code)) {
      return UpstreamErrors.contentRejected(message);
    }
    if (code.contains("Overdue")
        || code.contains("AccountSuspended")
        || code.equals("ModelNotOpen")
        || code.startsWith("Authentication")
        || code.startsWith("AccessDenied")) {
      return UpstreamErrors.auth(message);
    }
    if (response.statusCode() == 429 || code.contains("RateLimit") || code.contains("Quota")) {
      return UpstreamErrors.rateLimited(message, http.retryAfter(response).orElse(null));
    }
    return http.errorOf(response, what);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private URI taskUri(String id) {
    return http.resolve(
        "/contents/generations/tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }
}
