package io.reelgate.providers.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.contract.ProviderContractTest;
import io.reelgate.providers.support.StandardWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicateContractTest extends ProviderContractTest {
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("replicate-signing-secret-0123456".getBytes());
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-replicate");

  @Override
  protected String protocol() {
    return "replicate";
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
      URI baseUrl, Map<String, String> options, URI webhookUrl, String secret) {
    return new ChannelSettings(
        "test-replicate",
        protocol(),
        URI.create(baseUrl + "/v1"),
        "r8_test-key-123",
        options,
        requestTimeout(),
        webhookUrl,
        secret);
  }

  private VideoProvider provider(Map<String, String> options, URI webhookUrl, String secret) {
    return factory()
        .create(settings(URI.create(upstream.baseUrl()), options, webhookUrl, secret), runtime());
  }

  private static String prediction(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"model\":\"google/veo-3.1\",\"version\":\"hidden\",\"status\":\""
        + status
        + "\",\"input\":{\"prompt\":\"a lighthouse\"},\"logs\":\"\",\"error\":null,"
        + "\"created_at\":\"2026-11-21T09:59:00Z\",\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/"
        + id
        + "\",\"cancel\":\"https://api.replicate.com/v1/predictions/"
        + id
        + "/cancel\"}"
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
    upstream.stubFor(
        post("/v1/models/google/veo-3.1/predictions")
            .willReturn(json(201, prediction(jobId, "starting", ""))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post("/v1/models/google/veo-3.1/predictions").willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get("/v1/predictions/" + jobId).willReturn(json(200, prediction(jobId, "processing", ""))));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/delivery/xezq/" + jobId + "/output.mp4";
    upstream.stubFor(
        get("/v1/predictions/" + jobId)
            .willReturn(
                json(200, prediction(jobId, "succeeded", ",\"output\":\"" + url + "\""))
                    .withHeader("Content-Type", "application/json")));
    upstream.stubFor(
        get("/delivery/xezq/" + jobId + "/output.mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    upstream.stubFor(
        get("/v1/predictions/" + jobId)
            .willReturn(
                json(
                    200,
                    prediction(jobId, "failed", "")
                        .replace(
                            "\"error\":null",
                            "\"error\":\"The input or output was flagged as sensitive. Please try"
                                + " again with different inputs. (E005)\""))));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get("/v1/predictions/" + jobId).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/models/google/veo-3.1/predictions"))
            .withHeader("Authorization", equalTo("Bearer r8_test-key-123"))
            .withRequestBody(
                equalToJson(
                    "{\"input\":{\"prompt\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"duration\":8,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\","
                        + "\"seed\":42}}")));
  }

  @Override
  protected String errorBody(int status) {
    String detail =
        status == 429
            ? "Request was throttled. Your rate limit resets in ~7s."
            : "stubbed failure " + status;
    return "{\"title\":\"stubbed\",\"detail\":\"" + detail + "\",\"status\":" + status + "}";
  }

  // --- Replicate specifics ---

  @Test
  void aVersionIsCreatedThroughPredictions() {
    String version = "google/veo-3.1:" + "a".repeat(64);
    upstream.stubFor(
        post("/v1/predictions").willReturn(json(201, prediction("p1", "starting", ""))));
    ProviderJob job =
        new ProviderJob("task_v", job().request(), job().size(), List.of(), version, work);
    provider().submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/predictions"))
            .withRequestBody(matchingJsonPath("$.version", equalTo(version))));
  }

  @Test
  void aChannelWithAWebhookAsksForTheCompletedEvent() {
    stubSubmitAccepted("p2");
    provider(Map.of(), HOOK, SECRET).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/models/google/veo-3.1/predictions"))
            .withRequestBody(matchingJsonPath("$.webhook", equalTo(HOOK.toString())))
            .withRequestBody(
                matchingJsonPath("$.webhook_events_filter", equalToJson("[\"completed\"]"))));
  }

  @Test
  void withoutASecretNoWebhookIsRequested() {
    stubSubmitAccepted("p3");
    provider(Map.of(), HOOK, null).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/models/google/veo-3.1/predictions"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("webhook")));
  }

  @Test
  void imagesGoToTheModelsFieldsAndExtraInputIsMerged() {
    stubSubmitAccepted("p4");
    byte[] small = {1, 2, 3};
    byte[] large = new byte[300 * 1024];
    Arrays.fill(large, (byte) 7);
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            "from dawn to dusk",
            8,
            OutputSize.of(1280, 720),
            List.of("data:image/jpeg;base64,AQID", "https://images.example/last.jpg"),
            "quality",
            Routing.AUTO,
            null,
            Map.of());
    ProviderJob job =
        new ProviderJob(
            "task_ff",
            request,
            OutputSize.of(1280, 720),
            List.of(
                new InputImage(small, new ImageInfo(ImageFormat.JPEG, 1280, 720)),
                new InputImage(large, new ImageInfo(ImageFormat.JPEG, 1280, 720))),
            "google/veo-3.1",
            work);
    provider(Map.of("extra-input", "{\"generate_audio\":false}"), null, null).submit(job);
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/models/google/veo-3.1/predictions"))
            .withRequestBody(
                matchingJsonPath("$.input.image", equalTo("data:image/jpeg;base64,AQID")))
            .withRequestBody(
                matchingJsonPath("$.input.last_frame", equalTo("https://images.example/last.jpg")))
            .withRequestBody(matchingJsonPath("$.input.generate_audio", equalTo("false"))));
  }

  @Test
  void extraInputMustBeAJsonObject() {
    assertThatThrownBy(() -> provider(Map.of("extra-input", "[1, 2]"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test-replicate")
        .hasMessageContaining("extra-input");
  }

  @Test
  void canceledAndAbortedPredictionsFail() {
    stubPollAnswer("p5", json(200, prediction("p5", "canceled", "")));
    ProviderException canceled = ((PollResult.Failed) provider().poll(job(), "p5")).error();
    assertThat(canceled.code()).isEqualTo(FailureCode.CANCELLED);
    assertThat(canceled.isRetryable()).isFalse();
    stubPollAnswer("p6", json(200, prediction("p6", "aborted", "")));
    ProviderException aborted = ((PollResult.Failed) provider().poll(job(), "p6")).error();
    assertThat(aborted.code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(aborted.isRetryable()).isTrue();
  }

  @Test
  void anOutOfCreditAccountIsAnAuthProblem() {
    stubSubmitAnswer(json(402, errorBody(402)));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.AUTH);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void cancelPostsToTheCancelUrl() {
    upstream.stubFor(
        post("/v1/predictions/p7/cancel").willReturn(json(200, prediction("p7", "canceled", ""))));
    assertThat(provider().cancel(job(), "p7")).isTrue();
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/v1/predictions/p7/cancel"))
            .withHeader("Authorization", equalTo("Bearer r8_test-key-123")));
  }

  @Test
  void aSucceededPredictionWithoutOutputIsMalformed() {
    stubPollAnswer("p8", json(200, prediction("p8", "succeeded", ",\"output\":null")));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().poll(job(), "p8"));
    assertThat(e.isRetryable()).isTrue();
    upstream.verify(getRequestedFor(urlPathEqualTo("/v1/predictions/p8")));
  }

  // --- webhooks ---

  private static WebhookRequest signed(String id, long timestamp, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new WebhookRequest(
        Map.of(
            "webhook-id", List.of(id),
            "webhook-timestamp", List.of(Long.toString(timestamp)),
            "webhook-signature", List.of(new StandardWebhooks(SECRET).sign(id, timestamp, bytes))),
        bytes);
  }

  @Test
  void aSignedCompletedPredictionIsAnUpdate() {
    String body =
        prediction("p9", "succeeded", ",\"output\":\"https://replicate.delivery/xezq/p9.mp4\"");
    Optional<UpstreamUpdate> update =
        provider(Map.of(), HOOK, SECRET).parseWebhook(signed("msg_1", NOW.getEpochSecond(), body));
    assertThat(update).isPresent();
    assertThat(update.get().upstreamJobId()).isEqualTo("p9");
    assertThat(((PollResult.Succeeded) update.get().result()).media().url())
        .isEqualTo(URI.create("https://replicate.delivery/xezq/p9.mp4"));
  }

  @Test
  void aSignedFailedPredictionCarriesItsReason() {
    String body =
        prediction("p10", "failed", "")
            .replace("\"error\":null", "\"error\":\"flagged as sensitive (E005)\"");
    UpstreamUpdate update =
        provider(Map.of(), HOOK, SECRET)
            .parseWebhook(signed("msg_2", NOW.getEpochSecond(), body))
            .orElseThrow();
    assertThat(((PollResult.Failed) update.result()).error().code())
        .isEqualTo(FailureCode.CONTENT_VIOLATION);
  }

  @Test
  void aStartEventSaysNothing() {
    assertThat(
            provider(Map.of(), HOOK, SECRET)
                .parseWebhook(
                    signed("msg_3", NOW.getEpochSecond(), prediction("p11", "processing", ""))))
        .isEmpty();
  }

  @Test
  void aWrongSignatureOrStaleTimestampIsRejected() {
    VideoProvider provider = provider(Map.of(), HOOK, SECRET);
    String body = prediction("p12", "succeeded", ",\"output\":\"https://x.example/a.mp4\"");
    WebhookRequest good = signed("msg_4", NOW.getEpochSecond(), body);
    WebhookRequest otherSecret =
        new WebhookRequest(
            Map.of(
                "webhook-id", List.of("msg_4"),
                "webhook-timestamp", List.of(Long.toString(NOW.getEpochSecond())),
                "webhook-signature",
                    List.of(
                        new StandardWebhooks(
                                "whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                            .sign("msg_4", NOW.getEpochSecond(), good.body()))),
            good.body());
    assertThatThrownBy(() -> provider.parseWebhook(otherSecret))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(
            () -> provider.parseWebhook(signed("msg_5", NOW.getEpochSecond() - 600, body)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThat(provider.parseWebhook(good)).isPresent();
  }

  @Test
  void webhooksNeedASecret() {
    assertThat(provider().acceptsWebhooks()).isFalse();
    assertThatThrownBy(() -> provider().parseWebhook(signed("m", NOW.getEpochSecond(), "{}")))
        .isInstanceOf(InvalidWebhookException.class);
  }
}
