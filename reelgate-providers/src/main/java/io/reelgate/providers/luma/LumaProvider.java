package io.reelgate.providers.luma;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.RequestField;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Luma's Dream Machine API at {@code https://api.lumalabs.ai/dream-machine/v1}: {@code POST
 * /generations/video} creates a generation ({@code prompt}, {@code aspect_ratio}, {@code duration}
 * as {@code "5s"}, {@code resolution}, {@code keyframes} with image URLs), {@code GET
 * /generations/{id}} reads it ({@code queued}, {@code dreaming}, {@code completed} with {@code
 * assets.video}, {@code failed} with {@code failure_reason}), {@code DELETE} removes it. Luma
 * fetches keyframe images itself, so they must be http(s) URLs. Callbacks ({@code callback_url})
 * are not signed: a pushed generation counts only as what {@code GET /generations/{id}} then says.
 */
public final class LumaProvider implements VideoProvider {
  public static final String PROTOCOL = "luma";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  static final Capabilities RAY_2 =
      new Capabilities(
          EnumSet.of(
              GenerationKind.TEXT_TO_VIDEO,
              GenerationKind.IMAGE_TO_VIDEO,
              GenerationKind.FIRST_AND_LAST_FRAMES),
          List.of(5, 9),
          List.of("1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"),
          List.of("540p", "720p", "1080p", "2160p"),
          List.of(),
          0,
          false,
          false);

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;

  LumaProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    RAY_2.overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /** Ray 2 and Ray Flash 2: 5 or 9 s, 540p to 4k; the older Ray 1.6 renders 5 s clips. */
  static Capabilities capabilities(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    return m.equals("ray-1-6") ? RAY_2.withDurations(List.of(5)) : RAY_2;
  }

  @Override
  public void check(GenerationRequest request, String model) {
    String upstreamModel = ParameterFit.tierModel(settings, request, model);
    fit.fit(request, request.size(), capabilities(upstreamModel), upstreamModel);
    for (String url : request.imageUrls()) {
      String u = url.toLowerCase(Locale.ROOT);
      if (!u.startsWith("https://") && !u.startsWith("http://")) {
        throw imagesByUrlOnly();
      }
    }
  }

  private ProviderException imagesByUrlOnly() {
    return ProviderException.unsupported(
        RequestField.IMAGES,
        "must be http(s) URLs on channel " + settings.id() + ": Luma fetches images itself");
  }

  @Override
  public Submission submit(ProviderJob tierJob) {
    ProviderJob job = ParameterFit.withTierModel(settings, tierJob);
    GenerationRequest r = job.request();
    ParameterFit.Fitted f = fit.fit(job, capabilities(job.upstreamModel()));
    ObjectNode body = UpstreamHttp.object();
    body.put("model", job.upstreamModel());
    body.put("prompt", r.prompt());
    body.put("aspect_ratio", f.aspectRatio());
    body.put("duration", f.duration() + "s");
    body.put("resolution", "2160p".equals(f.resolution()) ? "4k" : f.resolution());
    if (r.kind() != GenerationKind.TEXT_TO_VIDEO) {
      ObjectNode keyframes = body.putObject("keyframes");
      keyframes.putObject("frame0").put("type", "image").put("url", imageUrl(job, 0));
      if (r.kind() == GenerationKind.FIRST_AND_LAST_FRAMES && job.images().size() > 1) {
        keyframes.putObject("frame1").put("type", "image").put("url", imageUrl(job, 1));
      }
    }
    if (settings.webhookUrl() != null) {
      body.put("callback_url", settings.webhookUrl().toString());
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/generations/video"), body)).build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "generation creation");
    }
    JsonNode generation = http.json(response, "generation answer", true);
    String id = text(generation, "id");
    if (id == null) {
      throw http.malformed("generation answer without id", true, null);
    }
    if ("failed".equals(text(generation, "state"))) {
      throw failureOf(id, text(generation, "failure_reason"));
    }
    return new Submission.Accepted(id, pollInterval);
  }

  private String imageUrl(ProviderJob job, int index) {
    String url = InputImages.originalUrl(job, index);
    if (url == null) {
      throw imagesByUrlOnly();
    }
    return url;
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    return retrieve(upstreamJobId);
  }

  private PollResult retrieve(String id) {
    HttpRequest request = authorize(http.request(generationUri(id))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "generation status");
    }
    JsonNode generation = http.json(response, "generation status", false);
    String state = text(generation, "state");
    if (state == null) {
      throw http.malformed("generation without state", false, null);
    }
    return switch (state) {
      case "completed" -> {
        String url = text(generation.path("assets"), "video");
        if (url == null) {
          throw http.malformed("completed generation " + id + " without assets.video", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(URI.create(url)));
      }
      case "failed" -> new PollResult.Failed(failureOf(id, text(generation, "failure_reason")));
      default -> new PollResult.Running(pollInterval);
    };
  }

  private ProviderException failureOf(String id, String reason) {
    String message =
        "generation "
            + id
            + " failed at "
            + settings.id()
            + ": "
            + (reason == null ? "no reason" : reason);
    return isContentRefusal(reason)
        ? UpstreamErrors.contentRejected(message)
        : UpstreamErrors.jobFailed(message);
  }

  /** Luma words its moderation as "... not allowed" or "blocked", besides the usual terms. */
  static boolean isContentRefusal(String text) {
    if (text == null) {
      return false;
    }
    String t = text.toLowerCase(Locale.ROOT);
    return UpstreamErrors.mentionsContentFilter(t)
        || t.contains("not allowed")
        || t.contains("blocked");
  }

  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(generationUri(upstreamJobId))).DELETE().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 == 2 || response.statusCode() == 404) {
      return true;
    }
    throw errorOf(response, "generation delete");
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: assets are public CDN links; the key stays with the API
    http.download(media.url(), target, b -> b);
  }

  @Override
  public boolean acceptsWebhooks() {
    return true;
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode generation = Json.webhookBody(request);
    String id = text(generation, "id");
    if (id == null) {
      throw new InvalidWebhookException("callback without a generation id");
    }
    String pushed = text(generation, "state");
    if (pushed != null && !pushed.equals("completed") && !pushed.equals("failed")) {
      return Optional.empty();
    }
    try {
      return UpstreamUpdate.ifFinished(id, retrieve(id));
    } catch (ProviderException e) {
      return Optional.empty();
    }
  }

  /** Luma's error answer {@code {"detail": …}}: credits are the account's, moderation content. */
  ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode body = UpstreamErrors.jsonOrMissing(response.body());
    String detail = Optional.ofNullable(text(body, "detail")).orElse("");
    String message =
        what + " refused by " + settings.id() + ": HTTP " + response.statusCode() + " " + detail;
    int status = response.statusCode();
    if (status == 402 || (status == 400 && detail.toLowerCase(Locale.ROOT).contains("credit"))) {
      return UpstreamErrors.auth(message);
    }
    if ((status == 400 || status == 422) && isContentRefusal(detail)) {
      return UpstreamErrors.contentRejected(message);
    }
    return http.errorOf(response, what);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private URI generationUri(String id) {
    return http.resolve("/generations/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }
}
