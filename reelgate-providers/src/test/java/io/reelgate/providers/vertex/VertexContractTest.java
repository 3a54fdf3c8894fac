package io.reelgate.providers.vertex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexContractTest extends ProviderContractTest {
  private static final String MODEL_PATH =
      "/v1/projects/proj-1/locations/us-central1/publishers/google/models/upstream-model-1";
  private static final String SUBMIT_PATH = MODEL_PATH + ":predictLongRunning";
  private static final String FETCH_PATH = MODEL_PATH + ":fetchPredictOperation";

  private Map<String, String> extraOptions = new HashMap<>();

  @Override
  protected String protocol() {
    return "vertex";
  }

  @Override
  protected Map<String, String> options() {
    Map<String, String> options = new HashMap<>(extraOptions);
    options.put("project", "proj-1");
    options.put("location", "us-central1");
    return options;
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post(urlPathEqualTo(SUBMIT_PATH)).willReturn(okJson("{\"name\":\"" + jobId + "\"}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(urlPathEqualTo(SUBMIT_PATH)).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    stubPollAnswer(jobId, okJson("{\"name\":\"" + jobId + "\"}"));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    stubPollAnswer(
        jobId,
        okJson(
            "{\"name\":\""
                + jobId
                + "\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/"
                + "cloud.ai.large_models.vision.GenerateVideoResponse\",\"videos\":[{"
                + "\"bytesBase64Encoded\":\""
                + Base64.getEncoder().encodeToString(video)
                + "\",\"mimeType\":\"video/mp4\"}]}}"));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    stubPollAnswer(
        jobId,
        okJson(
            "{\"name\":\""
                + jobId
                + "\",\"done\":true,\"response\":{\"raiMediaFilteredCount\":1,"
                + "\"raiMediaFilteredReasons\":[\"58061214: child safety\"]}}"));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(
        post(urlPathEqualTo(FETCH_PATH))
            .withRequestBody(equalToJson("{\"operationName\":\"" + jobId + "\"}"))
            .willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(SUBMIT_PATH))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .withRequestBody(
                matchingJsonPath(
                    "$.instances[0].prompt", equalTo("a lighthouse at dawn, waves rolling in")))
            .withRequestBody(matchingJsonPath("$.parameters.seed", equalTo("42")))
            .withRequestBody(matchingJsonPath("$.parameters.durationSeconds", equalTo("8")))
            .withRequestBody(matchingJsonPath("$.parameters.aspectRatio", equalTo("16:9"))));
  }

  @Override
  protected String errorBody(int status) {
    return "{\"error\":{\"code\":" + status + ",\"message\":\"stubbed\",\"status\":\"X\"}}";
  }

  @Test
  void aGcsResultIsReadThroughTheStorageApiWithTheToken() throws Exception {
    extraOptions.put("storage-uri", "gs://bucket-1/out/");
    extraOptions.put("storage-api-url", upstream.baseUrl());
    stubSubmitAccepted("op-gcs");
    VideoProvider provider = provider();
    provider.submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo(SUBMIT_PATH))
            .withRequestBody(
                matchingJsonPath("$.parameters.storageUri", equalTo("gs://bucket-1/out/"))));
    stubPollAnswer(
        "op-gcs",
        okJson(
            "{\"name\":\"op-gcs\",\"done\":true,\"response\":{\"videos\":[{"
                + "\"gcsUri\":\"gs://bucket-1/out/123/sample_0.mp4\",\"mimeType\":\"video/mp4\"}]}}"));
    upstream.stubFor(
        get(urlPathEqualTo("/bucket-1/out/123/sample_0.mp4"))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .willReturn(aResponse().withBody(VIDEO)));
    PollResult.Succeeded done = (PollResult.Succeeded) provider.poll(job(), "op-gcs");
    assertThat(done.media().url()).isEqualTo(URI.create("gs://bucket-1/out/123/sample_0.mp4"));
    Path target = work.resolve("v.mp4");
    provider.download(job(), done.media(), target);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
  }

  @Test
  void anHttpsResultOnAnotherHostGetsNoToken() throws Exception {
    String elsewhere = upstream.baseUrl().replace("localhost", "127.0.0.1") + "/cdn/v.mp4";
    upstream.stubFor(get(urlPathEqualTo("/cdn/v.mp4")).willReturn(aResponse().withBody(VIDEO)));
    stubPollAnswer(
        "op-url",
        okJson(
            "{\"name\":\"op-url\",\"done\":true,\"response\":{\"videos\":[{\"gcsUri\":\""
                + elsewhere
                + "\"}]}}"));
    VideoProvider provider = provider();
    PollResult.Succeeded done = (PollResult.Succeeded) provider.poll(job(), "op-url");
    Path target = work.resolve("v.mp4");
    provider.download(job(), done.media(), target);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/cdn/v.mp4")).withHeader("Authorization", absent()));
  }

  @Test
  void withoutAKeyNoAuthorizationHeaderIsSent() {
    stubSubmitAccepted("op-proxy");
    VideoProvider provider =
        factory()
            .create(
                new ChannelSettings(
                    "proxy",
                    "vertex",
                    URI.create(upstream.baseUrl()),
                    null,
                    options(),
                    Duration.ofSeconds(2),
                    null,
                    null),
                runtime());
    provider.submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo(SUBMIT_PATH)).withHeader("Authorization", absent()));
  }

  @Test
  void projectAndLocationAreRequiredAndTheBaseUrlDefaultsToTheRegion() {
    assertThatThrownBy(
            () ->
                factory()
                    .create(
                        new ChannelSettings(
                            "v", "vertex", null, "k", Map.of("project", "p"), null, null, null),
                        runtime()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location");
    assertThat(VertexProvider.defaultBaseUrl("europe-west4"))
        .isEqualTo(URI.create("https://europe-west4-aiplatform.googleapis.com"));
    assertThat(VertexProvider.defaultBaseUrl("global"))
        .isEqualTo(URI.create("https://aiplatform.googleapis.com"));
  }
}
