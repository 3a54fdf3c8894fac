package io.reelgate.providers.openai;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.core.FailureCode;
import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.Submission;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.contract.ProviderContractTest;
import io.reelgate.providers.support.StandardWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiVideosContractTest extends ProviderContractTest {
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("openai-test-signing-secret-32b!".getBytes());

  @Override
  protected String protocol() {
    return "openai-videos";
  }

  @Override
  protected String upstreamModel() {
    return "sora-2";
  }

  /** The base URL carries the version, as with the OpenAI SDKs. */
  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return withWebhooks(baseUrl, null);
  }

  private ChannelSettings withWebhooks(URI baseUrl, String secret) {
    return new ChannelSettings(
        "test-openai",
        protocol(),
        URI.create(baseUrl + "/v1"),
        "test-key-123",
        Map.of("project", "proj_1"),
        requestTimeout(),
        null,
        secret);
  }

  private static String video(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"video\",\"model\":\"sora-2\",\"status\":\""
        + status
        + "\",\"progress\":0,\"created_at\":1763718000,\"size\":\"1280x720\",\"seconds\":\"8\""
        + extra
        + "}";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post("/v1/videos").willReturn(json(200, video(jobId, "queued", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/v1/videos").willReturn(answer));
  }

  @Override
  protected boolean runningStubGivesAWaitHint() {
    return true;
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/v1/videos/" + jobId)
            .willReturn(
                json(200, video(jobId, "in_progress", ",\"progress\":40"))
                    .withHeader("openai-poll-after-ms", "2500")));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    upstream.stubFor(
        get("/v1/videos/" + jobId)
            .willReturn(json(200, video(jobId, "completed", ",\"completed_at\":1763718100"))));
    upstream.stubFor(
        get(urlPathEqualTo("/v1/videos/" + jobId + "/content"))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "video/mp4")
                    .withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/v1/videos/" + jobId)
            .willReturn(
                json(
                    200,
                    video(
                        jobId,
                        "failed",
                        ",\"error\":{\"code\":\"moderation_blocked\",\"message\":\"Your request"
                            + " was blocked by our moderation system.\"}"))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/v1/videos/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/videos"))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .withHeader("OpenAI-Project", equalTo("proj_1"))
            .withHeader("Idempotency-Key", equalTo("task_contract1"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"sora-2\",\"prompt\":\"a lighthouse at dawn, waves rolling"
                        + " in\",\"seconds\":\"8\",\"size\":\"1280x720\"}")));
  }

  @Override
  protected String errorBody(int status) {
    String code = status == 429 ? "slow_down" : status >= 500 ? "server_is_overloaded" : null;
    return "{\"error\":{\"message\":\"stubbed failure "
        + status
        + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"")
        + "}}";
  }

  // --- OpenAI specifics ---

  @Test
  void thePollAfterHintIsHonoured() {
    stubPollRunning("video_1");
    PollResult result = provider().poll(job(), "video_1");
    assertThat(result).isEqualTo(new PollResult.Running(Duration.ofMillis(2500)));
  }

  @Test
  void retryAfterMsIsPreferredOnRateLimits() {
    stubSubmitAnswer(
        json(429, errorBody(429))
            .withHeader("retry-after-ms", "1500")
            .withHeader("Retry-After", "9"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void aPromptBlockedAtCreationIsAContentViolation() {
    stubSubmitAnswer(
        json(
            400,
            "{\"error\":{\"message\":\"Your request was blocked by our moderation system.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"moderation_blocked\"}}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.CONTENT_REJECTED);
    assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void anOtherUpstreamFailureIsRetryableUpstreamError() {
    upstream.stubFor(
        get("/v1/videos/video_9")
            .willReturn(
                json(
                    200,
                    video(
                        "video_9",
                        "failed",
                        ",\"error\":{\"code\":\"internal_error\",\"message\":\"render crashed\"}"))));
    PollResult result = provider().poll(job(), "video_9");
    ProviderException e = ((PollResult.Failed) result).error();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(e.getMessage()).contains("render crashed");
  }

  @Test
  void anInputImageIsSentAsADataUrlOfTheCheckedBytes() {
    stubSubmitAccepted("video_2");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    GenerationRequest request =
        new GenerationRequest(
            "sora-2",
            GenerationKind.IMAGE_TO_VIDEO,
            "the cat walks",
            4,
            OutputSize.of(720, 1280),
            List.of("https://images.example/cat.png"),
            "standard",
            Routing.OFFICIAL,
            null,
            Map.of());
    ProviderJob job =
        new ProviderJob(
            "task_img",
            request,
            OutputSize.of(720, 1280),
            List.of(new InputImage(png, new ImageInfo(ImageFormat.PNG, 720, 1280))),
            "sora-2",
            work);
    assertThat(provider().submit(job)).isInstanceOf(Submission.Accepted.class);
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/videos"))
            .withRequestBody(matchingJsonPath("$.size", equalTo("720x1280")))
            .withRequestBody(matchingJsonPath("$.seconds", equalTo("4")))
            .withRequestBody(
                matchingJsonPath(
                    "$.input_reference.image_url",
                    equalTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png)))));
  }

  @Test
  void thereIsNoCancel() {
    assertThat(provider().cancel(job(), "video_1")).isFalse();
    assertThat(upstream.getAllServeEvents()).isEmpty();
  }

  // --- webhooks ---

  private VideoProvider webhookProvider() {
    return factory().create(withWebhooks(URI.create(upstream.baseUrl()), SECRET), runtime());
  }

  private static WebhookRequest signed(String id, long timestamp, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature = new StandardWebhooks(SECRET).sign(id, timestamp, bytes);
    return new WebhookRequest(
        Map.of(
            "Webhook-Id", List.of(id),
            "Webhook-Timestamp", List.of(Long.toString(timestamp)),
            "Webhook-Signature", List.of("v1,bm90LXRoaXMtb25l " + signature)),
        bytes);
  }

  private static String event(String type, String videoId) {
    return "{\"id\":\"evt_1\",\"object\":\"event\",\"created_at\":"
        + NOW.getEpochSecond()
        + ",\"type\":\""
        + type
        + "\",\"data\":{\"id\":\""
        + videoId
        + "\"}}";
  }

  @Test
  void webhooksNeedASecret() {
    assertThat(provider().acceptsWebhooks()).isFalse();
    assertThat(webhookProvider().acceptsWebhooks()).isTrue();
  }

  @Test
  void aSignedCompletedEventFinishesTheVideo() {
    Optional<UpstreamUpdate> update =
        webhookProvider()
            .parseWebhook(
                signed("msg_1", NOW.getEpochSecond() - 30, event("video.completed", "video_7")));
    assertThat(update).isPresent();
    assertThat(update.get().upstreamJobId()).isEqualTo("video_7");
    PollResult.Succeeded done = (PollResult.Succeeded) update.get().result();
    assertThat(done.media().url().toString()).endsWith("/v1/videos/video_7/content");
  }

  @Test
  void aFailedEventReadsTheReasonFromTheVideo() {
    stubPollContentFiltered("video_8");
    Optional<UpstreamUpdate> update =
        webhookProvider()
            .parseWebhook(signed("msg_2", NOW.getEpochSecond(), event("video.failed", "video_8")));
    assertThat(update).isPresent();
    ProviderException e = ((PollResult.Failed) update.get().result()).error();
    assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
  }

  @Test
  void aFailedEventWhoseVideoCannotBeReadIsLeftToPolling() {
    stubPollAnswer("video_8", json(503, errorBody(503)));
    assertThat(
            webhookProvider()
                .parseWebhook(
                    signed("msg_3", NOW.getEpochSecond(), event("video.failed", "video_8"))))
        .isEmpty();
  }

  @Test
  void otherEventsSayNothing() {
    assertThat(
            webhookProvider()
                .parseWebhook(
                    signed("msg_4", NOW.getEpochSecond(), event("response.completed", "resp_1"))))
        .isEmpty();
  }

  @Test
  void aTamperedBodyIsRejected() {
    WebhookRequest good =
        signed("msg_5", NOW.getEpochSecond(), event("video.completed", "video_7"));
    WebhookRequest tampered =
        new WebhookRequest(
            good.headers(), event("video.completed", "video_666").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> webhookProvider().parseWebhook(tampered))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void aStaleOrFutureTimestampIsRejected() {
    VideoProvider provider = webhookProvider();
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed("msg_6", NOW.getEpochSecond() - 301, event("video.completed", "v"))))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("5 minutes");
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed("msg_7", NOW.getEpochSecond() + 301, event("video.completed", "v"))))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void missingHeadersAreRejected() {
    WebhookRequest unsigned =
        new WebhookRequest(
            Map.of("webhook-id", List.of("msg_8")),
            event("video.completed", "v").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> webhookProvider().parseWebhook(unsigned))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("webhook-timestamp");
  }

  @Test
  void theContentDownloadSendsTheKeyOnlyToTheUpstream() throws Exception {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/videos/video_r/content"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader(
                        "Location",
                        "http://127.0.0.1:" + upstream.getPort() + "/cdn/video_r.mp4")));
    upstream.stubFor(
        get("/cdn/video_r.mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(VIDEO)));
    VideoProvider provider = provider();
    java.nio.file.Path target = work.resolve("r.mp4");
    provider.download(
        job(),
        io.reelgate.providers.ResultMedia.ofUrl(
            URI.create(upstream.baseUrl() + "/v1/videos/video_r/content")),
        target);
    assertThat(java.nio.file.Files.readAllBytes(target)).isEqualTo(VIDEO);
  }
}
