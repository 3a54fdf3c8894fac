package io.reelgate.providers.wan;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alibaba Model Studio's video synthesis at a base URL such as {@code
 * https://dashscope-intl.aliyuncs.com/api/v1}: {@code POST
 * /services/aigc/video-generation/video-synthesis} with {@code X-DashScope-Async: enable} creates a
 * task, {@code GET /tasks/{task_id}} reads it ({@code PENDING}, {@code RUNNING}, {@code SUCCEEDED}
 * with {@code video_url}, {@code FAILED}, {@code CANCELED}, {@code UNKNOWN}), {@code POST
 * /tasks/{task_id}/cancel} cancels a pending one. Text-to-video takes an exact {@code size} such as
 * {@code 1280*720}; image kinds take a {@code resolution} tier and render at the image's shape. The
 * {@code -t2v} model of the channel becomes its {@code -i2v} sibling for image-to-video; first and
 * last frames need a model named by the option {@code first-and-last-frames-model} (a {@code kf2v}
 * model). Video URLs expire after 24 hours. No callbacks: channels poll.
 */
public final class WanProvider implements VideoProvider {
  public static final String PROTOCOL = "wan";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(15);

  static final List<OutputSize> SIZES_480 = Capabilities.sizes("832*480", "480*832", "624*624");
  static final List<OutputSize> SIZES_720 =
      Capabilities.sizes("1280*720", "720*1280", "960*960", "1088*832", "832*1088");
  static final List<OutputSize> SIZES_1080 =
      Capabilities.sizes("1920*1080", "1080*1920", "1440*1440", "1632*1248", "1248*1632");

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;

  WanProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    capabilities("wan2.5-t2v-preview", GenerationKind.TEXT_TO_VIDEO).overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /**
   * The documented values per model family (wan2.6: 5/10/15 s, wan2.5: 5/10 s, older: 5 s; wan2.2
   * plus: 480p and 1080p, wan2.1 turbo: 480p and 720p, wan2.1 plus and kf2v: 720p; others: 480p,
   * 720p and 1080p).
   */
  static Capabilities capabilities(String model, GenerationKind kind) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    List<Integer> durations =
        m.startsWith("wan2.6")
            ? List.of(5, 10, 15)
            : m.startsWith("wan2.5") ? List.of(5, 10) : List.of(5);
    List<String> tiers;
    if (m.startsWith("wan2.2") && m.contains("plus")) {
      tiers = List.of("480p", "1080p");
    } else if (m.contains("2.1") && m.contains("turbo")) {
      tiers = List.of("480p", "720p");
    } else if (m.contains("2.1") && (m.contains("plus") || m.contains("kf2v"))) {
      tiers = List.of("720p");
    } else {
      tiers = List.of("480p", "720p", "1080p");
    }
    EnumSet<GenerationKind> kinds =
        EnumSet.of(
            GenerationKind.TEXT_TO_VIDEO,
            GenerationKind.IMAGE_TO_VIDEO,
            GenerationKind.FIRST_AND_LAST_FRAMES);
    if (kind == GenerationKind.TEXT_TO_VIDEO) {
      List<OutputSize> sizes = new ArrayList<>();
      if (tiers.contains("480p")) {
        sizes.addAll(SIZES_480);
      }
      if (tiers.contains("720p")) {
        sizes.addAll(SIZES_720);
      }
      if (tiers.contains("1080p")) {
        sizes.addAll(SIZES_1080);
      }
      return new Capabilities(kinds, durations, List.of(), List.of(), sizes, 0, true, true);
    }
    return new Capabilities(kinds, durations, List.of(), tiers, List.of(), 0, true, true);
  }

  /** The model for a kind (see the class comment). */
  String modelFor(GenerationKind kind, String model) {
    return switch (kind) {
      case TEXT_TO_VIDEO -> model;
      case IMAGE_TO_VIDEO ->
          ParameterFit.modelFor(
              settings,
              kind,
              model != null && model.contains("t2v") ? model.replace("t2v", "i2v") : model);
      case FIRST_AND_LAST_FRAMES ->
          settings
              .option("first-and-last-frames-model")
              .orElseThrow(
                  () ->
                      ProviderException.unsupported(
                          RequestField.KIND,
                          "first-and-last-frames needs the option first-and-last-frames-model (a"
                              + " kf2v model) on channel "
                              + settings.id()));
      case REFERENCE_IMAGES ->
          throw ProviderException.unsupported(
              RequestField.KIND,
              "must be one of [first-and-last-frames, image-to-video, text-to-video] on channel "
                  + settings.id()
                  + ", not reference-images");
    };
  }

  @Override
  public void check(GenerationRequest request, String channelModel) {
    String upstreamModel = ParameterFit.tierModel(settings, request, channelModel);
    String model = modelFor(request.kind(), upstreamModel);
    fit.fit(request, request.size(), capabilities(model, request.kind()), model);
  }

  @Override
  public Submission submit(ProviderJob tierJob) {
    ProviderJob job = ParameterFit.withTierModel(settings, tierJob);
    GenerationRequest r = job.request();
    String model = modelFor(r.kind(), job.upstreamModel());
    ParameterFit.Fitted f =
        fit.fit(job.request(), job.size(), capabilities(model, r.kind()), model);
    ObjectNode body = UpstreamHttp.object();
    body.put("model", model);
    ObjectNode input = body.putObject("input");
    input.put("prompt", r.prompt());
    ObjectNode parameters = body.putObject("parameters");
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> parameters.put("size", f.size().width() + "*" + f.size().height());
      case IMAGE_TO_VIDEO -> {
        fit.checkImageShape(job);
        input.put("img_url", InputImages.reference(job, 0));
        parameters.put("resolution", f.resolution().toUpperCase(Locale.ROOT));
      }
      default -> {
        fit.checkImageShape(job);
        input.put("first_frame_url", InputImages.reference(job, 0));
        input.put("last_frame_url", InputImages.reference(job, 1));
        parameters.put("resolution", f.resolution().toUpperCase(Locale.ROOT));
      }
    }
    parameters.put("duration", f.duration());
    if (f.seed() != null) {
      parameters.put("seed", f.seed());
    }
    parameters.put("watermark", Boolean.TRUE.equals(f.watermark()));
    HttpRequest request =
        authorize(
                http.postJson(
                    http.resolve("/services/aigc/video-generation/video-synthesis"), body))
            .header("X-DashScope-Async", "enable")
            .build();
    HttpResponse<byte[]> response = http.send(request, true);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "task creation");
    }
    JsonNode answer = http.json(response, "task creation answer", true);
    String id = text(answer.path("output"), "task_id");
    if (id == null) {
      if (text(answer, "code") != null) {
        throw errorOf(response, "task creation");
      }
      throw http.malformed("task creation answer without output.task_id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    HttpRequest request = authorize(http.request(taskUri(upstreamJobId, ""))).GET().build();
    HttpResponse<byte[]> response = http.send(request, false);
    if (response.statusCode() / 100 != 2) {
      throw errorOf(response, "task status");
    }
    JsonNode output = http.json(response, "task status", false).path("output");
    String status = text(output, "task_status");
    if (status == null) {
      throw http.malformed("task status without output.task_status", false, null);
    }
    String where = "task " + upstreamJobId + " at " + settings.id();
    return switch (status) {
      case "SUCCEEDED" -> {
        String url = text(output, "video_url");
        if (url == null) {
          throw http.malformed("succeeded " + where + " without video_url", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(URI.create(url)));
      }
      case "FAILED" -> new PollResult.Failed(failureOf(where, output));
      case "CANCELED" ->
          new PollResult.Failed(
              new ProviderException(
                  FailureCategory.UNAVAILABLE,
                  FailureCode.CANCELLED,
                  false,
                  null,
                  where + " was canceled",
                  null));
      case "UNKNOWN" ->
          new PollResult.Failed(UpstreamErrors.jobFailed(where + " is unknown (expired)"));
      default -> new PollResult.Running(pollInterval);
    };
  }

  private ProviderException failureOf(String where, JsonNode output) {
    String code = Optional.ofNullable(text(output, "code")).orElse("");
    String message =
        where + " failed: " + code + " " + Optional.ofNullable(text(output, "message")).orElse("");
    if (isContentCode(code)) {
      return UpstreamErrors.contentRejected(message);
    }
    if (code.startsWith("InvalidParameter")) {
      return code.contains("Url") || code.contains("Image")
          ? UpstreamErrors.badImage(message)
          : UpstreamErrors.badInput(message);
    }
    return UpstreamErrors.jobFailed(message);
  }

  private static boolean isContentCode(String code) {
    return code.startsWith("DataInspection")
        || code.contains("IPInfringement")
        || UpstreamErrors.mentionsContentFilter(code);
  }

  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    HttpRequest request =
        authorize(http.request(taskUri(upstreamJobId, "/cancel")))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> response = http.send(request, false);
    int status = response.statusCode();
    if (status / 100 == 2 || status == 404) {
      return true;
    }
    if (status == 400) {
      // only pending tasks can be canceled; a running one finishes and is ignored
      return false;
    }
    throw errorOf(response, "task cancel");
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: video_url is a signed object-storage link; the API key stays with the API
    http.download(media.url(), target, b -> b);
  }

  /**
   * DashScope's error answer {@code {"code","message","request_id"}}: {@code DataInspectionFailed}
   * is a content rejection, {@code InvalidApiKey}, {@code Arrearage} and {@code AccessDenied} the
   * channel's account, {@code Throttling*} a rate limit, the rest by HTTP status.
   */
  ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    JsonNode body = UpstreamErrors.jsonOrMissing(response.body());
    String code = Optional.ofNullable(text(body, "code")).orElse("");
    String message =
        what
            + " refused by "
            + settings.id()
            + ": HTTP "
            + response.statusCode()
            + " "
            + code
            + " "
            + Optional.ofNullable(text(body, "message")).orElse("");
    if (isContentCode(code)) {
      return UpstreamErrors.contentRejected(message);
    }
    if (code.equals("InvalidApiKey")
        || code.startsWith("Arrearage")
        || code.startsWith("AccessDenied")) {
      return UpstreamErrors.auth(message);
    }
    if (code.startsWith("Throttling") || response.statusCode() == 429) {
      return UpstreamErrors.rateLimited(message, http.retryAfter(response).orElse(null));
    }
    if (response.statusCode() / 100 == 2) {
      return UpstreamErrors.badInput(message);
    }
    return http.errorOf(response, what);
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private URI taskUri(String id, String suffix) {
    return http.resolve("/tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + suffix);
  }
}
