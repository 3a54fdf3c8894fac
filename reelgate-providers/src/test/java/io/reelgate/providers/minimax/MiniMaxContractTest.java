package io.reelgate.providers.minimax;

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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiniMaxContractTest extends ProviderContractTest {
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-minimax");
  static final String OK = "\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}";

  @Override
  protected String protocol() {
    return "minimax";
  }

  @Override
  protected String upstreamModel() {
    return "MiniMax-Hailuo-02";
  }

  @Override
  protected ProviderJob job() {
    return Jobs.text(work, upstreamModel(), 6, OutputSize.of(1920, 1080));
  }

  private VideoProvider provider(Map<String, String> options, URI hook) {
    return factory()
        .create(
            new ChannelSettings(
                "test-minimax",
                "minimax",
                URI.create(upstream.baseUrl()),
                "mm-key",
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

  private static String query(String id, String status, String extra) {
    return "{\"task_id\":\"" + id + "\",\"status\":\"" + status + "\"" + extra + "," + OK + "}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post("/v1/video_generation")
            .willReturn(json(200, "{\"task_id\":\"" + jobId + "\"," + OK + "}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/v1/video_generation").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/query/video_generation"))
            .withQueryParam("task_id", equalTo(jobId))
            .willReturn(json(200, query(jobId, "Processing", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/query/video_generation"))
            .withQueryParam("task_id", equalTo(jobId))
            .willReturn(
                json(
                    200,
                    query(
                        jobId,
                        "Success",
                        ",\"file_id\":\"205258526306433\",\"video_width\":1920,\"video_height\":1080"))));
    upstream.stubFor(
        get(urlPathEqualTo("/v1/files/retrieve"))
            .withQueryParam("file_id", equalTo("205258526306433"))
            .willReturn(
                json(
                    200,
                    "{\"file\":{\"file_id\":205258526306433,\"bytes\":0,\"filename\":\"output_aigc.mp4\","
                        + "\"purpose\":\"video_generation\",\"download_url\":\""
                        + upstream.baseUrl()
                        + "/files/"
                        + jobId
                        + ".mp4\"},"
                        + OK
                        + "}")));
    upstream.stubFor(
        get("/files/" + jobId + ".mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/query/video_generation"))
            .withQueryParam("task_id", equalTo(jobId))
            .willReturn(
                json(
                    200,
                    "{\"task_id\":\""
                        + jobId
                        + "\",\"status\":\"Fail\",\"base_resp\":{\"status_code\":0,\"status_msg\":"
                        + "\"output video sensitive\"}}")));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/query/video_generation"))
            .withQueryParam("task_id", equalTo(jobId))
            .willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/video_generation"))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"MiniMax-Hailuo-02\",\"prompt\":\"a lighthouse at dawn, waves"
                        + " rolling in\",\"duration\":6,\"resolution\":\"1080P\","
                        + "\"aigc_watermark\":false}")));
  }

  @Override
  protected String errorBody(int status) {
    int code =
        switch (status) {
          case 401 -> 1004;
          case 403 -> 2049;
          case 429 -> 1002;
          case 500, 502, 503 -> 1013;
          default -> 2013;
        };
    return "{\"base_resp\":{\"status_code\":" + code + ",\"status_msg\":\"stubbed\"}}";
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1} {2}s {3} fit={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 6 | 1920x1080 | exact | MiniMax-Hailuo-02 duration=6 resolution=1080P",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 10 | 1366x768 | exact | MiniMax-Hailuo-02 duration=10 resolution=768P",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 10 | 1920x1080 | exact | refused DURATION",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 10 | 1920x1080 | nearest | MiniMax-Hailuo-02 duration=10 resolution=768P",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 8 | 1280x720 | exact | refused DURATION",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 6 | 1280x720 | exact | refused SIZE",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 8 | 1280x720 | nearest | MiniMax-Hailuo-02 duration=10 resolution=768P",
        "MiniMax-Hailuo-02 | TEXT_TO_VIDEO | 6 | 720x1280 | nearest | refused SIZE",
        "MiniMax-Hailuo-02 | IMAGE_TO_VIDEO | 6 | 1366x768 | exact | MiniMax-Hailuo-02 duration=6 resolution=768P",
        "MiniMax-Hailuo-02 | FIRST_AND_LAST_FRAMES | 6 | 1366x768 | exact | MiniMax-Hailuo-02 duration=6",
        "MiniMax-Hailuo-2.3 | FIRST_AND_LAST_FRAMES | 6 | 1366x768 | exact | refused KIND",
        "T2V-01 | IMAGE_TO_VIDEO | 6 | 1280x720 | exact | I2V-01 duration=6 resolution=720P",
        "S2V-01 | REFERENCE_IMAGES | 6 | 1280x720 | exact | S2V-01 duration=6 resolution=720P",
      })
  void parameterTable(
      String model,
      GenerationKind kind,
      int seconds,
      String size,
      String fitMode,
      String expected) {
    stubSubmitAccepted("p");
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO, REFERENCE_IMAGES -> 1;
          default -> 2;
        };
    ProviderJob job =
        Jobs.job(work, model, kind, seconds, s, null, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(Map.of("fit", fitMode), null);
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/video_generation")));
      return;
    }
    provider.submit(job);
    String[] parts = expected.split(" ");
    var verify =
        postRequestedFor(urlPathEqualTo("/v1/video_generation"))
            .withRequestBody(matchingJsonPath("$.model", equalTo(parts[0])));
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    if (kind == GenerationKind.FIRST_AND_LAST_FRAMES) {
      verify =
          verify
              .withRequestBody(matchingJsonPath("$.first_frame_image"))
              .withRequestBody(matchingJsonPath("$.last_frame_image"));
    }
    if (kind == GenerationKind.REFERENCE_IMAGES) {
      verify =
          verify.withRequestBody(
              matchingJsonPath("$.subject_reference[0].type", equalTo("character")));
    }
    upstream.verify(verify);
  }

  @Test
  void aSeedIsRefusedAndKeepingTheWatermarkSwitchesTheAigcMarkOn() {
    stubSubmitAccepted("p");
    ProviderJob seeded =
        Jobs.job(
            work,
            upstreamModel(),
            GenerationKind.TEXT_TO_VIDEO,
            6,
            OutputSize.of(1920, 1080),
            5L,
            Map.of(),
            0,
            0,
            0);
    assertThat(
            catchThrowableOfType(
                    ProviderException.class, () -> provider(Map.of(), null).submit(seeded))
                .field())
        .contains(RequestField.SEED);
    ProviderJob kept =
        Jobs.job(
            work,
            upstreamModel(),
            GenerationKind.TEXT_TO_VIDEO,
            6,
            OutputSize.of(1920, 1080),
            null,
            Map.of("remove_watermark", "false"),
            0,
            0,
            0);
    provider(Map.of(), null).submit(kept);
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/video_generation"))
            .withRequestBody(matchingJsonPath("$.aigc_watermark", equalTo("true"))));
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} status_code {1} → {2}")
  @CsvSource({
    "200, 1004, AUTH, false",
    "200, 2049, AUTH, false",
    "200, 1008, AUTH, false",
    "200, 1026, CONTENT_REJECTED, false",
    "200, 1027, CONTENT_REJECTED, false",
    "200, 1002, RATE_LIMITED, true",
    "200, 2013, BAD_INPUT, false",
    "200, 1013, UNAVAILABLE, true",
    "200, 1000, UNAVAILABLE, true",
    "401, 1004, AUTH, false",
  })
  void failureTable(int status, int code, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(
        json(
            status,
            "{\"task_id\":\"\",\"base_resp\":{\"status_code\":"
                + code
                + ",\"status_msg\":\"m\"}}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void aFailedTaskForOtherReasonsIsTriedAgain() {
    stubPollAnswer("m1", json(200, query("m1", "Fail", "")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "m1")).error();
    assertThat(e.code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(e.isRetryable()).isTrue();
  }

  // --- callbacks ---

  private static WebhookRequest callback(String body) {
    return new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theChallengeIsEchoed() {
    var reply =
        provider(Map.of(), HOOK)
            .webhookHandshake(callback("{\"challenge\":\"1a3cs1j-601a-118y-ch52-o48911eabc3u\"}"));
    assertThat(reply).isPresent();
    assertThat(reply.get().contentType()).isEqualTo("application/json");
    assertThat(new String(reply.get().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"challenge\":\"1a3cs1j-601a-118y-ch52-o48911eabc3u\"}");
    assertThat(provider(Map.of(), HOOK).webhookHandshake(callback(query("m2", "success", ""))))
        .isEmpty();
  }

  @Test
  void tasksCarryTheCallbackUrl() {
    stubSubmitAccepted("m3");
    provider(Map.of(), HOOK).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/video_generation"))
            .withRequestBody(matchingJsonPath("$.callback_url", equalTo(HOOK.toString()))));
  }

  @Test
  void aStatusCallbackIsReadBackFromTheTask() {
    stubPollSucceeded("m4", VIDEO);
    Optional<UpstreamUpdate> update =
        provider(Map.of(), HOOK)
            .parseWebhook(
                callback(
                    "{\"task_id\":\"m4\",\"status\":\"success\",\"file_id\":\"999\"," + OK + "}"));
    assertThat(update).isPresent();
    assertThat(((PollResult.Succeeded) update.get().result()).media().url().getPath())
        .isEqualTo("/files/m4.mp4");
  }

  @Test
  void aForgedCallbackChangesNothing() {
    stubPollRunning("m5");
    assertThat(
            provider(Map.of(), HOOK)
                .parseWebhook(
                    callback("{\"task_id\":\"m5\",\"status\":\"success\",\"file_id\":\"1\"}")))
        .isEmpty();
    assertThat(
            provider(Map.of(), HOOK)
                .parseWebhook(callback("{\"task_id\":\"m5\",\"status\":\"processing\"}")))
        .isEmpty();
  }
}
