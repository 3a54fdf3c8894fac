package io.reelgate.providers.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.contract.Jobs;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenRouterContractTest extends ProviderContractTest {
  static final URI HOOK =
      URI.create("https://gateway.example/upstream/v1/webhooks/test-openrouter");
  static final String SECRET = "or-signing-secret";

  @Override
  protected String protocol() {
    return "openrouter";
  }

  @Override
  protected String upstreamModel() {
    return "google/veo-3.1";
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return settings(baseUrl, Map.of(), null, null);
  }

  private ChannelSettings settings(
      URI baseUrl, Map<String, String> options, URI hook, String secret) {
    return new ChannelSettings(
        "test-openrouter",
        protocol(),
        URI.create(baseUrl + "/api/v1"),
        "sk-or-1",
        options,
        requestTimeout(),
        hook,
        secret);
  }

  private VideoProvider provider(Map<String, String> options, URI hook, String secret) {
    return factory()
        .create(settings(URI.create(upstream.baseUrl()), options, hook, secret), runtime());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String video(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"polling_url\":\"/api/v1/videos/"
        + id
        + "\",\"status\":\""
        + status
        + "\""
        + extra
        + "}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post("/api/v1/videos").willReturn(json(202, video(jobId, "pending", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/api/v1/videos").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/api/v1/videos/" + jobId).willReturn(json(200, video(jobId, "in_progress", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    upstream.stubFor(
        get("/api/v1/videos/" + jobId)
            .willReturn(
                json(
                    200,
                    video(
                        jobId,
                        "completed",
                        ",\"unsigned_urls\":[\"https://openrouter.ai/api/v1/videos/"
                            + jobId
                            + "/content?index=0\"],\"usage\":{\"cost\":0.5}"))));
    upstream.stubFor(
        get("/api/v1/videos/" + jobId + "/content?index=0")
            .withHeader("Authorization", equalTo("Bearer sk-or-1"))
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/api/v1/videos/" + jobId)
            .willReturn(
                json(
                    200,
                    video(
                        jobId,
                        "failed",
                        ",\"error\":\"The prompt was rejected by the provider's safety filter\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/api/v1/videos/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/videos"))
            .withHeader("Authorization", equalTo("Bearer sk-or-1"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"google/veo-3.1\",\"prompt\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"duration\":8,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"seed\":42}")));
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1} {2}s {3} options={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "google/veo-3.1 | TEXT_TO_VIDEO | 6 | 720x1280 | | duration=6 aspect_ratio=9:16 resolution=720p",
        "google/veo-3.1 | TEXT_TO_VIDEO | 12 | 1280x720 | | refused DURATION",
        "google/veo-3.1 | TEXT_TO_VIDEO | 12 | 1280x720 | fit=nearest | duration=8",
        "google/veo-3.1 | TEXT_TO_VIDEO | 8 | 1024x1792 | | refused SIZE",
        "google/veo-3.1 | TEXT_TO_VIDEO | 8 | 1024x1792 | fit=nearest | aspect_ratio=9:16 resolution=1080p",
        "google/veo-3.1 | IMAGE_TO_VIDEO | 8 | 1280x720 | | frame_images[0].frame_type=first_frame",
        "google/veo-3.1 | FIRST_AND_LAST_FRAMES | 8 | 1280x720 | | frame_images[1].frame_type=last_frame",
        "google/veo-3.1 | REFERENCE_IMAGES | 8 | 1280x720 | | input_references[2].type=image_url",
        "kwaivgi/kling-v2.6 | TEXT_TO_VIDEO | 12 | 1792x1024 | | duration=12 aspect_ratio=7:4 resolution=1024p",
        "kwaivgi/kling-v2.6 | TEXT_TO_VIDEO | 12 | 1280x720 | durations=5;10 | refused DURATION",
        "kwaivgi/kling-v2.6 | TEXT_TO_VIDEO | 12 | 1280x720 | durations=5;10 fit=nearest | duration=10",
      })
  void parameterTable(
      String model, GenerationKind kind, int seconds, String size, String opts, String expected) {
    stubSubmitAccepted("p");
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO -> 1;
          case FIRST_AND_LAST_FRAMES -> 2;
          case REFERENCE_IMAGES -> 3;
        };
    Map<String, String> options = new java.util.HashMap<>();
    if (opts != null) {
      for (String kv : opts.split(" ")) {
        options.put(kv.split("=")[0], kv.split("=")[1].replace(';', ','));
      }
    }
    ProviderJob job =
        Jobs.job(work, model, kind, seconds, s, null, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(options, null, null);
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/videos")));
      return;
    }
    provider.submit(job);
    var verify =
        postRequestedFor(urlPathEqualTo("/api/v1/videos"))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    for (String pair : expected.split(" ")) {
      String[] kv = pair.split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    upstream.verify(verify);
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} {1} → {2}")
  @CsvSource({
    "400, Invalid duration for this model, BAD_INPUT, false",
    "400, Input was flagged by moderation, CONTENT_REJECTED, false",
    "401, No auth credentials found, AUTH, false",
    "402, Insufficient credits, AUTH, false",
    "403, Your input was flagged by moderation, CONTENT_REJECTED, false",
    "403, Key disabled, AUTH, false",
    "429, Rate limit exceeded, RATE_LIMITED, true",
    "502, Provider returned error, UNAVAILABLE, true",
    "503, No available provider, UNAVAILABLE, true",
  })
  void failureTable(int status, String text, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(
        json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + text + "\"}}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @ParameterizedTest(name = "job {0} → {1}")
  @CsvSource({
    "failed, UPSTREAM_ERROR, true",
    "cancelled, CANCELLED, false",
    "expired, UPSTREAM_ERROR, true",
  })
  void jobFailureTable(String status, FailureCode code, boolean retryable) {
    stubPollAnswer("o1", json(200, video("o1", status, ",\"error\":\"provider timeout\"")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "o1")).error();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.isRetryable()).isEqualTo(retryable);
  }

  // --- signed callbacks ---

  private static WebhookRequest signed(String secret, long timestamp, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String header = new OpenRouterSignature(secret).header(Long.toString(timestamp), bytes);
    return new WebhookRequest(
        Map.of(
            "X-OpenRouter-Signature",
            List.of(header),
            "X-OpenRouter-Idempotency-Key",
            List.of("o2-completed")),
        bytes);
  }

  private static String event(String id, String status) {
    return "{\"type\":\"video.generation."
        + status
        + "\",\"created_at\":\"2026-11-21T10:00:00Z\",\"data\":{\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"unsigned_urls\":[\"https://openrouter.ai/api/v1/videos/"
        + id
        + "/content?index=0\"]}}";
  }

  @Test
  void jobsCarryTheCallbackUrlOnlyWithASecret() {
    stubSubmitAccepted("o3");
    provider(Map.of(), HOOK, SECRET).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/videos"))
            .withRequestBody(matchingJsonPath("$.callback_url", equalTo(HOOK.toString()))));
    upstream.resetRequests();
    provider(Map.of(), HOOK, null).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/videos"))
            .withRequestBody(notContaining("callback_url")));
  }

  @Test
  void aSignedCompletionFinishesTheJob() {
    UpstreamUpdate update =
        provider(Map.of(), HOOK, SECRET)
            .parseWebhook(signed(SECRET, NOW.getEpochSecond(), event("o2", "completed")))
            .orElseThrow();
    assertThat(update.upstreamJobId()).isEqualTo("o2");
    assertThat(((PollResult.Succeeded) update.result()).media().url().toString())
        .isEqualTo(upstream.baseUrl() + "/api/v1/videos/o2/content?index=0");
    assertThat(
            provider(Map.of(), HOOK, SECRET)
                .parseWebhook(signed(SECRET, NOW.toEpochMilli(), event("o2", "completed"))))
        .isPresent();
  }

  @Test
  void aSignedFailureIsReadFromTheJob() {
    stubPollContentFiltered("o4");
    UpstreamUpdate update =
        provider(Map.of(), HOOK, SECRET)
            .parseWebhook(signed(SECRET, NOW.getEpochSecond(), event("o4", "failed")))
            .orElseThrow();
    assertThat(((PollResult.Failed) update.result()).error().code())
        .isEqualTo(FailureCode.CONTENT_VIOLATION);
  }

  @Test
  void aForgedOrStaleSignatureIsRefused() {
    VideoProvider provider = provider(Map.of(), HOOK, SECRET);
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed("another-secret", NOW.getEpochSecond(), event("o5", "completed"))))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed(SECRET, NOW.getEpochSecond() - 600, event("o5", "completed"))))
        .isInstanceOf(InvalidWebhookException.class);
    WebhookRequest good = signed(SECRET, NOW.getEpochSecond(), event("o5", "completed"));
    WebhookRequest tampered =
        new WebhookRequest(
            good.headers(), event("o6", "completed").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.parseWebhook(tampered))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> provider.parseWebhook(new WebhookRequest(Map.of(), good.body())))
        .isInstanceOf(InvalidWebhookException.class);
    assertThat(provider().acceptsWebhooks()).isFalse();
    assertThatThrownBy(() -> provider().parseWebhook(good))
        .isInstanceOf(InvalidWebhookException.class);
  }
}
