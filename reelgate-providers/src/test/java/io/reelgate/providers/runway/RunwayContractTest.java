package io.reelgate.providers.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.contract.Jobs;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunwayContractTest extends ProviderContractTest {

  @Override
  protected String protocol() {
    return "runway";
  }

  @Override
  protected String upstreamModel() {
    return "gen4.5";
  }

  private VideoProvider provider(Map<String, String> options) {
    return factory()
        .create(
            new ChannelSettings(
                "test-runway",
                "runway",
                URI.create(upstream.baseUrl()),
                "key_rw",
                options,
                requestTimeout(),
                null,
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
    return "{\"id\":\""
        + id
        + "\",\"createdAt\":\"2026-11-21T09:59:00.000Z\",\"status\":\""
        + status
        + "\""
        + extra
        + "}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post("/v1/text_to_video").willReturn(json(200, "{\"id\":\"" + jobId + "\"}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/v1/text_to_video").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/v1/tasks/" + jobId)
            .willReturn(json(200, task(jobId, "RUNNING", ",\"progress\":0.4"))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/dnznrvs05pmza/" + jobId + ".mp4";
    upstream.stubFor(
        get("/v1/tasks/" + jobId)
            .willReturn(json(200, task(jobId, "SUCCEEDED", ",\"output\":[\"" + url + "\"]"))));
    upstream.stubFor(
        get("/dnznrvs05pmza/" + jobId + ".mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/v1/tasks/" + jobId)
            .willReturn(
                json(
                    200,
                    task(
                        jobId,
                        "FAILED",
                        ",\"failure\":\"Output was flagged by our content moderation.\",\"failureCode\":\"SAFETY.OUTPUT.VIDEO\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/v1/tasks/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/text_to_video"))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .withHeader("X-Runway-Version", equalTo("2024-11-06"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gen4.5\",\"promptText\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"ratio\":\"1280:720\",\"duration\":8,\"seed\":42}")));
  }

  @Override
  protected String errorBody(int status) {
    return "{\"error\":\"stubbed failure " + status + "\"}";
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1} {2}s {3} fit={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gen4.5 | TEXT_TO_VIDEO | 4 | 720x1280 | exact | text_to_video ratio=720:1280 duration=4",
        "gen4.5 | TEXT_TO_VIDEO | 12 | 1280x720 | exact | refused DURATION",
        "gen4.5 | TEXT_TO_VIDEO | 12 | 1280x720 | nearest | text_to_video duration=10",
        "gen4.5 | TEXT_TO_VIDEO | 8 | 1792x1024 | exact | refused SIZE",
        "gen4.5 | TEXT_TO_VIDEO | 8 | 1792x1024 | nearest | text_to_video ratio=1280:720",
        "gen4.5 | IMAGE_TO_VIDEO | 5 | 960x960 | exact | image_to_video ratio=960:960",
        "gen4.5 | FIRST_AND_LAST_FRAMES | 5 | 1280x720 | exact | refused KIND",
        "gen4_turbo | TEXT_TO_VIDEO | 5 | 1280x720 | exact | refused KIND",
        "gen4_turbo | IMAGE_TO_VIDEO | 8 | 1280x720 | nearest | image_to_video duration=10",
        "veo3.1 | TEXT_TO_VIDEO | 8 | 1920x1080 | exact | text_to_video ratio=1920:1080 duration=8",
        "veo3.1 | FIRST_AND_LAST_FRAMES | 8 | 720x1280 | exact | image_to_video promptImage[1].position=last",
        "veo3.1 | REFERENCE_IMAGES | 8 | 1280x720 | exact | refused KIND",
      })
  void parameterTable(
      String model,
      GenerationKind kind,
      int seconds,
      String size,
      String fitMode,
      String expected) {
    upstream.stubFor(
        post(urlPathEqualTo("/v1/text_to_video")).willReturn(json(200, "{\"id\":\"p\"}")));
    upstream.stubFor(
        post(urlPathEqualTo("/v1/image_to_video")).willReturn(json(200, "{\"id\":\"p\"}")));
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO -> 1;
          default -> 2;
        };
    ProviderJob job =
        Jobs.job(work, model, kind, seconds, s, null, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(Map.of("fit", fitMode));
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/text_to_video")));
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/image_to_video")));
      return;
    }
    provider.submit(job);
    String[] parts = expected.split(" ");
    var verify =
        postRequestedFor(urlPathEqualTo("/v1/" + parts[0]))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    upstream.verify(verify);
  }

  @Test
  void theVersionHeaderCanBeSet() {
    stubSubmitAccepted("r1");
    provider(Map.of("runway-version", "2025-06-01")).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/text_to_video"))
            .withHeader("X-Runway-Version", equalTo("2025-06-01")));
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} {1} → {2}")
  @CsvSource({
    "400, Validation of body failed, BAD_INPUT, false",
    "400, You do not have enough credits to run this task., AUTH, false",
    "401, Invalid API key, AUTH, false",
    "429, You have exceeded the rate limit, RATE_LIMITED, true",
    "500, Internal error, UNAVAILABLE, true",
    "503, Service unavailable, UNAVAILABLE, true",
  })
  void failureTable(int status, String text, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(json(status, "{\"error\":\"" + text + "\"}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @ParameterizedTest(name = "task failureCode {0} → {1}")
  @CsvSource({
    "SAFETY.INPUT.TEXT, CONTENT_VIOLATION, false",
    "INPUT_PREPROCESSING.SAFETY.TEXT, CONTENT_VIOLATION, false",
    "ASSET.INVALID, INVALID_IMAGE_URL, false",
    "INTERNAL.BAD_OUTPUT.CODE01, UPSTREAM_ERROR, true",
    "INTERNAL, UPSTREAM_ERROR, true",
  })
  void taskFailureTable(String code, FailureCode failure, boolean retryable) {
    stubPollAnswer(
        "t1",
        json(200, task("t1", "FAILED", ",\"failure\":\"f\",\"failureCode\":\"" + code + "\"")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "t1")).error();
    assertThat(e.code()).isEqualTo(failure);
    assertThat(e.isRetryable()).isEqualTo(retryable);
  }

  @Test
  void throttledTasksAreStillWaiting() {
    stubPollAnswer("t2", json(200, task("t2", "THROTTLED", "")));
    assertThat(provider().poll(job(), "t2")).isInstanceOf(PollResult.Running.class);
  }

  @Test
  void cancelDeletesTheTask() {
    upstream.stubFor(delete("/v1/tasks/t3").willReturn(aResponse().withStatus(204)));
    assertThat(provider().cancel(job(), "t3")).isTrue();
    upstream.verify(
        deleteRequestedFor(urlPathEqualTo("/v1/tasks/t3"))
            .withHeader("X-Runway-Version", equalTo("2024-11-06")));
  }

  @Test
  void aQualityTierUsesItsConfiguredModel() {
    upstream.stubFor(post("/v1/text_to_video").willReturn(json(200, "{\"id\":\"f1\"}")));
    ProviderJob standard = Jobs.text(work, "veo3.1", 8, OutputSize.of(1280, 720));
    io.reelgate.core.request.GenerationRequest r = standard.request();
    io.reelgate.core.request.GenerationRequest fast =
        new io.reelgate.core.request.GenerationRequest(
            "veo-3-1",
            r.kind(),
            r.prompt(),
            8,
            r.size(),
            r.imageUrls(),
            "fast",
            r.routing(),
            null,
            r.options());
    ProviderJob job = new ProviderJob("t_fast", fast, standard.size(), List.of(), "veo3.1", work);
    provider(Map.of("fast-model", "veo3.1_fast")).submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/text_to_video"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("veo3.1_fast"))));
  }
}
