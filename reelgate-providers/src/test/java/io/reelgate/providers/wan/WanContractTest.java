package io.reelgate.providers.wan;

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
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.contract.Jobs;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WanContractTest extends ProviderContractTest {
  static final String CREATE = "/api/v1/services/aigc/video-generation/video-synthesis";

  @Override
  protected String protocol() {
    return "wan";
  }

  @Override
  protected String upstreamModel() {
    return "wan2.5-t2v-preview";
  }

  @Override
  protected ProviderJob job() {
    return Jobs.job(
        work,
        upstreamModel(),
        GenerationKind.TEXT_TO_VIDEO,
        5,
        OutputSize.of(1280, 720),
        42L,
        Map.of(),
        0,
        0,
        0);
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return settings(baseUrl, Map.of());
  }

  private ChannelSettings settings(URI baseUrl, Map<String, String> options) {
    return new ChannelSettings(
        "test-wan",
        "wan",
        URI.create(baseUrl + "/api/v1"),
        "sk-dash",
        options,
        requestTimeout(),
        null,
        null);
  }

  private VideoProvider provider(Map<String, String> options) {
    return factory().create(settings(URI.create(upstream.baseUrl()), options), runtime());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String task(String id, String status, String extra) {
    return "{\"request_id\":\"r1\",\"output\":{\"task_id\":\""
        + id
        + "\",\"task_status\":\""
        + status
        + "\",\"submit_time\":\"2026-11-21 09:59:00.000\""
        + extra
        + "}}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post(CREATE).willReturn(json(200, task(jobId, "PENDING", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(CREATE).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/api/v1/tasks/" + jobId).willReturn(json(200, task(jobId, "RUNNING", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/oss/" + jobId + ".mp4?Expires=1";
    upstream.stubFor(
        get("/api/v1/tasks/" + jobId)
            .willReturn(json(200, task(jobId, "SUCCEEDED", ",\"video_url\":\"" + url + "\""))));
    upstream.stubFor(
        get(urlPathEqualTo("/oss/" + jobId + ".mp4"))
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/api/v1/tasks/" + jobId)
            .willReturn(
                json(
                    200,
                    task(
                        jobId,
                        "FAILED",
                        ",\"code\":\"DataInspectionFailed\",\"message\":\"Output data may contain"
                            + " inappropriate content.\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/api/v1/tasks/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(CREATE))
            .withHeader("Authorization", equalTo("Bearer sk-dash"))
            .withHeader("X-DashScope-Async", equalTo("enable"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"a lighthouse at"
                        + " dawn, waves rolling in\"},\"parameters\":{\"size\":\"1280*720\","
                        + "\"duration\":5,\"seed\":42,\"watermark\":false}}")));
  }

  @Override
  protected String errorBody(int status) {
    String code =
        switch (status) {
          case 401 -> "InvalidApiKey";
          case 403 -> "AccessDenied";
          case 429 -> "Throttling.RateQuota";
          case 500, 502, 503 -> "InternalError";
          default -> "InvalidParameter";
        };
    return "{\"code\":\"" + code + "\",\"message\":\"stubbed\",\"request_id\":\"r\"}";
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1} {2}s {3} fit={4} → {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 10 | 1920x1080 | exact | wan2.5-t2v-preview parameters.size=1920*1080 parameters.duration=10",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 5 | 720x1280 | exact | wan2.5-t2v-preview parameters.size=720*1280",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 8 | 1280x720 | exact | refused DURATION",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 8 | 1280x720 | nearest | wan2.5-t2v-preview parameters.duration=10",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 4 | 1280x720 | nearest | wan2.5-t2v-preview parameters.duration=5",
        "wan2.6-t2v | TEXT_TO_VIDEO | 15 | 1280x720 | exact | wan2.6-t2v parameters.duration=15",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 5 | 1792x1024 | exact | refused SIZE",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 5 | 1792x1024 | nearest | wan2.5-t2v-preview parameters.size=1920*1080",
        "wan2.5-t2v-preview | TEXT_TO_VIDEO | 5 | 1024x1792 | nearest | wan2.5-t2v-preview parameters.size=1080*1920",
        "wan2.2-t2v-plus | TEXT_TO_VIDEO | 5 | 1280x720 | exact | refused SIZE",
        "wan2.5-t2v-preview | IMAGE_TO_VIDEO | 5 | 1280x720 | exact | wan2.5-i2v-preview parameters.resolution=720P",
        "wan2.5-t2v-preview | FIRST_AND_LAST_FRAMES | 5 | 1280x720 | exact | refused KIND",
        "wan2.5-t2v-preview | REFERENCE_IMAGES | 5 | 1280x720 | exact | refused KIND",
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
      assertThat(
              catchThrowableOfType(
                      ProviderException.class, () -> provider.check(job.request(), model))
                  .field())
          .isEqualTo(e.field());
      upstream.verify(0, postRequestedFor(urlPathEqualTo(CREATE)));
      return;
    }
    provider.submit(job);
    String[] parts = expected.split(" ");
    var verify =
        postRequestedFor(urlPathEqualTo(CREATE))
            .withRequestBody(matchingJsonPath("$.model", equalTo(parts[0])));
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=");
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    if (kind == GenerationKind.IMAGE_TO_VIDEO) {
      verify = verify.withRequestBody(matchingJsonPath("$.input.img_url"));
    }
    upstream.verify(verify);
  }

  @Test
  void firstAndLastFramesUseTheConfiguredKeyframeModel() {
    stubSubmitAccepted("p");
    ProviderJob job =
        Jobs.images(
            work,
            upstreamModel(),
            GenerationKind.FIRST_AND_LAST_FRAMES,
            5,
            OutputSize.of(1280, 720),
            2);
    provider(Map.of("first-and-last-frames-model", "wan2.1-kf2v-plus")).submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo(CREATE))
            .withRequestBody(matchingJsonPath("$.model", equalTo("wan2.1-kf2v-plus")))
            .withRequestBody(matchingJsonPath("$.input.first_frame_url"))
            .withRequestBody(matchingJsonPath("$.input.last_frame_url"))
            .withRequestBody(matchingJsonPath("$.parameters.resolution", equalTo("720P"))));
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} {1} → {2}")
  @CsvSource({
    "400, DataInspectionFailed, CONTENT_REJECTED, false",
    "400, InvalidParameter, BAD_INPUT, false",
    "401, InvalidApiKey, AUTH, false",
    "400, Arrearage, AUTH, false",
    "403, AccessDenied.Unpurchased, AUTH, false",
    "429, Throttling.RateQuota, RATE_LIMITED, true",
    "429, Throttling.AllocationQuota, RATE_LIMITED, true",
    "500, InternalError, UNAVAILABLE, true",
  })
  void failureTable(int status, String code, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(
        json(status, "{\"code\":\"" + code + "\",\"message\":\"m\",\"request_id\":\"r\"}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @ParameterizedTest(name = "task {0} {1} → {2}")
  @CsvSource({
    "FAILED, DataInspectionFailed, CONTENT_VIOLATION, false",
    "FAILED, InvalidParameter.DataInspection, CONTENT_VIOLATION, false",
    "FAILED, InternalError.Timeout, UPSTREAM_ERROR, true",
    "CANCELED, , CANCELLED, false",
    "UNKNOWN, , UPSTREAM_ERROR, true",
  })
  void taskFailureTable(String status, String code, FailureCode failure, boolean retryable) {
    stubPollAnswer(
        "w1",
        json(
            200,
            task(
                "w1", status, code == null ? "" : ",\"code\":\"" + code + "\",\"message\":\"m\"")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "w1")).error();
    assertThat(e.code()).isEqualTo(failure);
    assertThat(e.isRetryable()).isEqualTo(retryable);
  }

  @Test
  void wanTakesNoWebhooks() {
    assertThat(provider().acceptsWebhooks()).isFalse();
  }
}
