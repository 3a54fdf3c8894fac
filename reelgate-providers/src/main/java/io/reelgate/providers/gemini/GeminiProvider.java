package io.reelgate.providers.gemini;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.google.Veo;
import io.reelgate.providers.http.PollIntervals;
import io.reelgate.providers.http.UpstreamHttp;
import io.reelgate.providers.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Veo through the Gemini API: {@code POST /v1beta/models/{model}:predictLongRunning} starts an
 * operation, {@code GET /v1beta/{operation name}} reads it, and the finished video is a file URI
 * that needs the API key and redirects to storage. The key travels only to the API's own host.
 *
 * <p>Polling only: the Gemini API's per-request webhooks are signed with JWTs whose keys and
 * audience cannot be checked here, and its project webhooks announce only successes ({@code
 * video.generated}) without naming the operation reliably, so a push could never settle a task.
 */
public final class GeminiProvider implements VideoProvider {
  public static final String PROTOCOL = "gemini";

  /** How long to wait between status calls when the upstream gives no hint. */
  static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

  private static final String KEY_HEADER = "x-goog-api-key";

  private final UpstreamHttp http;
  private final Duration pollInterval;

  GeminiProvider(ChannelSettings settings, ProviderRuntime runtime) {
    this.http = new UpstreamHttp(runtime, settings);
    settings.requiredBaseUrl();
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL);
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    ObjectNode body = UpstreamHttp.object();
    body.putArray("instances").add(Veo.instance(job));
    body.set("parameters", Veo.parameters(job));
    URI uri = http.resolve("/v1beta/models/" + job.upstreamModel() + ":predictLongRunning");
    HttpResponse<byte[]> response = http.send(authorize(http.postJson(uri, body)).build(), true);
    return Veo.accepted(http, response, pollInterval);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    URI uri = http.resolve("/v1beta/" + Veo.checkedOperationName(upstreamJobId));
    HttpResponse<byte[]> response = http.send(authorize(http.request(uri).GET()).build(), false);
    if (response.statusCode() != 200) {
      throw http.errorOf(response, "operation status");
    }
    JsonNode operation = http.json(response, "operation status", false);
    if (!operation.isObject()) {
      throw http.malformed("operation status", false, null);
    }
    if (!operation.path("done").asBoolean(false)) {
      return new PollResult.Running(http.retryAfter(response).orElse(pollInterval));
    }
    String channel = http.settings().id();
    JsonNode error = operation.get("error");
    if (error != null && error.isObject()) {
      return new PollResult.Failed(Veo.operationError(error, channel));
    }
    JsonNode result = operation.path("response").path("generateVideoResponse");
    for (JsonNode sample : result.path("generatedSamples")) {
      JsonNode video = sample.path("video");
      String uri2 = Json.text(video.path("uri"));
      if (uri2 != null && !uri2.isBlank()) {
        return new PollResult.Succeeded(ResultMedia.ofUrl(resultUri(uri2)));
      }
      String encoded = Json.text(video.path("encodedVideo"));
      if (encoded != null && !encoded.isBlank()) {
        return new PollResult.Succeeded(
            ResultMedia.ofFile(Veo.writeInline(job, encoded, http), null));
      }
    }
    ProviderException filtered = Veo.filtered(result, channel);
    return new PollResult.Failed(filtered != null ? filtered : Veo.noVideo(channel));
  }

  /**
   * Downloads the file URI. The API key goes with the request only when the URI is on the API's own
   * host, and {@link UpstreamHttp#download} drops it as soon as a redirect leaves that host.
   */
  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    URI uri = media.url();
    boolean apiHost = Veo.sameHost(uri, http.settings().requiredBaseUrl());
    UnaryOperator<HttpRequest.Builder> credentials =
        apiHost ? this::authorize : UnaryOperator.identity();
    http.download(uri, target, credentials);
  }

  private URI resultUri(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw http.malformed("result URI '" + text + "'", false, e);
    }
    if (!uri.isAbsolute()) {
      uri = http.settings().requiredBaseUrl().resolve(uri);
    }
    String scheme = uri.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new ProviderException(
          FailureCategory.UNAVAILABLE,
          null,
          false,
          null,
          "the upstream gave a result URI that cannot be downloaded: " + uri,
          null);
    }
    return uri;
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    String key = http.settings().apiKey();
    return key == null || key.isBlank() ? builder : builder.header(KEY_HEADER, key);
  }
}
