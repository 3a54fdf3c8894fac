package io.reelgate.providers.seedance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedanceContractTest extends ProviderContractTest {
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-seedance");
  static final String TASKS = "/api/v3/contents/generations/tasks";

  @Override
  protected String protocol() {
    return "seedance";
  }

  @Override
  protected String upstreamModel() {
    return "seedance-1-0-pro-250528";
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return settings(baseUrl, Map.of(), null);
  }

  private ChannelSettings settings(URI baseUrl, Map<String, String> options, URI hook) {
    return new ChannelSettings(
        "test-seedance",
        protocol(),
        URI.create(baseUrl + "/api/v3"),
        "ark-key",
        options,
        requestTimeout(),
        hook,
        null);
  }

  private VideoProvider provider(Map<String, String> options, URI hook) {
    return factory().create(settings(URI.create(upstream.baseUrl()), options, hook), runtime());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String task(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"model\":\"seedance-1-0-pro-250528\",\"status\":\""
        + status
        + "\",\"created_at\":1779348818,\"updated_at\":1779348874"
        + extra
        + "}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post(TASKS).willReturn(json(200, "{\"id\":\"" + jobId + "\"}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(TASKS).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(get(TASKS + "/" + jobId).willReturn(json(200, task(jobId, "running", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/tos/" + jobId + ".mp4";
    upstream.stubFor(
        get(TASKS + "/" + jobId)
            .willReturn(
                json(
                    200,
                    task(jobId, "succeeded", ",\"content\":{\"video_url\":\"" + url + "\"}"))));
    upstream.stubFor(
        get("/tos/" + jobId + ".mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get(TASKS + "/" + jobId)
            .willReturn(
                json(
                    200,
                    task(
                        jobId,
                        "failed",
                        ",\"error\":{\"code\":\"OutputVideoSensitiveContentDetected\",\"message\":"
                            + "\"The request failed because the output video may contain"
                            + " sensitive information.\"}"))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get(TASKS + "/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(TASKS))
            .withHeader("Authorization", equalTo("Bearer ark-key"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"seedance-1-0-pro-250528\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"a lighthouse at dawn, waves rolling in\"}],\"ratio\":\"16:9\","
                        + "\"duration\":8,\"resolution\":\"720p\",\"seed\":42,"
                        + "\"watermark\":false}")));
  }

  @Override
  protected String errorBody(int status) {
    String code =
        switch (status) {
          case 401 -> "AuthenticationError";
          case 403 -> "AccessDenied";
          case 429 -> "RateLimitExceeded.EndpointRPMExceeded";
          case 500, 502, 503 -> "InternalServiceError";
          default -> "InvalidParameter";
        };
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"stubbed\",\"type\":\"x\"}}";
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1}s {2} seed={3} fit={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TEXT_TO_VIDEO | 4 | 1280x720 | 7 | exact | seedance-1-0-pro-250528 ratio=16:9 duration=4 resolution=720p seed=7",
        "TEXT_TO_VIDEO | 12 | 1920x1080 | | exact | seedance-1-0-pro-250528 ratio=16:9 duration=12 resolution=1080p",
        "TEXT_TO_VIDEO | 8 | 720x1280 | | exact | seedance-1-0-pro-250528 ratio=9:16 duration=8 resolution=720p",
        "TEXT_TO_VIDEO | 15 | 1280x720 | | exact | refused DURATION",
        "TEXT_TO_VIDEO | 15 | 1280x720 | | nearest | seedance-1-0-pro-250528 ratio=16:9 duration=12 resolution=720p",
        "TEXT_TO_VIDEO | 8 | 1792x1024 | | exact | refused SIZE",
        "TEXT_TO_VIDEO | 8 | 1792x1024 | | nearest | seedance-1-0-pro-250528 ratio=16:9 duration=8 resolution=1080p",
        "IMAGE_TO_VIDEO | 5 | 1280x720 | | exact | seedance-1-0-pro-250528 ratio=16:9 duration=5 content[1].role=first_frame",
        "FIRST_AND_LAST_FRAMES | 5 | 1280x720 | | exact | seedance-1-0-pro-250528 content[2].role=last_frame",
        "REFERENCE_IMAGES | 5 | 1280x720 | | exact | refused KIND",
      })
  void parameterTable(
      GenerationKind kind, int seconds, String size, Long seed, String fitMode, String expected) {
    stubSubmitAccepted("p");
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO -> 1;
          default -> 2;
        };
    ProviderJob job =
        Jobs.job(
            work, upstreamModel(), kind, seconds, s, seed, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(Map.of("fit", fitMode), null);
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
      upstream.verify(0, postRequestedFor(urlPathEqualTo(TASKS)));
      return;
    }
    provider.submit(job);
    String[] parts = expected.split(" ");
    var verify =
        postRequestedFor(urlPathEqualTo(TASKS))
            .withRequestBody(matchingJsonPath("$.model", equalTo(parts[0])));
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    if (seed == null) {
      verify =
          verify.withRequestBody(
              com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"seed\""));
    }
    upstream.verify(verify);
  }

  @Test
  void liteTextModelsBecomeTheirImageSiblingAndTakeReferenceImages() {
    stubSubmitAccepted("p");
    ProviderJob job =
        Jobs.images(
            work,
            "seedance-1-0-lite-t2v-250428",
            GenerationKind.REFERENCE_IMAGES,
            5,
            OutputSize.of(1280, 720),
            3);
    provider(Map.of(), null).submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo(TASKS))
            .withRequestBody(matchingJsonPath("$.model", equalTo("seedance-1-0-lite-i2v-250428")))
            .withRequestBody(matchingJsonPath("$.content[3].role", equalTo("reference_image"))));
  }

  @Test
  void keepingTheWatermarkSwitchesItOn() {
    stubSubmitAccepted("p");
    ProviderJob job =
        Jobs.job(
            work,
            upstreamModel(),
            GenerationKind.TEXT_TO_VIDEO,
            5,
            OutputSize.of(1280, 720),
            null,
            Map.of("remove_watermark", "false"),
            0,
            0,
            0);
    provider(Map.of(), null).submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo(TASKS))
            .withRequestBody(matchingJsonPath("$.watermark", equalTo("true"))));
    ProviderJob text =
        Jobs.job(
            work,
            upstreamModel(),
            GenerationKind.TEXT_TO_VIDEO,
            5,
            OutputSize.of(1280, 720),
            null,
            Map.of("watermark", "ACME"),
            0,
            0,
            0);
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider(Map.of(), null).submit(text));
    assertThat(e.option()).contains("watermark");
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} {1} → {2}")
  @CsvSource({
    "400, InputTextSensitiveContentDetected, CONTENT_REJECTED, false",
    "400, InputImageSensitiveContentDetected.PrivacyInformation, CONTENT_REJECTED, false",
    "400, InputTextRiskDetection, CONTENT_REJECTED, false",
    "400, InvalidParameter, BAD_INPUT, false",
    "401, AuthenticationError, AUTH, false",
    "403, AccountOverdueError, AUTH, false",
    "404, ModelNotOpen, AUTH, false",
    "429, RateLimitExceeded.EndpointRPMExceeded, RATE_LIMITED, true",
    "429, QuotaExceeded, RATE_LIMITED, true",
    "500, InternalServiceError, UNAVAILABLE, true",
    "503, ServiceUnavailable, UNAVAILABLE, true",
  })
  void failureTable(int status, String code, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @ParameterizedTest(name = "task {0} {1} → {2}")
  @CsvSource({
    "failed, OutputVideoSensitiveContentDetected, CONTENT_VIOLATION, false",
    "failed, InternalServiceError, UPSTREAM_ERROR, true",
    "expired, , UPSTREAM_ERROR, true",
    "cancelled, , CANCELLED, false",
  })
  void taskFailureTable(String status, String code, FailureCode failure, boolean retryable) {
    String error = code == null ? "" : ",\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}";
    stubPollAnswer("t1", json(200, task("t1", status, error)));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "t1")).error();
    assertThat(e.code()).isEqualTo(failure);
    assertThat(e.isRetryable()).isEqualTo(retryable);
  }

  @Test
  void cancelDeletesAQueuedTaskAndLeavesARunningOne() {
    upstream.stubFor(delete(TASKS + "/q1").willReturn(aResponse().withStatus(200).withBody("{}")));
    assertThat(provider().cancel(job(), "q1")).isTrue();
    upstream.stubFor(delete(TASKS + "/r1").willReturn(json(400, errorBody(400))));
    assertThat(provider().cancel(job(), "r1")).isFalse();
  }

  // --- callbacks ---

  private static WebhookRequest callback(String body) {
    return new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tasksCarryTheCallbackUrl() {
    stubSubmitAccepted("c1");
    provider(Map.of(), HOOK).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo(TASKS))
            .withRequestBody(matchingJsonPath("$.callback_url", equalTo(HOOK.toString()))));
  }

  @Test
  void aCallbackIsReadBackFromTheTask() {
    stubPollSucceeded("c2", VIDEO);
    Optional<UpstreamUpdate> update =
        provider(Map.of(), HOOK)
            .parseWebhook(
                callback(
                    task(
                        "c2",
                        "succeeded",
                        ",\"content\":{\"video_url\":\"https://evil.example/v.mp4\"}")));
    assertThat(update).isPresent();
    assertThat(((PollResult.Succeeded) update.get().result()).media().url().getPath())
        .isEqualTo("/tos/c2.mp4");
  }

  @Test
  void aForgedCallbackChangesNothing() {
    stubPollRunning("c3");
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(task("c3", "succeeded", ""))))
        .isEmpty();
    upstream.stubFor(
        get(TASKS + "/c4").willReturn(json(404, "{\"error\":{\"code\":\"ResourceNotFound\"}}")));
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(task("c4", "failed", "")))).isEmpty();
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(task("c5", "running", ""))))
        .isEmpty();
  }
}
