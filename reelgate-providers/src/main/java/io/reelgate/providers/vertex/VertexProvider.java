package io.reelgate.providers.vertex;

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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Veo on Vertex AI: {@code POST .../publishers/google/models/{model}:predictLongRunning} starts an
 * operation and {@code POST ...:fetchPredictOperation} reads it. Finished videos come inline as
 * base64 (written to the job's work directory) or, when the channel has a {@code storage-uri}, as
 * {@code gs://} URIs that are read through the Cloud Storage API with the same bearer token.
 *
 * <p>Credentials: the channel's api-key is sent as {@code Authorization: Bearer}. Google access
 * tokens last an hour, so operators either refresh the key themselves or, more simply, point
 * base-url at a token-adding proxy and leave api-key empty (no Authorization header is sent then).
 * Vertex has no webhooks (it notifies through Pub/Sub), so channels are polled.
 */
public final class VertexProvider implements VideoProvider {
  public static final String PROTOCOL = "vertex";

  static final Duration DEFAULT_POLL = Duration.ofSeconds(10);
  static final URI DEFAULT_STORAGE_API = URI.create("https://storage.googleapis.com");

  private final UpstreamHttp http;
  private final String project;
  private final String location;
  private final String storageUri;
  private final URI storageApi;
  private final Boolean generateAudio;
  private final Duration pollInterval;

  VertexProvider(ChannelSettings settings, ProviderRuntime runtime) {
    this.project = settings.requiredOption("project");
    this.location = settings.requiredOption("location");
    checkSegment(settings, "project", project);
    checkSegment(settings, "location", location);
    ChannelSettings withBase = settings;
    if (settings.baseUrl() == null) {
      withBase =
          new ChannelSettings(
              settings.id(),
              settings.protocol(),
              defaultBaseUrl(location),
              settings.apiKey(),
              settings.options(),
              settings.requestTimeout(),
              settings.webhookUrl(),
              settings.webhookSecret());
    }
    this.http = new UpstreamHttp(runtime, withBase);
    this.storageUri = settings.option("storage-uri").orElse(null);
    if (storageUri != null && !storageUri.startsWith("gs://")) {
      throw new IllegalArgumentException(
          "channel " + settings.id() + ": option storage-uri must be a gs:// URI");
    }
    this.storageApi =
        settings.option("storage-api-url").map(URI::create).orElse(DEFAULT_STORAGE_API);
    this.generateAudio =
        settings.option("generate-audio").map(v -> Boolean.parseBoolean(v.trim())).orElse(null);
    this.pollInterval = PollIntervals.of(settings, DEFAULT_POLL);
  }

  /** {@code https://{location}-aiplatform.googleapis.com}, or the global endpoint. */
  static URI defaultBaseUrl(String location) {
    return location.equals("global")
        ? URI.create("https://aiplatform.googleapis.com")
        : URI.create("https://" + location + "-aiplatform.googleapis.com");
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    ObjectNode body = UpstreamHttp.object();
    body.putArray("instances").add(Veo.instance(job));
    ObjectNode parameters = Veo.parameters(job);
    if (job.request().seed() != null) {
      // why: Vertex takes a uint32 seed; the dialects already bound it to that range
      parameters.put("seed", job.request().seed());
    }
    if (generateAudio != null) {
      parameters.put("generateAudio", generateAudio);
    }
    if (storageUri != null) {
      parameters.put("storageUri", storageUri);
    }
    body.set("parameters", parameters);
    URI uri = http.resolve(modelPath(job) + ":predictLongRunning");
    HttpResponse<byte[]> response = http.send(authorize(http.postJson(uri, body)).build(), true);
    return Veo.accepted(http, response, pollInterval);
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    ObjectNode body = UpstreamHttp.object();
    body.put("operationName", upstreamJobId);
    URI uri = http.resolve(modelPath(job) + ":fetchPredictOperation");
    HttpResponse<byte[]> response = http.send(authorize(http.postJson(uri, body)).build(), false);
    if (response.statusCode() != 200) {
      throw http.errorOf(response, "fetchPredictOperation");
    }
    JsonNode operation = http.json(response, "fetchPredictOperation answer", false);
    if (!operation.isObject()) {
      throw http.malformed("fetchPredictOperation answer", false, null);
    }
    if (!operation.path("done").asBoolean(false)) {
      return new PollResult.Running(http.retryAfter(response).orElse(pollInterval));
    }
    String channel = http.settings().id();
    JsonNode error = operation.get("error");
    if (error != null && error.isObject()) {
      return new PollResult.Failed(Veo.operationError(error, channel));
    }
    JsonNode result = operation.path("response");
    for (JsonNode video : result.path("videos")) {
      String encoded = Json.text(video.path("bytesBase64Encoded"));
      if (encoded != null && !encoded.isBlank()) {
        return new PollResult.Succeeded(
            ResultMedia.ofFile(Veo.writeInline(job, encoded, http), null));
      }
      String gcsUri = Json.text(video.path("gcsUri"));
      if (gcsUri != null && !gcsUri.isBlank()) {
        return new PollResult.Succeeded(ResultMedia.ofUrl(resultUri(gcsUri)));
      }
    }
    ProviderException filtered = Veo.filtered(result, channel);
    return new PollResult.Failed(filtered != null ? filtered : Veo.noVideo(channel));
  }

  /**
   * Downloads a result given by URI: {@code gs://bucket/object} through the Cloud Storage API
   * ({@code storage-api-url}, default {@code https://storage.googleapis.com}) with the bearer
   * token; an http(s) URI with the token only when it is on the Vertex or storage host.
   */
  @Override
  public void download(ProviderJob job, ResultMedia media, Path target) {
    URI uri = media.url();
    if ("gs".equalsIgnoreCase(uri.getScheme())) {
      uri = storageUrl(uri);
    }
    boolean trusted =
        Veo.sameHost(uri, http.settings().requiredBaseUrl()) || Veo.sameHost(uri, storageApi);
    UnaryOperator<HttpRequest.Builder> credentials =
        trusted ? this::authorize : UnaryOperator.identity();
    http.download(uri, target, credentials);
  }

  /** {@code gs://bucket/a/b.mp4} → {@code <storage api>/bucket/a/b.mp4} (each segment encoded). */
  URI storageUrl(URI gs) {
    String bucket = gs.getAuthority();
    String object = gs.getRawPath() == null ? "" : gs.getPath();
    if (bucket == null || bucket.isBlank() || object.length() <= 1) {
      throw http.malformed("result URI '" + gs + "'", false, null);
    }
    StringBuilder path = new StringBuilder("/").append(encode(bucket));
    for (String segment : object.substring(1).split("/", -1)) {
      path.append('/').append(encode(segment));
    }
    String base = storageApi.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  private URI resultUri(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw http.malformed("result URI '" + text + "'", false, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("gs") && !scheme.equals("https") && !scheme.equals("http")) {
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

  private String modelPath(ProviderJob job) {
    return "/v1/projects/"
        + project
        + "/locations/"
        + location
        + "/publishers/google/models/"
        + job.upstreamModel();
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    String token = http.settings().apiKey();
    return token == null || token.isBlank()
        ? builder
        : builder.header("Authorization", "Bearer " + token);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void checkSegment(ChannelSettings settings, String option, String value) {
    if (!value.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "channel " + settings.id() + ": option " + option + " has characters a path cannot hold");
    }
  }
}
