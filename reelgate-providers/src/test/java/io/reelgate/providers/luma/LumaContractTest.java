package io.reelgate.providers.luma;

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
import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LumaContractTest extends ProviderContractTest {
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-luma");

  @Override
  protected String protocol() {
    return "luma";
  }

  @Override
  protected String upstreamModel() {
    return "ray-2";
  }

  @Override
  protected ProviderJob job() {
    return Jobs.text(work, upstreamModel(), 5, OutputSize.of(1280, 720));
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return settings(baseUrl, Map.of(), null);
  }

  private ChannelSettings settings(URI baseUrl, Map<String, String> options, URI hook) {
    return new ChannelSettings(
        "test-luma",
        "luma",
        URI.create(baseUrl + "/dream-machine/v1"),
        "luma-key",
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

  private static String generation(String id, String state, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"generation_type\":\"video\",\"state\":\""
        + state
        + "\",\"model\":\"ray-2\",\"created_at\":\"2026-11-21T09:59:00Z\""
        + extra
        + "}";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post("/dream-machine/v1/generations/video")
            .willReturn(json(201, generation(jobId, "queued", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/dream-machine/v1/generations/video").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/dream-machine/v1/generations/" + jobId)
            .willReturn(json(200, generation(jobId, "dreaming", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/storage/" + jobId + ".mp4";
    upstream.stubFor(
        get("/dream-machine/v1/generations/" + jobId)
            .willReturn(
                json(
                    200,
                    generation(jobId, "completed", ",\"assets\":{\"video\":\"" + url + "\"}"))));
    upstream.stubFor(
        get("/storage/" + jobId + ".mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/dream-machine/v1/generations/" + jobId)
            .willReturn(
                json(
                    200,
                    generation(
                        jobId,
                        "failed",
                        ",\"failure_reason\":\"Prompt not allowed because it failed moderation\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/dream-machine/v1/generations/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/dream-machine/v1/generations/video"))
            .withHeader("Authorization", equalTo("Bearer luma-key"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"ray-2\",\"prompt\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"aspect_ratio\":\"16:9\",\"duration\":\"5s\",\"resolution\":\"720p\"}")));
  }

  @Override
  protected String errorBody(int status) {
    return "{\"detail\":\"stubbed failure " + status + "\"}";
  }

  // --- parameter table ---

  @ParameterizedTest(name = "{0} {1}s {2} fit={3} → {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TEXT_TO_VIDEO | 9 | 1920x1080 | exact | aspect_ratio=16:9 duration=9s resolution=1080p",
        "TEXT_TO_VIDEO | 5 | 720x1280 | exact | aspect_ratio=9:16 duration=5s resolution=720p",
        "TEXT_TO_VIDEO | 5 | 3840x2160 | exact | resolution=4k",
        "TEXT_TO_VIDEO | 8 | 1280x720 | exact | refused DURATION",
        "TEXT_TO_VIDEO | 8 | 1280x720 | nearest | duration=9s",
        "TEXT_TO_VIDEO | 4 | 1280x720 | nearest | duration=5s",
        "TEXT_TO_VIDEO | 5 | 1792x1024 | exact | refused SIZE",
        "TEXT_TO_VIDEO | 5 | 1792x1024 | nearest | aspect_ratio=16:9 resolution=1080p",
        "IMAGE_TO_VIDEO | 5 | 1280x720 | exact | keyframes.frame0.url=https://images.example/in-0.jpg",
        "FIRST_AND_LAST_FRAMES | 5 | 1280x720 | exact | keyframes.frame1.url=https://images.example/in-1.jpg",
        "REFERENCE_IMAGES | 5 | 1280x720 | exact | refused KIND",
      })
  void parameterTable(
      GenerationKind kind, int seconds, String size, String fitMode, String expected) {
    stubSubmitAccepted("p");
    OutputSize s = OutputSize.parse(size);
    int images =
        switch (kind) {
          case TEXT_TO_VIDEO -> 0;
          case IMAGE_TO_VIDEO -> 1;
          default -> 2;
        };
    ProviderJob job =
        Jobs.job(work, "ray-2", kind, seconds, s, null, Map.of(), images, s.width(), s.height());
    VideoProvider provider = provider(Map.of("fit", fitMode), null);
    if (expected.startsWith("refused ")) {
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider.submit(job));
      assertThat(e.field()).contains(RequestField.valueOf(expected.substring(8)));
      upstream.verify(0, postRequestedFor(urlPathEqualTo("/dream-machine/v1/generations/video")));
      return;
    }
    provider.submit(job);
    var verify = postRequestedFor(urlPathEqualTo("/dream-machine/v1/generations/video"));
    for (String pair : expected.split(" ")) {
      String[] kv = pair.split("=", 2);
      verify = verify.withRequestBody(matchingJsonPath("$." + kv[0], equalTo(kv[1])));
    }
    upstream.verify(verify);
  }

  @Test
  void inlineImagesAreRefusedBecauseLumaFetchesImagesItself() {
    GenerationRequest request =
        new GenerationRequest(
            "sora-2",
            GenerationKind.IMAGE_TO_VIDEO,
            "p",
            5,
            OutputSize.of(1280, 720),
            List.of("data:image/jpeg;base64,AQID"),
            "standard",
            Routing.AUTO,
            null,
            Map.of());
    VideoProvider provider = provider(Map.of(), null);
    assertThat(
            catchThrowableOfType(ProviderException.class, () -> provider.check(request, "ray-2"))
                .field())
        .contains(RequestField.IMAGES);
    ProviderJob job =
        new ProviderJob(
            "t",
            request,
            OutputSize.of(1280, 720),
            List.of(new InputImage(Jobs.IMAGE_BYTES, new ImageInfo(ImageFormat.JPEG, 1280, 720))),
            "ray-2",
            work);
    assertThat(catchThrowableOfType(ProviderException.class, () -> provider.submit(job)).field())
        .contains(RequestField.IMAGES);
  }

  // --- failure table ---

  @ParameterizedTest(name = "HTTP {0} {1} → {2}")
  @CsvSource({
    "400, Invalid aspect ratio, BAD_INPUT, false",
    "400, Prompt not allowed because it contains harmful content, CONTENT_REJECTED, false",
    "400, Insufficient credits, AUTH, false",
    "402, Payment required, AUTH, false",
    "401, Invalid API key, AUTH, false",
    "429, Too many concurrent generations, RATE_LIMITED, true",
    "500, Internal server error, UNAVAILABLE, true",
  })
  void failureTable(int status, String detail, FailureCategory category, boolean retryable) {
    stubSubmitAnswer(json(status, "{\"detail\":\"" + detail + "\"}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(category);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void aGenerationThatFailedForOtherReasonsIsTriedAgain() {
    stubPollAnswer(
        "l1", json(200, generation("l1", "failed", ",\"failure_reason\":\"Internal error\"")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "l1")).error();
    assertThat(e.code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(e.isRetryable()).isTrue();
  }

  // --- unsigned callbacks, confirmed by a poll ---

  private static WebhookRequest callback(String body) {
    return new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void generationsCarryTheCallbackUrl() {
    stubSubmitAccepted("l2");
    provider(Map.of(), HOOK).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/dream-machine/v1/generations/video"))
            .withRequestBody(matchingJsonPath("$.callback_url", equalTo(HOOK.toString()))));
  }

  @Test
  void aCallbackCountsOnlyAsWhatLumaSaysWhenAsked() {
    stubPollSucceeded("l3", VIDEO);
    Optional<UpstreamUpdate> update =
        provider(Map.of(), HOOK)
            .parseWebhook(
                callback(
                    generation(
                        "l3",
                        "completed",
                        ",\"assets\":{\"video\":\"https://evil.example/x.mp4\"}")));
    assertThat(update).isPresent();
    assertThat(((PollResult.Succeeded) update.get().result()).media().url().getPath())
        .isEqualTo("/storage/l3.mp4");
  }

  @Test
  void aForgedCallbackChangesNothing() {
    stubPollRunning("l4");
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(generation("l4", "completed", ""))))
        .isEmpty();
    upstream.stubFor(
        get("/dream-machine/v1/generations/l5")
            .willReturn(json(404, "{\"detail\":\"Not found\"}")));
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(generation("l5", "failed", ""))))
        .isEmpty();
    assertThat(provider(Map.of(), HOOK).parseWebhook(callback(generation("l6", "dreaming", ""))))
        .isEmpty();
  }
}
