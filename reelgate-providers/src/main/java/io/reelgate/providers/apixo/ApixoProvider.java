package io.reelgate.providers.apixo;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
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
import io.reelgate.providers.apixo.ApixoInputs.Profile;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The APIXO task API as an upstream: APIXO itself, or another Reelgate, which serves the same
 * dialect. {@code POST /api/v1/generateTask/{model}} with the model family's input fields, {@code
 * GET /api/v1/statusTask/{model}?taskId=} to poll, {@code POST /api/v1/cancelTask/{model}?taskId=}
 * to cancel, every answer in the envelope {@code {code, message, data}}.
 *
 * <p>When the channel has both a webhook URL and a webhook secret, tasks are submitted with {@code
 * request_type: callback}; callbacks carry the status envelope and are accepted only with a valid
 * Standard Webhooks signature made with that secret (for a Reelgate upstream: the webhook secret of
 * the account whose key the channel uses). Without a secret a callback could not be told from a
 * forgery, so the channel polls.
 */
public final class ApixoProvider implements VideoProvider {
  public static final String PROTOCOL = "apixo";

  /** APIXO's advice: poll every five seconds. */
  static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final UpstreamHttp http;
  private final Profile forcedProfile;
  private final String provider;
  private final StandardWebhooks signatures;
  private final Duration pollInterval;

  ApixoProvider(ChannelSettings settings, ProviderRuntime runtime) {
    settings.requiredBaseUrl();
    this.http = new UpstreamHttp(runtime, settings);
    this.forcedProfile = settings.option("input-profile").map(Profile::named).orElse(null);
    this.provider = settings.option("provider").orElse(null);
    this.signatures = settings.webhookUrl() != null ? StandardWebhooks.forChannel(settings) : null;
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    ObjectNode body = UpstreamHttp.object();
    if (signatures != null) {
      body.put("request_type", "callback");
      body.put("callback_url", http.settings().webhookUrl().toString());
    } else {
      body.put("request_type", "async");
    }
    if (provider != null) {
      body.put("provider", provider);
    }
    body.set("input", ApixoInputs.input(profile(job), job));
    URI uri = http.resolve("/api/v1/generateTask/" + segment(job.upstreamModel()));
    HttpResponse<byte[]> response = http.send(authorize(http.postJson(uri, body)).build(), true);
    JsonNode data = envelopeData(response, "generateTask", true);
    String taskId = data == null ? null : text(data.get("taskId"));
    if (taskId == null || taskId.isBlank()) {
      throw http.malformed("generateTask answer without data.taskId", true, null);
    }
    return new Submission.Accepted(taskId, http.retryAfter(response).orElse(pollInterval));
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    HttpResponse<byte[]> response =
        http.send(
            authorize(http.request(taskUri("statusTask", job, upstreamJobId)).GET()).build(),
            false);
    JsonNode data = envelopeData(response, "statusTask", false);
    if (data == null || !data.isObject()) {
      throw http.malformed("statusTask answer without data", false, null);
    }
    Duration wait = http.retryAfter(response).orElse(pollInterval);
    return statusOf(data, wait);
  }

  /**
   * Asks the upstream to cancel. A refusal the upstream states (the task already finished, or is
   * unknown) still counts as asked; failures to reach it are thrown.
   */
  @Override
  public boolean cancel(ProviderJob job, String upstreamJobId) {
    URI uri = taskUri("cancelTask", job, upstreamJobId);
    HttpResponse<byte[]> response =
        http.send(
            authorize(http.request(uri).POST(HttpRequest.BodyPublishers.noBody())).build(), false);
    int status = response.statusCode();
    if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
      throw http.errorOf(response, "cancelTask");
    }
    return true;
  }

  /** Result URLs are public (signed) links: downloaded without the API key. */
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
    JsonNode data = body.get("data");
    String taskId = data == null ? null : text(data.get("taskId"));
    if (taskId == null || taskId.isBlank()) {
      throw new InvalidWebhookException("the callback body has no data.taskId");
    }
    PollResult result;
    try {
      result = statusOf(data, pollInterval);
    } catch (ProviderException e) {
      throw new InvalidWebhookException("the callback body cannot be read: " + e.getMessage(), e);
    }
    return UpstreamUpdate.ifFinished(taskId, result);
  }

  /** Reads a status {@code data} object (from a status answer or a callback). */
  PollResult statusOf(JsonNode data, Duration wait) {
    String state = text(data.get("state"));
    if (state == null) {
      throw http.malformed("status without state", false, null);
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "pending", "processing" -> new PollResult.Running(wait);
      case "success" -> new PollResult.Succeeded(ResultMedia.ofUrl(resultUrl(data)));
      case "failed" -> new PollResult.Failed(failure(data));
      default -> throw http.malformed("status with unknown state '" + state + "'", false, null);
    };
  }

  private URI resultUrl(JsonNode data) {
    JsonNode result = data.get("resultJson");
    JsonNode parsed;
    if (result != null && result.isString()) {
      try {
        parsed = JSON.readTree(result.stringValue());
      } catch (JacksonException e) {
        throw http.malformed("resultJson", false, e);
      }
    } else {
      // why: tolerate an upstream that sends the object itself instead of its JSON text
      parsed = result;
    }
    JsonNode urls = parsed == null ? null : parsed.get("resultUrls");
    String url = urls != null && urls.isArray() && !urls.isEmpty() ? text(urls.get(0)) : null;
    if (url == null || url.isBlank()) {
      throw http.malformed("resultJson without resultUrls", false, null);
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw http.malformed("result URL", false, e);
    }
    if (!uri.isAbsolute()) {
      uri = http.settings().requiredBaseUrl().resolve(uri);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw http.malformed("result URL '" + url + "'", false, null);
    }
    return uri;
  }

  /** The failure a {@code failCode} stands for; the upstream's message is kept. */
  private ProviderException failure(JsonNode data) {
    String failCode = text(data.get("failCode"));
    String failMsg = text(data.get("failMsg"));
    String message =
        "the upstream task failed"
            + (failCode == null ? "" : " with " + failCode)
            + (failMsg == null || failMsg.isBlank() ? "" : ": " + failMsg);
    String code = failCode == null ? "" : failCode.trim().toUpperCase(Locale.ROOT);
    return switch (code) {
      case "CONTENT_VIOLATION" ->
          failed(FailureCategory.CONTENT_REJECTED, FailureCode.CONTENT_VIOLATION, false, message);
      case "NSFW_DETECTED" ->
          failed(FailureCategory.CONTENT_REJECTED, FailureCode.NSFW_DETECTED, false, message);
      case "PROMPT_TOO_LONG" ->
          failed(FailureCategory.BAD_INPUT, FailureCode.PROMPT_TOO_LONG, false, message);
      case "INVALID_IMAGE_URL" ->
          failed(FailureCategory.BAD_INPUT, FailureCode.INVALID_IMAGE_URL, false, message);
      case "CANCELLED" ->
          failed(FailureCategory.UNAVAILABLE, FailureCode.CANCELLED, false, message);
      default -> failed(FailureCategory.UNAVAILABLE, FailureCode.UPSTREAM_ERROR, true, message);
    };
  }

  private static ProviderException failed(
      FailureCategory category, FailureCode code, boolean retryable, String message) {
    return new ProviderException(category, code, retryable, null, message, null);
  }

  /**
   * The {@code data} of a successful envelope. An error envelope (by HTTP status or by its {@code
   * code}) is mapped onto a failure: {@code Insufficient credits} means the channel's account
   * cannot pay (AUTH, not retryable; no task was created, so another channel may take it), a
   * content refusal is CONTENT_REJECTED, the rest by status as usual.
   */
  private JsonNode envelopeData(HttpResponse<byte[]> response, String what, boolean submit) {
    int status = response.statusCode();
    JsonNode body = null;
    if (status == 200) {
      body = http.json(response, what + " answer", submit);
    } else {
      try {
        body = JSON.readTree(response.body());
      } catch (JacksonException notJson) {
        throw http.errorOf(response, what);
      }
    }
    if (body == null || !body.isObject()) {
      if (status == 200) {
        throw http.malformed(what + " answer", submit, null);
      }
      throw http.errorOf(response, what);
    }
    int code = body.path("code").isIntegralNumber() ? body.path("code").asInt() : status;
    if (status == 200 && code == 200) {
      return body.get("data");
    }
    int effective = status != 200 ? status : code;
    String message = text(body.get("message"));
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    String text = what + " answered " + effective + (message == null ? "" : ": " + message);
    if (lower.contains("insufficient credit") || lower.contains("insufficient balance")) {
      throw new ProviderException(
          FailureCategory.AUTH, FailureCode.UPSTREAM_ERROR, false, null, false, text, null);
    }
    if (lower.contains("content violates") || lower.contains("content_violation")) {
      throw new ProviderException(
          FailureCategory.CONTENT_REJECTED,
          FailureCode.CONTENT_VIOLATION,
          false,
          null,
          false,
          text,
          null);
    }
    if (status != 200) {
      throw http.errorOf(response, what);
    }
    Duration wait = http.retryAfter(response).orElse(null);
    if (code == 429) {
      throw new ProviderException(
          FailureCategory.RATE_LIMITED, null, true, wait, false, text, null);
    }
    if (code == 401 || code == 403) {
      throw new ProviderException(FailureCategory.AUTH, null, false, null, false, text, null);
    }
    if (code == 408 || code >= 500) {
      throw new ProviderException(FailureCategory.UNAVAILABLE, null, true, wait, false, text, null);
    }
    throw new ProviderException(
        FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, false, text, null);
  }

  private Profile profile(ProviderJob job) {
    if (forcedProfile != null) {
      return forcedProfile;
    }
    Profile p = Profile.guess(job.upstreamModel());
    if (p == null) {
      p = Profile.guess(job.request().model());
    }
    if (p == null) {
      throw ProviderException.of(
          FailureCategory.INTERNAL,
          "channel "
              + http.settings().id()
              + " cannot tell the APIXO input fields of model "
              + job.upstreamModel()
              + "; set the option input-profile (sora-2-pro, sora-2 or veo-3-1)");
    }
    return p;
  }

  private URI taskUri(String operation, ProviderJob job, String taskId) {
    return http.resolve(
        "/api/v1/"
            + operation
            + "/"
            + segment(job.upstreamModel())
            + "?taskId="
            + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    String key = http.settings().apiKey();
    return key == null || key.isBlank()
        ? builder
        : builder.header("Authorization", "Bearer " + key);
  }

  private static String segment(String model) {
    return URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
