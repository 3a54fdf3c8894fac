package io.reelgate.providers.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.core.FailureCode;
import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiContractTest extends ProviderContractTest {
  private static final String SUBMIT_PATH = "/v1beta/models/upstream-model-1:predictLongRunning";

  @Override
  protected String protocol() {
    return "gemini";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post(urlPathEqualTo(SUBMIT_PATH))
            .willReturn(okJson("{\"name\":\"" + jobId + "\",\"done\":false}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(urlPathEqualTo(SUBMIT_PATH)).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    stubPollAnswer(jobId, okJson("{\"name\":\"" + jobId + "\",\"done\":false}"));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String fileUri = upstream.baseUrl() + "/v1beta/files/abc123:download?alt=media";
    stubPollAnswer(
        jobId,
        okJson(
            "{\"name\":\""
                + jobId
                + "\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/"
                + "google.ai.generativelanguage.v1beta.PredictLongRunningResponse\","
                + "\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\""
                + fileUri
                + "\"}}]}}}"));
    // the file endpoint needs the key and redirects to storage on another host
    String storage =
        upstream.baseUrl().replace("localhost", "127.0.0.1") + "/storage/abc123.mp4?sig=xyz";
    upstream.stubFor(
        get(urlEqualTo("/v1beta/files/abc123:download?alt=media"))
            .withHeader("x-goog-api-key", equalTo("test-key-123"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", storage)));
    upstream.stubFor(
        get(urlPathEqualTo("/storage/abc123.mp4"))
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    stubPollAnswer(
        jobId,
        okJson(
            "{\"name\":\""
                + jobId
                + "\",\"done\":true,\"response\":{\"generateVideoResponse\":{"
                + "\"raiMediaFilteredCount\":1,\"raiMediaFilteredReasons\":[\"The prompt"
                + " could not be submitted: it may violate our policies.\"]}}}"));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get(urlPathEqualTo("/v1beta/" + jobId)).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(SUBMIT_PATH))
            .withHeader("x-goog-api-key", equalTo("test-key-123"))
            .withRequestBody(
                matchingJsonPath(
                    "$.instances[0].prompt", equalTo("a lighthouse at dawn, waves rolling in")))
            .withRequestBody(matchingJsonPath("$.parameters.aspectRatio", equalTo("16:9")))
            .withRequestBody(matchingJsonPath("$.parameters.durationSeconds", equalTo("8")))
            .withRequestBody(matchingJsonPath("$.parameters.resolution", equalTo("720p"))));
  }

  @Override
  protected String errorBody(int status) {
    String state =
        switch (status) {
          case 400 -> "INVALID_ARGUMENT";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "PERMISSION_DENIED";
          case 429 -> "RESOURCE_EXHAUSTED";
          case 503 -> "UNAVAILABLE";
          default -> "INTERNAL";
        };
    return "{\"error\":{\"code\":"
        + status
        + ",\"message\":\"stubbed\",\"status\":\""
        + state
        + "\"}}";
  }

  @Test
  void theKeyIsNotSentToTheStorageHostTheDownloadRedirectsTo() throws Exception {
    stubPollSucceeded("op-9", VIDEO);
    VideoProvider provider = provider();
    PollResult.Succeeded done = (PollResult.Succeeded) provider.poll(job(), "op-9");
    Path target = work.resolve("v.mp4");
    provider.download(job(), done.media(), target);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/v1beta/files/abc123:download"))
            .withHeader("x-goog-api-key", equalTo("test-key-123")));
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/storage/abc123.mp4"))
            .withHeader("x-goog-api-key", absent()));
  }

  @Test
  void aResultOnAnotherHostIsFetchedWithoutTheKey() throws Exception {
    String elsewhere = upstream.baseUrl().replace("localhost", "127.0.0.1") + "/cdn/v.mp4";
    upstream.stubFor(get(urlPathEqualTo("/cdn/v.mp4")).willReturn(aResponse().withBody(VIDEO)));
    Path target = work.resolve("v.mp4");
    provider()
        .download(job(), io.reelgate.providers.ResultMedia.ofUrl(URI.create(elsewhere)), target);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/cdn/v.mp4")).withHeader("x-goog-api-key", absent()));
  }

  @Test
  void anInlineVideoIsWrittenToTheWorkDirectory() throws Exception {
    stubPollAnswer(
        "op-inline",
        okJson(
            "{\"name\":\"op-inline\",\"done\":true,\"response\":{\"generateVideoResponse\":"
                + "{\"generatedSamples\":[{\"video\":{\"encodedVideo\":\""
                + Base64.getEncoder().encodeToString(VIDEO)
                + "\",\"encoding\":\"video/mp4\"}}]}}}"));
    PollResult.Succeeded done = (PollResult.Succeeded) provider().poll(job(), "op-inline");
    assertThat(done.media().file()).isNotNull();
    assertThat(Files.readAllBytes(done.media().file())).isEqualTo(VIDEO);
  }

  @Test
  void anOperationErrorMapsItsRpcCode() {
    stubPollAnswer(
        "op-quota",
        okJson(
            "{\"name\":\"op-quota\",\"done\":true,\"error\":{\"code\":8,"
                + "\"message\":\"Resource has been exhausted\"}}"));
    PollResult.Failed failed = (PollResult.Failed) provider().poll(job(), "op-quota");
    assertThat(failed.error().category()).isEqualTo(FailureCategory.RATE_LIMITED);
    assertThat(failed.error().isRetryable()).isTrue();

    stubPollAnswer(
        "op-bad",
        okJson(
            "{\"name\":\"op-bad\",\"done\":true,\"error\":{\"code\":3,"
                + "\"message\":\"durationSeconds must be 8\"}}"));
    failed = (PollResult.Failed) provider().poll(job(), "op-bad");
    assertThat(failed.error().category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(failed.error().code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(failed.error().isRetryable()).isFalse();
  }

  @Test
  void aRunningOperationHonoursRetryAfter() {
    stubPollAnswer(
        "op-slow", okJson("{\"name\":\"op-slow\",\"done\":false}").withHeader("Retry-After", "42"));
    PollResult.Running running = (PollResult.Running) provider().poll(job(), "op-slow");
    assertThat(running.pollAfter()).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void firstAndLastFramesGoInlineAsImageAndLastFrame() {
    stubSubmitAccepted("op-frames");
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            "a calm sea turning into a storm",
            8,
            OutputSize.of(720, 1280),
            List.of("https://example.com/a.png", "https://example.com/b.jpg"),
            "quality",
            Routing.AUTO,
            null,
            Map.of());
    InputImage first =
        new InputImage(new byte[] {1, 2, 3}, new ImageInfo(ImageFormat.PNG, 720, 1280));
    InputImage last = new InputImage(new byte[] {4, 5}, new ImageInfo(ImageFormat.JPEG, 720, 1280));
    ProviderJob job =
        new ProviderJob(
            "task_f",
            request,
            OutputSize.of(720, 1280),
            List.of(first, last),
            upstreamModel(),
            work);
    provider().submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo(SUBMIT_PATH))
            .withRequestBody(
                matchingJsonPath("$.instances[0].image.bytesBase64Encoded", equalTo("AQID")))
            .withRequestBody(
                matchingJsonPath("$.instances[0].image.mimeType", equalTo("image/png")))
            .withRequestBody(
                matchingJsonPath("$.instances[0].lastFrame.mimeType", equalTo("image/jpeg")))
            .withRequestBody(matchingJsonPath("$.parameters.aspectRatio", equalTo("9:16"))));
  }
}
