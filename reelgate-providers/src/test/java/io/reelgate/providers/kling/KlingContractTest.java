package io.reelgate.providers.kling;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KlingContractTest extends ProviderContractTest {
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-kling");

  @Override
  protected String protocol() {
    return "kling";
  }

  @Override
  protected String upstreamModel() {
    return "kling-v2-6";
  }

  @Override
  protected Map<String, String> options() {
    return Map.of("secret-key", "kling-secret");
  }

  @Override
  protected ProviderJob job() {
    return Jobs.text(work, upstreamModel(), 5, OutputSize.of(1280, 720));
  }

  private VideoProvider provider(Map<String, String> extra, URI hook) {
    Map<String, String> options = new HashMap<>(options());
    options.putAll(extra);
    return factory()
        .create(
            new ChannelSettings(
                "test-kling",
                "kling",
                URI.create(upstream.baseUrl()),
                "kling-access",
                options,
                requestTimeout(),
                hook,
                null),
            runtime());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String task(String id, String status, String extra) {
    return "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r1\",\"data\":{\"task_id\":\""
        + id
        + "\",\"task_status\":\""
        + status
        + "\",\"created_at\":1766374262370,\"updated_at\":1766374262370"
        + extra
        + "}}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post("/v1/videos/text2video").willReturn(json(200, task(jobId, "submitted", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/v1/videos/text2video").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/v1/videos/text2video/" + jobId).willReturn(json(200, task(jobId, "processing", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/cdn/" + jobId + ".mp4";
    upstream.stubFor(
        get("/v1/videos/text2video/" + jobId)
            .willReturn(
                json(
                    200,
                    task(
                        jobId,
                        "succeed",
                        ",\"task_result\":{\"videos\":[{\"id\":\"v1\",\"url\":\""
                            + url
                            + "\",\"duration\":\"5.1\"}]}"))));
    upstream.stubFor(
        get("/cdn/" + jobId + ".mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/v1/videos/text2video/" + jobId)
            .willReturn(
                json(
                    200,
                    task(
                        jobId,
                        "failed",
                        ",\"task_status_msg\":\"Failure to pass the risk control system:"
                            + " content security policy\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/v1/videos/text2video/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/videos/text2video"))
            .withHeader(
                "Authorization",
                equalTo("Bearer " + KlingJwt.token("test-key-123", "kling-secret", NOW)))
            .withRequestBody(
                equalToJson(
                    "{\"model_name\":\"kling-v2-6\",\"prompt\":\"a lighthouse at dawn, waves"
                        + " rolling in\",\"mode\":\"std\",\"duration\":\"5\","
                        + "\"aspect_ratio\":\"16:9\"}")));
  }

  @Override
  protected String errorBody(int status) {
    int code =
        switch (status) {
          case 401 -> 1000;
          case 403 -> 1103;
          case 429 -> 1302;
          case 500 -> 5000;
          case 502, 503 -> 5001;
          default -> 1201;
        };
    return "{\"code\":" + code + ",\"message\":\"stubbed " + code + "\",\"request_id\":\"r\"}";
  }

  // --- the token ---

  @Test
  void theTokenIsAnHs256JwtOfTheAccessKeySignedWithTheSecretKey() throws Exception {
    String token = KlingJwt.token("ak", "sk", NOW);
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]));
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    long now = NOW.getEpochSecond();
    assertThat(payload)
        .isEqualTo("{\"iss\":\"ak\",\"exp\":" + (now + 1800) + ",\"nbf\":" + (now - 5) + "}");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("sk".getBytes(), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
    assertThat(java.util.Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
  }

  // --- parameter table ---

  /**
   * kind, seconds, size, seed, fit → the body fields sent, or the refused field. Kling takes 5 or
   * 10 s, 16:9 / 9:16 / 1:1, 720p (std) or 1080p (pro), no seed.
   */
  @ParameterizedTest(name = "{0} {1}s {2} seed={3} fit={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TEXT_TO_VIDEO | 5 | 1280x720 | | exact | text2video: mode=std duration=5 aspect_ratio=16:9",
        "TEXT_TO_VIDEO | 10 | 1080x1920 | | exact | text2video: mode=pro duration=10 aspect_ratio=9:16",
        "TEXT_TO_VIDEO | 8 | 1280x720 | | exact | refused DURATION",
        "TEXT_TO_VIDEO | 8 | 1280x720 | | nearest | text2video: mode=std duration=10 aspect_ratio=16:9",
        "TEXT_TO_VIDEO | 4 | 1280x720 | | nearest | text2video: mode=std duration=5 aspect_ratio=16:9",
        "TEXT_TO_VIDEO | 12 | 720x1280 | | nearest | text2video: mode=std duration=10 aspect_ratio=9:16",
        "TEXT_TO_VIDEO | 5 | 1792x1024 | | exact | refused SIZE",
        "TEXT_TO_VIDEO | 5 | 1792x1024 | | nearest | text2video: mode=pro duration=5 aspect_ratio=16:9",
        "TEXT_TO_VIDEO | 5 | 1280x720 | 42 | exact | refused SEED",
        "TEXT_TO_VIDEO | 5 | 1280x720 | 42 | nearest | text2video: mode=std duration=5 aspect_ratio=16:9",
        "IMAGE_TO_VIDEO | 5 | 1280x720 | | exact | image2video: mode=std duration=5",
        "FIRST_AND_LAST_FRAMES | 10 | 1920x1080 | | exact | image2video: mode=pro duration=10",
        "REFERENCE_IMAGES | 5 | 1280x720 | | exact | refused KIND",
      })
  void parameterTable(
      GenerationKind kind, int seconds, String size, Long seed, String fitMode, String expected) {
    upstream.stubFor(
        post(urlPathEqualTo("/v1/videos/text2video"))
            .willReturn(json(200, task("p", "submitted", ""))));
    upstream.stubFor(
        post(urlPathEqualTo("/v1/videos/image2video"))
            .willReturn(json(200, task("p", "submitted", ""))));
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO -> 1;
          default -> 2;
        };
    ProviderJob job =
        Jobs.job(
            work, "kling-v2-6", kind, seconds, s, seed, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(Map.of("fit", fitMode), null);
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      assertThat(e.isRetryable()).isFalse();
      ProviderException early =
          catchThrowableOfType(
              ProviderException.class, () -> provider.check(job.request(), "kling-v2-6"));
      assertThat(early.field()).isEqualTo(e.field());
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/videos/text2video")));
      return;
    }
    provider.submit(job);
    String endpoint = expected.substring(0, expected.indexOf(':'));
    var verify = postRequestedFor(urlPathEqualTo("/v1/videos/" + endpoint));
    for (String pair : expected.substring(expected.indexOf(':') + 1).trim().split(" ")) {
      String[] kv = pair.split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    if (endpoint.equals("image2video")) {
      verify =
          verify.withRequestBody(
              matchingJsonPath(
                  "$.image",
                  equalTo(java.util.Base64.getEncoder().encodeToString(Jobs.IMAGE_BYTES))));
      if (kind == GenerationKind.FIRST_AND_LAST_FRAMES) {
        verify = verify.withRequestBody(matchingJsonPath("$.image_tail"));
      }
    }
    upstream.verify(verify);
  }

  @Test
  void anImageOfAnotherShapeIsRefusedUnlessTheChannelFitsToNearest() {
    upstream.stubFor(
        post("/v1/videos/image2video").willReturn(json(200, task("p", "submitted", ""))));
    ProviderJob square =
        Jobs.job(
            work,
            "kling-v2-6",
            GenerationKind.IMAGE_TO_VIDEO,
            5,
            OutputSize.of(1280, 720),
            null,
            Map.of(),
            1,
            800,
            800);
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> provider(Map.of(), null).submit(square));
    assertThat(e.field()).contains(RequestField.SIZE);
    assertThat(provider(Map.of("fit", "nearest"), null).submit(square)).isNotNull();
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} code {1} → {2}")
  @CsvSource({
    "401, 1004, AUTH, false",
    "429, 1101, AUTH, false",
    "429, 1102, AUTH, false",
    "403, 1103, AUTH, false",
    "400, 1301, CONTENT_REJECTED, false",
    "429, 1302, RATE_LIMITED, true",
    "429, 1303, RATE_LIMITED, true",
    "400, 1201, BAD_INPUT, false",
    "500, 5000, UNAVAILABLE, true",
    "503, 5001, UNAVAILABLE, true",
    "504, 5002, UNAVAILABLE, true",
    "200, 1301, CONTENT_REJECTED, false",
  })
  void failureTable(int status, int code, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(
        json(status, "{\"code\":" + code + ",\"message\":\"m\",\"request_id\":\"r\"}")
            .withHeader("Retry-After", "9"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
    if (category == FailureCategory.CONTENT_REJECTED) {
      assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    }
    if (category == FailureCategory.RATE_LIMITED) {
      assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(9));
    }
  }

  @Test
  void aFailedTaskForOtherReasonsIsTriedAgain() {
    stubPollAnswer(
        "k1", json(200, task("k1", "failed", ",\"task_status_msg\":\"internal timeout\"")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "k1")).error();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void channelsNeedTheSecretKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                factory()
                    .create(
                        new ChannelSettings(
                            "k",
                            "kling",
                            URI.create(upstream.baseUrl()),
                            "ak",
                            Map.of(),
                            null,
                            null,
                            null),
                        runtime()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret-key");
  }

  // --- callbacks ---

  private static WebhookRequest callback(String body) {
    return new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tasksAreCreatedWithTheCallbackUrl() {
    stubSubmitAccepted("k2");
    provider(Map.of(), HOOK).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/videos/text2video"))
            .withRequestBody(matchingJsonPath("$.callback_url", equalTo(HOOK.toString()))));
  }

  @Test
  void aCallbackCountsOnlyAsWhatKlingSaysWhenAsked() {
    upstream.stubFor(
        get("/v1/videos/text2video/k3")
            .willReturn(json(404, "{\"code\":1203,\"message\":\"task not found\"}")));
    String url = "https://cdn.kling.example/k3.mp4";
    upstream.stubFor(
        get("/v1/videos/image2video/k3")
            .willReturn(
                json(
                    200,
                    task(
                        "k3",
                        "succeed",
                        ",\"task_result\":{\"videos\":[{\"url\":\"" + url + "\"}]}"))));
    Optional<UpstreamUpdate> update =
        provider(Map.of(), HOOK)
            .parseWebhook(
                callback(
                    "{\"task_id\":\"k3\",\"task_status\":\"succeed\",\"task_result\":{\"videos\":[{\"url\":\"https://evil.example/x.mp4\"}]}}"));
    assertThat(update).isPresent();
    assertThat(((PollResult.Succeeded) update.get().result()).media().url())
        .isEqualTo(URI.create(url));
  }

  @Test
  void aForgedCallbackForARunningOrUnknownTaskChangesNothing() {
    stubPollRunning("k4");
    assertThat(
            provider(Map.of(), HOOK)
                .parseWebhook(callback("{\"task_id\":\"k4\",\"task_status\":\"succeed\"}")))
        .isEmpty();
    for (String endpoint : List.of("text2video", "image2video", "multi-image2video")) {
      upstream.stubFor(
          get("/v1/videos/" + endpoint + "/nope").willReturn(json(404, "{\"code\":1203}")));
    }
    assertThat(
            provider(Map.of(), HOOK)
                .parseWebhook(callback("{\"task_id\":\"nope\",\"task_status\":\"failed\"}")))
        .isEmpty();
  }

  @Test
  void aCallbackWithoutTaskIdIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> provider(Map.of(), HOOK).parseWebhook(callback("{\"hello\":1}")))
        .isInstanceOf(io.reelgate.providers.InvalidWebhookException.class);
  }
}
