package io.reelgate.providers.openrouter;

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
import io.reelgate.providers.support.Capabilities;
import io.reelgate.providers.support.InputImages;
import io.reelgate.providers.support.Json;
import io.reelgate.providers.support.ParameterFit;
import io.reelgate.providers.support.UpstreamErrors;
import io.reelgate.providers.support.VideoShape;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenRouter's video API at {@code https://openrouter.ai/api/v1}: {@code POST /videos} answers 202
 * with a job id, {@code GET /videos/{id}} reads it ({@code pending}, {@code in_progress}, {@code
 * completed}, {@code failed}, {@code cancelled}, {@code expired}), {@code GET
 * /videos/{id}/content?index=0} serves the video with the same key. What each model takes is listed
 * at {@code GET /videos/models}; the adapter knows Veo 3.1's values and takes the others from the
 * channel options ({@code durations}, {@code aspect-ratios}, {@code resolutions}), sending the
 * request's own values where none are set. With a {@code webhook-secret} (the workspace's signing
 * secret) jobs carry {@code callback_url} and callbacks must carry a valid {@code
 * X-OpenRouter-Signature}.
 */
public final class OpenRouterProvider implements VideoProvider {
  public static final String PROTOCOL = "openrouter";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(10);

  private static final Capabilities ANY =
      new Capabilities(
          EnumSet.allOf(GenerationKind.class),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          4,
          true,
          false);
  private static final Capabilities VEO_3_1 =
      new Capabilities(
          EnumSet.allOf(GenerationKind.class),
          List.of(4, 6, 8),
          List.of("16:9", "9:16"),
          List.of("720p", "1080p"),
          List.of(),
          3,
          true,
          false);

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;
  private final OpenRouterSignature signature;

  OpenRouterProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    ANY.overriddenBy(settings);
    String secret = settings.webhookSecret();
    this.signature = secret == null || secret.isBlank() ? null : new OpenRouterSignature(secret);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  static Capabilities capabilities(String model) {
    return model != null && model.startsWith("google/veo-3.1") ? VEO_3_1 : ANY;
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
    body.put("model", job.upstreamModel());
    body.put("prompt", r.prompt());
    body.put("duration", f.duration());
    body.put(
        "aspect_ratio",
        f.aspectRatio() != null ? f.aspectRatio() : VideoShape.aspectRatio(f.size()));
    body.put(
        "resolution", f.resolution() != null ? f.resolution() : VideoShape.resolution(f.size()));
    if (f.seed() != null) {
      body.put("seed", f.seed());
    }
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> {}
      case IMAGE_TO_VIDEO -> frame(body.putArray("frame_images"), job, 0, "first_frame");
      case FIRST_AND_LAST_FRAMES -> {
        ArrayNode frames = body.putArray("frame_images");
        frame(frames, job, 0, "first_frame");
        if (job.images().size() > 1) {
          frame(frames, job, 1, "last_frame");
        }
      }
      case REFERENCE_IMAGES -> {
        ArrayNode refs = body.putArray("input_references");
        for (int i = 0; i < job.images().size(); i++) {
          refs.addObject()
              .put("type", "image_url")
              .putObject("image_url")
              .put("url", InputImages.reference(job, i));
        }
      }
    }
    if (signature != null && settings.webhookUrl() != null) {
      body.put("callback_url", settings.webhookUrl().toString());
    }
    HttpRequest request = authorize(http.postJson(http.resolve("/videos"), body)).build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "video job creation");
    }
    String id = text(http.json(response, "video job answer", true), "id");
    if (id == null) {
      throw http.malformed("video job answer without id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  private static void frame(ArrayNode frames, ProviderJob job, int index, String type) {
    ObjectNode frame = frames.addObject().put("type", "image_url");
    frame.putObject("image_url").put("url", InputImages.reference(job, index));
    frame.put("frame_type", type);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    return retrieve(upstreamJobId);
  }

  private PollResult retrieve(String id) {
    HttpRequest request = authorize(http.request(videoUri(id, ""))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "video job status");
    }
    JsonNode video = http.json(response, "video job status", false);
    String status = text(video, "status");
    if (status == null) {
      throw http.malformed("video job status without status", false, null);
    }
    return resultOf(id, status, text(video, "error"));
  }

  private PollResult resultOf(String id, String status, String error) {
    String where = "video job " + id + " at " + settings.id();
    return switch (status) {
      case "completed" ->
          new PollResult.Succeeded(ResultMedia.ofUrl(videoUri(id, "/content?index=0")));
      case "failed" -> {
        String message = where + " failed: " + (error == null ? "no reason" : error);
        yield new PollResult.Failed(
            UpstreamErrors.mentionsContentFilter(error)
                ? UpstreamErrors.contentRejected(message)
                : UpstreamErrors.jobFailed(message));
      }
      case "cancelled" ->
          new PollResult.Failed(
              new ProviderException(
                  FailureCategory.UNAVAILABLE,
                  FailureCode.CANCELLED,
                  false,
                  null,
                  where + " was cancelled",
                  null));
      case "expired" -> new PollResult.Failed(UpstreamErrors.jobFailed(where + " expired"));
      default -> new PollResult.Running(pollInterval);
    };
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // the content proxy needs the key; a redirect to signed storage gets none
    http.download(media.url(), target, this::authorize);
  }

  @Override
  public boolean acceptsWebhooks() {
    return signature != null;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    if (signature == null) {
      throw new InvalidWebhookException(
          "channel " + settings.id() + " has no webhook-secret to verify callbacks with");
    }
    signature.verify(request, http.runtime().clock().instant());
    JsonNode event = Json.webhookBody(request);
    JsonNode data = event.path("data");
    String id = text(data, "id");
    String status = text(data, "status");
    if (id == null || status == null) {
      throw new InvalidWebhookException("video event without data.id and data.status");
    }
    if (status.equals("failed") && text(data, "error") == null) {
      // the reason is read from the job itself; if that fails, polling will find it
      try {
        return UpstreamUpdate.ifFinished(id, retrieve(id));
      } catch (ProviderException e) {
        return Optional.empty();
      }
    }
    return UpstreamUpdate.ifFinished(id, resultOf(id, status, text(data, "error")));
  }

  /**
   * OpenRouter's error answer {@code {"error":{"code","message"}}}: 402 (no credits) is the
   * channel's account, a 400/403 whose message is about moderation a content rejection, the rest by
   * HTTP status.
   */
  ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode error = UpstreamErrors.jsonOrMissing(response.body()).path("error");
    String text = Optional.ofNullable(text(error, "message")).orElse("");
    String message =
        what + " refused by " + settings.id() + ": HTTP " + response.statusCode() + " " + text;
    int status = response.statusCode();
    if ((status == 400 || status == 403) && UpstreamErrors.mentionsContentFilter(text)) {
      return UpstreamErrors.contentRejected(message);
    }
    if (status == 402) {
      return UpstreamErrors.auth(message);
    }
    return http.errorOf(response, what);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private URI videoUri(String id, String suffix) {
    return http.resolve("/videos/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + suffix);
  }
}
