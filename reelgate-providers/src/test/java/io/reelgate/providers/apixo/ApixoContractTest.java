package io.reelgate.providers.apixo;

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
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
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

class ApixoContractTest extends ProviderContractTest {
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final String GENERATE = "/api/v1/generateTask/veo-3-1";
  private static final String STATUS = "/api/v1/statusTask/veo-3-1";

  private boolean callbacks;

  @Override
  protected String protocol() {
    return "apixo";
  }

  @Override
  protected String upstreamModel() {
    return "veo-3-1";
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return new ChannelSettings(
        "test-apixo",
        "apixo",
        baseUrl,
        "test-key-123",
        options(),
        requestTimeout(),
        callbacks ? URI.create("https://gw.example.com/upstream/v1/webhooks/test-apixo") : null,
        callbacks ? SECRET : null);
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(
        post(urlPathEqualTo(GENERATE))
            .willReturn(
                okJson(
                    "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\""
                        + jobId
                        + "\"}}")));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    stubPollAnswer(jobId, okJson(envelope(jobId, "\"state\":\"processing\"")));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    String url = upstream.baseUrl() + "/files/r/video.mp4?expires=1&sig=abc";
    stubPollAnswer(jobId, okJson(envelope(jobId, success(url))));
    upstream.stubFor(
        get(urlPathEqualTo("/files/r/video.mp4")).willReturn(aResponse().withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    stubPollAnswer(
        jobId,
        okJson(
            envelope(
                jobId,
                "\"state\":\"failed\",\"failCode\":\"CONTENT_VIOLATION\","
                    + "\"failMsg\":\"Content does not meet safety guidelines\"")));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(
        get(urlPathEqualTo(STATUS)).withQueryParam("taskId", equalTo(jobId)).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo(GENERATE))
            .withHeader("Authorization", equalTo("Bearer test-key-123"))
            .withRequestBody(
                equalToJson(
                    "{\"request_type\":\"async\",\"input\":{\"mode\":\"quality\","
                        + "\"prompt\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"generationType\":\"TEXT_2_VIDEO\",\"aspect_ratio\":\"16:9\","
                        + "\"seed\":42}}")));
  }

  @Override
  protected String errorBody(int status) {
    String message =
        switch (status) {
          case 401 -> "Invalid or missing API Key";
          case 429 -> "Rate limit exceeded";
          case 400 -> "input.mode must be one of quality, fast";
          default -> "Internal error, please retry later";
        };
    return "{\"code\":" + status + ",\"message\":\"" + message + "\",\"data\":null}";
  }

  static String envelope(String taskId, String fields) {
    return "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\""
        + taskId
        + "\",\"createTime\":1767965610929,"
        + fields
        + "}}";
  }

  static String success(String url) {
    return "\"state\":\"success\",\"resultJson\":\"{\\\"resultUrls\\\":[\\\""
        + url
        + "\\\"]}\",\"completeTime\":1767965730929,\"costTime\":120000";
  }

  @Test
  void insufficientCreditsIsAnAuthFailureThatCreatedNoJob() {
    stubSubmitAnswer(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":400,\"message\":\"Insufficient credits\",\"data\":null}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.AUTH);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void aPromptRefusedOnSubmitIsAContentViolation() {
    stubSubmitAnswer(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"code\":400,\"message\":\"Content violates provider policy, please adjust"
                    + " the prompt\",\"data\":null}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.CONTENT_REJECTED);
    assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
  }

  @Test
  void anErrorEnvelopeInsideHttp200IsReadByItsCode() {
    stubSubmitAnswer(okJson("{\"code\":429,\"message\":\"Rate limit exceeded\",\"data\":null}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMITED);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.jobMayExist()).isFalse();
  }

  @Test
  void failCodesMapOntoFailureCodes() {
    Map<String, FailureCode> codes =
        Map.of(
            "INVALID_IMAGE_URL", FailureCode.INVALID_IMAGE_URL,
            "NSFW_DETECTED", FailureCode.NSFW_DETECTED,
            "PROMPT_TOO_LONG", FailureCode.PROMPT_TOO_LONG,
            "UPSTREAM_ERROR", FailureCode.UPSTREAM_ERROR);
    codes.forEach(
        (failCode, expected) -> {
          stubPollAnswer(
              "t-" + failCode,
              okJson(
                  envelope(
                      "t-" + failCode,
                      "\"state\":\"failed\",\"failCode\":\"" + failCode + "\",\"failMsg\":\"x\"")));
          PollResult.Failed failed = (PollResult.Failed) provider().poll(job(), "t-" + failCode);
          assertThat(failed.error().code()).as(failCode).isEqualTo(expected);
          assertThat(failed.error().isRetryable())
              .as(failCode)
              .isEqualTo(expected == FailureCode.UPSTREAM_ERROR);
        });
  }

  @Test
  void pendingIsRunning() {
    stubPollAnswer("t-p", okJson(envelope("t-p", "\"state\":\"pending\"")));
    assertThat(provider().poll(job(), "t-p")).isInstanceOf(PollResult.Running.class);
  }

  @Test
  void theResultIsDownloadedWithoutTheKey() throws Exception {
    stubPollSucceeded("t-1", VIDEO);
    VideoProvider provider = provider();
    PollResult.Succeeded done = (PollResult.Succeeded) provider.poll(job(), "t-1");
    provider.download(job(), done.media(), work.resolve("v.mp4"));
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/files/r/video.mp4"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void cancelPostsToCancelTask() {
    upstream.stubFor(
        post(urlPathEqualTo("/api/v1/cancelTask/veo-3-1"))
            .withQueryParam("taskId", equalTo("t-9"))
            .willReturn(okJson("{\"code\":200,\"message\":\"success\",\"data\":null}")));
    assertThat(provider().cancel(job(), "t-9")).isTrue();
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/cancelTask/veo-3-1"))
            .withHeader("Authorization", equalTo("Bearer test-key-123")));
  }

  @Test
  void withoutASecretTheChannelPollsAndRejectsCallbacks() {
    VideoProvider provider = provider();
    assertThat(provider.acceptsWebhooks()).isFalse();
    assertThatThrownBy(() -> provider.parseWebhook(new WebhookRequest(Map.of(), new byte[0])))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void withASecretTasksAskForCallbacksAndSignedCallbacksAreRead() {
    callbacks = true;
    stubSubmitAccepted("t-cb");
    VideoProvider provider = provider();
    assertThat(provider.acceptsWebhooks()).isTrue();
    provider.submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo(GENERATE))
            .withRequestBody(matchingJsonPath("$.request_type", equalTo("callback")))
            .withRequestBody(
                matchingJsonPath(
                    "$.callback_url",
                    equalTo("https://gw.example.com/upstream/v1/webhooks/test-apixo"))));

    String body = envelope("t-cb", success("https://files.example.com/v.mp4?sig=1"));
    Optional<UpstreamUpdate> update = provider.parseWebhook(signed(body, NOW.getEpochSecond()));
    assertThat(update).isPresent();
    assertThat(update.get().upstreamJobId()).isEqualTo("t-cb");
    assertThat(((PollResult.Succeeded) update.get().result()).media().url())
        .isEqualTo(URI.create("https://files.example.com/v.mp4?sig=1"));

    String failedBody =
        envelope(
            "t-cb", "\"state\":\"failed\",\"failCode\":\"CONTENT_VIOLATION\",\"failMsg\":\"no\"");
    PollResult.Failed failed =
        (PollResult.Failed)
            provider.parseWebhook(signed(failedBody, NOW.getEpochSecond())).orElseThrow().result();
    assertThat(failed.error().code()).isEqualTo(FailureCode.CONTENT_VIOLATION);

    assertThat(
            provider.parseWebhook(
                signed(envelope("t-cb", "\"state\":\"processing\""), NOW.getEpochSecond())))
        .isEmpty();
  }

  @Test
  void forgedOrStaleCallbacksAreRejected() {
    callbacks = true;
    VideoProvider provider = provider();
    String body = envelope("t-cb", success("https://evil.example.com/v.mp4"));
    WebhookRequest good = signed(body, NOW.getEpochSecond());
    WebhookRequest tampered =
        new WebhookRequest(
            good.headers(), body.replace("evil", "worse").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.parseWebhook(tampered))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> provider.parseWebhook(signed(body, NOW.getEpochSecond() - 600)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidWebhookException.class);
  }

  static WebhookRequest signed(String body, long timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StandardWebhooks signer = new StandardWebhooks(SECRET);
    String signature = signer.sign("msg_1", timestamp, bytes);
    return new WebhookRequest(
        Map.of(
            "Webhook-Id", List.of("msg_1"),
            "Webhook-Timestamp", List.of(Long.toString(timestamp)),
            "Webhook-Signature", List.of("v1,bm90IGl0 " + signature)),
        bytes);
  }
}
