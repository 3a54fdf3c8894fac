package io.reelgate.providers.minimax;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
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
import io.reelgate.providers.WebhookReply;
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
 * MiniMax's video API at {@code https://api.minimax.io}: {@code POST /v1/video_generation} creates
 * a task, {@code GET /v1/query/video_generation?task_id=} reads it ({@code Preparing}, {@code
 * Queueing}, {@code Processing}, {@code Success} with a {@code file_id}, {@code Fail}), and {@code
 * GET /v1/files/retrieve?file_id=} gives the video's download URL. Errors come as {@code
 * base_resp.status_code}, mostly inside HTTP 200. A callback address is first verified by a POST
 * with a {@code challenge} that must be echoed within three seconds; later callbacks are unsigned,
 * so the task is read back before a pushed update counts.
 */
public final class MiniMaxProvider implements VideoProvider {
  public static final String PROTOCOL = "minimax";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(10);

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;

  MiniMaxProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    capabilities("MiniMax-Hailuo-02", GenerationKind.TEXT_TO_VIDEO).overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /**
   * The documented values: Hailuo 02 and 2.3 take 6 or 10 s at 768P or 1080P (1080P only for 6 s,
   * 512P too from an image), text-to-video renders 16:9, image kinds render at the image's shape;
   * Hailuo 02 takes first and last frames; S2V-01 takes one subject reference; the 01 models render
   * 6 s at 720P.
   */
  static Capabilities capabilities(String model, GenerationKind kind) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    boolean text = kind == GenerationKind.TEXT_TO_VIDEO;
    List<String> ratios = text ? List.of("16:9") : List.of();
    if (m.startsWith("minimax-hailuo")) {
      EnumSet<GenerationKind> kinds =
          m.contains("fast")
              ? EnumSet.of(GenerationKind.IMAGE_TO_VIDEO)
              : m.contains("02")
                  ? EnumSet.of(
                      GenerationKind.TEXT_TO_VIDEO,
                      GenerationKind.IMAGE_TO_VIDEO,
                      GenerationKind.FIRST_AND_LAST_FRAMES)
                  : EnumSet.of(GenerationKind.TEXT_TO_VIDEO, GenerationKind.IMAGE_TO_VIDEO);
      return new Capabilities(
          kinds,
          List.of(6, 10),
          ratios,
          text ? List.of("768p", "1080p") : List.of("512p", "768p", "1080p"),
          List.of(),
          0,
          false,
          true);
    }
    EnumSet<GenerationKind> kinds =
        m.startsWith("s2v")
            ? EnumSet.of(GenerationKind.REFERENCE_IMAGES)
            : m.startsWith("i2v")
                ? EnumSet.of(GenerationKind.IMAGE_TO_VIDEO)
                : EnumSet.of(GenerationKind.TEXT_TO_VIDEO);
    return new Capabilities(kinds, List.of(6), ratios, List.of("720p"), List.of(), 1, false, true);
  }

  @Override
  public void check(GenerationRequest request, String channelModel) {
    String upstreamModel = ParameterFit.tierModel(settings, request, channelModel);
    String model = modelFor(request.kind(), upstreamModel);
    fitted(request, request.size(), model);
  }

  private String modelFor(GenerationKind kind, String model) {
    String derived =
        kind != GenerationKind.TEXT_TO_VIDEO && model != null && model.startsWith("T2V-")
            ? "I2V-" + model.substring(4)
            : model;
    return ParameterFit.modelFor(settings, kind, derived);
  }

  /** Fits, then applies the rule that 1080P is only rendered at 6 s. */
  private ParameterFit.Fitted fitted(GenerationRequest r, OutputSize size, String model) {
    ParameterFit.Fitted f = fit.fit(r, size, capabilities(model, r.kind()), model);
    if ("1080p".equals(f.resolution()) && f.duration() != 6) {
      if (!fit.nearest()) {
        throw ProviderException.unsupported(
            RequestField.DURATION,
            "must be 6 at 1080p on channel " + settings.id() + " (" + model + ")");
      }
      return new ParameterFit.Fitted(
          f.duration(), f.size(), f.aspectRatio(), "768p", f.seed(), f.watermark());
    }
    return f;
  }

  @Override
  public Submission submit(ProviderJob tierJob) {
    ProviderJob job = ParameterFit.withTierModel(settings, tierJob);
    GenerationRequest r = job.request();
    String model = modelFor(r.kind(), job.upstreamModel());
    ParameterFit.Fitted f = fitted(r, job.size(), model);
    ObjectNode body = UpstreamHttp.object();
    body.put("model", model);
    body.put("prompt", r.prompt());
    body.put("duration", f.duration());
    body.put("resolution", f.resolution().toUpperCase(Locale.ROOT));
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> {}
      case IMAGE_TO_VIDEO -> {
        fit.checkImageShape(job);
        body.put("first_frame_image", InputImages.reference(job, 0));
      }
      case FIRST_AND_LAST_FRAMES -> {
        fit.checkImageShape(job);
        body.put("first_frame_image", InputImages.reference(job, 0));
        if (job.images().size() > 1) {
          body.put("last_frame_image", InputImages.reference(job, 1));
        }
      }
      case REFERENCE_IMAGES -> {
        ObjectNode subject = body.putArray("subject_reference").addObject();
        subject.put("type", "character");
        subject.putArray("image").add(InputImages.reference(job, 0));
      }
    }
    if (f.watermark() != null) {
      body.put("aigc_watermark", f.watermark());
    }
    if (settings.webhookUrl() != null) {
      body.put("callback_url", settings.webhookUrl().toString());
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/v1/video_generation"), body)).build();
    JsonNode answer = readOrThrow(http.send(request, true), "task creation", true);
    String id = text(answer, "task_id");
    if (id == null || id.isBlank()) {
      throw http.malformed("task creation answer without task_id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    return retrieve(upstreamJobId);
  }

  private PollResult retrieve(String id) {
    URI uri = http.resolve("/v1/query/video_generation?task_id=" + encode(id));
    JsonNode task =
        readOrThrow(
            http.send(authorize(http.request(uri)).GET().build(), false), "task status", false);
    String status = text(task, "status");
    if (status == null) {
      throw http.malformed("task status without status", false, null);
    }
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "success" -> {
        String fileId = text(task, "file_id");
        if (fileId == null) {
          throw http.malformed("finished task " + id + " without file_id", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(downloadUrl(fileId)));
      }
      case "fail", "failed" -> new PollResult.Failed(failureOf(id, task.path("base_resp")));
      default -> new PollResult.Running(pollInterval);
    };
  }

  /** The file's download URL, from {@code /v1/files/retrieve}. */
  private URI downloadUrl(String fileId) {
    URI uri = http.resolve("/v1/files/retrieve?file_id=" + encode(fileId));
    JsonNode answer =
        readOrThrow(
            http.send(authorize(http.request(uri)).GET().build(), false), "file retrieve", false);
    String url = text(answer.path("file"), "download_url");
    if (url == null) {
      throw http.malformed("file " + fileId + " without download_url", false, null);
    }
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw http.malformed("file " + fileId + " download_url", false, e);
    }
  }

  private ProviderException failureOf(String id, JsonNode baseResp) {
    int code = baseResp.path("status_code").asInt(0);
    String msg = Optional.ofNullable(text(baseResp, "status_msg")).orElse("no reason");
    String message = "task " + id + " failed at " + settings.id() + ": " + code + " " + msg;
    if (code == 1026 || code == 1027 || UpstreamErrors.mentionsContentFilter(msg)) {
      return UpstreamErrors.contentRejected(message);
    }
    return UpstreamErrors.jobFailed(message);
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: the download URL is a signed storage link; the API key stays with the API
    http.download(media.url(), target, b -> b);
  }

  @Override
  public boolean acceptsWebhooks() {
    return true;
  }

  /** MiniMax verifies a callback address by posting {@code {"challenge": …}}; it is echoed. */
  @Override
  public Optional<WebhookReply> webhookHandshake(WebhookRequest request) {
    JsonNode body = UpstreamErrors.jsonOrMissing(request.body());
    JsonNode challenge = body.get("challenge");
    if (challenge == null || !challenge.isValueNode() || challenge.isNull()) {
      return Optional.empty();
    }
    ObjectNode reply = UpstreamHttp.object();
    reply.set("challenge", challenge);
    return Optional.of(WebhookReply.json(reply.toString()));
  }

  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode body = Json.webhookBody(request);
    String id = text(body, "task_id");
    if (id == null) {
      throw new InvalidWebhookException("callback without task_id");
    }
    String pushed = text(body, "status");
    if (pushed != null) {
      String p = pushed.toLowerCase(Locale.ROOT);
      if (!p.equals("success") && !p.equals("fail") && !p.equals("failed")) {
        return Optional.empty();
      }
    }
    try {
      return UpstreamUpdate.ifFinished(id, retrieve(id));
    } catch (ProviderException e) {
      return Optional.empty();
    }
  }

  /**
   * The answer when {@code base_resp.status_code} is 0; else the failure its code says: 1004 and
   * 2049 credentials, 1008 the account's balance (both the channel's problem), 1026/1027 content
   * checks on the prompt or the video, 1002/1039/2056 limits, 2013 bad parameters, 1000/1001/1013
   * MiniMax's own trouble.
   */
  private JsonNode readOrThrow(HttpResponse<byte[]> response, String what, boolean submit) {
    if (response.statusCode() / 100 != 2) {
      JsonNode body = UpstreamErrors.jsonOrMissing(response.body());
      if (body.path("base_resp").path("status_code").asInt(0) != 0) {
        throw errorOf(response, body.path("base_resp"), what);
      }
      throw http.errorOf(response, what);
    }
    JsonNode answer = http.json(response, what, submit);
    JsonNode baseResp = answer.path("base_resp");
    if (baseResp.path("status_code").asInt(0) != 0) {
      throw errorOf(response, baseResp, what);
    }
    return answer;
  }

  ProviderException errorOf(HttpResponse<byte[]> response, JsonNode baseResp, String what) {
    int code = baseResp.path("status_code").asInt(0);
    String message =
        what
            + " refused by "
            + settings.id()
            + ": "
            + code
            + " "
            + Optional.ofNullable(text(baseResp, "status_msg")).orElse("");
    return switch (code) {
      case 1004, 2049, 1008 -> UpstreamErrors.auth(message);
      case 1026, 1027 -> UpstreamErrors.contentRejected(message);
      case 1002, 1039, 2056 ->
          UpstreamErrors.rateLimited(message, http.retryAfter(response).orElse(null));
      case 2013, 1042 -> UpstreamErrors.badInput(message);
      default -> UpstreamErrors.unavailable(message);
    };
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
