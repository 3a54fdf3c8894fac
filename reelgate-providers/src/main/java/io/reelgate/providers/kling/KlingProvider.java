package io.reelgate.providers.kling;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.InputImage;
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
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kling AI's API at {@code https://api-singapore.klingai.com}: {@code POST
 * /v1/videos/{text2video|image2video|multi-image2video}} creates a task, {@code GET
 * /v1/videos/{endpoint}/{task_id}} reads it ({@code submitted}, {@code processing}, {@code
 * succeed}, {@code failed}). Every call carries a fresh JWT signed with the channel's secret key.
 * The resolution tier chooses the mode ({@code 720p} std, {@code 1080p} pro); image kinds render at
 * the image's aspect ratio. Callbacks are unsigned, so a pushed task is read back before it counts.
 */
public final class KlingProvider implements VideoProvider {
  public static final String PROTOCOL = "kling";
  public static final Duration DEFAULT_POLL_AFTER = Duration.ofSeconds(10);
  static final String SECRET_KEY_OPTION = "secret-key";

  private static final Capabilities DEFAULT =
      new Capabilities(
          EnumSet.of(
              GenerationKind.TEXT_TO_VIDEO,
              GenerationKind.IMAGE_TO_VIDEO,
              GenerationKind.FIRST_AND_LAST_FRAMES),
          List.of(5, 10),
          List.of("16:9", "9:16", "1:1"),
          List.of("720p", "1080p"),
          List.of(),
          0,
          false,
          false);
  // why: only kling-v1-6 has the documented multi-image2video endpoint (up to 4 images)
  private static final Capabilities V1_6 =
      new Capabilities(
          EnumSet.allOf(GenerationKind.class),
          List.of(5, 10),
          List.of("16:9", "9:16", "1:1"),
          List.of("720p", "1080p"),
          List.of(),
          4,
          false,
          false);
  private static final List<String> ENDPOINTS =
      List.of("text2video", "image2video", "multi-image2video");

  private final UpstreamHttp http;
  private final ChannelSettings settings;
  private final Duration pollInterval;
  private final ParameterFit fit;
  private final String secretKey;

  KlingProvider(UpstreamHttp http) {
    this.http = http;
    this.settings = http.settings();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL_AFTER);
    this.fit = new ParameterFit(settings);
    settings.requiredBaseUrl();
    if (settings.apiKey() == null) {
      throw new IllegalArgumentException(
          "channel " + settings.id() + " (kling) needs api-key: the access key");
    }
    this.secretKey = settings.requiredOption(SECRET_KEY_OPTION);
    DEFAULT.overriddenBy(settings);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  static Capabilities capabilities(String model) {
    return model != null && model.startsWith("kling-v1-6") ? V1_6 : DEFAULT;
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
    body.put("model_name", job.upstreamModel());
    body.put("prompt", r.prompt());
    body.put("mode", "1080p".equals(f.resolution()) ? "pro" : "std");
    body.put("duration", String.valueOf(f.duration()));
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> body.put("aspect_ratio", f.aspectRatio());
      case IMAGE_TO_VIDEO -> {
        fit.checkImageShape(job);
        body.put("image", base64(job, 0));
      }
      case FIRST_AND_LAST_FRAMES -> {
        fit.checkImageShape(job);
        body.put("image", base64(job, 0));
        if (job.images().size() > 1) {
          body.put("image_tail", base64(job, 1));
        }
      }
      case REFERENCE_IMAGES -> {
        body.put("aspect_ratio", f.aspectRatio());
        var list = body.putArray("image_list");
        for (int i = 0; i < job.images().size(); i++) {
          list.addObject().put("image", base64(job, i));
        }
      }
    }
    if (settings.webhookUrl() != null) {
      body.put("callback_url", settings.webhookUrl().toString());
    }
    HttpRequest request =
        authorize(http.postJson(http.resolve("/v1/videos/" + endpoint(r.kind())), body)).build();
    HttpResponse<byte[]> response = http.send(request, true);
    JsonNode answer = readOrThrow(response, "task creation", true);
    String id = text(answer.path("data"), "task_id");
    if (id == null) {
      throw http.malformed("task creation answer without data.task_id", true, null);
    }
    return new Submission.Accepted(id, pollInterval);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    HttpResponse<byte[]> response = query(endpoint(job.request().kind()), upstreamJobId);
    return resultOf(readOrThrow(response, "task status", false).path("data"), upstreamJobId);
  }

  private HttpResponse<byte[]> query(String endpoint, String id) {
    URI uri =
        http.resolve(
            "/v1/videos/" + endpoint + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    return http.send(authorize(http.request(uri)).GET().build(), false);
  }

  private PollResult resultOf(JsonNode data, String id) {
    String status = text(data, "task_status");
    if (status == null) {
      throw http.malformed("task status without data.task_status", false, null);
    }
    return switch (status) {
      case "succeed" -> {
        String url = text(data.path("task_result").path("videos").path(0), "url");
        if (url == null) {
          throw http.malformed("succeeded task " + id + " without a video URL", false, null);
        }
        yield new PollResult.Succeeded(ResultMedia.ofUrl(URI.create(url)));
      }
      case "failed" -> new PollResult.Failed(failureOf(id, text(data, "task_status_msg")));
      default -> new PollResult.Running(pollInterval);
    };
  }

  private ProviderException failureOf(String id, String reason) {
    String message =
        "task "
            + id
            + " failed at "
            + settings.id()
            + ": "
            + (reason == null ? "no reason" : reason);
    return UpstreamErrors.mentionsContentFilter(reason)
        ? UpstreamErrors.contentRejected(message)
        : UpstreamErrors.jobFailed(message);
  }

  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    // why: result URLs are plain links on Kling's CDN; the token stays with the API
    http.download(media.url(), target, b -> b);
  }

  /** Kling's callbacks are not signed: any well-formed one is accepted and then read back. */
  @Override
  public boolean acceptsWebhooks() {
    return true;
  }

  /**
   * Reads the task the callback names from Kling itself (the callback does not say which endpoint
   * made it, so the endpoints are asked in turn); only what Kling answers counts. A callback for a
   * task Kling does not know is ignored.
   */
  @Override
  public Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    JsonNode body = Json.webhookBody(request);
    String id = text(body, "task_id");
    if (id == null) {
      id = text(body.path("data"), "task_id");
    }
    if (id == null) {
      throw new io.reelgate.providers.InvalidWebhookException("callback without task_id");
    }
    String pushed = text(body, "task_status");
    if (pushed != null && !pushed.equals("succeed") && !pushed.equals("failed")) {
      return Optional.empty();
    }
    for (String endpoint : ENDPOINTS) {
      HttpResponse<byte[]> response;
      try {
        response = query(endpoint, id);
      } catch (ProviderException e) {
        return Optional.empty();
      }
      JsonNode answer = UpstreamErrors.jsonOrMissing(response.body());
      if (response.statusCode() / 100 == 2 && answer.path("code").asInt(-1) == 0) {
        try {
          return UpstreamUpdate.ifFinished(id, resultOf(answer.path("data"), id));
        } catch (ProviderException unreadable) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static String endpoint(GenerationKind kind) {
    return switch (kind) {
      case TEXT_TO_VIDEO -> "text2video";
      case IMAGE_TO_VIDEO, FIRST_AND_LAST_FRAMES -> "image2video";
      case REFERENCE_IMAGES -> "multi-image2video";
    };
  }

  /** Kling takes images as plain Base64 (no {@code data:} prefix) or URLs; the checked bytes go. */
  private static String base64(ProviderJob job, int index) {
    if (index >= job.images().size()) {
      throw UpstreamErrors.badImage("the request needs input image " + (index + 1));
    }
    InputImage image = job.images().get(index);
    return Base64.getEncoder().encodeToString(image.bytes());
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    return builder.header(
        "Authorization",
        "Bearer " + KlingJwt.token(settings.apiKey(), secretKey, http.runtime().clock().instant()));
  }

  /**
   * The answer as JSON when it is a success ({@code code} 0); else the failure its HTTP status and
   * Kling's service code say.
   */
  private JsonNode readOrThrow(HttpResponse<byte[]> response, String what, boolean submit) {
    if (response.statusCode() / 100 == 2) {
      JsonNode answer = http.json(response, what, submit);
      JsonNode code = answer.get("code");
      if (code == null || code.asInt(-1) == 0) {
        return answer;
      }
      throw errorOf(response, answer, what);
    }
    throw errorOf(response, UpstreamErrors.jsonOrMissing(response.body()), what);
  }

  /**
   * Kling's service codes: 1000-1004 authentication, 1100-1103 account (in arrears, resource pack
   * used up, no access), 1200-1203 request, 1300-1301 content policy, 1302-1303 rate and
   * concurrency limits, 1304 IP allow-list, 5000-5002 server.
   */
  ProviderException errorOf(HttpResponse<byte[]> response, JsonNode body, String what) {
    int code = body.path("code").asInt(-1);
    String message =
        what
            + " refused by "
            + settings.id()
            + ": HTTP "
            + response.statusCode()
            + ", code "
            + code
            + " "
            + Optional.ofNullable(text(body, "message")).orElse("");
    if (code >= 1000 && code <= 1103 || code == 1304) {
      return UpstreamErrors.auth(message);
    }
    if (code == 1300 || code == 1301) {
      return UpstreamErrors.contentRejected(message);
    }
    if (code == 1302 || code == 1303) {
      return UpstreamErrors.rateLimited(message, http.retryAfter(response).orElse(null));
    }
    if (code >= 1200 && code <= 1299) {
      return UpstreamErrors.badInput(message);
    }
    if (code >= 5000 && code <= 5999) {
      return UpstreamErrors.unavailable(message);
    }
    return http.errorOf(response, what);
  }
}
