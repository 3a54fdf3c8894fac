package io.reelgate.providers.pixazo;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PixazoContractTest extends ProviderContractTest {
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("abcdefghijklmnopqrstuvwxyz012345".getBytes());
  private static final String T2V = "/sora-video/v1/video/generate";
  private static final String I2V = "/sora-video/v1/video/i2v/generate";

  private boolean callbacks;

  @Override
  protected String protocol() {
    return "pixazo";
  }

  @Override
  protected String upstreamModel() {
    return "sora-2-pro";
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return new ChannelSettings(
        "test-pixazo",
        "pixazo",
        baseUrl,
        "test-key-123",
        options(),
        requestTimeout(),
        callbacks ? URI.create("https://gw.example.com/upstream/v1/webhooks/test-pixazo") : null,
        callbacks ? SECRET : null);
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post(urlPathEqualTo(T2V)).willReturn(accepted(jobId)));
  }

  private static ResponseDefinitionBuilder accepted(String jobId) {
    return aResponse()
        .withStatus(202)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"request_id\":\""
                + jobId
                + "\",\"status\":\"QUEUED\",\"polling_url\":\"https://gateway.pixazo.ai/v2/requests/status/"
                + jobId
                + "\"}");
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(urlPathEqualTo(T2V)).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    stubPollAnswer(jobId, okJson(status(jobId, "PROCESSING", null, null)));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/r2/v1/" + jobId + "/output.mp4";
    stubPollAnswer(jobId, okJson(status(jobId, "COMPLETED", null, url)));
    upstream.stubFor(
        get(urlPathEqualTo("/r2/v1/" + jobId + "/output.mp4"))
            .willReturn(aResponse().withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    stubPollAnswer(
        jobId,
        okJson(
            status(jobId, "FAILED", "CONTENT_VIOLATION: Content violates provider policy", null)));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get(urlPathEqualTo("/v2/requests/status/" + jobId)).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(T2V))
            .withHeader("Ocp-Apim-Subscription-Key", equalTo("test-key-123"))
            .withRequestBody(
                equalToJson(
                    "{\"prompt\":\"a lighthouse at dawn, waves rolling in\",\"model\":\"sora-2-pro\","
                        + "\"size\":\"1280x720\",\"seconds\":8}")));
  }

  @Override
  protected String errorBody(int status) {
    String error =
        switch (status) {
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 429 -> "Too Many Requests";
          default -> "Internal Server Error";
        };
    return "{\"error\":\"" + error + "\",\"message\":\"stubbed " + status + "\"}";
  }

  static String status(String id, String state, String error, String url) {
    String output =
        url == null ? "null" : "{\"media_url\":[\"" + url + "\"],\"media_type\":\"video/mp4\"}";
    return "{\"request_id\":\""
        + id
        + "\",\"status\":\""
        + state
        + "\",\"model_id\":\"sora-video\",\"error\":"
        + (error == null ? "null" : "\"" + error + "\"")
        + ",\"output\":"
        + output
        + ",\"created_at\":\"2026-03-31T10:00:00.000Z\",\"updated_at\":\"2026-03-31T10:00:15.000Z\","
        + "\"completed_at\":null}";
  }

  @Test
  void insufficientBalanceIsAnAuthFailureThatCreatedNoJob() {
    stubSubmitAnswer(
        aResponse()
            .withStatus(402)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"error\":\"Insufficient Balance\",\"message\":\"Your wallet does not have enough balance.\"}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.AUTH);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void errorIsASystemFailureThatMayBeRetriedButFailedIsNot() {
    stubPollAnswer("r-err", okJson(status("r-err", "ERROR", "worker crashed", null)));
    PollResult.Failed error = (PollResult.Failed) provider().poll(job(), "r-err");
    assertThat(error.error().code()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(error.error().isRetryable()).isTrue();

    stubPollAnswer("r-fail", okJson(status("r-fail", "FAILED", "generation failed", null)));
    PollResult.Failed failed = (PollResult.Failed) provider().poll(job(), "r-fail");
    assertThat(failed.error().isRetryable()).isFalse();

    stubPollAnswer(
        "r-img",
        okJson(status("r-img", "FAILED", "INVALID_IMAGE_URL: the image cannot be read", null)));
    PollResult.Failed image = (PollResult.Failed) provider().poll(job(), "r-img");
    assertThat(image.error().code()).isEqualTo(FailureCode.INVALID_IMAGE_URL);
    assertThat(image.error().category()).isEqualTo(FailureCategory.BAD_INPUT);
  }

  @Test
  void imageToVideoSendsTheOriginalUrlAndTheImagesSize() {
    upstream.stubFor(post(urlPathEqualTo(I2V)).willReturn(accepted("r-i2v")));
    Submission accepted = provider().submit(imageJob(1792, 1024));
    upstream.verify(
        postRequestedFor(urlPathEqualTo(I2V))
            .withRequestBody(
                matchingJsonPath("$.image", equalTo("https://example.com/city-1792x1024.jpg")))
            .withRequestBody(matchingJsonPath("$.size", equalTo("1792x1024")))
            .withRequestBody(matchingJsonPath("$.seconds", equalTo("12"))));
    assertThat(accepted).isNotNull();
  }

  @Test
  void anImageOfAnotherSizeThanTheTaskIsRefusedBeforeSubmitting() {
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(imageJob(1280, 720)));
    assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(e.isRetryable()).isFalse();
  }

  private ProviderJob imageJob(int imageWidth, int imageHeight) {
    GenerationRequest request =
        new GenerationRequest(
            "sora-2-pro",
            GenerationKind.IMAGE_TO_VIDEO,
            "the city comes alive",
            12,
            OutputSize.of(1792, 1024),
            List.of("https://example.com/city-1792x1024.jpg"),
            "standard",
            Routing.OFFICIAL,
            null,
            Map.of());
    InputImage image =
        new InputImage(new byte[] {1}, new ImageInfo(ImageFormat.JPEG, imageWidth, imageHeight));
    return new ProviderJob(
        "task_i", request, OutputSize.of(1792, 1024), List.of(image), upstreamModel(), work);
  }

  @Test
  void theResultIsDownloadedWithoutTheKey() throws Exception {
    stubPollSucceeded("r-1", VIDEO);
    VideoProvider provider = provider();
    PollResult.Succeeded done = (PollResult.Succeeded) provider.poll(job(), "r-1");
    provider.download(job(), done.media(), work.resolve("v.mp4"));
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/r2/v1/r-1/output.mp4"))
            .withHeader("Ocp-Apim-Subscription-Key", absent()));
  }

  @Test
  void withoutASecretNoCallbackIsAskedFor() {
    stubSubmitAccepted("r-2");
    VideoProvider provider = provider();
    provider.submit(job());
    assertThat(provider.acceptsWebhooks()).isFalse();
    upstream.verify(
        postRequestedFor(urlPathEqualTo(T2V))
            .withRequestBody(matchingJsonPath("$.callback_url", absent())));
    assertThatThrownBy(() -> provider.parseWebhook(new WebhookRequest(Map.of(), new byte[0])))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void signedCallbacksAreReadAndForgedOnesRejected() {
    callbacks = true;
    stubSubmitAccepted("r-3");
    VideoProvider provider = provider();
    assertThat(provider.acceptsWebhooks()).isTrue();
    provider.submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo(T2V))
            .withRequestBody(
                matchingJsonPath(
                    "$.callback_url",
                    equalTo("https://gw.example.com/upstream/v1/webhooks/test-pixazo"))));

    String body = status("r-3", "COMPLETED", null, "https://cdn.example.com/r-3.mp4");
    Optional<UpstreamUpdate> update = provider.parseWebhook(signed(body, NOW.getEpochSecond()));
    assertThat(update.orElseThrow().upstreamJobId()).isEqualTo("r-3");
    assertThat(((PollResult.Succeeded) update.get().result()).media().url())
        .isEqualTo(URI.create("https://cdn.example.com/r-3.mp4"));
    assertThat(
            provider.parseWebhook(
                signed(status("r-3", "QUEUED", null, null), NOW.getEpochSecond())))
        .isEmpty();

    WebhookRequest good = signed(body, NOW.getEpochSecond());
    WebhookRequest forged =
        new WebhookRequest(
            good.headers(),
            body.replace("cdn.example", "evil.example").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.parseWebhook(forged))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> provider.parseWebhook(signed(body, NOW.getEpochSecond() + 400)))
        .isInstanceOf(InvalidWebhookException.class);
  }

  static WebhookRequest signed(String body, long timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature = new StandardWebhooks(SECRET).sign("msg_7", timestamp, bytes);
    return new WebhookRequest(
        Map.of(
            "webhook-id", List.of("msg_7"),
            "webhook-timestamp", List.of(Long.toString(timestamp)),
            "webhook-signature", List.of(signature)),
        bytes);
  }
}
