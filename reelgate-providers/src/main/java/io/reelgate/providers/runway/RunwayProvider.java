package io.reelgate.providers.runway;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.PollIntervals;
import io.reelgate.providers.http.UpstreamHttp;
import io.reelgate.providers.support.Capabilities;
import io.reelgate.providers.support.InputImages;
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
 * Runway's API at {@code https://api.dev.runwayml.com}: {@code POST /v1/text_to_video} or {@code
 * /v1/image_to_video} creates a task, {@code GET /v1/tasks/{id}} reads it ({@code PENDING}, {@code
 * THROTTLED}, {@code RUNNING}, {@code SUCCEEDED} with {@code output[0]}, {@code FAILED} with {@code
 * failureCode}, {@code CANCELLED}), {@code DELETE /v1/tasks/{id}} cancels it. Every call carries
 * {@code X-Runway-Version} (the option {@code runway-version}, default {@code 2024-11-06}). The
 * output size is the {@code ratio} ({@code 1280:720}); output URLs expire within 24-48 hours.
 * Runway documents no task callbacks, so channels poll (Runway asks for at most one status call per
 * task every five seconds).
 */
public final class RunwayProvider implements VideoProvider {
  public static final String PROTOCOL = "runway";
  public static final String DEFAULT_VERSION = "2024-11-06";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(5);

  static final List<OutputSize> GEN4_IMAGE_SIZES =
      Capabilities.sizes("1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672");
  static final List<OutputSize> VEO_SIZES =
      Capabilities.sizes("1280:720", "720:1280", "1080:1920", "1920:1080");

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;
  private final String version;

  RunwayProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    this.version = settings.option("runway-version").orElse(DEFAULT_VERSION);
    settings.requiredBaseUrl();
    capabilities("gen4.5", GenerationKind.TEXT_TO_VIDEO).overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /** The values Runway's API reference gives per model (2024-11-06 version). */
  static Capabilities capabilities(String model, GenerationKind kind) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    boolean text = kind == GenerationKind.TEXT_TO_VIDEO;
    if (m.equals("gen4.5")) {
      return new Capabilities(
          EnumSet.of(GenerationKind.TEXT_TO_VIDEO, GenerationKind.IMAGE_TO_VIDEO),
          Capabilities.range(2, 10),
          List.of(),
          List.of(),
          text ? Capabilities.sizes("1280:720", "720:1280") : GEN4_IMAGE_SIZES,
          0,
          true,
          false);
    }
    if (m.equals("gen4_turbo")) {
      return new Capabilities(
          EnumSet.of(GenerationKind.IMAGE_TO_VIDEO),
          List.of(5, 10),
          List.of(),
          List.of(),
          GEN4_IMAGE_SIZES,
          0,
          true,
          false);
    }
    if (m.startsWith("veo3.1")) {
      return new Capabilities(
          EnumSet.of(
              GenerationKind.TEXT_TO_VIDEO,
              GenerationKind.IMAGE_TO_VIDEO,
              GenerationKind.FIRST_AND_LAST_FRAMES),
          List.of(4, 6, 8),
          List.of(),
          List.of(),
          VEO_SIZES,
          0,
          false,
          false);
    }
    if (m.equals("veo3")) {
      return new Capabilities(
          EnumSet.of(GenerationKind.TEXT_TO_VIDEO, GenerationKind.IMAGE_TO_VIDEO),
          List.of(8),
          List.of(),
          List.of(),
          VEO_SIZES,
          0,
          false,
          false);
    }
    return new Capabilities(
        EnumSet.of(GenerationKind.TEXT_TO_VIDEO, GenerationKind.IMAGE_TO_VIDEO),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        0,
        false,
        false);
  }

  @Override
  public void check(GenerationRequest request, String model) {
    String upstreamModel = ParameterFit.tierModel(settings, request, model);
    fit.fit(request, request.size(), capabilities(upstreamModel, request.kind()), upstreamModel);
  }

  @Override
  public Submission submit(ProviderJob tierJob) {
    ProviderJob job = ParameterFit.withTierModel(settings, tierJob);
    GenerationRequest r = job.request();
    ParameterFit.Fitted f =
        fit.fit(r, job.size(), capabilities(job.upstreamModel(), r.kind()), job.upstreamModel());
    ObjectNode body = UpstreamHttp.object();
    body.put("model", job.upstreamModel());
    body.put("promptText", r.prompt());
    body.put("ratio", f.size().width() + ":" + f.size().height());
    body.put("duration", f.duration());
    if (f.seed() != null) {
      body.put("seed", f.seed());
    }
    String path = "/v1/text_to_video";
    switch (r.kind()) {
      case IMAGE_TO_VIDEO -> {
        path = "/v1/image_to_video";
        body.put("promptImage", InputImages.reference(job, 0));
      }
      case FIRST_AND_LAST_FRAMES -> {
        path = "/v1/image_to_video";
        ArrayNode images = body.putArray("promptImage");
        images.addObject().put("uri", InputImages.reference(job, 0)).put("position", "first");
        if (job.images().size() > 1) {
          images.addObject().put("uri", InputImages.reference(job, 1)).put("position", "last");
        }
      }
      default -> {}
    }
    HttpRequest request = authorize(http.postJson(http.resolve(path), body)).build();
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

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(taskUri(upstreamJobId))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "task status");
    }
    JsonNode task = http.json(response, "task status", false);
    String status = text(task, "status");
    if (status == null) {
      throw http.malformed("task without status", false, null);
    }
    String where = "task " + upstreamJobId + " at " + settings.id();
    return switch (status) {
      case "SUCCEEDED" -> {
        String url = firstText(task.path("output"));
        if (url == null) {
          throw http.malformed("succeeded " + where + " without output", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(URI.create(url)));
      }
      case "FAILED" ->
          new PollResult.Failed(failureOf(where, text(task, "failureCode"), text(task, "failure")));
      case "CANCELLED" ->
          new PollResult.Failed(
              new ProviderException(
                  FailureCategory.UNAVAILABLE,
                  FailureCode.CANCELLED,
                  false,
                  null,
                  where + " was cancelled",
                  null));
      // PENDING, THROTTLED (queued behind the account's concurrency), RUNNING
      default -> new PollResult.Running(pollInterval);
    };
  }

  private static String firstText(JsonNode array) {
    JsonNode v = array.path(0);
    return v.isString() ? v.asString() : null;
  }

  /**
   * Runway's task failure codes: {@code SAFETY.*} and {@code INPUT_PREPROCESSING.SAFETY.*} are its
   * moderation, {@code ASSET.INVALID} an unusable input image, the rest ({@code INTERNAL.*}) worth
   * another try.
   */
  ProviderException failureOf(String where, String code, String failure) {
    String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
    String message =
        where + " failed: " + (code == null ? "" : code + " ") + (failure == null ? "" : failure);
    if (c.contains("SAFETY") || (c.isEmpty() && UpstreamErrors.mentionsContentFilter(failure))) {
      return UpstreamErrors.contentRejected(message);
    }
    if (c.startsWith("ASSET")) {
      return UpstreamErrors.badImage(message);
    }
    return UpstreamErrors.jobFailed(message);
  }

  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(taskUri(upstreamJobId))).DELETE().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 == 2 || response.statusCode() == 404) {
      return true;
    }
    throw errorOf(response, "task cancel");
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: outputs are signed links on Runway's storage; the key stays with the API
    http.download(media.url(), target, b -> b);
  }

  /** A 400 about credits is the channel's account; content refusals are read from the text. */
  ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode body = UpstreamErrors.jsonOrMissing(response.body());
    String text = Optional.ofNullable(text(body, "error")).orElse("");
    String message =
        what + " refused by " + settings.id() + ": HTTP " + response.statusCode() + " " + text;
    String lower = text.toLowerCase(Locale.ROOT);
    if (response.statusCode() == 400 && lower.contains("credits")) {
      return UpstreamErrors.auth(message);
    }
    if (response.statusCode() == 400 && UpstreamErrors.mentionsContentFilter(text)) {
      return UpstreamErrors.contentRejected(message);
    }
    return http.errorOf(response, what);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder.header("X-Runway-Version", version);
  }

  private URI taskUri(String id) {
    return http.resolve("/v1/tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }
}
